//! Which turns an assertion reads: one role's turns, narrowed by their number within that role, the
//! phase they fell in and a round-time window.

use std::time::Duration;

use crate::clock::Phase;
use crate::persona::PressureKind;
use crate::transcript::{Speaker, Turn};

use super::case::{Match, Role};

/// A parsed scope.
#[derive(Debug, Clone, PartialEq)]
pub struct Scope {
    /// Whose turns.
    pub role: Speaker,
    /// The role's turn numbers, 1-based, inclusive (`None` end: open).
    pub turns: Option<(usize, Option<usize>)>,
    /// Only this phase.
    pub phase: Option<Phase>,
    /// Only this round-time window, inclusive (`None` end: open).
    pub within: Option<(Duration, Option<Duration>)>,
    /// Only turns that pressed this way.
    pub pressed: Option<PressureKind>,
    /// Any or all, when the case said.
    pub match_: Option<Match>,
}

impl Scope {
    /// A scope over every turn of `role`.
    pub fn of(role: Speaker) -> Self {
        Self {
            role,
            turns: None,
            phase: None,
            within: None,
            pressed: None,
            match_: None,
        }
    }

    /// Builds a scope from a case's fields; `Err` says what is wrong with which field.
    pub fn parse(
        role: Option<Role>,
        turns: Option<&str>,
        phase: Option<Phase>,
        within: Option<&str>,
        pressed: Option<PressureKind>,
        match_: Option<Match>,
    ) -> Result<Self, String> {
        let role = match role.unwrap_or(Role::Interviewer) {
            Role::Interviewer => Speaker::Interviewer,
            Role::Candidate => Speaker::Candidate,
        };
        let turns = turns.map(parse_turns).transpose()?;
        let within = within.map(parse_window).transpose()?;
        Ok(Self {
            role,
            turns,
            phase,
            within,
            pressed,
            match_,
        })
    }

    /// Whether round time `at` lies in the window (always, without one).
    pub fn in_window(&self, at: Duration) -> bool {
        self.within
            .is_none_or(|(from, to)| at >= from && to.is_none_or(|to| at <= to))
    }

    /// The turns in scope, in order.
    pub fn select<'t>(&self, turns: &'t [Turn]) -> Vec<&'t Turn> {
        turns
            .iter()
            .filter(|t| t.role == self.role)
            .enumerate()
            .filter(|(i, t)| {
                let n = i + 1;
                let by_number = self
                    .turns
                    .is_none_or(|(lo, hi)| n >= lo && hi.is_none_or(|hi| n <= hi));
                let pressed = self
                    .pressed
                    .is_none_or(|k| t.intent.as_ref().is_some_and(|i| i.pressure == Some(k)));
                by_number
                    && pressed
                    && self.phase.is_none_or(|p| t.phase == p)
                    && self.in_window(t.at)
            })
            .map(|(_, t)| t)
            .collect()
    }

    /// The scope in words, for failure messages: "interviewer turns 2..4 in deep-dive".
    pub fn describe(&self) -> String {
        let mut s = match self.role {
            Speaker::Interviewer => "interviewer".to_string(),
            Speaker::Candidate => "candidate".to_string(),
        };
        match self.turns {
            Some((lo, Some(hi))) if lo == hi => s.push_str(&format!(" turn {lo}")),
            Some((lo, Some(hi))) => s.push_str(&format!(" turns {lo}..{hi}")),
            Some((lo, None)) => s.push_str(&format!(" turns {lo}..")),
            None => s.push_str(" turns"),
        }
        if let Some(p) = self.phase {
            s.push_str(&format!(" in {p}"));
        }
        if let Some(k) = self.pressed {
            s.push_str(&format!(" that pressed `{k}`"));
        }
        if let Some((from, to)) = self.within {
            let to = to.map_or(String::new(), crate::clock::mmss);
            s.push_str(&format!(" within {}..{to}", crate::clock::mmss(from)));
        }
        s
    }
}

/// `"2"`, `"2..4"`, `"3.."`, `"..5"` → inclusive, 1-based bounds.
pub fn parse_turns(s: &str) -> Result<(usize, Option<usize>), String> {
    let num = |x: &str| -> Result<usize, String> {
        let n: usize = x
            .trim()
            .parse()
            .map_err(|_| format!("`turns = \"{s}\"`: `{x}` is not a turn number"))?;
        if n == 0 {
            return Err(format!("`turns = \"{s}\"`: turns count from 1"));
        }
        Ok(n)
    };
    let (lo, hi) = match s.split_once("..") {
        None => {
            let n = num(s)?;
            (n, Some(n))
        }
        Some((a, b)) => {
            let lo = if a.trim().is_empty() { 1 } else { num(a)? };
            let hi = if b.trim().is_empty() {
                None
            } else {
                Some(num(b)?)
            };
            (lo, hi)
        }
    };
    if hi.is_some_and(|hi| hi < lo) {
        return Err(format!("`turns = \"{s}\"`: the range is empty"));
    }
    Ok((lo, hi))
}

/// `"mm:ss..mm:ss"` (either end may be left out) → a window of round time.
pub fn parse_window(s: &str) -> Result<(Duration, Option<Duration>), String> {
    let Some((a, b)) = s.split_once("..") else {
        return Err(format!(
            "`within = \"{s}\"`: write a window as \"mm:ss..mm:ss\""
        ));
    };
    let from = if a.trim().is_empty() {
        Duration::ZERO
    } else {
        parse_mmss(a).map_err(|e| format!("`within = \"{s}\"`: {e}"))?
    };
    let to = if b.trim().is_empty() {
        None
    } else {
        Some(parse_mmss(b).map_err(|e| format!("`within = \"{s}\"`: {e}"))?)
    };
    if to.is_some_and(|to| to < from) {
        return Err(format!(
            "`within = \"{s}\"`: the window ends before it starts"
        ));
    }
    Ok((from, to))
}

/// `"mm:ss"` or `"h:mm:ss"` → a duration.
pub fn parse_mmss(s: &str) -> Result<Duration, String> {
    let parts: Vec<&str> = s.trim().split(':').collect();
    let nums: Result<Vec<u64>, _> = parts.iter().map(|p| p.parse::<u64>()).collect();
    let bad = || format!("`{}` is not a time like \"mm:ss\"", s.trim());
    let nums = nums.map_err(|_| bad())?;
    let secs = match nums.as_slice() {
        [m, s] if *s < 60 => m * 60 + s,
        [h, m, s] if *m < 60 && *s < 60 => h * 3600 + m * 60 + s,
        _ => return Err(bad()),
    };
    Ok(Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turn_ranges() {
        assert_eq!(parse_turns("2"), Ok((2, Some(2))));
        assert_eq!(parse_turns("2..4"), Ok((2, Some(4))));
        assert_eq!(parse_turns("3.."), Ok((3, None)));
        assert_eq!(parse_turns("..5"), Ok((1, Some(5))));
        assert!(parse_turns("0").is_err());
        assert!(parse_turns("4..2").unwrap_err().contains("empty"));
        assert!(parse_turns("two").is_err());
    }

    #[test]
    fn windows_and_times() {
        let m = |x: u64| Duration::from_secs(x * 60);
        assert_eq!(
            parse_window("34:00..36:30"),
            Ok((m(34), Some(m(36) + Duration::from_secs(30))))
        );
        assert_eq!(parse_window("..05:00"), Ok((Duration::ZERO, Some(m(5)))));
        assert_eq!(parse_window("40:00.."), Ok((m(40), None)));
        assert!(parse_window("05:00").is_err());
        assert!(parse_window("10:00..05:00").is_err());
        assert_eq!(parse_mmss("1:02:03"), Ok(Duration::from_secs(3723)));
        assert!(parse_mmss("3:75").is_err());
    }
}
