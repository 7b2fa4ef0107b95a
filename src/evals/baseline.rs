//! Baselines: k/N per assertion from a run known to be good, with what it was made with (case
//! fingerprints, model id, prompts and personas), and the comparison that gates a change on them.
//!
//! A drop is a regression when the one-sided Fisher exact test says it is unlikely to be noise
//! (p < 0.05), never on a mean. A case whose baseline was made from another version of the case, or
//! (for model cases) with another model or other prompts, is reported as stale and not compared:
//! those numbers measured something else. A persona that changed is compared: catching what a
//! persona edit broke is what the baseline is for.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::result::{CaseStatus, SuiteResult};
use super::stats::{PassRate, drop_p_value, dropped};

/// The baseline format's version.
pub const BASELINE_VERSION: u32 = 1;

/// A stored baseline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Format version.
    pub version: u32,
    /// Fingerprint of the prompts it was made with.
    pub prompts: String,
    /// Fingerprint of each persona it was made with.
    pub personas: BTreeMap<String, String>,
    /// Per case id.
    pub cases: BTreeMap<String, BaselineCase>,
}

/// One case in a baseline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineCase {
    /// Fingerprint of the case as it was.
    pub fingerprint: String,
    /// Persona id.
    pub persona: String,
    /// The model id, for model cases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// k/N per assertion name.
    pub assertions: BTreeMap<String, PassRate>,
}

/// Why a baseline could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// File I/O.
    #[error("{path}: {cause}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        cause: String,
    },
    /// Not a baseline.
    #[error("{path}: not a hotseat baseline: {cause}")]
    Format {
        /// The file.
        path: String,
        /// The cause.
        cause: String,
    },
}

/// An assertion that dropped significantly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Regression {
    /// Case id.
    pub case: String,
    /// Assertion name.
    pub assertion: String,
    /// k/N in the baseline.
    pub before: PassRate,
    /// k/N now.
    pub after: PassRate,
    /// One-sided Fisher p-value.
    pub p: f64,
}

/// A baseline entry that was not compared, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stale {
    /// Case id.
    pub case: String,
    /// Why it was not compared.
    pub why: String,
}

/// The comparison of a run with a baseline.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Comparison {
    /// The baseline file.
    pub file: String,
    /// Significant drops: the suite fails on any.
    pub regressions: Vec<Regression>,
    /// Entries not compared.
    pub stale: Vec<Stale>,
    /// Everything else worth saying (new cases, changed personas).
    pub notes: Vec<String>,
}

impl Baseline {
    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Self, BaselineError> {
        let p = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| BaselineError::Io {
            path: p.clone(),
            cause: e.to_string(),
        })?;
        Self::parse(&p, &text)
    }

    /// Parses a baseline's text (`path` names it in errors).
    pub fn parse(path: &str, text: &str) -> Result<Self, BaselineError> {
        let p = path.to_string();
        let b: Baseline = serde_json::from_str(text).map_err(|e| BaselineError::Format {
            path: p.clone(),
            cause: e.to_string(),
        })?;
        if b.version != BASELINE_VERSION {
            let cause = format!(
                "version {} (this hotseat writes {BASELINE_VERSION})",
                b.version
            );
            return Err(BaselineError::Format { path: p, cause });
        }
        Ok(b)
    }

    /// This baseline with the cases of `run` written over their old entries (others are kept, so
    /// a filtered or sharded run updates only what it ran). A case whose runs errored keeps its
    /// old entry: its k/N measured the endpoint, not the interviewer.
    pub fn updated(mut self, run: &SuiteResult) -> Self {
        self.version = BASELINE_VERSION;
        self.prompts = run.prompts.clone();
        self.personas = run.personas.clone();
        for c in run.cases.iter().filter(|c| c.status != CaseStatus::Error) {
            let entry = BaselineCase {
                fingerprint: c.fingerprint.clone(),
                persona: c.persona.clone(),
                model: c.model.clone(),
                assertions: c
                    .assertions
                    .iter()
                    .map(|a| (a.name.clone(), a.rate))
                    .collect(),
            };
            self.cases.insert(c.id.clone(), entry);
        }
        self
    }

    /// Writes the baseline as pretty JSON (sorted keys, so diffs are small), whole and private.
    pub fn save(&self, path: &Path) -> Result<(), BaselineError> {
        let p = path.display().to_string();
        let io = |e: std::io::Error| BaselineError::Io {
            path: p.clone(),
            cause: e.to_string(),
        };
        let mut text = serde_json::to_string_pretty(self).expect("a baseline serialises");
        text.push('\n');
        crate::files::write_atomic(path, text.as_bytes()).map_err(io)
    }

    /// Compares `run` with this baseline.
    pub fn compare(&self, run: &SuiteResult, file: &str) -> Comparison {
        let mut out = Comparison {
            file: file.to_string(),
            ..Comparison::default()
        };
        let mut changed: Vec<&str> = Vec::new();
        for (id, hash) in &run.personas {
            if self.personas.get(id).is_some_and(|h| h != hash) {
                changed.push(id);
            }
        }
        for c in &run.cases {
            let Some(b) = self.cases.get(&c.id) else {
                out.notes
                    .push(format!("{}: new, not in the baseline", c.id));
                continue;
            };
            let stale = if b.fingerprint != c.fingerprint {
                Some("the case changed since the baseline".to_string())
            } else if c.model.is_some() && b.model != c.model {
                Some(format!(
                    "the baseline was made with model {}, this run used {}",
                    b.model.as_deref().unwrap_or("none"),
                    c.model.as_deref().unwrap_or("none")
                ))
            } else if c.model.is_some() && self.prompts != run.prompts {
                Some("the baseline was made with other prompts".to_string())
            } else {
                None
            };
            if let Some(why) = stale {
                out.stale.push(Stale {
                    case: c.id.clone(),
                    why: format!("{why}; not compared (update it with --update-baseline)"),
                });
                continue;
            }
            if changed.contains(&c.persona.as_str()) {
                out.notes.push(format!(
                    "{}: persona `{}` changed since the baseline",
                    c.id, c.persona
                ));
            }
            for a in &c.assertions {
                let Some(before) = b.assertions.get(&a.name) else {
                    out.notes.push(format!(
                        "{} / {}: new assertion, not in the baseline",
                        c.id, a.name
                    ));
                    continue;
                };
                if dropped(*before, a.rate) {
                    out.regressions.push(Regression {
                        case: c.id.clone(),
                        assertion: a.name.clone(),
                        before: *before,
                        after: a.rate,
                        p: super::result::round3(drop_p_value(*before, a.rate)),
                    });
                }
            }
        }
        out.notes.sort();
        out.notes.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evals::result::{AssertionResult, CaseResult};

    fn run(k: u32, fingerprint: &str, model: Option<&str>, prompts: &str) -> SuiteResult {
        SuiteResult {
            mode: "offline".into(),
            prompts: prompts.into(),
            personas: [("google".to_string(), "g1".to_string())].into(),
            cases: vec![CaseResult {
                id: "c".into(),
                file: "c.toml".into(),
                description: String::new(),
                persona: "google".into(),
                question: "q".into(),
                engine: "offline".into(),
                model: model.map(str::to_string),
                fingerprint: fingerprint.into(),
                runs: PassRate::new(k, 5),
                assertions: vec![AssertionResult::new(
                    "presses",
                    "pressure",
                    PassRate::new(k, 5),
                    0.5,
                    vec![],
                )],
                errored: 0,
                errors: vec![],
                status: if k == 5 {
                    CaseStatus::Pass
                } else {
                    CaseStatus::Fail
                },
                passed: k == 5,
                harness: Default::default(),
                engine_work: Default::default(),
            }],
            wall: Default::default(),
        }
    }

    #[test]
    fn a_significant_drop_names_the_assertion() {
        let base = Baseline::default().updated(&run(5, "f", None, "p"));
        let cmp = base.compare(&run(0, "f", None, "p"), "b.json");
        assert_eq!(cmp.regressions.len(), 1);
        assert_eq!(cmp.regressions[0].assertion, "presses");
        assert!(
            base.compare(&run(4, "f", None, "p"), "b.json")
                .regressions
                .is_empty()
        );
    }

    #[test]
    fn stale_entries_are_reported_not_compared() {
        let base = Baseline::default().updated(&run(5, "f", Some("m1"), "p"));
        let cmp = base.compare(&run(0, "changed", Some("m1"), "p"), "b.json");
        assert!(cmp.regressions.is_empty());
        assert!(cmp.stale[0].why.contains("case changed"), "{cmp:?}");
        let cmp = base.compare(&run(0, "f", Some("m1"), "other-prompts"), "b.json");
        assert!(cmp.regressions.is_empty() && cmp.stale[0].why.contains("other prompts"));
        let cmp = base.compare(&run(0, "f", Some("m2"), "p"), "b.json");
        assert!(cmp.stale[0].why.contains("model m1"));
    }

    #[test]
    fn round_trips_through_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b/base.json");
        let base = Baseline::default().updated(&run(5, "f", None, "p"));
        base.save(&path).unwrap();
        assert_eq!(Baseline::load(&path).unwrap(), base);
    }
}
