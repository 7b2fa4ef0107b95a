//! The terminal report: verdict first, then where the time went (a block-character bar chart of
//! each topic discussed, and the phases against the plan), the flags with their proof and advice,
//! the three fixes, what went well, and the rubric.

use std::fmt::Write as _;
use std::time::Duration;

use crate::clock::mmss;
use crate::layout::{display_width, push_fill, push_hang};

use super::super::report::{Citation, Layer, Report};
use super::chart::{bar, meter};

/// Cells of the widest time bar.
const BAR_WIDTH: usize = 30;

/// Cells of a time bar at the least, on a narrow terminal.
const MIN_BAR_WIDTH: usize = 8;

/// Where a flag's evidence and advice start.
const FLAG_INDENT: &str = "         ";

/// Where their continuation lines start: two further in, so each citation stands out.
const FLAG_CONTINUE: &str = "           ";

/// The report as terminal text, every paragraph wrapped to `width` columns with its indent kept.
pub fn render(r: &Report, width: usize) -> String {
    let mut out = String::new();
    let o = &mut out;
    let heading = format!(
        "Critique · {} · {} level{}",
        r.question.title,
        super::level(r.level),
        r.persona
            .as_ref()
            .map_or(String::new(), |p| format!(" · {p} weights"))
    );
    push_fill(o, &heading, width, "", "  ");
    push_fill(o, &super::headline(r), width, "", "  ");
    if r.question.id.is_none() || r.question.confidence.is_some() {
        push_hang(o, "Question: ", &r.question.source, width);
    }
    let candidate = format!("{} ({})", r.candidate.name, r.candidate.reason);
    push_hang(o, "Candidate: ", &candidate, width);
    if let Some(said) = &r.level_said {
        let level = format!(
            "{}, as the call's set-up named it ({said}; --level to change)",
            super::level(r.level)
        );
        push_hang(o, "Level: ", &level, width);
    }
    if r.timing_estimated {
        push_fill(
            o,
            "Times are estimated from words spoken (about 150 a minute): the transcript has no timestamps.",
            width,
            "",
            "",
        );
    }
    if r.skipped_lines > 0 {
        let skipped = format!(
            "{} line(s) that were not dialogue were left out.",
            r.skipped_lines
        );
        push_fill(o, &skipped, width, "", "");
    }
    for line in super::round_lines(r) {
        push_fill(o, &line, width, "", "  ");
    }

    time_chart(o, r, width);

    if r.flags.is_empty() {
        let _ = writeln!(o, "\nFlags: none.");
    } else {
        let _ = writeln!(o, "\nFlags");
        for f in &r.flags {
            let layer = match f.layer {
                Layer::Rules => "",
                Layer::Judge => " [judge]",
            };
            let head = format!(
                "{:<6} {}{} — {}",
                f.severity.as_str().to_uppercase(),
                f.code,
                layer,
                f.summary
            );
            push_fill(o, &head, width, "  ", FLAG_INDENT);
            for e in &f.evidence {
                push_fill(o, &citation(e), width, FLAG_INDENT, FLAG_CONTINUE);
            }
            push_fill(
                o,
                &format!("→ {}", f.advice),
                width,
                FLAG_INDENT,
                FLAG_CONTINUE,
            );
            if let Some(j) = &f.judge {
                let verdict = format!(
                    "judge {}: {}",
                    if j.agrees {
                        "agrees"
                    } else {
                        "disagrees, and its checked verdict overrules the flag (it costs nothing)"
                    },
                    j.reason
                );
                push_fill(o, &verdict, width, FLAG_INDENT, FLAG_CONTINUE);
            }
        }
    }

    if !r.fixes.is_empty() {
        let _ = writeln!(o, "\nThe fixes that would change the outcome most");
        for (i, f) in r.fixes.iter().enumerate() {
            let text = format!("[{}, about +{}] {}", f.code, f.gain, f.text);
            push_hang(o, &format!("  {}. ", i + 1), &text, width);
        }
    }

    if !r.strengths.is_empty() {
        let _ = writeln!(o, "\nWhat went well");
        for s in &r.strengths {
            push_hang(o, "  • ", &s.text, width);
            for e in s.evidence.iter().take(2) {
                push_fill(o, &citation(e), width, "      ", "        ");
            }
        }
    }

    let _ = writeln!(o, "\nRubric");
    for d in &r.dimensions {
        let head = format!(
            "  {:<18}{} {:>3}  ×{:<4} ",
            d.label,
            meter(f64::from(d.score), 100.0, 12),
            d.score,
            d.weight
        );
        // The basis in a column of its own beside the meter while it has room, else below it.
        let col = display_width(&head);
        if width >= col + 24 {
            push_fill(o, &d.basis, width, &head, &" ".repeat(col));
        } else {
            let _ = writeln!(o, "{}", head.trim_end());
            push_fill(o, &d.basis, width, "      ", "      ");
        }
    }
    let layers: Vec<String> = r.layers.iter().map(super::layer_line).collect();
    let _ = writeln!(o);
    push_hang(o, "Layers: ", &layers.join(" · "), width);
    out
}

/// Time per phase: a bar for what happened over a bar for the plan, the bars narrowed to fit.
fn time_chart(o: &mut String, r: &Report, width: usize) {
    const LABEL: usize = 28;
    // "  ◆ " label bar "  " mm:ss "  " nnn%
    let bar_width = width
        .saturating_sub(4 + LABEL + 1 + 2 + 5 + 2 + 4)
        .clamp(MIN_BAR_WIDTH, BAR_WIDTH);
    let t = &r.time_allocation;
    let title = format!(
        "Time by topic ({} round; {}; ◆ a hotspot of this question)",
        mmss(ms(t.total_ms)),
        if r.timing_estimated {
            "times estimated from words"
        } else {
            "times from the transcript's clock"
        }
    );
    let _ = writeln!(o);
    push_fill(o, &title, width, "", "  ");
    let max = t.topics.iter().map(|p| p.actual_ms).max().unwrap_or(1) as f64;
    for p in &t.topics {
        let share = 100.0 * p.actual_ms as f64 / t.total_ms.max(1) as f64;
        let _ = writeln!(
            o,
            "  {} {:<LABEL$}{:<w$}  {:>5}  {:>3.0}%",
            if p.hotspot { '◆' } else { ' ' },
            p.label,
            bar(p.actual_ms as f64, max, bar_width),
            mmss(ms(p.actual_ms)),
            share,
            w = bar_width + 1
        );
    }
    let plan: Vec<String> = t
        .phases
        .iter()
        .map(|p| {
            format!(
                "{} {} (plan {})",
                p.label,
                mmss(ms(p.actual_ms)),
                mmss(ms(p.planned_ms))
            )
        })
        .collect();
    push_fill(
        o,
        &format!("Against the plan: {}", plan.join(" · ")),
        width,
        "  ",
        "    ",
    );
}

/// `turn 4 · 03:40 · "quote"`, with the phase an absence was due in.
pub(crate) fn citation(e: &Citation) -> String {
    // Text outside the dialogue or the round has no time in the round.
    let place = if e.turn == 0 {
        "outside the dialogue".to_string()
    } else {
        format!("turn {} · {}", e.turn, e.at)
    };
    let mut s = format!("{place} · \"{}\"", e.quote);
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
