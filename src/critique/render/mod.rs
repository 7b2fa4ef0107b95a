//! The report in four forms: terminal text (with a block-character chart), markdown, JSON (the
//! published schema) and a self-contained HTML page (with an inline SVG chart).

pub mod chart;
pub mod controls;
pub mod html;
pub mod markdown;
pub mod text;

use crate::question::Level;

use super::report::{Layer, LayerRun, Report, Verdict};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Terminal text.
    Text,
    /// Markdown.
    Markdown,
    /// JSON following `docs/critique.schema.json`.
    Json,
    /// A self-contained HTML page.
    Html,
}

/// The report in `format`; terminal text is laid out at the default width (80 columns).
pub fn render(report: &Report, format: Format) -> String {
    render_at(report, format, crate::layout::DEFAULT_WIDTH)
}

/// The report in `format`, terminal text laid out in `width` columns (the other formats ignore it).
/// The text and Markdown forms (the ones read in a terminal) carry no control sequences, whatever
/// the transcript held; JSON escapes them and HTML shows them inert.
pub fn render_at(report: &Report, format: Format, width: usize) -> String {
    match format {
        Format::Text => controls::strip_controls(&text::render(report, width)),
        Format::Markdown => controls::strip_controls(&markdown::render(report)),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(report).unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Html => html::render(report),
    }
}

/// "Score 74/100 · hire", with the reason when the verdict was capped, or "Too short to judge: ..."
/// with the reason.
fn headline(r: &Report) -> String {
    match (&r.verdict, &r.verdict_reason) {
        (Verdict::TooShort, Some(why)) => {
            let mut c = why.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        }
        (_, Some(why)) => format!("Score {}/100 · {} ({why})", r.score, r.verdict.as_str()),
        _ => format!("Score {}/100 · {}", r.score, r.verdict.as_str()),
    }
}

/// Where the round was found inside an imported call and what was left out, one line each:
/// "Round judged: turn 12 (line 12) to turn 85 (line 85)", "Begins at ...", "Ends at ...",
/// "Left out: ...". Empty for our own rounds.
fn round_lines(r: &Report) -> Vec<String> {
    let Some(b) = &r.round else {
        return Vec::new();
    };
    let at = |turn: usize, line: Option<usize>| match line {
        Some(l) => format!("turn {turn} (line {l})"),
        None => format!("turn {turn}"),
    };
    let mut out = vec![
        format!(
            "Round judged: {} to {}",
            at(b.start_turn, b.start_line),
            at(b.end_turn, b.end_line)
        ),
        format!("Begins at {}", b.start_why),
        format!("Ends at {}", b.end_why),
    ];
    for p in &b.left_out {
        let lines = match (p.first_line, p.last_line) {
            (Some(a), Some(z)) if a == z => format!("line {a}"),
            (Some(a), Some(z)) => format!("lines {a}-{z}"),
            _ => "somewhere in the file".into(),
        };
        out.push(format!("Left out ({lines}, {} words): {}", p.words, p.what));
    }
    for n in &b.notes {
        out.push(format!("Note: {n}"));
    }
    out
}

fn level(l: Level) -> &'static str {
    super::rules::level_name(l)
}

/// "rules: 4 flags", "judge: 9 asked, 8 kept, 1 invented quote dropped".
fn layer_line(l: &LayerRun) -> String {
    let name = match l.layer {
        Layer::Rules => "rules",
        Layer::Judge => "judge",
    };
    if !l.ran {
        return format!("{name}: not run ({})", l.note.as_deref().unwrap_or("off"));
    }
    let mut s = format!("{name}: {} flag(s)", l.flags);
    if let Some(v) = &l.verdicts {
        s.push_str(&format!(
            ", {} asked, {} kept, {} dropped for an invented quote, {} failed",
            v.asked, v.kept, v.invented_quotes, v.failed
        ));
    }
    if let Some(n) = &l.note {
        s.push_str(&format!(" ({n})"));
    }
    s
}
