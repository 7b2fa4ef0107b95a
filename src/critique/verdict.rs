//! From the rubric to the verdict: each flag costs points by its severity, and flags that sink a
//! round on their own cap the verdict below hire, whatever the rubric says.
//!
//! The points are not hand-set: `examples/fit_score.rs` fits them on the dev half of the labelled
//! rounds (`tests/corpus/rounds/`) so that the score ranks the rounds interviewers hired above the
//! ones they did not, and writes them to `prompts/critique/score.toml`; `docs/SCORING.md` says how.
//! The sinking flags are the ones interviewers treat as disqualifying by themselves: a generic
//! template answering an AI question, figures that contradict what the interviewer gave, and no
//! trade-off at all. Text aimed at the grader never moves the score (it was never read).

use std::sync::LazyLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::report::{Flag, FlagCode, Report, Severity, Verdict};

/// The largest share of the rubric flags can take away.
const MAX_PENALTY: f64 = 0.5;

/// The fitted points and the cap (`prompts/critique/score.toml`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreModel {
    /// Points a high-severity flag costs (a point is a percent of the rubric's score).
    pub high: f64,
    /// Points a medium-severity flag costs.
    pub medium: f64,
    /// Points a low-severity flag costs.
    pub low: f64,
    /// The highest score a round with a sinking flag can reach (below the hire bar): its score
    /// is scaled into 0..cap.
    pub cap: u8,
    /// How the points were fitted (for the record).
    pub fitted: String,
}

impl ScoreModel {
    /// Points a flag of `severity` costs.
    pub fn points(&self, severity: Severity) -> f64 {
        match severity {
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
        }
    }
}

/// The embedded model; a test checks it parses.
pub static MODEL: LazyLock<ScoreModel> = LazyLock::new(|| {
    super::data::parse("score.toml").unwrap_or_else(|e| panic!("embedded critique data: {e}"))
});

/// How the score was reached from the rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ScoreBasis {
    /// The rubric's score before any flag, 0-100.
    pub rubric: u8,
    /// Points the flags cost.
    pub penalty: u8,
    /// Flags that sink the round on their own and capped the verdict below hire.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capped_by: Vec<FlagCode>,
    /// The highest score the round could reach whatever its flags: set for a round that ended
    /// before half its slot (the top of lean-hire).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceiling: Option<u8>,
}

/// Whether `flag` sinks a round on its own: a generic template on a known AI question (at high
/// severity; `known_ai` is false when the question's AI-ness was only inferred), facts
/// contradicted again and again (at high severity: one slip is not a pattern), or no trade-off at
/// all (missing trade-offs at high severity).
pub fn sinks(flag: &Flag, known_ai: bool) -> bool {
    match flag.code {
        FlagCode::ContradictsGivenFacts => flag.severity == Severity::High,
        FlagCode::GenericTemplate => known_ai && flag.severity == Severity::High,
        FlagCode::MissingTradeoffs => flag.severity == Severity::High,
        _ => false,
    }
}

/// The flags that count against the score: every flag that stands (a rules flag the judge did not
/// overrule, or one the judge raised with a checked quote), except text aimed at the grader.
pub fn counted(flags: &[Flag]) -> impl Iterator<Item = &Flag> {
    flags
        .iter()
        .filter(|f| f.code != FlagCode::InjectionAttempt && f.stands)
}

/// Scores `report` again from its rubric and the flags that stand now (after the judge settled
/// its disagreements with the rules), with the three fixes that follow from them. A round too
/// short to judge keeps its verdict.
pub(crate) fn rescore(report: &mut Report, known_ai: bool) {
    let (score, verdict, basis) = outcome(
        f64::from(report.score_basis.rubric),
        &report.flags,
        known_ai,
        &MODEL,
        report.score_basis.ceiling,
    );
    report.score = score;
    report.score_basis = basis;
    if report.verdict != Verdict::TooShort {
        report.verdict = verdict;
    }
    let standing: Vec<Flag> = report.flags.iter().filter(|f| f.stands).cloned().collect();
    report.fixes = super::score::fixes(&standing, &report.dimensions, report.level);
}

/// The score and verdict for a rubric score (0-100) and the flags raised; `known_ai` says the
/// question is a bank question that serves or trains models; `ceiling` caps the score whatever
/// else (a round that ended before half its slot).
pub fn outcome(
    rubric: f64,
    flags: &[Flag],
    known_ai: bool,
    model: &ScoreModel,
    ceiling: Option<u8>,
) -> (u8, Verdict, ScoreBasis) {
    // Each point costs a percent of the rubric, up to half of it: a stronger round keeps
    // scoring higher under the same flags, however many there are.
    let penalty: f64 = counted(flags).map(|f| model.points(f.severity)).sum();
    let mut score = rubric * (1.0 - (penalty / 100.0).min(MAX_PENALTY));
    let mut capped_by: Vec<FlagCode> = counted(flags)
        .filter(|f| sinks(f, known_ai))
        .map(|f| f.code)
        .collect();
    capped_by.dedup();
    // A sinking flag squeezes the whole scale under the cap, so rounds keep their order below
    // it.
    if !capped_by.is_empty() {
        score *= f64::from(model.cap) / 100.0;
    }
    let score = (score.round().clamp(0.0, 100.0) as u8).min(ceiling.unwrap_or(100));
    let basis = ScoreBasis {
        rubric: rubric.round().clamp(0.0, 100.0) as u8,
        penalty: penalty.round().clamp(0.0, 100.0) as u8,
        capped_by,
        ceiling,
    };
    (score, Verdict::of_score(score), basis)
}
