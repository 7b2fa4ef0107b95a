//! The reports of a suite run: a table for the terminal, JSON for tools, JUnit XML for CI test
//! tabs, Markdown for CI job pages. All but the terminal's timing line are deterministic.

mod junit;
mod markdown;
mod terminal;

use serde::Serialize;

use super::baseline::Comparison;
use super::result::SuiteResult;

pub use junit::junit;
pub use markdown::markdown;
pub use terminal::table;

/// The JSON report's version.
pub const REPORT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Summary {
    cases: usize,
    passed: usize,
    failed: usize,
    errored: usize,
    runs: u32,
    regressions: usize,
    stale: usize,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    passed: bool,
    summary: Summary,
    #[serde(flatten)]
    suite: &'a SuiteResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<&'a Comparison>,
}

/// Whether the run passes: every case passed and no assertion regressed.
pub fn passed(suite: &SuiteResult, cmp: Option<&Comparison>) -> bool {
    suite.failed() == 0 && cmp.is_none_or(|c| c.regressions.is_empty())
}

/// The JSON report.
pub fn json(suite: &SuiteResult, cmp: Option<&Comparison>) -> String {
    let report = JsonReport {
        version: REPORT_VERSION,
        passed: passed(suite, cmp),
        summary: Summary {
            cases: suite.cases.len(),
            passed: suite.cases.len() - suite.failed(),
            failed: suite.failed() - suite.errored(),
            errored: suite.errored(),
            runs: suite.cases.iter().map(|c| c.runs.n).sum(),
            regressions: cmp.map_or(0, |c| c.regressions.len()),
            stale: cmp.map_or(0, |c| c.stale.len()),
        },
        suite,
        baseline: cmp,
    };
    let mut s = serde_json::to_string_pretty(&report).expect("the report serialises");
    s.push('\n');
    s
}

/// A rate as `k/N`.
fn kn(r: super::stats::PassRate) -> String {
    format!("{}/{}", r.k, r.n)
}
