//! The round's record: one JSON event a line in `transcript.jsonl`, written and fsynced before the
//! next prompt so a crash loses nothing that was finished.
//!
//! [`TranscriptWriter`] appends durably, [`read_transcript`] reads back (tolerating a torn last
//! line from a crash), [`SessionStore`] keeps one folder per round.

pub mod import;
mod store;
mod writer;

use std::path::Path;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::clock::{Phase, TimePlan};
use crate::llm::Usage;
use crate::persona::PressureKind;
use crate::question::{Concern, Level, Topic};

pub use store::{LOCK_FILE, SessionLock, SessionStore, SessionSummary, TRANSCRIPT_FILE};
pub use writer::TranscriptWriter;

/// The transcript format's version, written in every header.
pub const FORMAT_VERSION: u32 = 1;

/// The latest round time an event may carry: far past any plan (at most
/// [`crate::clock::MAX_PLAN_MINUTES`]) and an overrun, far short of overflowing a clock.
pub const MAX_ROUND_TIME: Duration = Duration::from_secs(7 * 24 * 3600);

/// Who spoke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Speaker {
    /// The interviewer (offline engine or model).
    Interviewer,
    /// The person practising.
    Candidate,
}

/// What a round is: written once, first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// Format version.
    pub version: u32,
    /// The session's id (its folder name).
    pub session_id: String,
    /// Persona id.
    pub persona: String,
    /// Question id.
    pub question: String,
    /// Level the round is pitched at.
    pub level: Level,
    /// `offline` or `openai`.
    pub engine: String,
    /// The model, for the OpenAI-compatible engine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Seed of the offline engine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// The round's time plan.
    pub plan: TimePlan,
    /// Wall-clock start, RFC 3339.
    pub started_at: String,
    /// hotseat's version.
    pub hotseat_version: String,
    /// The interview loop this round belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loop_id: Option<String>,
    /// The round's number within its loop (1-based).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loop_round: Option<u32>,
    /// How the virtual clock moved (`--turn-minutes`, `--words-per-minute`), so a resumed
    /// scripted round keeps its clock; absent for a round on the real clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pace: Option<crate::clock::Pace>,
}

/// What the interviewer meant by a turn: the steering that produced it. Evals and the critique
/// read it; the candidate never sees it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TurnIntent {
    /// Hidden requirement topics this turn revealed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revealed: Vec<Topic>,
    /// What the turn pressed on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pressure: Option<PressureKind>,
    /// The component the pressure was about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    /// The hotspot it probed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probe: Option<Concern>,
    /// Whether it sprang the twist.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub twist: bool,
    /// Whether it closed the round.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub closing: bool,
}

/// One turn of dialogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    /// 1-based turn number across both speakers.
    pub n: usize,
    /// Who spoke.
    pub role: Speaker,
    /// What was said.
    pub text: String,
    /// When, from the start of the round.
    #[serde(rename = "at_ms", with = "crate::serde_ms")]
    pub at: Duration,
    /// The phase it fell in.
    pub phase: Phase,
    /// Token usage of the model call that produced it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Usage>,
    /// Model latency for it, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<u64>,
    /// Set when the reply was cut short (stream broke, or cancelled): why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<String>,
    /// The steering behind an interviewer turn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent: Option<TurnIntent>,
    /// What a reasoning model thought before this turn: kept apart, never the interviewer's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
    /// On a model turn, what the reply guard decided: whose words the candidate heard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guard: Option<GuardRecord>,
}

/// Whose words a model turn spoke, after the reply guard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Spoken {
    /// The model's first draft passed.
    Model,
    /// The first draft was rejected; the regenerated one passed.
    Regenerated,
    /// Both drafts were rejected (or the model gave none): the offline engine's line was spoken.
    Offline,
}

/// What the reply guard decided on a model turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GuardRecord {
    /// Whose words were spoken.
    pub spoken: Spoken,
    /// What each rejected draft broke, one line per draft.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<String>,
}

/// Why a round ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EndReason {
    /// The clock ran out.
    TimeUp,
    /// The candidate ended it (`/end`, Ctrl-D, end of input).
    Ended,
    /// The candidate quit (`/quit`).
    Quit,
    /// The model failed and the round could not go on.
    ModelError,
}

/// One line of `transcript.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Event {
    /// What the round is.
    Header(Header),
    /// A turn of dialogue.
    Turn(Turn),
    /// A phase began.
    Phase {
        /// The phase.
        phase: Phase,
        /// When.
        #[serde(rename = "at_ms", with = "crate::serde_ms")]
        at: Duration,
    },
    /// A time warning was given.
    Warning {
        /// Minutes left.
        minutes_left: u32,
        /// When.
        #[serde(rename = "at_ms", with = "crate::serde_ms")]
        at: Duration,
    },
    /// The round was resumed after a stop.
    Resumed {
        /// Round time at the resume.
        #[serde(rename = "at_ms", with = "crate::serde_ms")]
        at: Duration,
        /// Wall-clock time of the resume, RFC 3339.
        wall: String,
    },
    /// The model failed on a turn.
    Error {
        /// One line saying what failed.
        message: String,
        /// When.
        #[serde(rename = "at_ms", with = "crate::serde_ms")]
        at: Duration,
    },
    /// The round ended.
    End {
        /// Why.
        reason: EndReason,
        /// When.
        #[serde(rename = "at_ms", with = "crate::serde_ms")]
        at: Duration,
    },
}

impl Event {
    /// The round time the event happened at (zero for the header).
    pub fn at(&self) -> Duration {
        match self {
            Event::Header(_) => Duration::ZERO,
            Event::Turn(t) => t.at,
            Event::Phase { at, .. }
            | Event::Warning { at, .. }
            | Event::Resumed { at, .. }
            | Event::Error { at, .. }
            | Event::End { at, .. } => *at,
        }
    }
}

/// A transcript read back from disk.
#[derive(Debug, Clone, PartialEq)]
pub struct Transcript {
    /// The header.
    pub header: Header,
    /// Every event after the header, in order.
    pub events: Vec<Event>,
    /// Whether a torn last line (a crash mid-write) was dropped.
    pub torn_tail: bool,
}

impl Transcript {
    /// The turns, in order.
    pub fn turns(&self) -> impl Iterator<Item = &Turn> {
        self.events.iter().filter_map(|e| match e {
            Event::Turn(t) => Some(t),
            _ => None,
        })
    }

    /// How the round ended, if it did: the last `end` event, unless the round was resumed after
    /// it (a round left with `/quit` goes on).
    pub fn end(&self) -> Option<EndReason> {
        self.events.iter().rev().find_map(|e| match e {
            Event::End { reason, .. } => Some(Some(*reason)),
            Event::Resumed { .. } => Some(None),
            _ => None,
        })?
    }

    /// Whether the round can go on with `--resume`: it never ended, or was left with `/quit`.
    pub fn resumable(&self) -> bool {
        matches!(self.end(), None | Some(EndReason::Quit))
    }

    /// The latest round time recorded.
    pub fn last_at(&self) -> Duration {
        self.events.iter().map(Event::at).max().unwrap_or_default()
    }
}

/// A transcript that could not be read, written or locked.
#[derive(Debug, thiserror::Error)]
pub enum TranscriptError {
    /// The file could not be opened or written.
    #[error("{file}: {cause}")]
    Io {
        /// The file.
        file: String,
        /// The cause (shown in the message, so not chained as a source: said once).
        cause: std::io::Error,
    },
    /// A line is not a valid event.
    #[error("{file}:{line}: {}", crate::data::one_line(.cause))]
    Malformed {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        cause: String,
    },
    /// No such session.
    #[error("no session `{0}` (see `hotseat sessions`)")]
    NoSession(String),
    /// A session id that cannot be a folder name of ours.
    #[error(
        "`{0}` is not a session id: ids are letters, digits, `-` and `_` (see `hotseat sessions`)"
    )]
    BadId(String),
    /// Another hotseat process holds the session.
    #[error("session `{id}` is in use by {}; wait for it to finish or end it first", holder(*.pid))]
    InUse {
        /// The session id.
        id: String,
        /// The process holding it, when it said.
        pid: Option<u32>,
    },
    /// The round ended and cannot go on.
    #[error("session `{id}` already ended ({reason}); start a new round instead")]
    Ended {
        /// The session id.
        id: String,
        /// How it ended.
        reason: String,
    },
}

fn holder(pid: Option<u32>) -> String {
    match pid {
        Some(pid) => format!("pid {pid}"),
        None => "another hotseat process".into(),
    }
}

/// Reads a `transcript.jsonl`. A last line without its newline that does not parse is a write torn
/// by a crash: it is dropped and flagged, never an error. Any other bad line is an error naming it.
pub fn read_transcript(path: &Path) -> Result<Transcript, TranscriptError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|cause| TranscriptError::Io {
        file: file.clone(),
        cause,
    })?;
    parse_transcript(&file, &String::from_utf8_lossy(&bytes))
}

/// Parses the text of a `transcript.jsonl` (named `file` in errors) with [`read_transcript`]'s
/// rules: blank lines ignored, the header first and once, a torn last line dropped.
pub fn parse_transcript(file: &str, text: &str) -> Result<Transcript, TranscriptError> {
    let file = file.to_string();
    let ends_clean = text.ends_with('\n');
    let lines: Vec<&str> = text.lines().collect();
    let mut header = None;
    let mut events = Vec::new();
    let mut torn_tail = false;
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let malformed = |cause: String| TranscriptError::Malformed {
            file: file.clone(),
            line: i + 1,
            cause,
        };
        let event: Event = match serde_json::from_str(line) {
            Ok(e) => e,
            Err(_) if i + 1 == lines.len() && !ends_clean => {
                torn_tail = true;
                break;
            }
            Err(e) => return Err(malformed(e.to_string())),
        };
        if event.at() > MAX_ROUND_TIME {
            return Err(malformed(format!(
                "at_ms {} is past any round (at most {} ms)",
                event.at().as_millis(),
                MAX_ROUND_TIME.as_millis()
            )));
        }
        match (event, header.is_some()) {
            (Event::Header(h), false) => {
                h.plan
                    .validate()
                    .map_err(|e| malformed(format!("plan: {e}")))?;
                header = Some(h);
            }
            (Event::Header(_), true) => return Err(malformed("a second header".into())),
            (_, false) => return Err(malformed("the first line must be the header".into())),
            (e, true) => events.push(e),
        }
    }
    let header = header.ok_or_else(|| TranscriptError::Malformed {
        file: file.clone(),
        line: 1,
        cause: "empty transcript: no header".into(),
    })?;
    Ok(Transcript {
        header,
        events,
        torn_tail,
    })
}

#[cfg(test)]
mod tests;
