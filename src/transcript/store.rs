//! One folder per round under the sessions directory: `<id>/transcript.jsonl` (and, once the
//! critique exists, `critique.json` and `critique.md` beside it).

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{EndReason, Header, Transcript, TranscriptError, TranscriptWriter, read_transcript};
use crate::files;

/// The transcript's file name inside a session folder.
pub const TRANSCRIPT_FILE: &str = "transcript.jsonl";
/// The lock file inside a session folder, held by the process playing the round.
pub const LOCK_FILE: &str = "lock";

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

    /// Whether `id` can be one of our session folders: 1 to 100 letters, digits, `-` and `_`.
    /// Ids that come from files (a transcript's header) are checked the same way as typed ones.
    pub fn check_id(id: &str) -> Result<(), TranscriptError> {
        let ok = !id.is_empty()
            && id.len() <= 100
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if ok {
            Ok(())
        } else {
            Err(TranscriptError::BadId(id.chars().take(100).collect()))
        }
    }

    /// Creates the session folder (mode 0700) and its transcript, writing the header first. The
    /// writer holds the session's lock.
    pub fn create(&self, header: &Header) -> Result<TranscriptWriter, TranscriptError> {
        let id = &header.session_id;
        Self::check_id(id)?;
        let dir = self.root.join(id);
        files::create_private_dir_all(&self.root)
            .and_then(|()| files::create_private_dir(&dir, true))
            .map_err(|cause| io(&dir, cause))?;
        let lock = SessionLock::take(&dir, id)?;
        let mut writer = TranscriptWriter::create(&dir.join(TRANSCRIPT_FILE))?.hold(lock);
        writer.append(&super::Event::Header(header.clone()))?;
        Ok(writer)
    }

    /// The folder of session `id`.
    pub fn dir_of(&self, id: &str) -> PathBuf {
        self.root.join(id)
    }

    /// Reads session `id`'s transcript. Its header must name the same id.
    pub fn open(&self, id: &str) -> Result<Transcript, TranscriptError> {
        Self::check_id(id)?;
        let dir = self.dir_of(id);
        let path = dir.join(TRANSCRIPT_FILE);
        let real_dir = std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir());
        if !real_dir || !path.is_file() {
            return Err(TranscriptError::NoSession(id.to_string()));
        }
        let t = read_transcript(&path)?;
        if t.header.session_id != id {
            return Err(TranscriptError::Malformed {
                file: path.display().to_string(),
                line: 1,
                cause: format!(
                    "the header's session_id `{}` is not its folder's name `{id}`",
                    t.header.session_id.chars().take(100).collect::<String>()
                ),
            });
        }
        Ok(t)
    }

    /// Takes session `id` to go on with it: locks it (so no other process writes to it), reads
    /// its transcript, checks it can go on (never ended, or left with `/quit`), and opens it for
    /// appending. Nothing on disk changes when any of that fails.
    pub fn resume(&self, id: &str) -> Result<(Transcript, TranscriptWriter), TranscriptError> {
        self.open(id)?;
        let dir = self.dir_of(id);
        let lock = SessionLock::take(&dir, id)?;
        let t = self.open(id)?;
        if !t.resumable() {
            let reason = t.end().map(|r| format!("{r:?}").to_lowercase());
            return Err(TranscriptError::Ended {
                id: id.to_string(),
                reason: reason.unwrap_or_default(),
            });
        }
        let writer = TranscriptWriter::append_to(&dir.join(TRANSCRIPT_FILE))?.hold(lock);
        Ok((t, writer))
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

fn io(path: &Path, cause: std::io::Error) -> TranscriptError {
    TranscriptError::Io {
        file: path.display().to_string(),
        cause,
    }
}

/// An exclusive lock on one session folder, held by the process playing it. The OS drops it when
/// the process ends, however it ends, so a crash never leaves a session locked.
#[derive(Debug)]
pub struct SessionLock {
    _file: std::fs::File,
}

impl SessionLock {
    /// Locks the session in `dir`, writing this process's id into the lock file for whoever
    /// finds it taken.
    pub fn take(dir: &Path, id: &str) -> Result<Self, TranscriptError> {
        use std::io::{Read, Seek, Write};
        let path = dir.join(LOCK_FILE);
        let mut file = files::open_append(&path, true).map_err(|e| io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file
                    .seek(std::io::SeekFrom::Start(0))
                    .and_then(|_| file.read_to_string(&mut text));
                return Err(TranscriptError::InUse {
                    id: id.to_string(),
                    pid: text.trim().parse().ok(),
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(&path, e)),
        }
        file.set_len(0)
            .and_then(|()| writeln!(file, "{}", std::process::id()))
            .map_err(|e| io(&path, e))?;
        Ok(Self { _file: file })
    }
}
