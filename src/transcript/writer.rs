//! Durable appends: one event a line, written whole and fsynced before returning.

use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::{Event, SessionLock, TranscriptError};
use crate::files;
use crate::llm::Scrubber;

/// Appends events to a transcript file, each one on disk before [`TranscriptWriter::append`]
/// returns. The file is created with mode 0600 and never opened through a symbolic link; every
/// line passes the [`Scrubber`] on its way to disk.
#[derive(Debug)]
pub struct TranscriptWriter {
    file: File,
    path: PathBuf,
    scrub: Scrubber,
    /// The session's lock, held for as long as the round writes.
    _lock: Option<SessionLock>,
}

impl TranscriptWriter {
    /// Creates a new transcript (fails if anything is there, so a round never overwrites another).
    pub fn create(path: &Path) -> Result<Self, TranscriptError> {
        let file = files::create_private(path).map_err(|e| io(path, e))?;
        Ok(Self::with(file, path))
    }

    /// Opens an existing transcript to append to (for a resumed round). A torn last line (a crash
    /// mid-write) is cut off first, so the next event starts on a line of its own.
    pub fn append_to(path: &Path) -> Result<Self, TranscriptError> {
        let file = files::open_append(path, false).map_err(|e| io(path, e))?;
        let w = Self::with(file, path);
        w.repair_torn_tail()?;
        Ok(w)
    }

    fn with(file: File, path: &Path) -> Self {
        Self {
            file,
            path: path.to_path_buf(),
            scrub: Scrubber::default(),
            _lock: None,
        }
    }

    /// Keeps `lock` until the writer is dropped.
    pub(super) fn hold(mut self, lock: SessionLock) -> Self {
        self._lock = Some(lock);
        self
    }

    /// Scrubs these secrets from every event written from now on, should one ever be pasted in or
    /// echoed by a model. Key shapes are scrubbed even before this is called.
    pub fn scrub_with(&mut self, scrubber: Scrubber) {
        self.scrub = scrubber;
    }

    /// The file written to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes one event as a line and fsyncs it.
    pub fn append(&mut self, event: &Event) -> Result<(), TranscriptError> {
        let line = serde_json::to_string(event).expect("events always serialise");
        let mut line = self.scrub.scrub(&line).into_owned();
        line.push('\n');
        self.file
            .write_all(line.as_bytes())
            .and_then(|()| self.file.sync_data())
            .map_err(|e| io(&self.path, e))
    }

    /// A crash mid-write can leave a last line without its newline; the reader drops it, and the
    /// writer cuts it off so the next event does not run on from it.
    fn repair_torn_tail(&self) -> Result<(), TranscriptError> {
        let mut text = Vec::new();
        let mut handle = &self.file;
        handle
            .seek(std::io::SeekFrom::Start(0))
            .and_then(|_| handle.read_to_end(&mut text))
            .map_err(|e| io(&self.path, e))?;
        if text.is_empty() || text.ends_with(b"\n") {
            return Ok(());
        }
        let keep = text.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        self.file
            .set_len(keep as u64)
            .and_then(|()| self.file.sync_all())
            .map_err(|e| io(&self.path, e))
    }
}

fn io(path: &Path, cause: std::io::Error) -> TranscriptError {
    TranscriptError::Io {
        file: path.display().to_string(),
        cause,
    }
}
