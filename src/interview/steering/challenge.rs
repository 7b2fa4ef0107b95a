//! Figures that do not hold: a restated fact an order of magnitude off the one given ("Earlier I
//! said 6,000 a second; where does 60 come from?"), or a worked sum that does not add up, with
//! the figures written the way the candidate and the interviewer wrote them.
//!
//! Conservative like the spine's checks it builds on: a figure is held only against a given
//! figure that counts the same thing (or the peak, when the candidate speaks of the peak), never
//! when its own sentence restates a given figure right, and never twice.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::SteeringState;
use super::sums;
use crate::analysis::figures_check::{self, ArithmeticSlip};
use crate::analysis::{Quantity, QuantityKind as Kind, TurnSignals, figures_in};
use crate::question::Question;

/// A figure of the candidate's that does not hold, with the words to press it in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Challenge {
    /// `contradiction` or `arithmetic`.
    pub arithmetic: bool,
    /// The figure as the candidate said it ("60 a second", "$70 an hour").
    pub said: String,
    /// The interviewer's figure it contradicts ("300 model calls per second").
    pub given: Option<String>,
    /// What the sum works out to, written like the candidate's figure ("$90 an hour").
    pub expected: Option<String>,
    /// The candidate's sentence.
    pub quote: String,
}

/// A figure the interviewer gave, and whether it was given as the peak.
#[derive(Debug, Clone, PartialEq)]
pub struct Given {
    /// The figure.
    pub quantity: Quantity,
    /// Said as the peak ("peaking at 6,000 a second").
    pub peak: bool,
    /// What the clause it was given in is about ("prediction", "step" for "the prediction step
    /// gets 30 ms of it"), to tell which of several figures of a kind a candidate's figure is.
    pub context: BTreeSet<String>,
}

/// The figures given so far: those of the question as posed ("1,000 requests a minute per key")
/// and of every fact revealed.
pub fn given_figures(question: &Question, state: &SteeringState) -> Vec<Given> {
    given_in(&question.prompt)
        .into_iter()
        .chain(
            question
                .facts
                .iter()
                .filter(|f| state.revealed.contains(&f.topic))
                .flat_map(|f| given_in(&f.answer)),
        )
        .collect()
}

/// A sentence about another load than the one given: a projection ("at 10x that's 5 million a
/// second", "if traffic doubles", "in three years") sizes for growth, not a misquote.
static PROJECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:at|with|for|under|to|by) (?:\d+|two|three|five|ten|a hundred)\s*(?:x|times)\b|\b\d+\s*x (?:the |that |this |our )?(?:load|traffic|growth|scale|peak|users)\b|\bif (?:it|traffic|load|usage|we|the \w+) (?:grows?|doubles?|triples?|spikes?|10x)\b|\b(?:doubl|tripl|quadrupl)(?:e|es|ed|ing)\b|\bheadroom\b|\bin (?:a|one|two|three|five|\d+) years?\b|\bgrowth\b|\bgrows? to\b")
        .expect("static regex")
});

/// What a figure is per: one unit of the fleet ("500 images a second per GPU", "each host handles
/// 37,500"), not the whole load.
static PER_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:per|each|/|on (?:one|each|a|every|a single)|for (?:one|each|every)|from (?:one|each|a single)|a) (?:gpus?|hosts?|servers?|machines?|nodes?|shards?|replicas?|instances?|workers?|cores?|pods?|keys?|users?|tenants?|partitions?|regions?|boxes|box|cards?|containers?|devices?|accounts?|customers?|connections?|threads?|brokers?)\b")
        .expect("static regex")
});

static PER_UNIT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:each|per|every|one|a single) (?:gpu|host|server|machine|node|shard|replica|instance|worker|core|pod|key|user|tenant|partition|region|box|card|container|device|account|customer|connection|thread|broker)s?\b[^.;]{0,30}$")
        .expect("static regex")
});

/// A sentence about the whole latency budget, not one step's slice of it.
static WHOLE_BUDGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:budget|end[- ]to[- ]end|e2e|total|overall|whole|entire|sla|slo|target|p9\d|p50|the requirement|in all)\b")
        .expect("static regex")
});

/// A figure said as an average or a daily total, not the peak.
static AVERAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:average|averages|averaging|avg|on average|mean|typical|baseline|daily (?:total|volume)|per day|a day|each day)\b")
        .expect("static regex")
});

/// How far below a given peak an average may sit before it is a misquote of the peak.
const PEAK_TO_AVERAGE: f64 = 25.0;

/// Durations with a role of their own (a cache TTL, a join window, a timeout, a retention period):
/// not the latency budget, unless the given figure's clause names the same role.
const DURATION_ROLES: [&str; 14] = [
    "ttl",
    "to live",
    "window",
    "timeout",
    "expir",
    "retention",
    "retain",
    "interval",
    "delay",
    "lag",
    "stale",
    "fresh",
    "backoff",
    "cooldown",
];

/// A bare rate about a part of the load ("70 million a day go to human review", "of those, 2,000
/// a second miss the cache"): a share, not the load misquoted.
static SUBSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:of (?:them|those|these|that|which)|go(?:es)? to|sent to|flagged|escalat\w*|fraction|share|portion|subset|percent|miss(?:es)?|fail\w*|rejected|reviewed|review|end up)\b|%")
        .expect("static regex")
});

/// A sentence about money ("Flink maybe 20,000 a month", "1000 GPUs at $2 an hour"): its bare
/// per-period figures are amounts spent, not the load misquoted.
static MONEY_TALK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[$€£¥]|\b(?:costs?|costing|spend|spends|spending|spent|bills?|billing|billed|budget\w*|dollars?|bucks|usd|eur|euros?|pounds|cents?|price\w*|pricing|pay|paying|paid|invoices?|savings?|expensive|cheap\w*|opex|capex)\b")
        .expect("static regex")
});

/// Whether the figure `text` in `quote` is per unit of the fleet.
fn per_unit(quote: &str, text: &str) -> bool {
    quote.find(text).is_some_and(|at| {
        PER_UNIT.is_match(&quote[at + text.len()..]) || PER_UNIT_BEFORE.is_match(&quote[..at])
    })
}

/// The figures of a fact, each marked when "peak" comes just before or after it.
pub fn given_in(text: &str) -> Vec<Given> {
    let lower = text.to_ascii_lowercase();
    figures_in(text)
        .into_iter()
        .map(|q| read_through_words(text, q))
        .map(|q| {
            let peak = lower.find(&q.text.to_ascii_lowercase()).is_some_and(|at| {
                let from = lower.floor_char_boundary(at.saturating_sub(20));
                let after = lower[at + q.text.len()..].trim_start();
                lower[from..at].contains("peak")
                    || after.starts_with("at peak")
                    || after.starts_with("peak")
            });
            let context = lower
                .split([';', '.'])
                .find(|clause| clause.contains(&q.text.to_ascii_lowercase()))
                .map(about)
                .unwrap_or_default();
            Given {
                quantity: q,
                peak,
                context,
            }
        })
        .collect()
}

/// A figure the spine read as a bare count because a few words stand between it and its unit
/// ("500,000 ad requests a second", "200 million new short links a month"): read again without
/// those words (up to three), and kept as the rate it is. (The spine's reading should carry this;
/// until it does, the sheet's figures are read here.)
fn read_through_words(text: &str, q: Quantity) -> Quantity {
    if q.kind != Kind::Other {
        return q;
    }
    let Some(at) = text.find(&q.text) else {
        return q;
    };
    let rest: Vec<&str> = text[at + q.text.len()..]
        .split_whitespace()
        .take(8)
        .collect();
    for skip in 1..=3.min(rest.len()) {
        let (words, tail) = rest.split_at(skip);
        if !words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_alphabetic()))
        {
            return q;
        }
        let again = format!("{} {}", q.text, tail.join(" "));
        if let Some(r) = figures_in(&again).into_iter().next()
            && r.kind == Kind::Rate
            && r.value == q.value
            && let Some(unit) = r
                .text
                .strip_prefix(q.text.as_str())
                .map(str::trim_start)
                .filter(|u| !u.is_empty())
        {
            return Quantity {
                text: format!("{} {} {unit}", q.text, words.join(" ")),
                ..r
            };
        }
    }
    q
}

/// The first figure of the last turn that contradicts a revealed fact, or the first worked sum
/// that does not hold.
pub fn challenge(last: &TurnSignals, given: &[Given], earlier: &[&str]) -> Option<Challenge> {
    // A figure that names what it counts ("3 calls a second") is held against the given figures
    // that count the same thing ("300 model calls per second"), not the nearest of any kind.
    let fresh = |q: &Quantity| !earlier.contains(&q.text.as_str());
    // How far a figure is from the nearest given figure of its kind (1 when none compares).
    let nearest = |q: &Quantity| {
        given
            .iter()
            .filter(|g| g.quantity.kind == q.kind)
            .filter_map(|g| Some((g.quantity.per_second()?, q.per_second()?)))
            .filter(|(g, s)| *g > 0.0 && *s > 0.0)
            .map(|(g, s)| (s / g).max(g / s))
            .fold(f64::INFINITY, f64::min)
    };
    // A sentence that restates a given figure right ("that's 25 billion a day") is working
    // from it: its other figures of that kind are operands ("50 requests a day" per user).
    let consistent = |f: &crate::analysis::SaidFigure| {
        last.figures
            .iter()
            .filter(|o| !std::ptr::eq(*o, f))
            .filter(|o| o.evidence.quote == f.evidence.quote && o.quantity.kind == f.quantity.kind)
            .any(|o| nearest(&o.quantity) <= 2.0)
    };
    let contradiction = last
        .figures
        .iter()
        .filter(|f| fresh(&f.quantity))
        .find_map(|f| {
            if consistent(f) {
                return None;
            }
            // A figure the interviewer gave, restated (however the sheet's wording was read), is
            // not a contradiction of another one.
            // The same rate over another period ("2.4 billion a year" for "200 million a
            // month") is a restatement too: within 10 % of a given rate of its kind.
            let restated = f.quantity.value.is_some_and(|v| {
                given
                    .iter()
                    .filter_map(|g| g.quantity.value)
                    .any(|g| (g - v).abs() <= g.abs().max(v.abs()) * 0.1)
            }) || nearest(&f.quantity) <= 1.0 / 0.9;
            if restated
                || PROJECTION.is_match(&f.evidence.quote)
                || per_unit(&f.evidence.quote, &f.quantity.text)
            {
                return None;
            }
            let kind: Vec<&Given> = given
                .iter()
                .filter(|g| g.quantity.kind == f.quantity.kind)
                .collect();
            // Held against the peak when they speak of the peak; else against what counts the
            // same thing ("calls" against "model calls"); a figure that counts something no
            // given figure counts ("90,000 tokens a second" against "300 calls a second")
            // measures something else; a bare figure ("60 a second") against the nearest.
            let peak_talk = f.evidence.quote.to_ascii_lowercase().contains("peak");
            let nouns = nouns(&f.quantity.text);
            // Comparable: given figures that count the same thing, or name nothing they count.
            let comparable: Vec<&Given> = kind
                .into_iter()
                .filter(|g| {
                    let theirs = self::nouns(&g.quantity.text);
                    nouns.is_empty() || theirs.is_empty() || !nouns.is_disjoint(&theirs)
                })
                .collect();
            let same_thing: Vec<&Given> = comparable
                .iter()
                .copied()
                .filter(|g| !nouns.is_empty() && !nouns.is_disjoint(&self::nouns(&g.quantity.text)))
                .collect();
            let spread = |pool: &[&Given]| {
                pool.iter()
                    .filter_map(|g| Some((g.quantity.per_second()?, f.quantity.per_second()?)))
                    .filter(|(g, s)| *g > 0.0 && *s > 0.0)
                    .map(|(g, s)| (s / g).max(g / s))
                    .fold(f64::INFINITY, f64::min)
            };
            // The given figures whose clause is about what the candidate's sentence is about
            // ("we have 300 ms for prediction" against "the prediction step gets 30 ms").
            let said_about = about(&f.evidence.quote);
            let in_context: Vec<&Given> = comparable
                .iter()
                .copied()
                .filter(|g| !g.context.is_disjoint(&said_about))
                .collect();
            // Only a rate is held against the nearest given figure when nothing says what it
            // counts: a bare "4 KB" (a vector? an event? a document?) or "200 GB" (a shard?) is
            // not the 300 KB image or the 1.5 PB catalogue just because the units match.
            let rate = f.quantity.per_seconds.is_some();
            let pool: Vec<&Given> = if peak_talk && comparable.iter().any(|g| g.peak) {
                comparable.into_iter().filter(|g| g.peak).collect()
            } else if !same_thing.is_empty() {
                same_thing
            } else if nouns.is_empty() && !in_context.is_empty() && f.quantity.kind == Kind::Time {
                in_context
            } else if nouns.is_empty()
                && rate
                && spread(&comparable) >= 3.0
                && !SUBSET.is_match(&f.evidence.quote)
                && !(f.quantity.kind == Kind::Rate
                    && (MONEY_TALK.is_match(&f.evidence.quote) || !last.cost.is_empty()))
            {
                comparable
            } else {
                // "750 tokens a second" is not held against a bare "15,000 a second" of requests.
                return None;
            };
            if f.quantity.kind == Kind::Time {
                // A TTL, a window or a timeout is held only against a given figure of that role.
                let quote = f.evidence.quote.to_ascii_lowercase();
                let roles: Vec<&str> = DURATION_ROLES
                    .iter()
                    .copied()
                    .filter(|r| quote.contains(r))
                    .collect();
                let same_role = |g: &&Given| {
                    roles
                        .iter()
                        .any(|r| g.context.iter().any(|w| w.contains(r)))
                };
                if !roles.is_empty() && !pool.iter().any(same_role) {
                    return None;
                }
            }
            let peaks: Vec<Quantity> = pool
                .iter()
                .filter(|g| g.peak)
                .map(|g| g.quantity.clone())
                .collect();
            let pool: Vec<Quantity> = pool.into_iter().map(|g| g.quantity.clone()).collect();
            if f.quantity.kind == Kind::Time {
                // The spine compares no durations; a budget restated tenfold off the one given
                // for the same step ("300 ms" for the 30 ms prediction step) is pressed here. A
                // shorter duration is a slice of the budget ("10 ms for one lookup inside the 60
                // ms ranking step"), unless the sentence speaks of the whole budget.
                let whole = WHOLE_BUDGET.is_match(&f.evidence.quote);
                return time_off(&pool, &f.quantity, whole).map(|g| Challenge {
                    arithmetic: false,
                    said: f.quantity.text.clone(),
                    given: Some(g.text.clone()),
                    expected: None,
                    quote: f.evidence.quote.clone(),
                });
            }
            let said = [(f.quantity.clone(), f.evidence.clone())];
            // An average or a daily total sits below the peak by the day's shape (peaks run a few
            // to twenty times the average): held against a given peak, only a gap past that
            // counts ("60 a second" for a 6,000 peak, not "28 a second on average" for 300).
            let averaged = AVERAGE.is_match(&f.evidence.quote)
                || f.quantity.per_seconds.is_some_and(|p| p >= 86_400.0);
            figures_check::contradictions(&pool, &said)
                .into_iter()
                .next()
                .filter(|c| {
                    !(averaged
                        && c.factor < 1.0
                        && c.factor > 1.0 / PEAK_TO_AVERAGE
                        && peaks.contains(&c.given))
                })
                .map(|c| Challenge {
                    arithmetic: false,
                    said: c.said.text.clone(),
                    given: Some(c.given.text.clone()),
                    expected: None,
                    quote: c.evidence.quote,
                })
        });
    if contradiction.is_some() {
        return contradiction;
    }
    if let Some(c) = sums::conversion_slip(last) {
        return Some(c);
    }
    let slip: &ArithmeticSlip = last.arithmetic.iter().find(|s| sums::holds_up(s, last))?;
    if earlier.iter().any(|e| slip.evidence.quote.contains(e))
        && last.figures.iter().all(|f| !fresh(&f.quantity))
    {
        return None;
    }
    let stated = last
        .figures
        .iter()
        .filter(|f| f.evidence.quote == slip.evidence.quote)
        .map(|f| &f.quantity)
        .find(|q| {
            q.value
                .is_some_and(|v| (v - slip.stated).abs() <= v.abs() * 1e-6)
        });
    let (said, expected) = match stated {
        Some(q) => (q.text.clone(), restate(q, slip.expected)),
        None => (plain(slip.stated), plain(slip.expected)),
    };
    Some(Challenge {
        arithmetic: true,
        said,
        given: None,
        expected: Some(expected),
        quote: slip.evidence.quote.clone(),
    })
}

/// The given duration nearest to `said`, when `said` is an order of magnitude off it (above it,
/// or below it when `whole`: the sentence speaks of the whole budget, not a slice of it).
fn time_off<'a>(pool: &'a [Quantity], said: &Quantity, whole: bool) -> Option<&'a Quantity> {
    let s = said.value.filter(|v| *v > 0.0)?;
    if !whole && pool.iter().filter_map(|g| g.value).all(|g| s < g) {
        return None;
    }
    let (g, factor) = pool
        .iter()
        .filter_map(|g| {
            g.value
                .filter(|v| *v > 0.0)
                .map(|v| (g, (s / v).max(v / s)))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    (factor >= figures_check::CONTRADICTION_FACTOR).then_some(g)
}

/// The distinctive words of a clause ("prediction" in "the prediction step gets 30 ms of it"):
/// five letters or more, not a unit of time or a word any clause has.
fn about(clause: &str) -> BTreeSet<String> {
    const COMMON: [&str; 14] = [
        "minute",
        "second",
        "millisecond",
        "hour",
        "week",
        "month",
        "year",
        "within",
        "about",
        "around",
        "under",
        "there",
        "which",
        "their",
    ];
    nouns(clause)
        .into_iter()
        .filter(|w| w.len() >= 5 && !COMMON.contains(&w.as_str()))
        .collect()
}

/// Words that say what a figure counts ("calls", "users"), not its period or size.
pub(super) fn nouns(text: &str) -> BTreeSet<String> {
    // Number words and "times" say how many, not what is counted: "600 million tokens" and "2
    // million times" count different things.
    const NOT: [&str; 23] = [
        "a", "an", "per", "second", "seconds", "minute", "hour", "day", "month", "year", "at",
        "peak", "about", "around", "roughly", "the", "hundred", "thousand", "million", "billion",
        "trillion", "times", "time",
    ];
    text.split(|c: char| !c.is_ascii_alphabetic())
        .map(|w| w.to_ascii_lowercase())
        .filter(|w| w.len() >= 3 && !NOT.contains(&w.as_str()))
        .map(|w| w.trim_end_matches('s').to_string())
        .collect()
}

static NUMERAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d[\d,]*(?:\.\d+)?").expect("static regex"));

/// `value` written the way `like` is written: "$70 an hour" with 90 is "$90 an hour", "2k QPS"
/// with 2,500 is "2.5k QPS".
pub(super) fn restate(like: &Quantity, value: f64) -> String {
    let (Some(m), Some(v)) = (NUMERAL.find(&like.text), like.value) else {
        return plain(value);
    };
    let Ok(numeral) = m.as_str().replace(',', "").parse::<f64>() else {
        return plain(value);
    };
    if numeral == 0.0 || v == 0.0 {
        return plain(value);
    }
    let scale = v / numeral;
    let mut out = like.text.clone();
    out.replace_range(m.range(), &plain(value / scale));
    out
}

/// A number as a person says it: whole above ten, with thousands separators; two decimals at most
/// below.
pub fn plain(x: f64) -> String {
    if !x.is_finite() {
        return "?".to_string();
    }
    if x.abs() >= 10.0 {
        // Written from the float itself: a cast to an integer saturates on a huge value and
        // would print i64::MAX to the candidate.
        let digits = format!("{:.0}", x.abs().round());
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if x < 0.0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::steering::heard;

    #[test]
    fn a_restated_peak_ten_times_too_low_is_challenged_in_the_interviewers_figures() {
        let given =
            given_in("About 150 million copilot requests a day, peaking at 6,000 a second.");
        let c = challenge(
            &heard("So we plan for about 60 a second at peak; two GPUs will do."),
            &given,
            &[],
        )
        .unwrap();
        assert!(!c.arithmetic);
        assert_eq!(c.said, "60 a second");
        assert_eq!(c.given.as_deref(), Some("6,000 a second"));
    }

    #[test]
    fn a_given_rate_restated_over_another_period_was_challenged_against_another_figure() {
        // "2.4 billion a year" is the 200 million new links a month, over a year; it was held
        // against the 20 billion redirects a month and called a drift.
        let given = given_in(
            "200 million new short links a month; 20 billion redirects a month, about 8,000 a second on average.",
        );
        for s in [
            "Over a year that's 2.4 billion a year, so about 12 billion over five years.",
            "So roughly 6.6 million a day of new links.",
        ] {
            let c = challenge(&heard(s), &given, &[]);
            assert!(c.is_none(), "{s}: {c:?}");
        }
        // A figure that matches no given rate over any period is still pressed.
        assert!(challenge(&heard("So that's about 20 million a year."), &given, &[]).is_some());
    }

    #[test]
    fn correct_figures_of_another_thing_were_challenged_as_misquotes() {
        // A projection at 10x, a per-GPU rate, a share of the load and a cache TTL were each held
        // against the load or latency the interviewer gave, and the candidate was told they
        // contradicted it.
        let given = given_in(
            "About 500,000 requests a second at peak; redirects within 50 ms at p99; 28,000 images a second.",
        );
        for s in [
            "At 10x that's 5 million requests a second, so we shard the counters.",
            "One GPU does about 500 images a second, so we need roughly 56 GPUs.",
            "Of those, maybe 2,000 a second go to human review.",
            "I'd give the local cache a 30 second TTL.",
            "The Flink cluster would cost maybe 20,000 a month.",
            "Of those, maybe 2,000 a second end up in the review queue.",
        ] {
            assert_eq!(challenge(&heard(s), &given, &[]), None, "{s}");
        }
        // The load itself misquoted tenfold is still pressed, "billion" and "only" included.
        let billions = given_in("About 2 billion requests a day.");
        assert!(challenge(&heard("We only see 200 million a day."), &billions, &[]).is_some());
        assert!(challenge(&heard("So that's 200 billion a day."), &billions, &[]).is_some());
        assert!(
            challenge(
                &heard("So about 50,000 requests a second at peak."),
                &given,
                &[]
            )
            .is_some()
        );
    }

    #[test]
    fn a_figure_is_held_against_the_given_figure_counting_the_same_thing() {
        let given = given_in(
            "Around 400,000 conversations a day; that's roughly 300 model calls per second at peak.",
        );
        let c = challenge(&heard("So about 30 calls a second at peak."), &given, &[]).unwrap();
        assert_eq!(c.given.as_deref(), Some("300 model calls per second"));
        // A bare "3 a second" sits near the 4.6 conversations a second: too close to call wrong.
        assert_eq!(challenge(&heard("So about 3 a second."), &given, &[]), None);
    }

    #[test]
    fn operands_of_a_sum_that_lands_on_the_given_figure_are_not_challenged() {
        let given = given_in("30 billion requests a day, about 350,000 QPS on average.");
        let t = heard(
            "At 500 million users times 50 feed requests a day, that's 25 billion a day, roughly 300,000 requests per second on average.",
        );
        assert_eq!(challenge(&t, &given, &[]), None);
    }

    #[test]
    fn a_figure_of_something_else_is_not_a_contradiction() {
        let given = given_in("That's roughly 300 model calls per second at peak.");
        let t = heard("At 300 output tokens each, that's 90,000 tokens a second.");
        assert_eq!(challenge(&t, &given, &[]), None);
        let t = heard("At 300 output tokens each, that's 90,000 tokens a second at peak.");
        assert_eq!(challenge(&t, &given, &[]), None);
        let given = given_in("450 million a day, peaking at 15,000 a second.");
        let t = heard("Each completion is 50 tokens, so 150 times 50 is 750 tokens a second.");
        // Its sum is wrong (7,500), and that is what is pressed; not the 15,000 requests.
        let c = challenge(&t, &given, &[]).unwrap();
        assert!(c.arithmetic && c.given.is_none(), "{c:?}");
    }

    #[test]
    fn a_given_figure_restated_is_not_a_contradiction() {
        let given = given_in(
            "Peak of 1 billion gets and 20 million sets a second; some keys see 2 million reads a second.",
        );
        assert_eq!(
            challenge(
                &heard("At 1 billion reads a second we need 2,000 nodes."),
                &given,
                &[]
            ),
            None
        );
    }

    #[test]
    fn a_wrong_figure_said_again_is_not_challenged_again() {
        let given = given_in("The fleet costs $3 million a month.");
        let t = heard("It costs roughly $40,000 a month.");
        assert!(challenge(&t, &given, &[]).is_some());
        assert_eq!(challenge(&t, &given, &["$40,000 a month"]), None);
    }

    #[test]
    fn millions_of_one_thing_are_not_millions_of_another() {
        let given = given_in(
            "500,000 documents change a day and permissions change about 2 million times a day.",
        );
        let t = heard("At 4,000 tokens a question that's 600 million tokens a day.");
        assert_eq!(challenge(&t, &given, &[]), None);
    }

    #[test]
    fn a_sum_that_does_not_hold_is_worked_out_in_the_candidates_units() {
        let c = challenge(
            &heard("36 GPUs at $2.50 an hour is about $70 an hour."),
            &[],
            &[],
        )
        .unwrap();
        assert!(c.arithmetic);
        assert_eq!(c.said, "$70 an hour");
        assert_eq!(c.expected.as_deref(), Some("$90 an hour"));
    }

    #[test]
    fn a_per_item_size_is_not_held_against_a_total_of_the_same_unit() {
        let given = given_in(
            "About 50 million documents, 400 GB of text in all; product images average 300 KB.",
        );
        for said in [
            "Each document averages 8 KB of text, so 4 GB a day to re-embed.",
            "At 768 floats that's 3 KB per vector, so the index is about 150 GB.",
            "Events are tiny, 2 KB each, so retention is cheap.",
        ] {
            assert_eq!(challenge(&heard(said), &given, &[]), None, "{said}");
        }
    }

    #[test]
    fn a_share_read_as_a_product_never_reaches_the_candidate_as_an_overflow() {
        let t = heard("We keep 3 billion out of 20 billion events, so about 15%.");
        assert!(t.arithmetic.is_empty(), "the spine reads this sum right");
        assert_eq!(challenge(&t, &[], &[]), None);
        assert!(!plain(3e19).contains("9,223,372"));
        assert_eq!(plain(3e19), "30,000,000,000,000,000,000");
        assert_eq!(plain(-12_345.4), "-12,345");
        assert_eq!(plain(f64::INFINITY), "?");
    }

    #[test]
    fn numbers_read_as_spoken() {
        assert_eq!(plain(90.0), "90");
        assert_eq!(plain(2.5), "2.5");
        assert_eq!(plain(150000.0), "150,000");
    }
}
