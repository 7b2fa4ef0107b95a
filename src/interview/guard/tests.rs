use std::time::Duration;

use super::*;
use crate::clock::Phase;
use crate::interview::Move;
use crate::question::{Fact, QuestionBank};
use crate::transcript::TurnIntent;

fn question() -> Question {
    QuestionBank::embedded()
        .unwrap()
        .get("ads-ctr-prediction")
        .unwrap()
        .clone()
}

fn notes(q: &Question, reveal: &[Topic]) -> Notes {
    Notes {
        at: Duration::from_secs(300),
        remaining: Duration::from_secs(2400),
        phase: Phase::Clarify,
        events: Vec::new(),
        warning: None,
        reveal: q
            .facts
            .iter()
            .filter(|f| reveal.contains(&f.topic))
            .cloned()
            .collect(),
        unknown: Vec::new(),
        unknown_question: None,
        aside: None,
        mv: Move::Continue,
        credit: None,
        open: None,
        covered: Vec::new(),
        observations: Vec::new(),
    }
}

fn turn(n: usize, role: Speaker, text: &str, revealed: &[Topic]) -> Turn {
    Turn {
        n,
        role,
        text: text.into(),
        at: Duration::from_secs(60 * n as u64),
        phase: Phase::Clarify,
        tokens: None,
        latency_ms: None,
        partial: None,
        intent: (role == Speaker::Interviewer).then(|| TurnIntent {
            revealed: revealed.to_vec(),
            ..TurnIntent::default()
        }),
        reasoning: None,
        guard: None,
    }
}

fn run(line: &str, q: &Question, n: &Notes, history: &[Turn]) -> Vec<Breach> {
    check(
        line,
        &GuardInput {
            question: q,
            notes: n,
            history,
            example: "",
        },
    )
}

fn fact(q: &Question, t: Topic) -> &Fact {
    q.facts.iter().find(|f| f.topic == t).unwrap()
}

#[test]
fn the_embedded_guard_data_loads() {
    assert!(GUARD.data.max_words >= 40);
    assert!(!GUARD.patterns.is_empty());
}

#[test]
fn a_line_that_reveals_what_was_asked_passes() {
    let q = question();
    let n = notes(&q, &[Topic::Scale]);
    let line = "Peak is 500k ad requests a second, 250,000 on average, with about 1,000 \
                candidate ads per request after targeting. How does that shape the scorer?";
    assert_eq!(run(line, &q, &n, &[]), vec![]);
}

#[test]
fn a_reveal_without_its_figures_fails() {
    let q = question();
    let n = notes(&q, &[Topic::Scale]);
    assert_eq!(
        run("It's very large scale. Go on.", &q, &n, &[]),
        vec![Breach::MissingReveal(Topic::Scale)]
    );
}

#[test]
fn a_fact_without_figures_is_carried_by_its_words() {
    let q = question();
    let compliance = fact(&q, Topic::Compliance);
    assert!(compliance.answer.contains("sensitive"));
    let n = notes(&q, &[Topic::Compliance]);
    let kept = "No targeting on sensitive categories, and EU users can opt out of personalised \
                ads; their requests get a non-personalised model.";
    assert_eq!(run(kept, &q, &n, &[]), vec![]);
    assert_eq!(
        run("There are some rules. Continue.", &q, &n, &[]),
        vec![Breach::MissingReveal(Topic::Compliance)]
    );
}

#[test]
fn a_hidden_figure_not_asked_about_is_a_leak() {
    let q = question();
    let n = notes(&q, &[]);
    let breaches = run(
        "Remember the prediction step only gets 30 ms. What would you cache?",
        &q,
        &n,
        &[],
    );
    assert_eq!(
        breaches,
        vec![Breach::Leak {
            topic: Topic::Latency,
            figure: "30 ms".into()
        }]
    );
    assert!(breaches[0].to_string().contains("30 ms"));
}

#[test]
fn a_hidden_figure_in_words_is_a_leak() {
    let q = QuestionBank::embedded()
        .unwrap()
        .get("llm-support-chatbot")
        .unwrap()
        .clone();
    let n = notes(&q, &[]);
    let breaches = run("Does one conversation fit under five cents?", &q, &n, &[]);
    assert!(
        matches!(
            &breaches[..],
            [Breach::Leak {
                topic: Topic::Budget,
                ..
            }]
        ),
        "{breaches:?}"
    );
}

#[test]
fn figures_match_by_value_not_spelling() {
    let q = question();
    let n = notes(&q, &[]);
    let breaches = run(
        "At 500,000 requests a second, what breaks first?",
        &q,
        &n,
        &[],
    );
    assert!(
        matches!(
            &breaches[..],
            [Breach::Leak {
                topic: Topic::Scale,
                ..
            }]
        ),
        "{breaches:?}"
    );
}

#[test]
fn figures_already_revealed_or_said_by_the_candidate_are_not_leaks() {
    let q = question();
    let n = notes(&q, &[]);
    let history = [
        turn(1, Speaker::Interviewer, "Design ads CTR prediction.", &[]),
        turn(2, Speaker::Candidate, "Is 500k QPS at peak right?", &[]),
        turn(
            3,
            Speaker::Interviewer,
            "Latency: 100 ms, prediction 30 ms.",
            &[Topic::Latency],
        ),
    ];
    let line = "With 500k QPS and 30 ms for the model, where does the time go?";
    assert_eq!(run(line, &q, &n, &history), vec![]);
}

#[test]
fn labels_and_model_names_are_not_figures() {
    let q = question();
    let n = notes(&q, &[]);
    assert_eq!(
        run(
            "Would a GPT-4 class model or an H100 at p99 matter here?",
            &q,
            &n,
            &[]
        ),
        vec![]
    );
}

#[test]
fn more_than_one_question_fails() {
    let q = question();
    let n = notes(&q, &[]);
    assert_eq!(
        run(
            "What's the peak? And what latency do you need?",
            &q,
            &n,
            &[]
        ),
        vec![Breach::Questions(2)]
    );
    assert_eq!(run("Really??", &q, &n, &[]), vec![]);
}

#[test]
fn narration_and_role_labels_fail() {
    let q = question();
    let n = notes(&q, &[]);
    for line in [
        "The candidate is asked to explain the requirements of the system.",
        "Interviewer: Let's talk about scale.",
        "**Interviewer:** Let's talk about scale.",
        "*nods* Go on.",
        "As an AI language model, I think you should start with scale.",
        "According to my notes, you should ask about scale.",
        "<think>hmm</think> Go on.",
    ] {
        let breaches = run(line, &q, &n, &[]);
        assert!(
            breaches
                .iter()
                .any(|b| matches!(b, Breach::OutOfPersona(_))),
            "{line}: {breaches:?}"
        );
    }
    assert_eq!(run("Go on: what is your next step?", &q, &n, &[]), vec![]);
}

#[test]
fn an_overlong_or_empty_line_fails() {
    let q = question();
    let n = notes(&q, &[]);
    let long = "word ".repeat(GUARD.data.max_words + 1);
    assert!(matches!(
        run(&long, &q, &n, &[])[..],
        [Breach::TooLong { .. }]
    ));
    assert_eq!(run("  \n ", &q, &n, &[]), vec![Breach::Empty]);
    // The facts a turn reveals do not count against it.
    let reveal = notes(&q, &[Topic::Scale, Topic::Users, Topic::Data]);
    assert!(cap(&reveal) > GUARD.data.max_words + 30);
}

#[test]
fn the_retry_note_names_each_problem() {
    let q = question();
    let n = notes(&q, &[]);
    let note = retry_note(&[Breach::Empty, Breach::Questions(3)], &n);
    assert!(
        note.contains("it was empty; it asked 3 questions"),
        "{note}"
    );
    assert!(
        note.contains(&format!("under {} words", GUARD.data.max_words)),
        "{note}"
    );
}

#[test]
fn a_repeated_turn_or_recited_notes_fail() {
    use crate::interview::{Pressure, steering::Move};
    use crate::persona::PressureKind;
    let q = question();
    let mut n = notes(&q, &[]);
    n.mv = Move::Press(Box::new(Pressure::new(
        PressureKind::NoSizing,
        "08:00 in, the design has a cache but no estimate of QPS or storage".into(),
    )));
    let history = [turn(
        3,
        Speaker::Interviewer,
        "The cache, specifically, rather than something simpler.",
        &[],
    )];
    assert_eq!(
        run(
            "The cache specifically rather than something simpler",
            &q,
            &n,
            &history
        ),
        vec![Breach::Repeated]
    );
    let breaches = run(
        "The design has a cache but no estimate of QPS or storage. Why?",
        &q,
        &n,
        &[],
    );
    assert!(
        matches!(&breaches[..], [Breach::RecitedNotes(w)] if w.starts_with("the design has")),
        "{breaches:?}"
    );
    assert_eq!(
        run(
            "How many requests a second do you expect at peak?",
            &q,
            &n,
            &history
        ),
        vec![]
    );
}

#[test]
fn a_line_that_reads_out_the_notes_instructions_fails_unless_the_example_says_it() {
    let q = question();
    let n = notes(&q, &[]);
    // SmolLM2 said this to a candidate: the tail of the notes' "covered" line.
    let breaches = run(
        "We need to go deeper, and so do not ask about it anymore. Not here.",
        &q,
        &n,
        &[],
    );
    assert!(
        matches!(&breaches[..], [Breach::RecitedNotes(w)] if w.contains("do not ask about")),
        "{breaches:?}"
    );
    let breaches = run(
        "Decline in character and hand the decision back to them.",
        &q,
        &n,
        &[],
    );
    assert!(
        matches!(&breaches[..], [Breach::RecitedNotes(_)]),
        "{breaches:?}"
    );
    // Everyday interviewer lines pass, and so does the style example's own wording.
    for line in [
        "We have about five minutes left. Where is this design weakest?",
        "Walk me through one request, step by step.",
        "I can't give you the answer; what would you pick, and why?",
    ] {
        assert_eq!(run(line, &q, &n, &[]), vec![], "{line}");
    }
    let line = "Ask them to walk one request through the system.";
    let breaches = check(
        line,
        &GuardInput {
            question: &q,
            notes: &n,
            history: &[],
            example: "Walk one request through the system for me.",
        },
    );
    assert!(
        breaches
            .iter()
            .all(|b| !matches!(b, Breach::RecitedNotes(w) if w.contains("walk one request"))),
        "{breaches:?}"
    );
}

#[test]
fn asking_the_open_question_again_as_the_example_does_is_not_reading_out_the_notes() {
    use crate::interview::{Pressure, steering::Move};
    use crate::persona::PressureKind;
    let q = question();
    let mut n = notes(&q, &[]);
    let asked = "If the serving cost had to come down by half, where would you cut first?";
    n.mv = Move::Press(Box::new(Pressure::new(
        PressureKind::Unanswered,
        format!("They did not answer your question (\"{asked}\"). Ask it again, once."),
    )));
    let example = format!("Before we go on, you didn't quite answer this: {asked}");
    let line = format!("Let me come back to this: {asked}");
    let input = GuardInput {
        question: &q,
        notes: &n,
        history: &[],
        example: &example,
    };
    assert_eq!(check(&line, &input), vec![]);
}

#[test]
fn a_line_said_again_with_a_word_or_two_changed_is_a_repeat() {
    let q = question();
    let n = notes(&q, &[]);
    // SmolLM2 said these on consecutive turns.
    let history = [turn(
        5,
        Speaker::Interviewer,
        "You're going to be facing a load estimate on that. That's a load estimate.",
        &[],
    )];
    assert_eq!(
        run(
            "You're going to be facing a load estimate on that, and it's a load estimate.",
            &q,
            &n,
            &history
        ),
        vec![Breach::Repeated]
    );
    // SmolLM2 said this six turns running.
    let history = [turn(
        5,
        Speaker::Interviewer,
        "I'm not sure I understand.",
        &[],
    )];
    assert_eq!(
        run("I'm not sure I understand.", &q, &n, &history),
        vec![Breach::Repeated]
    );
    assert_eq!(
        run(
            "Go on.",
            &q,
            &n,
            &[turn(5, Speaker::Interviewer, "Go on.", &[])]
        ),
        vec![]
    );
    // Re-asking a long open question in the example's frame is the move, not a stuck model.
    let asked = "Before we commit to the CDN, walk me through a back-of-the-envelope estimate of the load it has to carry.";
    let again = format!("Before we go on, you didn't quite answer this: {asked}");
    let history = [turn(5, Speaker::Interviewer, asked, &[])];
    let input = GuardInput {
        question: &q,
        notes: &n,
        history: &history,
        example: &again,
    };
    assert_eq!(check(&again, &input), vec![]);
    // Asking one's own question again, in a new frame, is not a stuck model.
    let history = [turn(
        5,
        Speaker::Interviewer,
        "If the serving cost had to come down by half, where would you cut first?",
        &[],
    )];
    assert_eq!(
        run(
            "Before we go on, you didn't quite answer this: if the serving cost had to come down by half, where would you cut first?",
            &q,
            &n,
            &history
        ),
        vec![]
    );
}

#[test]
fn a_question_answered_and_then_asked_again_word_for_word_is_a_repeat() {
    let q = question();
    let n = notes(&q, &[]);
    // SmolLM2 dropped the earlier turn's lead-in and asked its question again, right after the
    // candidate had answered it.
    let history = [turn(
        19,
        Speaker::Interviewer,
        "Let's put some rigour on one piece. How do click events reach the owner's analytics without slowing down the redirect?",
        &[],
    )];
    let line = "How do click events reach the owner's analytics without slowing down the redirect?";
    let input = GuardInput {
        question: &q,
        notes: &n,
        history: &history,
        example: "What's the headroom at peak in the busiest component?",
    };
    assert_eq!(check(line, &input), vec![Breach::Repeated]);
    // When the example asks it again (the question went unanswered), it may be asked again.
    let input = GuardInput {
        example: "Coming back to this: how do click events reach the owner's analytics without slowing down the redirect?",
        ..input
    };
    assert_eq!(check(line, &input), vec![]);
}
