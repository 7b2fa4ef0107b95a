//! The stable codes and scales a report speaks in: flag codes, severities, verdicts and layers.
//! Other tools read these names; they never change without a new report version.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The stable flag codes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum FlagCode {
    /// Designed before asking about requirements.
    NoClarification,
    /// Never estimated load or size.
    NoSizing,
    /// Heavy machinery with no load to justify it.
    Overengineering,
    /// Choices made without weighing alternatives.
    MissingTradeoffs,
    /// Cost never weighed.
    MissingCostTradeoff,
    /// Latency never weighed.
    MissingLatencyTradeoff,
    /// A generic template instead of what this workload needs.
    GenericTemplate,
    /// An AI workload with no serving, GPU, evaluation or drift story.
    MissingAiConsiderations,
    /// Security and privacy never raised where the question needs them.
    SecurityOmitted,
    /// Time spent far from the plan: requirements overran, or the deep dive was never reached.
    PoorTimeAllocation,
    /// Components named with no reason given.
    UnexplainedChoices,
    /// Text aimed at a grader or model rather than the interviewer.
    InjectionAttempt,
    /// Figures far from what the interviewer gave, or worked sums that do not hold.
    ContradictsGivenFacts,
    /// An interviewer's question or twist the candidate never addressed.
    IgnoredQuestion,
    /// Asked the interviewer for the answer or for hints again and again instead of designing.
    LeanedOnInterviewer,
}

impl FlagCode {
    /// Every code, in the order reports list them.
    pub const ALL: [FlagCode; 15] = [
        FlagCode::NoClarification,
        FlagCode::NoSizing,
        FlagCode::Overengineering,
        FlagCode::MissingTradeoffs,
        FlagCode::MissingCostTradeoff,
        FlagCode::MissingLatencyTradeoff,
        FlagCode::GenericTemplate,
        FlagCode::MissingAiConsiderations,
        FlagCode::SecurityOmitted,
        FlagCode::PoorTimeAllocation,
        FlagCode::UnexplainedChoices,
        FlagCode::InjectionAttempt,
        FlagCode::ContradictsGivenFacts,
        FlagCode::IgnoredQuestion,
        FlagCode::LeanedOnInterviewer,
    ];

    /// The stable code as written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            FlagCode::NoClarification => "no-clarification",
            FlagCode::NoSizing => "no-sizing",
            FlagCode::Overengineering => "overengineering",
            FlagCode::MissingTradeoffs => "missing-tradeoffs",
            FlagCode::MissingCostTradeoff => "missing-cost-tradeoff",
            FlagCode::MissingLatencyTradeoff => "missing-latency-tradeoff",
            FlagCode::GenericTemplate => "generic-template",
            FlagCode::MissingAiConsiderations => "missing-ai-considerations",
            FlagCode::SecurityOmitted => "security-omitted",
            FlagCode::PoorTimeAllocation => "poor-time-allocation",
            FlagCode::UnexplainedChoices => "unexplained-choices",
            FlagCode::InjectionAttempt => "injection-attempt",
            FlagCode::ContradictsGivenFacts => "contradicts-given-facts",
            FlagCode::IgnoredQuestion => "ignored-question",
            FlagCode::LeanedOnInterviewer => "leaned-on-interviewer",
        }
    }

    /// The code named `s`, if it is one.
    pub fn parse(s: &str) -> Option<FlagCode> {
        FlagCode::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for FlagCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much a flag costs the candidate.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth fixing; rarely decides the outcome alone.
    Low,
    /// Costs a level of the verdict.
    Medium,
    /// Costs the offer on its own.
    High,
}

impl Severity {
    /// One notch milder (for levels that get more slack).
    pub fn milder(self) -> Severity {
        match self {
            Severity::High => Severity::Medium,
            _ => Severity::Low,
        }
    }

    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

/// The hiring recommendation the score maps to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Too short to judge: too few words from the candidate, or too few minutes (the report says
    /// which). Ranks below every judged verdict; left out of `hotseat progress`.
    TooShort,
    /// Below the bar on several dimensions.
    NoHire,
    /// Some signal, more gaps.
    LeanNoHire,
    /// Near the bar; gaps that coaching closes.
    LeanHire,
    /// At the bar for the level.
    Hire,
    /// Clearly above the bar.
    StrongHire,
}

impl Verdict {
    /// The verdict a score earns.
    pub fn of_score(score: u8) -> Verdict {
        match score {
            80.. => Verdict::StrongHire,
            65..=79 => Verdict::Hire,
            50..=64 => Verdict::LeanHire,
            35..=49 => Verdict::LeanNoHire,
            _ => Verdict::NoHire,
        }
    }

    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::NoHire => "no-hire",
            Verdict::LeanNoHire => "lean-no-hire",
            Verdict::LeanHire => "lean-hire",
            Verdict::Hire => "hire",
            Verdict::StrongHire => "strong-hire",
            Verdict::TooShort => "too-short",
        }
    }
}

/// Which layer of the critique found something.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Layer {
    /// The deterministic rules over the shared analysis.
    Rules,
    /// The model judge: one binary question per criterion, quotes checked.
    Judge,
}
