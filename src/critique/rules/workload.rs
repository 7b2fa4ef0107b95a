//! Rules on fit to this question and on the round as a whole: template answers, AI workloads
//! treated as plain software, security left out, time spent far from the plan, and text aimed at
//! the grader.

use std::time::Duration;

use crate::clock::{Phase, mmss};
use crate::question::Concern;

use super::super::profile::PROFILES;
use super::super::report::{Citation, Flag, FlagCode, Severity};
use super::super::texts::Vars;
use super::design::{concern_stated, join_names};
use super::{Ctx, flag};

/// Below this share of what the workload needs (specific components and hotspots together), a
/// design is a template.
const FIT_FLOOR: f64 = 0.35;

/// `generic-template`: the design misses what this workload needs.
pub(super) fn generic_template(ctx: &Ctx<'_>) -> Option<Flag> {
    let a = &ctx.reading.analysis;
    // A round that named almost nothing has no design to call a template.
    if a.components.len() < 2 {
        return None;
    }
    let cov = ctx.coverage;
    let trap = ctx.profile.trap.clone().unwrap_or_default();
    let missing: Vec<&str> = cov
        .specific()
        .filter(|e| e.reached.is_none())
        .map(|e| e.name.as_str())
        .collect();
    let fit = match (cov.specific_share(), cov.hotspot_share()) {
        (Some(s), Some(h)) => Some(0.6 * s + 0.4 * h),
        _ => None,
    };
    let must_missing: Vec<&str> = ctx
        .profile
        .must_have
        .iter()
        .filter(|m| {
            cov.expected
                .iter()
                .any(|e| &e.name == *m && e.reached.is_none())
        })
        .map(String::as_str)
        .collect();
    let generic: Vec<_> = a
        .components
        .iter()
        .filter(|(c, _)| PROFILES.generic_components.iter().any(|g| g == &c.name))
        .collect();
    let model_story = [
        Concern::ModelServing,
        Concern::GpuBatching,
        Concern::DriftRetraining,
        Concern::Autoscaling,
    ]
    .iter()
    .any(|c| a.covered(*c));
    let needs_model_story = ctx.profile.hotspots.iter().any(|h| {
        matches!(
            h.concern,
            Concern::ModelServing
                | Concern::GpuBatching
                | Concern::DriftRetraining
                | Concern::Autoscaling
        )
    });
    let ai_web = ctx.profile.ai_workload && needs_model_story && !model_story && generic.len() >= 3;
    let low_fit = fit.is_some_and(|f| f < FIT_FLOOR);
    let hits = [low_fit, !must_missing.is_empty(), ai_web]
        .iter()
        .filter(|x| **x)
        .count();
    if hits == 0 {
        return None;
    }
    let severity = if hits >= 2 || fit.is_some_and(|f| f < 0.2) {
        Severity::High
    } else {
        Severity::Medium
    };
    let evidence: Vec<Citation> = generic
        .iter()
        .take(3)
        .map(|(c, m)| {
            ctx.component_citation(c, *m)
                .noted(format!("generic component: {}", c.name))
        })
        .collect();
    // The moment the design took shape: its first commitment, not a cache mentioned in passing.
    let anchor = ctx.commit()?;
    let mut vars = Vars::default()
        .set("at", &anchor.at)
        .set("quote", &anchor.quote)
        .set("trap", trap);
    let situation = if !must_missing.is_empty() {
        vars = vars.set("missing", join_names(&must_missing));
        "must-have"
    } else if low_fit {
        let share = fit.unwrap_or_default();
        vars = vars
            .set("missing", join_names(&missing))
            .set("share", format!("{:.0}%", share * 100.0));
        "fit"
    } else {
        let names: Vec<&str> = generic.iter().map(|(c, _)| c.name.as_str()).collect();
        vars = vars.set("heavy", join_names(&names));
        "ai-web"
    };
    let mut first = anchor.clone();
    if !missing.is_empty() {
        first.note = Some(format!(
            "missing for this workload: {}",
            join_names(&missing)
        ));
    }
    let evidence: Vec<Citation> = std::iter::once(first).chain(evidence).collect();
    Some(flag(
        FlagCode::GenericTemplate,
        severity,
        situation,
        &vars,
        evidence,
    ))
}

/// Serving the model: where it runs, on what, how it scales.
const SERVING: [Concern; 3] = [
    Concern::ModelServing,
    Concern::GpuBatching,
    Concern::Autoscaling,
];
/// Keeping it good: evaluation, drift, rollout.
const QUALITY: [Concern; 3] = [
    Concern::Evaluation,
    Concern::DriftRetraining,
    Concern::Rollout,
];

/// `missing-ai-considerations`: an AI workload with no serving story or no quality loop, where
/// the question needs it.
pub(super) fn missing_ai(ctx: &Ctx<'_>) -> Option<Flag> {
    if !ctx.profile.ai_workload {
        return None;
    }
    let a = &ctx.reading.analysis;
    let hot: Vec<Concern> = ctx.profile.hotspots.iter().map(|h| h.concern).collect();
    let needs = |group: &[Concern]| group.iter().any(|c| hot.contains(c));
    let (mut serving, quality) = (needs(&SERVING), needs(&QUALITY) || !needs(&SERVING));
    if !serving && !quality {
        serving = true;
    }
    let lacks = |group: &[Concern]| !group.iter().any(|c| a.covered(*c));
    let no_serving = serving && lacks(&SERVING);
    let no_quality = quality && lacks(&QUALITY);
    let situation = match (no_serving, no_quality) {
        (true, true) => "both",
        (true, false) => "serving",
        (false, true) => "quality",
        (false, false) => return None,
    };
    let required = usize::from(serving) + usize::from(quality);
    let missing = usize::from(no_serving) + usize::from(no_quality);
    let severity = if missing == required {
        Severity::High
    } else {
        Severity::Medium
    };
    let group: &[Concern] = if no_serving { &SERVING } else { &QUALITY };
    let probe = ctx
        .profile
        .hotspots
        .iter()
        .find(|h| group.contains(&h.concern))
        .map(|h| h.probe.clone())
        .unwrap_or_default();
    let c = ctx.commit()?.absent_in(Phase::DeepDive);
    let vars = Vars::default()
        .set("at", &c.at)
        .set("quote", &c.quote)
        .set("probe", probe);
    Some(flag(
        FlagCode::MissingAiConsiderations,
        severity,
        situation,
        &vars,
        vec![c],
    ))
}

/// `security-omitted`: security and privacy never raised on a question that needs them.
pub(super) fn security_omitted(ctx: &Ctx<'_>) -> Option<Flag> {
    let a = &ctx.reading.analysis;
    let (stated, _) = concern_stated(&a.turns, Concern::PrivacySecurity);
    if stated {
        return None;
    }
    let hotspot = ctx.profile.hotspot(Concern::PrivacySecurity);
    // Asking about compliance, then designing nothing for it, is an omission on any question.
    let asked_compliance = a
        .topics_asked
        .contains_key(&crate::question::Topic::Compliance);
    let (situation, severity) = match (hotspot, asked_compliance) {
        (Some(_), _) => ("hotspot", Severity::High),
        (None, true) => ("compliance", Severity::Medium),
        (None, false) => return None,
    };
    let stores = [
        "postgres",
        "mysql",
        "sql database",
        "nosql",
        "mongodb",
        "dynamodb",
        "cassandra",
        "vector database",
        "object storage",
        "feature store",
        "data warehouse",
        "data lake",
    ];
    let c = ctx
        .commit_where(|c| stores.contains(&c.name.as_str()))?
        .absent_in(Phase::Tradeoffs);
    let vars = Vars::default().set("at", &c.at).set("quote", &c.quote).set(
        "probe",
        hotspot.map(|h| h.probe.clone()).unwrap_or_default(),
    );
    Some(flag(
        FlagCode::SecurityOmitted,
        severity,
        situation,
        &vars,
        vec![c],
    ))
}

/// Rounds shorter than this are too short to judge their time allocation.
const SHORTEST_JUDGED: Duration = Duration::from_secs(15 * 60);

/// `poor-time-allocation`: requirements far over plan, or the deep dive never reached.
pub(super) fn poor_time(ctx: &Ctx<'_>) -> Option<Flag> {
    let total = ctx.reading.duration;
    if total < SHORTEST_JUDGED {
        return None;
    }
    let phase = |p: Phase| ctx.time.phases.iter().find(|x| x.phase == p);
    let ms = |x: u64| Duration::from_millis(x);
    let clarify = phase(Phase::Clarify)?;
    let high = phase(Phase::HighLevel)?;
    let deep = phase(Phase::DeepDive)?;
    let total_ms = total.as_millis() as u64;
    let vars = |p: &crate::critique::report::PhaseTime| {
        Vars::default()
            .set("minutes", mmss(ms(p.actual_ms)))
            .set("planned", mmss(ms(p.planned_ms)))
            .set("total", mmss(total))
    };
    let acts = ctx.activity;
    let cand: Vec<_> = ctx.reading.candidate().collect();
    if clarify.actual_ms > 2 * clarify.planned_ms
        && clarify.actual_ms > clarify.planned_ms + 3 * 60_000
        && clarify.actual_ms * 4 >= total_ms
    {
        let severity = if clarify.actual_ms * 100 >= total_ms * 35 {
            Severity::High
        } else {
            Severity::Medium
        };
        // The last turn still asking about requirements.
        let last = cand
            .iter()
            .zip(acts)
            .rev()
            .find(|(_, p)| **p == Phase::Clarify)
            .map(|(t, _)| t.n);
        let c = last.and_then(|n| ctx.turn_citation(n))?.noted(format!(
            "requirements still under way here, {} into the round",
            mmss(ms(clarify.actual_ms))
        ));
        let v = vars(clarify).set("at", &c.at).set("quote", &c.quote);
        return Some(flag(
            FlagCode::PoorTimeAllocation,
            severity,
            "requirements",
            &v,
            vec![c],
        ));
    }
    if deep.actual_ms * 5 < deep.planned_ms {
        let n = cand.last()?.n;
        let c = ctx
            .turn_citation(n)?
            .absent_in(Phase::DeepDive)
            .noted("the round ended without a deep dive");
        let v = vars(deep).set("at", &c.at).set("quote", &c.quote);
        return Some(flag(
            FlagCode::PoorTimeAllocation,
            Severity::High,
            "no-deep-dive",
            &v,
            vec![c],
        ));
    }
    if deep.actual_ms * 2 < deep.planned_ms && high.actual_ms * 10 > high.planned_ms * 18 {
        let plan_mark = ms(clarify.planned_ms + high.planned_ms);
        let n = cand.iter().find(|t| t.at >= plan_mark).or(cand.last())?.n;
        let c = ctx
            .turn_citation(n)?
            .noted("still on the high-level design at the plan's deep-dive mark");
        let v = vars(high)
            .set("at", &c.at)
            .set("quote", &c.quote)
            .set("planned", mmss(plan_mark));
        return Some(flag(
            FlagCode::PoorTimeAllocation,
            Severity::Medium,
            "stuck-high-level",
            &v,
            vec![c],
        ));
    }
    None
}

/// `injection-attempt`: text aimed at a grader; it was cut before anything else read the round.
pub(super) fn injection(ctx: &Ctx<'_>) -> Option<Flag> {
    let found = &ctx.reading.injection;
    if found.is_empty() {
        return None;
    }
    let evidence: Vec<Citation> = found.iter().take(5).cloned().collect();
    Some(flag(
        FlagCode::InjectionAttempt,
        Severity::High,
        "found",
        &Vars::default(),
        evidence,
    ))
}
