//! The critique's output: a [`Report`] that serialises to the published JSON Schema
//! (`docs/critique.schema.json`) and that every renderer reads.
//!
//! Field names and flag codes are a public contract: other tools read them. Add fields; never
//! rename or remove one without bumping [`REPORT_VERSION`].

use std::borrow::Cow;
use std::time::Duration;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::clock::{Phase, mmss};
use crate::question::Level;

pub use super::codes::{FlagCode, Layer, Severity, Verdict};

/// The report format's version.
pub const REPORT_VERSION: u32 = 1;

/// A place in the transcript that backs a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Citation {
    /// The turn number (1-based, both speakers counted, as in the transcript).
    pub turn: usize,
    /// When, as mm:ss (or h:mm:ss) from the start of the round.
    pub at: String,
    /// When, in milliseconds.
    pub at_ms: u64,
    /// Verbatim from the transcript.
    pub quote: String,
    /// For an absence: the phase in which the missing thing was due. The quote is then the moment
    /// the design committed without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Phase>,
    /// What this citation shows, when the quote alone does not say it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Citation {
    /// A citation of `quote` in `turn` at `at`.
    pub fn new(turn: usize, at: Duration, quote: impl Into<String>) -> Self {
        Self {
            turn,
            at: mmss(at),
            at_ms: at.as_millis() as u64,
            quote: quote.into(),
            due: None,
            note: None,
        }
    }

    /// The same citation marking an absence due in `phase`.
    pub fn absent_in(mut self, phase: Phase) -> Self {
        self.due = Some(phase);
        self
    }

    /// The same citation with a note.
    pub fn noted(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

/// What the judge said about a rules flag's criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct JudgeNote {
    /// Whether the judge found the same problem.
    pub agrees: bool,
    /// The judge's one-sentence reason.
    pub reason: String,
}

/// One problem found, with proof and one piece of advice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Flag {
    /// The stable code.
    pub code: FlagCode,
    /// How much it costs.
    pub severity: Severity,
    /// Which layer raised it.
    pub layer: Layer,
    /// One sentence saying what happened.
    pub summary: String,
    /// Where the transcript shows it.
    pub evidence: Vec<Citation>,
    /// One concrete thing to do differently, tied to the cited moment.
    pub advice: String,
    /// The judge's view, when the judge ran and asked about this code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judge: Option<JudgeNote>,
    /// Which layer's verdict decides whether the flag stands: the rules when they raised it and
    /// the judge agreed or was not asked, the judge when it raised the flag on its own or
    /// overruled the rules with a checked verdict.
    #[serde(default = "rules_layer")]
    pub decided_by: Layer,
    /// Whether the flag stands and counts against the score (false when the judge overruled it).
    #[serde(default = "standing")]
    pub stands: bool,
}

fn rules_layer() -> Layer {
    Layer::Rules
}

fn standing() -> bool {
    true
}

/// Something the candidate did well, as specific as a flag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Strength {
    /// What went well, with when.
    pub text: String,
    /// Where.
    pub evidence: Vec<Citation>,
}

/// One of the three changes that would move the outcome most.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Fix {
    /// The flag it fixes.
    pub code: FlagCode,
    /// What to do.
    pub text: String,
    /// Roughly how many points fixing it would add.
    pub gain: u8,
}

/// A rubric dimension's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Dimension {
    /// The dimension's key: clarification, sizing, tradeoffs, ai_depth, balance, resilience,
    /// efficiency, observability, upgradeability.
    pub name: String,
    /// A human label.
    pub label: String,
    /// 0-100.
    pub score: u8,
    /// The weight it carried (persona weight times level emphasis).
    pub weight: f64,
    /// What the score rests on.
    pub basis: String,
}

/// Time spent in one phase against the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PhaseTime {
    /// The phase.
    pub phase: Phase,
    /// A human label.
    pub label: String,
    /// Milliseconds the candidate spent doing this phase's work.
    pub actual_ms: u64,
    /// Milliseconds the plan gives it (scaled to the round's length).
    pub planned_ms: u64,
    /// When the candidate first did this phase's work, if ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_at_ms: Option<u64>,
}

/// Time spent on one topic of discussion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TopicTime {
    /// The topic's key: `requirements`, `sizing`, `api-data-model`, `high-level`, `operations`,
    /// `wrap-up`, or, for one of the question's hotspots, the concern's name (`caching`,
    /// `model-serving`, ...).
    pub topic: String,
    /// A human label.
    pub label: String,
    /// Whether it is one of the question's hotspots (where the deep dive belongs).
    pub hotspot: bool,
    /// The phase of the plan its work belongs to.
    pub phase: Phase,
    /// Milliseconds spent on it (interviewer and candidate turns together).
    pub actual_ms: u64,
    /// When the candidate first spoke to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_at_ms: Option<u64>,
}

/// Time per topic and per phase, judged from what was discussed turn by turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TimeAllocation {
    /// The round's length in milliseconds.
    pub total_ms: u64,
    /// The plan's length before scaling to the round, in milliseconds.
    pub plan_ms: u64,
    /// Each phase, in order: the topics' time summed by the phase their work belongs to.
    pub phases: Vec<PhaseTime>,
    /// Each topic discussed, in the order first reached.
    #[serde(default)]
    pub topics: Vec<TopicTime>,
}

/// Who was taken as the candidate, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CandidateChoice {
    /// The candidate's speaker name as the transcript writes it.
    pub name: String,
    /// The other speakers, taken as interviewers.
    pub interviewers: Vec<String>,
    /// Whether the choice was inferred (no `--candidate` and no roles in the file).
    pub inferred: bool,
    /// Why.
    pub reason: String,
}

/// Which question the round was judged against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct QuestionInfo {
    /// The bank's id, when the question is known or matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its title, or the generic profile's name.
    pub title: String,
    /// Whether it is an AI workload.
    pub ai_workload: bool,
    /// How it was found: the transcript header, a match on the prompt (by words or by meaning),
    /// or an inference from the problem statement (AI workload or not, hotspots, must-haves).
    pub source: String,
    /// How sure the match or the inference is (0-1); absent when the transcript names the question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
}

/// What a layer did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LayerRun {
    /// The layer.
    pub layer: Layer,
    /// Whether it ran.
    pub ran: bool,
    /// Flags it raised (for the judge: new ones the rules had not).
    pub flags: usize,
    /// For the judge: verdicts asked for, kept, and dropped for a quote not in the transcript.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdicts: Option<VerdictCounts>,
    /// Why it did not run, or what went wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How the judge's verdicts fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct VerdictCounts {
    /// Criteria asked.
    pub asked: usize,
    /// Verdicts kept (quote found verbatim, or no quote needed).
    pub kept: usize,
    /// Verdicts dropped because their quote is not in the transcript.
    pub invented_quotes: usize,
    /// Calls that failed or replies that did not parse.
    pub failed: usize,
    /// Prompt tokens the judge spent, as the server reported them (0 when it did not).
    #[serde(default)]
    pub prompt_tokens: u64,
    /// Completion tokens the judge spent, as reported.
    #[serde(default)]
    pub completion_tokens: u64,
}

/// Where the round came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SourceInfo {
    /// The file's format (hotseat-jsonl, text, markdown, vtt, srt).
    pub format: String,
    /// The session id, for our own transcripts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// When the round started (RFC 3339), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    /// Turns of dialogue read.
    pub turns: usize,
    /// Words the candidate spoke.
    pub candidate_words: usize,
}

/// A stretch of the call that was not judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LeftOutPart {
    /// What kind: `preamble` (text above the first turn), `notes` (a notes block between turns),
    /// `page-text` (web-page text glued to the last line), `before-round` (introductions and small
    /// talk before the problem statement), `after-round` (feedback and Q&A after the design).
    pub kind: String,
    /// What it is, in a sentence.
    pub what: String,
    /// The 1-based line of the file it starts on, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_line: Option<usize>,
    /// The 1-based line it ends on, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_line: Option<usize>,
    /// Turns of dialogue in it (0 for text that is not dialogue).
    pub turns: usize,
    /// Its words.
    pub words: usize,
}

/// Where the judged round was taken to begin and end inside an imported call, and what was left
/// out of the judgement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RoundBounds {
    /// The first turn judged (numbered over the whole call, both speakers).
    pub start_turn: usize,
    /// The file line it starts on, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_line: Option<usize>,
    /// Why the round was taken to begin there (the problem statement, quoted).
    pub start_why: String,
    /// The last turn judged.
    pub end_turn: usize,
    /// The file line it starts on, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_line: Option<usize>,
    /// Why the round was taken to end there (the cue that closed the design, quoted).
    pub end_why: String,
    /// What was left out, in file order.
    pub left_out: Vec<LeftOutPart>,
    /// What the importer repaired on the way (restarting clocks, rejoined turns).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The critique of one round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// The report format's version.
    pub version: u32,
    /// 0-100; a stronger round scores higher.
    pub score: u8,
    /// The recommendation.
    pub verdict: Verdict,
    /// Why, when the verdict is `too-short` (what the round lacked to be judged) or was capped (a
    /// round that ended before half its slot stops at lean-hire).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict_reason: Option<String>,
    /// How the score was reached: the rubric, what the flags cost, and any cap.
    pub score_basis: super::verdict::ScoreBasis,
    /// The level the round was judged at.
    pub level: Level,
    /// Where the level came from when the call itself named it (an import's set-up talk: "line
    /// 25: …I am targeting principal…"); absent when it was given or is the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_said: Option<String>,
    /// The persona whose weights applied, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persona: Option<String>,
    /// Who was taken as the candidate.
    pub candidate: CandidateChoice,
    /// What the round was about.
    pub question: QuestionInfo,
    /// Where it came from.
    pub source: SourceInfo,
    /// Whether times were estimated from words spoken (about 150 a minute).
    pub timing_estimated: bool,
    /// Lines of the file that were not dialogue (headings, notes pasted in) and were left out.
    pub skipped_lines: usize,
    /// For an imported call: where the round was found inside it and what was left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<RoundBounds>,
    /// Rubric dimensions.
    pub dimensions: Vec<Dimension>,
    /// Time per phase against the plan.
    pub time_allocation: TimeAllocation,
    /// Problems found, most severe first.
    pub flags: Vec<Flag>,
    /// The three fixes that would change the outcome most.
    pub fixes: Vec<Fix>,
    /// What went well.
    pub strengths: Vec<Strength>,
    /// What each layer did.
    pub layers: Vec<LayerRun>,
}

impl Report {
    /// Whether a flag with this code was raised (by any layer).
    pub fn has(&self, code: FlagCode) -> bool {
        self.flags.iter().any(|f| f.code == code)
    }

    /// The codes raised, in report order.
    pub fn codes(&self) -> Vec<FlagCode> {
        self.flags.iter().map(|f| f.code).collect()
    }
}

/// The JSON Schema of [`Report`], as published in `docs/critique.schema.json`.
pub fn report_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Report)).unwrap_or_default()
}

impl JsonSchema for Phase {
    fn schema_name() -> Cow<'static, str> {
        "Phase".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A phase of the round.",
            "type": "string",
            "enum": ["clarify", "high-level", "deep-dive", "tradeoffs", "wrap-up"],
        })
    }
}

impl JsonSchema for Level {
    fn schema_name() -> Cow<'static, str> {
        "Level".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The level the round is pitched at.",
            "type": "string",
            "enum": ["mid", "senior", "staff", "director"],
        })
    }
}
