//! Where the round's time went: each candidate turn labelled with the phase of work it does
//! (clarifying, high-level design, deep dive, trade-offs, wrap-up), read from the shared analysis'
//! signals, and minutes per phase set against the plan.
//!
//! A turn's label comes from what it does, not from when it happens: a round that is still asking
//! about requirements at minute 20 spends minute 20 on requirements. Turns that show nothing new
//! (an acknowledgement, a follow-on explanation) continue the work before them, and the
//! interviewer's turn counts towards the work it leads into.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::clock::{Phase, TimePlan};
use crate::question::Concern;

use super::input::Role;
use super::read::Reading;
use super::report::{PhaseTime, TimeAllocation};

/// The work of each candidate turn, in the analysis' order.
pub(crate) fn activities(reading: &Reading) -> Vec<Phase> {
    let a = &reading.analysis;
    let duration = reading.duration.as_secs_f64().max(1.0);
    let mut out = Vec::with_capacity(a.turns.len());
    let mut current = Phase::Clarify;
    let mut named: BTreeSet<&str> = BTreeSet::new();
    let mut raised: BTreeSet<Concern> = BTreeSet::new();
    let mut wrapping = false;
    let mut designed = false;
    for (t, spoken) in a.turns.iter().zip(reading.candidate()) {
        let new_components = t
            .components
            .iter()
            .filter(|c| !named.contains(c.name.as_str()))
            .count();
        let sketched = named.len() >= 4;
        named.extend(t.components.iter().map(|c| c.name.as_str()));
        let risks = t
            .concerns
            .keys()
            .filter(|c| matches!(c, Concern::PrivacySecurity | Concern::Fallback))
            .count();
        let depth = t.concerns.len() - risks;
        let reasons = t.justifications.len() + t.tradeoffs.len() + t.sizing.len();
        let new_concerns = t.concerns.keys().filter(|c| !raised.contains(c)).count();
        raised.extend(t.concerns.keys().copied());
        // What this turn adds that the round had not seen: a summary repeats, a deep dive adds.
        let novel = new_components + new_concerns + t.sizing.len();
        let scores = [
            (
                Phase::Clarify,
                2.0 * t.questions.iter().filter(|q| !q.topics.is_empty()).count() as f64,
            ),
            (
                Phase::HighLevel,
                new_components as f64 * if sketched { 0.5 } else { 1.0 }
                    + 1.5 * t.sizing.len() as f64,
            ),
            // Naming a concern in passing is listing; going deep reasons about it.
            (
                Phase::DeepDive,
                depth as f64 * if reasons > 0 { 1.2 } else { 0.5 },
            ),
            (Phase::Tradeoffs, t.tradeoffs.len() as f64 + risks as f64),
        ];
        let (best, score) =
            scores.iter().copied().fold(
                (current, 0.0),
                |acc, (p, s)| if s > acc.1 { (p, s) } else { acc },
            );
        let late = spoken.start.as_secs_f64() >= 0.88 * duration;
        if late && (wrapping || novel == 0) && out.len() >= 2 {
            wrapping = true;
            current = Phase::WrapUp;
        } else if score >= 1.0 {
            // Depth and trade-offs need a design to be about: before any high-level turn, a
            // reasoned aside during the requirements is still the requirements.
            let designed = designed || best == Phase::HighLevel;
            if designed || matches!(best, Phase::Clarify | Phase::HighLevel) {
                current = best;
            }
        }
        designed |= current == Phase::HighLevel;
        out.push(current);
    }
    out
}

/// Minutes per phase against `plan` scaled to the round's length.
pub(crate) fn allocation(reading: &Reading, activity: &[Phase], plan: &TimePlan) -> TimeAllocation {
    // The phase of each turn: a candidate turn's own; an interviewer turn's, the next candidate
    // turn's (the question leads into the answer), or the last one's at the end.
    let mut by_turn: Vec<Option<Phase>> = Vec::with_capacity(reading.turns.len());
    let mut k = 0;
    for t in &reading.turns {
        if t.role == Role::Candidate {
            by_turn.push(activity.get(k).copied());
            k += 1;
        } else {
            by_turn.push(None);
        }
    }
    let mut next = None;
    for p in by_turn.iter_mut().rev() {
        match p {
            Some(x) => next = Some(*x),
            None => *p = next,
        }
    }
    let last = activity.last().copied().unwrap_or(Phase::Clarify);
    let mut actual = [Duration::ZERO; 5];
    let mut first: [Option<Duration>; 5] = [None; 5];
    for (t, p) in reading.turns.iter().zip(&by_turn) {
        let i = index(p.unwrap_or(last));
        actual[i] += t.end.saturating_sub(t.start);
        if t.role == Role::Candidate && first[i].is_none() {
            first[i] = Some(t.at);
        }
    }
    let total = reading.duration;
    let covered: Duration = actual.iter().sum();
    // Time after the last turn (the round's recorded end) belongs to the last phase.
    actual[index(last)] += total.saturating_sub(covered);
    let scaled = plan.scaled_to(total.as_secs_f64() / 60.0);
    let phases = Phase::ALL
        .iter()
        .map(|p| PhaseTime {
            phase: *p,
            label: p.label().to_string(),
            actual_ms: actual[index(*p)].as_millis() as u64,
            planned_ms: scaled
                .phases
                .iter()
                .find(|s| s.phase == *p)
                .map_or(0, |s| (s.minutes * 60_000.0).round() as u64),
            first_at_ms: first[index(*p)].map(|d| d.as_millis() as u64),
        })
        .collect();
    TimeAllocation {
        total_ms: total.as_millis() as u64,
        plan_ms: plan.total().as_millis() as u64,
        phases,
    }
}

fn index(p: Phase) -> usize {
    Phase::ALL.iter().position(|x| *x == p).unwrap_or(0)
}
