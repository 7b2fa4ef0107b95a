//! A Markdown summary for CI job pages: the verdict, a table of cases, the failures with their
//! first reason, and the baseline's findings.

use std::fmt::Write as _;

use super::super::baseline::Comparison;
use super::super::result::{CaseStatus, SuiteResult};
use super::kn;

/// Pipes and line breaks would break a table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The Markdown summary.
pub fn markdown(suite: &SuiteResult, cmp: Option<&Comparison>) -> String {
    let mut out = String::new();
    let ok = super::passed(suite, cmp);
    let total = suite.cases.len();
    let _ = writeln!(
        out,
        "## hotseat eval: {} ({} of {total} cases passed)\n",
        if ok { "pass" } else { "FAIL" },
        total - suite.failed()
    );
    let _ = writeln!(
        out,
        "| case | persona | engine | runs | assertions | result |"
    );
    let _ = writeln!(out, "| --- | --- | --- | ---: | ---: | --- |");
    for c in &suite.cases {
        let held = c.assertions.iter().filter(|a| a.passed).count();
        let flaky = c.assertions.iter().filter(|a| a.rate.flaky()).count();
        let flaky = if flaky > 0 {
            format!(" ({flaky} flaky)")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {held}/{}{flaky} | {} |",
            cell(&c.id),
            c.persona,
            c.engine,
            kn(c.runs),
            c.assertions.len(),
            match c.status {
                CaseStatus::Pass => "pass",
                CaseStatus::Fail => "**FAIL**",
                CaseStatus::Error => "**ERROR**",
            }
        );
    }
    let failing: Vec<_> = suite.cases.iter().filter(|c| !c.passed).collect();
    if !failing.is_empty() {
        let _ = writeln!(out, "\n### Failures\n");
        for c in failing {
            for e in &c.errors {
                let _ = writeln!(out, "- **{}**: {}", c.id, cell(e));
            }
            for a in c.assertions.iter().filter(|a| !a.passed) {
                let why = a
                    .failures
                    .first()
                    .map_or(String::new(), |f| format!(": {}", cell(&f.detail)));
                let _ = writeln!(
                    out,
                    "- **{} / {}** ({}) {} passed, lower bound {:.2} < {:.2}{why}",
                    c.id,
                    a.name,
                    a.check,
                    kn(a.rate),
                    a.lower,
                    a.min_pass_rate
                );
            }
        }
    }
    if let Some(cmp) = cmp {
        let _ = writeln!(out, "\n### Baseline `{}`\n", cmp.file);
        if cmp.regressions.is_empty() {
            let _ = writeln!(out, "No significant drop.");
        }
        for r in &cmp.regressions {
            let _ = writeln!(
                out,
                "- **regression** {} / {}: {} → {} (p = {:.3})",
                r.case,
                r.assertion,
                kn(r.before),
                kn(r.after),
                r.p
            );
        }
        for s in &cmp.stale {
            let _ = writeln!(out, "- stale {}: {}", s.case, cell(&s.why));
        }
        for n in &cmp.notes {
            let _ = writeln!(out, "- {}", cell(n));
        }
    }
    out
}
