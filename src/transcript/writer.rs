//! Durable appends: one event a line, written whole and fsynced before returning.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Event, TranscriptError};
use crate::llm::ApiKey;

/// Appends events to a transcript file, each one on disk before [`TranscriptWriter::append`]
/// returns. The file is created with mode 0600.
#[derive(Debug)]
pub struct TranscriptWriter {
    file: File,
    path: PathBuf,
    scrub: Option<ApiKey>,
}

impl TranscriptWriter {
    /// Creates a new transcript (fails if it exists, so a round never overwrites another).
    pub fn create(path: &Path) -> Result<Self, TranscriptError> {
        Self::open(path, true)
    }

    /// Opens an existing transcript to append to (for a resumed round).
    pub fn append_to(path: &Path) -> Result<Self, TranscriptError> {
        Self::open(path, false)
    }

    fn open(path: &Path, create_new: bool) -> Result<Self, TranscriptError> {
        let mut opts = OpenOptions::new();
        opts.append(true);
        if create_new {
            opts.create_new(true);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let file = opts.open(path).map_err(|source| TranscriptError::Io {
            file: path.display().to_string(),
            source,
        })?;
        let mut w = Self {
            file,
            path: path.to_path_buf(),
            scrub: None,
        };
        if !create_new {
            w.repair_torn_tail()?;
        }
        Ok(w)
    }

    /// Scrubs this key from every event written from now on, should it ever be pasted in.
    pub fn scrub_secret(&mut self, key: ApiKey) {
        self.scrub = Some(key);
    }

    /// The file written to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes one event as a line and fsyncs it.
    pub fn append(&mut self, event: &Event) -> Result<(), TranscriptError> {
        let mut line = serde_json::to_string(event).expect("events always serialise");
        if let Some(key) = &self.scrub {
            line = key.scrub(&line);
        }
        line.push('\n');
        self.file
            .write_all(line.as_bytes())
            .and_then(|()| self.file.sync_data())
            .map_err(|source| self.io(source))
    }

    /// A crash mid-write can leave a last line without its newline; end it so the next event
    /// starts on a line of its own (the reader then drops the torn line as a malformed middle line
    /// would be an error, so we cut it off instead).
    fn repair_torn_tail(&mut self) -> Result<(), TranscriptError> {
        let text = std::fs::read(&self.path).map_err(|e| self.io(e))?;
        if text.is_empty() || text.ends_with(b"\n") {
            return Ok(());
        }
        let keep = text.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        self.file.set_len(keep as u64).map_err(|e| self.io(e))?;
        self.file.sync_all().map_err(|e| self.io(e))
    }

    fn io(&self, source: std::io::Error) -> TranscriptError {
        TranscriptError::Io {
            file: self.path.display().to_string(),
            source,
        }
    }
}
