//! Rates and prices carried from one period to another in a sentence: "60 million a day, so
//! that's roughly seven thousand a second" (about 700), "$40 an hour, which is about $3,000 a
//! month" (about $29,000). The spine's sum check (`figures_check`) needs three figures; this reads
//! the two-figure conversion, which is where spoken estimates most often slip by a power of ten.
//!
//! Pure and conservative like `figures_check`: both figures must be of one kind (rates, or money
//! per period), both carry a period, the second must be stated as the result of the first ("so",
//! "that's", "which is", "is about"), and the two must disagree by a factor of ten or more once the
//! periods are put right.

use super::{Quantity, QuantityKind};

/// A conversion whose result does not follow from what it converts.
#[derive(Debug, Clone, PartialEq)]
pub struct ConversionSlip {
    /// The figure converted, as written.
    pub from: String,
    /// The result, as written.
    pub to: String,
    /// The result as stated.
    pub stated: f64,
    /// What the conversion gives.
    pub expected: f64,
}

/// Words that state the next figure as the result of the one before.
const RESULT: [&str; 10] = [
    "that's",
    "thats",
    "that is",
    "which is",
    " is ",
    "so ",
    "comes to",
    "works out",
    "=",
    "≈",
];

/// The period a rate or price is per, in seconds: as read, or from its own words when the
/// reading left it out ("seven thousand a second").
fn period(q: &Quantity) -> Option<f64> {
    q.per_seconds.or_else(|| {
        let t = q.text.to_ascii_lowercase();
        [
            ("second", 1.0),
            ("/s", 1.0),
            ("minute", 60.0),
            ("hour", 3_600.0),
            ("day", 86_400.0),
            ("week", 604_800.0),
            ("month", 2_592_000.0),
            ("year", 31_536_000.0),
        ]
        .iter()
        .find(|(w, _)| t.ends_with(w))
        .map(|(_, p)| *p)
    })
}

/// The conversions in `sentence` (its `figures` in order of appearance) that are off by a factor
/// of ten or more.
pub fn conversion_slips(sentence: &str, figures: &[Quantity]) -> Vec<ConversionSlip> {
    let lower = sentence.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    let mut at: Vec<Option<(usize, usize)>> = Vec::with_capacity(figures.len());
    for q in figures {
        match lower[from..].find(&q.text.to_ascii_lowercase()) {
            Some(i) => {
                let start = from + i;
                from = start + q.text.len();
                at.push(Some((start, from)));
            }
            None => at.push(None),
        }
    }
    for k in 1..figures.len() {
        let (a, b) = (&figures[k - 1], &figures[k]);
        let (Some((_, a_end)), Some((b_start, _))) = (at[k - 1], at[k]) else {
            continue;
        };
        if a.kind != b.kind || !matches!(a.kind, QuantityKind::Rate | QuantityKind::Money) {
            continue;
        }
        let between = format!(" {} ", &lower[a_end..b_start]);
        if between.len() > 40 || !RESULT.iter().any(|r| between.contains(r)) {
            continue;
        }
        let (Some(x), Some(y), Some(pa), Some(pb)) = (a.value, b.value, period(a), period(b))
        else {
            continue;
        };
        if x <= 0.0 || y <= 0.0 || pa <= 0.0 || pb <= 0.0 || (pa - pb).abs() < 1e-9 {
            continue;
        }
        let expected = x * pb / pa;
        let r = (y / expected).max(expected / y);
        if r >= 9.0 {
            out.push(ConversionSlip {
                from: a.text.clone(),
                to: b.text.clone(),
                stated: y,
                expected,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str, kind: QuantityKind, value: f64, per: f64) -> Quantity {
        Quantity {
            text: text.into(),
            kind,
            value: Some(value),
            per_seconds: Some(per),
        }
    }

    #[test]
    fn a_day_to_a_second_off_by_ten_is_a_slip_and_a_right_one_is_not() {
        let day = 86_400.0;
        let s = "60 million a day so that's roughly 7,000 a second on average";
        let f = [
            q("60 million a day", QuantityKind::Rate, 60e6, day),
            q("7,000 a second", QuantityKind::Rate, 7_000.0, 1.0),
        ];
        let slips = conversion_slips(s, &f);
        assert_eq!(slips.len(), 1);
        assert!((slips[0].expected - 694.4).abs() < 1.0);
        let s = "60 million a day so that's roughly 700 a second on average";
        let f = [
            q("60 million a day", QuantityKind::Rate, 60e6, day),
            q("700 a second", QuantityKind::Rate, 700.0, 1.0),
        ];
        assert!(conversion_slips(s, &f).is_empty());
    }

    #[test]
    fn an_hourly_price_carried_to_a_month_off_by_ten_is_a_slip() {
        let s = "$40 an hour which is about $3,000 a month";
        let f = [
            q("$40 an hour", QuantityKind::Money, 40.0, 3_600.0),
            q("$3,000 a month", QuantityKind::Money, 3_000.0, 2_592_000.0),
        ];
        assert_eq!(conversion_slips(s, &f).len(), 1);
    }

    #[test]
    fn figures_side_by_side_are_not_a_conversion() {
        let s = "$40 an hour for GPUs and $3,000 a month for storage";
        let f = [
            q("$40 an hour", QuantityKind::Money, 40.0, 3_600.0),
            q("$3,000 a month", QuantityKind::Money, 3_000.0, 2_592_000.0),
        ];
        assert!(conversion_slips(s, &f).is_empty());
    }
}
