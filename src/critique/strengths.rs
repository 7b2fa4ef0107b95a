//! What went well, as specific as the flags: what the candidate did, when, in their words
//! ("clarified peak load and latency by 02:10").

use crate::analysis::{Analysis, Evidence};
use crate::clock::{Phase, mmss};
use crate::question::{Concern, Topic};

use super::coverage::Coverage;
use super::report::{Citation, Strength, TimeAllocation};
use super::rules::{cite, clip};
use super::substance::Substance;

/// How many strengths a report lists at most.
const MAX: usize = 6;

fn topic_words(t: Topic) -> &'static str {
    match t {
        Topic::Users => "users",
        Topic::Scale => "peak load",
        Topic::Latency => "latency",
        Topic::Budget => "budget",
        Topic::Data => "data",
        Topic::Regions => "regions",
        Topic::Compliance => "compliance",
        Topic::Availability => "availability",
        Topic::Scope => "scope",
        Topic::Quality => "quality targets",
        Topic::Hardware => "hardware",
        Topic::Freshness => "freshness",
    }
}

fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The strengths of the round.
pub(crate) fn strengths(
    a: &Analysis,
    sub: &Substance,
    cov: &Coverage,
    time: &TimeAllocation,
    judged_time: bool,
) -> Vec<Strength> {
    let mut out = Vec::new();
    let commit = a.first_component.map(|m| m.turn);

    // Requirements asked before the design committed.
    let mut early: Vec<(Topic, crate::analysis::Moment)> = a
        .topics_asked
        .iter()
        .filter(|(_, m)| commit.is_none_or(|c| m.turn <= c))
        .map(|(t, m)| (*t, *m))
        .collect();
    if early.len() >= 2 {
        early.sort_by_key(|(_, m)| m.at);
        let by = early.last().map(|(_, m)| m.at).unwrap_or_default();
        let names: Vec<&str> = early.iter().map(|(t, _)| topic_words(*t)).collect();
        let evidence: Vec<Citation> = a
            .turns
            .iter()
            .filter(|t| commit.is_none_or(|c| t.turn <= c))
            .flat_map(|t| {
                t.questions
                    .iter()
                    .filter(|q| !q.topics.is_empty())
                    .map(move |q| (t, q))
            })
            .take(2)
            .map(|(t, q)| Citation::new(t.turn, t.at, clip(&q.quote)))
            .collect();
        out.push(Strength {
            text: format!(
                "Clarified {} by {} before committing to a design",
                and_list(&names),
                mmss(by)
            ),
            evidence,
        });
    }

    // Sized before choosing heavy machinery.
    if let Some(s) = a.first_sizing
        && a.heavy_before_sizing().is_empty()
        && let Some(e) = a
            .turns
            .iter()
            .find(|t| t.turn == s.turn)
            .and_then(|t| t.sizing.first())
    {
        out.push(Strength {
            text: format!(
                "Sized the load at {} before choosing heavy machinery",
                mmss(s.at)
            ),
            evidence: vec![cite(e)],
        });
    }

    // Trade-offs with numbers on them.
    let quantified: Vec<&Evidence> = a
        .turns
        .iter()
        .flat_map(|t| &t.quantified_tradeoffs)
        .collect();
    let all_trade: usize = a.turns.iter().map(|t| t.tradeoffs.len()).sum();
    if let Some(first) = quantified.first() {
        out.push(Strength {
            text: format!(
                "Put numbers on {} of {} trade-offs, first at {}",
                quantified.len(),
                all_trade,
                mmss(first.at)
            ),
            evidence: quantified.iter().take(2).map(|e| cite(e)).collect(),
        });
    } else if all_trade >= 3 {
        let first = a.turns.iter().flat_map(|t| &t.tradeoffs).next();
        out.push(Strength {
            text: format!("Weighed alternatives throughout ({all_trade} trade-offs)"),
            evidence: first.map(cite).into_iter().collect(),
        });
    }

    // Hotspots reached.
    let reached: Vec<(Concern, &Citation)> = cov
        .hotspots
        .iter()
        .filter_map(|(c, e)| e.as_ref().map(|e| (*c, e)))
        .collect();
    if !cov.hotspots.is_empty() && reached.len() * 2 >= cov.hotspots.len() {
        let names: Vec<&str> = reached.iter().map(|(c, _)| c.as_str()).collect();
        let evidence: Vec<Citation> = reached.iter().take(2).map(|(_, e)| (*e).clone()).collect();
        out.push(Strength {
            text: format!(
                "Reached {} of {} hotspots of this question: {}",
                reached.len(),
                cov.hotspots.len(),
                and_list(&names)
            ),
            evidence,
        });
    }

    // Specific concerns worth naming on their own.
    for (concern, what) in [
        (Concern::CostPerRequest, "Priced the design per request"),
        (Concern::PrivacySecurity, "Raised security and privacy"),
        (Concern::Fallback, "Planned for failure with a fallback"),
    ] {
        if let Some(e) = sub.evidence(concern) {
            out.push(Strength {
                text: format!("{what} at {}", e.at),
                evidence: vec![e.clone()],
            });
        }
    }

    // Reached the deep dive on time.
    if judged_time
        && let Some(deep) = time.phases.iter().find(|p| p.phase == Phase::DeepDive)
        && let Some(first) = deep.first_at_ms
    {
        let planned_start: u64 = time
            .phases
            .iter()
            .take_while(|p| p.phase != Phase::DeepDive)
            .map(|p| p.planned_ms)
            .sum();
        if first <= planned_start + planned_start / 5 && deep.actual_ms * 2 >= deep.planned_ms {
            let at = std::time::Duration::from_millis(first);
            out.push(Strength {
                text: format!(
                    "Reached the deep dive at {} (plan: {}) and gave it {} minutes",
                    mmss(at),
                    mmss(std::time::Duration::from_millis(planned_start)),
                    deep.actual_ms / 60_000
                ),
                evidence: Vec::new(),
            });
        }
    }
    out.truncate(MAX);
    out
}
