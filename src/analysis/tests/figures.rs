//! Figures held against the facts and against their own arithmetic.

use super::turn;
use crate::analysis::{Analysis, figures_in};

#[test]
fn figures_normalise_for_comparison() {
    let q = figures_in("About 2 million requests a day, peaking at 6,000 a second; $2.50 an hour");
    let per_second: Vec<Option<f64>> = q.iter().map(|q| q.per_second()).collect();
    assert!((per_second[0].unwrap() - 23.15).abs() < 0.1, "{q:?}");
    assert_eq!(q[2].value, Some(2.5));
    assert_eq!(q[2].per_seconds, Some(3600.0));
    for (text, value) in [
        ("10⁶ vectors", 1e6),
        ("2½ GB", 2.5e9),
        ("1e6 users", 1e6),
        ("half a million users", 5e5),
        ("twelve hundred QPS", 1200.0),
        ("150ms", 0.15),
        ("4k a month", 4000.0),
    ] {
        let got = figures_in(text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert!(
            (got[0].value.unwrap() / value - 1.0).abs() < 1e-9,
            "{text}: {got:?}"
        );
    }
}

#[test]
fn a_figure_ten_times_off_what_was_given_contradicts_it() {
    let given = figures_in("Peak is 6,000 copilot requests a second, from 8 million users.");
    let round = Analysis::of([crate::analysis::Utterance {
        turn: 3,
        at: std::time::Duration::ZERO,
        text: "So we plan for about 60 requests a second; two GPUs will do. 8 million users is fine.",
    }]);
    let c = round.contradictions(&given);
    assert_eq!(c.len(), 1, "{c:?}");
    assert!(c[0].factor < 0.02);
    assert!(c[0].evidence.quote.contains("60 requests a second"));
}

#[test]
fn restating_a_given_figure_right_is_not_a_contradiction() {
    let given =
        figures_in("About 400,000 conversations a day; 3,000 tenants with 8 million end users.");
    let round = Analysis::of([crate::analysis::Utterance {
        turn: 3,
        at: std::time::Duration::ZERO,
        text: "400k conversations a day is about 5 a second on average. With 3k tenants and 8M users.",
    }]);
    assert!(round.contradictions(&given).is_empty());
}

#[test]
fn a_worked_sum_that_does_not_hold_is_a_slip() {
    let t = turn("So 36 GPUs at $2.50 an hour is about $70 an hour.");
    assert_eq!(t.arithmetic.len(), 1, "{:?}", t.arithmetic);
    assert!((t.arithmetic[0].expected - 90.0).abs() < 1e-9);
    for text in [
        "36 GPUs at $2.50 an hour is about $90 an hour.",
        "3% of 20 million is 600k.",
        "400k conversations a day at two cents each is about $8k a day.",
        "We have 10M users, 99.9% uptime and 200 ms budgets.",
    ] {
        assert!(turn(text).arithmetic.is_empty(), "{text}");
    }
}

/// A share worked out ("30 out of 600 is 5%"), a price per million tokens, and a price in words
/// carried from an hour to a day were all read as wrong sums and pressed on the candidate.
#[test]
fn shares_prices_per_million_and_prices_in_words_are_worked_sums_that_hold() {
    for text in [
        "So 30 out of 600 requests is 5%, basically noise.",
        "About 3 billion tokens a day at $0.50 per million is $1,500 a day.",
        "Steady state: 4 GPUs at 2 dollars an hour is 200 dollars a day.",
        "Twelve replicas at 3 bucks an hour comes to about 860 bucks a day.",
    ] {
        assert!(
            turn(text).arithmetic.is_empty(),
            "{text}: {:?}",
            turn(text).arithmetic
        );
    }
    // The same sums with a wrong answer are still slips.
    for text in [
        "So 30 out of 600 requests is 50%, a real problem.",
        "About 3 billion tokens a day at $0.50 per million is $15,000 a day.",
        "Steady state: 4 GPUs at 2 dollars an hour is 2,000 dollars a day.",
    ] {
        assert_eq!(turn(text).arithmetic.len(), 1, "{text}");
    }
}

/// A fleet sized by dividing ("at 100k each is 400 servers", "/ 100k per shard = 250 shards") was
/// multiplied, so a tenfold slip read as a sum too far off to be one, and the interviewer let it
/// pass.
#[test]
fn a_fleet_sized_by_division_is_checked_as_a_division() {
    for (text, expected) in [
        (
            "400 million concurrent connections at 100k each is 400 servers.",
            4_000.0,
        ),
        ("2.5M ops a second / 100k per shard = 250 shards.", 25.0),
    ] {
        let t = turn(text);
        assert_eq!(t.arithmetic.len(), 1, "{text}: {:?}", t.arithmetic);
        assert!(
            (t.arithmetic[0].expected - expected).abs() < 1e-6,
            "{text}: {:?}",
            t.arithmetic
        );
    }
    for text in [
        "400 million concurrent connections at 100k each is 4,000 servers.",
        "2.5M ops a second / 100k per shard = 25 shards.",
        "10 servers at 8 GPUs each is 80 GPUs.",
    ] {
        assert!(
            turn(text).arithmetic.is_empty(),
            "{text}: {:?}",
            turn(text).arithmetic
        );
    }
}

/// "Reads dominate 100 to 1" was read as a range from 100 down to 1 and averaged to 50.5.
#[test]
fn a_ratio_to_one_is_the_ratio_not_a_range() {
    for (text, value) in [
        ("reads dominate 100 to 1", 100.0),
        ("a read to write ratio of 10 to 1", 10.0),
        ("between 10 to 20 replicas", 15.0),
    ] {
        let got = figures_in(text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert!(
            (got[0].value.unwrap() / value - 1.0).abs() < 1e-9,
            "{text}: {got:?}"
        );
    }
}
