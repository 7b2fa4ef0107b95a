//! Steering: turns the analysis of the candidate's words, the clock, the dialogue so far and what
//! the interviewer has already done into this turn's notes. Both interviewers follow the same
//! notes: the offline engine speaks them in the persona's words, the model reads them as
//! instructions.
//!
//! The dialogue state ([`dialogue`]) holds the interviewer's open question and what would answer
//! it, the facts given (the candidate's figures are held against them) and the twist; every
//! kind of candidate turn gets a fitting answer ([`listen`]); nothing carries a hidden figure
//! early ([`leak`]). Pure: no I/O, no randomness, no model.

pub mod challenge;
pub mod dialogue;
pub mod leak;
pub mod listen;
mod moves;
pub mod naming;
mod observe;
mod pressure;
mod sums;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use serde::Serialize;

use crate::analysis::{Analysis, TurnSignals, listening};
use crate::clock::{Phase, TimeEvent, TimePlan};
use crate::persona::{HintPolicy, PressureKind, SignatureCues};
use crate::question::{Concern, Fact, Hotspot, Level, Question, Topic};
use crate::transcript::{Speaker, Turn, TurnIntent};

pub use challenge::Challenge;
pub use dialogue::{Expect, OpenQuestion};
pub use listen::Aside;
use moves::{
    challenge, direction, follow_up, hint, open_status, respond, return_to, transition, twist_due,
};
use observe::{covered, credit, follows_up, observations};

/// What the interviewer presses on this turn, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pressure {
    /// The kind of pressure.
    pub kind: PressureKind,
    /// The component it is about, when there is one (canonical name, as the candidate named it).
    pub component: Option<String>,
    /// The hotspot probed, for [`PressureKind::AiConcern`] and security.
    pub probe: Option<Hotspot>,
    /// The reason, as a note to the interviewer ("03:40 into the round ...").
    pub why: String,
    /// The candidate's words it is about (a vague claim).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The figure that does not hold, for [`PressureKind::Contradiction`] and
    /// [`PressureKind::Arithmetic`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub challenge: Option<Challenge>,
    /// The question to ask again, for [`PressureKind::Unanswered`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The hotspot this pressure takes up in the persona's own words (asking what it costs to
    /// run takes up cost per request), so it is not probed again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub covers: Option<Concern>,
}

impl Pressure {
    /// A pressure of `kind` with its reason and nothing else.
    pub fn new(kind: PressureKind, why: String) -> Self {
        Self {
            kind,
            component: None,
            probe: None,
            why,
            quote: None,
            challenge: None,
            question: None,
            covers: None,
        }
    }
}

/// The one thing the interviewer moves the round on with this turn (one question at a time).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "move", rename_all = "kebab-case")]
pub enum Move {
    /// Time is up: close the round.
    Close,
    /// A phase began: move the round on, saying what actually happened.
    Transition {
        /// The phase entered.
        phase: Phase,
        /// The probe to open the deep dive with.
        probe: Option<Hotspot>,
        /// Whether the candidate asked any requirement question.
        asked: bool,
        /// Whether anything has been designed.
        designed: bool,
    },
    /// Spring the question's mid-round twist.
    Twist {
        /// The twist.
        text: String,
    },
    /// Press on something missing or wrong.
    Press(Box<Pressure>),
    /// The candidate is stuck or asked for help: point at an area without giving the answer
    /// (the requirements when `probe` is `None`).
    Hint {
        /// Where to point.
        probe: Option<Hotspot>,
    },
    /// The candidate is stuck with nothing designed: give a way in (walk one request through,
    /// step by step), not a question on some other hard area.
    Scaffold,
    /// After an aside (a question about the interview, a plea declined, a story): hand the floor
    /// back, with the open question when there is one.
    Resume {
        /// The interviewer's open question, to ask again.
        question: Option<String>,
    },
    /// Nothing to press: let the candidate go on.
    Continue,
}

/// The open question as the model reads it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenNote {
    /// The question as asked.
    pub question: String,
    /// What would answer it, in words.
    pub expects: String,
    /// Whether the candidate's turns since have answered it.
    pub answered: bool,
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
    /// A question about the problem that no topic of the sheet covers ("what's the goal?"):
    /// open, for the candidate to assume.
    pub unknown_question: Option<String>,
    /// An aside in the candidate's turn that needs its own answer.
    pub aside: Option<Aside>,
    /// How to move the round on.
    #[serde(rename = "next")]
    pub mv: Move,
    /// Something the candidate's last turn did well, to acknowledge briefly before moving on.
    pub credit: Option<String>,
    /// The interviewer's open question, if one is waiting.
    pub open: Option<OpenNote>,
    /// What has been answered or covered already: not to be asked again.
    pub covered: Vec<String>,
    /// What the analysis has seen so far, one line each, for the model.
    pub observations: Vec<String>,
}

/// Whether the round's time is up: the time-up mark was crossed, or nothing is left.
fn clock_ran_out(events: &[TimeEvent], remaining: Duration) -> bool {
    events.contains(&TimeEvent::TimeUp) || remaining.is_zero()
}

impl Notes {
    /// Whether these notes were written with the round's time up (a close for any other reason,
    /// such as a candidate who said they were done, is not).
    pub fn clock_ran_out(&self) -> bool {
        clock_ran_out(&self.events, self.remaining)
    }

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
                intent.probe = p.probe.as_ref().map(|h| h.concern).or(p.covers);
            }
            // A pointer towards the requirements presses on them, in kinder words.
            Move::Hint { probe: None } => intent.pressure = Some(PressureKind::NoClarification),
            Move::Hint { probe: Some(h) } => intent.probe = Some(h.concern),
            Move::Resume { .. } | Move::Continue | Move::Scaffold => {}
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
    /// The interviewer turn that sprang the twist.
    pub twist_turn: Option<usize>,
    /// The last pressure applied, to avoid pressing the same way twice in a row.
    pub last_pressure: Option<PressureKind>,
    /// Candidate turns per phase.
    pub turns_in_phase: BTreeMap<Phase, u32>,
    /// The interviewer's question still waiting for an answer.
    pub open: Option<OpenQuestion>,
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

    /// Records an interviewer turn: what it did, and the question it left open.
    pub fn record_turn(&mut self, turn: &Turn) {
        let Some(intent) = &turn.intent else {
            return;
        };
        self.record(intent);
        if intent.twist {
            self.twist_turn = Some(turn.n);
        }
        // Asked again (a return, or put again after an aside) counts as pressing it again.
        let before = self.open.as_ref().map(|o| (o.turn, o.returned));
        dialogue::on_interviewer_turn(&mut self.open, turn);
        if let Some(o) = &self.open
            && before == Some((o.turn, false))
            && o.returned
            && let Some(kind) = dialogue::pressed_by(o.expects)
        {
            *self.pressed.entry(kind).or_default() += 1;
        }
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
    /// What calls for the persona's signature question.
    pub signature: &'a SignatureCues,
    /// The round's plan.
    pub plan: &'a TimePlan,
    /// Round time now.
    pub now: Duration,
    /// Time events crossed since the last turn.
    pub events: &'a [TimeEvent],
    /// The analysis of every candidate turn so far (the last one included).
    pub analysis: &'a Analysis,
    /// Every turn so far, the candidate's latest last.
    pub history: &'a [Turn],
    /// What the interviewer has done so far.
    pub state: &'a SteeringState,
}

/// What steering derives once per turn and every rule reads.
struct Heard<'a> {
    input: SteeringInput<'a>,
    phase: Phase,
    /// The candidate's last turn: signals and text.
    last: Option<&'a TurnSignals>,
    text: &'a str,
    /// What may be said with figures in it.
    known: leak::Known<'a>,
}

impl Heard<'_> {
    /// The first hotspot neither covered nor probed whose probe can be said without leaking (cut
    /// down to what can be said).
    fn next_hotspot(&self) -> Option<Hotspot> {
        // A turn that took up the probe's own subject ("retrieval filters by tenant") answered
        // it already, whether or not the spine named the concern.
        let said: Vec<&str> = self
            .input
            .history
            .iter()
            .filter(|t| t.role == Speaker::Candidate)
            .map(|t| t.text.as_str())
            .collect();
        self.input
            .analysis
            .uncovered_hotspots(self.input.question)
            .into_iter()
            .filter(|h| !self.input.state.probed.contains(&h.concern))
            .filter(|h| {
                !said.iter().any(|t| {
                    dialogue::takes_up(&h.probe, t)
                        || listening::concerns_in_other_words(t).contains(&h.concern)
                })
            })
            .find_map(|h| {
                leak::sanitize(&h.probe, &self.known).map(|probe| Hotspot {
                    concern: h.concern,
                    probe,
                })
            })
    }
}

impl Heard<'_> {
    /// Whether the candidate has put a number on the load: an estimate the spine heard, or a rate
    /// or a head count stated as an assumption ("I assume 10 thousand payments a second").
    fn sized(&self) -> bool {
        let a = self.input.analysis;
        a.first_sizing.is_some()
            || a.turns.iter().flat_map(|t| &t.figures).any(|f| {
                matches!(
                    f.quantity.kind,
                    crate::analysis::QuantityKind::Rate | crate::analysis::QuantityKind::Population
                )
            })
    }

    /// Whether anything has been designed so far, in the spine's reading or in plain words.
    fn designed(&self) -> bool {
        designed(self.input.analysis, self.input.history)
    }

    /// The next hotspot, preferring one about what the candidate's last turn named ("a hint on
    /// the permissions side" points at the permissions probe).
    fn next_hotspot_about(&self, text: &str) -> Option<Hotspot> {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 5)
            .map(str::to_lowercase)
            .collect();
        let mut state = self.input.state.clone();
        let mut best: Option<(usize, Hotspot)> = None;
        // Walk the hotspots in order, as `next_hotspot` would offer them one by one.
        for _ in 0..8 {
            let Some(h) = Heard {
                input: SteeringInput {
                    state: &state,
                    ..self.input
                },
                phase: self.phase,
                last: self.last,
                text: self.text,
                known: self.known.clone(),
            }
            .next_hotspot() else {
                break;
            };
            let probe = h.probe.to_lowercase();
            // "vectors" finds "vector search", "retrieval" finds "retrieve".
            let score = words
                .iter()
                .filter(|w| probe.contains(&w.chars().take(6).collect::<String>()))
                .count();
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, h.clone()));
            }
            state.probed.insert(h.concern);
        }
        best.map(|(_, h)| h)
    }
}

/// Decides this turn's notes.
pub fn steer(input: SteeringInput<'_>) -> Notes {
    let SteeringInput {
        question,
        plan,
        now,
        events,
        analysis,
        state,
        ..
    } = input;
    let phase = plan.phase_at(now);
    let last = analysis.last();
    let text = last
        .and_then(|l| {
            input
                .history
                .iter()
                .rev()
                .find(|t| t.n == l.turn && t.role == Speaker::Candidate)
        })
        .map_or("", |t| t.text.as_str());
    let asked = last.map(asked_topics).unwrap_or_default();
    // A topic already answered is not read out again when it rides along with a new one; asked on
    // its own, it is answered again, as a person would.
    let fresh: BTreeSet<Topic> = asked
        .iter()
        .copied()
        .filter(|t| !state.revealed.contains(t))
        .collect();
    let answer_topics = if fresh.is_empty() { &asked } else { &fresh };
    // Each fact once, though two topics asked may lead to it ("how fresh?" falls back to the
    // data fact that "how big is the catalogue?" also asked for).
    let mut reveal: Vec<Fact> = Vec::new();
    for f in answer_topics.iter().flat_map(|t| question.facts_on(*t)) {
        if !reveal.iter().any(|r| r.answer == f.answer) {
            reveal.push(f.clone());
        }
    }
    let unknown: Vec<Topic> = asked
        .iter()
        .copied()
        .filter(|t| question.facts_on(*t).next().is_none())
        .collect();
    // A warning says what is left when it is spoken, not when it was crossed: a turn on a
    // virtual clock can carry the round past the mark (crossed at 5, spoken at 3 left).
    let warning = events
        .iter()
        .rev()
        .find_map(|e| match e {
            TimeEvent::Warning { minutes_left } => Some(*minutes_left),
            _ => None,
        })
        .map(|crossed| minutes_left_now(plan.remaining(now)).min(crossed))
        // Under two minutes left, "about 1 minutes" helps nobody: the wrap-up says it.
        .filter(|m| *m >= 2);
    let time_up = clock_ran_out(events, plan.remaining(now));
    let entered = events.iter().rev().find_map(|e| match e {
        TimeEvent::PhaseChange { phase } => Some(*phase),
        _ => None,
    });

    let mut revealed = state.revealed.clone();
    revealed.extend(reveal.iter().map(|f| f.topic));
    let said: Vec<_> = analysis
        .turns
        .iter()
        .flat_map(|t| t.figures.iter().map(|f| f.quantity.clone()))
        .collect();
    let mut known = leak::Known::new(question, revealed, &said);
    if state.twist_sprung {
        known = known.with_text(&question.twist.text);
    }
    let heard = Heard {
        input,
        phase,
        last,
        text,
        known,
    };
    let off_sheet = last.and_then(listen::off_sheet);
    // Asked to decide for them: handed back, like a request for the answer.
    let decide = matches!(off_sheet, Some(listen::OffSheet::Decision(_)));
    // "That's all I have" with time left: the interviewer picks where to go next; in the last
    // minutes, it closes the round.
    let done = !time_up && last.is_some_and(|l| listen::says_done(l, text));
    let close_early = done
        && (phase >= Phase::WrapUp || plan.remaining(now) <= std::time::Duration::from_secs(300));
    let time_up = time_up || close_early;
    let aside = if time_up {
        None
    } else if done {
        Some(Aside::Direction)
    } else {
        last.and_then(|l| listen::aside_in(l, text))
            .or(decide.then_some(Aside::AnswerRequest))
    };
    // A question left over beside revealed facts, or inside a plea ("what would you do: start
    // with the index or the permissions?"), is not "open, assume something": the facts or the
    // answer to the plea answer the turn.
    let unknown_question = match off_sheet {
        Some(listen::OffSheet::Open(q))
            if reveal.is_empty()
                && !matches!(
                    aside,
                    Some(Aside::AnswerRequest | Aside::Stuck | Aside::Check | Aside::Clarify)
                ) =>
        {
            Some(q)
        }
        _ => None,
    };
    let open = open_status(&heard);
    // A turn that answers our question is an answer, whatever else the reader heard in it ("I
    // read about that", "that's like customer engagement"): no "stories later".
    let answers_us = open.as_ref().is_some_and(|o| {
        last.is_some_and(|l| {
            dialogue::answers(&o.question, l, text, &question.twist.text)
                && l.turn > o.question.turn
        })
    });
    let aside = aside.filter(|a| {
        !(answers_us && matches!(a, Aside::Anecdote | Aside::MetaOther) && !text.contains('?'))
    });

    // A figure that does not hold is pressed before the round moves on: the phase change is
    // recorded all the same, and the next turn goes on in the new phase.
    let challenge = if time_up { None } else { challenge(&heard) };
    // What the last turn itself calls for (a claim with no number, the company's own concern)
    // comes before announcing the design phase to a candidate who is already in it.
    let claim = || {
        pressure::vague_claim(&heard)
            .or_else(|| pressure::signature_cue(&heard))
            .or_else(|| pressure::dismissal(&heard))
    };
    let hint = aside.and_then(|a| hint(&heard, a));
    let mv = if time_up {
        Move::Close
    } else if let Some(c) = challenge {
        c
    } else if aside == Some(Aside::Direction) {
        direction(&heard)
    } else if aside == Some(Aside::Clarify) {
        // Asked what we meant: that comes before moving the round on.
        respond(&heard, Aside::Clarify, open.as_ref())
    } else if let Some(h) = hint {
        h
    } else if let Some(m) = (entered == Some(Phase::HighLevel) && aside.is_none())
        .then(claim)
        .flatten()
    {
        m
    } else if let Some(t) = entered.and_then(|p| transition(&heard, p)) {
        t
    } else if !reveal.is_empty() || !unknown.is_empty() || unknown_question.is_some() {
        // The candidate is clarifying: answer, and let them drive.
        Move::Continue
    } else if let Some(a) = aside {
        respond(&heard, a, open.as_ref())
    } else if phase == Phase::WrapUp {
        Move::Continue
    } else if let Some(m) = follow_up(&heard) {
        m
    } else if twist_due(&input, phase) {
        // Once due, the twist comes next: a claim or a dodged question can wait a turn.
        Move::Twist {
            text: question.twist.text.clone(),
        }
    } else if let Some(m) = claim() {
        m
    } else if let Some(m) = return_to(&heard, open.as_ref()) {
        m
    } else {
        pressure::choose(&heard)
    };

    Notes {
        at: now,
        remaining: plan.remaining(now),
        phase,
        events: events.to_vec(),
        warning,
        reveal,
        unknown,
        unknown_question,
        aside,
        // No praise in the breath that says a figure is wrong or a question went unanswered.
        credit: credit(analysis, last).filter(|_| !follows_up(&mv)),
        mv,
        open: open.map(|o| OpenNote {
            question: o.question.text.clone(),
            expects: o.question.expects.describe(),
            answered: o.answered,
        }),
        covered: covered(analysis, state),
        observations: observations(&heard),
    }
}

/// The requirement topics a turn asks about, in the spine's reading and in other words it does
/// not carry yet.
fn asked_topics(t: &TurnSignals) -> BTreeSet<Topic> {
    // "What do you think about real-time training?" asks for an opinion, not for latency.
    // Only what is put to the interviewer asks: a statement the spine heard as a question, a
    // tentative answer ("maybe a thumbs up?") or a check ("is that the range you expect?") does
    // not.
    let mut out: BTreeSet<Topic> = t
        .questions
        .iter()
        .filter(|q| listen::put_to_the_interviewer(&q.quote))
        .filter(|q| listen::aside_question(&q.quote).is_none())
        .filter(|q| !listen::asks_opinion(&q.quote))
        .flat_map(|q| q.topics.iter().copied())
        .collect();
    for q in t
        .questions
        .iter()
        .filter(|q| q.topics.is_empty() && listen::put_to_the_interviewer(&q.quote))
        .filter(|q| listen::aside_question(&q.quote).is_none())
    {
        out.extend(listening::topics_in_other_words(&q.quote));
    }
    out
}

/// Whether the candidate has designed anything: components the reader knows, parts named in
/// plain words, or design talk of any kind (a concern taken up with substance, a trade-off, a
/// reason for a choice: "every chunk carries its ACL and we re-check it at query time").
pub(crate) fn designed(analysis: &Analysis, history: &[Turn]) -> bool {
    !analysis.components.is_empty()
        || listen::names_parts(history)
        || analysis.turns.iter().any(|t| {
            !t.concerns.is_empty() || !t.tradeoffs.is_empty() || !t.justifications.is_empty()
        })
}

/// Whole minutes left as a person reads a clock (2:40 left is "about 3 minutes"), at least 1.
fn minutes_left_now(remaining: Duration) -> u32 {
    ((remaining.as_secs_f64() / 60.0).round() as u32).max(1)
}

fn join(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod heard_tests;

/// One candidate turn as the spine reads it, at turn 3, ten minutes in (for unit tests).
#[cfg(test)]
fn heard(text: &str) -> crate::analysis::TurnSignals {
    crate::analysis::analyze_turn(&crate::analysis::Utterance {
        turn: 3,
        at: std::time::Duration::from_secs(600),
        text,
    })
}
#[cfg(test)]
mod tests;
