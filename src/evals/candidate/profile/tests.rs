use super::*;
use crate::analysis::{Utterance, analyze_turn};
use crate::question::QuestionBank;

fn signals(text: &str) -> crate::analysis::TurnSignals {
    analyze_turn(&Utterance {
        turn: 1,
        at: Default::default(),
        text,
    })
}

#[test]
fn embedded_profiles_load() {
    let p = Profiles::embedded().unwrap();
    for id in [
        "diver",
        "overengineer",
        "template",
        "strong",
        "silent",
        "rambler",
        "injector",
    ] {
        assert!(p.get(id).is_some(), "missing profile {id}");
    }
}

/// The phrasebook is how simulated candidates ask and cover: if the shared analysis stops reading
/// a line as its topic or concern, every eval built on it would silently test something else.
#[test]
fn phrasebook_lines_read_as_their_topic() {
    let p = Profiles::embedded().unwrap();
    let book = p.phrasebook();
    for (topic, lines) in &book.ask {
        for line in lines {
            let s = signals(line);
            assert!(
                s.topics_asked().contains(topic),
                "`{line}` does not ask about {topic}: {:?}",
                s.topics_asked()
            );
        }
    }
    for (concern, lines) in &book.cover {
        for line in lines {
            let s = signals(line);
            assert!(
                s.concerns.contains_key(concern),
                "`{line}` does not raise {concern}: {:?}",
                s.concerns.keys()
            );
        }
    }
}

#[test]
fn strong_candidate_asks_every_hidden_topic_and_covers_every_hotspot() {
    let p = Profiles::embedded().unwrap();
    let bank = QuestionBank::embedded().unwrap();
    for q in bank.iter() {
        let mut player = p.player("strong", q, 7).unwrap();
        let mut asked = std::collections::BTreeSet::new();
        let mut covered = std::collections::BTreeSet::new();
        for _ in 0..30 {
            let Some(line) = player.next_line() else {
                break;
            };
            let s = signals(&line);
            asked.extend(s.topics_asked());
            covered.extend(s.concerns.keys().copied());
        }
        for f in &q.facts {
            assert!(
                asked.contains(&f.topic),
                "{}: strong never asks about {}",
                q.id,
                f.topic
            );
        }
        for h in &q.hotspots {
            assert!(
                covered.contains(&h.concern),
                "{}: strong never covers {}",
                q.id,
                h.concern
            );
        }
    }
}

#[test]
fn diver_never_asks_and_the_seed_varies_the_wording() {
    let p = Profiles::embedded().unwrap();
    let q = QuestionBank::embedded()
        .unwrap()
        .get("url-shortener")
        .unwrap()
        .clone();
    let lines = |seed| {
        let mut player = p.player("diver", &q, seed).unwrap();
        (0..6)
            .map(|_| player.next_line().unwrap())
            .collect::<Vec<_>>()
    };
    for line in lines(1) {
        assert!(!signals(&line).clarifies(), "the diver asked: {line}");
    }
    assert!(
        (2..10).any(|s| lines(s) != lines(1)),
        "every seed says the same"
    );
    assert_eq!(lines(3), lines(3), "a seed always says the same");
}

#[test]
fn a_profile_with_an_empty_turn_is_rejected_at_its_line() {
    let mut p = Profiles::embedded().unwrap();
    let text = "id = \"x\"\nsummary = \"s\"\n\n[[turn]]\nsay = []\n";
    let err = p.add("x.toml", text, "x.toml").unwrap_err();
    assert_eq!(err.line.map(|l| l.0), Some(4), "{err}");
}
