//! Rules on fit to this question and on the round as a whole: template answers, AI workloads
//! treated as plain software, security left out, and text aimed at the grader.

use crate::clock::Phase;
use crate::question::Concern;

use super::super::profile::PROFILES;
use super::super::report::{Citation, Flag, FlagCode, Severity};
use super::super::texts::Vars;
use super::super::timeline::names_security;
use super::design::join_names;
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
    // An AI workload answered as plain software: most of the question's AI hotspots never got a
    // decision with a reason or a number, while the generic pieces carry the design.
    let ai_hot: Vec<Concern> = ctx
        .profile
        .hotspots
        .iter()
        .map(|h| h.concern)
        .filter(|c| c.is_ai())
        .collect();
    let ai_covered = ai_hot.iter().filter(|c| ctx.substance.covered(**c)).count();
    let ai_web = ctx.profile.ai_workload
        && ai_hot.len() >= 2
        && ai_covered * 2 < ai_hot.len()
        && generic.len() >= 3;
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
    let hot: Vec<Concern> = ctx.profile.hotspots.iter().map(|h| h.concern).collect();
    let needs = |group: &[Concern]| group.iter().any(|c| hot.contains(c));
    let (mut serving, quality) = (needs(&SERVING), needs(&QUALITY) || !needs(&SERVING));
    if !serving && !quality {
        serving = true;
    }
    let lacks = |group: &[Concern]| !group.iter().any(|c| ctx.substance.raised(*c));
    // Real candidates tell the serving story through what they build on ("precompute the item
    // embeddings into the feature store", "push them to the GPUs") more often than in the word.
    let serving_parts = PROFILES
        .serving_components
        .iter()
        .filter(|name| {
            ctx.reading
                .analysis
                .components
                .iter()
                .any(|(c, _)| &c.name == *name)
        })
        .count();
    let no_serving = serving && lacks(&SERVING) && serving_parts < 2;
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
    // Raised in the design, or named there in so many words ("each tenant's index is
    // encrypted with its own key").
    let named = super::super::substance::said(ctx.reading)
        .iter()
        .any(|s| s.designs() && s.reading.dismissed.is_empty() && names_security(&s.reading.quote));
    if ctx.substance.raised(Concern::PrivacySecurity) || named {
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
