//! One folder per round under the sessions directory: `<id>/transcript.jsonl` (and, once the
//! critique exists, `critique.json` and `critique.md` beside it).

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{EndReason, Header, Transcript, TranscriptError, TranscriptWriter, read_transcript};

/// The transcript's file name inside a session folder.
pub const TRANSCRIPT_FILE: &str = "transcript.jsonl";

/// Where rounds are kept.
#[derive(Debug, Clone)]
pub struct SessionStore {
    root: PathBuf,
}

/// A saved round, as `hotseat sessions` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionSummary {
    /// The header of its transcript.
    pub header: Header,
    /// Round time reached.
    pub duration: Duration,
    /// How it ended, if it did.
    pub end: Option<EndReason>,
    /// Turns taken.
    pub turns: usize,
    /// Its folder.
    pub dir: PathBuf,
}

impl SessionStore {
    /// A store rooted at `root` (created on first write).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The default root: the user's data dir, `.../hotseat/sessions`.
    pub fn default_root() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "hotseat").map(|d| d.data_dir().join("sessions"))
    }

    /// The root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A new id: sortable by start time, unique by a random suffix.
    pub fn new_id(now: time::OffsetDateTime) -> String {
        let fmt = time::macros::format_description!("[year][month][day]-[hour][minute][second]");
        let stamp = now.format(&fmt).unwrap_or_else(|_| "session".into());
        let suffix = uuid::Uuid::new_v4().simple().to_string();
        format!("{stamp}-{}", &suffix[..6])
    }

    /// Creates the session folder (mode 0700) and its transcript, writing the header first.
    pub fn create(&self, header: &Header) -> Result<TranscriptWriter, TranscriptError> {
        let dir = self.root.join(&header.session_id);
        create_private_dir(&dir).map_err(|source| TranscriptError::Io {
            file: dir.display().to_string(),
            source,
        })?;
        let mut writer = TranscriptWriter::create(&dir.join(TRANSCRIPT_FILE))?;
        writer.append(&super::Event::Header(header.clone()))?;
        Ok(writer)
    }

    /// The folder of session `id`.
    pub fn dir_of(&self, id: &str) -> PathBuf {
        self.root.join(id)
    }

    /// Reads session `id`'s transcript.
    pub fn open(&self, id: &str) -> Result<Transcript, TranscriptError> {
        let path = self.dir_of(id).join(TRANSCRIPT_FILE);
        if id.contains(['/', '\\']) || id.starts_with('.') || !path.is_file() {
            return Err(TranscriptError::NoSession(id.to_string()));
        }
        read_transcript(&path)
    }

    /// Every readable session, oldest first. Unreadable folders are skipped and returned
    /// separately so the caller can mention them.
    pub fn list(&self) -> (Vec<SessionSummary>, Vec<TranscriptError>) {
        let mut found = Vec::new();
        let mut broken = Vec::new();
        let Ok(entries) = std::fs::read_dir(&self.root) else {
            return (found, broken);
        };
        for entry in entries.flatten() {
            let path = entry.path().join(TRANSCRIPT_FILE);
            if !path.is_file() {
                continue;
            }
            match read_transcript(&path) {
                Ok(t) => found.push(SessionSummary {
                    duration: t.last_at(),
                    end: t.end(),
                    turns: t.turns().count(),
                    header: t.header,
                    dir: entry.path(),
                }),
                Err(e) => broken.push(e),
            }
        }
        found.sort_by(|a, b| {
            (&a.header.started_at, &a.header.session_id)
                .cmp(&(&b.header.started_at, &b.header.session_id))
        });
        (found, broken)
    }
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}
