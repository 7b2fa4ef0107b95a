//! Compiling an `[[assert]]` table into a [`Check`] with its [`Scope`]: exactly one check per
//! table, regexes compiled, windows and turn ranges parsed, every fault named with the key at fault
//! so the loader can point at its line.

use regex::Regex;

use super::case::{AssertionSpec, Case, DEFAULT_MIN_PASS_RATE};
use super::check::{Assertion, Check, EventCheck};
use super::scope::Scope;
use super::stats::{PassRate, repeats_needed};
use crate::data::{self, DataError};

/// Checks a pass rate is a rate and that `repeats` all passing could show it.
pub(super) fn check_rate(min: f64, repeats: u32) -> Result<(), String> {
    if !(0.0..=1.0).contains(&min) {
        return Err("`min_pass_rate` must be between 0 and 1".into());
    }
    if !PassRate::new(repeats, repeats).meets(min) {
        let lower = PassRate::new(repeats, repeats).wilson().0;
        return Err(format!(
            "`min_pass_rate = {min}` cannot be shown with {repeats} repeats ({repeats}/{repeats} gives a 95% lower bound of {lower:.2}); use `repeats = {}` or more, or `min_pass_rate = {}` or less",
            repeats_needed(min),
            (lower * 100.0).floor() / 100.0
        ));
    }
    Ok(())
}

/// The pass rate for a case that names none: [`DEFAULT_MIN_PASS_RATE`], or with too few repeats
/// to show it, what `repeats` passes out of `repeats` shows (so every run must pass).
pub(super) fn default_rate(repeats: u32) -> f64 {
    let all = PassRate::new(repeats, repeats);
    if all.meets(DEFAULT_MIN_PASS_RATE) {
        DEFAULT_MIN_PASS_RATE
    } else {
        all.wilson().0
    }
}

/// Compiles the `i`-th assertion; `Err((key, cause))` names the key at fault.
pub(super) fn compile(
    s: &AssertionSpec,
    i: usize,
    case: &Case,
    question: &crate::question::Question,
) -> Result<Assertion, (&'static str, String)> {
    let regex = |key: &'static str, p: &str| {
        Regex::new(p).map_err(|e| {
            (
                key,
                format!(
                    "bad regex: {}",
                    e.to_string().lines().last().unwrap_or("invalid")
                ),
            )
        })
    };
    let mut checks: Vec<(&'static str, Check)> = Vec::new();
    if let Some(t) = &s.contains {
        checks.push(("contains", Check::Contains(t.to_lowercase())));
    }
    if let Some(p) = &s.regex {
        checks.push(("regex", Check::Regex(regex("regex", p)?)));
    }
    if let Some(p) = &s.not_regex {
        checks.push(("not-regex", Check::NotRegex(regex("not-regex", p)?)));
    }
    if let Some(b) = s.asks_question {
        checks.push(("asks-question", Check::AsksQuestion(b)));
    }
    if let Some(n) = s.max_words {
        checks.push(("max-words", Check::MaxWords(n)));
    }
    if let Some(e) = &s.event {
        let which = [e.warning.is_some(), e.phase.is_some(), e.end.is_some()];
        if which.iter().filter(|w| **w).count() != 1 {
            return Err((
                "event",
                "`event` needs exactly one of `warning`, `phase` or `end`".into(),
            ));
        }
        let ev = match (e.warning, e.phase, e.end) {
            (Some(m), _, _) => EventCheck::Warning(m),
            (_, Some(p), _) => EventCheck::Phase(p),
            (_, _, Some(r)) => EventCheck::End(r),
            _ => unreachable!("exactly one is set"),
        };
        checks.push(("event", Check::Event(ev)));
    }
    if let Some(t) = s.reveals_fact {
        if question.facts_on(t).next().is_none() {
            let cause = format!("question `{}` has no `{t}` fact to reveal", question.id);
            return Err(("reveals-fact", cause));
        }
        checks.push(("reveals-fact", Check::RevealsFact(t)));
    }
    if let Some(b) = s.no_solution_leak {
        checks.push(("no-solution-leak", Check::NoSolutionLeak(b)));
    }
    if let Some(b) = s.in_persona {
        checks.push(("in-persona", Check::InPersona(b)));
    }
    if let Some(j) = &s.judge {
        if !(1..=15).contains(&j.samples) || j.question.trim().is_empty() {
            return Err((
                "judge",
                "`judge` needs a `question` and 1 to 15 `samples`".into(),
            ));
        }
        checks.push(("judge", Check::Judge(j.clone())));
    }
    if let Some(k) = s.pressure {
        checks.push(("pressure", Check::Pressure(k)));
    }
    if let Some(c) = s.probe {
        checks.push(("probe", Check::Probe(c)));
    }
    if let Some(b) = s.twist {
        checks.push(("twist", Check::Twist(b)));
    }
    if let Some(f) = &s.flags_include {
        checks.push(("flags-include", Check::FlagsInclude(f.clone())));
    }
    if let Some(f) = &s.flags_exclude {
        checks.push(("flags-exclude", Check::FlagsExclude(f.clone())));
    }
    if let Some([lo, hi]) = s.score_range {
        if !(0.0..=100.0).contains(&lo) || !(0.0..=100.0).contains(&hi) || lo > hi {
            return Err((
                "score-range",
                "`score-range` is [low, high] within 0..100".into(),
            ));
        }
        checks.push(("score-range", Check::ScoreRange(lo, hi)));
    }
    let (kind, check) = match checks.len() {
        1 => checks.pop().expect("one check"),
        0 => {
            return Err((
                "[[assert]]",
                "an [[assert]] needs a check (`contains`, `regex`, `pressure`, ...)".into(),
            ));
        }
        _ => {
            let names: Vec<&str> = checks.iter().map(|(k, _)| *k).collect();
            return Err((
                checks[1].0,
                format!("one check per [[assert]], found {}", names.join(", ")),
            ));
        }
    };
    let scope = Scope::parse(
        s.role,
        s.turns.as_deref(),
        s.phase,
        s.within.as_deref(),
        s.pressed,
        s.match_,
    )
    .map_err(|e| {
        (
            if e.contains("turns") {
                "turns"
            } else {
                "within"
            },
            e,
        )
    })?;
    let min_pass_rate = s
        .min_pass_rate
        .or(case.min_pass_rate)
        .unwrap_or_else(|| default_rate(case.repeats));
    check_rate(min_pass_rate, case.repeats).map_err(|e| ("min_pass_rate", e))?;
    Ok(Assertion {
        name: s
            .name
            .clone()
            .unwrap_or_else(|| format!("{kind}-{}", i + 1)),
        scope,
        min_pass_rate,
        check,
    })
}

/// Locates `key` inside the `i`-th `[[assert]]` table (or the table's header line).
pub(super) fn locate_in_assert(
    file: &str,
    text: &str,
    i: usize,
    key: &str,
    cause: String,
) -> DataError {
    let lines: Vec<&str> = text.lines().collect();
    let headers: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("[[assert]]"))
        .map(|(n, _)| n)
        .collect();
    let Some(&start) = headers.get(i) else {
        return data::locate_key(file, text, key, cause);
    };
    let end = headers.get(i + 1).copied().unwrap_or(lines.len());
    let hit = (start..end).find(|&n| {
        let t = lines[n].trim_start();
        t.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    });
    DataError::at_line(file, hit.unwrap_or(start) + 1, cause)
}
