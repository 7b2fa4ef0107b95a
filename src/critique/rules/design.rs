//! Rules on how the candidate designed: asking before committing, sizing, proportion, trade-offs
//! (in general, on cost, on latency) and reasons for choices.

use std::collections::BTreeSet;

use std::time::Duration;

use crate::analysis::{Act, Evidence, QuantityKind};
use crate::clock::{Phase, mmss};
use crate::critique::input::Role;

use super::super::report::{Citation, Flag, FlagCode, Severity};
use super::super::texts::Vars;
use super::super::timeline::{Subject, talks_requirements, weighs_in_words};
use super::{Ctx, cite, cost_weighed, flag, latency_weighed, level_name};

/// Requirements discussed this long before the design committed count as clarifying.
const CLARIFIED_BY_TALK: Duration = Duration::from_secs(120);

/// A candidate turn shorter than this ("okay", "hmm, let me think") states no requirement.
const MIN_WORDS_TO_CLARIFY: usize = 8;

/// Whether a candidate turn pins a requirement down: a sentence with a figure, a question, an
/// assumption or requirements named plainly. "It has to be scalable and really fast" and
/// "requirements change a lot, so keep it flexible" pin nothing down.
fn states_requirements(t: &crate::critique::read::Spoken) -> bool {
    t.sentences.iter().any(|s| {
        let loose = s.signals.contains(&"vague") || s.acts.contains(&Act::Anecdote);
        !s.quantities.is_empty()
            || s.acts.contains(&Act::Ask)
            || (!loose
                && (talks_requirements(&s.quote) || s.quote.to_lowercase().contains("assum")))
    })
}

/// `no-clarification`: no requirements question before the design committed.
pub(super) fn no_clarification(ctx: &Ctx<'_>) -> Option<Flag> {
    let a = &ctx.reading.analysis;
    // Requirements talked through before the first component (stated and confirmed, as real
    // calls often do, rather than asked) is clarifying.
    let committed_at = a.first_component.map(|m| m.at);
    let discussed: Duration = ctx
        .reading
        .turns
        .iter()
        .zip(ctx.subjects)
        .filter(|(t, s)| {
            // The candidate's own words on requirements: an interviewer reciting them to a
            // candidate who only says "hmm" is not the candidate clarifying.
            **s == Subject::Requirements
                && t.role == Role::Candidate
                && t.text.split_whitespace().count() >= MIN_WORDS_TO_CLARIFY
                && states_requirements(t)
                && committed_at.is_none_or(|c| t.start < c)
        })
        .map(|(t, _)| t.end.saturating_sub(t.start))
        .sum();
    if discussed >= CLARIFIED_BY_TALK {
        return None;
    }
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
    // Many figures and no estimate heard is as likely an estimate said in a way the analysis
    // could not follow (run-on speech) as none at all: a level, not the offer.
    let severity = ctx.slack(if (heavy || ctx.senior_plus()) && a.numbers < 10 {
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
    // Real candidates often size by stating the load they derived ("so about 10 requests a
    // second", "120 gigabytes over five years") without the words of an estimate: machinery
    // chosen after the candidate put such a figure on the table was chosen against a number.
    let load_stated = super::super::substance::said(ctx.reading)
        .into_iter()
        .find(|s| {
            s.designs()
                && s.reading
                    .quantities
                    .iter()
                    .any(|q| matches!(q.kind, QuantityKind::Rate | QuantityKind::Size))
        })
        .map(|s| s.turn.n);
    let heavy: Vec<_> = a
        .heavy_before_sizing()
        .into_iter()
        .filter(|(_, m)| load_stated.is_none_or(|t| m.turn < t))
        .collect();
    if heavy.len() < 2 {
        return None;
    }
    let never = a.first_sizing.is_none() && load_stated.is_none();
    // Machinery never justified by numbers, or three pieces of it chosen before asking anything,
    // costs the offer; numbers that came later, a level.
    let before_asking = heavy
        .iter()
        .filter(|(_, m)| a.first_clarification.is_none_or(|q| m.turn < q.turn))
        .count();
    let severity = if never || before_asking >= 3 {
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
    let decisions = super::super::substance::said(ctx.reading)
        .iter()
        .filter(|s| s.designs() && s.decides())
        .count();
    // No trade-off in a design of several decisions. A candidate who keeps saying why has
    // weighed their choices in some form: the absence is only certain when reasons are scarce.
    // Before saying nothing was weighed at all, look for a contrast said in so many words: the
    // analysis may not hear "worse but instant" as the trade-off it is.
    let in_words_count = super::super::substance::said(ctx.reading)
        .iter()
        .filter(|s| s.designs() && weighs_in_words(&s.reading.quote))
        .count();
    let in_words = in_words_count > 0;
    // What was weighed: the analysis's trade-offs, else the contrasts said in so many words.
    let weighed = if all.is_empty() {
        in_words_count
    } else {
        all.len()
    };
    if all.is_empty()
        && !in_words
        && (components >= 2 || decisions >= 4)
        && reasons < decisions.max(components)
    {
        let c = biggest?.absent_in(Phase::Tradeoffs);
        let vars = Vars::default().set("at", &c.at).set("quote", &c.quote);
        // Certain, and sinking, only when reasons are scarce too (under a third of the
        // decisions): a candidate who keeps giving reasons may weigh in words the analysis
        // does not hear as weighing.
        let severity = if reasons * 3 < decisions.max(components) {
            Severity::High
        } else {
            Severity::Medium
        };
        return Some(flag(
            FlagCode::MissingTradeoffs,
            severity,
            "none",
            &vars,
            vec![c],
        ));
    }
    // Few trade-offs for many components, unless the choices kept their reasons and a number
    // stood behind what was weighed.
    if weighed > 0
        && components >= 6
        && weighed * 6 < components
        && if all.is_empty() {
            // Weighing heard only in words, where the analysis hears none: that hearing is
            // partial, so only a contrast lost among ten or more components counts as few.
            weighed * 10 < components
        } else {
            reasons * 2 < components || quantified == 0
        }
    {
        let c = biggest?.absent_in(Phase::Tradeoffs);
        let vars = Vars::default()
            .set("at", &c.at)
            .set("quote", &c.quote)
            .set("count", weighed.to_string())
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
    // At staff and up the bar is numbers: no trade-off with one, or a long design with at most
    // one weighed choice and one number.
    let thin = all.len() <= 2 && quantified <= 1 && decisions >= 12;
    if ctx.senior_plus() && ((all.len() >= 2 && quantified == 0) || thin) {
        let quantified_quotes: Vec<&str> = a
            .turns
            .iter()
            .flat_map(|t| &t.quantified_tradeoffs)
            .map(|e| e.quote.as_str())
            .collect();
        let mut evidence: Vec<Citation> = all
            .iter()
            .filter(|e| !quantified_quotes.contains(&e.quote.as_str()))
            .take(2)
            .map(|e| cite(e).noted("no number on it"))
            .collect();
        if evidence.is_empty() {
            evidence.push(biggest?.absent_in(Phase::Tradeoffs));
        }
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
    let (_, asked) = cost_weighed(&a.turns);
    if ctx.substance.cost_weighed() {
        return None;
    }
    // A classic question with no budget on its sheet does not turn on cost below staff level.
    if !ctx.profile.cost_matters(ctx.level) {
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
    let (_, asked) = latency_weighed(&a.turns);
    if ctx.substance.latency_weighed() {
        return None;
    }
    // A classic question whose sheet sets no latency target (or that is not in the bank) does
    // not turn on latency below staff level: worth saying, rarely the deciding gap.
    let latency_matters = ctx.profile.latency_matters(ctx.level);
    let severity = match (
        latency_matters,
        ctx.profile.ai_workload || ctx.senior_plus(),
    ) {
        (false, _) => Severity::Low,
        (true, true) => Severity::High,
        (true, false) => Severity::Medium,
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
        if severity == Severity::Low {
            severity
        } else {
            ctx.slack(severity)
        },
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
