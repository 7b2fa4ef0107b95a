//! The trend across rounds: every saved `critique.json` under the sessions folder, oldest first,
//! read into score over time, the flags that keep coming back, and how the share of time per
//! phase drifts. Rendered as terminal text (block-character charts) or an HTML page (SVG).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::clock::Phase;

use super::render::chart::{bar, escape, svg_line};
use super::render::html::STYLE;
use super::report::{FlagCode, Report, Verdict};

/// The file the interview saves each round's critique in.
pub const CRITIQUE_FILE: &str = "critique.json";

/// One critiqued round.
#[derive(Debug, Clone)]
pub struct Round {
    /// Its session folder's name.
    pub session: String,
    /// When it started (RFC 3339), or the folder name when unknown.
    pub when: String,
    /// The critique.
    pub report: Report,
}

/// A flag and how often it was raised.
#[derive(Debug, Clone, PartialEq)]
pub struct Recurring {
    /// The code.
    pub code: FlagCode,
    /// In how many rounds.
    pub rounds: usize,
    /// In the latest round too.
    pub in_latest: bool,
}

/// The trend.
#[derive(Debug, Clone)]
pub struct Trend {
    /// Rounds, oldest first.
    pub rounds: Vec<Round>,
    /// Flags raised in two or more rounds, most frequent first.
    pub recurring: Vec<Recurring>,
    /// Critique files that could not be read, with why.
    pub unreadable: Vec<String>,
    /// Rounds left out as too short to judge (session folder names): a few sentences say
    /// nothing about a trend.
    pub too_short: Vec<String>,
}

/// Reads every `<dir>/<session>/critique.json`.
pub fn load(dir: &Path) -> Trend {
    let mut rounds = Vec::new();
    let mut unreadable = Vec::new();
    let mut too_short = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path().join(CRITIQUE_FILE);
            if !path.is_file() {
                continue;
            }
            let session = entry.file_name().to_string_lossy().into_owned();
            match std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|t| serde_json::from_str::<Report>(&t).map_err(|e| e.to_string()))
            {
                Ok(report) if report.verdict == Verdict::TooShort => too_short.push(session),
                Ok(report) => rounds.push(Round {
                    when: when(&report, &session, &path),
                    session,
                    report,
                }),
                Err(e) => unreadable.push(format!("{}: {e}", path.display())),
            }
        }
    }
    rounds.sort_by(|a, b| (&a.when, &a.session).cmp(&(&b.when, &b.session)));
    too_short.sort();
    let recurring = recurring(&rounds);
    Trend {
        rounds,
        recurring,
        unreadable,
        too_short,
    }
}

/// When a round happened (RFC 3339): its transcript's start, else the time in its session id
/// (`20260105-093000-ab12cd`), else when its critique was written.
fn when(report: &Report, session: &str, path: &Path) -> String {
    if let Some(t) = &report.source.started_at {
        return t.clone();
    }
    let b = session.as_bytes();
    if b.len() >= 15 && b[8] == b'-' && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit) {
        let d = |r: std::ops::Range<usize>| &session[r];
        return format!(
            "{}-{}-{}T{}:{}:{}Z",
            d(0..4),
            d(4..6),
            d(6..8),
            d(9..11),
            d(11..13),
            d(13..15)
        );
    }
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| {
            time::OffsetDateTime::from(t)
                .format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| session.to_string())
}

fn recurring(rounds: &[Round]) -> Vec<Recurring> {
    let mut counts: BTreeMap<FlagCode, usize> = BTreeMap::new();
    for r in rounds {
        let mut codes = r.report.codes();
        codes.sort();
        codes.dedup();
        for c in codes {
            *counts.entry(c).or_default() += 1;
        }
    }
    let latest = rounds.last().map(|r| r.report.codes()).unwrap_or_default();
    let mut out: Vec<Recurring> = counts
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(code, rounds)| Recurring {
            code,
            rounds,
            in_latest: latest.contains(&code),
        })
        .collect();
    out.sort_by(|a, b| b.rounds.cmp(&a.rounds).then(a.code.cmp(&b.code)));
    out
}

/// Share of a round's time spent on `phase`, in percent.
pub fn share(r: &Report, phase: Phase) -> f64 {
    let t = &r.time_allocation;
    let total: u64 = t.phases.iter().map(|p| p.actual_ms).sum();
    let got = t
        .phases
        .iter()
        .find(|p| p.phase == phase)
        .map_or(0, |p| p.actual_ms);
    if total == 0 {
        0.0
    } else {
        100.0 * got as f64 / total as f64
    }
}

/// The date part of an RFC 3339 time (or the whole label).
fn day(when: &str) -> &str {
    when.get(..10)
        .filter(|d| d.as_bytes().get(4) == Some(&b'-'))
        .unwrap_or(when)
}

/// The trend as terminal text.
pub fn render_text(t: &Trend) -> String {
    let mut out = String::new();
    let o = &mut out;
    if t.rounds.is_empty() {
        let _ = writeln!(
            o,
            "No critiqued rounds yet: finish a `hotseat interview` round, or save `hotseat critique --format json` output as <session>/critique.json."
        );
        return out;
    }
    let _ = writeln!(o, "Progress over {} round(s), oldest first", t.rounds.len());
    if !t.too_short.is_empty() {
        let _ = writeln!(
            o,
            "Left out as too short to judge: {}",
            t.too_short.join(", ")
        );
    }
    let _ = writeln!(o, "\nScore");
    for r in &t.rounds {
        let q = r
            .report
            .question
            .id
            .as_deref()
            .unwrap_or(&r.report.question.title);
        let _ = writeln!(
            o,
            "  {:<10}  {:<26} {:<25} {:>3}  {}",
            day(&r.when),
            clip(q, 26),
            bar(f64::from(r.report.score), 100.0, 25),
            r.report.score,
            r.report.verdict.as_str()
        );
    }
    if let (Some(first), Some(last)) = (t.rounds.first(), t.rounds.last())
        && t.rounds.len() >= 2
    {
        let d = i32::from(last.report.score) - i32::from(first.report.score);
        let _ = writeln!(o, "  change since the first round: {d:+}");
    }
    let _ = writeln!(o, "\nFlags that keep coming back");
    if t.recurring.is_empty() {
        let _ = writeln!(o, "  none repeats across rounds");
    }
    for r in &t.recurring {
        let _ = writeln!(
            o,
            "  {:<26} {} of {} rounds{}",
            r.code.as_str(),
            r.rounds,
            t.rounds.len(),
            if r.in_latest {
                " (still in the latest)"
            } else {
                " (gone in the latest)"
            }
        );
    }
    let _ = writeln!(o, "\nShare of time per phase (%)");
    let _ = write!(o, "  {:<10}", "round");
    for p in Phase::ALL {
        let _ = write!(o, " {:>12}", short(p));
    }
    let _ = writeln!(o);
    for r in &t.rounds {
        let _ = write!(o, "  {:<10}", day(&r.when));
        for p in Phase::ALL {
            let _ = write!(o, " {:>12.0}", share(&r.report, p));
        }
        let _ = writeln!(o);
    }
    if let Some(plan) = t.rounds.last().map(|r| &r.report.time_allocation) {
        let total: u64 = plan.phases.iter().map(|p| p.planned_ms).sum::<u64>().max(1);
        let _ = write!(o, "  {:<10}", "plan");
        for p in &plan.phases {
            let _ = write!(o, " {:>12.0}", 100.0 * p.planned_ms as f64 / total as f64);
        }
        let _ = writeln!(o);
    }
    if t.rounds.len() >= 2 {
        let (first, last) = (&t.rounds[0].report, &t.rounds[t.rounds.len() - 1].report);
        let drift: Vec<String> = Phase::ALL
            .iter()
            .filter_map(|p| {
                let (a, b) = (share(first, *p), share(last, *p));
                ((b - a).abs() >= 5.0).then(|| format!("{} {a:.0}% → {b:.0}%", short(*p)))
            })
            .collect();
        let _ = writeln!(
            o,
            "  drift since the first round: {}",
            if drift.is_empty() {
                "none above 5 points".into()
            } else {
                drift.join(", ")
            }
        );
    }
    for u in &t.unreadable {
        let _ = writeln!(o, "\nskipped unreadable {u}");
    }
    out
}

/// The trend as a self-contained HTML page.
pub fn render_html(t: &Trend) -> String {
    let mut out = String::new();
    let o = &mut out;
    let _ = write!(
        o,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>hotseat progress</title><style>{STYLE}</style></head><body><h1>Progress over {} round(s)</h1>",
        t.rounds.len()
    );
    let points: Vec<(String, f64)> = t
        .rounds
        .iter()
        .map(|r| {
            (
                format!("{} · {}", day(&r.when), r.report.verdict.as_str()),
                f64::from(r.report.score),
            )
        })
        .collect();
    let _ = write!(o, "<h2>Score over time</h2>{}", svg_line(&points));
    let _ = write!(
        o,
        "<h2>Flags that keep coming back</h2><table><tr><th>flag</th><th>rounds</th><th>latest</th></tr>"
    );
    for r in &t.recurring {
        let _ = write!(
            o,
            "<tr><td><code>{}</code></td><td>{} of {}</td><td>{}</td></tr>",
            r.code,
            r.rounds,
            t.rounds.len(),
            if r.in_latest { "still there" } else { "gone" }
        );
    }
    let _ = write!(
        o,
        "</table><h2>Share of time per phase</h2><table><tr><th>round</th>"
    );
    for p in Phase::ALL {
        let _ = write!(o, "<th>{}</th>", short(p));
    }
    let _ = write!(o, "</tr>");
    for r in &t.rounds {
        let _ = write!(o, "<tr><td>{}</td>", escape(day(&r.when)));
        for p in Phase::ALL {
            let v = share(&r.report, p);
            let _ = write!(
                o,
                "<td><svg width=\"80\" height=\"10\"><rect width=\"{:.0}\" height=\"10\" fill=\"#3b6ea5\"/></svg> {v:.0}%</td>",
                0.8 * v
            );
        }
        let _ = write!(o, "</tr>");
    }
    let _ = writeln!(o, "</table></body></html>");
    out
}

fn short(p: Phase) -> &'static str {
    match p {
        Phase::Clarify => "requirements",
        Phase::HighLevel => "high-level",
        Phase::DeepDive => "deep dive",
        Phase::Tradeoffs => "trade-offs",
        Phase::WrapUp => "wrap-up",
    }
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).chain(['…']).collect()
    }
}
