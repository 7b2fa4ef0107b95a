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

fn at(min: u64, sec: u64) -> Duration {
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

struct Case {
    q: Question,
    plan: TimePlan,
    analysis: Analysis,
    state: SteeringState,
    level: Level,
    hints: HintPolicy,
}

impl Case {
    fn new() -> Self {
        Self {
            q: question(),
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

    fn steer(&self, now: Duration, since: Duration) -> Notes {
        let events = self.plan.events_between(since, now);
        steer(SteeringInput {
            question: &self.q,
            level: self.level,
            hints: self.hints,
            plan: &self.plan,
            now,
            events: &events,
            analysis: &self.analysis,
            state: &self.state,
        })
    }
}

fn pressure(notes: &Notes) -> &Pressure {
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
    c.say(turn(2, at(20, 30)));
    let notes = c.steer(at(20, 30), at(18, 0));
    match &notes.mv {
        Move::Transition { phase, probe } => {
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
        c.say(turn(2 * i + 2, at(m, 0)));
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
    c.say(t);
    c.say(turn(4, at(36, 0)));
    let notes = c.steer(at(37, 0), at(36, 30));
    assert_eq!(pressure(&notes).kind, PressureKind::Security);
}
