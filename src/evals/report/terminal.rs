//! The terminal report: a table of the cases (fitted to the width), the failing and flaky
//! assertions with their first failure, the baseline's verdict and a summary line; every paragraph
//! wrapped to the width.

use std::fmt::Write as _;

use super::super::baseline::Comparison;
use super::super::result::SuiteResult;
use super::kn;
use crate::layout::{Table, push_fill};

/// The report, laid out in `width` columns, ready to print.
pub fn table(suite: &SuiteResult, cmp: Option<&Comparison>, width: usize) -> String {
    let mut out = String::new();
    let mut t = Table::new(["case", "persona", "engine", "runs", "result"]).align_right(3);
    for c in &suite.cases {
        let verdict = c.status.shout();
        t.row([
            c.id.clone(),
            c.persona.clone(),
            c.engine.to_string(),
            kn(c.runs),
            verdict.to_string(),
        ]);
    }
    out.push_str(&t.render(width));

    let noted: Vec<_> = suite
        .cases
        .iter()
        .filter(|c| {
            !c.errors.is_empty() || c.assertions.iter().any(|a| !a.passed || a.rate.flaky())
        })
        .collect();
    if !noted.is_empty() {
        let _ = writeln!(out, "\nFailing and flaky assertions");
    }
    for c in noted {
        let verdict = c.status.shout();
        push_fill(
            &mut out,
            &format!("{} ({verdict})", c.id),
            width,
            "  ",
            "    ",
        );
        if c.errored > 0 {
            let _ = writeln!(out, "    {} run(s) errored and count in no k/N:", c.errored);
        }
        for e in &c.errors {
            push_fill(&mut out, &format!("error: {e}"), width, "    ", "      ");
        }
        for a in c.assertions.iter().filter(|a| !a.passed || a.rate.flaky()) {
            let mark = if a.passed { "~" } else { "✗" };
            let line = format!(
                "{mark} {} ({}): {} passed, 95% [{:.2}, {:.2}], min {:.2}, {}",
                a.name,
                a.check,
                kn(a.rate),
                a.lower,
                a.upper,
                a.min_pass_rate,
                a.stability
            );
            push_fill(&mut out, &line, width, "    ", "      ");
            if let Some(f) = a.failures.first() {
                let run = format!("run {} (seed {}): {}", f.repeat, f.seed, f.detail);
                push_fill(&mut out, &run, width, "        ", "          ");
            }
        }
    }
    if let Some(cmp) = cmp {
        let _ = writeln!(out);
        push_fill(
            &mut out,
            &format!("baseline {}:", cmp.file),
            width,
            "",
            "  ",
        );
        for r in &cmp.regressions {
            let line = format!(
                "REGRESSION {} / {}: {} → {} (p = {:.3})",
                r.case,
                r.assertion,
                kn(r.before),
                kn(r.after),
                r.p
            );
            push_fill(&mut out, &line, width, "  ", "    ");
        }
        for s in &cmp.stale {
            push_fill(
                &mut out,
                &format!("stale {}: {}", s.case, s.why),
                width,
                "  ",
                "    ",
            );
        }
        for n in &cmp.notes {
            push_fill(&mut out, &format!("note {n}"), width, "  ", "    ");
        }
        if cmp.regressions.is_empty() {
            let _ = writeln!(out, "  no significant drop against the baseline");
        }
    }
    let runs: u32 = suite.cases.iter().map(|c| c.runs.n).sum();
    let summary = format!(
        "{} cases: {} passed, {} failed, {} errored · {runs} runs · {:.2} s · harness {:.3} ms/case · engine {:.3} ms/case",
        suite.cases.len(),
        suite.cases.len() - suite.failed(),
        suite.failed() - suite.errored(),
        suite.errored(),
        suite.wall.as_secs_f64(),
        suite.harness_ms_per_case(),
        suite.engine_ms_per_case(),
    );
    let _ = writeln!(out);
    push_fill(&mut out, &summary, width, "", "  ");
    out
}
