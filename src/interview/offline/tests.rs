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
    play_for(
        persona,
        question,
        seed,
        script,
        12,
        Duration::from_secs(180),
    )
    .await
}

/// Plays `script` on a loop, one line every `every`, for `turns` candidate turns (or until the
/// round ends).
async fn play_for(
    persona: &str,
    question: &str,
    seed: u64,
    script: &[&str],
    turns: usize,
    every: Duration,
) -> (Round, Vec<Turn>) {
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
    for line in script.iter().cycle().take(turns) {
        clock.advance(every);
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

#[test]
fn a_bare_filler_said_a_turn_ago_is_not_the_one_said_again() {
    // Regression: once every continuer had been said, the fallback took the next in turn even
    // when that was the "Go on." of the turn before.
    let p = PersonaSet::embedded()
        .unwrap()
        .get("google")
        .unwrap()
        .clone();
    let q = QuestionBank::embedded()
        .unwrap()
        .get("llm-support-chatbot")
        .unwrap()
        .clone();
    let lines: Vec<String> = ["Go on.", "Keep going.", "And then?"]
        .map(String::from)
        .to_vec();
    for seed in 0..12 {
        let mut o = OfflineInterviewer::new(seed);
        let vars = super::PhraseVars::base(&p, &q, &p.time_plan, Duration::from_secs(600));
        // What the rotation would pick next, said most recently; the other two longer ago.
        let start = (super::splitmix(seed ^ super::fnv("carry_on")) % 3) as usize;
        let said: Vec<&str> = (1..=3).map(|k| lines[(start + k) % 3].as_str()).collect();
        let fit = super::Fit {
            said_before: said.clone(),
            revealed: BTreeSet::new(),
            known: Known::new(&q, BTreeSet::new(), &[]),
            sized: false,
            costed: false,
        };
        let line = o.say("carry_on", &lines, &vars, &fit).unwrap();
        assert_eq!(line, said[0], "seed {seed}: said before {said:?}");
    }
}

/// A candidate who talks through the design turn after turn, saying nothing to challenge.
const FLOWING: &[&str] = &[
    "Requests come in through the gateway and go to the chat service.",
    "The chat service pulls the conversation history from the session store.",
    "Then it retrieves the top help-centre articles for the question.",
    "The prompt goes to the model servers, and we stream tokens back.",
    "Answers are logged so support leads can review them later.",
    "If the model is unsure, the ticket is handed to a human agent.",
    "The article index is rebuilt nightly from the help centre.",
];

#[tokio::test]
async fn done_in_the_last_minutes_is_not_ending_early() {
    // Regression: "Okay, we can end early" when the candidate wrapped up at 44 of 45 minutes.
    let mut script: Vec<&str> = FLOWING.to_vec();
    script.push("I think that's everything from me.");
    for persona in BUILT_IN {
        let p = PersonaSet::embedded()
            .unwrap()
            .get(persona)
            .unwrap()
            .clone();
        let total = p.time_plan.total();
        let every = (total - Duration::from_secs(60)) / script.len() as u32;
        let (_, turns) = play_for(
            persona,
            "llm-support-chatbot",
            3,
            &script,
            script.len(),
            every,
        )
        .await;
        let last = interviewer_turns(&turns).last().unwrap();
        assert!(
            p.closing.iter().any(|l| last.text.contains(l.as_str())),
            "{persona}: {:?}",
            last.text
        );
    }
}
