//! The report in four forms: terminal text (with a block-character chart), markdown, JSON (the
//! published schema) and a self-contained HTML page (with an inline SVG chart).

pub mod chart;
pub mod html;
pub mod markdown;
pub mod text;

use crate::question::Level;

use super::report::{Layer, LayerRun, Report};

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
pub fn render_at(report: &Report, format: Format, width: usize) -> String {
    match format {
        Format::Text => text::render(report, width),
        Format::Markdown => markdown::render(report),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(report).unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Html => html::render(report),
    }
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
