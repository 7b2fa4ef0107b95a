//! How real candidates speak, where the rules once misread them: a serving story told through the
//! parts it runs on, an "is that right?" closing a proposal, and a load stated as a derived figure
//! without the words of an estimate. Rounds written here, in our words.

use hotseat::critique::{Dialogue, FlagCode, Profile, RawTurn, Report, Setup, critique};
use hotseat::question::{Level, QuestionBank};

fn turn(speaker: &str, text: &str) -> RawTurn {
    RawTurn {
        speaker: speaker.into(),
        text: text.into(),
        at: None,
        line: None,
    }
}

/// The round: the interviewer's prompt, then each candidate line answered with `reply`.
fn round(prompt: &str, candidate: &[&str], reply: &str) -> Report {
    let mut raw = vec![turn("Interviewer", prompt)];
    for line in candidate {
        raw.push(turn("Candidate", line));
        raw.push(turn("Interviewer", reply));
    }
    let d = Dialogue::from_raw(raw, Some("Candidate"), 0).unwrap();
    let bank = QuestionBank::embedded().unwrap();
    critique(&d, &Setup::new(Profile::infer(&d, &bank), Level::Senior))
}

#[test]
fn serving_told_through_feature_store_and_gpus_is_a_serving_story() {
    let r = round(
        "I want you to design a personalized ranking system for a news feed using machine learning.",
        &[
            "Who are the users, how many are active a day, and how fresh must the feed be?",
            "The item towers' embeddings are precomputed and saved into the feature store, so at request time only the user side runs.",
            "The candidate items and their vectors are pushed to the GPUs, which score the nearest neighbours for each request.",
            "Offline we track AUC and NDCG on a held-out week, online the click-through in an A/B test.",
            "The model is retrained daily on yesterday's clicks because interests drift.",
        ],
        "Okay.",
    );
    assert!(
        !r.codes().contains(&FlagCode::MissingAiConsiderations),
        "{:?}",
        r.codes()
    );
}

#[test]
fn is_that_right_after_a_proposal_is_not_leaning() {
    let r = round(
        "Design a photo sharing service where users follow each other and see a feed of photos.",
        &[
            "Users are signed in when they post, and posting is public to followers. Is that right?",
            "A photo has an id, an owner, a caption and a storage key. Is that correct?",
            "Following is one way, like a subscription. Is that right?",
            "The feed is built on read from the people you follow, because most users follow few accounts.",
        ],
        "Yes.",
    );
    assert!(
        !r.codes().contains(&FlagCode::LeanedOnInterviewer),
        "{:?}",
        r.codes()
    );
}

#[test]
fn load_stated_before_the_machinery_is_not_overengineering() {
    // Sized the way people talk: figures, then the rate they come to, with no "estimate" said.
    let r = round(
        "Design a charity donation system where people donate to causes and charities get paid out.",
        &[
            "Can donors give to several charities, and how often do charities get paid?",
            "And let's say worldwide, we receive like 1 million donations per day. If they have the 1 million donations in a day we have like around, let's say we have 100,000 seconds. So we would have like 10 requests per second. Something like this.",
            "For a messaging queue, we could use something like Kafka or RabbitMQ.",
            "When we store not 120 gigabytes but terabytes of data, we should certainly think about the sharding.",
            "We put the payouts in their own microservices and do retries there.",
            "So as we said, for five years we need just 120 gigabytes, so it could fit on one machine pretty easily.",
        ],
        "Okay.",
    );
    assert!(
        !r.codes().contains(&FlagCode::Overengineering),
        "{:?}",
        r.codes()
    );
}
