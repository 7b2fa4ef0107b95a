//! Charts for the terminal (block characters) and for HTML (inline SVG, no external assets).

use std::fmt::Write as _;

/// Eighths of a block, from one eighth to a full block.
const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

/// A horizontal bar of `value` out of `max` in `width` cells, with eighth-cell resolution.
pub fn bar(value: f64, max: f64, width: usize) -> String {
    if max <= 0.0 || value <= 0.0 {
        return String::new();
    }
    let eighths = ((value / max).min(1.0) * width as f64 * 8.0).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.push(EIGHTHS[eighths % 8 - 1]);
    }
    s
}

/// A bar padded with light shade to `width` cells, for a meter ("███░░░").
pub fn meter(value: f64, max: f64, width: usize) -> String {
    let filled = ((value / max).clamp(0.0, 1.0) * width as f64).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// One row of a paired bar chart: a label, the actual value and the planned one.
pub struct PairRow<'a> {
    /// The row's label.
    pub label: &'a str,
    /// What happened.
    pub actual: f64,
    /// What was planned.
    pub planned: f64,
    /// Text after the bars (e.g. "12:10 / plan 5:00").
    pub caption: String,
}

/// An SVG chart of actual (solid) against planned (outlined) bars, one pair per row.
pub fn svg_pairs(rows: &[PairRow<'_>]) -> String {
    let (label_w, bar_w, row_h, caption_w) = (170.0, 380.0, 34.0, 170.0);
    let max = rows
        .iter()
        .map(|r| r.actual.max(r.planned))
        .fold(0.0, f64::max)
        .max(1e-9);
    let height = rows.len() as f64 * row_h + 30.0;
    let width = label_w + bar_w + caption_w;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="time per phase, actual against plan">"#
    );
    for (i, r) in rows.iter().enumerate() {
        let y = i as f64 * row_h + 6.0;
        let aw = bar_w * r.actual / max;
        let pw = bar_w * r.planned / max;
        let _ = write!(
            s,
            r##"<text x="0" y="{:.1}" font-size="13" dominant-baseline="middle">{}</text><rect x="{label_w}" y="{y:.1}" width="{aw:.1}" height="12" fill="#3b6ea5"/><rect x="{label_w}" y="{:.1}" width="{pw:.1}" height="10" fill="none" stroke="#999" stroke-dasharray="3 2"/><text x="{:.1}" y="{:.1}" font-size="12" fill="#444" dominant-baseline="middle">{}</text>"##,
            y + 11.0,
            escape(r.label),
            y + 14.0,
            label_w + bar_w + 8.0,
            y + 11.0,
            escape(&r.caption),
        );
    }
    let ly = rows.len() as f64 * row_h + 14.0;
    let _ = write!(
        s,
        r##"<rect x="{label_w}" y="{:.1}" width="14" height="10" fill="#3b6ea5"/><text x="{:.1}" y="{:.1}" font-size="12">actual</text><rect x="{:.1}" y="{:.1}" width="14" height="10" fill="none" stroke="#999" stroke-dasharray="3 2"/><text x="{:.1}" y="{:.1}" font-size="12">plan</text></svg>"##,
        ly - 5.0,
        label_w + 20.0,
        ly + 4.0,
        label_w + 80.0,
        ly - 5.0,
        label_w + 100.0,
        ly + 4.0,
    );
    s
}

/// An SVG line chart of values 0-100 over rounds, with each point labelled.
pub fn svg_line(points: &[(String, f64)]) -> String {
    let (w, h, pad) = (640.0, 220.0, 30.0);
    let n = points.len().max(1);
    let x = |i: usize| {
        if n == 1 {
            w / 2.0
        } else {
            pad + (w - 2.0 * pad) * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| h - pad - (h - 2.0 * pad) * v.clamp(0.0, 100.0) / 100.0;
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="score over rounds">"#
    );
    for v in [0.0, 50.0, 100.0] {
        let _ = write!(
            s,
            r##"<line x1="{pad}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="#ddd"/><text x="2" y="{:.1}" font-size="10" fill="#777">{v}</text>"##,
            w - pad,
            y(v),
            y(v),
            y(v) + 3.0
        );
    }
    let path: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, (_, v))| format!("{:.1},{:.1}", x(i), y(*v)))
        .collect();
    let _ = write!(
        s,
        r##"<polyline fill="none" stroke="#3b6ea5" stroke-width="2" points="{}"/>"##,
        path.join(" ")
    );
    for (i, (label, v)) in points.iter().enumerate() {
        let _ = write!(
            s,
            r##"<circle cx="{:.1}" cy="{:.1}" r="4" fill="#3b6ea5"><title>{}</title></circle><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle">{v:.0}</text>"##,
            x(i),
            y(*v),
            escape(label),
            x(i),
            y(*v) - 8.0
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_have_eighth_resolution() {
        assert_eq!(bar(0.0, 10.0, 10), "");
        assert_eq!(bar(10.0, 10.0, 4), "████");
        assert_eq!(bar(5.0, 10.0, 3), "█▌");
        assert_eq!(meter(5.0, 10.0, 4), "██░░");
    }

    #[test]
    fn escape_neutralises_markup() {
        assert_eq!(
            escape(r#"<script>"x" & 'y'"#),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;"
        );
    }
}
