//! Transcripts from anywhere, in one neutral form: our own `transcript.jsonl`, and what a user
//! brings from a real mock interview (Zoom and Teams `.vtt`, Meet `.srt`, Otter and pasted text,
//! Markdown notes). The critique reads [`Imported`] and never needs to know where it came from.
//!
//! The files are messy speech-to-text nobody on the team wrote, so the importer is lenient about
//! shape (line endings, BOMs, odd Unicode, missing times, stray lines) and strict only where a
//! wrong guess would mislead the critique: a label must look and behave like a speaker before it
//! starts a turn, and a file with no dialogue or one voice is an error, not an empty critique.

mod cues;
mod decode;
mod jsonl;
mod label;
mod stamp;
mod text;
mod tidy;

use std::fmt;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use super::Header;

/// The largest transcript accepted, in bytes: a 3-hour call is under 1 MiB of text, so anything
/// near this is not a transcript and would only cost memory.
pub const SIZE_LIMIT: u64 = 20 * 1024 * 1024;

/// The kind of file a transcript came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Our own `transcript.jsonl`.
    Jsonl,
    /// Plain text: `Name: text` lines, possibly timed, or Otter-style header lines.
    Text,
    /// Markdown notes: `**Name:** text`, `> Name: text`.
    Markdown,
    /// WebVTT captions (Zoom, Teams).
    Vtt,
    /// SubRip captions (Meet and most caption tools).
    Srt,
}

impl Format {
    /// A short stable id for machine-readable output: `jsonl`, `text`, `markdown`, `vtt`, `srt`.
    pub fn id(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Vtt => "vtt",
            Format::Srt => "srt",
        }
    }
}

/// How the format reads in a sentence: "WebVTT captions".
impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Jsonl => "hotseat transcript",
            Format::Text => "text transcript",
            Format::Markdown => "Markdown notes",
            Format::Vtt => "WebVTT captions",
            Format::Srt => "SRT captions",
        })
    }
}

/// One turn of dialogue as the file wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedTurn {
    /// The speaker label as written, trimmed and with inner whitespace collapsed ("Jane Doe",
    /// "INTERVIEWER", "Speaker 1"); "Interviewer" or "Candidate" for our own JSONL.
    pub speaker: String,
    /// What was said: wrapped lines and cues joined by a space, paragraphs by a newline.
    pub text: String,
    /// When, from the start of the round, if the file says.
    pub at: Option<Duration>,
    /// The 1-based line where the turn starts.
    pub line: usize,
}

/// A transcript in the neutral form.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// What the file was.
    pub format: Format,
    /// The turns, in order; consecutive turns by one speaker are merged (not in our JSONL).
    pub turns: Vec<ImportedTurn>,
    /// Non-dialogue lines left out: headings, pasted notes, NOTE blocks, sound cues. Always 0 for
    /// our JSONL, whose other events are structure, not text.
    pub skipped_lines: usize,
    /// Whether every turn has a time.
    pub timed: bool,
    /// The round's header: our own JSONL only.
    pub header: Option<Header>,
}

impl Imported {
    /// The distinct speakers, in order of first appearance (labels differing only in case are
    /// one speaker; the first spelling is kept).
    pub fn speakers(&self) -> Vec<&str> {
        distinct_speakers(&self.turns)
    }
}

/// The distinct speakers of some turns, in order of first appearance.
fn distinct_speakers(turns: &[ImportedTurn]) -> Vec<&str> {
    let mut seen: Vec<(String, &str)> = Vec::new();
    for t in turns {
        let key = label::key(&t.speaker);
        if !seen.iter().any(|(k, _)| *k == key) {
            seen.push((key, &t.speaker));
        }
    }
    seen.into_iter().map(|(_, s)| s).collect()
}

/// Why a transcript could not be imported. Each message is one line naming the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Nothing but whitespace.
    #[error("{file}: the file is empty: nothing to critique")]
    Empty {
        /// The file.
        file: String,
    },
    /// Not text.
    #[error("{file}: a binary file, not a transcript: export it as text, .vtt or .srt")]
    Binary {
        /// The file.
        file: String,
    },
    /// Over [`SIZE_LIMIT`].
    #[error("{file}: {bytes} bytes is too large for a transcript (the limit is {limit} bytes)")]
    TooLarge {
        /// The file.
        file: String,
        /// Its size (for a file that grew while read, at least this).
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// No dialogue recognised.
    #[error("{file}: no dialogue to critique: {cause}")]
    UnknownFormat {
        /// The file.
        file: String,
        /// What was looked for, or what was found instead.
        cause: String,
    },
    /// Dialogue, but only one voice.
    #[error(
        "{file}: only one speaker, `{speaker}`: a critique needs the interviewer and the candidate"
    )]
    OneSpeaker {
        /// The file.
        file: String,
        /// The one speaker.
        speaker: String,
    },
    /// The file could not be read.
    #[error("{file}: cannot read it: {source}")]
    Io {
        /// The file.
        file: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A line of our JSONL is not a valid event.
    #[error("{file}:{line}: {cause}")]
    Malformed {
        /// The file.
        file: String,
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        cause: String,
    },
}

/// Imports a transcript file of any supported format. The size is checked from the metadata
/// before reading, so a huge file fails at once; our own JSONL is read by
/// [`read_transcript`](super::read_transcript).
pub fn import_file(path: &Path) -> Result<Imported, ImportError> {
    let file = one_line(&path.display().to_string());
    let io = |source| ImportError::Io {
        file: file.clone(),
        source,
    };
    let too_large = |bytes| ImportError::TooLarge {
        file: file.clone(),
        bytes,
        limit: SIZE_LIMIT,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.len() > SIZE_LIMIT {
        return Err(too_large(meta.len()));
    }
    // Read at most one byte past the limit: a pipe or a file still growing has no honest size.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(SIZE_LIMIT + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    if bytes.len() as u64 > SIZE_LIMIT {
        return Err(too_large(bytes.len() as u64));
    }
    let text = decode::decode(&bytes).ok_or_else(|| ImportError::Binary { file: file.clone() })?;
    import(&file, &text)
}

/// Imports a transcript held in memory; `file_label` names it in errors.
pub fn import_str(file_label: &str, text: &str) -> Result<Imported, ImportError> {
    import(&one_line(file_label), text)
}

/// Says what format a text is in, or `None` when nothing in it reads as dialogue. JSONL, WebVTT
/// and SRT are recognised by their structure (even with no usable turns); text and Markdown only
/// when at least one turn is found.
pub fn detect(text: &str) -> Option<Format> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let lines = split_lines(text);
    sniff(&lines).or_else(|| {
        let parsed = text::parse(&lines);
        (!parsed.turns.is_empty()).then_some(if parsed.markdown {
            Format::Markdown
        } else {
            Format::Text
        })
    })
}

/// The shared path of [`import_file`] and [`import_str`].
fn import(file: &str, text: &str) -> Result<Imported, ImportError> {
    let file = file.to_string();
    if text.len() as u64 > SIZE_LIMIT {
        return Err(ImportError::TooLarge {
            file,
            bytes: text.len() as u64,
            limit: SIZE_LIMIT,
        });
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty { file });
    }
    if decode::looks_binary(text) {
        return Err(ImportError::Binary { file });
    }
    let lines = split_lines(text);
    let unknown = |cause: &str| ImportError::UnknownFormat {
        file: file.clone(),
        cause: cause.to_string(),
    };
    let (format, turns, skipped, header) = match sniff(&lines) {
        Some(Format::Jsonl) => {
            let (header, turns) = jsonl::parse(&file, text)?;
            if turns.is_empty() {
                return Err(unknown("the round has a header but no turns"));
            }
            (Format::Jsonl, turns, 0, Some(header))
        }
        Some(format @ (Format::Vtt | Format::Srt)) => {
            let parsed = cues::parse(&lines, format == Format::Vtt);
            if parsed.cues == 0 {
                return Err(unknown(&format!("{format} with no cues")));
            }
            let turns = tidy::merge(parsed.turns, ' ');
            if turns.is_empty() {
                return Err(unknown(&format!(
                    "{} cues, but none names its speaker (`<v Name>` voice tags or `Name: text`)",
                    parsed.cues
                )));
            }
            (format, turns, parsed.skipped, None)
        }
        _ => {
            let parsed = text::parse(&lines);
            let format = if parsed.markdown {
                Format::Markdown
            } else {
                Format::Text
            };
            let turns = tidy::merge(parsed.turns, '\n');
            if turns.is_empty() {
                return Err(unknown(
                    "no `Name: text` lines, WebVTT cues or SRT blocks found",
                ));
            }
            (format, turns, parsed.skipped, None)
        }
    };
    let mut turns = turns;
    if let [only] = distinct_speakers(&turns)[..] {
        return Err(ImportError::OneSpeaker {
            file,
            speaker: only.to_string(),
        });
    }
    if format != Format::Jsonl {
        tidy::rebase(&mut turns);
    }
    Ok(Imported {
        format,
        timed: turns.iter().all(|t| t.at.is_some()),
        turns,
        skipped_lines: skipped,
        header,
    })
}

/// A label safe to print on one line.
fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// The lines, line endings (`\n`, `\r\n`, or old Mac `\r`) removed.
fn split_lines(text: &str) -> Vec<&str> {
    let sep = if !text.contains('\n') && text.contains('\r') {
        '\r'
    } else {
        '\n'
    };
    text.split(sep).map(|l| l.trim_end_matches('\r')).collect()
}

/// Recognises the formats with a structure of their own: our JSONL by its header line, WebVTT by
/// its `WEBVTT` line, SRT (or a headerless VTT) by its timing lines. Text is left to the parser.
fn sniff(lines: &[&str]) -> Option<Format> {
    let mut content = lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty());
    let first = content.next()?;
    if jsonl::is_header(first) {
        return Some(Format::Jsonl);
    }
    if first.starts_with("WEBVTT") {
        return Some(Format::Vtt);
    }
    let starts_with_cue = stamp::cue_start(first).is_some()
        || (first.bytes().all(|b| b.is_ascii_digit())
            && content
                .next()
                .is_some_and(|l| stamp::cue_start(l).is_some()));
    let (mut timing, mut comma) = (0usize, 0usize);
    for l in lines {
        if let Some((start, _)) = l.split_once("-->")
            && stamp::cue_start(l.trim()).is_some()
        {
            timing += 1;
            comma += usize::from(start.contains(','));
        }
    }
    // "A --> B" in a design discussion is not a cue; two real timing lines are.
    if timing >= 2 || (timing == 1 && starts_with_cue) {
        Some(if comma * 2 >= timing {
            Format::Srt
        } else {
            Format::Vtt
        })
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
