//! The critique: turns a round (ours, or a transcript the user brings) into evidence-backed
//! feedback a real interviewer would sign.
//!
//! Two layers. The rules ([`critique`]) are deterministic and always on: they read the shared
//! [`crate::analysis`] of the candidate's words, never the words themselves, and raise a flag only
//! with a quote (or, for an absence, the phase it was due in and the moment the design committed
//! without it). The judge ([`judge::judge`]) runs when a model is configured: one binary question
//! per criterion, structured output, every quote checked against the transcript.
//!
//! Flow: [`input::Dialogue`] (roles decided) → `read` (text aimed at the grader cut out, times
//! given or estimated, the analysis) → [`profile::Profile`] (what this question needs) →
//! `timeline` (phase of work per turn, minutes per phase) → `rules` → `score` → [`Report`], which
//! [`render`] prints as text, markdown, JSON or HTML.

pub mod debrief;
pub mod input;
pub mod judge;
pub mod profile;
pub mod progress;
pub mod render;
pub mod report;

mod answers;
mod call;
mod codes;
mod coverage;
mod data;
mod facts;
mod level;
mod meaning;
mod read;
pub(crate) mod rules;
mod score;
mod span;
mod speakers;
mod strengths;
mod substance;
mod texts;
mod timeline;
pub mod verdict;

use std::collections::BTreeMap;
use std::time::Duration;

use crate::clock::TimePlan;
use crate::persona::Persona;
use crate::question::Level;

pub use input::{Dialogue, InputError, RawTurn, ReadError, Role};
pub use level::{StatedLevel, stated_level};
pub use profile::Profile;
pub use read::WORDS_PER_MINUTE;
pub use report::{Flag, FlagCode, Layer, Report, Severity, Verdict, report_schema};
pub use score::DIMENSIONS;

use report::{LayerRun, QuestionInfo, REPORT_VERSION, SourceInfo};

/// What the round is judged against.
#[derive(Debug, Clone)]
pub struct Setup {
    /// What the question needs.
    pub profile: Profile,
    /// The level.
    pub level: Level,
    /// Where the call named the level, when it was taken from there (see [`stated_level`]).
    pub level_said: Option<StatedLevel>,
    /// The persona whose weights apply, if any.
    pub persona: Option<String>,
    /// Rubric weights by dimension key (missing keys weigh 1).
    pub weights: BTreeMap<String, f64>,
    /// The round's plan (scaled to the round's length when compared).
    pub plan: TimePlan,
}

impl Setup {
    /// Neutral weights and the default 45-minute plan.
    pub fn new(profile: Profile, level: Level) -> Setup {
        Setup {
            profile,
            level,
            level_said: None,
            persona: None,
            weights: BTreeMap::new(),
            plan: TimePlan::default(),
        }
    }

    /// The same setup with `persona`'s weights and plan.
    pub fn with_persona(mut self, persona: &Persona) -> Setup {
        self.persona = Some(persona.id.clone());
        self.weights = persona.weights.clone();
        self.plan = persona.time_plan.clone();
        self
    }

    /// The same setup judged at the level the call itself named, when it named one: an
    /// import's set-up talk ("what level are you applying at?" / "principal").
    pub fn with_stated_level(mut self, dialogue: &Dialogue) -> Setup {
        if let Some(said) = stated_level(dialogue) {
            self.level = said.level;
            self.level_said = Some(said);
        }
        self
    }

    /// The same setup with this plan.
    pub fn with_plan(mut self, plan: TimePlan) -> Setup {
        self.plan = plan;
        self
    }
}

/// Rounds shorter than this are too short to judge time allocation (same floor as the rule).
const TIME_JUDGED_FROM: Duration = Duration::from_secs(15 * 60);

/// The highest score of a round that ended before half its slot (the top of lean-hire).
const ENDED_EARLY_CEILING: u8 = 64;

/// The highest score of a round that ended before a quarter of its slot (the top of
/// lean-no-hire).
const ENDED_VERY_EARLY_CEILING: u8 = 49;

/// The rule layer over `dialogue`: deterministic, no model.
pub fn critique(dialogue: &Dialogue, setup: &Setup) -> Report {
    let reading = read::read(dialogue);
    let given = facts::given(&reading);
    let sub = substance::substance(&reading, !setup.profile.ai_workload);
    let topics = timeline::topics(&reading, &setup.profile);
    let time = timeline::allocation(&reading, &topics, &setup.plan);
    let cov = coverage::coverage(&reading, &setup.profile, &sub);
    let ctx = rules::Ctx {
        reading: &reading,
        profile: &setup.profile,
        level: setup.level,
        subjects: &topics.per_turn,
        time: &time,
        coverage: &cov,
        substance: &sub,
        given: &given,
        slot_known: dialogue.header.is_some(),
    };
    let flags = rules::flags(&ctx);
    // A round ended before half its slot shows too little to be hired on, however good its
    // minutes were: the score stops at the top of lean-hire, and the report says why.
    // Before a quarter of the slot, not even lean-hire: a few minutes are an unfinished round.
    let ceiling = if rules::time::ended_before(&ctx, 4) {
        Some(ENDED_VERY_EARLY_CEILING)
    } else {
        rules::time::ended_before_half(&ctx).then_some(ENDED_EARLY_CEILING)
    };
    let mut scored = score::score(
        &reading.analysis,
        &sub,
        &cov,
        &setup.profile,
        setup.level,
        &setup.weights,
        &flags,
    );
    if let Some(c) = ceiling {
        scored.cap(c);
    }
    let fixes = score::fixes(&flags, &scored.dimensions, setup.level);
    let strengths = strengths::strengths(
        &reading.analysis,
        &sub,
        &cov,
        &time,
        reading.duration >= TIME_JUDGED_FROM,
    );
    let header = dialogue.header.as_ref();
    let too_short = too_short(reading.analysis.words, reading.duration);
    let (verdict, reason) = match too_short {
        Some(why) => (Verdict::TooShort, Some(why)),
        None if ceiling.is_some_and(|c| scored.score >= c) => (
            scored.verdict,
            Some(format!(
                "capped at {}: the round ended at {} of a {} slot, too early to show depth",
                scored.verdict.as_str(),
                crate::clock::mmss(reading.duration),
                crate::clock::mmss(Duration::from_millis(time.plan_ms))
            )),
        ),
        None => (scored.verdict, None),
    };
    Report {
        version: REPORT_VERSION,
        score: scored.score,
        verdict,
        verdict_reason: reason,
        score_basis: scored.basis,
        level: setup.level,
        level_said: (setup.level_said.as_ref()).map(|s| format!("{}: \"{}\"", s.at, s.quote)),
        persona: setup.persona.clone(),
        candidate: dialogue.candidate.clone(),
        question: QuestionInfo {
            id: setup.profile.id.clone(),
            title: setup.profile.title.clone(),
            ai_workload: setup.profile.ai_workload,
            source: setup.profile.source.clone(),
            confidence: setup.profile.confidence,
        },
        source: SourceInfo {
            format: dialogue.format.clone(),
            session_id: header.map(|h| h.session_id.clone()),
            started_at: header.map(|h| h.started_at.clone()),
            turns: dialogue.turns.len(),
            candidate_words: reading.analysis.words,
        },
        timing_estimated: reading.timing_estimated,
        skipped_lines: dialogue.skipped_lines,
        round: dialogue.bounds.clone(),
        dimensions: scored.dimensions,
        time_allocation: time,
        layers: vec![LayerRun {
            layer: Layer::Rules,
            ran: true,
            flags: flags.len(),
            verdicts: None,
            note: None,
        }],
        flags,
        fixes,
        strengths,
    }
}

/// Why a round is too short to judge, if it is: fewer candidate words, or fewer minutes, than
/// `prompts/critique/round.toml` asks for. A few sentences say nothing about how someone designs,
/// and a no-hire on them would only bend the trend in `hotseat progress`.
fn too_short(candidate_words: usize, duration: Duration) -> Option<String> {
    let data = &*span::ROUND;
    let minutes = duration.as_secs_f64() / 60.0;
    if candidate_words < data.too_short_words {
        Some(format!(
            "too short to judge: the candidate spoke {candidate_words} words (a round needs at least {})",
            data.too_short_words
        ))
    } else if minutes < data.too_short_minutes {
        Some(format!(
            "too short to judge: the round lasted {} (a round needs at least {} minutes)",
            crate::clock::mmss(duration),
            data.too_short_minutes
        ))
    } else {
        None
    }
}
