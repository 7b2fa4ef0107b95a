//! What a good answer to this round's question needs: its hotspots, the components its workload
//! calls for, whether it is an AI workload. From the question bank when the transcript names the
//! question or the interviewer's prompt matches one, else from a generic profile
//! (`prompts/critique/profiles.toml`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::question::{Concern, Hotspot, Question, QuestionBank, Topic};

use super::input::{Dialogue, Role};
use super::meaning;

/// The round's question as the critique judges it.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// The bank's id, when known or matched.
    pub id: Option<String>,
    /// Title, or the generic profile's name.
    pub title: String,
    /// Whether the system serves or trains models.
    pub ai_workload: bool,
    /// Where a good answer goes deep.
    pub hotspots: Vec<Hotspot>,
    /// Components this workload calls for (lower case).
    pub expected_components: Vec<String>,
    /// What a template answer would miss, when the question says.
    pub trap: Option<String>,
    /// The change of requirements the interviewer brings mid-round, when the question says.
    pub twist: Option<String>,
    /// Requirement topics the question's hidden sheet covers.
    pub fact_topics: BTreeSet<Topic>,
    /// Whether it is a batch workload (no one waits on a response).
    pub batch: bool,
    /// Components without which an answer to this question is a template one.
    pub must_have: Vec<String>,
    /// How it was found.
    pub source: String,
    /// How sure the match or the inference is (0-1), when the question was not named.
    pub confidence: Option<f64>,
}

impl Profile {
    /// The profile of a bank question.
    pub fn of_question(q: &Question, source: impl Into<String>) -> Profile {
        Profile {
            id: Some(q.id.clone()),
            title: q.title.clone(),
            ai_workload: q.ai_workload,
            hotspots: q.hotspots.clone(),
            expected_components: q.expected_components.clone(),
            trap: Some(q.trap.clone()),
            twist: Some(q.twist.text.clone()),
            fact_topics: q.facts.iter().map(|f| f.topic).collect(),
            batch: q.mode.as_deref() == Some("batch"),
            must_have: PROFILES.must_have.get(&q.id).cloned().unwrap_or_default(),
            source: source.into(),
            confidence: None,
        }
    }

    /// Whether a round of this question at `level` turns on cost: an AI workload, staff and up,
    /// or a sheet that sets a budget.
    pub fn cost_matters(&self, level: crate::question::Level) -> bool {
        self.ai_workload
            || level >= crate::question::Level::Staff
            || self.fact_topics.contains(&Topic::Budget)
    }

    /// Whether a round of this question at `level` turns on latency: anything answered while
    /// someone waits that is an AI workload, pitched at staff and up, or whose sheet sets a
    /// latency target.
    pub fn latency_matters(&self, level: crate::question::Level) -> bool {
        !self.batch
            && (self.ai_workload
                || level >= crate::question::Level::Staff
                || self.fact_topics.contains(&Topic::Latency))
    }

    /// The hotspot for `concern`, if this question has one.
    pub fn hotspot(&self, concern: Concern) -> Option<&Hotspot> {
        self.hotspots.iter().find(|h| h.concern == concern)
    }

    /// The profile for `dialogue`: its header's question, else the bank question its interviewer's
    /// opening matches, else a generic AI or classic profile.
    pub fn infer(dialogue: &Dialogue, bank: &QuestionBank) -> Profile {
        if let Some(h) = &dialogue.header
            && let Some(q) = bank.get(&h.question)
        {
            return Profile::of_question(q, "named in the transcript header");
        }
        let opening = opening(dialogue);
        if let Some((q, score)) = best_match(&opening, bank) {
            let mut p = Profile::of_question(
                q,
                format!(
                    "matched the question bank on the interviewer's prompt (overlap {score:.2})"
                ),
            );
            p.confidence = Some(score.min(1.0));
            return p;
        }
        // By meaning: the prompt as said, with the candidate's restatement (a prompt pasted into
        // a document is often only read aloud by the candidate).
        let statement = statement(dialogue);
        let data = &*PROFILES;
        let ranked = meaning::rank(&statement, bank);
        if let Some(&(q, best)) = ranked.first() {
            let runner_up = ranked.get(1).map_or(0.0, |r| r.1);
            if best >= data.meaning_threshold && best - runner_up >= data.meaning_margin {
                let mut p = Profile::of_question(
                    q,
                    format!(
                        "matched the question bank by meaning (similarity {best:.2}, next {runner_up:.2})"
                    ),
                );
                p.confidence = Some(best.min(1.0));
                return p;
            }
        }
        let cues = data
            .ai
            .cues
            .iter()
            .filter(|re| re.is_match(&opening))
            .count();
        let inf = meaning::infer(&statement, bank, cues);
        let generic = if inf.ai { &data.ai } else { &data.classic };
        // The concerns the nearest bank questions probe, asked the generic way; the generic
        // profile's own when no bank question is near.
        let mut hotspots: Vec<Hotspot> = inf
            .concerns
            .iter()
            .filter_map(|c| {
                data.probes.get(c).map(|probe| Hotspot {
                    concern: *c,
                    probe: probe.clone(),
                })
            })
            .take(5)
            .collect();
        if hotspots.is_empty() {
            hotspots = generic.hotspots.clone();
        }
        let mut expected = generic.expected_components.clone();
        expected.extend(inf.named.iter().cloned());
        expected.sort();
        expected.dedup();
        let near = inf
            .neighbours
            .iter()
            .map(|(id, s)| format!("{id} {s:.2}"))
            .collect::<Vec<_>>()
            .join(", ");
        let concerns = hotspots
            .iter()
            .map(|h| h.concern.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        Profile {
            id: None,
            title: generic.title.clone(),
            ai_workload: inf.ai,
            hotspots,
            expected_components: expected,
            trap: None,
            twist: None,
            fact_topics: BTreeSet::new(),
            batch: false,
            must_have: inf.named.clone(),
            source: format!(
                "not in the bank; inferred from the problem statement: {} (confidence {:.2}); hotspots {concerns}{}{}",
                if inf.ai {
                    "an AI workload"
                } else {
                    "a classic design question"
                },
                inf.confidence,
                if inf.named.is_empty() {
                    String::new()
                } else {
                    format!("; must-haves named in it: {}", inf.named.join(", "))
                },
                if near.is_empty() {
                    "; no bank question is near".to_string()
                } else {
                    format!("; nearest bank questions: {near}")
                }
            ),
            confidence: Some(inf.confidence),
        }
    }
}

/// An interviewer's opening this long states the problem; a shorter one (the prompt pasted in a
/// document) is read with the candidate's restatement.
const STATEMENT_WORDS: usize = 30;

/// The problem statement as the critique reads it for meaning: the interviewer's opening, with
/// the candidate's first two turns when the opening is short.
fn statement(dialogue: &Dialogue) -> String {
    let mut out = opening(dialogue);
    if out.split_whitespace().count() >= STATEMENT_WORDS {
        return out;
    }
    for t in dialogue.candidate_turns().take(2) {
        out.push_str(&t.text);
        out.push('\n');
    }
    out
}

/// The interviewer's opening: their turns before the candidate's third turn.
fn opening(dialogue: &Dialogue) -> String {
    let mut out = String::new();
    let mut candidate_turns = 0;
    for t in &dialogue.turns {
        match t.role {
            Role::Candidate => {
                candidate_turns += 1;
                if candidate_turns >= 3 {
                    break;
                }
            }
            Role::Interviewer => {
                out.push_str(&t.text);
                out.push('\n');
            }
        }
    }
    out
}

/// The bank question whose prompt and title the opening covers best, if it clears the threshold
/// and the runner-up by the margin.
fn best_match<'b>(opening: &str, bank: &'b QuestionBank) -> Option<(&'b Question, f64)> {
    let said = stems(opening);
    if said.is_empty() {
        return None;
    }
    let recall = |text: &str| {
        let want = stems(text);
        if want.is_empty() {
            return 0.0;
        }
        want.iter().filter(|w| said.contains(*w)).count() as f64 / want.len() as f64
    };
    let mut scored: Vec<(&Question, f64)> = bank
        .iter()
        .map(|q| (q, 0.7 * recall(&q.prompt) + 0.3 * recall(&q.title)))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (best, score) = *scored.first()?;
    let runner_up = scored.get(1).map_or(0.0, |s| s.1);
    let data = &*PROFILES;
    (score >= data.match_threshold && score - runner_up >= data.match_margin)
        .then_some((best, score))
}

/// Words too common to tell questions apart.
const STOPWORDS: &[&str] = &[
    "the", "and", "for", "that", "this", "with", "you", "your", "our", "are", "was", "were",
    "what", "when", "which", "who", "how", "why", "design", "system", "like", "they", "them",
    "their", "from", "into", "can", "should", "would", "will", "about", "each", "every", "some",
    "any", "all", "its", "it's", "has", "have", "had", "not", "but", "one", "also", "then", "than",
    "there", "here", "let's", "lets", "today", "want", "need", "build", "make", "used", "use",
    "using", "is", "a", "an", "of", "to", "in", "on", "at", "by", "as", "be", "or", "so", "we",
    "us", "me", "i", "i'd", "i'm", "okay", "great", "thanks", "thank", "hi", "hello", "yeah",
    "just", "more", "such", "other", "well", "very", "get", "gets", "so", "do", "does", "it",
    "them", "these",
];

/// A word's stem for matching: lower case, trailing "s" dropped, first six letters.
pub(crate) fn stem(word: &str) -> String {
    let w = word.to_lowercase();
    let w = w.strip_suffix('s').filter(|s| s.len() >= 3).unwrap_or(&w);
    w.chars().take(6).collect()
}

/// The distinct stems of the content words in `text`.
pub(crate) fn stems(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| w.len() >= 2)
        .filter(|w| !STOPWORDS.contains(&w.to_lowercase().as_str()))
        .filter(|w| w.len() >= 3 || matches!(w.to_lowercase().as_str(), "ai" | "ml"))
        .map(stem)
        .collect()
}

/// `prompts/critique/profiles.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProfileData {
    pub match_threshold: f64,
    pub match_margin: f64,
    pub meaning_threshold: f64,
    pub meaning_margin: f64,
    #[serde(with = "regex_map")]
    pub concepts: BTreeMap<String, Vec<Regex>>,
    pub probes: BTreeMap<Concern, String>,
    pub generic_components: Vec<String>,
    pub synonyms: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub must_have: BTreeMap<String, Vec<String>>,
    /// Components that are the model's serving path: committing to two of them tells a serving
    /// story even when no sentence names serving as a concern.
    pub serving_components: Vec<String>,
    pub ai: Generic,
    pub classic: Generic,
}

/// A generic profile.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Generic {
    pub title: String,
    #[serde(default, with = "regexes")]
    pub cues: Vec<Regex>,
    pub hotspots: Vec<Hotspot>,
    pub expected_components: Vec<String>,
}

mod regexes {
    use regex::Regex;
    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Regex>, D::Error> {
        Vec::<String>::deserialize(d)?
            .iter()
            .map(|p| Regex::new(&format!("(?i){p}")).map_err(serde::de::Error::custom))
            .collect()
    }
}

mod regex_map {
    use std::collections::BTreeMap;

    use regex::Regex;
    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, Vec<Regex>>, D::Error> {
        BTreeMap::<String, Vec<String>>::deserialize(d)?
            .into_iter()
            .map(|(k, v)| {
                let res = v
                    .iter()
                    .map(|p| Regex::new(&format!("(?i){p}")).map_err(serde::de::Error::custom))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok((k, res))
            })
            .collect()
    }
}

/// The embedded profiles; a test checks they parse.
pub(crate) static PROFILES: LazyLock<ProfileData> = LazyLock::new(|| {
    super::data::parse("profiles.toml").unwrap_or_else(|e| panic!("embedded critique data: {e}"))
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::critique::input::RawTurn;

    fn dialogue(opening: &str) -> Dialogue {
        let raw = vec![
            RawTurn {
                speaker: "Interviewer".into(),
                text: opening.into(),
                at: None,
                line: None,
            },
            RawTurn {
                speaker: "Candidate".into(),
                text: "Okay. Who are the users and what's the peak load?".into(),
                at: None,
                line: None,
            },
        ];
        Dialogue::from_raw(raw, Some("Candidate"), 0).unwrap()
    }

    #[test]
    fn a_paraphrased_prompt_matches_its_bank_question() {
        let bank = QuestionBank::embedded().unwrap();
        let d = dialogue(
            "So today let's do an AI customer support assistant for a big enterprise SaaS product. \
             It answers customer questions in chat from the help centre articles and their account data, \
             and hands off to a human agent when needed.",
        );
        let p = Profile::infer(&d, &bank);
        assert_eq!(p.id.as_deref(), Some("llm-support-chatbot"), "{}", p.source);
    }

    #[test]
    fn an_unknown_ai_prompt_gets_the_generic_ai_profile() {
        let bank = QuestionBank::embedded().unwrap();
        let d = dialogue(
            "Let's design a system that predicts crop yields for farmers from satellite images, using ML.",
        );
        let p = Profile::infer(&d, &bank);
        assert_eq!(p.id, None, "{}", p.source);
        assert!(p.ai_workload);
        let d =
            dialogue("Let's design a system for booking tennis courts across the city's parks.");
        let p = Profile::infer(&d, &bank);
        assert_eq!(p.id, None, "{}", p.source);
        assert!(!p.ai_workload);
    }

    #[test]
    fn an_everyday_verb_does_not_make_a_classic_prompt_an_ai_workload() {
        let bank = QuestionBank::embedded().unwrap();
        let d = dialogue(
            "Let's design a file hosting service where people keep their documents in folders. \
             I'd recommend you start from the use cases; to summarize, it is hard to predict the \
             load, so translate that into requirements first.",
        );
        let p = Profile::infer(&d, &bank);
        assert!(!p.ai_workload, "{}", p.source);
        let d = dialogue("Let's design a recommendation engine for the storefront's home page.");
        assert!(Profile::infer(&d, &bank).ai_workload);
    }
}
