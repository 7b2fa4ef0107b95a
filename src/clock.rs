//! Round time: the phase plan, elapsed and remaining time, and the events a round crosses (phase
//! changes, warnings, the end). Real time in the terminal, virtual time in tests and scripted runs,
//! moved by a [`Pace`].

mod pace;

pub use pace::{DEFAULT_THINK_SECONDS, DEFAULT_WORDS_PER_MINUTE, Pace};

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// The phases of a system-design round, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Questioning assumptions: users, scale, latency, cost.
    Clarify,
    /// Sizing and the high-level design.
    HighLevel,
    /// Going deep where the scalability hotspots are.
    DeepDive,
    /// Trade-offs, risks, security.
    Tradeoffs,
    /// Summary and the candidate's questions.
    WrapUp,
}

impl Phase {
    /// Every phase, in order.
    pub const ALL: [Phase; 5] = [
        Phase::Clarify,
        Phase::HighLevel,
        Phase::DeepDive,
        Phase::Tradeoffs,
        Phase::WrapUp,
    ];

    /// The kebab-case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Clarify => "clarify",
            Phase::HighLevel => "high-level",
            Phase::DeepDive => "deep-dive",
            Phase::Tradeoffs => "tradeoffs",
            Phase::WrapUp => "wrap-up",
        }
    }

    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Clarify => "requirements",
            Phase::HighLevel => "high-level design",
            Phase::DeepDive => "deep dive",
            Phase::Tradeoffs => "trade-offs and risks",
            Phase::WrapUp => "wrap-up",
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Most minutes a plan (and so any phase of it) may hold, as `--minutes` allows: a longer round is
/// a typo, and anything near `f64::MAX` or infinite would overflow the clock.
pub const MAX_PLAN_MINUTES: f64 = 180.0;

/// One phase's slot in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseSlot {
    /// Which phase.
    pub phase: Phase,
    /// How many minutes it gets: above 0 and at most [`MAX_PLAN_MINUTES`], checked as the file is
    /// read (a persona's TOML or a transcript's header), so the error points at the value.
    #[serde(deserialize_with = "plan_minutes")]
    pub minutes: f64,
}

fn plan_minutes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let m = f64::deserialize(d)?;
    if m.is_finite() && m > 0.0 && m <= MAX_PLAN_MINUTES {
        Ok(m)
    } else {
        Err(serde::de::Error::custom(format!(
            "a phase's minutes must be above 0 and at most {MAX_PLAN_MINUTES}, not {}",
            shown(m)
        )))
    }
}

/// How a round's minutes are spent, and when the interviewer warns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimePlan {
    /// The phases in order with their minutes; they add up to the round's length.
    pub phases: Vec<PhaseSlot>,
    /// Minutes-left marks at which the interviewer warns.
    #[serde(default = "default_warnings")]
    pub warnings: Vec<u32>,
}

fn default_warnings() -> Vec<u32> {
    vec![10, 5]
}

impl Default for TimePlan {
    /// The 45-minute plan: clarify 0-5, high-level 5-20, deep dive 20-35, trade-offs 35-42,
    /// wrap-up 42-45.
    fn default() -> Self {
        let slot = |phase, minutes| PhaseSlot { phase, minutes };
        Self {
            phases: vec![
                slot(Phase::Clarify, 5.0),
                slot(Phase::HighLevel, 15.0),
                slot(Phase::DeepDive, 15.0),
                slot(Phase::Tradeoffs, 7.0),
                slot(Phase::WrapUp, 3.0),
            ],
            warnings: default_warnings(),
        }
    }
}

/// Something the clock crossed between two readings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum TimeEvent {
    /// A new phase began.
    PhaseChange {
        /// The phase entered.
        phase: Phase,
    },
    /// A warning mark was passed.
    Warning {
        /// Minutes left at the mark.
        minutes_left: u32,
    },
    /// The round's time is up.
    TimeUp,
}

impl TimePlan {
    /// Checks that the plan has phases in order, each with positive minutes, and at most
    /// [`MAX_PLAN_MINUTES`] in all.
    pub fn validate(&self) -> Result<(), String> {
        if self.phases.is_empty() {
            return Err("the time plan has no phases".into());
        }
        let total: f64 = self.phases.iter().map(|s| s.minutes).sum();
        if !(total.is_finite() && total <= MAX_PLAN_MINUTES + 1e-6) {
            return Err(format!(
                "the phases add up to {} minutes; a plan holds at most {MAX_PLAN_MINUTES}",
                shown(total)
            ));
        }
        for pair in self.phases.windows(2) {
            if pair[0].phase >= pair[1].phase {
                return Err(format!(
                    "phases must be in order without repeats: `{}` comes before `{}`",
                    pair[0].phase, pair[1].phase
                ));
            }
        }
        if let Some(bad) = self
            .phases
            .iter()
            .find(|s| !(s.minutes.is_finite() && s.minutes > 0.0))
        {
            return Err(format!(
                "phase `{}` needs a positive number of minutes",
                bad.phase
            ));
        }
        Ok(())
    }

    /// The round's length.
    pub fn total(&self) -> Duration {
        minutes(self.phases.iter().map(|s| s.minutes).sum())
    }

    /// The same plan stretched or shrunk to `total` minutes, every phase in proportion.
    pub fn scaled_to(&self, total_minutes: f64) -> TimePlan {
        let current: f64 = self.phases.iter().map(|s| s.minutes).sum();
        let k = if current > 0.0 {
            total_minutes / current
        } else {
            1.0
        };
        TimePlan {
            phases: self
                .phases
                .iter()
                .map(|s| PhaseSlot {
                    phase: s.phase,
                    minutes: s.minutes * k,
                })
                .collect(),
            warnings: self
                .warnings
                .iter()
                .copied()
                .filter(|w| f64::from(*w) < total_minutes)
                .collect(),
        }
    }

    /// When `phase` starts, if the plan has it.
    pub fn start_of(&self, phase: Phase) -> Option<Duration> {
        let mut at = 0.0;
        for slot in &self.phases {
            if slot.phase == phase {
                return Some(minutes(at));
            }
            at += slot.minutes;
        }
        None
    }

    /// The planned span of `phase`, if the plan has it.
    pub fn span_of(&self, phase: Phase) -> Option<(Duration, Duration)> {
        let start = self.start_of(phase)?;
        let slot = self.phases.iter().find(|s| s.phase == phase)?;
        Some((start, start + minutes(slot.minutes)))
    }

    /// The phase at `elapsed` (the last phase once time is up).
    pub fn phase_at(&self, elapsed: Duration) -> Phase {
        let mut end = 0.0;
        for slot in &self.phases {
            end += slot.minutes;
            if elapsed < minutes(end) {
                return slot.phase;
            }
        }
        self.phases.last().map_or(Phase::WrapUp, |s| s.phase)
    }

    /// Time left at `elapsed`.
    pub fn remaining(&self, elapsed: Duration) -> Duration {
        self.total().saturating_sub(elapsed)
    }

    /// The events crossed going from `from` (exclusive) to `to` (inclusive), in time order.
    pub fn events_between(&self, from: Duration, to: Duration) -> Vec<TimeEvent> {
        let mut marks: Vec<(Duration, TimeEvent)> = Vec::new();
        let mut start = 0.0;
        for slot in &self.phases {
            if start > 0.0 {
                marks.push((minutes(start), TimeEvent::PhaseChange { phase: slot.phase }));
            }
            start += slot.minutes;
        }
        let total = self.total();
        for &w in &self.warnings {
            let at = total.saturating_sub(Duration::from_secs(u64::from(w) * 60));
            if at > Duration::ZERO {
                marks.push((at, TimeEvent::Warning { minutes_left: w }));
            }
        }
        marks.push((total, TimeEvent::TimeUp));
        marks.sort_by_key(|(at, _)| *at);
        marks
            .into_iter()
            .filter(|(at, _)| *at > from && *at <= to)
            .map(|(_, e)| e)
            .collect()
    }
}

/// A number as a person would write it: `1e308` rather than 309 digits.
fn shown(m: f64) -> String {
    if m.is_finite() && m.abs() >= 1e6 {
        format!("{m:e}")
    } else {
        format!("{m}")
    }
}

fn minutes(m: f64) -> Duration {
    Duration::from_secs_f64((m * 60.0).max(0.0))
}

/// Formats a duration as `mm:ss` (or `h:mm:ss` past an hour).
pub fn mmss(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

/// Where the round's time comes from. Injected so the interview runs on a virtual clock in tests.
pub trait Clock: Send + Sync {
    /// Time since the round started (including time before a resume).
    fn elapsed(&self) -> Duration;
}

/// Wall-clock time, starting at an offset (for resumed rounds).
#[derive(Debug, Clone)]
pub struct RealClock {
    started: Instant,
    offset: Duration,
}

impl RealClock {
    /// A clock that reads `offset` now and runs in real time.
    pub fn starting_at(offset: Duration) -> Self {
        Self {
            started: Instant::now(),
            offset,
        }
    }
}

impl Clock for RealClock {
    fn elapsed(&self) -> Duration {
        self.offset + self.started.elapsed()
    }
}

/// A clock that moves only when told to. Clones share the same time.
#[derive(Debug, Clone, Default)]
pub struct VirtualClock {
    millis: Arc<AtomicU64>,
}

impl VirtualClock {
    /// A virtual clock reading `at`.
    pub fn starting_at(at: Duration) -> Self {
        let c = Self::default();
        c.set(at);
        c
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        self.millis
            .fetch_add(by.as_millis() as u64, Ordering::SeqCst);
    }

    /// Sets the clock to `at`.
    pub fn set(&self, at: Duration) {
        self.millis.store(at.as_millis() as u64, Ordering::SeqCst);
    }
}

impl Clock for VirtualClock {
    fn elapsed(&self) -> Duration {
        Duration::from_millis(self.millis.load(Ordering::SeqCst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(x: u64) -> Duration {
        Duration::from_secs(x * 60)
    }

    #[test]
    fn default_plan_matches_the_45_minute_round() {
        let plan = TimePlan::default();
        assert_eq!(plan.total(), m(45));
        assert_eq!(plan.phase_at(m(0)), Phase::Clarify);
        assert_eq!(plan.phase_at(m(5)), Phase::HighLevel);
        assert_eq!(plan.phase_at(m(20)), Phase::DeepDive);
        assert_eq!(plan.phase_at(m(35)), Phase::Tradeoffs);
        assert_eq!(plan.phase_at(m(42)), Phase::WrapUp);
        assert_eq!(plan.phase_at(m(50)), Phase::WrapUp);
    }

    #[test]
    fn events_arrive_in_order_and_once() {
        let plan = TimePlan::default();
        let all = plan.events_between(Duration::ZERO, m(45));
        assert_eq!(
            all,
            vec![
                TimeEvent::PhaseChange {
                    phase: Phase::HighLevel
                },
                TimeEvent::PhaseChange {
                    phase: Phase::DeepDive
                },
                TimeEvent::PhaseChange {
                    phase: Phase::Tradeoffs
                },
                TimeEvent::Warning { minutes_left: 10 },
                TimeEvent::Warning { minutes_left: 5 },
                TimeEvent::PhaseChange {
                    phase: Phase::WrapUp
                },
                TimeEvent::TimeUp,
            ]
        );
        assert_eq!(
            plan.events_between(m(34), m(36)),
            vec![
                TimeEvent::PhaseChange {
                    phase: Phase::Tradeoffs
                },
                TimeEvent::Warning { minutes_left: 10 },
            ]
        );
        assert!(plan.events_between(m(36), m(36)).is_empty());
    }

    #[test]
    fn scaling_keeps_proportions() {
        let plan = TimePlan::default().scaled_to(30.0);
        assert_eq!(plan.total(), m(30));
        assert_eq!(
            plan.start_of(Phase::HighLevel),
            Some(Duration::from_secs(200))
        );
    }

    #[test]
    fn virtual_clock_moves_only_when_told() {
        let c = VirtualClock::default();
        assert_eq!(c.elapsed(), Duration::ZERO);
        c.clone().advance(m(3));
        assert_eq!(c.elapsed(), m(3));
    }

    #[test]
    fn out_of_order_plan_is_rejected() {
        let mut plan = TimePlan::default();
        plan.phases.swap(0, 1);
        assert!(plan.validate().is_err());
    }

    #[test]
    fn mmss_formats() {
        assert_eq!(mmss(Duration::from_secs(220)), "03:40");
        assert_eq!(mmss(Duration::from_secs(3725)), "1:02:05");
    }
}
