//! No interviewer line carries a figure of the hidden sheet whose topic the candidate has not
//! asked about. [`leaks`] is the pure check (a line and what may be said in, the leaking figures
//! out) that every line passes before it is shown; [`sanitize`] cuts what leaks out of a probe or
//! a phrasing so the rest can still be said ("Which model serves the answers, hosted API or
//! self-hosted, and how do you serve 300 calls a second?" keeps its first question while the
//! peak load is still hidden).
//!
//! Figures are compared by meaning, as the spine reads them: "five cents" is "$0.05", "300 calls
//! a second" is "300 model calls per second".

use std::collections::BTreeSet;

use crate::analysis::{Quantity, QuantityKind, figures_in, sentences};
use crate::question::{Question, Topic};

/// A figure of the hidden sheet found in a line before its topic was revealed.
#[derive(Debug, Clone, PartialEq)]
pub struct Leak {
    /// The fact's topic.
    pub topic: Topic,
    /// The figure as the line wrote it.
    pub figure: String,
}

/// What the interviewer may say figures of: the facts revealed (this turn's included), the
/// figures the candidate or the question put on the table, and any other public figures (the
/// twist once sprung).
#[derive(Debug, Clone)]
pub struct Known<'a> {
    /// The question with its hidden sheet.
    pub question: &'a Question,
    /// Topics revealed so far, this turn's included.
    pub revealed: BTreeSet<Topic>,
    /// Figures already public: the candidate's own, the prompt's, the twist's once sprung.
    pub public: Vec<Quantity>,
}

impl<'a> Known<'a> {
    /// What may be said in a round on `question` where `revealed` topics are out and the
    /// candidate said `said`; the prompt's figures are always public.
    pub fn new(question: &'a Question, revealed: BTreeSet<Topic>, said: &[Quantity]) -> Self {
        let mut public = figures_in(&question.prompt);
        public.extend(said.iter().cloned());
        Self {
            question,
            revealed,
            public,
        }
    }

    /// Adds public figures read from `text` (the twist, once sprung).
    pub fn with_text(mut self, text: &str) -> Self {
        self.public.extend(figures_in(text));
        self
    }
}

/// Small bare counts ("2 regions", "3 a.m.") say too little to be a fact's figure.
fn significant(q: &Quantity) -> bool {
    let small = q.value.is_some_and(|v| v.abs() < 10.0);
    let bare = matches!(
        q.kind,
        QuantityKind::Other | QuantityKind::Population | QuantityKind::Hardware
    );
    !(small && bare)
}

/// Whether two figures are the same figure, however written.
fn same(a: &Quantity, b: &Quantity) -> bool {
    let kinds = a.kind == b.kind || a.kind == QuantityKind::Other || b.kind == QuantityKind::Other;
    let (Some(x), Some(y)) = (a.value, b.value) else {
        return a.text.eq_ignore_ascii_case(&b.text);
    };
    let close = |x: f64, y: f64| (x - y).abs() <= x.abs().max(y.abs()) * 0.02;
    kinds
        && match (a.per_seconds, b.per_seconds) {
            (Some(p), Some(q)) if p > 0.0 && q > 0.0 => close(x / p, y / q) || close(x, y),
            _ => close(x, y),
        }
}

/// The figures in `line` that belong to a fact whose topic is not revealed and that nothing
/// public carries.
pub fn leaks(line: &str, known: &Known<'_>) -> Vec<Leak> {
    let said = figures_in(line);
    if said.is_empty() {
        return Vec::new();
    }
    let mut allowed: Vec<Quantity> = known.public.clone();
    for f in &known.question.facts {
        if known.revealed.contains(&f.topic) {
            allowed.extend(figures_in(&f.answer));
        }
    }
    let mut out: Vec<Leak> = Vec::new();
    for s in said.iter().filter(|s| significant(s)) {
        if allowed.iter().any(|a| same(a, s)) {
            continue;
        }
        let hidden = known
            .question
            .facts
            .iter()
            .filter(|f| !known.revealed.contains(&f.topic))
            .find(|f| figures_in(&f.answer).iter().any(|h| same(h, s)));
        if let Some(f) = hidden
            && !out.iter().any(|l| l.figure == s.text)
        {
            out.push(Leak {
                topic: f.topic,
                figure: s.text.clone(),
            });
        }
    }
    out
}

/// Fewest words a piece cut from a sentence must keep to still be worth saying.
const MIN_WORDS: usize = 4;

/// `line` with every sentence that leaks cut down to a part that does not (the clauses before the
/// first leaking one, or after the last), or dropped; `None` when nothing worth saying is left.
pub fn sanitize(line: &str, known: &Known<'_>) -> Option<String> {
    if leaks(line, known).is_empty() {
        return Some(line.to_string());
    }
    let mut kept: Vec<String> = Vec::new();
    for r in sentences::split(line) {
        let sentence = &line[r];
        if leaks(sentence, known).is_empty() {
            kept.push(sentence.to_string());
        } else if let Some(part) = cut(sentence, known) {
            kept.push(part);
        }
    }
    // A question left leaning on what was cut ("How do you shard and serve it?") is unclear.
    let cut_any = kept.len() < sentences::split(line).len()
        || kept.iter().any(|k| !line.contains(k.as_str()));
    let leans = kept.iter().any(|k| {
        k.split(|c: char| !c.is_alphanumeric())
            .any(|w| matches!(w, "it" | "them" | "this" | "these"))
    });
    if cut_any && leans {
        return None;
    }
    let out = kept.join(" ");
    // A question cut down to statements ("Acceptance rate is the online metric.") asks nothing.
    let asked = line.contains('?');
    let still_asks = out.contains('?') || kept.iter().any(|k| stands_alone(k));
    (out.split_whitespace().count() >= MIN_WORDS && (!asked || still_asks)).then_some(out)
}

/// The clauses of a leaking sentence before its first leaking clause, or else after its last.
fn cut(sentence: &str, known: &Known<'_>) -> Option<String> {
    let clauses = clauses(sentence);
    let leaking: Vec<bool> = clauses
        .iter()
        .map(|c| !leaks(c, known).is_empty())
        .collect();
    let first = leaking.iter().position(|l| *l)?;
    let last = leaking.iter().rposition(|l| *l)?;
    let end = if sentence.trim_end().ends_with('?') {
        "?"
    } else {
        "."
    };
    let words =
        |parts: &[&str]| -> usize { parts.iter().map(|p| p.split_whitespace().count()).sum() };
    let tidy = |parts: &[&str]| {
        let joined = parts.join(", ");
        let body = joined
            .trim()
            .trim_start_matches(|c: char| c == ',' || c == ':' || c.is_whitespace())
            .trim_start_matches("and ")
            .trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
        let mut chars = body.chars();
        let head = chars.next()?;
        Some(format!("{}{}{end}", head.to_uppercase(), chars.as_str()))
    };
    let before: Vec<&str> = clauses[..first].to_vec();
    if words(&before) >= MIN_WORDS {
        return tidy(&before);
    }
    // What follows the cut must stand on its own: a question or a request, not a fragment.
    let after: Vec<&str> = clauses[last + 1..].to_vec();
    if words(&after) >= MIN_WORDS && after.first().is_some_and(|c| stands_alone(c)) {
        return tidy(&after);
    }
    // One clause: "How do you evaluate a model offline before it reaches 5 million developers?"
    // loses its tail at the word that brings the figure in.
    let clause = clauses[first];
    let figure_at = figures_in(clause)
        .iter()
        .filter_map(|q| clause.find(q.text.as_str()))
        .min()?;
    let lower = clause.to_ascii_lowercase();
    let cut_at = [
        " before ", " within ", " under ", " at ", " for ", " with ", " in ", " of ", " to ",
    ]
    .iter()
    .filter_map(|w| lower[..figure_at].rfind(w))
    .max()?;
    let head = &clause[..cut_at];
    if first == 0 && stands_alone(head) && head.split_whitespace().count() >= MIN_WORDS {
        let mut parts = vec![head];
        parts.extend(clauses[..first].iter().copied());
        return tidy(&parts);
    }
    None
}

/// Whether a clause opens like a sentence of its own ("how do you batch", "walk me through").
fn stands_alone(clause: &str) -> bool {
    const OPENERS: [&str; 22] = [
        "how", "what", "which", "where", "why", "who", "when", "do", "does", "is", "are", "can",
        "could", "would", "should", "will", "walk", "tell", "give", "show", "describe", "explain",
    ];
    let first = clause
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_start_matches("and ")
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    OPENERS.contains(&first.as_str())
}

/// A sentence's clauses: split at commas, colons, semicolons and a joining "and".
fn clauses(sentence: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = sentence.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &sentence[i..];
        // A comma between digits groups thousands ("500,000"); it does not end a clause.
        let in_number = bytes[i] == b','
            && i > 0
            && bytes[i - 1].is_ascii_digit()
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        let sep = (matches!(bytes[i], b',' | b':' | b';') && !in_number)
            || (rest.starts_with(" and ") && i > start);
        if sep {
            let piece = sentence[start..i].trim();
            if !piece.is_empty() {
                out.push(piece);
            }
            start = i + 1;
        }
        i += sentence[i..].chars().next().map_or(1, char::len_utf8);
    }
    let piece = sentence[start..].trim();
    if !piece.is_empty() {
        out.push(piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::QuestionBank;

    fn chatbot() -> Question {
        QuestionBank::embedded()
            .unwrap()
            .get("llm-support-chatbot")
            .unwrap()
            .clone()
    }

    fn known<'q>(q: &'q Question, revealed: &[Topic]) -> Known<'q> {
        Known::new(q, revealed.iter().copied().collect(), &[])
    }

    #[test]
    fn a_probe_carrying_the_hidden_peak_load_leaks_it() {
        let q = chatbot();
        let line = "How do you serve 300 calls a second at peak within the first-token budget?";
        let l = leaks(line, &known(&q, &[]));
        assert_eq!(l.len(), 1, "{l:?}");
        assert_eq!(l[0].topic, Topic::Scale);
        assert!(leaks(line, &known(&q, &[Topic::Scale])).is_empty());
    }

    #[test]
    fn a_figure_in_words_is_the_same_figure() {
        let q = chatbot();
        let l = leaks("Does it fit under five cents?", &known(&q, &[]));
        assert_eq!(l.first().map(|l| l.topic), Some(Topic::Budget), "{l:?}");
    }

    #[test]
    fn the_candidates_own_figure_may_be_said_back() {
        let q = chatbot();
        let said = figures_in("I'd guess 300 calls a second at peak.");
        let k = Known::new(&q, BTreeSet::new(), &said);
        assert!(leaks("At 300 calls a second, what breaks first?", &k).is_empty());
    }

    #[test]
    fn sanitize_keeps_the_question_that_does_not_leak() {
        let q = chatbot();
        let k = known(&q, &[]);
        let probe = q.hotspots[0].probe.as_str();
        let safe = sanitize(probe, &k).unwrap();
        assert_eq!(
            safe,
            "Which model serves the answers, hosted API or self-hosted?"
        );
        let cost = q.hotspots[1].probe.as_str();
        let safe = sanitize(cost, &k).unwrap();
        assert!(!safe.contains("cents"), "{safe}");
        assert!(safe.starts_with("Walk me through the cost"), "{safe}");
        assert!(leaks(&safe, &k).is_empty());
    }

    #[test]
    fn a_fragment_left_after_the_cut_is_not_said() {
        let q = QuestionBank::embedded()
            .unwrap()
            .get("gpu-inference-autoscaling")
            .unwrap()
            .clone();
        let k = known(&q, &[]);
        let line = "How do you serve the 70B models: tensor parallelism, quantisation, continuous batching? How many GPUs per replica?";
        if !leaks(line, &k).is_empty() {
            assert_eq!(
                sanitize(line, &k).as_deref(),
                Some("How many GPUs per replica?")
            );
        }
    }

    #[test]
    fn a_question_keeps_its_head_when_its_tail_carries_the_figure() {
        let q = QuestionBank::embedded()
            .unwrap()
            .get("ai-coding-assistant")
            .unwrap()
            .clone();
        let k = known(&q, &[Topic::Scale]);
        let probe = "Acceptance rate is the online metric. How do you evaluate a new completion model offline before it reaches 5 million developers?";
        assert_eq!(
            sanitize(probe, &k).as_deref(),
            Some(
                "Acceptance rate is the online metric. How do you evaluate a new completion model offline?"
            )
        );
    }

    #[test]
    fn a_question_cut_down_to_statements_is_not_said() {
        let q = chatbot();
        let k = known(&q, &[]);
        assert_eq!(
            sanitize("It peaks at 300 calls a second. Why that?", &k),
            None
        );
    }

    /// "How do you ingest 500, 000 changed documents?" reached a candidate: the thousands comma
    /// was taken for a clause break and the figure was said back in two pieces.
    #[test]
    fn a_thousands_comma_is_not_a_clause_break() {
        assert_eq!(
            clauses("How do you ingest 500,000 changed documents, and embed them?"),
            vec![
                "How do you ingest 500,000 changed documents",
                "and embed them?"
            ]
        );
        assert_eq!(clauses("Yes, 3, 4 or 5"), vec!["Yes", "3", "4 or 5"]);
    }

    #[test]
    fn nothing_left_to_say_is_none() {
        let q = chatbot();
        assert_eq!(sanitize("300 calls a second?", &known(&q, &[])), None);
    }
}
