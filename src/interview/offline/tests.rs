//! Whole offline rounds, every persona, several kinds of candidate: what a person across the table
//! would notice (a line said twice, a hidden figure said early, a slot filled with a stray word).

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::OfflineInterviewer;
use crate::clock::VirtualClock;
use crate::interview::steering::leak::{Known, leaks};
use crate::interview::{Round, RoundSetup};
use crate::persona::{BUILT_IN, PersonaSet};
use crate::question::{Level, QuestionBank, Topic};
use crate::transcript::{Speaker, Turn};

/// Candidates as scripts: the one who dodges every question, the one who restates figures wrong,
/// the one who keeps asking for help, the one who talks about everything but the design.
const SCRIPTS: [&[&str]; 4] = [
    &[
        "I'd put a load balancer in front of some app servers and a database.",
        "The database has a primary and two replicas for reads, because reads dominate.",
        "Sessions live in Redis so the web servers stay stateless.",
        "Monitoring with dashboards, and we're done.",
        "It will be really fast and it scales easily.",
        "Then I'd add another service for notifications behind the gateway.",
    ],
    &[
        "How many users, and what's the peak load in requests per second?",
        "What's the latency target, and is there a budget?",
        "So we plan for about a tenth of that peak; a couple of machines will do.",
        "36 GPUs at $2.50 an hour is about $70 an hour.",
        "The bill won't be a problem, we have plenty of budget.",
        "We cache results for five minutes because most traffic repeats.",
    ],
    &[
        "Honestly, what would you do here?",
        "I'm stuck, can you give me a hint?",
        "How much time do we have left?",
        "Should we use Kafka here?",
        "How am I doing so far?",
        "I'm still stuck. Any hint?",
    ],
    &[
        "At my last job we ran Kafka and it was great.",
        "What team are you on?",
        "What's the goal of this product, in one sentence?",
        "In my experience these things always end up on Kubernetes.",
        "Which regions do we serve, and what availability do we need?",
        "Ok. I'd start with the simplest thing that works.",
    ],
];

/// Plays `script` on a loop, one line every three minutes, for 36 minutes (twelve turns).
async fn play(persona: &str, question: &str, seed: u64, script: &[&str]) -> (Round, Vec<Turn>) {
    let persona = PersonaSet::embedded()
        .unwrap()
        .get(persona)
        .unwrap()
        .clone();
    let question = QuestionBank::embedded()
        .unwrap()
        .get(question)
        .unwrap()
        .clone();
    let plan = persona.time_plan.clone();
    let setup = RoundSetup {
        persona,
        question,
        level: Level::Mid,
        plan,
    };
    let clock = VirtualClock::default();
    let interviewer = Box::new(OfflineInterviewer::new(seed));
    let mut round = Round::new(setup, Arc::new(clock.clone()), interviewer, None);
    round.open(seed).unwrap();
    let cancel = CancellationToken::new();
    for line in script.iter().cycle().take(12) {
        clock.advance(Duration::from_secs(180));
        let mut sink = |_: &str| {};
        let step = round.candidate(line, &mut sink, &cancel).await.unwrap();
        if step.ended.is_some() {
            break;
        }
    }
    let turns = round.turns().to_vec();
    (round, turns)
}

fn interviewer_turns(turns: &[Turn]) -> impl Iterator<Item = &Turn> {
    turns.iter().filter(|t| t.role == Speaker::Interviewer)
}

#[tokio::test]
async fn no_line_is_said_twice_in_a_round() {
    for persona in BUILT_IN {
        for (i, script) in SCRIPTS.iter().enumerate() {
            let (_, turns) = play(persona, "llm-support-chatbot", i as u64 + 1, script).await;
            let mut seen = BTreeSet::new();
            let mut heard = BTreeSet::new();
            let mut echo = false;
            for t in &turns {
                if t.role == Speaker::Candidate {
                    // A candidate saying the same thing again may hear the same answer again.
                    echo = !heard.insert(t.text.clone());
                    continue;
                }
                // Short acknowledgements ("Go on.") may come back; a question may not.
                let pressed = t
                    .intent
                    .as_ref()
                    .is_some_and(|i| i.pressure.is_some() || i.probe.is_some() || i.twist);
                if (!echo || pressed) && t.text.split_whitespace().count() >= 6 {
                    assert!(
                        seen.insert(t.text.clone()),
                        "{persona}, script {i}: said twice: {:?}",
                        t.text
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn no_line_carries_a_hidden_figure() {
    for persona in BUILT_IN {
        for question in [
            "llm-support-chatbot",
            "office-document-copilot",
            "url-shortener",
        ] {
            for (i, script) in SCRIPTS.iter().enumerate() {
                let (round, turns) = play(persona, question, i as u64 + 7, script).await;
                let q = &round.setup().question;
                let mut revealed: BTreeSet<Topic> = BTreeSet::new();
                let mut said = Vec::new();
                let mut twist = false;
                for t in &turns {
                    if t.role == Speaker::Candidate {
                        said.extend(crate::analysis::figures_in(&t.text));
                        continue;
                    }
                    let intent = t.intent.clone().unwrap_or_default();
                    revealed.extend(intent.revealed.iter().copied());
                    twist |= intent.twist;
                    let mut known = Known::new(q, revealed.clone(), &said);
                    if twist {
                        known = known.with_text(&q.twist.text);
                    }
                    // Time announcements carry the clock's own figures.
                    let text = t.text.as_str();
                    let l: Vec<_> = leaks(text, &known)
                        .into_iter()
                        .filter(|l| !l.figure.contains("minute"))
                        .collect();
                    assert!(l.is_empty(), "{persona} on {question}: {l:?} in {text:?}");
                }
            }
        }
    }
}

#[tokio::test]
async fn slots_hold_only_the_candidates_own_words() {
    for persona in BUILT_IN {
        let (_, turns) = play(persona, "photo-feed-ranking", 3, SCRIPTS[0]).await;
        for t in interviewer_turns(&turns) {
            let lower = t.text.to_lowercase();
            for stray in ["the gpu", "that choice", "the sql database", "{{", "fact:"] {
                assert!(!lower.contains(stray), "{persona}: {:?}", t.text);
            }
        }
    }
}

#[test]
fn no_probe_of_the_bank_is_said_with_a_hidden_figure() {
    for q in QuestionBank::embedded().unwrap().iter() {
        let known = Known::new(q, BTreeSet::new(), &[]);
        for h in &q.hotspots {
            if let Some(safe) = crate::interview::steering::leak::sanitize(&h.probe, &known) {
                assert!(leaks(&safe, &known).is_empty(), "{}: {safe}", q.id);
                assert!(
                    safe.trim_end().ends_with('?') || safe.trim_end().ends_with('.'),
                    "{}: {safe}",
                    q.id
                );
            }
        }
    }
}
