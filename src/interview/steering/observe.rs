//! What the notes tell the model besides the move: the word of credit, what is covered already,
//! and what the analysis and the dialogue have seen so far.

use super::{Heard, Move, SteeringState, dialogue};
use crate::analysis::{Analysis, TurnSignals, listening};
use crate::clock::mmss;
use crate::persona::PressureKind;

/// Whether a move follows up on something wrong or missing in the last turn.
pub(super) fn follows_up(mv: &Move) -> bool {
    matches!(mv, Move::Press(p) if matches!(
        p.kind,
        PressureKind::Contradiction
            | PressureKind::Arithmetic
            | PressureKind::Unanswered
            | PressureKind::TwistUnaddressed
            | PressureKind::VagueNumbers
    ))
}

/// The first estimate and the first trade-off with a number are worth a word of credit: a real
/// interviewer signals that the bar was met before raising it.
pub(super) fn credit(a: &Analysis, last: Option<&TurnSignals>) -> Option<String> {
    let last = last?;
    let first = |m: Option<crate::analysis::Moment>| m.is_some_and(|m| m.turn == last.turn);
    if first(a.first_sizing) {
        Some("their load estimate".into())
    } else if first(a.first_quantified_tradeoff) {
        Some("a trade-off with a number on it".into())
    } else {
        None
    }
}

/// What is answered or covered already, so it is not asked again.
pub(super) fn covered(a: &Analysis, st: &SteeringState) -> Vec<String> {
    let mut out: Vec<String> = st
        .revealed
        .iter()
        .map(|t| format!("{t} (you told them)"))
        .collect();
    out.extend(a.concerns.keys().map(|c| format!("{c} (they covered it)")));
    if a.first_sizing.is_some() {
        out.push("a load estimate (they gave one)".into());
    }
    out
}

pub(super) fn observations(h: &Heard<'_>) -> Vec<String> {
    let a = h.input.analysis;
    let q = h.input.question;
    let st = h.input.state;
    let mut out = Vec::new();
    let when = |m: Option<crate::analysis::Moment>| m.map_or("never".to_string(), |m| mmss(m.at));
    let topics: Vec<&str> = a.topics_asked.keys().map(|t| t.as_str()).collect();
    out.push(format!(
        "Requirements asked: {} (first at {}).",
        if topics.is_empty() {
            "none".into()
        } else {
            topics.join(", ")
        },
        when(a.first_clarification)
    ));
    out.push(format!(
        "Sizing estimate: {}. Trade-offs weighed: first at {}, with a number: {}.",
        when(a.first_sizing),
        when(a.first_tradeoff),
        when(a.first_quantified_tradeoff)
    ));
    out.push(format!(
        "Cost mentioned: {}. Latency mentioned: {}.",
        when(a.first_cost),
        when(a.first_latency)
    ));
    let missing: Vec<&str> = a
        .uncovered_hotspots(q)
        .iter()
        .map(|h| h.concern.as_str())
        .collect();
    if !missing.is_empty() {
        out.push(format!("Hotspots not reached yet: {}.", missing.join(", ")));
    }
    if !a.components.is_empty() {
        let names: Vec<&str> = a.components.iter().map(|(c, _)| c.name.as_str()).collect();
        out.push(format!("Components named: {}.", names.join(", ")));
    }
    if let Some(n) = st.twist_turn {
        let after = dialogue::candidate_turns_after(n, h.input.history, a);
        let addressed = after
            .iter()
            .any(|(_, text)| dialogue::addresses_twist(text, &q.twist.text));
        out.push(if addressed {
            "The twist was sprung and the candidate took it up.".to_string()
        } else if st.times(PressureKind::TwistUnaddressed) > 0 {
            "The twist was sprung, followed up once, and still not addressed: note it, do not ask a third time.".to_string()
        } else {
            "The twist was sprung and has not been addressed yet.".to_string()
        });
    }
    if let Some(o) = &st.open
        && o.returned
        && h.last.is_some_and(|l| l.turn > o.turn)
    {
        out.push(format!(
            "You already came back once to \"{}\": if it is still unanswered, note it and move on.",
            o.text
        ));
    }
    if !h.text.is_empty() && h.last.is_some_and(|l| l.words > 0) {
        let claims = listening::vague_claims(h.text);
        if let Some(c) = claims.first() {
            out.push(format!(
                "Their last turn claimed \"{}\" with no number.",
                c.quote
            ));
        }
    }
    out
}
