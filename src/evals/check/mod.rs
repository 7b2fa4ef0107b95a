//! The assertions: what each check means, and its verdict on one run.
//!
//! Per-turn checks read the turns in the assertion's [`Scope`] and pass when `any` (or `all`) of
//! them satisfy it; each has a sensible default (a pressure must appear in some turn, a leak must
//! appear in none). Checks on words go through the shared analysis (what counts as a question, a
//! component, a number) so the evals, the steering and the critique never disagree about them.

mod judge;
mod sheet;
mod text;

use crate::clock::Phase;
use crate::interview::RoundSetup;
use crate::llm::ChatModel;
use crate::persona::PressureKind;
use crate::question::{Concern, Topic};
use crate::transcript::{EndReason, Event, Turn};

use super::case::{Budget, JudgeSpec};
use super::critique::Verdicts;
use super::run::RunRecord;
use super::scope::Scope;

/// A compiled assertion.
#[derive(Debug, Clone)]
pub struct Assertion {
    /// Its name in reports and baselines.
    pub name: String,
    /// Which turns it reads.
    pub scope: Scope,
    /// The pass rate it must be shown to reach.
    pub min_pass_rate: f64,
    /// What it checks.
    pub check: Check,
}

/// What an assertion checks.
#[derive(Debug, Clone)]
pub enum Check {
    /// The (lower-cased) text appears.
    Contains(String),
    /// The regex matches.
    Regex(regex::Regex),
    /// The regex matches no turn.
    NotRegex(regex::Regex),
    /// A turn asks a question (or, `false`, none does).
    AsksQuestion(bool),
    /// No turn is longer than this many words.
    MaxWords(usize),
    /// A round event.
    Event(EventCheck),
    /// The fact on this topic is disclosed after the candidate asked, and not before.
    RevealsFact(Topic),
    /// The interviewer names no component the candidate has not named (`false`: it does).
    NoSolutionLeak(bool),
    /// The interviewer stays in character (`false`: it breaks character).
    InPersona(bool),
    /// A model answers a yes/no question about the turns.
    Judge(JudgeSpec),
    /// A turn pressed this way.
    Pressure(PressureKind),
    /// A turn probed this hotspot.
    Probe(Concern),
    /// A turn sprang the twist (`false`: none did).
    Twist(bool),
    /// The critique raises all these flags.
    FlagsInclude(Vec<String>),
    /// The critique raises none of these flags.
    FlagsExclude(Vec<String>),
    /// The critique's score is within these bounds.
    ScoreRange(f64, f64),
    /// A per-run budget.
    Budget {
        /// What is limited.
        kind: BudgetKind,
        /// The limit (ms, tokens or dollars).
        limit: f64,
    },
}

/// A round event to look for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum EventCheck {
    /// A warning with this many minutes left.
    Warning(u32),
    /// A change into this phase.
    Phase(Phase),
    /// The round ended for this reason.
    End(EndReason),
}

/// What a budget limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetKind {
    /// The slowest interviewer turn, ms.
    Latency,
    /// Tokens of every model call in the run.
    Tokens,
    /// Dollars for the run.
    Cost,
}

impl BudgetKind {
    /// Its name in assertion names.
    pub fn name(self) -> &'static str {
        match self {
            BudgetKind::Latency => "latency",
            BudgetKind::Tokens => "tokens",
            BudgetKind::Cost => "cost",
        }
    }
}

/// One assertion's verdict on one run.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Whether it held.
    pub pass: bool,
    /// Why not (or, for the judge, how the samples went).
    pub detail: Option<String>,
    /// Set when the check could not be made at all (the judge's model failed after its retries):
    /// the run is then an error of its case, not a failed assertion.
    pub error: Option<String>,
}

impl Verdict {
    /// It held.
    pub fn pass() -> Self {
        Self {
            pass: true,
            detail: None,
            error: None,
        }
    }

    /// It did not, because `why`.
    pub fn fail(why: impl Into<String>) -> Self {
        Self {
            pass: false,
            detail: Some(why.into()),
            error: None,
        }
    }

    /// It could not be checked, because `why` (a transport failure, not behaviour).
    pub fn error(why: impl Into<String>) -> Self {
        let why = why.into();
        Self {
            pass: false,
            detail: Some(why.clone()),
            error: Some(why),
        }
    }

    fn from(pass: bool, why: impl FnOnce() -> String) -> Self {
        if pass {
            Self::pass()
        } else {
            Self::fail(why())
        }
    }
}

/// What a check may read besides the run.
pub struct Context<'a> {
    /// The round's setup.
    pub setup: &'a RoundSetup,
    /// The run.
    pub record: &'a RunRecord,
    /// (company, interviewer name) of every other persona, to catch one speaking as another.
    pub others: &'a [(String, String)],
    /// The model for judge checks.
    pub model: Option<&'a dyn ChatModel>,
    /// The case's budget prices.
    pub budget: Option<&'a Budget>,
    /// The critique of the run, when one was made.
    pub critique: &'a Verdicts,
}

/// The verdict of `a` on the run in `ctx`.
pub async fn evaluate(a: &Assertion, ctx: &Context<'_>) -> Verdict {
    use text::Kind::{Positive, Prohibition};
    let turns = &ctx.record.turns;
    let scope = &a.scope;
    match &a.check {
        Check::Contains(needle) => {
            let what = format!("contain \"{needle}\"");
            text::per_turn(
                scope,
                turns,
                Positive,
                |t| t.text.to_lowercase().contains(needle.as_str()),
                &what,
            )
        }
        Check::Regex(re) => text::per_turn(
            scope,
            turns,
            Positive,
            |t| re.is_match(&t.text),
            &format!("match /{re}/"),
        ),
        Check::NotRegex(re) => text::per_turn(
            scope,
            turns,
            Prohibition,
            |t| !re.is_match(&t.text),
            &format!("avoid /{re}/"),
        ),
        Check::AsksQuestion(true) => text::per_turn(
            scope,
            turns,
            Positive,
            text::asks_question,
            "ask a question",
        ),
        Check::AsksQuestion(false) => text::per_turn(
            scope,
            turns,
            Prohibition,
            |t| !text::asks_question(t),
            "keep from asking",
        ),
        Check::MaxWords(n) => {
            let fits = |t: &Turn| t.text.split_whitespace().count() <= *n;
            text::per_turn(
                scope,
                turns,
                Prohibition,
                fits,
                &format!("stay within {n} words"),
            )
        }
        Check::Pressure(k) => {
            let pressed = |t: &Turn| t.intent.as_ref().is_some_and(|i| i.pressure == Some(*k));
            text::per_turn(scope, turns, Positive, pressed, &format!("press on `{k}`"))
        }
        Check::Probe(c) => {
            let probed = |t: &Turn| t.intent.as_ref().is_some_and(|i| i.probe == Some(*c));
            text::per_turn(scope, turns, Positive, probed, &format!("probe `{c}`"))
        }
        Check::Twist(want) => {
            let sprang = |t: &Turn| t.intent.as_ref().is_some_and(|i| i.twist);
            if *want {
                text::per_turn(scope, turns, Positive, sprang, "spring the twist")
            } else {
                text::per_turn(
                    scope,
                    turns,
                    Prohibition,
                    |t| !sprang(t),
                    "hold the twist back",
                )
            }
        }
        Check::Event(e) => event(scope, &ctx.record.events, *e),
        Check::RevealsFact(topic) => sheet::reveals_fact(scope, ctx, *topic),
        Check::NoSolutionLeak(want) => sheet::invert(
            sheet::no_solution_leak(scope, ctx),
            *want,
            "a solution leak",
        ),
        Check::InPersona(want) => {
            sheet::invert(sheet::in_persona(scope, ctx), *want, "a break of character")
        }
        Check::Judge(spec) => judge::judge(scope, ctx, spec).await,
        Check::FlagsInclude(codes) => ctx.critique.flags_include(codes),
        Check::FlagsExclude(codes) => ctx.critique.flags_exclude(codes),
        Check::ScoreRange(lo, hi) => ctx.critique.score_range(*lo, *hi),
        Check::Budget { kind, limit } => budget(ctx, *kind, *limit),
    }
}

fn event(scope: &Scope, events: &[Event], want: EventCheck) -> Verdict {
    let hit = events
        .iter()
        .filter(|e| scope.in_window(e.at()))
        .any(|e| match (e, want) {
            (Event::Warning { minutes_left, .. }, EventCheck::Warning(m)) => *minutes_left == m,
            (Event::Phase { phase, .. }, EventCheck::Phase(p)) => *phase == p,
            (Event::End { reason, .. }, EventCheck::End(r)) => *reason == r,
            _ => false,
        });
    // The end must also be the last thing that happened.
    let last_ok = match want {
        EventCheck::End(_) => matches!(events.last(), Some(Event::End { .. })),
        _ => true,
    };
    Verdict::from(hit && last_ok, || {
        let seen: Vec<String> = events.iter().filter_map(describe_event).collect();
        let what = match want {
            EventCheck::Warning(m) => format!("a {m}-minute warning"),
            EventCheck::Phase(p) => format!("a change into {p}"),
            EventCheck::End(r) => format!("the round ending ({r:?})"),
        };
        let window = scope.describe();
        let window = window.split_once(" within ").map_or("", |(_, w)| w);
        let window = if window.is_empty() {
            String::new()
        } else {
            format!(" within {window}")
        };
        format!(
            "no {what}{window}; events: {}",
            if seen.is_empty() {
                "none".into()
            } else {
                seen.join(", ")
            }
        )
    })
}

fn describe_event(e: &Event) -> Option<String> {
    let at = crate::clock::mmss(e.at());
    match e {
        Event::Phase { phase, .. } => Some(format!("{phase} at {at}")),
        Event::Warning { minutes_left, .. } => Some(format!("{minutes_left}-min warning at {at}")),
        Event::End { reason, .. } => Some(format!("end ({reason:?}) at {at}")),
        Event::Error { message, .. } => Some(format!("error at {at}: {message}")),
        _ => None,
    }
}

fn budget(ctx: &Context<'_>, kind: BudgetKind, limit: f64) -> Verdict {
    let r = ctx.record;
    let counts_tokens = matches!(kind, BudgetKind::Tokens | BudgetKind::Cost);
    if counts_tokens && r.usage.calls > 0 && r.usage.reported == 0 {
        return Verdict::fail(format!(
            "{} budget cannot be checked: none of the {} model calls reported token usage",
            kind.name(),
            r.usage.calls
        ));
    }
    let (value, unit) = match kind {
        BudgetKind::Latency => {
            let worst = r
                .turns
                .iter()
                .filter_map(|t| t.latency_ms)
                .max()
                .unwrap_or(0);
            (worst as f64, "ms")
        }
        BudgetKind::Tokens => (
            (r.usage.prompt_tokens + r.usage.completion_tokens) as f64,
            "tokens",
        ),
        BudgetKind::Cost => {
            let b = ctx.budget.cloned().unwrap_or_default();
            let cost = r.usage.prompt_tokens as f64 * b.input_per_mtok.unwrap_or(0.0) / 1e6
                + r.usage.completion_tokens as f64 * b.output_per_mtok.unwrap_or(0.0) / 1e6;
            (cost, "USD")
        }
    };
    Verdict::from(value <= limit, || {
        format!("{} {value} {unit} over the budget of {limit}", kind.name())
    })
}

/// A quote for a failure message: the turn's number, time and up to 100 characters.
pub fn quote(t: &Turn) -> String {
    let mut text: String = t.text.chars().take(100).collect();
    if t.text.chars().count() > 100 {
        text.push('…');
    }
    format!("turn {} at {}: \"{}\"", t.n, crate::clock::mmss(t.at), text)
}

impl Assertion {
    /// The check's kind as written in case files (`contains`, `pressure`, `budget`, ...).
    pub fn check_name(&self) -> &'static str {
        match &self.check {
            Check::Contains(_) => "contains",
            Check::Regex(_) => "regex",
            Check::NotRegex(_) => "not-regex",
            Check::AsksQuestion(_) => "asks-question",
            Check::MaxWords(_) => "max-words",
            Check::Event(_) => "event",
            Check::RevealsFact(_) => "reveals-fact",
            Check::NoSolutionLeak(_) => "no-solution-leak",
            Check::InPersona(_) => "in-persona",
            Check::Judge(_) => "judge",
            Check::Pressure(_) => "pressure",
            Check::Probe(_) => "probe",
            Check::Twist(_) => "twist",
            Check::FlagsInclude(_) => "flags-include",
            Check::FlagsExclude(_) => "flags-exclude",
            Check::ScoreRange(..) => "score-range",
            Check::Budget { .. } => "budget",
        }
    }
}

#[cfg(test)]
mod tests;
