//! Detector tests on realistic interview turns, typed and speech-to-text. Each detector gets
//! positive and negative cases; `verbatim` checks every quote against its turn.

mod components;
mod concerns;
mod figures;
mod numbers;
mod questions;
mod signals;
mod spoken;
mod transcripts;

use std::collections::BTreeSet;
use std::time::Duration;

use super::{Evidence, QuantityKind, TurnSignals, Utterance, analyze_turn};
use crate::question::{Concern, Topic};

/// Analyses `text` as turn 3 at one minute, checking every quote is verbatim.
fn turn(text: &str) -> TurnSignals {
    let t = analyze_turn(&Utterance {
        turn: 3,
        at: Duration::from_secs(60),
        text,
    });
    verbatim(text, &t);
    t
}

/// Asserts every quote and quantity text in `t` is a trimmed substring of `text`.
fn verbatim(text: &str, t: &TurnSignals) {
    let evidence = [
        &t.sizing,
        &t.tradeoffs,
        &t.quantified_tradeoffs,
        &t.cost,
        &t.latency,
        &t.vague,
        &t.injection,
        &t.justifications,
    ];
    let quotes = evidence
        .iter()
        .flat_map(|e| e.iter().map(|e: &Evidence| e.quote.as_str()))
        .chain(t.concerns.values().map(|e| e.quote.as_str()))
        .chain(t.questions.iter().map(|q| q.quote.as_str()))
        .chain(t.numbers.iter().map(|q| q.text.as_str()));
    for q in quotes {
        assert!(!q.is_empty() && q == q.trim(), "untrimmed quote {q:?}");
        assert!(text.contains(q), "quote {q:?} is not in {text:?}");
    }
    for e in evidence
        .iter()
        .flat_map(|e| e.iter())
        .chain(t.concerns.values())
    {
        assert_eq!((e.turn, e.at), (3, Duration::from_secs(60)));
    }
}

/// The topics of the turn's only question, failing if it has not exactly one.
fn one_question(text: &str) -> BTreeSet<Topic> {
    let t = turn(text);
    assert_eq!(t.questions.len(), 1, "{text:?} -> {:?}", t.questions);
    t.questions[0].topics.clone()
}

/// The (text, kind) of each quantity in `text`.
fn numbers(text: &str) -> Vec<(String, QuantityKind)> {
    turn(text)
        .numbers
        .into_iter()
        .map(|q| (q.text, q.kind))
        .collect()
}

/// The concerns `text` raises.
fn concerns(text: &str) -> Vec<Concern> {
    turn(text).concerns.into_keys().collect()
}

#[test]
fn counts_words_on_whitespace() {
    assert_eq!(turn("  so um   we use\na cache ").words, 6);
    assert_eq!(turn("").words, 0);
}

#[test]
fn empty_and_blank_turns_have_no_signals() {
    for text in ["", "   \n\n  ", "...", "?"] {
        let t = turn(text);
        assert!(
            t.numbers.is_empty() && t.components.is_empty() && t.concerns.is_empty(),
            "{text:?}"
        );
    }
}
