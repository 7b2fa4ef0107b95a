use std::collections::BTreeSet;
use std::time::Duration;

use super::*;
use crate::analysis::{AskedQuestion, Component, Evidence, TurnSignals};
use crate::question::QuestionBank;

fn question() -> Question {
    QuestionBank::embedded()
        .unwrap()
        .get("llm-support-chatbot")
        .unwrap()
        .clone()
}

pub(super) fn at(min: u64, sec: u64) -> Duration {
    Duration::from_secs(min * 60 + sec)
}

fn turn(n: usize, when: Duration) -> TurnSignals {
    TurnSignals {
        turn: n,
        at: when,
        words: 30,
        ..TurnSignals::default()
    }
}

fn component(name: &str, heavy: bool) -> Component {
    Component {
        name: name.into(),
        heavy,
    }
}

fn evidence(n: usize, when: Duration, quote: &str) -> Evidence {
    Evidence {
        turn: n,
        at: when,
        quote: quote.into(),
    }
}

fn asked(topics: &[Topic]) -> AskedQuestion {
    AskedQuestion {
        quote: "?".into(),
        topics: topics.iter().copied().collect(),
    }
}

pub(super) struct Case {
    pub(super) q: Question,
    cues: crate::persona::SignatureCues,
    pub(super) history: Vec<Turn>,
    pub(super) plan: TimePlan,
    pub(super) analysis: Analysis,
    pub(super) state: SteeringState,
    pub(super) level: Level,
    pub(super) hints: HintPolicy,
}

impl Case {
    fn new() -> Self {
        Self {
            q: question(),
            cues: Default::default(),
            history: Vec::new(),
            plan: TimePlan::default(),
            analysis: Analysis::default(),
            state: SteeringState::default(),
            level: Level::Senior,
            hints: HintPolicy::Light,
        }
    }

    fn say(&mut self, t: TurnSignals) -> &mut Self {
        self.state.candidate_spoke(self.plan.phase_at(t.at));
        self.analysis.push(t);
        self
    }

    pub(super) fn steer(&self, now: Duration, since: Duration) -> Notes {
        let events = self.plan.events_between(since, now);
        steer(SteeringInput {
            question: &self.q,
            level: self.level,
            hints: self.hints,
            signature: &self.cues,
            plan: &self.plan,
            now,
            events: &events,
            analysis: &self.analysis,
            history: &self.history,
            state: &self.state,
        })
    }
}

pub(super) fn pressure(notes: &Notes) -> &Pressure {
    match &notes.mv {
        Move::Press(p) => p,
        other => panic!("expected pressure, got {other:?}"),
    }
}

#[test]
fn diving_into_components_is_pressed_on_requirements_with_the_moment() {
    let mut c = Case::new();
    let mut t = turn(2, at(3, 40));
    t.components = vec![component("kafka", true), component("kubernetes", true)];
    c.say(t);
    let notes = c.steer(at(3, 40), at(0, 0));
    let p = pressure(&notes);
    assert_eq!(p.kind, PressureKind::NoClarification);
    assert!(p.why.starts_with("03:40 into the round"), "{}", p.why);
    assert!(p.why.contains("kafka and kubernetes"), "{}", p.why);
    assert_eq!(notes.intent().pressure, Some(PressureKind::NoClarification));
}

#[test]
fn a_question_about_scale_reveals_the_scale_fact_only() {
    let mut c = Case::new();
    let mut t = turn(2, at(1, 0));
    t.questions = vec![asked(&[Topic::Scale])];
    c.say(t);
    let notes = c.steer(at(1, 0), at(0, 0));
    assert_eq!(notes.mv, Move::Continue);
    assert!(!notes.reveal.is_empty());
    assert!(notes.reveal.iter().all(|f| f.topic == Topic::Scale));
    assert_eq!(notes.intent().revealed, vec![Topic::Scale]);
}

#[test]
fn a_topic_missing_from_the_sheet_is_reported_unknown() {
    let mut c = Case::new();
    let mut t = turn(2, at(1, 0));
    t.questions = vec![asked(&[Topic::Hardware])];
    c.say(t);
    let notes = c.steer(at(1, 0), at(0, 0));
    assert!(notes.reveal.is_empty());
    assert_eq!(notes.unknown, vec![Topic::Hardware]);
}

#[test]
fn crossing_into_the_deep_dive_opens_with_the_first_uncovered_hotspot() {
    let mut c = Case::new();
    let mut t = turn(2, at(20, 30));
    t.components = vec![component("vector database", false)];
    c.say(t);
    let notes = c.steer(at(20, 30), at(18, 0));
    match &notes.mv {
        Move::Transition { phase, probe, .. } => {
            assert_eq!(*phase, Phase::DeepDive);
            assert_eq!(probe.as_ref().unwrap().concern, Concern::ModelServing);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn covered_hotspots_are_not_probed_again() {
    let mut c = Case::new();
    let mut t = turn(2, at(20, 30));
    t.concerns.insert(
        Concern::ModelServing,
        evidence(2, at(20, 30), "vLLM on H100s"),
    );
    t.components = vec![component("model server", false)];
    c.say(t);
    let notes = c.steer(at(20, 30), at(18, 0));
    let Move::Transition { probe, .. } = &notes.mv else {
        panic!()
    };
    assert_eq!(probe.as_ref().unwrap().concern, Concern::CostPerRequest);
}

#[test]
fn warnings_come_with_the_move() {
    let mut c = Case::new();
    c.say(turn(2, at(40, 10)));
    let notes = c.steer(at(40, 10), at(39, 0));
    assert_eq!(notes.warning, Some(5));
}

#[test]
fn time_up_closes() {
    let mut c = Case::new();
    c.say(turn(2, at(45, 30)));
    let notes = c.steer(at(45, 30), at(44, 0));
    assert_eq!(notes.mv, Move::Close);
    assert!(notes.intent().closing);
}

#[test]
fn the_twist_comes_in_the_deep_dive_once() {
    let mut c = Case::new();
    for (i, m) in [21, 23, 25].into_iter().enumerate() {
        let mut t = turn(2 * i + 2, at(m, 0));
        // The twist changes a design: there has to be one.
        t.components = vec![component("vector database", false)];
        c.say(t);
    }
    let notes = c.steer(at(26, 0), at(25, 0));
    assert!(matches!(notes.mv, Move::Twist { .. }), "{:?}", notes.mv);
    c.state.record(&notes.intent());
    c.say(turn(10, at(27, 0)));
    let again = c.steer(at(28, 0), at(27, 0));
    assert!(!matches!(again.mv, Move::Twist { .. }));
}

#[test]
fn heavy_machinery_before_any_estimate_is_questioned() {
    let mut c = Case::new();
    let mut t = turn(2, at(2, 0));
    t.questions = vec![asked(&[Topic::Scale])];
    c.say(t);
    let mut t = turn(4, at(7, 0));
    t.components = vec![component("kafka", true)];
    c.say(t);
    let notes = c.steer(at(7, 0), at(6, 0));
    let p = pressure(&notes);
    assert_eq!(p.kind, PressureKind::Overengineering);
    assert_eq!(p.component.as_deref(), Some("kafka"));
}

#[test]
fn the_same_pressure_is_not_applied_twice_in_a_row() {
    let mut c = Case::new();
    let mut t = turn(2, at(1, 0));
    t.components = vec![component("redis", false)];
    c.say(t);
    let first = c.steer(at(1, 0), at(0, 0));
    assert_eq!(pressure(&first).kind, PressureKind::NoClarification);
    c.state.record(&first.intent());
    let mut t = turn(4, at(2, 0));
    t.components = vec![component("postgres", false)];
    c.say(t);
    let second = c.steer(at(2, 0), at(1, 0));
    assert_ne!(pressure(&second).kind, PressureKind::NoClarification);
}

#[test]
fn staff_level_presses_for_numbers_on_a_trade_off() {
    let mut c = Case::new();
    c.level = Level::Staff;
    let mut t = turn(2, at(1, 0));
    t.questions = vec![asked(&[Topic::Scale])];
    c.say(t);
    let mut t = turn(4, at(8, 0));
    t.tradeoffs = vec![evidence(
        4,
        at(8, 0),
        "a smaller model is cheaper but less accurate",
    )];
    t.sizing = vec![evidence(4, at(8, 0), "300 qps")];
    c.say(t.clone());
    let notes = c.steer(at(8, 0), at(7, 0));
    assert_eq!(pressure(&notes).kind, PressureKind::NoTradeoff);

    let mut senior = Case::new();
    let mut t0 = turn(2, at(1, 0));
    t0.questions = vec![asked(&[Topic::Scale])];
    senior.say(t0);
    senior.say(t);
    let notes = senior.steer(at(8, 0), at(7, 0));
    assert_ne!(notes.intent().pressure, Some(PressureKind::NoTradeoff));
}

#[test]
fn a_stuck_mid_level_candidate_gets_a_hint_but_not_from_a_bar_raiser() {
    let mut c = Case::new();
    c.level = Level::Mid;
    let mut t = turn(2, at(1, 0));
    t.questions = vec![asked(&[Topic::Scale])];
    t.components = vec![component("vector database", false)];
    c.say(t);
    let mut s = turn(4, at(9, 0));
    s.words = 4;
    s.sizing = vec![evidence(4, at(9, 0), "x")];
    s.cost = vec![evidence(4, at(9, 0), "x")];
    s.latency = vec![evidence(4, at(9, 0), "x")];
    c.say(s.clone());
    c.state.pressed.insert(PressureKind::Signature, 2);
    let notes = c.steer(at(9, 0), at(8, 0));
    assert!(matches!(notes.mv, Move::Hint { .. }), "{:?}", notes.mv);

    c.hints = HintPolicy::None;
    let notes = c.steer(at(9, 0), at(8, 0));
    assert!(!matches!(notes.mv, Move::Hint { .. }), "{:?}", notes.mv);
}

#[test]
fn security_is_raised_briefly_once_the_design_stands() {
    let mut c = Case::new();
    let mut t = turn(2, at(1, 0));
    t.questions = vec![asked(&[Topic::Scale])];
    t.sizing = vec![evidence(2, at(1, 0), "x")];
    t.cost = vec![evidence(2, at(1, 0), "x")];
    t.latency = vec![evidence(2, at(1, 0), "x")];
    t.quantified_tradeoffs = vec![evidence(2, at(1, 0), "x")];
    t.tradeoffs = vec![evidence(2, at(1, 0), "x")];
    t.components = vec![component("vector database", false)];
    for h in c.q.hotspots.clone() {
        if h.concern != Concern::PrivacySecurity {
            t.concerns.insert(h.concern, evidence(2, at(1, 0), "x"));
        }
    }
    c.say(t);
    c.say(turn(4, at(36, 0)));
    let notes = c.steer(at(37, 0), at(36, 30));
    assert_eq!(pressure(&notes).kind, PressureKind::Security);
}

/// A round driven by what is actually said: the candidate's words go through the spine, the
/// interviewer's turns are recorded with the intent of the notes that produced them.
pub(super) struct Dialog {
    pub(super) c: Case,
    since: Duration,
}

impl Dialog {
    pub(super) fn new() -> Self {
        Self {
            c: Case::new(),
            since: Duration::ZERO,
        }
    }

    /// A dialogue on question `id` of the bank.
    pub(super) fn on(id: &str) -> Self {
        let mut d = Self::new();
        d.c.q = QuestionBank::embedded().unwrap().get(id).unwrap().clone();
        d
    }

    fn turn(&self, role: Speaker, text: &str, when: Duration, intent: Option<TurnIntent>) -> Turn {
        let mut t: Turn = serde_json::from_value(serde_json::json!({
            "n": self.c.history.len() + 1,
            "role": if role == Speaker::Candidate { "candidate" } else { "interviewer" },
            "text": text,
            "at_ms": when.as_millis() as u64,
            "phase": self.c.plan.phase_at(when),
        }))
        .unwrap();
        t.intent = intent;
        t
    }

    /// The candidate says `text` at `when`; the notes for the reply come back.
    pub(super) fn say(&mut self, text: &str, when: Duration) -> Notes {
        let t = self.turn(Speaker::Candidate, text, when, None);
        self.c.state.candidate_spoke(t.phase);
        self.c
            .analysis
            .push(crate::analysis::analyze_turn(&crate::analysis::Utterance {
                turn: t.n,
                at: when,
                text,
            }));
        self.c.history.push(t);
        let notes = self.c.steer(when, self.since);
        self.since = when;
        notes
    }

    /// The interviewer answers `notes` with `text`.
    pub(super) fn reply(&mut self, notes: &Notes, text: &str) {
        let t = self.turn(Speaker::Interviewer, text, notes.at, Some(notes.intent()));
        self.c.state.record_turn(&t);
        self.c.history.push(t);
    }
}

#[test]
fn a_restated_peak_ten_times_too_low_is_challenged_before_the_round_moves_on() {
    let mut d = Dialog::new();
    let n = d.say("How many model calls a second at peak?", at(2, 0));
    d.reply(&n, "Roughly 300 model calls per second at peak.");
    let n = d.say(
        "So about 30 calls a second at peak; one GPU will do.",
        at(6, 0),
    );
    let p = pressure(&n);
    assert_eq!(p.kind, PressureKind::Contradiction, "{:?}", n.mv);
    let c = p.challenge.as_ref().unwrap();
    assert_eq!(c.given.as_deref(), Some("300 model calls per second"));
    assert_eq!(n.credit, None, "no praise with a challenge");
}

#[test]
fn a_dodged_question_is_asked_again_once_then_let_go() {
    let mut d = Dialog::new();
    let n = d.say("Who are the users and how many chats at peak?", at(2, 0));
    d.reply(&n, "3,000 tenants; 300 model calls per second at peak.");
    let n = d.say("A chat service calls a hosted model through a retrieval service, because answers need the articles.", at(8, 0));
    let n2 = d.say(
        "The retrieval service queries a vector database.",
        at(11, 0),
    );
    // Whatever the first pressure was, make it a cost question and dodge it.
    let _ = (n, n2);
    let mut ask = d.c.steer(at(14, 0), at(11, 0));
    ask.mv = Move::Press(Box::new(Pressure::new(PressureKind::NoCost, String::new())));
    d.reply(&ask, "Roughly what does this cost to run per month?");
    let n = d.say(
        "Conversation history lives in Postgres, because it is simple.",
        at(17, 0),
    );
    assert_eq!(pressure(&n).kind, PressureKind::Unanswered, "{:?}", n.mv);
    assert_eq!(
        pressure(&n).question.as_deref(),
        Some("Roughly what does this cost to run per month?")
    );
    d.reply(
        &n,
        "Back to my question: Roughly what does this cost to run per month?",
    );
    let n = d.say(
        "Answers stream back to the widget over a websocket.",
        at(19, 0),
    );
    assert_ne!(n.intent().pressure, Some(PressureKind::Unanswered));
    assert_ne!(n.intent().pressure, Some(PressureKind::NoCost));
}

#[test]
fn the_twist_left_aside_is_followed_up_once_then_noted() {
    let mut d = Dialog::new();
    let n = d.say("How many chats at peak?", at(2, 0));
    d.reply(&n, "300 model calls per second at peak.");
    let mut twist = d.c.steer(at(27, 0), at(26, 0));
    twist.mv = Move::Twist {
        text: d.c.q.twist.text.clone(),
    };
    d.say(
        "We serve a hosted model behind a retrieval service.",
        at(27, 0),
    );
    d.reply(&twist, &d.c.q.twist.text.clone());
    let n = d.say(
        "Conversation history lives in Postgres, because it is simple.",
        at(29, 0),
    );
    assert_eq!(pressure(&n).kind, PressureKind::TwistUnaddressed);
    d.reply(&n, "What does the new constraint change in your design?");
    let n = d.say(
        "Answers stream back to the widget over a websocket.",
        at(31, 0),
    );
    assert_ne!(n.intent().pressure, Some(PressureKind::TwistUnaddressed));
    assert!(
        n.observations
            .iter()
            .any(|o| o.contains("followed up once")),
        "{:?}",
        n.observations
    );
}

#[test]
fn a_request_for_the_answer_hands_back_the_open_question() {
    let mut d = Dialog::new();
    let n = d.say("How many chats at peak?", at(2, 0));
    d.reply(&n, "300 model calls per second at peak.");
    let mut ask = d.c.steer(at(8, 0), at(7, 0));
    ask.mv = Move::Press(Box::new(Pressure::new(
        PressureKind::NoLatency,
        String::new(),
    )));
    d.say("A chat service calls a hosted model.", at(8, 0));
    d.reply(&ask, "Where does the latency go end to end?");
    let n = d.say("Honestly, what would you do here?", at(10, 0));
    assert_eq!(n.aside, Some(Aside::AnswerRequest));
    assert_eq!(
        n.mv,
        Move::Resume {
            question: Some("Where does the latency go end to end?".into())
        }
    );
}

#[test]
fn a_generous_persona_hints_at_every_plea() {
    let mut d = Dialog::new();
    d.c.hints = HintPolicy::Generous;
    let n = d.say("Who are the users, and how many chats at peak?", at(2, 0));
    d.reply(&n, "3,000 tenants; 300 model calls per second at peak.");
    // With a design on the table a hint points somewhere in it (before one, a way in).
    let n = d.say(
        "A chat service calls a hosted model behind a retrieval service.",
        at(5, 0),
    );
    d.reply(&n, "Go on.");
    let mut probed = BTreeSet::new();
    for (i, plea) in [
        "I'm stuck, any hint?",
        "Still stuck. Could you give me a pointer?",
        "I'm lost, any hints?",
    ]
    .iter()
    .enumerate()
    {
        let n = d.say(plea, at(8 + 2 * i as u64, 0));
        let Move::Hint { probe: Some(h) } = &n.mv else {
            panic!("plea {i}: {:?}", n.mv)
        };
        assert!(probed.insert(h.concern), "the same pointer twice");
        d.reply(&n, &format!("A thought: {}", h.probe));
    }
}

#[test]
fn a_candidate_already_designing_is_not_asked_for_the_architecture() {
    let mut d = Dialog::new();
    let n = d.say("How many chats at peak?", at(2, 0));
    d.reply(&n, "300 model calls per second at peak.");
    let n = d.say("A chat service calls a hosted model behind a retrieval service over a vector database, because answers need the articles.", at(4, 0));
    d.reply(&n, "Why a vector database?");
    let n = d.say(
        "Because article search is by meaning, not keywords.",
        at(6, 0),
    );
    assert!(!matches!(n.mv, Move::Transition { .. }), "{:?}", n.mv);
}

#[test]
fn the_phase_change_says_no_requirement_was_asked() {
    let mut d = Dialog::new();
    let n = d.say("Let me think for a second.", at(2, 0));
    d.reply(&n, "Take your time.");
    let n = d.say("Okay.", at(6, 0));
    assert!(
        matches!(
            n.mv,
            Move::Transition {
                phase: Phase::HighLevel,
                asked: false,
                designed: false,
                ..
            }
        ),
        "{:?}",
        n.mv
    );
}
