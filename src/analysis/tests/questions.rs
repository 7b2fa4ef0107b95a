//! Questions and the requirement topics they ask about.

use super::{one_question, turn};
use crate::question::Topic::{self, *};

fn topics(list: &[Topic]) -> std::collections::BTreeSet<Topic> {
    list.iter().copied().collect()
}

#[test]
fn typed_requirement_questions_get_their_topics() {
    let cases: &[(&str, &[Topic])] = &[
        ("What's the peak QPS we need to handle?", &[Scale]),
        ("How many users do we expect?", &[Users]),
        (
            "Is there a latency SLA, like p99 under 200ms?",
            &[Latency, Availability],
        ),
        ("What's our budget for GPUs per month?", &[Budget, Hardware]),
        (
            "How much data are we storing, and for how long do we need to retain it?",
            &[Data],
        ),
        // Where the users are is a regions question; who and how many is a users one.
        ("Are users global or mostly in the US?", &[Regions]),
        ("Do we have to comply with GDPR or HIPAA?", &[Compliance]),
        (
            "What availability target are we aiming for — three nines?",
            &[Availability],
        ),
        ("Which features are in scope for the MVP?", &[Scope]),
        // A feature asked after, not a component to choose: scope, not "decide for me".
        ("Do we need multi-currency support?", &[Scope]),
        ("Do we support guest checkout?", &[Scope]),
        ("What's an acceptable false positive rate?", &[Quality]),
        (
            "What hardware do we have — H100s or only CPUs on device?",
            &[Hardware],
        ),
        (
            "Who are the users: internal analysts or external customers?",
            &[Users],
        ),
        ("How fresh does the index need to be?", &[Freshness]),
        ("What's the read/write ratio?", &[Scale]),
        (
            "How accurate does the model need to be, and what's the metric for success?",
            &[Quality],
        ),
        ("Should it support mobile and web?", &[Scope]),
        ("Is there a cost target per request?", &[Budget]),
        (
            "How many requests per second at peak, and how fast should it respond?",
            &[Scale, Latency],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(one_question(text), topics(want), "{text:?}");
    }
}

#[test]
fn spoken_questions_without_question_marks() {
    let cases: &[(&str, &[Topic])] = &[
        ("how many daily active users are we talking about", &[Users]),
        (
            "um so what's the latency budget for the first token",
            &[Latency],
        ),
        ("okay and do we have a budget for this", &[Budget]),
        ("is there a retention requirement on the chat logs", &[Data]),
        (
            "can I assume we only need to support english speaking countries",
            &[Regions],
        ),
        ("I'd like to know how much traffic we get at peak", &[Scale]),
        (
            "could you tell me what the uptime requirement is",
            &[Availability],
        ),
        (
            "uh should I worry about hallucinations or is some error rate acceptable",
            &[Quality],
        ),
        ("where are the users located", &[Regions]),
        (
            "just to clarify are we building the MVP or the full product",
            &[Scope],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(one_question(text), topics(want), "{text:?}");
    }
}

#[test]
fn a_question_inside_a_spoken_run_starts_at_the_ask() {
    let text = "okay so the users are global and we have a mobile app and um how many requests per second do we expect at peak";
    let t = turn(text);
    assert_eq!(t.questions.len(), 1);
    assert_eq!(
        t.questions[0].quote,
        "how many requests per second do we expect at peak"
    );
    assert_eq!(t.questions[0].topics, topics(&[Scale]));
}

#[test]
fn a_typed_question_after_a_statement_takes_only_its_own_topics() {
    let t = turn("I'll store the chat history for users in Postgres, but what's the budget?");
    assert_eq!(t.questions.len(), 1);
    assert_eq!(t.questions[0].quote, "what's the budget?");
    assert_eq!(t.questions[0].topics, topics(&[Budget]));
}

#[test]
fn questions_to_the_interviewer_have_no_topics() {
    for text in [
        "Can I use a whiteboard?",
        "Should I start with the API?",
        "Does that make sense?",
        "Is it okay if I sketch the high level first?",
        "do you want me to go deeper here",
        "Any preference on where I start?",
    ] {
        assert!(one_question(text).is_empty(), "{text:?}");
    }
}

#[test]
fn rhetorical_questions_count_but_only_with_what_they_ask() {
    let t = turn("So what happens when users upload a huge file? We chunk it and resume.");
    assert_eq!(t.questions.len(), 1);
    assert!(
        t.questions[0].topics.is_empty(),
        "{:?}",
        t.questions[0].topics
    );
    assert_eq!(one_question("Why not just use Postgres here?"), topics(&[]));
    assert_eq!(
        one_question("How do we handle the traffic spikes at peak?"),
        topics(&[Scale])
    );
}

#[test]
fn statements_that_open_with_question_words_are_not_questions() {
    for text in [
        "What I'd do is put a cache in front of the database",
        "how we handle this is with a queue",
        "when a request comes in it hits the load balancer first",
        "which means we need about 40 GPUs",
        "where we store the embeddings is a vector database",
        "So what we need is a write path and a read path.",
        "I'll figure out how many servers we need later.",
        "The users upload photos and we resize them.",
        "we will use Redis for sessions",
        "Should be fine with a single Postgres primary.",
    ] {
        assert!(
            turn(text).questions.is_empty(),
            "{text:?} -> {:?}",
            turn(text).questions
        );
    }
}

#[test]
fn each_question_in_a_turn_is_found() {
    let t =
        turn("Great. Who are the users? How many of them are there? And what's the p99 target?");
    let got: Vec<_> = t.questions.iter().map(|q| q.quote.as_str()).collect();
    assert_eq!(
        got,
        [
            "Who are the users?",
            "How many of them are there?",
            "And what's the p99 target?"
        ]
    );
    assert_eq!(t.topics_asked(), topics(&[Users, Latency]));
    assert!(t.clarifies());
}

#[test]
fn a_design_turn_does_not_clarify() {
    let t = turn(
        "I'll put an API gateway in front, then the service writes to Postgres and publishes to a queue.",
    );
    assert!(t.questions.is_empty());
    assert!(!t.clarifies());
}

#[test]
fn load_balancer_questions_are_not_about_scale() {
    assert!(one_question("Should I put a load balancer in front?").is_empty());
}

#[test]
fn confirming_an_assumption_asks_about_it() {
    assert_eq!(
        one_question("I'll assume 10M DAU, is that fair?"),
        topics(&[Users])
    );
    assert_eq!(
        one_question("Let's say p99 under 300 ms, right?"),
        topics(&[Latency])
    );
    assert_eq!(
        one_question("so I'm assuming around fifty k QPS at peak does that sound reasonable"),
        topics(&[Scale])
    );
    assert!(turn("Let's say 10M DAU.").questions.is_empty());
}

#[test]
fn edge_cases_are_not_regions() {
    assert!(one_question("Are there edge cases I should handle?").is_empty());
    assert_eq!(
        one_question("Should we run inference at the edge?"),
        topics(&[Regions])
    );
}

#[test]
fn checks_on_the_design_ask_only_the_check() {
    let t = turn(
        "so yeah um that's basically the high level design for the users does that make sense",
    );
    assert_eq!(t.questions.len(), 1);
    assert_eq!(t.questions[0].quote, "does that make sense");
    assert!(t.questions[0].topics.is_empty());
    let t = turn("I'll cache each user's feed in Redis for peak traffic, does that sound good?");
    assert_eq!(t.questions[0].quote, "does that sound good?");
    assert!(!t.clarifies());
    assert!(
        turn("We shard by user id because it makes sense for locality.")
            .questions
            .is_empty()
    );
}

#[test]
fn questions_about_running_the_interview_have_no_topics() {
    for text in [
        "Do you want me to estimate storage first or go into the API?",
        "Would you like me to go deeper on the data model?",
        "Should I start with the latency budget or the storage layer?",
        "Where should I start, the ingestion pipeline or serving?",
    ] {
        assert!(one_question(text).is_empty(), "{text:?}");
    }
}

#[test]
fn inverted_asks_inside_spoken_statements() {
    let t = turn(
        "okay so i would say like the quality bar here is what precision are we targeting for the fraud model",
    );
    assert_eq!(t.questions.len(), 1);
    assert_eq!(
        t.questions[0].quote,
        "what precision are we targeting for the fraud model"
    );
    assert_eq!(t.questions[0].topics, topics(&[Quality]));
    assert!(
        turn("that's exactly what we are targeting with the cache")
            .questions
            .is_empty()
    );
}
