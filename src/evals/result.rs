//! What a suite run found, per case and per assertion: the shape every report (table, JSON,
//! JUnit, Markdown) and the baseline read.
//!
//! Nothing here depends on wall time except the fields marked `skip`, so the JSON of a replayed
//! suite is the same bytes on every run.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;

use super::stats::PassRate;

/// One failed run of an assertion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunFailure {
    /// Which repeat (0-based).
    pub repeat: u32,
    /// Its seed, to rerun it alone.
    pub seed: u64,
    /// Why it failed.
    pub detail: String,
}

/// One assertion over all runs of its case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssertionResult {
    /// Its name.
    pub name: String,
    /// Its check's kind.
    pub check: &'static str,
    /// Runs passed of runs.
    #[serde(flatten)]
    pub rate: PassRate,
    /// 95 % Wilson lower bound.
    pub lower: f64,
    /// 95 % Wilson upper bound.
    pub upper: f64,
    /// The rate it must be shown to reach.
    pub min_pass_rate: f64,
    /// `stable` or `flaky`.
    pub stability: &'static str,
    /// Whether the lower bound reaches `min_pass_rate`.
    pub passed: bool,
    /// The first few failed runs.
    pub failures: Vec<RunFailure>,
}

impl AssertionResult {
    /// The result of `k` of `n` against `min`.
    pub fn new(
        name: &str,
        check: &'static str,
        rate: PassRate,
        min: f64,
        failures: Vec<RunFailure>,
    ) -> Self {
        let (lower, upper) = rate.wilson();
        Self {
            name: name.to_string(),
            check,
            rate,
            lower: round3(lower),
            upper: round3(upper),
            min_pass_rate: min,
            stability: rate.stability(),
            passed: rate.meets(min),
            failures,
        }
    }
}

/// Rounds to three decimals so reports stay readable and byte-stable.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// How a case came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseStatus {
    /// Every run finished and every assertion met its rate.
    Pass,
    /// Every run finished and an assertion fell short.
    Fail,
    /// A run could not finish (the model failed after its retries, a cassette missed, the run
    /// panicked): the case proves nothing either way, and the suite fails.
    Error,
}

impl CaseStatus {
    /// `pass`, `FAIL` or `ERROR`, as the terminal table shows it.
    pub fn shout(self) -> &'static str {
        match self {
            CaseStatus::Pass => "pass",
            CaseStatus::Fail => "FAIL",
            CaseStatus::Error => "ERROR",
        }
    }
}

/// One case over all its runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseResult {
    /// Case id.
    pub id: String,
    /// Its file.
    pub file: String,
    /// What it shows.
    pub description: String,
    /// Persona id.
    pub persona: String,
    /// Question id.
    pub question: String,
    /// `offline`, `replay`, `live` or `record`.
    pub engine: String,
    /// The model id, for model cases.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Fingerprint of the case as parsed.
    pub fingerprint: String,
    /// Runs where every assertion passed, of the runs that finished.
    pub runs: PassRate,
    /// Runs that could not finish (not counted in any k/N).
    pub errored: u32,
    /// Per assertion, over the runs that finished.
    pub assertions: Vec<AssertionResult>,
    /// Distinct reasons runs stopped short (model failures, cassette misses, panics), and a
    /// cassette that was not saved.
    pub errors: Vec<String>,
    /// `pass`, `fail` or `error`.
    pub status: CaseStatus,
    /// Every assertion met its rate and no run failed outright.
    pub passed: bool,
    /// The harness's own work over all runs: CPU time outside model calls.
    #[serde(skip)]
    pub harness: Duration,
    /// The interviewer engine's own work over all runs: CPU time outside model calls.
    #[serde(skip)]
    pub engine_work: Duration,
}

/// A whole suite run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuiteResult {
    /// How model calls were served.
    pub mode: String,
    /// Fingerprint of the prompts.
    pub prompts: String,
    /// Fingerprint of each persona.
    pub personas: BTreeMap<String, String>,
    /// Per case, sorted by id.
    pub cases: Vec<CaseResult>,
    /// Wall time of the run.
    #[serde(skip)]
    pub wall: Duration,
}

impl SuiteResult {
    /// Cases that failed or errored.
    pub fn failed(&self) -> usize {
        self.cases.iter().filter(|c| !c.passed).count()
    }

    /// Cases that errored.
    pub fn errored(&self) -> usize {
        self.cases
            .iter()
            .filter(|c| c.status == CaseStatus::Error)
            .count()
    }

    /// The harness's own work per case, in milliseconds.
    pub fn harness_ms_per_case(&self) -> f64 {
        self.per_case(|c| c.harness)
    }

    /// The interviewer engine's work per case, in milliseconds.
    pub fn engine_ms_per_case(&self) -> f64 {
        self.per_case(|c| c.engine_work)
    }

    fn per_case(&self, part: impl Fn(&CaseResult) -> Duration) -> f64 {
        if self.cases.is_empty() {
            return 0.0;
        }
        let total: Duration = self.cases.iter().map(part).sum();
        total.as_secs_f64() * 1000.0 / self.cases.len() as f64
    }
}
