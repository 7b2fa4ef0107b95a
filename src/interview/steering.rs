//! Clarifying pressure: turns the analysis of the candidate's words, the clock and what the
//! interviewer has already done into this turn's notes. Both interviewers follow the same notes:
//! the offline engine speaks them in the persona's words, the model reads them as instructions.
//!
//! Pure: no I/O, no randomness, no model.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use serde::Serialize;

use crate::analysis::{Analysis, TurnSignals};
use crate::clock::{Phase, TimeEvent, TimePlan, mmss};
use crate::persona::{HintPolicy, PressureKind};
use crate::question::{Concern, Fact, Hotspot, Level, Question, Topic};
use crate::transcript::TurnIntent;

/// What the interviewer presses on this turn, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pressure {
    /// The kind of pressure.
    pub kind: PressureKind,
    /// The component it is about, when there is one.
    pub component: Option<String>,
    /// The hotspot probed, for [`PressureKind::AiConcern`] and security.
    pub probe: Option<Hotspot>,
    /// The reason, as a note to the interviewer ("03:40 into the round ...").
    pub why: String,
}

/// The one thing the interviewer moves the round on with this turn (one question at a time).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "move", rename_all = "kebab-case")]
pub enum Move {
    /// Time is up: close the round.
    Close,
    /// A phase began: move the round on (with the deep dive's first probe).
    Transition {
        /// The phase entered.
        phase: Phase,
        /// The probe to open the deep dive with.
        probe: Option<Hotspot>,
    },
    /// Spring the question's mid-round twist.
    Twist {
        /// The twist.
        text: String,
    },
    /// Press on something missing.
    Press(Pressure),
    /// The candidate is stuck: point at an area without giving the answer.
    Hint {
        /// Where to point.
        probe: Hotspot,
    },
    /// Nothing to press: let the candidate go on.
    Continue,
}

/// This turn's notes for the interviewer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notes {
    /// Round time now.
    #[serde(with = "crate::serde_ms")]
    pub at: Duration,
    /// Time left.
    #[serde(with = "crate::serde_ms")]
    pub remaining: Duration,
    /// The phase now.
    pub phase: Phase,
    /// Time events crossed since the last turn.
    pub events: Vec<TimeEvent>,
    /// A warning to give (minutes left), if one was crossed.
    pub warning: Option<u32>,
    /// Hidden facts the candidate just asked for: reveal these, and only these.
    pub reveal: Vec<Fact>,
    /// Requirement topics asked about that the sheet does not cover.
    pub unknown: Vec<Topic>,
    /// How to move the round on.
    #[serde(rename = "next")]
    pub mv: Move,
    /// Something the candidate's last turn did well, to acknowledge briefly before moving on.
    pub credit: Option<String>,
    /// What the analysis has seen so far, one line each, for the model.
    pub observations: Vec<String>,
}

impl Notes {
    /// The intent to record with the reply these notes produce.
    pub fn intent(&self) -> TurnIntent {
        let mut intent = TurnIntent {
            revealed: self.reveal.iter().map(|f| f.topic).collect(),
            ..TurnIntent::default()
        };
        intent.revealed.dedup();
        match &self.mv {
            Move::Close => intent.closing = true,
            Move::Twist { .. } => intent.twist = true,
            Move::Transition { probe, .. } => intent.probe = probe.as_ref().map(|h| h.concern),
            Move::Press(p) => {
                intent.pressure = Some(p.kind);
                intent.component = p.component.clone();
                intent.probe = p.probe.as_ref().map(|h| h.concern);
            }
            Move::Hint { probe } => intent.probe = Some(probe.concern),
            Move::Continue => {}
        }
        intent
    }
}

/// What the interviewer has done so far in the round; rebuilt from the transcript on resume.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SteeringState {
    /// Topics already revealed.
    pub revealed: BTreeSet<Topic>,
    /// How often each pressure was applied.
    pub pressed: BTreeMap<PressureKind, u32>,
    /// Hotspots already probed.
    pub probed: BTreeSet<Concern>,
    /// Components already asked "why" about.
    pub asked_about: BTreeSet<String>,
    /// Whether the twist was sprung.
    pub twist_sprung: bool,
    /// The last pressure applied, to avoid pressing the same way twice in a row.
    pub last_pressure: Option<PressureKind>,
    /// Candidate turns per phase.
    pub turns_in_phase: BTreeMap<Phase, u32>,
}

impl SteeringState {
    /// Records what an interviewer turn did.
    pub fn record(&mut self, intent: &TurnIntent) {
        self.revealed.extend(intent.revealed.iter().copied());
        if let Some(kind) = intent.pressure {
            *self.pressed.entry(kind).or_default() += 1;
        }
        self.last_pressure = intent.pressure;
        if let Some(c) = intent.probe {
            self.probed.insert(c);
        }
        if let Some(c) = &intent.component {
            self.asked_about.insert(c.clone());
        }
        self.twist_sprung |= intent.twist;
    }

    /// Records a candidate turn in `phase`.
    pub fn candidate_spoke(&mut self, phase: Phase) {
        *self.turns_in_phase.entry(phase).or_default() += 1;
    }

    fn times(&self, kind: PressureKind) -> u32 {
        self.pressed.get(&kind).copied().unwrap_or(0)
    }
}

/// Everything steering reads.
#[derive(Debug, Clone, Copy)]
pub struct SteeringInput<'a> {
    /// The question, with its hidden sheet and hotspots.
    pub question: &'a Question,
    /// The level the round is pitched at.
    pub level: Level,
    /// The persona's hint policy.
    pub hints: HintPolicy,
    /// The round's plan.
    pub plan: &'a TimePlan,
    /// Round time now.
    pub now: Duration,
    /// Time events crossed since the last turn.
    pub events: &'a [TimeEvent],
    /// The analysis of every candidate turn so far (the last one included).
    pub analysis: &'a Analysis,
    /// What the interviewer has done so far.
    pub state: &'a SteeringState,
}

/// Decides this turn's notes.
pub fn steer(input: SteeringInput<'_>) -> Notes {
    let SteeringInput {
        question,
        plan,
        now,
        events,
        analysis,
        ..
    } = input;
    let phase = plan.phase_at(now);
    let last = analysis.last();
    let asked: BTreeSet<Topic> = last.map(TurnSignals::topics_asked).unwrap_or_default();
    // A topic already answered is not read out again when it rides along with a new one; asked on
    // its own, it is answered again, as a person would.
    let fresh: BTreeSet<Topic> = asked
        .iter()
        .copied()
        .filter(|t| !input.state.revealed.contains(t))
        .collect();
    let answer_topics = if fresh.is_empty() { &asked } else { &fresh };
    let reveal: Vec<Fact> = answer_topics
        .iter()
        .flat_map(|t| question.facts_on(*t).cloned())
        .collect();
    let unknown: Vec<Topic> = asked
        .iter()
        .copied()
        .filter(|t| question.facts_on(*t).next().is_none())
        .collect();
    let warning = events.iter().rev().find_map(|e| match e {
        TimeEvent::Warning { minutes_left } => Some(*minutes_left),
        _ => None,
    });
    let time_up = events.contains(&TimeEvent::TimeUp) || plan.remaining(now).is_zero();
    let entered = events.iter().rev().find_map(|e| match e {
        TimeEvent::PhaseChange { phase } => Some(*phase),
        _ => None,
    });

    let mv = if time_up {
        Move::Close
    } else if let Some(phase) = entered {
        let probe = (phase == Phase::DeepDive)
            .then(|| next_hotspot(&input))
            .flatten()
            .cloned();
        Move::Transition { phase, probe }
    } else if !reveal.is_empty() || !unknown.is_empty() {
        // The candidate is clarifying: answer, and let them drive.
        Move::Continue
    } else if phase == Phase::WrapUp {
        Move::Continue
    } else if twist_due(&input, phase) {
        Move::Twist {
            text: question.twist.text.clone(),
        }
    } else {
        choose_pressure(&input, phase, last)
    };

    Notes {
        at: now,
        remaining: plan.remaining(now),
        phase,
        events: events.to_vec(),
        warning,
        reveal,
        unknown,
        credit: credit(analysis, last),
        mv,
        observations: observations(analysis, question, now),
    }
}

/// The first estimate and the first trade-off with a number are worth a word of credit: a real
/// interviewer signals that the bar was met before raising it.
fn credit(a: &Analysis, last: Option<&TurnSignals>) -> Option<String> {
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

fn twist_due(input: &SteeringInput<'_>, phase: Phase) -> bool {
    if phase != Phase::DeepDive || input.state.twist_sprung {
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

fn next_hotspot<'q>(input: &SteeringInput<'q>) -> Option<&'q Hotspot> {
    input
        .analysis
        .uncovered_hotspots(input.question)
        .into_iter()
        .find(|h| !input.state.probed.contains(&h.concern))
}

fn choose_pressure(input: &SteeringInput<'_>, phase: Phase, last: Option<&TurnSignals>) -> Move {
    let a = input.analysis;
    let st = input.state;
    let at = mmss(input.now);
    let allowed =
        |kind: PressureKind, max: u32| st.times(kind) < max && st.last_pressure != Some(kind);
    let press = |kind, component: Option<String>, probe: Option<Hotspot>, why: String| {
        Move::Press(Pressure {
            kind,
            component,
            probe,
            why,
        })
    };
    let empty = TurnSignals::default();
    let last = last.unwrap_or(&empty);
    let names: Vec<&str> = a.components.iter().map(|(c, _)| c.name.as_str()).collect();
    let new_component = last
        .components
        .iter()
        .find(|c| !st.asked_about.contains(&c.name))
        .map(|c| c.name.clone());
    let in_phase = st.turns_in_phase.get(&phase).copied().unwrap_or(0);
    let mid = input.level == Level::Mid;
    let senior_plus = matches!(input.level, Level::Staff | Level::Director);

    // 0. Stuck once the design is due (a few words, nothing designed, nothing asked): a hint where
    //    the persona and level allow one, before any pressure piles on.
    let stuck = last.words < 12
        && last.components.is_empty()
        && last.numbers.is_empty()
        && last.questions.is_empty()
        && last.vague.is_empty()
        && last.tradeoffs.is_empty()
        && last.concerns.is_empty();
    let hints = match input.hints {
        HintPolicy::None => false,
        HintPolicy::Light => mid,
        HintPolicy::Generous => true,
    };
    if stuck
        && hints
        && phase >= Phase::HighLevel
        && let Some(h) = next_hotspot(input)
    {
        return Move::Hint { probe: h.clone() };
    }
    // 1. Designing before asking: the classic fail, pressed like a real interviewer would.
    if a.first_clarification.is_none()
        && (phase == Phase::Clarify || (phase == Phase::HighLevel && in_phase <= 2))
        && allowed(PressureKind::NoClarification, 2)
    {
        let why = if names.is_empty() {
            format!(
                "{at} into the round the candidate has asked nothing about users, scale, latency or cost: press on requirements before letting them go on."
            )
        } else {
            format!(
                "{at} into the round the candidate has named {} but asked nothing about scale or latency: press on requirements before letting them go on.",
                join(&names)
            )
        };
        // The component lets the persona say "you've started with Kafka"; a silent candidate,
        // with none named, only hears the lines that presume nothing.
        let first = names.first().map(|s| s.to_string());
        return press(PressureKind::NoClarification, first, None, why);
    }

    // 2. Heavy machinery with no estimate behind it.
    if a.first_sizing.is_none()
        && let Some(heavy) = last.components.iter().find(|c| c.heavy)
        && allowed(PressureKind::Overengineering, 2)
    {
        let why = format!(
            "At {at} the candidate reached for {} without estimating the load it must carry: ask whether the numbers justify it.",
            heavy.name
        );
        return press(
            PressureKind::Overengineering,
            Some(heavy.name.clone()),
            None,
            why,
        );
    }

    // 3. Components without sizing.
    if phase >= Phase::HighLevel
        && a.first_sizing.is_none()
        && !names.is_empty()
        && allowed(PressureKind::NoSizing, if mid { 1 } else { 2 })
    {
        let why = format!(
            "{at}: the design has {} but no estimate of QPS, storage or hardware: ask for back-of-the-envelope numbers.",
            join(&names)
        );
        return press(
            PressureKind::NoSizing,
            names.first().map(|s| s.to_string()),
            None,
            why,
        );
    }

    // 4. Claims without numbers.
    if let Some(v) = last.vague.first()
        && allowed(PressureKind::VagueNumbers, 3)
    {
        let why = format!(
            "The candidate said \"{}\" with no number: ask for one.",
            v.quote
        );
        return press(PressureKind::VagueNumbers, None, None, why);
    }

    // 5. Staff and above: a trade-off without a number is not yet a trade-off.
    if senior_plus
        && !last.tradeoffs.is_empty()
        && last.quantified_tradeoffs.is_empty()
        && allowed(PressureKind::NoTradeoff, 3)
    {
        let why = format!(
            "At {at} the candidate weighed a trade-off with no number on it: at this level, ask what it costs in milliseconds or dollars."
        );
        return press(PressureKind::NoTradeoff, new_component.clone(), None, why);
    }

    // 6. Deep dive: the hotspots, one by one.
    if phase == Phase::DeepDive
        && let Some(h) = next_hotspot(input)
        && (!mid || st.probed.len() < 3)
    {
        let kind = if h.concern == Concern::PrivacySecurity {
            PressureKind::Security
        } else {
            PressureKind::AiConcern
        };
        let why = format!(
            "Deep dive, {at}: the candidate has not reached {} yet; probe it.",
            h.concern
        );
        return press(kind, None, Some(h.clone()), why);
    }

    // 7. A choice standing alone: ask why, then what it costs (the five whys).
    // (An estimate names hardware as a count, not as a choice: no "why GPUs?" after sizing.)
    if phase <= Phase::DeepDive
        && let Some(component) = new_component.clone()
        && last.tradeoffs.is_empty()
        && last.sizing.is_empty()
    {
        if last.justifications.is_empty() && allowed(PressureKind::Why, 4) {
            let why = format!("The candidate chose {component} without saying why: ask why.");
            return press(PressureKind::Why, Some(component), None, why);
        }
        if allowed(PressureKind::NoTradeoff, 3) {
            let why = format!(
                "The candidate chose {component} without naming an alternative or its cost: ask what they give up."
            );
            return press(PressureKind::NoTradeoff, Some(component), None, why);
        }
    }

    // 8. Latency and cost, once the design has a shape.
    let shaped = phase >= Phase::HighLevel && (in_phase >= 2 || phase > Phase::HighLevel);
    let director = input.level == Level::Director;
    if (shaped || director && phase >= Phase::HighLevel)
        && a.first_cost.is_none()
        && allowed(PressureKind::NoCost, 2)
    {
        let why = format!(
            "{at} in, the candidate has said nothing about cost: ask what it costs to run."
        );
        return press(PressureKind::NoCost, None, None, why);
    }
    if shaped && a.first_latency.is_none() && allowed(PressureKind::NoLatency, 2) {
        let why = format!(
            "{at} in, the candidate has said nothing about latency: ask for the budget per hop."
        );
        return press(PressureKind::NoLatency, None, None, why);
    }

    // 9. Security, touched briefly once the design stands.
    if phase >= Phase::DeepDive
        && !a.covered(Concern::PrivacySecurity)
        && allowed(PressureKind::Security, 1)
    {
        let probe = input.question.hotspot(Concern::PrivacySecurity).cloned();
        let why = format!("{at}: security and privacy not touched yet; ask briefly.");
        return press(PressureKind::Security, None, probe, why);
    }

    // 10. Trade-offs phase: insist on numbers on the trade-offs.
    if phase == Phase::Tradeoffs
        && a.first_quantified_tradeoff.is_none()
        && allowed(PressureKind::NoTradeoff, 4)
    {
        let component = names.last().map(|s| s.to_string());
        let why = "No trade-off so far has had a number on it: ask for one.".to_string();
        return press(PressureKind::NoTradeoff, component, None, why);
    }

    // 12. The company's signature probe.
    if allowed(PressureKind::Signature, 2) && phase >= Phase::HighLevel && last.sizing.is_empty() {
        let why = "Ask this company's signature question.".to_string();
        return press(PressureKind::Signature, None, None, why);
    }

    // 13. Keep going deep: any hotspot not probed yet, whatever the phase.
    if phase >= Phase::HighLevel
        && let Some(h) = next_hotspot(input)
    {
        let why = format!("{at}: {} not covered yet; probe it.", h.concern);
        return press(PressureKind::AiConcern, None, Some(h.clone()), why);
    }

    // 14. The five whys on the latest choice.
    if let Some(component) = names.iter().rev().find(|n| !st.asked_about.contains(**n))
        && allowed(PressureKind::Why, 6)
    {
        let why = format!("Ask why {component}, and what it depends on.");
        return press(PressureKind::Why, Some(component.to_string()), None, why);
    }
    if phase == Phase::Clarify {
        return Move::Continue;
    }
    let why = "Nothing specific missing: ask the signature question again.".to_string();
    press(PressureKind::Signature, None, None, why)
}

fn observations(a: &Analysis, q: &Question, now: Duration) -> Vec<String> {
    let mut out = Vec::new();
    let when = |m: Option<crate::analysis::Moment>| m.map_or("never".to_string(), |m| mmss(m.at));
    let topics: Vec<&str> = a.topics_asked.keys().map(|t| t.as_str()).collect();
    out.push(format!(
        "Round time {}. Requirements asked: {} (first at {}).",
        mmss(now),
        if topics.is_empty() {
            "none".into()
        } else {
            topics.join(", ")
        },
        when(a.first_clarification)
    ));
    out.push(format!(
        "Sizing estimate: {}. Numbers given: {}. Trade-offs weighed: first at {}, with a number: {}.",
        when(a.first_sizing),
        a.numbers,
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
    out
}

fn join(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests;
