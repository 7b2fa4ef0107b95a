//! Rules on how the candidate dealt with the interviewer: the facts they were given (read back a
//! power of ten off, or worked into sums that do not hold), the questions they were asked
//! (sidestepped and never come back to), and how often they asked the interviewer to supply the
//! design instead of making it.

use crate::analysis::Act;
use crate::analysis::answering::leans_on_interviewer;
use crate::question::Level;

use super::super::answers;
use super::super::facts;
use super::super::report::{Citation, Flag, FlagCode, Severity};
use super::super::substance::said;
use super::super::texts::Vars;
use super::{Ctx, flag, level_name};

/// `contradicts-given-facts`: facts read back wrong or sums that do not hold. A misquoted fact
/// weighs two, a slipped sum one; the flag needs three, so one slip is not enough on its own: in
/// a real call a single figure read back off is as often a misheard number or a scale the
/// candidate proposes on purpose ("let's design for ten times that") as a contradiction, and
/// interviewers write it down when it is a pattern.
pub(super) fn contradicts_given_facts(ctx: &Ctx<'_>) -> Option<Flag> {
    let slips = facts::slips(ctx.reading, ctx.given);
    let misquotes = slips.iter().filter(|s| s.misquote).count();
    let sums = slips.len() - misquotes;
    // Slipped sums alone need three, since the checker reads spoken figures and one misread
    // operand looks like a slip; a misquote needs a second slip of either kind.
    let weight = 2 * misquotes + sums;
    if weight < 3 {
        return None;
    }
    let severity = if weight >= 4 {
        Severity::High
    } else {
        Severity::Medium
    };
    let evidence: Vec<Citation> = slips.iter().take(4).map(|s| s.evidence.clone()).collect();
    let first = &evidence[0];
    let situation = if misquotes > 0 {
        "misquoted"
    } else {
        "arithmetic"
    };
    let vars = Vars::default()
        .set("at", &first.at)
        .set("quote", &first.quote)
        .set("what", first.note.clone().unwrap_or_default())
        .set("count", slips.len().to_string());
    Some(flag(
        FlagCode::ContradictsGivenFacts,
        severity,
        situation,
        &vars,
        evidence,
    ))
}

/// `ignored-question`: a question or twist the candidate stepped around or left unanswered when
/// asked again, and never came back to.
pub(super) fn ignored_question(ctx: &Ctx<'_>) -> Option<Flag> {
    let open = answers::unanswered(ctx.reading, ctx.profile);
    let first = open.first()?;
    let severity = if open.iter().any(|u| u.twist) || open.len() >= 2 {
        Severity::High
    } else {
        Severity::Medium
    };
    let mut evidence = Vec::new();
    for u in open.iter().take(3) {
        let note = match (u.twist, u.times) {
            (true, 1) => "the twist, never answered".to_string(),
            (true, n) => format!("the twist, asked {n} times, never answered"),
            (false, 1) => "asked, never answered".to_string(),
            (false, n) => format!("asked {n} times, never answered"),
        };
        evidence.push(u.asked.clone().noted(note));
        if let Some(s) = u.sidestepped.first() {
            evidence.push(s.clone().noted("the answer stepped around it"));
        }
    }
    let situation = if first.twist { "twist" } else { "question" };
    let vars = Vars::default()
        .set("at", &first.asked.at)
        .set("quote", &first.asked.quote)
        .set("count", open.len().to_string())
        .set("total", first.times.to_string());
    Some(flag(
        FlagCode::IgnoredQuestion,
        severity,
        situation,
        &vars,
        evidence,
    ))
}

/// How many times a candidate at `level` may ask the interviewer to settle the design before it
/// reads as leaning on them: a mid-level candidate is expected to take more guidance.
fn allowance(level: Level) -> usize {
    match level {
        Level::Mid => 3,
        Level::Senior => 2,
        Level::Staff | Level::Director => 2,
    }
}

/// Words at most in a bare check-in ("Is that right?", "Is that correct?").
const CHECK_IN_WORDS: usize = 5;

/// Whether a sentence only asks the interviewer to confirm what the candidate just proposed: a
/// short question that asks for nothing (real candidates close half their turns so). Confirming
/// one's own proposal is driving the design, not handing it over.
fn checks_in(quote: &str) -> bool {
    let q = quote.trim();
    q.ends_with('?') && q.split_whitespace().count() <= CHECK_IN_WORDS && !leans_on_interviewer(q)
}

/// `leaned-on-interviewer`: asked for the answer, a hint or the usual approach again and again.
pub(super) fn leaned_on_interviewer(ctx: &Ctx<'_>) -> Option<Flag> {
    let leans: Vec<Citation> = said(ctx.reading)
        .into_iter()
        .filter(|s| {
            let r = s.reading;
            (r.acts.contains(&Act::Plea) && !checks_in(&r.quote))
                || (r.acts.contains(&Act::Ask)
                    && r.topics.is_empty()
                    && leans_on_interviewer(&r.quote))
        })
        .map(|s| s.cite())
        .collect();
    let allowed = allowance(ctx.level);
    if leans.len() <= allowed {
        return None;
    }
    let severity = if leans.len() > 2 * allowed + 1 {
        Severity::High
    } else {
        Severity::Medium
    };
    let first = &leans[0];
    let vars = Vars::default()
        .set("at", &first.at)
        .set("quote", &first.quote)
        .set("count", leans.len().to_string())
        .set("level", level_name(ctx.level));
    let evidence = leans
        .iter()
        .take(4)
        .map(|c| c.clone().noted("asks the interviewer to settle the design"))
        .collect();
    Some(flag(
        FlagCode::LeanedOnInterviewer,
        severity,
        "repeatedly",
        &vars,
        evidence,
    ))
}
