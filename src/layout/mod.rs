//! Fitting what hotseat prints to the terminal: the width to wrap at, paragraphs wrapped at word
//! boundaries with hanging indents (so a quote or a bullet keeps its column), a streaming wrapper
//! for replies that arrive a few characters at a time, and tables that fit the width.
//!
//! Words are only ever split when one word alone is wider than the line. Hyphens are not break
//! points: `model-serving` and `url-shortener` stay whole.

mod stream;
mod table;

pub use stream::StreamWrap;
pub use table::Table;

use textwrap::{Options, WordSeparator, WordSplitter, WrapAlgorithm};

/// The width used when stdout is not a terminal and `COLUMNS` says nothing (a pipe, a file).
pub const DEFAULT_WIDTH: usize = 80;

/// The narrowest width we lay out for; a narrower terminal gets lines of this width.
pub const MIN_WIDTH: usize = 24;

/// The width to lay stdout out at: the terminal's when stdout is one, else `COLUMNS`, else 80.
pub fn stdout_width() -> usize {
    use std::io::IsTerminal;
    let terminal = std::io::stdout()
        .is_terminal()
        .then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .flatten();
    width_from(terminal, std::env::var("COLUMNS").ok().as_deref())
}

/// The width to use from the terminal's (when stdout is one) and the `COLUMNS` variable, in that
/// order, else [`DEFAULT_WIDTH`]; never under [`MIN_WIDTH`].
pub fn width_from(terminal: Option<usize>, columns: Option<&str>) -> usize {
    terminal
        .filter(|w| *w > 0)
        .or_else(|| {
            columns
                .and_then(|c| c.trim().parse().ok())
                .filter(|w| *w > 0)
        })
        .unwrap_or(DEFAULT_WIDTH)
        .max(MIN_WIDTH)
}

/// Columns a string takes on screen (wide characters count two, combining marks none).
pub fn display_width(s: &str) -> usize {
    textwrap::core::display_width(s)
}

fn options<'a>(width: usize, first: &'a str, rest: &'a str) -> Options<'a> {
    Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_separator(WordSeparator::AsciiSpace)
        .word_splitter(WordSplitter::NoHyphenation)
        .wrap_algorithm(WrapAlgorithm::new_optimal_fit())
        .break_words(true)
}

/// Wraps `text` to `width` columns. Each line of `text` is a paragraph; the first line of the
/// result starts with `first`, every other line (continuations and later paragraphs) with `rest`.
/// The result has no trailing newline; an empty line of `text` stays an empty line.
pub fn fill(text: &str, width: usize, first: &str, rest: &str) -> String {
    let width = width.max(display_width(first).max(display_width(rest)) + 8);
    let mut out: Vec<String> = Vec::new();
    for (i, para) in text.split('\n').enumerate() {
        let para = para.trim_end();
        let lead = if i == 0 { first } else { rest };
        if para.trim().is_empty() {
            out.push(lead.trim_end().to_string());
            continue;
        }
        out.extend(
            textwrap::wrap(para.trim_start(), options(width, lead, rest))
                .into_iter()
                .map(|l| l.trim_end().to_string()),
        );
    }
    out.join("\n")
}

/// `prefix` followed by `text`, wrapped to `width`, with continuation lines aligned under the
/// start of the text (or indented by four when the prefix takes more than two fifths of the line).
pub fn hang(prefix: &str, text: &str, width: usize) -> String {
    let indent = hang_indent(prefix, width);
    fill(text, width, prefix, &" ".repeat(indent))
}

/// The hanging indent for text after `prefix` at `width`.
pub fn hang_indent(prefix: &str, width: usize) -> usize {
    let w = display_width(prefix);
    if w * 5 <= width * 2 { w } else { 4 }
}

/// `label` and a path on one line when they fit, else the path alone on the next line: a path is
/// never broken, so it can be copied (a path wider than the line stays wider).
pub fn labelled_path(label: &str, path: &std::path::Path, width: usize) -> String {
    let path = path.display().to_string();
    if display_width(label) + display_width(&path) <= width {
        format!("{label}{path}")
    } else {
        format!("{}\n{path}", label.trim_end())
    }
}

/// Appends `text` to `out` as a wrapped paragraph (see [`fill`]) and a newline.
pub fn push_fill(out: &mut String, text: &str, width: usize, first: &str, rest: &str) {
    out.push_str(&fill(text, width, first, rest));
    out.push('\n');
}

/// Appends `prefix` + `text` to `out` with a hanging indent (see [`hang`]) and a newline.
pub fn push_hang(out: &mut String, prefix: &str, text: &str, width: usize) {
    out.push_str(&hang(prefix, text, width));
    out.push('\n');
}

#[cfg(test)]
mod tests;
