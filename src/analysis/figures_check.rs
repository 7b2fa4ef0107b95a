//! Holding figures against each other: a candidate's figure against what the interviewer
//! revealed ("Earlier I said 50,000 at peak. Where does 500 come from?"), and a worked sum
//! against its own operands ("36 GPUs at $2.50 an hour is about $70 an hour" does not hold).
//!
//! Both are pure and conservative: they speak only when the figures are of the same kind, read
//! exactly, and far apart (an order of magnitude for restated facts, a quarter for sums), since a
//! false accusation in an interview costs more than a missed one.

use serde::{Deserialize, Serialize};

use super::{Evidence, Quantity, QuantityKind};

/// How far apart a restated figure must be from the given one to count as contradicting it.
pub const CONTRADICTION_FACTOR: f64 = 8.0;

/// How far a worked result may be from its operands' result and still hold (a quarter either
/// way: 90 stated as 70 does not hold, 90 stated as 80 does).
pub const ARITHMETIC_TOLERANCE: f64 = 0.25;

/// A candidate's figure far from one the interviewer gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contradiction {
    /// The figure as the interviewer gave it.
    pub given: Quantity,
    /// The figure as the candidate said it.
    pub said: Quantity,
    /// How many times larger (>1) or smaller (<1) the candidate's figure is.
    pub factor: f64,
    /// The candidate's sentence.
    pub evidence: Evidence,
}

/// A worked sum whose result does not follow from its operands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArithmeticSlip {
    /// The candidate's sentence.
    pub evidence: Evidence,
    /// The result as stated.
    pub stated: f64,
    /// What the operands give (the closest reading: product, quotient, per-second or per-month
    /// conversions).
    pub expected: f64,
}

/// The unit noun a figure counts ("users", "gpus", "requests"), lower case and singular, for
/// telling "8 million users" from "3,000 tenants".
fn noun(q: &Quantity) -> Option<String> {
    let last = q
        .text
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))?
        .to_ascii_lowercase();
    Some(last.trim_end_matches('s').to_string())
}

/// The value two figures of a kind are compared on, if they can be compared.
fn comparable(a: &Quantity, b: &Quantity) -> Option<(f64, f64)> {
    if a.kind != b.kind {
        return None;
    }
    match a.kind {
        QuantityKind::Rate => Some((a.per_second()?, b.per_second()?)),
        QuantityKind::Population | QuantityKind::Hardware => {
            (noun(a)? == noun(b)?).then_some((a.value?, b.value?))
        }
        QuantityKind::Money => {
            let period = |q: &Quantity| q.per_seconds.map(|p| p.round() as i64);
            let per = |q: &Quantity| {
                q.text
                    .rsplit_once("per ")
                    .map(|(_, x)| x.to_ascii_lowercase())
            };
            (period(a) == period(b) && per(a) == per(b)).then_some((a.value?, b.value?))
        }
        QuantityKind::Size => Some((a.value?, b.value?)),
        _ => None,
    }
}

/// The candidate's figures (each with its sentence) that sit an order of magnitude or more from
/// a figure of the same kind the interviewer gave; each said figure reports its closest match.
pub fn contradictions(given: &[Quantity], said: &[(Quantity, Evidence)]) -> Vec<Contradiction> {
    let mut out = Vec::new();
    for (s, evidence) in said {
        // The closest given figure it can be compared with: a candidate restating one figure
        // right is not contradicting another of the same kind.
        let best = given
            .iter()
            .filter_map(|g| {
                let (gv, sv) = comparable(g, s)?;
                (gv > 0.0 && sv > 0.0).then(|| (g, sv / gv))
            })
            .min_by(|(_, a), (_, b)| {
                a.ln()
                    .abs()
                    .partial_cmp(&b.ln().abs())
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
        if let Some((g, factor)) = best
            && (factor >= CONTRADICTION_FACTOR || factor <= 1.0 / CONTRADICTION_FACTOR)
        {
            out.push(Contradiction {
                given: g.clone(),
                said: s.clone(),
                factor,
                evidence: evidence.clone(),
            });
        }
    }
    out
}

/// Words that state a result: what follows them is the sum's answer.
fn states_result(between: &str) -> bool {
    let b = between.to_ascii_lowercase();
    [
        " is ",
        " is about",
        " is roughly",
        "that's",
        "thats",
        "that is",
        "=",
        "≈",
        "comes to",
        "gives",
        "works out",
        "which is",
        "so about",
        "so roughly",
        "so around",
        "equals",
        "makes",
        "total of",
        "in total",
    ]
    .iter()
    .any(|c| b.contains(c))
}

/// Words that make two figures operands of one sum.
fn operates(between: &str) -> bool {
    let b = format!(" {} ", between.to_ascii_lowercase());
    [
        " at ",
        " x ",
        "×",
        "*",
        " times ",
        " each ",
        " of ",
        " per ",
        " for ",
        " with ",
        " by ",
        " / ",
        " divided ",
        " over ",
    ]
    .iter()
    .any(|c| b.contains(c))
}

/// Checks a sentence's worked sum, "A at B is C": `figures` are the sentence's quantities in
/// order and `sentence` its text. `None` when there is no such sum or it holds.
pub fn arithmetic_slip(sentence: &str, figures: &[Quantity]) -> Option<(f64, f64)> {
    if figures.len() < 3 {
        return None;
    }
    // Positions of each figure's text, in order.
    let mut at = Vec::new();
    let mut from = 0;
    for q in figures {
        let i = sentence[from..].find(q.text.as_str())? + from;
        at.push((i, i + q.text.len()));
        from = i + q.text.len();
    }
    for k in 2..figures.len() {
        let (a, b, c) = (&figures[k - 2], &figures[k - 1], &figures[k]);
        let op = &sentence[at[k - 2].1..at[k - 1].0];
        let res = &sentence[at[k - 1].1..at[k].0];
        if !(operates(op) && states_result(res)) || op.len() > 30 || res.len() > 30 {
            continue;
        }
        let (Some(x), Some(y), Some(z)) = (a.value, b.value, c.value) else {
            continue;
        };
        if z <= 0.0 || x <= 0.0 || y <= 0.0 {
            continue;
        }
        // Rates and prices per different periods convert by the periods' ratio ("$2.50 an
        // hour" over a day); nothing else is assumed.
        let mut factors = vec![1.0];
        for p in [a.per_seconds, b.per_seconds].into_iter().flatten() {
            if let Some(pc) = c.per_seconds
                && p > 0.0
            {
                factors.push(pc / p);
            }
        }
        let divides = [" divided", "/", " over ", " per ", " out of "]
            .iter()
            .any(|w| op.to_ascii_lowercase().contains(w));
        // A count of machines from a load and what one machine takes ("400 million connections
        // at 100k each is 4,000 servers") divides, whatever the connecting word.
        let fleet = c.kind == QuantityKind::Hardware
            || c.text.split_whitespace().any(|w| {
                let w = w.to_ascii_lowercase();
                let w = w.trim_end_matches(|ch: char| !ch.is_ascii_alphabetic());
                matches!(
                    w.trim_end_matches('s'),
                    "server"
                        | "host"
                        | "machine"
                        | "node"
                        | "shard"
                        | "replica"
                        | "instance"
                        | "worker"
                        | "pod"
                        | "partition"
                        | "box"
                        | "broker"
                        | "gpu"
                        | "core"
                )
            });
        let mut raws = vec![x * y];
        if divides || fleet {
            raws.push(x / y);
        }
        let mut best: Option<f64> = None;
        for raw in raws {
            for f in &factors {
                let cand = raw * f;
                if best.is_none_or(|b: f64| (cand / z).ln().abs() < (b / z).ln().abs()) {
                    best = Some(cand);
                }
            }
        }
        let expected = best?;
        if (expected / z).max(z / expected) > 1.0 + ARITHMETIC_TOLERANCE {
            return Some((z, expected));
        }
    }
    None
}
