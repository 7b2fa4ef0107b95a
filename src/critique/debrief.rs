//! The debrief after an interview loop: what was consistent across rounds, what improved or
//! slipped between them, and the hire signal of each round, built from the rounds' reports.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::report::{FlagCode, Report, Verdict};

/// One round as the debrief sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundSignal {
    /// 1-based round number.
    pub round: u32,
    /// What the round was about.
    pub focus: String,
    /// The question's id.
    pub question: String,
    /// The round's score.
    pub score: u8,
    /// The round's hire signal.
    pub verdict: Verdict,
    /// Flags raised in the round.
    pub flags: Vec<FlagCode>,
}

/// The loop's debrief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Debrief {
    /// Each round's signal, in order.
    pub rounds: Vec<RoundSignal>,
    /// Flags raised in every round: the habits to fix first.
    pub consistent: Vec<FlagCode>,
    /// Flags of the first round that the last round no longer had.
    pub improved: Vec<FlagCode>,
    /// Flags the last round had that the first did not.
    pub slipped: Vec<FlagCode>,
    /// The loop's overall signal: the median round's verdict, as a hiring committee weighs a loop.
    pub overall: Verdict,
}

/// Builds the debrief from the rounds' (focus, report) pairs, in order.
pub fn debrief(rounds: &[(String, &Report)]) -> Option<Debrief> {
    if rounds.is_empty() {
        return None;
    }
    let signals: Vec<RoundSignal> = rounds
        .iter()
        .enumerate()
        .map(|(i, (focus, r))| RoundSignal {
            round: i as u32 + 1,
            focus: focus.clone(),
            question: r.question.id.clone().unwrap_or_else(|| "-".into()),
            score: r.score,
            verdict: r.verdict,
            flags: codes(r).into_iter().collect(),
        })
        .collect();
    let sets: Vec<BTreeSet<FlagCode>> = rounds.iter().map(|(_, r)| codes(r)).collect();
    let consistent = if sets.len() > 1 {
        sets.iter().skip(1).fold(sets[0].clone(), |acc, s| {
            acc.intersection(s).copied().collect()
        })
    } else {
        BTreeSet::new()
    };
    let (first, last) = (&sets[0], &sets[sets.len() - 1]);
    let improved = first.difference(last).copied().collect();
    let slipped = last.difference(first).copied().collect();
    let mut scores: Vec<u8> = signals.iter().map(|s| s.score).collect();
    scores.sort_unstable();
    let overall = Verdict::of_score(scores[scores.len() / 2]);
    Some(Debrief {
        rounds: signals,
        consistent: consistent.into_iter().collect(),
        improved,
        slipped,
        overall,
    })
}

fn codes(r: &Report) -> BTreeSet<FlagCode> {
    r.flags.iter().map(|f| f.code).collect()
}

fn list(codes: &[FlagCode]) -> String {
    if codes.is_empty() {
        "none".into()
    } else {
        codes
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Debrief {
    /// The debrief as Markdown (also readable in a terminal).
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "# Loop debrief\n\n| round | focus | question | score | signal |\n| --- | --- | --- | --- | --- |\n",
        );
        for r in &self.rounds {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                r.round,
                r.focus,
                r.question,
                r.score,
                r.verdict.as_str()
            );
        }
        let _ = writeln!(
            out,
            "\nOverall signal: **{}** (the median round).\n",
            self.overall.as_str()
        );
        let _ = writeln!(
            out,
            "- Consistent across every round: {}",
            list(&self.consistent)
        );
        if self.rounds.len() > 1 {
            let _ = writeln!(out, "- Improved since round 1: {}", list(&self.improved));
            let _ = writeln!(out, "- New in the last round: {}", list(&self.slipped));
        }
        out
    }
}
