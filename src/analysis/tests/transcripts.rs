//! Whole turns and rounds: messy speech-to-text, quotes staying verbatim, and the fold.

use std::time::Duration;

use super::{turn, verbatim};
use crate::analysis::{Analysis, Utterance, analyze_turn};
use crate::question::{Concern, Topic};

/// A long unpunctuated spoken turn, as speech-to-text delivers it.
const SPOKEN: &str = "okay um so first I want to understand the requirements a bit \
    how many users are we talking about and is this global or just one region \
    uh and then you know the latency like what's acceptable for the first token \
    okay so assuming like fifty million DAU and each user does maybe ten queries a day \
    that's five hundred million a day which is roughly six thousand QPS average \
    and maybe three x at peak so like twenty k QPS at peak \
    so for serving I'd quantize the model and use continuous batching on the GPUs \
    because otherwise the cost per request is way too high \
    and then we put a semantic cache in front so repeated questions don't hit the model at all";

#[test]
fn a_long_spoken_turn_reads_like_a_typed_one() {
    let t = turn(SPOKEN);
    let topics = t.topics_asked();
    for want in [Topic::Users, Topic::Regions, Topic::Latency] {
        assert!(topics.contains(&want), "{topics:?}");
    }
    assert!(!t.sizing.is_empty());
    assert!(t.numbers.len() >= 5, "{:?}", t.numbers);
    for c in [
        Concern::ModelServing,
        Concern::GpuBatching,
        Concern::CostPerRequest,
        Concern::Caching,
    ] {
        assert!(
            t.concerns.contains_key(&c),
            "{c:?} missing: {:?}",
            t.concerns.keys()
        );
    }
    assert!(!t.justifications.is_empty());
    // The long run was cut, so no piece of evidence is the whole turn.
    assert!(t.sizing.iter().all(|e| e.quote.len() < SPOKEN.len() / 2));
}

#[test]
fn odd_text_keeps_quotes_verbatim() {
    for text in [
        "So — what’s the budget?  We’d use “Redis”… probably.",
        "naïve café résumé: 10 ms → 20 ms?",
        "emoji 🚀 scale: 10k QPS 🚀 and a cache",
        "\t\n  1. Users\n\n2) 10M DAU\r\n3. p99 < 200ms\n",
        "ok?yes!no.maybe",
        "$5/mo, ~3x, 50%+, 1,000,000 rows, 1e6 items, 0.5 cents, -5 degrees",
    ] {
        let t = turn(text);
        verbatim(text, &t);
    }
}

/// A compact round: clarify, size, design heavy, weigh.
fn round() -> Vec<(&'static str, u64)> {
    vec![
        ("Who are the users and how many?", 30),
        (
            "I'll put everything on Kubernetes with Kafka between services.",
            120,
        ),
        (
            "So 10M DAU times 20 requests a day is 200M a day, roughly 2.3k QPS, call it 7k at peak.",
            300,
        ),
        (
            "A cache instead of more replicas trades 5 minutes of staleness for 80% fewer reads, because reads dominate.",
            420,
        ),
    ]
}

#[test]
fn the_fold_records_first_moments() {
    let turns = round();
    let a = Analysis::of(turns.iter().enumerate().map(|(i, (text, s))| Utterance {
        turn: 2 * i + 2,
        at: Duration::from_secs(*s),
        text,
    }));
    assert_eq!(a.turns.len(), 4);
    assert_eq!(a.first_clarification.map(|m| m.turn), Some(2));
    assert_eq!(a.first_component.map(|m| m.turn), Some(4));
    assert_eq!(a.first_sizing.map(|m| m.turn), Some(6));
    assert_eq!(a.first_quantified_tradeoff.map(|m| m.turn), Some(8));
    let heavy: Vec<_> = a
        .heavy_before_sizing()
        .iter()
        .map(|(c, _)| c.name.as_str())
        .collect();
    assert_eq!(heavy, ["kubernetes", "kafka"]);
    assert!(a.topics_asked.contains_key(&Topic::Users));
    assert!(a.covered(Concern::Caching));
    assert_eq!(
        a.words,
        turns
            .iter()
            .map(|(t, _)| t.split_whitespace().count())
            .sum::<usize>()
    );
}

#[test]
fn analysis_is_deterministic() {
    let once = analyze_turn(&Utterance {
        turn: 1,
        at: Duration::ZERO,
        text: SPOKEN,
    });
    let twice = analyze_turn(&Utterance {
        turn: 1,
        at: Duration::ZERO,
        text: SPOKEN,
    });
    assert_eq!(once, twice);
}
