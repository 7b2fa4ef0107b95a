//! The reply guard: every interviewer line is checked before the candidate sees it. A line must
//! reveal what the notes say to reveal, leak no figure of the hidden sheet whose topic has not been
//! revealed, ask at most one question, stay in persona (no narration, no role labels, no talk of
//! its instructions, no notes read out, no turn repeated word for word) and keep under the length
//! cap.
//!
//! [`check`] is pure (text in, breaches out) so it runs on the model's drafts and on the offline
//! engine's lines alike. The model interviewer regenerates a rejected draft once, then speaks the
//! offline line for that turn (see [`crate::interview::llm`]).
//!
//! Figures are compared by value, not by spelling: "500k", "500,000" and "half a million" differ,
//! but "500k" and "500,000" are the same figure, and so are "$6M" and "6 million dollars".

use std::collections::BTreeSet;
use std::fmt;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::steering::{Move, Notes};
use crate::question::{Question, Topic};
use crate::transcript::{Speaker, Turn};

/// `prompts/guard.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardData {
    /// Most words per turn, besides the words of the facts it reveals.
    pub max_words: usize,
    /// Patterns of narration and role breaks.
    pub out_of_persona: Vec<String>,
    /// The note added before a regeneration (minijinja: `problems`, `max_words`).
    pub retry: String,
}

/// The guard's data and compiled patterns.
pub struct Guard {
    /// The data as written.
    pub data: GuardData,
    patterns: Vec<Regex>,
    /// Every run of [`INSTRUCTION_RUN`] words in the wording of `prompts/notes.j2` and of the
    /// retry note: the interviewer's instructions, which a line must not read out.
    instruction_runs: BTreeSet<Vec<String>>,
}

/// The embedded guard (a test checks it parses and every pattern compiles).
pub static GUARD: LazyLock<Guard> = LazyLock::new(|| {
    let text = crate::embedded::prompt_data("guard.toml").expect("guard.toml is embedded");
    let data: GuardData =
        toml::from_str(text).unwrap_or_else(|e| panic!("embedded prompts/guard.toml: {e}"));
    let patterns = data
        .out_of_persona
        .iter()
        .map(|p| {
            Regex::new(&format!("(?i){p}"))
                .unwrap_or_else(|e| panic!("prompts/guard.toml pattern {p:?}: {e}"))
        })
        .collect();
    let notes = crate::embedded::prompt("notes.j2").expect("notes.j2 is embedded");
    let instruction_runs = template_runs(&format!("{notes}\n{}", data.retry));
    Guard {
        data,
        patterns,
        instruction_runs,
    }
});

/// The runs of [`INSTRUCTION_RUN`] words in a template's own wording, each taken within one piece
/// of literal text (template tags and quoted strings cut the text into pieces).
fn template_runs(template: &str) -> BTreeSet<Vec<String>> {
    static TAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"\{[{%#].*?[}%#]\}|"[^"\n]*"|\n"#).expect("tag pattern"));
    TAG.split(template)
        .flat_map(|piece| {
            let w = words(piece);
            w.windows(INSTRUCTION_RUN)
                .map(<[String]>::to_vec)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// What the guard reads besides the line.
#[derive(Debug, Clone, Copy)]
pub struct GuardInput<'a> {
    /// The question, with its hidden sheet.
    pub question: &'a Question,
    /// This turn's notes (what to reveal, whether it closes).
    pub notes: &'a Notes,
    /// The round so far (earlier reveals, the candidate's own figures).
    pub history: &'a [Turn],
    /// The style example the notes carry (the offline line): its words may be echoed.
    pub example: &'a str,
}

/// One way a line breaks the rules.
#[derive(Debug, Clone, PartialEq)]
pub enum Breach {
    /// Nothing to say.
    Empty,
    /// The notes asked to reveal this topic and the line does not carry its fact.
    MissingReveal(Topic),
    /// A figure of a fact whose topic the candidate has not asked about.
    Leak {
        /// The fact's topic.
        topic: Topic,
        /// The figure as the line wrote it.
        figure: String,
    },
    /// More than one question.
    Questions(usize),
    /// Narration, a role label or talk of its instructions, as found.
    OutOfPersona(String),
    /// The same words as an earlier interviewer turn, or all but a few of them.
    Repeated,
    /// Private notes read out (the steering's reasons or the analysis lines, word for word).
    RecitedNotes(String),
    /// Over the length cap.
    TooLong {
        /// Words in the line.
        words: usize,
        /// The cap for this turn.
        cap: usize,
    },
}

impl fmt::Display for Breach {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Breach::Empty => f.write_str("it was empty"),
            Breach::MissingReveal(t) => {
                write!(f, "it did not give the {t} fact the notes said to reveal")
            }
            Breach::Leak { topic, figure } => write!(
                f,
                "it gave away {figure} from the {topic} fact, which the candidate has not asked about"
            ),
            Breach::Questions(n) => write!(f, "it asked {n} questions instead of one"),
            Breach::OutOfPersona(found) => {
                write!(f, "it stepped out of the interview (\"{found}\")")
            }
            Breach::Repeated => f.write_str("it said an earlier turn again, nearly word for word"),
            Breach::RecitedNotes(words) => {
                write!(f, "it read out the private notes (\"{words}\")")
            }
            Breach::TooLong { words, cap } => write!(f, "it ran to {words} words (at most {cap})"),
        }
    }
}

/// Every breach of `line` (empty when it may be shown).
pub fn check(line: &str, input: &GuardInput<'_>) -> Vec<Breach> {
    let mut out = Vec::new();
    let line = line.trim();
    if line.is_empty() {
        return vec![Breach::Empty];
    }
    let figures_said = figures(line);
    let reveal_now: BTreeSet<Topic> = input.notes.reveal.iter().map(|f| f.topic).collect();
    for fact in &input.notes.reveal {
        if !carries(line, &figures_said, &fact.answer) {
            out.push(Breach::MissingReveal(fact.topic));
        }
    }
    out.extend(leaks(&figures_said, input, &reveal_now));
    // Figures written in words ("five cents", "half a million") are read by the spine.
    for leak in spoken_leaks(line, input, &reveal_now) {
        if !out
            .iter()
            .any(|b| matches!(b, Breach::Leak { topic, .. } if *topic == leak.topic))
        {
            out.push(Breach::Leak {
                topic: leak.topic,
                figure: leak.figure,
            });
        }
    }
    let questions = questions(line);
    if questions > 1 {
        out.push(Breach::Questions(questions));
    }
    if let Some(found) = GUARD.patterns.iter().find_map(|p| p.find(line)) {
        out.push(Breach::OutOfPersona(found.as_str().trim().to_string()));
    }
    let said = words(line);
    let example = words(input.example);
    // "Go on." may come back; a whole sentence said again, or nearly, is a stuck model. Asking an
    // unanswered question again, as the example does, is the move itself.
    if said.len() >= REPEAT_MIN_WORDS && !nearly_same(&example, &said) {
        // A question answered and then put again word for word, when the example does not ask it.
        let asked = question_words(line);
        let wanted = question_words(input.example);
        let again: Vec<&Vec<String>> = asked
            .iter()
            .filter(|q| !wanted.iter().any(|w| nearly_same(w, q)))
            .collect();
        if input
            .history
            .iter()
            .filter(|t| t.role == Speaker::Interviewer)
            .any(|t| {
                nearly_same(&words(&t.text), &said)
                    || question_words(&t.text)
                        .iter()
                        .any(|b| again.iter().any(|q| nearly_same(b, q)))
            })
        {
            out.push(Breach::Repeated);
        }
    }
    if let Some(span) = recited(&said, input.notes, &example).or_else(|| {
        read_out(&said, &example, INSTRUCTION_RUN, |run| {
            GUARD.instruction_runs.contains(run)
        })
    }) {
        out.push(Breach::RecitedNotes(span));
    }
    let cap = cap(input.notes);
    let words = line.split_whitespace().count();
    if words > cap {
        out.push(Breach::TooLong { words, cap });
    }
    out
}

/// The length cap for a turn with these notes.
pub fn cap(notes: &Notes) -> usize {
    let reveal_words: usize = notes
        .reveal
        .iter()
        .map(|f| f.answer.split_whitespace().count())
        .sum();
    GUARD.data.max_words + reveal_words
}

/// Lower-case words, punctuation dropped.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '$' || c == '%'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Fewest words for a line said again to count as a repeat.
const REPEAT_MIN_WORDS: usize = 4;

/// Share of distinct words two lines have in common (of all the distinct words in either) from
/// which the second is the first said again.
const REPEAT_OVERLAP: f64 = 0.7;

/// Whether `b` says `a` again, word for word or with a word or two changed.
fn nearly_same(a: &[String], b: &[String]) -> bool {
    let a: BTreeSet<&String> = a.iter().collect();
    let b: BTreeSet<&String> = b.iter().collect();
    let union = a.union(&b).count();
    union > 0 && a.intersection(&b).count() as f64 / union as f64 >= REPEAT_OVERLAP
}

/// The questions of a line, each as its words (a question of fewer than [`REPEAT_MIN_WORDS`]
/// words is left out).
fn question_words(text: &str) -> Vec<Vec<String>> {
    text.split_inclusive(['?', '.', '!'])
        .filter(|s| s.trim_end().ends_with('?'))
        .map(words)
        .filter(|w| w.len() >= REPEAT_MIN_WORDS)
        .collect()
}

/// Words in a row that count as reading the notes out.
const RECITED_RUN: usize = 8;

/// A run of [`RECITED_RUN`] words the line shares with the notes meant for the interviewer alone
/// (the reason for a pressure, the analysis lines). The style example is the persona's own words
/// and may be echoed, and so may a run it shares with the notes (the open question the reason
/// quotes, which the example asks again).
fn recited(said: &[String], notes: &Notes, example: &[String]) -> Option<String> {
    let why = match &notes.mv {
        Move::Press(p) => Some(&p.why),
        _ => None,
    };
    let private: Vec<Vec<String>> = notes
        .observations
        .iter()
        .chain(why)
        .map(|t| words(t))
        .collect();
    let runs: BTreeSet<&[String]> = private
        .iter()
        .flat_map(|w| w.windows(RECITED_RUN))
        .collect();
    read_out(said, example, RECITED_RUN, |run| runs.contains(run))
}

/// Words in a row of the notes' own instructions that count as reading them out ("so do not ask
/// about it", "hand the decision back to them").
const INSTRUCTION_RUN: usize = 5;

/// The first run of `n` words of the line that is `private` and that the style example does not
/// say too, joined by spaces.
fn read_out(
    said: &[String],
    example: &[String],
    n: usize,
    private: impl Fn(&[String]) -> bool,
) -> Option<String> {
    let allowed: BTreeSet<&[String]> = example.windows(n).collect();
    said.windows(n)
        .find(|run| private(run) && !allowed.contains(run))
        .map(|run| run.join(" "))
}

/// The regeneration note for these breaches.
pub fn retry_note(breaches: &[Breach], notes: &Notes) -> String {
    let problems = breaches
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    let vars = minijinja::context! { problems => &problems, max_words => cap(notes) };
    crate::template::render_str(&GUARD.data.retry, vars)
        .unwrap_or_else(|_| format!("[Draft not used: {problems}.]"))
}

/// The steering's leak check ([`super::steering::leak`]), which reads figures the way the spine
/// does, over the same history.
fn spoken_leaks(
    line: &str,
    input: &GuardInput<'_>,
    reveal_now: &BTreeSet<Topic>,
) -> Vec<super::steering::leak::Leak> {
    let mut revealed = revealed_before(input.history);
    revealed.extend(reveal_now.iter().copied());
    let said: Vec<_> = input
        .history
        .iter()
        .filter(|t| t.role == Speaker::Candidate)
        .flat_map(|t| crate::analysis::figures_in(&t.text))
        .collect();
    let mut known = super::steering::leak::Known::new(input.question, revealed, &said);
    let twist = input
        .history
        .iter()
        .any(|t| t.intent.as_ref().is_some_and(|i| i.twist))
        || matches!(input.notes.mv, Move::Twist { .. });
    if twist {
        known = known.with_text(&input.question.twist.text);
    }
    super::steering::leak::leaks(line, &known)
        .into_iter()
        // The clock's own minutes ("about 10 minutes left") are no fact.
        .filter(|l| !(input.notes.warning.is_some() && l.figure.contains("minute")))
        .collect()
}

/// The topics revealed before this turn, read from the interviewer turns' recorded intent.
fn revealed_before(history: &[Turn]) -> BTreeSet<Topic> {
    history
        .iter()
        .filter(|t| t.role == Speaker::Interviewer)
        .filter_map(|t| t.intent.as_ref())
        .flat_map(|i| i.revealed.iter().copied())
        .collect()
}

fn leaks(said: &[Figure], input: &GuardInput<'_>, reveal_now: &BTreeSet<Topic>) -> Vec<Breach> {
    let open = revealed_before(input.history);
    // Figures the candidate or the question already put on the table are theirs to hear back.
    let mut known: Vec<Figure> = figures(&input.question.prompt);
    for t in input
        .history
        .iter()
        .filter(|t| t.role == Speaker::Candidate)
    {
        known.extend(figures(&t.text));
    }
    for f in input
        .question
        .facts
        .iter()
        .filter(|f| open.contains(&f.topic) || reveal_now.contains(&f.topic))
    {
        known.extend(figures(&f.answer));
    }
    if let Some(m) = input.notes.warning {
        known.push(Figure::plain(f64::from(m)));
    }
    let mut out = Vec::new();
    for fact in &input.question.facts {
        if open.contains(&fact.topic) || reveal_now.contains(&fact.topic) {
            continue;
        }
        for hidden in figures(&fact.answer).iter().filter(|f| f.significant()) {
            if known.iter().any(|k| k.same(hidden)) {
                continue;
            }
            if let Some(hit) = said.iter().find(|s| s.same(hidden)) {
                out.push(Breach::Leak {
                    topic: fact.topic,
                    figure: hit.text.clone(),
                });
            }
        }
    }
    out.dedup();
    out
}

/// Whether `line` carries `fact`: every significant figure of it, or (a fact without figures) a
/// good share of its words.
fn carries(line: &str, said: &[Figure], fact: &str) -> bool {
    let wanted: Vec<Figure> = figures(fact)
        .into_iter()
        .filter(Figure::significant)
        .collect();
    if !wanted.is_empty() {
        return wanted.iter().all(|w| said.iter().any(|s| s.same(w)));
    }
    let stems = |s: &str| -> BTreeSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 5)
            .map(|w| w.to_lowercase().chars().take(5).collect())
            .collect()
    };
    let want = stems(fact);
    if want.is_empty() {
        return true;
    }
    let have = stems(line);
    want.intersection(&have).count() * 5 >= want.len() * 2
}

/// How many questions a line asks: runs of `?` (so "really??" is one).
fn questions(line: &str) -> usize {
    let mut n = 0;
    let mut prev = ' ';
    for c in line.chars() {
        if c == '?' && prev != '?' {
            n += 1;
        }
        prev = c;
    }
    n
}

/// A number as written, with its value.
#[derive(Debug, Clone, PartialEq)]
struct Figure {
    text: String,
    value: f64,
    /// Carried a magnitude (k, million), a currency sign or a percent.
    marked: bool,
}

impl Figure {
    fn plain(value: f64) -> Self {
        Self {
            text: value.to_string(),
            value,
            marked: false,
        }
    }

    /// Worth comparing: small bare numbers ("2 regions", "5 minutes") say too little.
    fn significant(&self) -> bool {
        self.marked || self.value >= 10.0
    }

    fn same(&self, other: &Figure) -> bool {
        let (a, b) = (self.value, other.value);
        a == b || ((a - b).abs() <= a.abs().max(b.abs()) * 0.005)
    }
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(\$)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?(%|k\b|thousand\b|m\b|mn\b|million\b|millions\b|b\b|bn\b|billion\b|billions\b|t\b|trillion\b)?(\s?(?:tb|gb|pb|mb|ms|qps|rps|tps|gpus?)\b)?",
    )
    .expect("static regex")
});

/// The figures in `text`.
fn figures(text: &str) -> Vec<Figure> {
    NUMBER
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            // Part of a name or a word ("p99", "H100", "GPT-4"): not a figure.
            let before = text[..whole.start()].chars().next_back();
            if before.is_some_and(|ch| ch.is_alphanumeric() || ch == '-' || ch == '.') {
                return None;
            }
            let digits = c.get(2)?.as_str().replace(',', "");
            let frac = c.get(3).map_or("", |m| m.as_str());
            let mut value: f64 = format!("{digits}{frac}").parse().ok()?;
            let suffix = c.get(4).map(|m| m.as_str().to_ascii_lowercase());
            value *= match suffix.as_deref() {
                Some("k" | "thousand") => 1e3,
                Some("m" | "mn" | "million" | "millions") => 1e6,
                Some("b" | "bn" | "billion" | "billions") => 1e9,
                Some("t" | "trillion") => 1e12,
                _ => 1.0,
            };
            Some(Figure {
                text: whole.as_str().trim().to_string(),
                value,
                marked: c.get(1).is_some() || suffix.is_some() || c.get(5).is_some(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
