//! Transcripts from anywhere, in one neutral form: our own `transcript.jsonl`, and what a user
//! brings from a real mock interview (Zoom and Teams `.vtt`, Meet `.srt`, Otter and pasted text,
//! Markdown notes). The critique reads [`Imported`] and never needs to know where it came from.
//!
//! The files are messy speech-to-text nobody on the team wrote, so the importer is lenient about
//! shape (line endings, BOMs, odd Unicode, missing times, stray lines) and strict only where a
//! wrong guess would mislead the critique: a label must look and behave like a speaker before it
//! starts a turn, and a file with no dialogue or one voice is an error, not an empty critique.

mod chrome;
mod cues;
mod decode;
mod jsonl;
mod label;
mod stamp;
mod text;
mod tidy;
mod variants;

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

/// What kind of text the importer left out of the dialogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LeftOutKind {
    /// Lines above the first turn: a title, written feedback or a form pasted on top.
    Preamble,
    /// A block of notes or headings between or after turns.
    Notes,
    /// Web-page text (menus, titles, a footer) glued to the end of the last turn.
    PageText,
}

impl LeftOutKind {
    /// A short stable id: `preamble`, `notes`, `page-text`.
    pub fn id(self) -> &'static str {
        match self {
            LeftOutKind::Preamble => "preamble",
            LeftOutKind::Notes => "notes",
            LeftOutKind::PageText => "page-text",
        }
    }
}

/// A stretch of the file that is not dialogue and was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// What it is.
    pub kind: LeftOutKind,
    /// The 1-based line it starts on.
    pub line: usize,
    /// The 1-based line it ends on.
    pub last_line: usize,
    /// Its words.
    pub words: usize,
}

/// What the user knows about a file that the importer should not second-guess.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// Speaker labels the user named (`--candidate`): taken as speakers however they look and
    /// however rarely they speak.
    pub speakers: Vec<String>,
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
    /// The stretches left out, in file order (preamble, notes blocks, page text).
    pub left_out: Vec<LeftOut>,
    /// Lines where the file's clock restarted; later times were shifted to run on.
    pub clock_restarts: Vec<usize>,
    /// Turns split mid-sentence by the other speaker's backchannel, rejoined.
    pub rejoined: usize,
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
    #[error("{file}: cannot read it: {cause}")]
    Io {
        /// The file.
        file: String,
        /// The cause (in the message, so not chained as a source).
        cause: std::io::Error,
    },
    /// A line of our JSONL is not a valid event.
    #[error("{file}:{line}: {}", crate::data::one_line(.cause))]
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
    import_file_with(path, &Hints::default())
}

/// [`import_file`], with what the user said about the file.
pub fn import_file_with(path: &Path, hints: &Hints) -> Result<Imported, ImportError> {
    let file = one_line(&path.display().to_string());
    let io = |cause| ImportError::Io {
        file: file.clone(),
        cause,
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
    import(&file, &text, hints)
}

/// Imports a transcript held in memory; `file_label` names it in errors.
pub fn import_str(file_label: &str, text: &str) -> Result<Imported, ImportError> {
    import(&one_line(file_label), text, &Hints::default())
}

/// Says what format a text is in, or `None` when nothing in it reads as dialogue. JSONL, WebVTT
/// and SRT are recognised by their structure (even with no usable turns); text and Markdown only
/// when at least one turn is found.
pub fn detect(text: &str) -> Option<Format> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let lines = split_lines(text);
    sniff(&lines).or_else(|| {
        let parsed = text::parse(&lines, &[]);
        (!parsed.turns.is_empty()).then_some(if parsed.markdown {
            Format::Markdown
        } else {
            Format::Text
        })
    })
}

/// The shared path of [`import_file`] and [`import_str`].
fn import(file: &str, text: &str, hints: &Hints) -> Result<Imported, ImportError> {
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
    let unescaped = unescape_newlines(text);
    let lines = split_lines(unescaped.as_deref().unwrap_or(text));
    let named: Vec<String> = hints
        .speakers
        .iter()
        .map(|s| label::key(&label::normalise(s)))
        .collect();
    let mut left_out = Vec::new();
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
            let mut turns = parsed.turns;
            let canon = variants::Canon::new(turns.iter().map(|t| t.speaker.as_str()));
            for t in &mut turns {
                t.speaker = canon.label(&t.speaker);
            }
            let turns = tidy::merge(turns, ' ');
            if turns.is_empty() {
                return Err(unknown(&format!(
                    "{} cues, but none names its speaker (`<v Name>` voice tags or `Name: text`)",
                    parsed.cues
                )));
            }
            (format, turns, parsed.skipped, None)
        }
        _ => {
            let parsed = text::parse(&lines, &named);
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
            left_out = stretches(&parsed.skipped, turns[0].line);
            (format, turns, parsed.skipped.len(), None)
        }
    };
    let mut turns = turns;
    let mut rejoined = 0;
    if format != Format::Jsonl {
        if let Some(last) = turns.last_mut()
            && let Some(words) = chrome::cut_page_text(&mut last.text)
        {
            // Glued to the file's last line of text.
            let line = lines
                .iter()
                .rposition(|l| !l.trim().is_empty())
                .map_or(last.line, |i| i + 1);
            left_out.push(LeftOut {
                kind: LeftOutKind::PageText,
                line,
                last_line: line,
                words,
            });
            if last.text.trim().is_empty() {
                turns.pop();
            }
        }
        rejoined = tidy::rejoin(&mut turns);
    }
    if let [only] = distinct_speakers(&turns)[..] {
        return Err(ImportError::OneSpeaker {
            file,
            speaker: only.to_string(),
        });
    }
    let mut clock_restarts = Vec::new();
    if format != Format::Jsonl {
        tidy::rebase(&mut turns);
        clock_restarts = tidy::continue_restarts(&mut turns);
    }
    Ok(Imported {
        format,
        timed: turns.iter().all(|t| t.at.is_some()),
        turns,
        skipped_lines: skipped,
        header,
        left_out,
        clock_restarts,
        rejoined,
    })
}

/// Skipped lines, as (0-based index, words), grouped into stretches: the lines before the first
/// turn (1-based `first_turn`) are the preamble, later runs are notes. Lines with no words are
/// not reported.
fn stretches(skipped: &[(usize, usize)], first_turn: usize) -> Vec<LeftOut> {
    let mut out: Vec<LeftOut> = Vec::new();
    for &(i, words) in skipped {
        if words == 0 {
            continue;
        }
        let line = i + 1;
        let kind = if line < first_turn {
            LeftOutKind::Preamble
        } else {
            LeftOutKind::Notes
        };
        match out.last_mut() {
            Some(s)
                if s.kind == kind && (kind == LeftOutKind::Preamble || s.last_line + 2 >= line) =>
            {
                s.last_line = line;
                s.words += words;
            }
            _ => out.push(LeftOut {
                kind,
                line,
                last_line: line,
                words,
            }),
        }
    }
    out
}

/// A transcript flattened onto one line with literal `\n` between its lines (as a JSON string
/// pasted raw, or a web page's text), with its line breaks back; `None` when the text has real
/// line breaks of its own.
fn unescape_newlines(text: &str) -> Option<String> {
    let escaped = text.matches("\\n").count();
    let real = text.matches('\n').count();
    (escaped >= 3 && escaped > real * 4).then(|| text.replace("\\r\\n", "\n").replace("\\n", "\n"))
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
