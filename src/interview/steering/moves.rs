//! The moves that answer what the last turn did: a figure that does not hold, a phase change said
//! as it happened, a plea, an aside, the twist left aside, the open question dodged.

use super::challenge as figures;
use super::dialogue::{self, Expect, OpenQuestion};
use super::listen::Aside;
use super::{Heard, Move, Pressure, SteeringInput};
use crate::clock::Phase;
use crate::persona::{HintPolicy, PressureKind};
use crate::question::Level;
use crate::transcript::Speaker;

/// The open question and how the candidate's turns since have met it.
pub(super) struct OpenStatus {
    pub(super) question: OpenQuestion,
    pub(super) answered: bool,
    /// The last turn was design talk that did not answer it.
    dodged: bool,
}

pub(super) fn open_status(h: &Heard<'_>) -> Option<OpenStatus> {
    let question = h.input.state.open.clone()?;
    let twist = &h.input.question.twist.text;
    let after = dialogue::candidate_turns_after(question.turn, h.input.history, h.input.analysis);
    let answered = after
        .iter()
        .any(|(t, text)| dialogue::answers(&question, t, text, twist));
    let dodged = !answered
        && after
            .last()
            .is_some_and(|(t, _)| dialogue::is_design_talk(t) && t.words >= 4);
    Some(OpenStatus {
        question,
        answered,
        dodged,
    })
}

/// The words a phase change is said with, or `None` when there is nothing to announce: a
/// candidate already designing is not asked for the architecture they just gave.
pub(super) fn transition(h: &Heard<'_>, phase: Phase) -> Option<Move> {
    let a = h.input.analysis;
    let designed = h.designed();
    let asked = a.first_clarification.is_some();
    let probe = match phase {
        Phase::Clarify => return None,
        Phase::HighLevel if designed => return None,
        Phase::DeepDive if designed => h.next_hotspot(),
        _ => None,
    };
    Some(Move::Transition {
        phase,
        probe,
        asked,
        designed,
    })
}

/// Asked where to go next: the deep dive on the part that matters most (what their words named
/// first), or the main pieces while nothing is designed.
pub(super) fn direction(h: &Heard<'_>) -> Move {
    let designed = h.designed();
    let probe = designed.then(|| h.next_hotspot_about(h.text)).flatten();
    let asked = h.input.analysis.first_clarification.is_some();
    match probe {
        Some(p) => Move::Transition {
            phase: Phase::DeepDive,
            probe: Some(p),
            asked,
            designed,
        },
        None if !designed => Move::Transition {
            phase: Phase::DeepDive,
            probe: None,
            asked,
            designed,
        },
        None => Move::Resume { question: None },
    }
}

/// A hint for a plea, where the persona and level allow one: towards the requirements while
/// none was asked, a way in while nothing is designed, else towards the hotspot their words
/// named (or the next one).
pub(super) fn hint(h: &Heard<'_>, aside: Aside) -> Option<Move> {
    let mid = h.input.level == Level::Mid;
    let hints = match (aside, h.input.hints) {
        (Aside::Stuck | Aside::AnswerRequest, HintPolicy::Generous) => true,
        (Aside::Stuck, HintPolicy::Light) => mid,
        _ => false,
    };
    if !hints {
        return None;
    }
    if h.input.analysis.first_clarification.is_none() && h.phase <= Phase::HighLevel {
        return Some(Move::Hint { probe: None });
    }
    if !h.designed() {
        return Some(Move::Scaffold);
    }
    h.next_hotspot_about(h.text)
        .map(|probe| Move::Hint { probe: Some(probe) })
}

/// The answer to an aside that gets no hint: the floor handed back, with the open question.
pub(super) fn respond(h: &Heard<'_>, aside: Aside, open: Option<&OpenStatus>) -> Move {
    // Asked what we meant: the question on the table, said again whatever came before.
    if aside == Aside::Clarify {
        let question = open.map(|o| o.question.text.clone());
        return Move::Resume { question };
    }
    // Asked leave to move on to a part they name: granted, with no question put again (they
    // said where they are going; the open question waits for its own return).
    if aside == Aside::Proceed {
        return Move::Resume { question: None };
    }
    // The open question is put again once; after that the floor is simply handed back.
    let question = open
        .filter(|o| !o.answered && !o.question.returned && current(h, &o.question))
        .map(|o| o.question.text.clone());
    Move::Resume { question }
}

/// Whether an open question is still the one on the table: asked in this phase, or in the
/// interviewer's last turn.
fn current(h: &Heard<'_>, q: &OpenQuestion) -> bool {
    let last_interviewer = h
        .input
        .history
        .iter()
        .rev()
        .find(|t| t.role == Speaker::Interviewer)
        .map(|t| t.n);
    q.phase == h.phase || last_interviewer == Some(q.turn)
}

/// A figure of the last turn that does not hold: an order of magnitude off one the interviewer
/// gave, or a worked sum that does not add up.
pub(super) fn challenge(h: &Heard<'_>) -> Option<Move> {
    let st = h.input.state;
    let last = h.last?;
    let given = figures::given_figures(h.input.question, st);
    // A figure already said in an earlier turn was heard (and challenged, if wrong) then.
    let earlier: Vec<&str> = h
        .input
        .analysis
        .turns
        .iter()
        .filter(|t| t.turn < last.turn)
        .flat_map(|t| t.figures.iter().map(|f| f.quantity.text.as_str()))
        .collect();
    if let Some(c) = figures::challenge(last, &given, &earlier) {
        let kind = if c.arithmetic {
            PressureKind::Arithmetic
        } else {
            PressureKind::Contradiction
        };
        // Two different wrong figures in a row are both pressed: it is the figure that counts.
        if st.times(kind) < 3 {
            let why = match (&c.given, &c.expected) {
                (Some(g), _) => format!(
                    "They used {} where you told them {}: ask where their figure comes from.",
                    c.said, g
                ),
                (None, Some(e)) => format!(
                    "Their sum in \"{}\" does not hold: it comes to {e}, not {}. Ask them to redo it.",
                    c.quote, c.said
                ),
                _ => String::new(),
            };
            let mut p = Pressure::new(kind, why);
            p.challenge = Some(c);
            return Some(Move::Press(Box::new(p)));
        }
    }
    None
}

/// The twist left aside by the turn after it: followed up once.
pub(super) fn follow_up(h: &Heard<'_>) -> Option<Move> {
    let st = h.input.state;
    let last = h.last?;
    if let Some(n) = st.twist_turn {
        let twist = &h.input.question.twist.text;
        let after = dialogue::candidate_turns_after(n, h.input.history, h.input.analysis);
        let addressed = after
            .iter()
            .any(|(_, text)| dialogue::addresses_twist(text, twist));
        if !addressed
            && dialogue::is_design_talk(last)
            && st.times(PressureKind::TwistUnaddressed) == 0
        {
            let why = "The candidate went on as if the twist had not been sprung: ask what it changes in their design.".to_string();
            return Some(Move::Press(Box::new(Pressure::new(
                PressureKind::TwistUnaddressed,
                why,
            ))));
        }
    }
    None
}

/// The interviewer's own question dodged by the last turn: asked again once (numbers asked for
/// are asked for again in other words).
pub(super) fn return_to(h: &Heard<'_>, open: Option<&OpenStatus>) -> Option<Move> {
    let st = h.input.state;
    let allowed =
        |kind: PressureKind, max: u32| st.times(kind) < max && st.last_pressure != Some(kind);
    let o = open?;
    if o.dodged
        && !o.question.returned
        && current(h, &o.question)
        && o.question.expects != Expect::Twist
    {
        // Numbers asked for and not given: asked for again in other words while there are some.
        let a = h.input.analysis;
        if o.question.expects == Expect::Estimate
            && !h.sized()
            && allowed(PressureKind::NoSizing, 2)
        {
            let why = format!(
                "They did not give the numbers you asked for (\"{}\"): ask for a back-of-the-envelope estimate.",
                o.question.text
            );
            let mut p = Pressure::new(PressureKind::NoSizing, why);
            p.component = a.components.first().map(|(c, _)| c.name.clone());
            return Some(Move::Press(Box::new(p)));
        }
        let why = format!(
            "They did not answer your question (\"{}\"); it waits for {}. Ask it again, once.",
            o.question.text,
            o.question.expects.describe()
        );
        let mut p = Pressure::new(PressureKind::Unanswered, why);
        p.question = Some(o.question.text.clone());
        return Some(Move::Press(Box::new(p)));
    }
    None
}

pub(super) fn twist_due(input: &SteeringInput<'_>, phase: Phase) -> bool {
    if phase != Phase::DeepDive || input.state.twist_sprung {
        return false;
    }
    // A change to a design that is not there is no curveball: the main pieces come first.
    if !super::designed(input.analysis, input.history) {
        return false;
    }
    // A candidate who already designed for the change has nothing to be surprised by.
    let twist = &input.question.twist.text;
    let foreseen = input
        .history
        .iter()
        .any(|t| t.role == Speaker::Candidate && dialogue::addresses_twist(&t.text, twist));
    if foreseen {
        return false;
    }
    let turns = input
        .state
        .turns_in_phase
        .get(&Phase::DeepDive)
        .copied()
        .unwrap_or(0);
    let midpoint = input
        .plan
        .span_of(Phase::DeepDive)
        .map(|(a, b)| a + (b - a) / 2);
    turns >= 3 || midpoint.is_some_and(|m| input.now >= m)
}
