//! The terminal table: one line per case, the failing and flaky assertions under it, then the
//! baseline's verdict and a summary line.

use std::fmt::Write as _;

use super::super::baseline::Comparison;
use super::super::result::SuiteResult;
use super::kn;

/// The table, ready to print.
pub fn table(suite: &SuiteResult, cmp: Option<&Comparison>) -> String {
    let mut out = String::new();
    let width = suite
        .cases
        .iter()
        .map(|c| c.id.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let _ = writeln!(
        out,
        "{:<width$}  {:<10} {:<7} {:>5}  result",
        "case", "persona", "engine", "runs"
    );
    for c in &suite.cases {
        let verdict = if c.passed { "pass" } else { "FAIL" };
        let _ = writeln!(
            out,
            "{:<width$}  {:<10} {:<7} {:>5}  {verdict}",
            c.id,
            c.persona,
            c.engine,
            kn(c.runs)
        );
        for e in &c.errors {
            let _ = writeln!(out, "    error: {e}");
        }
        for a in c.assertions.iter().filter(|a| !a.passed || a.rate.flaky()) {
            let mark = if a.passed { "~" } else { "✗" };
            let _ = writeln!(
                out,
                "    {mark} {} ({}): {} passed, 95% [{:.2}, {:.2}], min {:.2}, {}",
                a.name,
                a.check,
                kn(a.rate),
                a.lower,
                a.upper,
                a.min_pass_rate,
                a.stability
            );
            if let Some(f) = a.failures.first() {
                let _ = writeln!(
                    out,
                    "        run {} (seed {}): {}",
                    f.repeat, f.seed, f.detail
                );
            }
        }
    }
    if let Some(cmp) = cmp {
        let _ = writeln!(out);
        let _ = writeln!(out, "baseline {}:", cmp.file);
        for r in &cmp.regressions {
            let _ = writeln!(
                out,
                "  REGRESSION {} / {}: {} → {} (p = {:.3})",
                r.case,
                r.assertion,
                kn(r.before),
                kn(r.after),
                r.p
            );
        }
        for s in &cmp.stale {
            let _ = writeln!(out, "  stale {}: {}", s.case, s.why);
        }
        for n in &cmp.notes {
            let _ = writeln!(out, "  note {n}");
        }
        if cmp.regressions.is_empty() {
            let _ = writeln!(out, "  no significant drop against the baseline");
        }
    }
    let runs: u32 = suite.cases.iter().map(|c| c.runs.n).sum();
    let _ = writeln!(
        out,
        "\n{} cases: {} passed, {} failed · {runs} runs · {:.2} s · harness {:.3} ms/case · engine {:.3} ms/case",
        suite.cases.len(),
        suite.cases.len() - suite.failed(),
        suite.failed(),
        suite.wall.as_secs_f64(),
        suite.harness_ms_per_case(),
        suite.engine_ms_per_case(),
    );
    out
}
