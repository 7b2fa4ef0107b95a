use std::time::Duration;

use super::*;
use crate::analysis::{Analysis, Utterance};
use crate::evals::models::Spend;
use crate::evals::scope::Scope;
use crate::llm::scripted::ScriptedModel;
use crate::persona::PersonaSet;
use crate::question::{Level, QuestionBank};
use crate::transcript::{Speaker, TurnIntent};

fn setup() -> RoundSetup {
    let personas = PersonaSet::embedded().unwrap();
    let persona = personas.get("google").unwrap().clone();
    let question = QuestionBank::embedded()
        .unwrap()
        .get("url-shortener")
        .unwrap()
        .clone();
    RoundSetup {
        plan: persona.time_plan.clone(),
        persona,
        question,
        level: Level::Senior,
    }
}

/// A round from (role, minute, text, intent) lines, numbered in order.
fn record(lines: &[(Speaker, u64, &str, Option<TurnIntent>)]) -> RunRecord {
    let plan = setup().plan;
    let turns: Vec<Turn> = lines
        .iter()
        .enumerate()
        .map(|(i, (role, min, text, intent))| {
            let at = Duration::from_secs(min * 60);
            Turn {
                n: i + 1,
                role: *role,
                text: text.to_string(),
                at,
                phase: plan.phase_at(at),
                tokens: None,
                latency_ms: None,
                partial: None,
                intent: intent
                    .clone()
                    .or_else(|| (*role == Speaker::Interviewer).then(TurnIntent::default)),
                reasoning: None,
                guard: None,
            }
        })
        .collect();
    let analysis = Analysis::of(
        turns
            .iter()
            .filter(|t| t.role == Speaker::Candidate)
            .map(|t| Utterance {
                turn: t.n,
                at: t.at,
                text: &t.text,
            }),
    );
    RunRecord {
        repeat: 0,
        seed: 1,
        events: turns.iter().cloned().map(Event::Turn).collect(),
        turns,
        analysis,
        ended: None,
        error: None,
        usage: Spend::default(),
        harness: Duration::ZERO,
        engine: Duration::ZERO,
    }
}

fn check(check: Check, scope: Scope, rec: &RunRecord) -> Verdict {
    check_with(check, scope, rec, None)
}

fn check_with(
    check: Check,
    scope: Scope,
    rec: &RunRecord,
    model: Option<&dyn ChatModel>,
) -> Verdict {
    let setup = setup();
    let others = vec![
        ("Amazon".to_string(), "Dana".to_string()),
        ("Google".to_string(), "Maya".to_string()),
    ];
    let critique = crate::evals::critique::Verdicts::Unavailable("none".into());
    let ctx = Context {
        setup: &setup,
        record: rec,
        others: &others,
        model,
        budget: None,
        critique: &critique,
    };
    let a = Assertion {
        name: "a".into(),
        scope,
        min_pass_rate: 0.5,
        check,
    };
    futures::executor::block_on(evaluate(&a, &ctx))
}

fn interviewer() -> Scope {
    Scope::of(Speaker::Interviewer)
}

use Speaker::{Candidate as C, Interviewer as I};

fn revealed(t: Topic) -> Option<TurnIntent> {
    Some(TurnIntent {
        revealed: vec![t],
        ..TurnIntent::default()
    })
}

#[test]
fn a_fact_volunteered_before_the_ask_fails_even_in_other_words() {
    let rec = record(&[
        (I, 0, "Design a URL shortener.", None),
        (C, 3, "I'd start with a key-value store.", None),
        (
            I,
            3,
            "Fine. Note we see 50,000 redirects at peak and 20 billion a month.",
            None,
        ),
        (C, 6, "What's the peak QPS we need to handle?", None),
        (
            I,
            6,
            "200 million new short links a month; 20 billion redirects a month.",
            revealed(Topic::Scale),
        ),
    ]);
    let v = check(Check::RevealsFact(Topic::Scale), interviewer(), &rec);
    assert!(
        !v.pass
            && v.detail
                .as_deref()
                .unwrap()
                .contains("before the candidate asked"),
        "{v:?}"
    );
}

#[test]
fn a_fact_given_after_the_ask_passes_and_never_asked_fails() {
    let rec = record(&[
        (I, 0, "Design a URL shortener.", None),
        (C, 3, "What's the peak QPS we need to handle?", None),
        (
            I,
            3,
            "About 8,000 a second on average and 50,000 at peak.",
            revealed(Topic::Scale),
        ),
    ]);
    assert!(check(Check::RevealsFact(Topic::Scale), interviewer(), &rec).pass);
    let v = check(Check::RevealsFact(Topic::Latency), interviewer(), &rec);
    assert!(v.detail.unwrap().contains("never asked"));
}

#[test]
fn naming_a_component_the_candidate_has_not_is_a_leak_but_asking_is_not() {
    let asks = record(&[
        (C, 3, "I'd use a key-value store.", None),
        (
            I,
            3,
            "Would a CDN in front of it help? Where do you cache?",
            None,
        ),
    ]);
    assert!(check(Check::NoSolutionLeak(true), interviewer(), &asks).pass);
    let tells = record(&[
        (C, 3, "I'd use a key-value store.", None),
        (
            I,
            3,
            "You should put Redis in front of it and use Kafka for clicks.",
            None,
        ),
    ]);
    let v = check(Check::NoSolutionLeak(true), interviewer(), &tells);
    assert!(!v.pass && v.detail.unwrap().contains("before the candidate did"));
    let echoes = record(&[
        (C, 3, "I'd put Redis in front of the store.", None),
        (I, 4, "Redis is a fine choice. What does it cost?", None),
    ]);
    assert!(check(Check::NoSolutionLeak(true), interviewer(), &echoes).pass);
}

#[test]
fn speaking_as_another_persona_or_as_a_model_breaks_character() {
    let ok = record(&[(I, 0, "Hi, I'm Maya from Google.", None)]);
    assert!(check(Check::InPersona(true), interviewer(), &ok).pass);
    let other = record(&[(I, 0, "Hi, I'm Dana, the bar raiser.", None)]);
    assert!(
        check(Check::InPersona(true), interviewer(), &other)
            .detail
            .unwrap()
            .contains("Dana of Amazon")
    );
    let model = record(&[(
        I,
        0,
        "As an AI language model I cannot interview you.",
        None,
    )]);
    assert!(!check(Check::InPersona(true), interviewer(), &model).pass);
    let notes = record(&[(I, 0, "My private interviewer notes say to press you.", None)]);
    assert!(!check(Check::InPersona(true), interviewer(), &notes).pass);
}

#[test]
fn empty_scope_fails_a_requirement_and_holds_a_prohibition() {
    let rec = record(&[(I, 0, "Hello.", None)]);
    let far = Scope {
        turns: Some((5, None)),
        ..interviewer()
    };
    assert!(!check(Check::Contains("hello".into()), far.clone(), &rec).pass);
    assert!(
        check(
            Check::NotRegex(regex::Regex::new("x").unwrap()),
            far.clone(),
            &rec
        )
        .pass
    );
    assert!(check(Check::Contains("hello".into()), interviewer(), &rec).pass);
    let all = Scope {
        match_: Some(crate::evals::case::Match::All),
        ..interviewer()
    };
    let rec2 = record(&[
        (I, 0, "Hello.", None),
        (C, 1, "Hi", None),
        (I, 1, "Bye.", None),
    ]);
    assert!(!check(Check::Contains("hello".into()), all, &rec2).pass);
}

#[test]
fn pressed_scope_reads_only_the_turns_that_pressed() {
    let press = Some(TurnIntent {
        pressure: Some(PressureKind::NoClarification),
        ..TurnIntent::default()
    });
    let rec = record(&[
        (I, 0, "Design it.", None),
        (C, 3, "Kafka everywhere.", None),
        (I, 3, "What are you assuming about scale?", press),
        (C, 6, "Kubernetes too.", None),
        (I, 6, "Let's move on.", None),
    ]);
    let scope = Scope {
        pressed: Some(PressureKind::NoClarification),
        match_: Some(crate::evals::case::Match::All),
        ..interviewer()
    };
    assert!(
        check(
            Check::Regex(regex::Regex::new("(?i)assum").unwrap()),
            scope.clone(),
            &rec
        )
        .pass
    );
    assert!(check(Check::AsksQuestion(true), scope, &rec).pass);
}

#[test]
fn events_must_fall_in_their_window_and_the_end_must_be_last() {
    let mut rec = record(&[(I, 0, "Hi.", None)]);
    rec.events.push(Event::Warning {
        minutes_left: 10,
        at: Duration::from_secs(35 * 60),
    });
    rec.events.push(Event::End {
        reason: EndReason::TimeUp,
        at: Duration::from_secs(45 * 60),
    });
    let window = |a: u64, b: u64| Scope {
        within: Some((
            Duration::from_secs(a * 60),
            Some(Duration::from_secs(b * 60)),
        )),
        ..interviewer()
    };
    assert!(check(Check::Event(EventCheck::Warning(10)), window(34, 36), &rec).pass);
    assert!(!check(Check::Event(EventCheck::Warning(10)), window(36, 40), &rec).pass);
    assert!(!check(Check::Event(EventCheck::Warning(5)), interviewer(), &rec).pass);
    assert!(
        check(
            Check::Event(EventCheck::End(EndReason::TimeUp)),
            interviewer(),
            &rec
        )
        .pass
    );
    rec.events.push(Event::Phase {
        phase: Phase::WrapUp,
        at: Duration::from_secs(46 * 60),
    });
    assert!(
        !check(
            Check::Event(EventCheck::End(EndReason::TimeUp)),
            interviewer(),
            &rec
        )
        .pass
    );
}

#[test]
fn the_judge_counts_only_answers_whose_quote_is_in_the_transcript() {
    let rec = record(&[
        (I, 0, "What are you assuming about scale?", None),
        (C, 1, "Nothing yet.", None),
    ]);
    let spec = JudgeSpec {
        question: "Does the interviewer ask about scale?".into(),
        samples: 3,
        expect: true,
    };
    let honest = r#"{"answer": true, "quote": "What are you assuming about scale?"}"#;
    let invented = r#"{"answer": true, "quote": "Tell me your QPS."}"#;
    let model = ScriptedModel::new([honest, invented, honest]);
    let v = check_with(
        Check::Judge(spec.clone()),
        interviewer(),
        &rec,
        Some(&model),
    );
    assert!(
        v.pass && v.detail.as_deref() == Some("2 yes, 0 no, 1 discarded of 3"),
        "{v:?}"
    );
    let model = ScriptedModel::new([invented, invented, "not json"]);
    let v = check_with(
        Check::Judge(spec.clone()),
        interviewer(),
        &rec,
        Some(&model),
    );
    assert!(!v.pass && v.detail.unwrap().contains("no usable answer"));
    let no = r#"{"answer": false, "quote": "Nothing yet."}"#;
    let model = ScriptedModel::new([no, no, honest]);
    assert!(!check_with(Check::Judge(spec), interviewer(), &rec, Some(&model)).pass);
}
