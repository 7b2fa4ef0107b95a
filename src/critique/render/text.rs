//! The terminal report: verdict first, then where the time went (a block-character bar chart of
//! each phase against the plan), the flags with their proof and advice, the three fixes, what went
//! well, and the rubric.

use std::fmt::Write as _;
use std::time::Duration;

use crate::clock::mmss;

use super::super::report::{Citation, Layer, Report};
use super::chart::{bar, meter};

/// Cells of the widest time bar.
const BAR_WIDTH: usize = 30;

/// The report as terminal text.
pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let o = &mut out;
    let _ = writeln!(
        o,
        "Critique · {} · {} level{}",
        r.question.title,
        super::level(r.level),
        r.persona
            .as_ref()
            .map_or(String::new(), |p| format!(" · {p} weights"))
    );
    let _ = writeln!(o, "Score {}/100 · {}", r.score, r.verdict.as_str());
    let _ = writeln!(
        o,
        "Candidate: {} ({})",
        r.candidate.name, r.candidate.reason
    );
    if r.timing_estimated {
        let _ = writeln!(
            o,
            "Times are estimated from words spoken (about 150 a minute): the transcript has no timestamps."
        );
    }
    if r.skipped_lines > 0 {
        let _ = writeln!(
            o,
            "{} line(s) that were not dialogue were left out.",
            r.skipped_lines
        );
    }

    let t = &r.time_allocation;
    let _ = writeln!(
        o,
        "\nTime per phase ({} round; █ actual, ░ plan)",
        mmss(ms(t.total_ms))
    );
    let max = t
        .phases
        .iter()
        .map(|p| p.actual_ms.max(p.planned_ms))
        .max()
        .unwrap_or(1) as f64;
    for p in &t.phases {
        let actual = bar(p.actual_ms as f64, max, BAR_WIDTH);
        let plan = "░".repeat(((p.planned_ms as f64 / max) * BAR_WIDTH as f64).round() as usize);
        let _ = writeln!(
            o,
            "  {:<22}{:<w$}  {:>5}",
            p.label,
            actual,
            mmss(ms(p.actual_ms)),
            w = BAR_WIDTH + 1
        );
        let _ = writeln!(
            o,
            "  {:<22}{:<w$}  {:>5} plan",
            "",
            plan,
            mmss(ms(p.planned_ms)),
            w = BAR_WIDTH + 1
        );
    }

    if r.flags.is_empty() {
        let _ = writeln!(o, "\nFlags: none.");
    } else {
        let _ = writeln!(o, "\nFlags");
        for f in &r.flags {
            let layer = match f.layer {
                Layer::Rules => "",
                Layer::Judge => " [judge]",
            };
            let _ = writeln!(
                o,
                "  {:<6} {}{} — {}",
                f.severity.as_str().to_uppercase(),
                f.code,
                layer,
                f.summary
            );
            for e in &f.evidence {
                let _ = writeln!(o, "         {}", citation(e));
            }
            let _ = writeln!(o, "         → {}", f.advice);
            if let Some(j) = &f.judge {
                let _ = writeln!(
                    o,
                    "         judge {}: {}",
                    if j.agrees { "agrees" } else { "disagrees" },
                    j.reason
                );
            }
        }
    }

    if !r.fixes.is_empty() {
        let _ = writeln!(o, "\nThe fixes that would change the outcome most");
        for (i, f) in r.fixes.iter().enumerate() {
            let _ = writeln!(o, "  {}. [{}, about +{}] {}", i + 1, f.code, f.gain, f.text);
        }
    }

    if !r.strengths.is_empty() {
        let _ = writeln!(o, "\nWhat went well");
        for s in &r.strengths {
            let _ = writeln!(o, "  • {}", s.text);
            for e in s.evidence.iter().take(2) {
                let _ = writeln!(o, "      {}", citation(e));
            }
        }
    }

    let _ = writeln!(o, "\nRubric");
    for d in &r.dimensions {
        let _ = writeln!(
            o,
            "  {:<18}{} {:>3}  ×{:<4} {}",
            d.label,
            meter(f64::from(d.score), 100.0, 12),
            d.score,
            d.weight,
            d.basis
        );
    }
    let layers: Vec<String> = r.layers.iter().map(super::layer_line).collect();
    let _ = writeln!(o, "\nLayers: {}", layers.join(" · "));
    out
}

/// `turn 4 · 03:40 · "quote"`, with the phase an absence was due in.
pub(crate) fn citation(e: &Citation) -> String {
    let place = if e.turn == 0 {
        "outside the dialogue".to_string()
    } else {
        format!("turn {}", e.turn)
    };
    let mut s = format!("{place} · {} · \"{}\"", e.at, e.quote);
    if let Some(due) = e.due {
        let _ = write!(s, " (due in: {})", due.label());
    }
    if let Some(n) = &e.note {
        let _ = write!(s, " — {n}");
    }
    s
}

fn ms(v: u64) -> Duration {
    Duration::from_millis(v)
}
