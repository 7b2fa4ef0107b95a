//! The round as the critique reads it: a neutral [`Dialogue`] of interviewer and candidate turns,
//! built from our own transcript (roles known) or from an imported one (roles inferred or named).
//!
//! Times stay as the source gave them; when it gave none, the critique estimates them later from
//! the words actually spoken (after setting aside text aimed at a grader), so such text cannot
//! move the clock either.

use std::time::Duration;

use std::path::Path;

use crate::transcript::import::{Format, Hints, ImportError, Imported, import_file_with};
use crate::transcript::{Header, Speaker, Transcript, read_transcript};

use super::call;
use super::report::{CandidateChoice, LeftOutPart, RoundBounds};
use super::speakers;

/// Who said a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The interviewer (or one of a panel).
    Interviewer,
    /// The person being interviewed.
    Candidate,
}

/// What a turn's time marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clocking {
    /// When the turn started (speech transcripts: VTT, SRT, `[mm:ss] Name:` lines).
    TurnStart,
    /// When the turn was recorded, after it was typed (our own transcripts).
    TurnEnd,
}

/// A turn as the source gave it, before roles are known.
#[derive(Debug, Clone, PartialEq)]
pub struct RawTurn {
    /// The speaker's label as written.
    pub speaker: String,
    /// What was said.
    pub text: String,
    /// When, if the source says.
    pub at: Option<Duration>,
    /// The 1-based line it starts on in the file, if known.
    pub line: Option<usize>,
}

/// One turn of the dialogue.
#[derive(Debug, Clone, PartialEq)]
pub struct DialogueTurn {
    /// The turn's number (1-based over the dialogue's turns, both speakers).
    pub n: usize,
    /// Interviewer or candidate.
    pub role: Role,
    /// The speaker's label as written.
    pub speaker: String,
    /// What was said, verbatim.
    pub text: String,
    /// When, if the source says.
    pub at: Option<Duration>,
    /// The line it starts on in the file, if known.
    pub line: Option<usize>,
}

/// A round ready to critique.
#[derive(Debug, Clone, PartialEq)]
pub struct Dialogue {
    /// The turns, in order.
    pub turns: Vec<DialogueTurn>,
    /// Who was taken as the candidate, and why.
    pub candidate: CandidateChoice,
    /// What the turns' times mark.
    pub clocking: Clocking,
    /// When the round ended, if the source says.
    pub end: Option<Duration>,
    /// The file's format.
    pub format: String,
    /// Lines that were not dialogue, as the importer counted them, plus set-aside turns.
    pub skipped_lines: usize,
    /// Our transcript's header, when the round is one of ours.
    pub header: Option<Header>,
    /// Turns by speakers taken as no part of the dialogue (feedback notes pasted in as `Notes:`
    /// lines, fake `SYSTEM:` lines); only scanned for text aimed at the grader.
    pub set_aside: Vec<RawTurn>,
    /// Turns of the call outside the round (small talk before it, feedback and Q&A after it);
    /// only scanned for text aimed at the grader.
    pub outside: Vec<DialogueTurn>,
    /// Where the round was taken to begin and end inside the call, and what was left out; for
    /// imported calls only.
    pub bounds: Option<RoundBounds>,
}

/// A round that cannot be critiqued as given.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// `--candidate` names nobody in the transcript.
    #[error("no speaker named `{name}` in the transcript (speakers: {speakers})")]
    NoSuchCandidate {
        /// The name asked for.
        name: String,
        /// The speakers found.
        speakers: String,
    },
    /// Only one person speaks.
    #[error("only one speaker ({0}): a round needs an interviewer and a candidate")]
    OneSpeaker(String),
    /// Nothing was said.
    #[error("no dialogue found")]
    Empty,
    /// The candidate never speaks.
    #[error("the candidate ({0}) says nothing")]
    SilentCandidate(String),
}

/// A transcript file that could not be read as a round.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The importer refused the file (empty, binary, unknown format, one speaker, too large).
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The dialogue has no candidate, or `--candidate` names nobody.
    #[error("{file}: {source}")]
    Input {
        /// The file.
        file: String,
        /// Why.
        source: InputError,
    },
}

impl Dialogue {
    /// Reads `path`: our own transcript with its recorded roles and end time, anything else
    /// through the importer with the candidate named (`candidate`) or inferred.
    pub fn read_file(path: &Path, candidate: Option<&str>) -> Result<Dialogue, ReadError> {
        let hints = Hints {
            speakers: candidate.map(str::to_string).into_iter().collect(),
        };
        let imported = import_file_with(path, &hints)?;
        let input = |source| ReadError::Input {
            file: path.display().to_string(),
            source,
        };
        if imported.format == Format::Jsonl
            && let Ok(t) = read_transcript(path)
        {
            return Dialogue::from_transcript(&t).map_err(input);
        }
        Dialogue::from_imported(imported, candidate).map_err(input)
    }

    /// Our own transcript: roles and times as recorded.
    pub fn from_transcript(t: &Transcript) -> Result<Dialogue, InputError> {
        let turns: Vec<DialogueTurn> = t
            .turns()
            .filter(|turn| !turn.text.trim().is_empty())
            .enumerate()
            .map(|(i, turn)| DialogueTurn {
                n: i + 1,
                role: match turn.role {
                    Speaker::Interviewer => Role::Interviewer,
                    Speaker::Candidate => Role::Candidate,
                },
                speaker: match turn.role {
                    Speaker::Interviewer => "interviewer".into(),
                    Speaker::Candidate => "candidate".into(),
                },
                text: turn.text.clone(),
                at: Some(turn.at),
                line: None,
            })
            .collect();
        if turns.is_empty() {
            return Err(InputError::Empty);
        }
        if !turns.iter().any(|t| t.role == Role::Candidate) {
            return Err(InputError::SilentCandidate("candidate".into()));
        }
        Ok(Dialogue {
            turns,
            candidate: CandidateChoice {
                name: "candidate".into(),
                interviewers: vec!["interviewer".into()],
                inferred: false,
                reason: "the transcript records each turn's role".into(),
            },
            clocking: Clocking::TurnEnd,
            end: Some(t.last_at()),
            format: "hotseat-jsonl".into(),
            skipped_lines: 0,
            header: Some(t.header.clone()),
            set_aside: Vec::new(),
            outside: Vec::new(),
            bounds: None,
        })
    }

    /// An imported transcript; `candidate` names the candidate, else the roles are inferred.
    pub fn from_imported(
        imported: Imported,
        candidate: Option<&str>,
    ) -> Result<Dialogue, InputError> {
        let facts = call::ImportFacts {
            left_out: imported
                .left_out
                .iter()
                .map(|l| LeftOutPart {
                    kind: l.kind.id().to_string(),
                    what: match l.kind.id() {
                        "preamble" => "text above the first turn (a title, written feedback or notes pasted on top)".into(),
                        "page-text" => "web-page text glued to the last line".into(),
                        _ => "a block of notes or headings between turns".into(),
                    },
                    first_line: Some(l.line),
                    last_line: Some(l.last_line),
                    turns: 0,
                    words: l.words,
                })
                .collect(),
            clock_restarts: imported.clock_restarts.clone(),
            rejoined: imported.rejoined,
        };
        let ours = imported.header.is_some();
        let raw: Vec<RawTurn> = imported
            .turns
            .into_iter()
            .map(|t| RawTurn {
                speaker: t.speaker,
                text: t.text,
                at: t.at,
                line: Some(t.line),
            })
            .collect();
        // Our own JSONL read through the importer still names its roles.
        let named = candidate.map(str::to_string).or_else(|| {
            imported.header.as_ref().and(
                raw.iter()
                    .any(|t| t.speaker.eq_ignore_ascii_case("candidate"))
                    .then(|| "candidate".to_string()),
            )
        });
        let mut d = Dialogue::from_raw(raw, named.as_deref(), imported.skipped_lines)?;
        d.format = imported.format.id().to_string();
        if imported.header.is_some() {
            d.clocking = Clocking::TurnEnd;
        }
        d.header = imported.header;
        if !ours {
            d.take_round(candidate.is_some(), facts);
        }
        Ok(d)
    }

    /// Speaker-labelled turns; `candidate` names the candidate, else the roles are inferred.
    pub fn from_raw(
        raw: Vec<RawTurn>,
        candidate: Option<&str>,
        skipped_lines: usize,
    ) -> Result<Dialogue, InputError> {
        let raw: Vec<RawTurn> = raw
            .into_iter()
            .filter(|t| !t.text.trim().is_empty())
            .collect();
        if raw.is_empty() {
            return Err(InputError::Empty);
        }
        let cast = speakers::cast(&raw, candidate)?;
        let mut turns = Vec::new();
        let mut set_aside = Vec::new();
        for t in raw {
            let key = speakers::key(&t.speaker);
            if key == cast.candidate {
                turns.push((Role::Candidate, t));
            } else if cast.interviewers.contains(&key) {
                turns.push((Role::Interviewer, t));
            } else {
                set_aside.push(t);
            }
        }
        let turns: Vec<DialogueTurn> = turns
            .into_iter()
            .enumerate()
            .map(|(i, (role, t))| DialogueTurn {
                n: i + 1,
                role,
                speaker: t.speaker,
                text: t.text,
                at: t.at,
                line: t.line,
            })
            .collect();
        let set_aside_lines: usize = set_aside
            .iter()
            .map(|t: &RawTurn| t.text.lines().count().max(1))
            .sum();
        Ok(Dialogue {
            turns,
            candidate: cast.choice,
            clocking: Clocking::TurnStart,
            end: None,
            format: "text".into(),
            skipped_lines: skipped_lines + set_aside_lines,
            header: None,
            set_aside,
            outside: Vec::new(),
            bounds: None,
        })
    }

    /// Whether the source gave times for the turns.
    pub fn timed(&self) -> bool {
        let with = self.turns.iter().filter(|t| t.at.is_some()).count();
        with > 0 && with * 10 >= self.turns.len() * 8
    }

    /// The candidate's turns.
    pub fn candidate_turns(&self) -> impl Iterator<Item = &DialogueTurn> {
        self.turns.iter().filter(|t| t.role == Role::Candidate)
    }

    /// The interviewer's turns.
    pub fn interviewer_turns(&self) -> impl Iterator<Item = &DialogueTurn> {
        self.turns.iter().filter(|t| t.role == Role::Interviewer)
    }
}
