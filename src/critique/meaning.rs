//! Which bank questions a problem statement means, by meaning rather than wording, and what an
//! unknown question needs, inferred from the bank's own vocabulary.
//!
//! Words are reduced to stems, and phrases that name one idea many ways ("TinyURL", "short
//! links", "a link shortener") to one concept (`prompts/critique/profiles.toml`, `[concepts]`).
//! Each bank question's title, prompt and expected components form its document; a statement is
//! compared with every document by cosine similarity, words weighted by how few questions use them
//! (a word every question uses tells them apart from nothing).

use std::collections::{BTreeMap, BTreeSet};

use crate::question::{Concern, Question, QuestionBank};

use super::profile::{PROFILES, stems};

/// The words and concepts of a text.
pub(crate) fn tokens(text: &str) -> BTreeSet<String> {
    let mut out = stems(text);
    for (concept, res) in &PROFILES.concepts {
        if res.iter().any(|re| re.is_match(text)) {
            out.insert(format!("@{concept}"));
        }
    }
    out
}

/// A question's document: title, prompt and expected components.
fn document(q: &Question) -> BTreeSet<String> {
    tokens(&format!(
        "{}. {}. {}",
        q.title,
        q.prompt,
        q.expected_components.join(", ")
    ))
}

/// Bank questions by similarity to `text`, best first, with their cosine similarity (0-1).
pub(crate) fn rank<'b>(text: &str, bank: &'b QuestionBank) -> Vec<(&'b Question, f64)> {
    let query = tokens(text);
    let docs: Vec<(&Question, BTreeSet<String>)> = bank.iter().map(|q| (q, document(q))).collect();
    let n = docs.len().max(1) as f64;
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, d) in &docs {
        for t in d {
            *df.entry(t.as_str()).or_default() += 1;
        }
    }
    // A word no question uses weighs the most: it says the statement is about something else.
    let idf = |t: &str| (1.0 + n / df.get(t).copied().unwrap_or(0).max(1) as f64).ln();
    let norm = |s: &BTreeSet<String>| s.iter().map(|t| idf(t).powi(2)).sum::<f64>().sqrt();
    let qn = norm(&query);
    let mut out: Vec<(&Question, f64)> = docs
        .iter()
        .map(|(q, d)| {
            let shared: f64 = query.intersection(d).map(|t| idf(t).powi(2)).sum();
            let denom = qn * norm(d);
            (*q, if denom > 0.0 { shared / denom } else { 0.0 })
        })
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out
}

/// What an unknown question needs, inferred from the bank questions nearest to it.
#[derive(Debug, Clone)]
pub(crate) struct Inferred {
    /// Whether it is an AI workload.
    pub ai: bool,
    /// How sure that is (0.5: a coin toss, 1: certain).
    pub confidence: f64,
    /// The concerns that apply, most supported first.
    pub concerns: Vec<Concern>,
    /// Components the statement itself names from the bank's vocabulary (the must-haves).
    pub named: Vec<String>,
    /// The nearest bank questions and their similarity, for the report.
    pub neighbours: Vec<(String, f64)>,
}

/// Neighbours weaker than this say nothing.
const NEAR: f64 = 0.05;
/// Neighbours consulted.
const K: usize = 3;

/// Neighbours this near are the same kind of system: their AI-or-not votes.
const KINDRED: f64 = 0.15;

/// Infers what `text` (a problem statement not in the bank) needs. `ai_cues` is how many AI-
/// workload cues the interviewer's prompt holds: the main evidence, since most of the bank is AI
/// work and a vote of neighbours alone would lean that way.
pub(crate) fn infer(text: &str, bank: &QuestionBank, ai_cues: usize) -> Inferred {
    let near: Vec<(&Question, f64)> = rank(text, bank)
        .into_iter()
        .take(K)
        .filter(|(_, s)| *s >= NEAR)
        .collect();
    let kindred: Vec<&(&Question, f64)> = near.iter().filter(|(_, s)| *s >= KINDRED).collect();
    let total: f64 = kindred.iter().map(|(_, s)| s).sum();
    let cue = match ai_cues {
        0 => 0.0,
        1 => 0.75,
        _ => 1.0,
    };
    let p = if total > 0.0 {
        let vote = kindred
            .iter()
            .filter(|(q, _)| q.ai_workload)
            .map(|(_, s)| s)
            .sum::<f64>()
            / total;
        0.5 * vote + 0.5 * cue
    } else {
        cue
    };
    let ai = p >= 0.5;
    let confidence = 0.5 + (p - 0.5).abs();
    // Concerns the kindred neighbours of the same kind probe, weighted by how near they are; none
    // when no bank question is that near (the generic profile's then apply).
    let mut weight: BTreeMap<Concern, f64> = BTreeMap::new();
    for (q, s) in kindred.iter().filter(|(q, _)| q.ai_workload == ai) {
        for h in &q.hotspots {
            *weight.entry(h.concern).or_default() += s;
        }
    }
    let top = weight.values().copied().fold(0.0, f64::max);
    let mut concerns: Vec<(Concern, f64)> = weight
        .into_iter()
        .filter(|(_, w)| *w >= top / 2.0)
        .collect();
    concerns.sort_by(|a, b| b.1.total_cmp(&a.1));
    let lower = text.to_lowercase();
    let generic: BTreeSet<&str> = PROFILES
        .generic_components
        .iter()
        .map(String::as_str)
        .collect();
    let mut named: Vec<String> = bank
        .iter()
        .flat_map(|q| q.expected_components.iter())
        .filter(|c| !generic.contains(c.as_str()))
        .filter(|c| {
            let mut names = vec![c.to_string()];
            names.extend(PROFILES.synonyms.get(*c).cloned().unwrap_or_default());
            names.iter().any(|n| contains_word(&lower, n))
        })
        .cloned()
        .collect();
    named.sort();
    named.dedup();
    Inferred {
        ai,
        confidence,
        concerns: concerns.into_iter().map(|(c, _)| c).collect(),
        named,
        neighbours: near.iter().map(|(q, s)| (q.id.clone(), *s)).collect(),
    }
}

/// Whether `text` holds `word` as whole words.
fn contains_word(text: &str, word: &str) -> bool {
    let w = word.to_lowercase();
    text.match_indices(&w).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + w.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}
