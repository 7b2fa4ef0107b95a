//! The critique's side of the evals: `flags-include`, `flags-exclude` and `score-range` read the
//! report `hotseat critique` makes of the run's transcript. There is one critique in hotseat; the
//! evals only call it.

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
    pub fn of(_record: &super::run::RunRecord, _setup: &crate::interview::RoundSetup) -> Self {
        Verdicts::Unavailable("critique not available: `hotseat critique` has not landed in this build".into())
    }

    /// Every code in `codes` was raised.
    pub fn flags_include(&self, codes: &[String]) -> Verdict {
        match self {
            Verdicts::Report { flags, .. } => {
                let missing: Vec<&str> = codes.iter().filter(|c| !flags.contains(c)).map(String::as_str).collect();
                if missing.is_empty() {
                    Verdict::pass()
                } else {
                    Verdict::fail(format!("the critique did not raise {} (raised: {})", missing.join(", "), list(flags)))
                }
            }
            Verdicts::Unavailable(why) => Verdict::fail(why.clone()),
        }
    }

    /// No code in `codes` was raised.
    pub fn flags_exclude(&self, codes: &[String]) -> Verdict {
        match self {
            Verdicts::Report { flags, .. } => {
                let raised: Vec<&str> = codes.iter().filter(|c| flags.contains(c)).map(String::as_str).collect();
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
            Verdicts::Report { score, .. } => Verdict::fail(format!("the critique scored {score}, outside {lo}..{hi}")),
            Verdicts::Unavailable(why) => Verdict::fail(why.clone()),
        }
    }
}

fn list(flags: &[String]) -> String {
    if flags.is_empty() { "none".into() } else { flags.join(", ") }
}
