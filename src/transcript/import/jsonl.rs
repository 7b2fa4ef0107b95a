//! Our own `transcript.jsonl`. A file on disk goes through [`read_transcript`] itself, so the
//! torn-tail rule is the store's own; a string (no path to hand it) goes through
//! [`parse`], the same loop over the same [`Event`] type, and a test keeps the two in step.
//!
//! [`read_transcript`]: crate::transcript::read_transcript

use super::{ImportError, ImportedTurn};
use crate::transcript::{Event, Header, Speaker, Transcript, TranscriptError};

/// Whether a first line is our header: it parses as one, or at least says `"type":"header"`
/// (an old or damaged header should be reported as such, not as "no dialogue").
pub(super) fn is_header(first: &str) -> bool {
    let first = first.trim();
    if !first.starts_with('{') {
        return false;
    }
    matches!(serde_json::from_str::<Event>(first), Ok(Event::Header(_)))
        || serde_json::from_str::<serde_json::Value>(first)
            .is_ok_and(|v| v.get("type").and_then(|t| t.as_str()) == Some("header"))
}

/// The speaker label a turn gets.
fn label(role: Speaker) -> String {
    match role {
        Speaker::Interviewer => "Interviewer",
        Speaker::Candidate => "Candidate",
    }
    .to_string()
}

/// Parses our JSONL from a string with the store's own reader, so the torn-tail and header rules
/// are exactly [`read_transcript`]'s.
///
/// [`read_transcript`]: crate::transcript::read_transcript
pub(super) fn parse(file: &str, text: &str) -> Result<(Header, Vec<ImportedTurn>), ImportError> {
    crate::transcript::parse_transcript(file, text)
        .map(|t| from_transcript(t, text))
        .map_err(|e| error(e, file))
}

/// Maps a transcript read by [`read_transcript`] to turns. `text` is the same file's text: every
/// non-blank line is one event, so the n-th event sits on the (n+1)-th non-blank line.
///
/// [`read_transcript`]: crate::transcript::read_transcript
pub(super) fn from_transcript(t: Transcript, text: &str) -> (Header, Vec<ImportedTurn>) {
    let event_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, _)| i + 1)
        .skip(1)
        .collect();
    let turns = t
        .events
        .into_iter()
        .enumerate()
        .filter_map(|(n, e)| match e {
            Event::Turn(turn) => Some(ImportedTurn {
                speaker: label(turn.role),
                text: turn.text,
                at: Some(turn.at),
                line: event_lines.get(n).copied().unwrap_or(0),
            }),
            _ => None,
        })
        .collect();
    (t.header, turns)
}

/// The import error for a [`TranscriptError`].
pub(super) fn error(e: TranscriptError, file: &str) -> ImportError {
    match e {
        TranscriptError::Io { file, cause } => ImportError::Io { file, cause },
        TranscriptError::Malformed { file, line, cause } => {
            ImportError::Malformed { file, line, cause }
        }
        // Only the store raises these; kept total rather than panicking.
        other => ImportError::UnknownFormat {
            file: file.to_string(),
            cause: other.to_string(),
        },
    }
}
