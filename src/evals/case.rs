//! An eval case as written in `evals/*.toml`: who interviews, what is asked, who plays the
//! candidate, how the clock moves, how often to run it, and what must hold. These types are the
//! file format; `docs/eval-case.schema.json` is generated from them ([`super::schema`]).
//!
//! Every table denies unknown keys, so a typo is an error with its line, never a silently
//! ignored assertion.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::clock::Phase;
use crate::persona::PressureKind;
use crate::question::{Concern, Level, Topic};
use crate::transcript::EndReason;

/// One eval case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Stable id (letters, digits, `-`, `_`); the file stem when absent.
    #[serde(default)]
    pub id: Option<String>,
    /// What the case shows, in one sentence.
    #[serde(default)]
    pub description: String,
    /// Persona id (`google`, `meta`, `amazon`, `microsoft`, or one from `HOTSEAT_PERSONAS_DIR`).
    pub persona: String,
    /// Question id from the bank.
    pub question: String,
    /// Level the round is pitched at.
    #[serde(default)]
    #[schemars(schema_with = "level_schema")]
    pub level: Level,
    /// Round length in minutes (the persona's plan, scaled); the persona's own length when absent.
    #[serde(default)]
    pub minutes: Option<f64>,
    /// Independent runs per case (each with its own seed, and its own cassette slot).
    #[serde(default = "default_repeats")]
    pub repeats: u32,
    /// The pass rate every assertion must be shown to reach: the case fails when an assertion's
    /// 95 % Wilson lower bound falls under it. Default 0.5; with fewer repeats than 0.5 can be
    /// shown with (1-3), the bound of every run passing, so each run must pass. Always set once
    /// the case is loaded.
    #[serde(default)]
    pub min_pass_rate: Option<f64>,
    /// Base seed: repeat `i` runs with `seed + i` (interviewer phrasing, simulated candidate).
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Labels `--filter` matches besides the id.
    #[serde(default)]
    pub tags: Vec<String>,
    /// How the virtual clock moves.
    #[serde(default)]
    pub clock: ClockSpec,
    /// Who plays the candidate.
    pub candidate: CandidateSpec,
    /// Which interviewer engine runs the round.
    #[serde(default)]
    pub engine: EngineSpec,
    /// Limits on latency, tokens and cost per run (model cases).
    #[serde(default)]
    pub budget: Option<Budget>,
    /// What must hold, each checked on every run.
    #[serde(default, rename = "assert")]
    pub assertions: Vec<AssertionSpec>,
}

fn default_repeats() -> u32 {
    5
}

/// The pass rate asked for when a case names none.
pub const DEFAULT_MIN_PASS_RATE: f64 = 0.5;

fn default_seed() -> u64 {
    1
}

/// The virtual clock: a fixed time per turn, or charged by what was said (`words_per_minute`
/// and/or `think_seconds`; not both kinds at once). A line's own `at` always wins.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClockSpec {
    /// Minutes that pass with each candidate turn. Default: the simulated profile's pace, else 3.
    #[serde(default)]
    pub minutes_per_turn: Option<f64>,
    /// Charge each turn by its words instead: the interviewer's line and the answer at this many
    /// words a minute (30-600; 150 when only `think_seconds` is given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words_per_minute: Option<f64>,
    /// With a charge by words: seconds of thinking before each answer (0-600; default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub think_seconds: Option<f64>,
}

/// Who plays the candidate: exactly one of `lines`, `profile` or `brief`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CandidateSpec {
    /// Scripted: the candidate's lines in order, each a string or `{ text, at = "mm:ss" }`.
    #[serde(default)]
    pub lines: Option<Vec<Line>>,
    /// Simulated offline: a profile from `evals/candidates/` (`diver`, `overengineer`,
    /// `template`, `strong`, `silent`, `rambler`, `injector`), played from the seed.
    #[serde(default)]
    pub profile: Option<String>,
    /// Simulated by the model: the candidate's brief, revealed only when asked about.
    #[serde(default)]
    pub brief: Option<String>,
    /// The word that ends an LLM-simulated candidate's round.
    #[serde(default)]
    pub stop: Option<String>,
    /// Most candidate turns before the round is ended (default 40).
    #[serde(default)]
    pub max_turns: Option<u32>,
}

/// A scripted candidate line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Line {
    /// Said one `minutes_per_turn` after the previous line.
    Text(String),
    /// Said at a given round time.
    Timed {
        /// What the candidate says.
        text: String,
        /// Round time, `mm:ss`.
        at: String,
    },
}

impl Line {
    /// The words.
    pub fn text(&self) -> &str {
        match self {
            Line::Text(t) | Line::Timed { text: t, .. } => t,
        }
    }

    /// The time written with it, if any.
    pub fn at(&self) -> Option<&str> {
        match self {
            Line::Text(_) => None,
            Line::Timed { at, .. } => Some(at),
        }
    }
}

/// Which interviewer runs the round.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EngineSpec {
    /// `offline` (the rule engine) or `model` (recorded or live model calls).
    #[serde(default)]
    pub kind: EngineKind,
    /// The model id a model case runs with and its cassette is keyed on (`--model` wins).
    #[serde(default)]
    pub model: Option<String>,
    /// Sampling temperature of the interviewer (default 0).
    #[serde(default)]
    pub temperature: Option<f32>,
}

/// The interviewer engine.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EngineKind {
    /// The offline, rule-driven interviewer.
    #[default]
    Offline,
    /// A chat model (replayed from the case's cassette unless live or recording).
    Model,
}

/// Limits per run; each becomes an assertion named `budget-latency`, `budget-tokens`,
/// `budget-cost`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Slowest interviewer turn, in milliseconds.
    #[serde(default)]
    pub latency_ms: Option<u64>,
    /// Tokens of every model call in the run (interviewer, candidate, judge).
    #[serde(default)]
    pub tokens: Option<u64>,
    /// Dollars per run, priced with the two prices below.
    #[serde(default)]
    pub cost_usd: Option<f64>,
    /// Dollars per million prompt tokens.
    #[serde(default)]
    pub input_per_mtok: Option<f64>,
    /// Dollars per million completion tokens.
    #[serde(default)]
    pub output_per_mtok: Option<f64>,
}

/// Whose turns an assertion reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// The interviewer's turns (the default).
    Interviewer,
    /// The candidate's turns.
    Candidate,
}

/// How many turns in scope must satisfy a per-turn check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Match {
    /// At least one.
    Any,
    /// Every one.
    All,
}

/// One assertion: a scope (role, turns, phase, time window) and exactly one check.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssertionSpec {
    /// Name in reports and baselines; `<check>-<n>` when absent.
    #[serde(default)]
    pub name: Option<String>,
    /// Whose turns: `interviewer` (default) or `candidate`.
    #[serde(default)]
    pub role: Option<Role>,
    /// That role's turns, 1-based and inclusive: `"2"`, `"2..4"`, `"3.."`, `"..5"`. The
    /// interviewer's turn 1 is the opening.
    #[serde(default)]
    pub turns: Option<String>,
    /// Only turns said in this phase.
    #[serde(default)]
    #[schemars(schema_with = "phase_schema")]
    pub phase: Option<Phase>,
    /// Only turns (or events) in this round-time window, `"mm:ss..mm:ss"` (either end open).
    #[serde(default)]
    pub within: Option<String>,
    /// Only interviewer turns that pressed this way (their recorded intent), so a text check can
    /// read exactly the turns that pressed: "every `no_clarification` turn asks about scale".
    #[serde(default)]
    #[schemars(schema_with = "pressure_schema")]
    pub pressed: Option<PressureKind>,
    /// `any` or `all` turns in scope; each check has its own default.
    #[serde(default, rename = "match")]
    pub match_: Option<Match>,
    /// Overrides the case's `min_pass_rate` for this assertion.
    #[serde(default)]
    pub min_pass_rate: Option<f64>,

    /// The text appears (case-insensitive).
    #[serde(default)]
    pub contains: Option<String>,
    /// The regex matches.
    #[serde(default)]
    pub regex: Option<String>,
    /// The regex matches no turn in scope.
    #[serde(default, rename = "not-regex")]
    pub not_regex: Option<String>,
    /// A turn asks a question (`false`: no turn does), as the shared analysis reads questions.
    #[serde(default, rename = "asks-question")]
    pub asks_question: Option<bool>,
    /// No turn in scope is longer than this many words.
    #[serde(default, rename = "max-words")]
    pub max_words: Option<usize>,
    /// A round event: a warning, a phase change or the end.
    #[serde(default)]
    pub event: Option<EventSpec>,
    /// The hidden fact on this topic is disclosed, and only after the candidate asked about it.
    #[serde(default, rename = "reveals-fact")]
    #[schemars(schema_with = "topic_schema")]
    pub reveals_fact: Option<Topic>,
    /// The interviewer never names a component the candidate has not named.
    #[serde(default, rename = "no-solution-leak")]
    pub no_solution_leak: Option<bool>,
    /// The interviewer never breaks character.
    #[serde(default, rename = "in-persona")]
    pub in_persona: Option<bool>,
    /// A yes/no question a model answers over the turns in scope, quoting them.
    #[serde(default)]
    pub judge: Option<JudgeSpec>,
    /// A turn in scope pressed this way (its recorded intent).
    #[serde(default)]
    #[schemars(schema_with = "pressure_schema")]
    pub pressure: Option<PressureKind>,
    /// A turn in scope probed this hotspot (its recorded intent).
    #[serde(default)]
    #[schemars(schema_with = "concern_schema")]
    pub probe: Option<Concern>,
    /// A turn in scope sprang the twist (`false`: none did).
    #[serde(default)]
    pub twist: Option<bool>,
    /// The critique of the round raises every one of these flag codes.
    #[serde(default, rename = "flags-include")]
    pub flags_include: Option<Vec<String>>,
    /// The critique raises none of these flag codes.
    #[serde(default, rename = "flags-exclude")]
    pub flags_exclude: Option<Vec<String>>,
    /// The critique's score lies in `[low, high]`.
    #[serde(default, rename = "score-range")]
    pub score_range: Option<[f64; 2]>,
}

/// A round event to look for (exactly one key), within the assertion's `within` window.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventSpec {
    /// A time warning with this many minutes left.
    #[serde(default)]
    pub warning: Option<u32>,
    /// A change into this phase.
    #[serde(default)]
    #[schemars(schema_with = "phase_schema")]
    pub phase: Option<Phase>,
    /// The round ends for this reason, as its last event.
    #[serde(default)]
    #[schemars(schema_with = "end_schema")]
    pub end: Option<EndReason>,
}

/// A question for the model judge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JudgeSpec {
    /// A yes/no question about the turns in scope.
    pub question: String,
    /// Samples asked; the majority of those with a verified quote decides (default 3).
    #[serde(default = "default_samples")]
    pub samples: u32,
    /// The answer that passes (default yes).
    #[serde(default = "default_expect")]
    pub expect: bool,
}

fn default_samples() -> u32 {
    3
}

fn default_expect() -> bool {
    true
}

fn strings(values: impl IntoIterator<Item = &'static str>, doc: &str) -> Schema {
    let values: Vec<&str> = values.into_iter().collect();
    json_schema!({ "type": "string", "enum": values, "description": doc })
}

fn level_schema(_: &mut SchemaGenerator) -> Schema {
    strings(
        ["mid", "senior", "staff", "director"],
        "Level (default senior).",
    )
}

fn phase_schema(_: &mut SchemaGenerator) -> Schema {
    strings(Phase::ALL.map(Phase::as_str), "A phase of the round.")
}

fn topic_schema(_: &mut SchemaGenerator) -> Schema {
    strings(Topic::ALL.map(Topic::as_str), "A hidden-requirement topic.")
}

fn concern_schema(_: &mut SchemaGenerator) -> Schema {
    strings(Concern::ALL.map(Concern::as_str), "A hotspot concern.")
}

fn pressure_schema(_: &mut SchemaGenerator) -> Schema {
    strings(
        PressureKind::ALL.map(PressureKind::as_str),
        "A pressure kind.",
    )
}

fn end_schema(_: &mut SchemaGenerator) -> Schema {
    strings(
        ["time-up", "ended", "quit", "model-error"],
        "Why a round ended.",
    )
}
