//! The critique's side of the evals: `flags-include`, `flags-exclude` and `score-range` read the
//! report `hotseat critique` makes of the run's transcript. There is one critique in hotseat; the
//! evals only call it, with its rule layer (deterministic, so a verdict is reproducible), against
//! the question's own profile, the persona's weights and the round's plan.

use crate::critique::{Dialogue, Profile, Setup, critique};
use crate::transcript::Transcript;

use super::check::Verdict;

/// What the critique said about one run, or why there is nothing to read.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdicts {
    /// The critique's report, reduced to what assertions read.
    Report {
        /// Score 0-100.
        score: f64,
        /// Flag codes raised.
        flags: Vec<String>,
    },
    /// No report: why.
    Unavailable(String),
}

impl Verdicts {
    /// The critique of a finished run, when the run asks for one.
    pub fn of(record: &super::run::RunRecord, setup: &crate::interview::RoundSetup) -> Self {
        let transcript = Transcript {
            header: crate::interview::round::header(setup, "eval", "eval", None, Some(record.seed)),
            events: record.events.clone(),
            torn_tail: false,
        };
        let dialogue = match Dialogue::from_transcript(&transcript) {
            Ok(d) => d,
            Err(e) => {
                return Verdicts::Unavailable(format!(
                    "the critique could not read the round: {e}"
                ));
            }
        };
        let cs = Setup::new(
            Profile::of_question(&setup.question, "eval case"),
            setup.level,
        )
        .with_persona(&setup.persona)
        .with_plan(setup.plan.clone());
        let report = critique(&dialogue, &cs);
        Verdicts::Report {
            score: f64::from(report.score),
            flags: report
                .flags
                .iter()
                .map(|f| f.code.as_str().to_string())
                .collect(),
        }
    }

    /// Every code in `codes` was raised.
    pub fn flags_include(&self, codes: &[String]) -> Verdict {
        match self {
            Verdicts::Report { flags, .. } => {
                let missing: Vec<&str> = codes
                    .iter()
                    .filter(|c| !flags.contains(c))
                    .map(String::as_str)
                    .collect();
                if missing.is_empty() {
                    Verdict::pass()
                } else {
                    Verdict::fail(format!(
                        "the critique did not raise {} (raised: {})",
                        missing.join(", "),
                        list(flags)
                    ))
                }
            }
            Verdicts::Unavailable(why) => Verdict::fail(why.clone()),
        }
    }

    /// No code in `codes` was raised.
    pub fn flags_exclude(&self, codes: &[String]) -> Verdict {
        match self {
            Verdicts::Report { flags, .. } => {
                let raised: Vec<&str> = codes
                    .iter()
                    .filter(|c| flags.contains(c))
                    .map(String::as_str)
                    .collect();
                if raised.is_empty() {
                    Verdict::pass()
                } else {
                    Verdict::fail(format!("the critique raised {}", raised.join(", ")))
                }
            }
            Verdicts::Unavailable(why) => Verdict::fail(why.clone()),
        }
    }

    /// The score lies within `[lo, hi]`.
    pub fn score_range(&self, lo: f64, hi: f64) -> Verdict {
        match self {
            Verdicts::Report { score, .. } if (lo..=hi).contains(score) => Verdict::pass(),
            Verdicts::Report { score, .. } => {
                Verdict::fail(format!("the critique scored {score}, outside {lo}..{hi}"))
            }
            Verdicts::Unavailable(why) => Verdict::fail(why.clone()),
        }
    }
}

fn list(flags: &[String]) -> String {
    if flags.is_empty() {
        "none".into()
    } else {
        flags.join(", ")
    }
}
