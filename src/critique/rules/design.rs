//! Rules on how the candidate designed: asking before committing, sizing, proportion, trade-offs
//! (in general, on cost, on latency) and reasons for choices.

use std::collections::BTreeSet;

use crate::analysis::{Evidence, TurnSignals};
use crate::clock::{Phase, mmss};

use super::super::report::{Citation, Flag, FlagCode, Severity};
use super::super::texts::Vars;
use super::{Ctx, cite, cost_weighed, flag, latency_weighed, level_name};

/// `no-clarification`: no requirements question before the design committed.
pub(super) fn no_clarification(ctx: &Ctx<'_>) -> Option<Flag> {
    let a = &ctx.reading.analysis;
    let commit = ctx.commit()?.absent_in(Phase::Clarify);
    let vars = Vars::default()
        .set("at", &commit.at)
        .set("quote", &commit.quote);
    match (a.first_clarification, a.first_component) {
        (None, first_component) => {
            let assumed = a
                .first_sizing
                .is_some_and(|s| first_component.is_none_or(|c| s.turn <= c.turn));
            let (situation, severity) = if assumed {
                ("assumed", Severity::Low)
            } else {
                ("none", Severity::High)
            };
            Some(flag(
                FlagCode::NoClarification,
                severity,
                situation,
                &vars,
                vec![commit],
            ))
        }
        (Some(ask), Some(c)) if ask.turn > c.turn => {
            let before = a
                .components
                .iter()
                .filter(|(_, m)| m.turn < ask.turn)
                .count();
            if before < 2 {
                return None;
            }
            let ask_quote = a
                .turns
                .iter()
                .find(|t| t.turn == ask.turn)
                .and_then(|t| t.questions.iter().find(|q| !q.topics.is_empty()))
                .map(|q| super::clip(&q.quote))
                .unwrap_or_default();
            let asked = Citation::new(ask.turn, ask.at, ask_quote)
                .noted("the first question about requirements");
            let vars = vars
                .set("count", before.to_string())
                .set("first_ask_at", mmss(ask.at));
            Some(flag(
                FlagCode::NoClarification,
                Severity::Medium,
                "late",
                &vars,
                vec![commit, asked],
            ))
        }
        _ => None,
    }
}

/// `no-sizing`: no estimate of load, storage or machines at all.
pub(super) fn no_sizing(ctx: &Ctx<'_>) -> Option<Flag> {
    let a = &ctx.reading.analysis;
    if a.first_sizing.is_some() {
        return None;
    }
    let commit = ctx.commit()?.absent_in(Phase::HighLevel);
    let heavy = a.components.iter().any(|(c, _)| c.heavy);
    let severity = ctx.slack(if heavy || ctx.senior_plus() {
        Severity::High
    } else {
        Severity::Medium
    });
    let situation = if a.numbers >= 3 {
        "numbers-unused"
    } else {
        "none"
    };
    let vars = Vars::default()
        .set("at", &commit.at)
        .set("quote", &commit.quote)
        .set("count", a.numbers.to_string());
    Some(flag(
        FlagCode::NoSizing,
        severity,
        situation,
        &vars,
        vec![commit],
    ))
}

/// `overengineering`: two or more pieces of heavy machinery named before any load estimate.
pub(super) fn overengineering(ctx: &Ctx<'_>) -> Option<Flag> {
    let a = &ctx.reading.analysis;
    let heavy = a.heavy_before_sizing();
    if heavy.len() < 2 {
        return None;
    }
    let never = a.first_sizing.is_none();
    let severity = if heavy.len() >= 3 || never {
        Severity::High
    } else {
        Severity::Medium
    };
    let evidence: Vec<Citation> = heavy
        .iter()
        .take(3)
        .map(|(c, m)| {
            ctx.component_citation(c, *m)
                .noted(format!("{} named before any load estimate", c.name))
        })
        .collect();
    let names: Vec<&str> = heavy.iter().map(|(c, _)| c.name.as_str()).collect();
    let vars = Vars::default()
        .set("at", &evidence[0].at)
        .set("quote", &evidence[0].quote)
        .set("heavy", join_names(&names));
    let situation = if never {
        "never-sized"
    } else {
        "before-sizing"
    };
    Some(flag(
        FlagCode::Overengineering,
        severity,
        situation,
        &vars,
        evidence,
    ))
}

/// `missing-tradeoffs`: choices without alternatives, or (staff and up) trade-offs without numbers.
pub(super) fn missing_tradeoffs(ctx: &Ctx<'_>) -> Option<Flag> {
    let a = &ctx.reading.analysis;
    let all: Vec<&Evidence> = a.turns.iter().flat_map(|t| &t.tradeoffs).collect();
    let quantified = a
        .turns
        .iter()
        .map(|t| t.quantified_tradeoffs.len())
        .sum::<usize>();
    let components = a.components.len();
    let biggest = biggest_commit(ctx);
    let reasons: usize = a.turns.iter().map(|t| t.justifications.len()).sum();
    // A candidate who keeps saying why has weighed their choices in some form; the absence is
    // only certain when they neither compared nor justified.
    if all.is_empty() && components >= 2 && reasons <= 1 {
        let c = biggest?.absent_in(Phase::Tradeoffs);
        let vars = Vars::default().set("at", &c.at).set("quote", &c.quote);
        return Some(flag(
            FlagCode::MissingTradeoffs,
            Severity::High,
            "none",
            &vars,
            vec![c],
        ));
    }
    if !all.is_empty() && components >= 6 && all.len() * 6 < components {
        let c = biggest?.absent_in(Phase::Tradeoffs);
        let vars = Vars::default()
            .set("at", &c.at)
            .set("quote", &c.quote)
            .set("count", all.len().to_string())
            .set("total", components.to_string());
        let mut evidence = vec![c];
        evidence.extend(
            all.iter()
                .map(|e| cite(e).noted("the only trade-off weighed")),
        );
        return Some(flag(
            FlagCode::MissingTradeoffs,
            ctx.slack(Severity::Medium),
            "few",
            &vars,
            evidence,
        ));
    }
    if all.len() >= 2 && quantified == 0 && ctx.senior_plus() {
        let evidence: Vec<Citation> = all
            .iter()
            .take(2)
            .map(|e| cite(e).noted("no number on it"))
            .collect();
        let vars = Vars::default()
            .set("at", &evidence[0].at)
            .set("quote", &evidence[0].quote)
            .set("count", all.len().to_string())
            .set("level", level_name(ctx.level));
        return Some(flag(
            FlagCode::MissingTradeoffs,
            Severity::Medium,
            "unquantified",
            &vars,
            evidence,
        ));
    }
    None
}

/// `missing-cost-tradeoff`: cost never weighed (asking about the budget is not weighing it).
pub(super) fn missing_cost(ctx: &Ctx<'_>) -> Option<Flag> {
    let a = &ctx.reading.analysis;
    let (stated, asked) = cost_weighed(&a.turns);
    if stated {
        return None;
    }
    // A classic question with no budget on its sheet does not turn on cost below staff level.
    let budget_matters = ctx.profile.ai_workload
        || ctx.senior_plus()
        || ctx
            .profile
            .fact_topics
            .contains(&crate::question::Topic::Budget);
    if !budget_matters {
        return None;
    }
    let severity = ctx.slack(if ctx.profile.ai_workload || ctx.senior_plus() {
        Severity::High
    } else {
        Severity::Medium
    });
    let c = ctx
        .commit_where(|c| c.heavy || matches!(c.name.as_str(), "gpu" | "model server"))?
        .absent_in(Phase::Tradeoffs);
    let mut vars = Vars::default().set("at", &c.at).set("quote", &c.quote);
    let mut evidence = vec![c];
    let situation = match asked {
        Some(q) => {
            vars = vars.set("first_ask_at", &q.at);
            evidence.push(q.noted("asked about cost, never used it"));
            "asked-only"
        }
        None => "none",
    };
    Some(flag(
        FlagCode::MissingCostTradeoff,
        severity,
        situation,
        &vars,
        evidence,
    ))
}

/// `missing-latency-tradeoff`: latency never weighed, on a workload that answers requests.
pub(super) fn missing_latency(ctx: &Ctx<'_>) -> Option<Flag> {
    let a = &ctx.reading.analysis;
    if ctx.profile.batch {
        return None;
    }
    let (stated, asked) = latency_weighed(&a.turns);
    if stated {
        return None;
    }
    let severity = if ctx.profile.ai_workload || ctx.senior_plus() {
        Severity::High
    } else {
        Severity::Medium
    };
    let c = ctx.commit()?.absent_in(Phase::DeepDive);
    let mut vars = Vars::default().set("at", &c.at).set("quote", &c.quote);
    let mut evidence = vec![c];
    let situation = match asked {
        Some(q) => {
            vars = vars.set("first_ask_at", &q.at);
            evidence.push(q.noted("asked about latency, never used it"));
            "asked-only"
        }
        None => "none",
    };
    Some(flag(
        FlagCode::MissingLatencyTradeoff,
        ctx.slack(severity),
        situation,
        &vars,
        evidence,
    ))
}

/// `unexplained-choices`: most components named with no reason or alternative in their turn.
pub(super) fn unexplained_choices(ctx: &Ctx<'_>) -> Option<Flag> {
    let a = &ctx.reading.analysis;
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut unexplained = 0;
    let mut evidence = Vec::new();
    for t in &a.turns {
        let new: Vec<_> = t
            .components
            .iter()
            .filter(|c| !seen.contains(c.name.as_str()))
            .collect();
        seen.extend(t.components.iter().map(|c| c.name.as_str()));
        let reasons = t.justifications.len() + t.tradeoffs.len();
        // A reason explains one choice; components beyond the turn's reasons went unexplained.
        let bare = new.len().saturating_sub(reasons);
        if bare > 0 {
            unexplained += bare;
            if evidence.len() < 3 {
                let c = new[new.len() - bare];
                let m = crate::analysis::Moment {
                    turn: t.turn,
                    at: t.at,
                };
                evidence.push(
                    ctx.component_citation(c, m)
                        .noted("named with no reason given"),
                );
            }
        }
    }
    let total = a.components.len();
    // A candidate who gives reasons throughout has explained their approach, if not every box.
    let reasons: usize = a
        .turns
        .iter()
        .map(|t| t.justifications.len() + t.tradeoffs.len())
        .sum();
    if unexplained < 3 || unexplained * 2 < total || reasons * 2 >= total {
        return None;
    }
    let severity = if unexplained >= 5 && unexplained * 10 >= total * 8 {
        Severity::High
    } else {
        Severity::Medium
    };
    let vars = Vars::default()
        .set("at", &evidence[0].at)
        .set("quote", &evidence[0].quote)
        .set("count", unexplained.to_string())
        .set("total", total.to_string());
    Some(flag(
        FlagCode::UnexplainedChoices,
        severity,
        "most",
        &vars,
        evidence,
    ))
}

/// Whether `concern` was raised in a statement (asking about it is not designing for it), and
/// else the first question that raised it.
pub(super) fn concern_stated(
    turns: &[TurnSignals],
    concern: crate::question::Concern,
) -> (bool, Option<Citation>) {
    let mut asked = None;
    for t in turns {
        if let Some(e) = t.concerns.get(&concern) {
            if !t
                .questions
                .iter()
                .any(|q| e.quote.contains(q.quote.as_str()))
            {
                return (true, None);
            }
            asked.get_or_insert_with(|| cite(e));
        }
    }
    (false, asked)
}

/// The turn that committed to the most new components, cited at its first.
fn biggest_commit(ctx: &Ctx<'_>) -> Option<Citation> {
    let a = &ctx.reading.analysis;
    let mut best: Option<(usize, usize)> = None;
    for t in &a.turns {
        let new = a
            .components
            .iter()
            .filter(|(_, m)| m.turn == t.turn)
            .count();
        if new > 0 && best.is_none_or(|(_, n)| new > n) {
            best = Some((t.turn, new));
        }
    }
    match best {
        Some((turn, _)) => a
            .components
            .iter()
            .find(|(_, m)| m.turn == turn)
            .map(|(c, m)| ctx.component_citation(c, *m)),
        None => ctx.commit(),
    }
}

/// "a, b and c".
pub(super) fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
