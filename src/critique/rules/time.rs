//! The time rule: where the round's minutes went by what was discussed. Requirements that ran far
//! over the plan, a topic that is not a hotspot eating a large share of the round while hotspots
//! went untouched (a sink), or a deep dive never reached.

use std::time::Duration;

use crate::clock::{Phase, mmss};

use super::super::input::Role;
use super::super::report::{Citation, Flag, FlagCode, Severity};
use super::super::substance::said;
use super::super::texts::Vars;
use super::super::timeline::{Subject, about_api, nudges};
use super::{Ctx, clip, flag};

/// Rounds shorter than this are too short to judge their time allocation.
const SHORTEST_JUDGED: Duration = Duration::from_secs(15 * 60);

/// The share of a round a topic that is not a hotspot may take before it is a sink: three times
/// what a plan gives it (the API and data model about a tenth of a round, the high-level design a
/// quarter, operations and risks a sixth). Sizing and requirements are never sinks here: sizing is
/// work interviewers ask for, and requirements have their own rule.
const SINK_SHARES: [(&str, f64); 3] = [
    ("api-data-model", 0.30),
    ("high-level", 0.55),
    ("operations", 0.45),
];

/// And from this many minutes.
const SINK_MINUTES: u64 = 10;

/// Requirements overran from this share of the round on (and twice the plan). Real calls spend
/// about a third of the round on functional and non-functional requirements and interviewers do
/// not mark it; well past a third they do.
const REQUIREMENTS_SHARE: f64 = 0.35;

/// The deep dive was never reached below this share of the round on hotspots.
const DEEP_DIVE_SHARE: f64 = 0.1;

/// `poor-time-allocation`: a round ended before half its slot, requirements far over plan, a
/// sink, or no deep dive.
pub(super) fn poor_time(ctx: &Ctx<'_>) -> Option<Flag> {
    if let Some(f) = ended_early(ctx) {
        return Some(f);
    }
    let total = ctx.reading.duration;
    if total < SHORTEST_JUDGED {
        return None;
    }
    requirements_overran(ctx)
        .or_else(|| sink(ctx))
        .or_else(|| no_deep_dive(ctx))
}

/// Whether a timed round ended before half of its slot (a 45-minute round done at 6:39): too
/// little time to show anything in depth, however good the minutes were. Only our own rounds,
/// whose slot is recorded, are judged so: an import's slot is unknown.
pub(crate) fn ended_before_half(ctx: &Ctx<'_>) -> bool {
    ended_before(ctx, 2)
}

/// Whether a timed round of ours ended before `1/parts` of its slot.
pub(crate) fn ended_before(ctx: &Ctx<'_>, parts: u64) -> bool {
    let time = ctx.time;
    ctx.slot_known
        && !ctx.reading.timing_estimated
        && time.plan_ms > 0
        && time.total_ms * parts < time.plan_ms
}

fn ended_early(ctx: &Ctx<'_>) -> Option<Flag> {
    if !ended_before_half(ctx) {
        return None;
    }
    let total = ctx.reading.duration;
    let deep = ctx
        .time
        .phases
        .iter()
        .find(|p| p.phase == Phase::DeepDive)?;
    // Where the deep dive would have begun in the slot as planned (the phases before it, at
    // the plan's own length).
    let scale = ctx.time.plan_ms as f64
        / ctx
            .time
            .phases
            .iter()
            .map(|p| p.planned_ms)
            .sum::<u64>()
            .max(1) as f64;
    // Back at the plan's own length, to the second ("20:00", not "19:59").
    let unscaled = |ms: u64| ((ms as f64 * scale) / 1000.0).round() as u64 * 1000;
    let deep_from: u64 = unscaled(
        ctx.time
            .phases
            .iter()
            .take_while(|p| p.phase != Phase::DeepDive)
            .map(|p| p.planned_ms)
            .sum(),
    );
    let last = said(ctx.reading).into_iter().rev().find(|s| s.designs())?;
    let c = last.cite().noted(format!(
        "the last design sentence; the round ended at {}",
        mmss(total)
    ));
    let vars = Vars::default()
        .set("total", mmss(total))
        .set("slot", mmss(ms(ctx.time.plan_ms)))
        .set("deep", mmss(ms(deep_from)))
        .set("planned", mmss(ms(unscaled(deep.planned_ms))))
        .set("at", &c.at)
        .set("quote", &c.quote);
    Some(flag(
        FlagCode::PoorTimeAllocation,
        Severity::High,
        "ended-early",
        &vars,
        vec![c],
    ))
}

fn ms(x: u64) -> Duration {
    Duration::from_millis(x)
}

/// The interviewer's nudges to move on during the turns of `subject`.
fn nudged(ctx: &Ctx<'_>, subject: Subject) -> Vec<Citation> {
    ctx.reading
        .turns
        .iter()
        .zip(ctx.subjects)
        .filter(|(t, s)| t.role == Role::Interviewer && **s == subject)
        .flat_map(|(t, _)| {
            crate::analysis::sentences::split(&t.text)
                .into_iter()
                .map(move |r| (t, t.text[r].trim().to_string()))
        })
        .filter(|(_, s)| nudges(s))
        .take(2)
        .map(|(t, s)| {
            Citation::new(t.n, t.at, clip(&s)).noted("the interviewer nudged the round on")
        })
        .collect()
}

/// The candidate sentences said while on `subject` that show it, in order.
fn showing(ctx: &Ctx<'_>, subject: Subject) -> Vec<Citation> {
    let on: Vec<usize> = ctx
        .reading
        .turns
        .iter()
        .zip(ctx.subjects)
        .filter(|(_, s)| **s == subject)
        .map(|(t, _)| t.n)
        .collect();
    said(ctx.reading)
        .into_iter()
        .filter(|s| on.contains(&s.turn.n) && s.designs())
        .filter(|s| {
            let r = s.reading;
            match subject {
                Subject::Requirements => false,
                Subject::Sizing => r.signals.contains(&"estimate"),
                Subject::ApiDataModel => about_api(&r.quote),
                Subject::HighLevel => !r.components.is_empty(),
                Subject::Hotspot(c) => r.concerns.contains(&c),
                Subject::Operations => !r.concerns.is_empty(),
                Subject::WrapUp => false,
            }
        })
        .map(|s| s.cite())
        .collect()
}

fn requirements_overran(ctx: &Ctx<'_>) -> Option<Flag> {
    let total = ctx.reading.duration;
    let total_ms = total.as_millis() as u64;
    let clarify = ctx.time.phases.iter().find(|p| p.phase == Phase::Clarify)?;
    if !(clarify.actual_ms > 2 * clarify.planned_ms
        && clarify.actual_ms > clarify.planned_ms + 3 * 60_000
        && clarify.actual_ms as f64 >= REQUIREMENTS_SHARE * total_ms as f64)
    {
        return None;
    }
    let nudges = nudged(ctx, Subject::Requirements);
    // Time spent badly costs a level; past half the round, or past the interviewer's nudges to
    // move on, it costs the offer.
    let severity = if clarify.actual_ms * 2 >= total_ms || !nudges.is_empty() {
        Severity::High
    } else {
        Severity::Medium
    };
    // The last requirements question itself, never a design or sizing sentence.
    let last = said(ctx.reading).into_iter().rev().find(|s| {
        s.reading.acts.contains(&crate::analysis::Act::Ask) && !s.reading.topics.is_empty()
    })?;
    let c = last.cite().noted(format!(
        "still asking about requirements at {}; {} of the round went to them",
        mmss(last.turn.at),
        mmss(ms(clarify.actual_ms))
    ));
    let vars = Vars::default()
        .set("minutes", mmss(ms(clarify.actual_ms)))
        .set("planned", mmss(ms(clarify.planned_ms)))
        .set("total", mmss(total))
        .set("at", &c.at)
        .set("quote", &c.quote);
    let mut evidence = vec![c];
    evidence.extend(nudges);
    Some(flag(
        FlagCode::PoorTimeAllocation,
        severity,
        "requirements",
        &vars,
        evidence,
    ))
}

/// Milliseconds the round spent on the question's hotspots, together.
fn hotspot_ms(ctx: &Ctx<'_>) -> u64 {
    ctx.time
        .topics
        .iter()
        .filter(|t| t.hotspot)
        .map(|t| t.actual_ms)
        .sum()
}

fn sink(ctx: &Ctx<'_>) -> Option<Flag> {
    let total = ctx.reading.duration;
    let total_ms = total.as_millis() as u64;
    if ctx.profile.hotspots.is_empty() {
        return None;
    }
    let on_hotspots = hotspot_ms(ctx);
    // The sink outweighs the hotspots together.
    let (subject, t) =
        ctx.time
            .topics
            .iter()
            .filter(|t| {
                SINK_SHARES.iter().any(|(k, share)| {
                    *k == t.topic && t.actual_ms as f64 >= share * total_ms as f64
                }) && t.actual_ms >= SINK_MINUTES * 60_000
                    && t.actual_ms > on_hotspots
            })
            .max_by_key(|t| t.actual_ms)
            .and_then(|t| {
                ctx.subjects
                    .iter()
                    .find(|s| s.key() == t.topic)
                    .map(|s| (*s, t))
            })?;
    let shown = showing(ctx, subject);
    let first = shown.first()?.clone().noted(format!(
        "{} began here and took {} of the round",
        t.label,
        mmss(ms(t.actual_ms))
    ));
    // The hotspots that got less than a couple of minutes.
    let untouched: Vec<&str> = ctx
        .profile
        .hotspots
        .iter()
        .filter(|h| {
            !ctx.time
                .topics
                .iter()
                .any(|t| t.topic == h.concern.as_str() && t.actual_ms >= 120_000)
        })
        .map(|h| h.concern.as_str())
        .collect();
    let vars = Vars::default()
        .set("minutes", mmss(ms(t.actual_ms)))
        .set("total", mmss(total))
        .set("what", t.label.clone())
        .set("missing", super::design::join_names(&untouched))
        .set("at", &first.at)
        .set("quote", &first.quote);
    let mut evidence = vec![first];
    if let Some(late) = shown.last().filter(|l| l.turn != evidence[0].turn) {
        evidence.push(late.clone().noted(format!("still on {}", t.label)));
    }
    let nudges = nudged(ctx, subject);
    let severity = if t.actual_ms * 2 >= total_ms || !nudges.is_empty() {
        Severity::High
    } else {
        Severity::Medium
    };
    evidence.extend(nudges);
    Some(flag(
        FlagCode::PoorTimeAllocation,
        ctx.slack(severity),
        "sink",
        &vars,
        evidence,
    ))
}

fn no_deep_dive(ctx: &Ctx<'_>) -> Option<Flag> {
    let total = ctx.reading.duration;
    if ctx.profile.hotspots.is_empty() {
        return None;
    }
    let on_hotspots = hotspot_ms(ctx);
    if on_hotspots as f64 >= DEEP_DIVE_SHARE * total.as_millis() as f64 {
        return None;
    }
    let deep = ctx
        .time
        .phases
        .iter()
        .find(|p| p.phase == Phase::DeepDive)?;
    let last = said(ctx.reading)
        .into_iter()
        .rev()
        .find(|s| s.designs() && s.decides())?;
    let c = last
        .cite()
        .absent_in(Phase::DeepDive)
        .noted("the last design decision; no hotspot was ever gone into");
    let vars = Vars::default()
        .set("minutes", mmss(ms(on_hotspots)))
        .set("planned", mmss(ms(deep.planned_ms)))
        .set("total", mmss(total))
        .set("at", &c.at)
        .set("quote", &c.quote);
    // No minute at all on any hotspot costs the offer; a few minutes, a level.
    let severity = if on_hotspots < 60_000 {
        Severity::High
    } else {
        Severity::Medium
    };
    Some(flag(
        FlagCode::PoorTimeAllocation,
        ctx.slack(severity),
        "no-deep-dive",
        &vars,
        vec![c],
    ))
}
