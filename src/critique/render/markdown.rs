//! The report as markdown: what the interview saves as `critique.md` beside the transcript.

use std::fmt::Write as _;
use std::time::Duration;

use crate::clock::mmss;

use super::super::report::{Layer, Report};
use super::chart::bar;
use super::text::citation;

/// The report as markdown.
pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let o = &mut out;
    let _ = writeln!(o, "# Critique: {}\n", md(&r.question.title));
    let _ = writeln!(
        o,
        "**{}** · {} level{}\n",
        super::headline(r),
        super::level(r.level),
        r.persona
            .as_ref()
            .map_or(String::new(), |p| format!(" · {p} weights"))
    );
    if let Some(said) = &r.level_said {
        let _ = writeln!(o, "Level as the call's set-up named it: {}\n", md(said));
    }
    let _ = writeln!(
        o,
        "- Candidate: **{}** ({})",
        md(&r.candidate.name),
        md(&r.candidate.reason)
    );
    let _ = writeln!(o, "- Question: {}", md(&r.question.source));
    if r.timing_estimated {
        let _ = writeln!(
            o,
            "- Times are estimated from words spoken (about 150 a minute)."
        );
    }
    if r.skipped_lines > 0 {
        let _ = writeln!(
            o,
            "- {} line(s) that were not dialogue were left out.",
            r.skipped_lines
        );
    }
    for line in super::round_lines(r) {
        let _ = writeln!(o, "- {}", md(&line));
    }

    let t = &r.time_allocation;
    let _ = writeln!(o, "\n## Time per phase ({} round)\n", mmss(ms(t.total_ms)));
    let _ = writeln!(o, "| phase | actual | plan | |\n|---|---:|---:|---|");
    let max = t
        .phases
        .iter()
        .map(|p| p.actual_ms.max(p.planned_ms))
        .max()
        .unwrap_or(1) as f64;
    for p in &t.phases {
        let _ = writeln!(
            o,
            "| {} | {} | {} | `{}` |",
            p.label,
            mmss(ms(p.actual_ms)),
            mmss(ms(p.planned_ms)),
            bar(p.actual_ms as f64, max, 20)
        );
    }

    let _ = writeln!(o, "\n## Flags\n");
    if r.flags.is_empty() {
        let _ = writeln!(o, "None.");
    }
    for f in &r.flags {
        let layer = if f.layer == Layer::Judge {
            " (judge)"
        } else {
            ""
        };
        let _ = writeln!(o, "### `{}` · {}{}\n", f.code, f.severity.as_str(), layer);
        let _ = writeln!(o, "{}\n", md(&f.summary));
        for e in &f.evidence {
            let _ = writeln!(o, "> {}", md(&citation(e)));
        }
        let _ = writeln!(o, "\n**Do instead:** {}\n", md(&f.advice));
        if let Some(j) = &f.judge {
            let _ = writeln!(
                o,
                "_Judge {}: {}_\n",
                if j.agrees {
                    "agrees"
                } else {
                    "disagrees, and its checked verdict overrules the flag (it costs nothing)"
                },
                md(&j.reason)
            );
        }
    }

    if !r.fixes.is_empty() {
        let _ = writeln!(o, "## The three fixes that would change the outcome most\n");
        for (i, f) in r.fixes.iter().enumerate() {
            let _ = writeln!(
                o,
                "{}. `{}` (about +{}): {}",
                i + 1,
                f.code,
                f.gain,
                md(&f.text)
            );
        }
        let _ = writeln!(o);
    }
    if !r.strengths.is_empty() {
        let _ = writeln!(o, "## What went well\n");
        for s in &r.strengths {
            let _ = writeln!(o, "- {}", md(&s.text));
            for e in s.evidence.iter().take(2) {
                let _ = writeln!(o, "  - {}", md(&citation(e)));
            }
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(
        o,
        "## Rubric\n\n| dimension | score | weight | basis |\n|---|---:|---:|---|"
    );
    for d in &r.dimensions {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |",
            d.label,
            d.score,
            d.weight,
            md(&d.basis)
        );
    }
    let layers: Vec<String> = r.layers.iter().map(super::layer_line).collect();
    let _ = writeln!(o, "\nLayers: {}", md(&layers.join(" · ")));
    out
}

/// Text made safe for markdown: no accidental emphasis, tables or HTML, and no terminal control
/// sequences (taken out whole before the escaping could split them).
fn md(s: &str) -> String {
    let s = super::controls::strip_controls(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '|' | '<' | '>' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn ms(v: u64) -> Duration {
    Duration::from_millis(v)
}
