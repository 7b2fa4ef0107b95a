//! Renders the model's prompt from `prompts/system.j2` and `prompts/notes.j2`.
//!
//! Layout for prompt caching: the system prompt (persona, question, hidden sheet, rules) is
//! rendered once per round and never changes; the history follows; only the trailing notes
//! differ from turn to turn, so providers' prompt caches hit on everything before them.

use serde::Serialize;

use super::TurnContext;
use crate::clock::mmss;
use crate::llm::ChatMessage;
use crate::question::Level;
use crate::template::{self, TemplateError};
use crate::transcript::Speaker;

/// What each level is expected to show, given to the model.
pub fn level_expectation(level: Level) -> &'static str {
    match level {
        Level::Mid => {
            "A mid-level candidate should reach a sound, working design; guide them a little when they stall, but let them drive."
        }
        Level::Senior => {
            "A senior candidate should drive: clarify and size unprompted, weigh trade-offs with numbers, and go deep on the hotspots."
        }
        Level::Staff => {
            "A staff candidate should go deep where it is hard, put numbers on every trade-off, and think about evolution, operations and other teams."
        }
        Level::Director => {
            "A director should frame the problem as a business decision: cost, risk, build versus buy, team and org trade-offs, and how to measure success."
        }
    }
}

#[derive(Serialize)]
struct SystemVars<'a> {
    persona: &'a crate::persona::Persona,
    question: &'a crate::question::Question,
    level: Level,
    minutes: f64,
    plan: &'a crate::clock::TimePlan,
    level_expectation: &'static str,
}

/// The system prompt for this round (stable for the whole round).
pub fn system_prompt(ctx: &TurnContext<'_>) -> Result<String, TemplateError> {
    let vars = SystemVars {
        persona: ctx.persona,
        question: ctx.question,
        level: ctx.level,
        minutes: (ctx.plan.total().as_secs_f64() / 60.0).round(),
        plan: ctx.plan,
        level_expectation: level_expectation(ctx.level),
    };
    render("system.j2", &vars)
}

#[derive(Serialize)]
struct NotesVars<'a> {
    #[serde(flatten)]
    notes: &'a super::Notes,
    at: String,
    remaining: String,
    phase_label: &'static str,
    next_phase_label: &'static str,
    example: &'a str,
}

/// This turn's notes, with `example` (the offline engine's reply) as a style guide.
pub fn notes_message(ctx: &TurnContext<'_>, example: &str) -> Result<String, TemplateError> {
    let notes = ctx.notes;
    let next_phase = match &notes.mv {
        super::Move::Transition { phase, .. } => phase.label(),
        _ => notes.phase.label(),
    };
    let vars = NotesVars {
        notes,
        at: mmss(notes.at),
        remaining: mmss(notes.remaining),
        phase_label: notes.phase.label(),
        next_phase_label: next_phase,
        example,
    };
    render("notes.j2", &vars)
}

/// The full message list: system, history, notes.
pub fn messages(system: &str, ctx: &TurnContext<'_>, notes: String) -> Vec<ChatMessage> {
    let mut out = Vec::with_capacity(ctx.history.len() + 2);
    out.push(ChatMessage::system(system));
    for turn in ctx.history {
        out.push(match turn.role {
            Speaker::Interviewer => ChatMessage::assistant(&turn.text),
            Speaker::Candidate => ChatMessage::user(&turn.text),
        });
    }
    out.push(ChatMessage::system(notes));
    out
}

fn render<S: Serialize>(name: &str, vars: &S) -> Result<String, TemplateError> {
    let source =
        crate::embedded::prompt(name).expect("prompt templates are embedded at build time");
    let text = template::render_str(source, vars)?;
    Ok(text.trim().to_string())
}
