//! The rubric: nine dimensions (clarification, sizing, trade-offs, AI-workload depth, and BREW:
//! balance, resilience, efficiency, observability, upgradeability), each 0-1 from the shared
//! analysis, weighted by the persona and the level, into a 0-100 score and a verdict.
//!
//! Every dimension only grows as the candidate shows more, and flags only cost points, so a
//! stronger round scores higher. Text aimed at the grader costs nothing: it was never read.

use std::collections::BTreeMap;

use crate::analysis::{Analysis, QuantityKind};
use crate::question::{Concern, Level, Topic};

use super::coverage::Coverage;
use super::profile::Profile;
use super::report::{Dimension, Fix, Flag, FlagCode, Severity, Verdict};
use super::substance::Substance;

/// The dimensions, in report order: (key, label).
pub const DIMENSIONS: [(&str, &str); 9] = [
    ("clarification", "Clarification"),
    ("sizing", "Sizing"),
    ("tradeoffs", "Trade-offs"),
    ("ai_depth", "AI-workload depth"),
    ("balance", "Balance"),
    ("resilience", "Resilience"),
    ("efficiency", "Efficiency"),
    ("observability", "Observability"),
    ("upgradeability", "Upgradeability"),
];

/// What the score rests on.
pub(crate) struct Scored {
    pub dimensions: Vec<Dimension>,
    pub score: u8,
    pub verdict: Verdict,
    pub basis: super::verdict::ScoreBasis,
}

impl Scored {
    /// Caps the score at `ceiling` (and the verdict with it), recording the ceiling so a
    /// rescore after the judge keeps it.
    pub fn cap(&mut self, ceiling: u8) {
        self.score = self.score.min(ceiling);
        self.verdict = Verdict::of_score(self.score);
        self.basis.ceiling = Some(ceiling);
    }
}

/// How much the level leans on a dimension: staff and up are held to trade-offs and cost; mid
/// gets slack on depth and operations.
fn emphasis(level: Level, key: &str) -> f64 {
    match (level, key) {
        (Level::Mid, "ai_depth") => 0.8,
        (Level::Mid, "observability" | "upgradeability") => 0.7,
        (Level::Mid, "tradeoffs") => 0.9,
        (Level::Staff, "tradeoffs") => 1.3,
        (Level::Staff, "balance") => 1.2,
        (Level::Staff, "upgradeability") => 1.1,
        (Level::Director, "tradeoffs") => 1.3,
        (Level::Director, "balance") => 1.4,
        (Level::Director, "efficiency") => 1.2,
        _ => 1.0,
    }
}

/// How much a dimension can be trusted for this question: the ones that measure what the
/// question needs (its hotspots, its operations) count half when the question is not in the
/// bank, since its needs were then guessed; clarifying, sizing, weighing and balance are asked
/// of every round.
fn certainty(profile: &Profile, key: &str) -> f64 {
    let needs = matches!(
        key,
        "ai_depth" | "resilience" | "efficiency" | "observability" | "upgradeability"
    );
    if needs && profile.id.is_none() {
        0.5
    } else {
        1.0
    }
}

/// The weighted mean a round needs to score 100 at this level.
fn bar(level: Level) -> f64 {
    match level {
        Level::Mid => 0.72,
        Level::Senior => 0.82,
        Level::Staff | Level::Director => 0.9,
    }
}

/// Points a flag costs.
fn points(s: Severity) -> f64 {
    super::verdict::MODEL.points(s)
}

/// The dimension a flag's fix would raise.
fn dimension_of(code: FlagCode) -> &'static str {
    match code {
        FlagCode::NoClarification => "clarification",
        FlagCode::NoSizing => "sizing",
        FlagCode::MissingTradeoffs | FlagCode::UnexplainedChoices => "tradeoffs",
        FlagCode::Overengineering
        | FlagCode::MissingCostTradeoff
        | FlagCode::MissingLatencyTradeoff => "balance",
        FlagCode::SecurityOmitted => "resilience",
        FlagCode::GenericTemplate
        | FlagCode::MissingAiConsiderations
        | FlagCode::PoorTimeAllocation
        | FlagCode::InjectionAttempt => "ai_depth",
        FlagCode::ContradictsGivenFacts => "sizing",
        FlagCode::IgnoredQuestion | FlagCode::LeanedOnInterviewer => "balance",
    }
}

/// Scores the round.
pub(crate) fn score(
    a: &Analysis,
    sub: &Substance,
    cov: &Coverage,
    profile: &Profile,
    level: Level,
    weights: &BTreeMap<String, f64>,
    flags: &[Flag],
) -> Scored {
    let raw = raw_dimensions(a, sub, cov, profile, level);
    let mut dimensions = Vec::new();
    let (mut sum, mut total_weight) = (0.0, 0.0);
    for ((key, label), (value, basis)) in DIMENSIONS.iter().zip(raw) {
        let weight = weights.get(*key).copied().unwrap_or(1.0).max(0.0)
            * emphasis(level, key)
            * certainty(profile, key);
        sum += weight * value;
        total_weight += weight;
        dimensions.push(Dimension {
            name: key.to_string(),
            label: if *key == "ai_depth" && !profile.ai_workload {
                "Workload depth".to_string()
            } else {
                label.to_string()
            },
            score: (value * 100.0).round().clamp(0.0, 100.0) as u8,
            weight: (weight * 100.0).round() / 100.0,
            basis,
        });
    }
    let mean = if total_weight > 0.0 {
        sum / total_weight
    } else {
        0.0
    };
    let rubric = (100.0 * mean / bar(level)).min(100.0);
    let (score, verdict, basis) = super::verdict::outcome(
        rubric,
        flags,
        profile.ai_workload && profile.id.is_some(),
        &super::verdict::MODEL,
        None,
    );
    Scored {
        dimensions,
        score,
        verdict,
        basis,
    }
}

/// The three fixes that would move the score most: the flag's own cost plus what its dimension
/// has left to give.
pub(crate) fn fixes(flags: &[Flag], dimensions: &[Dimension], level: Level) -> Vec<Fix> {
    let total_weight: f64 = dimensions.iter().map(|d| d.weight).sum::<f64>().max(1e-9);
    let mut fixes: Vec<Fix> = flags
        .iter()
        .filter(|f| f.code != FlagCode::InjectionAttempt)
        .map(|f| {
            let d = dimensions.iter().find(|d| d.name == dimension_of(f.code));
            let room = d.map_or(0.0, |d| {
                d.weight * (100.0 - f64::from(d.score)) / total_weight
            });
            let gain = 0.6 * room / bar(level) + points(f.severity);
            Fix {
                code: f.code,
                text: f.advice.clone(),
                gain: gain.round().clamp(1.0, 40.0) as u8,
            }
        })
        .collect();
    fixes.sort_by(|a, b| b.gain.cmp(&a.gain).then(a.code.cmp(&b.code)));
    // One fix per code: a second flag with the same code (judge) adds nothing new.
    let mut seen = Vec::new();
    fixes.retain(|f| {
        let fresh = !seen.contains(&f.code);
        seen.push(f.code);
        fresh
    });
    fixes.truncate(3);
    fixes
}

fn share(n: usize, of: usize) -> f64 {
    (n as f64 / of as f64).min(1.0)
}

fn yes(b: bool) -> f64 {
    if b { 1.0 } else { 0.0 }
}

/// Each dimension's 0-1 value and basis, in [`DIMENSIONS`] order.
fn raw_dimensions(
    a: &Analysis,
    sub: &Substance,
    cov: &Coverage,
    profile: &Profile,
    level: Level,
) -> Vec<(f64, String)> {
    let commit = a.first_component.map(|m| m.turn);
    let topics = a.topics_asked.len();
    let before = a
        .topics_asked
        .values()
        .filter(|m| commit.is_none_or(|c| m.turn <= c))
        .count();
    let sizing = a.turns.iter().map(|t| t.sizing.len()).sum::<usize>();
    let trade = a.turns.iter().map(|t| t.tradeoffs.len()).sum::<usize>();
    let quant = a
        .turns
        .iter()
        .map(|t| t.quantified_tradeoffs.len())
        .sum::<usize>();
    // What the question does not turn on is not held against the round (as in the flags).
    let cost = sub.cost_weighed() || !profile.cost_matters(level);
    let latency = sub.latency_weighed() || !profile.latency_matters(level);
    // What the basis says: weighed, not weighed, or not held against this question.
    let said = |weighed: bool, matters: bool| match (weighed, matters) {
        (true, _) => "weighed",
        (false, true) => "not weighed",
        (false, false) => "not needed here",
    };
    let cost_said = said(sub.cost_weighed(), profile.cost_matters(level));
    let latency_said = said(sub.latency_weighed(), profile.latency_matters(level));
    let money = a
        .turns
        .iter()
        .flat_map(|t| &t.numbers)
        .any(|q| q.kind == QuantityKind::Money);
    let heavy_early = a.heavy_before_sizing().len();
    let ai = profile.ai_workload;
    // A concern covered with substance counts whole; one only decided on, half.
    let shown = |c: Concern| -> f64 {
        if sub.covered(c) {
            1.0
        } else if sub.raised(c) {
            0.5
        } else {
            0.0
        }
    };
    let either = |x: Concern, y: Concern| shown(x).max(shown(y));
    let ai_shown: f64 = Concern::ALL
        .iter()
        .filter(|c| c.is_ai())
        .map(|c| shown(*c))
        .sum();
    let hot = cov.hotspot_share().unwrap_or(0.0);
    let spec = cov.specific_share();

    let clarification = 0.6 * share(before, 3) + 0.4 * share(topics, 4);
    let sizing_v = if sizing == 0 {
        0.0
    } else {
        0.5 + 0.25 * yes(heavy_early == 0) + 0.25 * share(sizing - 1, 2)
    };
    let tradeoffs =
        0.55 * share(trade, 4) + 0.25 * share(quant, 2) + 0.1 * yes(cost) + 0.1 * yes(latency);
    let ai_part = (ai_shown / 4.0).min(1.0);
    let depth = match (ai, spec) {
        (true, Some(s)) => 0.4 * ai_part + 0.4 * hot + 0.2 * s,
        (true, None) => 0.5 * ai_part + 0.5 * hot,
        (false, Some(s)) => 0.6 * hot + 0.4 * s,
        (false, None) => hot,
    };
    let balance = 0.4 * (1.0 - share(heavy_early, 3)) + 0.3 * yes(cost) + 0.3 * yes(latency);
    let availability = if a.topics_asked.contains_key(&Topic::Availability) {
        1.0
    } else {
        shown(Concern::Autoscaling)
    };
    let resilience = 0.5 * shown(Concern::Fallback)
        + 0.25 * availability
        + 0.25 * shown(Concern::PrivacySecurity);
    let third = if ai {
        either(Concern::GpuBatching, Concern::Autoscaling)
    } else {
        yes(quant > 0)
    };
    let efficiency = 0.35 * shown(Concern::Caching)
        + 0.35 * shown(Concern::CostPerRequest).max(yes(money))
        + 0.3 * third;
    let ops_partner = if ai {
        either(Concern::Evaluation, Concern::DriftRetraining)
    } else {
        yes(latency && a.first_latency.is_some())
    };
    let observability = 0.7 * shown(Concern::Observability) + 0.3 * ops_partner;
    let evolve = if ai {
        shown(Concern::DriftRetraining)
    } else {
        shown(Concern::DataPipeline)
    };
    let upgradeability = 0.6 * shown(Concern::Rollout) + 0.4 * evolve;

    let names = |cs: &[Concern]| -> String {
        let got: Vec<&str> = cs
            .iter()
            .filter(|c| shown(**c) > 0.0)
            .map(|c| c.as_str())
            .collect();
        if got.is_empty() {
            "none".into()
        } else {
            got.join(", ")
        }
    };
    vec![
        (
            clarification,
            format!("{topics} requirement topics asked, {before} before the design committed"),
        ),
        (
            sizing_v,
            format!(
                "{sizing} sizing estimate(s); {heavy_early} heavy component(s) named before sizing"
            ),
        ),
        (
            tradeoffs,
            format!(
                "{trade} trade-off(s), {quant} with a number; cost {cost_said}, latency {latency_said}"
            ),
        ),
        (
            depth,
            format!(
                "{:.0}% of the hotspots reached{}",
                hot * 100.0,
                spec.map_or(String::new(), |s| format!(
                    ", {:.0}% of the workload's own components",
                    s * 100.0
                ))
            ),
        ),
        (
            balance,
            format!(
                "{heavy_early} heavy component(s) before sizing; cost {cost_said}, latency {latency_said}"
            ),
        ),
        (
            resilience,
            format!(
                "raised: {}",
                names(&[
                    Concern::Fallback,
                    Concern::Autoscaling,
                    Concern::PrivacySecurity
                ])
            ),
        ),
        (
            efficiency,
            format!(
                "raised: {}",
                names(&[
                    Concern::Caching,
                    Concern::CostPerRequest,
                    Concern::GpuBatching
                ])
            ),
        ),
        (
            observability,
            format!(
                "raised: {}",
                names(&[
                    Concern::Observability,
                    Concern::Evaluation,
                    Concern::DriftRetraining
                ])
            ),
        ),
        (
            upgradeability,
            format!(
                "raised: {}",
                names(&[
                    Concern::Rollout,
                    Concern::DriftRetraining,
                    Concern::DataPipeline
                ])
            ),
        ),
    ]
}
