//! Renders the model's prompt from `prompts/system.j2`, `prompts/notes.j2` and `prompts/cue.j2`.
//!
//! Layout, for every chat template and for prompt caching: one leading system message (persona,
//! question, hidden sheet, rules), rendered once per round; then strict user/assistant alternation
//! (candidate = user, interviewer = assistant), because strict templates (Mistral's, Gemma's, as
//! llama.cpp applies them) refuse a system message mid-conversation, two turns of one speaker in a
//! row, or an assistant turn first. The interviewer opens the round, so a fixed cue stands as the
//! first user message. Each candidate turn goes out with that turn's notes after it, and is sent
//! the same way on every later turn, so everything before the last user message is byte-identical
//! from turn to turn and providers' prompt caches hit on it.

use serde::Serialize;

use super::TurnContext;
use crate::clock::mmss;
use std::collections::BTreeMap;

use crate::llm::{ChatMessage, Role};
use crate::question::Level;
use crate::template::{self, TemplateError};
use crate::transcript::{Speaker, Turn};

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
    /// The analysis' observations not already in an earlier message of the conversation.
    fresh_observations: Vec<&'a str>,
    /// What has been covered, less what an earlier message already listed.
    fresh_covered: Vec<&'a str>,
    /// The open question and whether it was answered, unless an earlier message said the same or
    /// the pressure's reason quotes the question.
    open_line: Option<String>,
}

/// This turn's notes, with `example` (the offline engine's reply) as a style guide.
///
/// Observations and covered items already sent word for word in `earlier` (the candidate messages
/// as they went out, notes included) are left out: the model still reads them there, and the
/// prompt grows by what is new only, which keeps each turn's uncached tail short on servers with a
/// prompt cache. The open question is restated only when its state changed and the pressure's
/// reason does not quote it.
pub fn notes_message(
    ctx: &TurnContext<'_>,
    example: &str,
    earlier: &BTreeMap<usize, String>,
) -> Result<String, TemplateError> {
    let notes = ctx.notes;
    let sent = |text: &str| earlier.values().any(|m| m.contains(text));
    let fresh_observations = notes
        .observations
        .iter()
        .map(String::as_str)
        .filter(|o| !sent(&format!("- {o}\n")))
        .collect();
    let fresh_covered = notes
        .covered
        .iter()
        .map(String::as_str)
        .filter(|c| !sent(c))
        .collect();
    let open_line = notes
        .open
        .as_ref()
        .filter(
            |open| !matches!(&notes.mv, super::Move::Press(p) if p.why.contains(&open.question)),
        )
        .map(|open| {
            format!(
                "Your open question: \"{}\" (it waits for {}). They have {}.",
                open.question,
                open.expects,
                if open.answered {
                    "answered it"
                } else {
                    "not answered it yet"
                }
            )
        })
        .filter(|line| !sent(line));
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
        fresh_observations,
        fresh_covered,
        open_line,
    };
    render("notes.j2", &vars)
}

/// One candidate turn as sent: their words, then that turn's private notes.
pub fn candidate_message(text: &str, notes: &str) -> String {
    format!("{}\n\n{notes}", text.trim())
}

/// The user message that stands before the interviewer's opening (`prompts/cue.j2`).
pub fn opening_cue() -> Result<String, TemplateError> {
    render("cue.j2", &())
}

/// The conversation as sent: `system`, then `history` in strict user/assistant alternation, the
/// last user message carrying this turn's `notes`.
///
/// Earlier candidate turns are taken from `sent` (the message each went out as, notes included)
/// when there, else their bare words (after a resume, or with a compacted history). An
/// interviewer turn first gets `cue` before it; turns of one speaker in a row are joined.
pub fn messages(
    system: &str,
    cue: &str,
    history: &[Turn],
    sent: &BTreeMap<usize, String>,
    notes: &str,
) -> Vec<ChatMessage> {
    let mut out = Vec::with_capacity(history.len() + 3);
    out.push(ChatMessage::system(system));
    let last = history.len().saturating_sub(1);
    for (i, turn) in history.iter().enumerate() {
        let (role, content) = match turn.role {
            Speaker::Interviewer => (Role::Assistant, turn.text.trim().to_string()),
            Speaker::Candidate if i == last => (Role::User, candidate_message(&turn.text, notes)),
            Speaker::Candidate => (
                Role::User,
                sent.get(&turn.n)
                    .cloned()
                    .unwrap_or_else(|| turn.text.trim().to_string()),
            ),
        };
        match out.last_mut() {
            Some(prev) if prev.role == role => {
                prev.content.push_str("\n\n");
                prev.content.push_str(&content);
            }
            Some(prev) if prev.role == Role::System && role == Role::Assistant => {
                out.push(ChatMessage::user(cue));
                out.push(ChatMessage::assistant(content));
            }
            _ => out.push(ChatMessage { role, content }),
        }
    }
    if out.last().is_none_or(|m| m.role != Role::User) {
        out.push(ChatMessage::user(notes));
    }
    out
}

fn render<S: Serialize>(name: &str, vars: &S) -> Result<String, TemplateError> {
    let source =
        crate::embedded::prompt(name).expect("prompt templates are embedded at build time");
    let text = template::render_str(source, vars)?;
    Ok(text.trim().to_string())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::clock::Phase;

    fn turn(n: usize, role: Speaker, text: &str) -> Turn {
        Turn {
            n,
            role,
            text: text.into(),
            at: Duration::from_secs(60 * n as u64),
            phase: Phase::Clarify,
            tokens: None,
            latency_ms: None,
            partial: None,
            intent: None,
            reasoning: None,
            guard: None,
        }
    }

    fn roles(m: &[ChatMessage]) -> Vec<Role> {
        m.iter().map(|m| m.role).collect()
    }

    #[test]
    fn every_layout_alternates_strictly_and_keeps_its_prefix() {
        use Speaker::{Candidate, Interviewer};
        let mut history = vec![
            turn(1, Interviewer, "Hi. Design X."),
            turn(2, Candidate, "Q1"),
        ];
        let mut sent = BTreeMap::new();
        let first = messages("SYS", "CUE", &history, &sent, "[notes 1]");
        assert_eq!(
            roles(&first),
            [Role::System, Role::User, Role::Assistant, Role::User]
        );
        assert_eq!(first[1].content, "CUE");
        assert_eq!(first[3].content, "Q1\n\n[notes 1]");
        sent.insert(2, candidate_message("Q1", "[notes 1]"));
        // A second candidate turn in a row (a retried failure) joins the first.
        history.push(turn(3, Interviewer, "A1"));
        history.push(turn(4, Candidate, "Q2"));
        history.push(turn(5, Candidate, "Q3"));
        let second = messages("SYS", "CUE", &history, &sent, "[notes 2]");
        assert_eq!(&second[..first.len()], &first[..]);
        assert_eq!(
            roles(&second),
            [
                Role::System,
                Role::User,
                Role::Assistant,
                Role::User,
                Role::Assistant,
                Role::User
            ]
        );
        assert_eq!(second[5].content, "Q2\n\nQ3\n\n[notes 2]");
    }
}
