//! Reads a [`Dialogue`] once into what every rule needs: text aimed at the grader set aside, each
//! turn's span of time (given or estimated), and the shared analysis of the candidate's words.
//!
//! Text aimed at the grader ("ignore previous instructions", fake `SYSTEM:` lines) is cut out
//! before anything else reads the turn, so it can only ever raise `injection-attempt`: the
//! analysis, the estimated clock and so the score see the round exactly as if it had never been
//! written.

use std::time::Duration;

use crate::analysis::{
    Analysis, Evidence, SentenceReading, TurnSignals, Utterance, analyze_turn, read_turn, sentences,
};

use super::input::{Clocking, Dialogue, Role};
use super::report::Citation;

/// Words a minute, for rounds whose source gives no times.
pub const WORDS_PER_MINUTE: f64 = 150.0;

/// One turn as read: the text with grader-aimed sentences cut, and its span of round time.
#[derive(Debug, Clone)]
pub(crate) struct Spoken {
    /// Turn number in the dialogue.
    pub n: usize,
    /// Who spoke.
    pub role: Role,
    /// The text, minus sentences aimed at the grader.
    pub text: String,
    /// The time to cite it at (as the source gave it, or estimated).
    pub at: Duration,
    /// When the work of this turn began.
    pub start: Duration,
    /// When it ended.
    pub end: Duration,
    /// For a candidate turn, what the analysis heard in each sentence (empty for the
    /// interviewer's).
    pub sentences: Vec<SentenceReading>,
}

/// The round as read.
#[derive(Debug, Clone)]
pub(crate) struct Reading {
    /// Turns with text left after screening, in order.
    pub turns: Vec<Spoken>,
    /// The analysis of the candidate's (screened) turns, one entry per candidate turn in `turns`.
    pub analysis: Analysis,
    /// Where text aimed at the grader was found.
    pub injection: Vec<Citation>,
    /// The round's length.
    pub duration: Duration,
    /// Whether times were estimated from words.
    pub timing_estimated: bool,
}

impl Reading {
    /// The candidate's turns, in the analysis' order.
    pub fn candidate(&self) -> impl Iterator<Item = &Spoken> {
        self.turns.iter().filter(|t| t.role == Role::Candidate)
    }

    /// The turn numbered `n`.
    pub fn turn(&self, n: usize) -> Option<&Spoken> {
        self.turns.iter().find(|t| t.n == n)
    }
}

/// A turn after screening: its text without grader-aimed sentences, and its signals when the
/// screening read could be kept.
struct Screened {
    n: usize,
    role: Role,
    text: String,
    at: Option<Duration>,
    kept: Option<(TurnSignals, Vec<SentenceReading>)>,
}

/// Characters a fake role line needs ("SYSTEM:", "[INST]", "<|im_start|>", "### System").
const ROLE_MARKS: [char; 4] = [':', '[', '<', '#'];

/// The sentences of `text` aimed at the grader: what the turn's analysis found, plus sentences
/// that read as a fake role line on their own. An importer joins wrapped lines with a space, so a
/// `SYSTEM:` line pasted under a turn can arrive mid-line, where a line-anchored pattern no longer
/// sees it; each sentence that could hold one is read again alone.
fn injected(text: &str, found: &[Evidence]) -> Vec<String> {
    let mut quotes: Vec<String> = found.iter().map(|e| e.quote.clone()).collect();
    for r in sentences::split(text) {
        let sentence = &text[r];
        if !sentence.contains(ROLE_MARKS)
            || quotes
                .iter()
                .any(|q| q.contains(sentence) || sentence.contains(q.as_str()))
        {
            continue;
        }
        let alone = analyze_turn(&Utterance {
            turn: 0,
            at: Duration::ZERO,
            text: sentence,
        });
        quotes.extend(alone.injection.into_iter().map(|e| e.quote));
    }
    quotes
}

/// Reads the dialogue.
pub(crate) fn read(d: &Dialogue) -> Reading {
    let timed = d.timed();
    let mut injection = Vec::new();
    let mut pending: Vec<(usize, String)> = Vec::new();
    // Screen every turn (both roles) with the shared analysis; keep the candidate's signals when
    // nothing had to be cut and the clock is the source's, so most turns are analysed once.
    let mut screened: Vec<Screened> = Vec::new();
    for t in &d.turns {
        let at = t.at.unwrap_or_default();
        let (sig, said) = read_turn(&Utterance {
            turn: t.n,
            at,
            text: &t.text,
        });
        let quotes = injected(&t.text, &sig.injection);
        if quotes.is_empty() {
            let keep =
                (t.role == Role::Candidate && timed && t.at.is_some()).then_some((sig, said));
            screened.push(Screened {
                n: t.n,
                role: t.role,
                text: t.text.clone(),
                at: t.at,
                kept: keep,
            });
            continue;
        }
        let mut text = t.text.clone();
        for q in quotes {
            if let Some(i) = text.find(&q) {
                text.replace_range(i..i + q.len(), "");
            }
            // Cited once the turn's time is known (given, or estimated like every other flag's).
            pending.push((t.n, q));
        }
        if !text.trim().is_empty() {
            screened.push(Screened {
                n: t.n,
                role: t.role,
                text,
                at: t.at,
                kept: None,
            });
        }
    }
    for s in &d.set_aside {
        let line = format!("{}: {}", s.speaker.trim(), s.text);
        let sig = analyze_turn(&Utterance {
            turn: 0,
            at: s.at.unwrap_or_default(),
            text: &line,
        });
        for e in sig.injection {
            let note = match s.line {
                Some(l) => format!("line {l}, outside the dialogue"),
                None => "outside the dialogue".to_string(),
            };
            injection.push(Citation::new(0, s.at.unwrap_or_default(), e.quote).noted(note));
        }
    }
    // Turns of the call outside the round are not judged, but text aimed at the grader there is
    // still an attempt.
    for t in &d.outside {
        let sig = analyze_turn(&Utterance {
            turn: t.n,
            at: Duration::ZERO,
            text: &t.text,
        });
        for q in injected(&t.text, &sig.injection) {
            let note = match t.line {
                Some(l) => format!("turn {}, line {l}, outside the round", t.n),
                None => format!("turn {}, outside the round", t.n),
            };
            injection.push(Citation::new(0, Duration::ZERO, q).noted(note));
        }
    }

    let words: Vec<usize> = screened
        .iter()
        .map(|s| s.text.split_whitespace().count())
        .collect();
    let minutes = |w: usize| Duration::from_secs_f64(w as f64 * 60.0 / WORDS_PER_MINUTE);
    let mut spans: Vec<(Duration, Duration, Duration)> = Vec::with_capacity(screened.len());
    if timed {
        let given: Vec<Option<Duration>> = screened.iter().map(|s| s.at).collect();
        // Fill gaps from the last known time plus the words in between.
        let mut times = Vec::with_capacity(given.len());
        let mut last = Duration::ZERO;
        for (i, g) in given.iter().enumerate() {
            let t = match g {
                Some(t) => (*t).max(last),
                None if i == 0 => Duration::ZERO,
                None => last + minutes(words[i - 1]),
            };
            times.push(t);
            last = t;
        }
        for i in 0..times.len() {
            let (start, end) = match d.clocking {
                Clocking::TurnStart => {
                    let end = times
                        .get(i + 1)
                        .copied()
                        .unwrap_or(times[i] + minutes(words[i]));
                    (times[i], end.max(times[i]))
                }
                Clocking::TurnEnd => (if i == 0 { Duration::ZERO } else { times[i - 1] }, times[i]),
            };
            spans.push((times[i], start, end));
        }
    } else {
        let mut clock = Duration::ZERO;
        for w in &words {
            let end = clock + minutes(*w);
            spans.push((clock, clock, end));
            clock = end;
        }
    }

    let mut turns = Vec::with_capacity(screened.len());
    let mut analysis = Analysis::default();
    for (
        Screened {
            n,
            role,
            text,
            kept,
            ..
        },
        (at, start, end),
    ) in screened.into_iter().zip(spans)
    {
        let mut sentences = Vec::new();
        if role == Role::Candidate {
            let (sig, said) = kept.unwrap_or_else(|| {
                read_turn(&Utterance {
                    turn: n,
                    at,
                    text: &text,
                })
            });
            analysis.push_read(sig, &said);
            sentences = said;
        }
        turns.push(Spoken {
            n,
            role,
            text,
            at,
            start,
            end,
            sentences,
        });
    }
    // Each attempt at the time of its turn; a turn that was nothing but the attempt at the time
    // the turn before it ended.
    for (n, quote) in pending {
        let at = turns
            .iter()
            .find(|t| t.n == n)
            .map(|t| t.at)
            .or_else(|| turns.iter().rev().find(|t| t.n < n).map(|t| t.end))
            .unwrap_or_default();
        injection.push(Citation::new(n, at, quote));
    }
    injection.sort_by_key(|c| (c.turn == 0, c.turn));
    let last_end = turns.last().map_or(Duration::ZERO, |t| t.end);
    let duration = match (timed, d.end) {
        (true, Some(end)) => end.max(last_end),
        _ => last_end,
    };
    Reading {
        turns,
        analysis,
        injection,
        duration,
        timing_estimated: !timed,
    }
}
