//! What the analysis saw, printed when a round ends: the quick look before the full critique.

use std::fmt::Write as _;

use crate::analysis::{Analysis, Moment};
use crate::clock::{Phase, TimePlan, mmss};
use crate::layout::push_hang;
use crate::question::Question;
use crate::transcript::{Speaker, Turn};

/// A few lines on what the candidate did: when they clarified, whether they sized, trade-offs,
/// cost and latency, hotspots reached, and their turns per phase against the plan; laid out in
/// `width` columns, long lists wrapped under their own column.
pub fn round_summary(
    analysis: &Analysis,
    question: &Question,
    plan: &TimePlan,
    turns: &[Turn],
    width: usize,
) -> String {
    let at =
        |m: Option<Moment>| m.map_or_else(|| "never".to_string(), |m| format!("at {}", mmss(m.at)));
    let mut out = String::new();
    let topics: Vec<&str> = analysis.topics_asked.keys().map(|t| t.as_str()).collect();
    let _ = writeln!(out, "What the analysis saw");
    let clarified = format!(
        "{}{}",
        at(analysis.first_clarification),
        if topics.is_empty() {
            String::new()
        } else {
            format!(" ({})", topics.join(", "))
        }
    );
    push_hang(&mut out, "  clarified     ", &clarified, width);
    let _ = writeln!(out, "  sized         {}", at(analysis.first_sizing));
    let _ = writeln!(out, "  numbers       {} given", analysis.numbers);
    let tradeoffs: usize = analysis.turns.iter().map(|t| t.tradeoffs.len()).sum();
    let quantified: usize = analysis
        .turns
        .iter()
        .map(|t| t.quantified_tradeoffs.len())
        .sum();
    let _ = writeln!(
        out,
        "  trade-offs    {tradeoffs} weighed, {quantified} with a number"
    );
    // Weighed, as the critique reads it: a price or a time budget put to work, not a word for
    // either going by (the spine's substance fold, shared with the critique).
    let sub = &analysis.substance;
    let weighed = |e: Option<&crate::analysis::Evidence>| {
        e.map_or_else(
            || "never weighed".to_string(),
            |e| format!("weighed at {}", mmss(e.at)),
        )
    };
    let _ = writeln!(
        out,
        "  cost          {}   latency {}",
        weighed(sub.cost.as_ref()),
        weighed(sub.latency.as_ref())
    );
    // Reached with substance (a decision with a reason or a number), as the critique counts it.
    let classic_cache = !question.ai_workload;
    let missing: Vec<&str> = question
        .hotspots
        .iter()
        .filter(|h| !sub.covered(h.concern, classic_cache))
        .map(|h| h.concern.as_str())
        .collect();
    let reached = question.hotspots.len() - missing.len();
    let hotspots = format!(
        "{reached} of {} reached{}",
        question.hotspots.len(),
        if missing.is_empty() {
            String::new()
        } else {
            format!(" (not: {})", missing.join(", "))
        }
    );
    push_hang(&mut out, "  hotspots      ", &hotspots, width);
    let early: Vec<&str> = analysis
        .heavy_before_sizing()
        .iter()
        .map(|(c, _)| c.name.as_str())
        .collect();
    if !early.is_empty() {
        push_hang(&mut out, "  before sizing ", &early.join(", "), width);
    }
    let _ = writeln!(out, "  time per phase (your turns, words; planned minutes)");
    for phase in Phase::ALL {
        let Some((start, end)) = plan.span_of(phase) else {
            continue;
        };
        let mine: Vec<&Turn> = turns
            .iter()
            .filter(|t| t.role == Speaker::Candidate && t.phase == phase)
            .collect();
        let words: usize = mine.iter().map(|t| t.text.split_whitespace().count()).sum();
        let _ = writeln!(
            out,
            "    {:<22} {:>2} turns {:>5} words   {}-{}",
            phase.label(),
            mine.len(),
            words,
            mmss(start),
            mmss(end)
        );
    }
    out
}
