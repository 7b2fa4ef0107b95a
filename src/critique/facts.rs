//! The figures the interviewer gave, and the candidate's figures held against them: a fact read
//! back ten times off right after it was given ("60 million a day, and at peak you said fifty
//! thousand a second" for 5,000), and worked sums off by a power of ten ("7,200 times 1.2 seconds
//! is 864").
//!
//! Conservative by construction, since a false accusation costs more than a miss: a read-back is
//! only compared with what the interviewer said since the candidate last spoke, or with an earlier
//! fact when the candidate says they are quoting it ("you said"); both figures must be of one kind
//! and unit and sit a power of ten apart (10x, 100x, 1000x), the signature of a slipped digit or a
//! cents-for-dollars mix-up rather than a different quantity; and a worked sum counts only when
//! its result is a power of ten off its operands.

use std::time::Duration;

use crate::analysis::conversions::conversion_slips;
use crate::analysis::{Quantity, QuantityKind, figures_in};

use super::input::Role;
use super::read::Reading;
use super::report::Citation;
use super::rules::clip;

/// A figure the interviewer stated.
#[derive(Debug, Clone)]
pub(crate) struct Given {
    /// The interviewer's turn.
    pub turn: usize,
    /// When.
    pub at: Duration,
    /// The figure.
    pub quantity: Quantity,
    /// The word after it in what the interviewer said ("links" in "100 million new links"), for
    /// figures whose unit the reading did not attach.
    pub counted: Option<String>,
    /// What it is per ("customer" in "100 million jobs per customer", "month" in "a month").
    pub per: Option<String>,
}

/// A candidate figure that contradicts a given one, or a sum that does not hold.
#[derive(Debug, Clone)]
pub(crate) struct Slip {
    /// The candidate's sentence, noted with what is off.
    pub evidence: Citation,
    /// Whether it misquotes a fact the interviewer gave (else it is arithmetic).
    pub misquote: bool,
}

/// The figures the interviewer stated, in order; figures that only echo what the candidate said
/// before ("You said 50,000 TPS") are not facts the interviewer gave.
pub(crate) fn given(reading: &Reading) -> Vec<Given> {
    let mut said = Values::default();
    let mut out = Vec::new();
    let mut candidate = reading.analysis.turns.iter();
    for t in &reading.turns {
        match t.role {
            Role::Candidate => {
                if let Some(s) = candidate.next() {
                    for f in &s.figures {
                        said.insert(&f.quantity);
                    }
                }
            }
            Role::Interviewer => {
                for q in figures_in(&t.text) {
                    let echo = said.near(&q, 1.25);
                    if !echo {
                        let counted = counted(&t.text, &q.text);
                        let per = per(&t.text, &q.text);
                        out.push(Given {
                            turn: t.n,
                            at: t.at,
                            quantity: q,
                            counted,
                            per,
                        });
                    }
                }
            }
        }
    }
    out
}

/// Figures said so far, sorted by value per kind, for finding one near a value in log time.
#[derive(Debug, Default)]
struct Values {
    by_kind: std::collections::BTreeMap<QuantityKind, Vec<f64>>,
    all: Vec<f64>,
}

impl Values {
    /// The value two figures are compared on: per second for rates.
    fn key(q: &Quantity) -> Option<f64> {
        let v = if q.kind == QuantityKind::Rate {
            q.per_second()?
        } else {
            q.value?
        };
        (v > 0.0).then_some(v)
    }

    fn insert(&mut self, q: &Quantity) {
        let put = |list: &mut Vec<f64>, v: f64| {
            let i = list.partition_point(|x| *x < v);
            list.insert(i, v);
        };
        if let Some(v) = Self::key(q) {
            put(self.by_kind.entry(q.kind).or_default(), v);
        }
        if let Some(v) = q.value.filter(|v| *v > 0.0) {
            put(&mut self.all, v);
        }
    }

    fn within(list: &[f64], v: f64, factor: f64) -> bool {
        let i = list.partition_point(|x| *x < v / factor);
        list.get(i).is_some_and(|x| *x <= v * factor)
    }

    /// Whether a figure of `q`'s kind within `factor` of it was said.
    fn near(&self, q: &Quantity, factor: f64) -> bool {
        Self::key(q).is_some_and(|v| {
            self.by_kind
                .get(&q.kind)
                .is_some_and(|list| Self::within(list, v, factor))
        })
    }

    /// Whether a figure of any kind within `factor` of `q` was said.
    fn near_any_kind(&self, q: &Quantity, factor: f64) -> bool {
        q.value
            .filter(|v| *v > 0.0)
            .is_some_and(|v| Self::within(&self.all, v, factor))
    }
}

/// Words between a figure and what it counts.
const FILLERS: [&str; 9] = [
    "new", "more", "active", "daily", "total", "unique", "of", "the", "extra",
];

/// What the figure `figure` counts in `text`: the first word after it that is not a filler,
/// singular and lower case ("links" in "100 million new links a month").
fn counted(text: &str, figure: &str) -> Option<String> {
    let i = text.find(figure)? + figure.len();
    text[i..]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .find(|w| !FILLERS.contains(&w.as_str()))
        .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic()) && w.len() >= 3)
        .map(|w| w.trim_end_matches('s').to_string())
}

/// What a figure is per, within the few words after it: "per customer", "each", "a month".
fn per(text: &str, figure: &str) -> Option<String> {
    let i = text.find(figure)? + figure.len();
    let words: Vec<String> = text[i..]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(5)
        .map(str::to_ascii_lowercase)
        .collect();
    words
        .iter()
        .enumerate()
        .find_map(|(k, w)| match w.as_str() {
            "per" | "a" | "an" | "every" => words
                .get(k + 1)
                .map(|x| x.trim_end_matches('s').to_string()),
            "each" => Some("each".to_string()),
            _ => None,
        })
}

/// How many times apart a candidate's figure and a given one are (≥ 1): of one kind and unit, or,
/// where neither carries a unit, counting the same thing; never when one is per something the
/// other is not ("1 million jobs per customer" against "100 million jobs").
fn apart(said: &Quantity, said_in: &str, given: &Given) -> Option<f64> {
    let g = &given.quantity;
    if per(said_in, &said.text) != given.per {
        return None;
    }
    if said.kind == QuantityKind::Other && g.kind == QuantityKind::Other {
        let same = counted(said_in, &said.text)
            .zip(given.counted.as_ref())
            .is_some_and(|(a, b)| a == *b);
        let (x, y) = (said.value?, g.value?);
        return (same && x > 0.0 && y > 0.0).then(|| (x / y).max(y / x));
    }
    ratio(said, g)
}

/// The unit noun a figure counts ("users", "gpus"), singular and lower case.
fn noun(q: &Quantity) -> Option<String> {
    let last = q
        .text
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty() && !w.chars().any(|c| c.is_ascii_digit()))?
        .to_ascii_lowercase();
    Some(last.trim_end_matches('s').to_string())
}

/// How many times apart two figures are (≥ 1), when they measure the same thing in one unit.
fn ratio(a: &Quantity, b: &Quantity) -> Option<f64> {
    if a.kind != b.kind {
        return None;
    }
    let (x, y) = match a.kind {
        QuantityKind::Rate => (a.per_second()?, b.per_second()?),
        QuantityKind::Money => {
            // A monthly total and a unit price are different quantities.
            let period = |q: &Quantity| q.per_seconds.map(|p| p.round() as i64);
            if period(a) != period(b) {
                return None;
            }
            (a.value?, b.value?)
        }
        QuantityKind::Population | QuantityKind::Hardware => {
            if noun(a)? != noun(b)? {
                return None;
            }
            (a.value?, b.value?)
        }
        // Sizes and durations name too many different things ("30 days of logs" against "labels
        // within 3 days") to tell a misquote from another quantity.
        _ => return None,
    };
    (x > 0.0 && y > 0.0).then(|| (x / y).max(y / x))
}

/// The power of ten (1 to 3) that `r` is, within 12%, if it is one.
fn power_of_ten(r: f64) -> Option<u32> {
    let l = r.log10();
    let k = l.round();
    ((1.0..=3.0).contains(&k) && (l - k).abs() <= 0.05).then_some(k as u32)
}

/// Words that say a figure is being quoted back.
const QUOTING: [&str; 6] = [
    "you said",
    "you mentioned",
    "you told",
    "as given",
    "we were given",
    "you gave",
];

/// The candidate's read-backs a power of ten off a given fact, and their worked sums a power of
/// ten off their operands, in the order said; one finding per given fact and per sentence.
pub(crate) fn slips(reading: &Reading, given: &[Given]) -> Vec<Slip> {
    let mut out: Vec<Slip> = Vec::new();
    let mut misquoted: Vec<String> = Vec::new();
    // The candidate's own figures so far: repeating one is not misquoting the interviewer.
    let mut own = Values::default();
    let mut last_candidate_turn = 0;
    let mut signals = reading.analysis.turns.iter();
    for t in &reading.turns {
        if t.role != Role::Candidate {
            continue;
        }
        let Some(sig) = signals.next() else { break };
        // The interviewer's facts since the candidate last spoke.
        let fresh: Vec<&Given> = given
            .iter()
            .filter(|g| g.turn > last_candidate_turn && g.turn < t.n)
            .collect();
        last_candidate_turn = t.n;
        for (k, f) in sig.figures.iter().enumerate() {
            let lower = f.evidence.quote.to_ascii_lowercase();
            let quoting = QUOTING.iter().any(|w| lower.contains(w));
            let repeats = own.near_any_kind(&f.quantity, 1.1);
            let before = sig.figures[..k]
                .iter()
                .filter(|g| g.evidence.quote == f.evidence.quote)
                .count();
            // A figure set against another ("ten times less than", "a fifth of") is a new
            // quantity, not a read-back.
            let relative = RELATIVE.iter().any(|w| lower.contains(w));
            if repeats
                || relative
                || assumed(&lower, &f.quantity.text.to_ascii_lowercase())
                || (before >= 1 && derived(&lower, &f.quantity.text.to_ascii_lowercase()))
            {
                continue;
            }
            let pool: Vec<&Given> = if quoting {
                given.iter().filter(|g| g.turn < t.n).collect()
            } else {
                fresh.clone()
            };
            // The closest fact of its kind: restating one right is not misquoting another.
            let best = pool
                .iter()
                .filter_map(|g| apart(&f.quantity, &f.evidence.quote, g).map(|r| (*g, r)))
                .min_by(|a, b| a.1.total_cmp(&b.1));
            let Some((g, r)) = best else { continue };
            if power_of_ten(r).is_none() || misquoted.contains(&g.quantity.text) {
                continue;
            }
            if out
                .iter()
                .any(|s| s.misquote && s.evidence.quote == clip(&f.evidence.quote))
            {
                continue;
            }
            misquoted.push(g.quantity.text.clone());
            out.push(Slip {
                evidence: Citation::new(f.evidence.turn, f.evidence.at, clip(&f.evidence.quote))
                    .noted(format!(
                        "says {} where the interviewer gave {} at {}",
                        f.quantity.text,
                        g.quantity.text,
                        crate::clock::mmss(g.at)
                    )),
                misquote: true,
            });
        }
        for f in &sig.figures {
            own.insert(&f.quantity);
        }
        // Rates and prices carried to another period ("$40 an hour, about $3,000 a month").
        let mut sentences: Vec<&str> = sig
            .figures
            .iter()
            .map(|f| f.evidence.quote.as_str())
            .collect();
        sentences.dedup();
        for quote in sentences {
            let figures: Vec<Quantity> = sig
                .figures
                .iter()
                .filter(|f| f.evidence.quote == quote)
                .map(|f| f.quantity.clone())
                .collect();
            if let Some(c) = conversion_slips(quote, &figures).first() {
                let cited = clip(quote);
                if out.iter().any(|s| !s.misquote && s.evidence.quote == cited) {
                    continue;
                }
                out.push(Slip {
                    evidence: Citation::new(t.n, t.at, cited).noted(format!(
                        "{} comes to about {}, not {}",
                        c.from,
                        plain(c.expected),
                        c.to
                    )),
                    misquote: false,
                });
            }
        }
        for a in &sig.arithmetic {
            let r = (a.stated / a.expected).max(a.expected / a.stated);
            if a.stated <= 0.0 || a.expected <= 0.0 || power_of_ten(r).is_none() {
                continue;
            }
            let quote = clip(&a.evidence.quote);
            if out.iter().any(|s| !s.misquote && s.evidence.quote == quote) {
                continue;
            }
            out.push(Slip {
                evidence: Citation::new(a.evidence.turn, a.evidence.at, quote).noted(format!(
                    "the sum gives {}, not {}",
                    plain(a.expected),
                    plain(a.stated)
                )),
                misquote: false,
            });
        }
    }
    out
}

/// Words that set one figure against another.
const RELATIVE: [&str; 7] = [
    " than ",
    " times ",
    "% of",
    " fraction",
    " factor",
    " half of",
    " a tenth",
];

/// Words that make the figure after them the candidate's own assumption, not a read-back.
const ASSUMING: [&str; 6] = ["say", "assume", "assuming", "maybe", "suppose", "if"];

/// Whether `figure` is introduced as an assumption in `sentence` (both lower case): one of
/// [`ASSUMING`] among the three words before it.
fn assumed(sentence: &str, figure: &str) -> bool {
    let Some(i) = sentence.find(figure) else {
        return false;
    };
    sentence[..i]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .any(|w| ASSUMING.contains(&w))
}

/// Words that state a result: a figure right after them is worked out, not read back.
const RESULT: [&str; 8] = [
    " is ",
    "that's",
    "thats",
    " = ",
    "comes to",
    "gives",
    "works out",
    "so ",
];

/// Whether `figure` follows a result word in `sentence` (both lower case), within a few words.
fn derived(sentence: &str, figure: &str) -> bool {
    let Some(i) = sentence.find(figure) else {
        return false;
    };
    let start = sentence[..i]
        .char_indices()
        .rev()
        .nth(24)
        .map_or(0, |(j, _)| j);
    let window = format!(" {}", &sentence[start..i]);
    RESULT.iter().any(|r| window.contains(r))
}

/// A figure for a note: "8,640", "1.5", "0.004".
fn plain(x: f64) -> String {
    if x >= 1000.0 {
        let n = x.round() as u64;
        let s = n.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else if x >= 1.0 {
        format!("{:.3}", x)
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    } else {
        format!("{:.6}", x)
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_powers_of_ten_count() {
        assert_eq!(power_of_ten(10.0), Some(1));
        assert_eq!(power_of_ten(100.0), Some(2));
        assert_eq!(power_of_ten(9.3), Some(1));
        assert_eq!(power_of_ten(5.0), None);
        assert_eq!(power_of_ten(41_666.0), None);
        assert_eq!(power_of_ten(1.0), None);
    }

    #[test]
    fn plain_figures_read_like_speech() {
        assert_eq!(plain(8640.0), "8,640");
        assert_eq!(plain(1.5), "1.5");
        assert_eq!(plain(0.004), "0.004");
    }
}
