//! The report as one self-contained HTML page: inline CSS, an inline SVG chart of time per phase
//! against the plan, no scripts and no external assets. Every piece of transcript text is escaped.

use std::fmt::Write as _;
use std::time::Duration;

use crate::clock::mmss;

use super::super::report::{Citation, Layer, Report};
use super::chart::{PairRow, escape, svg_pairs};

/// Styles shared by the critique and progress pages.
pub(crate) const STYLE: &str = "body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}.score{font-size:1.3rem;font-weight:600}.sev{display:inline-block;padding:0 .4rem;border-radius:3px;color:#fff;font-size:.8rem;text-transform:uppercase}.high{background:#b3261e}.medium{background:#c77700}.low{background:#6b7280}code{background:#f3f3f3;padding:0 .25rem}blockquote{margin:.3rem 0 .3rem 1rem;padding-left:.6rem;border-left:3px solid #ccc;color:#444}table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #eee;text-align:left}.muted{color:#666;font-size:.9rem}";

/// The report as a self-contained HTML page.
pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let o = &mut out;
    let title = format!("Critique: {}", r.question.title);
    let _ = write!(
        o,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body>",
        escape(&title)
    );
    let _ = write!(o, "<h1>{}</h1>", escape(&title));
    let _ = write!(
        o,
        "<p class=\"score\">{}</p><p>{} level{}. Candidate: <strong>{}</strong> <span class=\"muted\">({})</span></p>",
        escape(&super::headline(r)),
        super::level(r.level),
        r.persona
            .as_ref()
            .map_or(String::new(), |p| format!(" · {} weights", escape(p))),
        escape(&r.candidate.name),
        escape(&r.candidate.reason)
    );
    let mut notes = vec![escape(&r.question.source)];
    if r.timing_estimated {
        notes.push("times are estimated from words spoken (about 150 a minute)".into());
    }
    if r.skipped_lines > 0 {
        notes.push(format!(
            "{} line(s) that were not dialogue were left out",
            r.skipped_lines
        ));
    }
    let _ = write!(o, "<p class=\"muted\">{}</p>", notes.join("; "));
    let round = super::round_lines(r);
    if !round.is_empty() {
        let items: Vec<String> = round
            .iter()
            .map(|l| format!("<li>{}</li>", escape(l)))
            .collect();
        let _ = write!(o, "<ul class=\"muted\">{}</ul>", items.concat());
    }

    let t = &r.time_allocation;
    let rows: Vec<PairRow<'_>> = t
        .phases
        .iter()
        .map(|p| PairRow {
            label: &p.label,
            actual: p.actual_ms as f64,
            planned: p.planned_ms as f64,
            caption: format!(
                "{} / plan {}",
                mmss(ms(p.actual_ms)),
                mmss(ms(p.planned_ms))
            ),
        })
        .collect();
    let _ = write!(
        o,
        "<h2>Time per phase ({} round)</h2>{}",
        mmss(ms(t.total_ms)),
        svg_pairs(&rows)
    );

    let _ = write!(o, "<h2>Flags</h2>");
    if r.flags.is_empty() {
        let _ = write!(o, "<p>None.</p>");
    }
    for f in &r.flags {
        let layer = if f.layer == Layer::Judge {
            " <span class=\"muted\">(judge)</span>"
        } else {
            ""
        };
        let _ = write!(
            o,
            "<h3><span class=\"sev {sev}\">{sev}</span> <code>{}</code>{layer}</h3><p>{}</p>",
            f.code,
            escape(&f.summary),
            sev = f.severity.as_str()
        );
        for e in &f.evidence {
            let _ = write!(o, "<blockquote>{}</blockquote>", citation(e));
        }
        let _ = write!(
            o,
            "<p><strong>Do instead:</strong> {}</p>",
            escape(&f.advice)
        );
        if let Some(j) = &f.judge {
            let _ = write!(
                o,
                "<p class=\"muted\">Judge {}: {}</p>",
                if j.agrees {
                    "agrees"
                } else {
                    "disagrees, and its checked verdict overrules the flag (it costs nothing)"
                },
                escape(&j.reason)
            );
        }
    }
    if !r.fixes.is_empty() {
        let _ = write!(
            o,
            "<h2>The three fixes that would change the outcome most</h2><ol>"
        );
        for f in &r.fixes {
            let _ = write!(
                o,
                "<li><code>{}</code> (about +{}): {}</li>",
                f.code,
                f.gain,
                escape(&f.text)
            );
        }
        let _ = write!(o, "</ol>");
    }
    if !r.strengths.is_empty() {
        let _ = write!(o, "<h2>What went well</h2><ul>");
        for s in &r.strengths {
            let _ = write!(o, "<li>{}", escape(&s.text));
            for e in s.evidence.iter().take(2) {
                let _ = write!(o, "<blockquote>{}</blockquote>", citation(e));
            }
            let _ = write!(o, "</li>");
        }
        let _ = write!(o, "</ul>");
    }
    let _ = write!(
        o,
        "<h2>Rubric</h2><table><tr><th>dimension</th><th>score</th><th>weight</th><th>basis</th></tr>"
    );
    for d in &r.dimensions {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&d.label),
            d.score,
            d.weight,
            escape(&d.basis)
        );
    }
    let layers: Vec<String> = r.layers.iter().map(super::layer_line).collect();
    let _ = writeln!(
        o,
        "</table><p class=\"muted\">Layers: {}</p></body></html>",
        escape(&layers.join(" · "))
    );
    out
}

fn citation(e: &Citation) -> String {
    // Text outside the dialogue or the round has no time in the round.
    let place = if e.turn == 0 {
        "outside the dialogue".to_string()
    } else {
        format!("turn {} · {}", e.turn, escape(&e.at))
    };
    let mut s = format!("{place} · “{}”", escape(&e.quote));
    if let Some(due) = e.due {
        let _ = write!(s, " <span class=\"muted\">(due in: {})</span>", due.label());
    }
    if let Some(n) = &e.note {
        let _ = write!(s, " <span class=\"muted\">— {}</span>", escape(n));
    }
    s
}

fn ms(v: u64) -> Duration {
    Duration::from_millis(v)
}
