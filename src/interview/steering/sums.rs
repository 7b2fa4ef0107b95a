//! Worked sums heard as a person checks them: a rate restated over another period ("500,000 a
//! second is about 4 billion a day"), and the spine's slips that a person would not press (a
//! share read as a product, a sum that lands once the period is counted).

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use super::challenge::{Challenge, nouns, restate};
use crate::analysis::figures_check::ArithmeticSlip;
use crate::analysis::{Quantity, QuantityKind as Kind, SaidFigure, TurnSignals};

/// A rate restated over another period, wrongly ("500,000 a second, that's about 4 billion a
/// day": it is 43 billion; "40 thousand a minute is about 4 thousand a second": it is 667): two
/// rates of one sentence, the second said as the first ("that's", "is about", "so"), counting
/// the same thing or nothing named, a factor of three or more apart.
pub(super) fn conversion_slip(last: &TurnSignals) -> Option<Challenge> {
    let rates: Vec<&SaidFigure> = last
        .figures
        .iter()
        .filter(|f| f.quantity.kind == Kind::Rate && f.quantity.per_seconds.is_some())
        .collect();
    rates.windows(2).find_map(|pair| {
        let (a, b) = (pair[0], pair[1]);
        if a.evidence.quote != b.evidence.quote || a.quantity.per_seconds == b.quantity.per_seconds
        {
            return None;
        }
        let quote = a.evidence.quote.to_ascii_lowercase();
        let (ta, tb) = (
            a.quantity.text.to_ascii_lowercase(),
            b.quantity.text.to_ascii_lowercase(),
        );
        let from = quote.find(&ta)? + ta.len();
        let to = quote[from..].find(&tb)? + from;
        let between = &quote[from..to];
        if between.len() > 30 || !RESTATES.is_match(between) {
            return None;
        }
        let (na, nb) = (nouns(&a.quantity.text), nouns(&b.quantity.text));
        if !na.is_empty() && !nb.is_empty() && na.is_disjoint(&nb) {
            return None;
        }
        let (ra, rb) = (a.quantity.per_second()?, b.quantity.per_second()?);
        if ra <= 0.0 || rb <= 0.0 || (ra / rb).max(rb / ra) < 3.0 {
            return None;
        }
        // What the first rate comes to over the second one's period, written like the second.
        let expected = ra / rb * b.quantity.value?;
        Some(Challenge {
            arithmetic: true,
            said: b.quantity.text.clone(),
            given: None,
            expected: Some(restate(&b.quantity, expected)),
            quote: a.evidence.quote.clone(),
        })
    })
}

/// Words that say the next figure is the last one again.
static RESTATES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)that's|that is|thats|\bis\b|\bso\b|\bmeans\b|\bor\b|=|\bequals\b|\bwhich is\b")
        .expect("static regex")
});

/// Whether a slip the spine found is one a person would press: a sum read the wrong way ("2
/// billion out of 15 billion is 13%" read as a product, "$0.50 per million tokens" read as per
/// token) gives a figure ten thousand times off or more, and a sum over
/// periods ("$8 an hour is $200 a day") is right once the period is counted.
pub(super) fn holds_up(slip: &ArithmeticSlip, last: &TurnSignals) -> bool {
    let (stated, expected) = (slip.stated, slip.expected);
    if !stated.is_finite() || !expected.is_finite() || expected.abs() >= 1e15 {
        return false;
    }
    if stated != 0.0 && expected != 0.0 {
        let ratio = (expected / stated).abs();
        if !(1e-4..=1e4).contains(&ratio) {
            return false;
        }
    }
    let in_sentence: Vec<&Quantity> = last
        .figures
        .iter()
        .filter(|f| f.evidence.quote == slip.evidence.quote)
        .map(|f| &f.quantity)
        .collect();
    let stated_q = in_sentence.iter().find(|q| {
        q.value
            .is_some_and(|v| (v - stated).abs() <= v.abs() * 1e-6)
    });
    // A share above the whole is a sum read the wrong way.
    if stated_q.is_some_and(|q| q.kind == Kind::Percent) && expected.abs() > 1.0 {
        return false;
    }
    // Counted per another period, does it land? Then the candidate was right.
    let periods: BTreeSet<u64> = in_sentence
        .iter()
        .filter_map(|q| q.per_seconds)
        .map(|p| p.round() as u64)
        .collect();
    let words = slip.evidence.quote.to_ascii_lowercase();
    let named: Vec<f64> = [
        ("second", 1.0),
        ("minute", 60.0),
        ("hour", 3600.0),
        ("day", 86_400.0),
        ("week", 604_800.0),
        ("month", 2_592_000.0),
        ("year", 31_536_000.0),
    ]
    .iter()
    .filter(|(w, _)| words.contains(w))
    .map(|(_, s)| *s)
    .chain(periods.iter().map(|p| *p as f64))
    .collect();
    let lands = named.iter().any(|a| {
        named.iter().any(|b| {
            let converted = expected * b / a;
            stated != 0.0 && ((converted - stated) / stated).abs() <= 0.15
        })
    });
    !lands
}

#[cfg(test)]
mod tests {
    use super::super::challenge::challenge;
    use crate::interview::steering::heard;

    #[test]
    fn a_sum_over_periods_is_not_called_a_slip() {
        // 5 GPUs at $3 an hour is $15 an hour, $360 a day: right once the day is counted.
        let t = heard("Five GPUs at 3 dollars an hour is about 360 dollars a day.");
        assert!(t.arithmetic.is_empty(), "the spine reads this sum right");
        assert_eq!(challenge(&t, &[], &[]), None);
    }

    #[test]
    fn a_rate_restated_over_a_day_is_checked() {
        let c = challenge(
            &heard("At 300,000 requests a second, that's about 3 billion requests a day."),
            &[],
            &[],
        )
        .expect("26 billion a day, not 3");
        assert!(c.arithmetic);
        assert_eq!(c.said, "3 billion requests a day");
        assert_eq!(c.expected.as_deref(), Some("26 billion requests a day"));
        let c = challenge(
            &heard("90 thousand per minute is roughly 9 thousand per second more."),
            &[],
            &[],
        )
        .expect("1,500 a second, not 9,000");
        assert_eq!(c.expected.as_deref(), Some("1.5 thousand per second"));
        // Right, it passes.
        assert_eq!(
            challenge(
                &heard("At 300,000 requests a second, that's about 26 billion requests a day."),
                &[],
                &[]
            ),
            None
        );
    }
}
