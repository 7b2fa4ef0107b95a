//! Tables that fit the width: comfy-table lays the columns out and wraps long cells at spaces.
//! Each column is held at least as wide as its longest word, so an id, a date or a path stays
//! whole. When those widths cannot all fit: the columns marked optional are left out (and the table
//! says so), then the widest columns break their longest words after a hyphen
//! (`content-moderation-` / `multimodal`), never inside a run of letters.

use comfy_table::presets::NOTHING;
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, LineStyle, Width};
use textwrap::{Options, WordSeparator, WordSplitter};

use super::display_width;

/// Columns are separated by this many spaces.
const GAP: usize = 2;

/// A plain table: a header underlined, columns two spaces apart, no borders.
#[derive(Debug, Clone, Default)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    right: Vec<usize>,
    optional: Vec<usize>,
}

/// How each column is laid out at one width.
struct Plan {
    visible: Vec<bool>,
    /// Columns (with their gap) at least this wide.
    bounds: Vec<usize>,
    /// Columns whose cells are broken after hyphens, at this content width.
    hyphenated: Vec<Option<usize>>,
}

impl Table {
    /// A table with these column headings.
    pub fn new<S: Into<String>>(header: impl IntoIterator<Item = S>) -> Self {
        Self {
            header: header.into_iter().map(Into::into).collect(),
            ..Self::default()
        }
    }

    /// Right-aligns column `i` (numbers, durations).
    pub fn align_right(mut self, i: usize) -> Self {
        self.right.push(i);
        self
    }

    /// Marks column `i` as one to leave out when the table does not fit; the first marked goes
    /// first.
    pub fn optional(mut self, i: usize) -> Self {
        self.optional.push(i);
        self
    }

    /// Adds a row (missing cells are blank, extra ones are dropped).
    pub fn row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) {
        let mut row: Vec<String> = cells.into_iter().map(Into::into).collect();
        row.resize(self.header.len(), String::new());
        self.rows.push(row);
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table laid out in at most `width` columns (unless one unbreakable word alone is
    /// wider), ending with a newline; a last line names the columns left out, if any.
    pub fn render(&self, width: usize) -> String {
        let plan = self.plan(width);
        let last_visible = plan.visible.iter().rposition(|v| *v).unwrap_or(0);
        let cell = |i: usize, text: &str| match plan.hyphenated[i] {
            Some(w) => break_after_hyphens(text, w),
            None => text.to_string(),
        };
        let mut t = comfy_table::Table::new();
        t.load_style(NOTHING.header_separator(LineStyle::none().fill('─')))
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(u16::try_from(width).unwrap_or(u16::MAX))
            .set_header(
                self.header
                    .iter()
                    .enumerate()
                    .map(|(i, h)| cell(i, h))
                    .collect::<Vec<_>>(),
            );
        for r in &self.rows {
            t.add_row(
                r.iter()
                    .enumerate()
                    .map(|(i, c)| cell(i, c))
                    .collect::<Vec<_>>(),
            );
        }
        for (i, column) in t.column_iter_mut().enumerate() {
            let gap = if i == last_visible { 0 } else { GAP };
            column.set_padding((0, gap as u16));
            if self.right.contains(&i) {
                column.set_cell_alignment(CellAlignment::Right);
            }
            let fixed = |w: usize| Width::Fixed(u16::try_from(w).unwrap_or(u16::MAX));
            column.set_constraint(if !plan.visible[i] {
                ColumnConstraint::Hidden
            } else if let Some(w) = plan.hyphenated[i] {
                ColumnConstraint::Absolute(fixed(w + gap))
            } else {
                ColumnConstraint::LowerBoundary(fixed(plan.bounds[i]))
            });
        }
        let mut out = String::new();
        for line in t.lines() {
            out.push_str(line.trim_end());
            out.push('\n');
        }
        let left_out: Vec<&str> = (0..self.header.len())
            .filter(|i| !plan.visible[*i])
            .map(|i| self.header[i].as_str())
            .collect();
        if !left_out.is_empty() {
            let note = format!("({} left out to fit {width} columns)", left_out.join(", "));
            super::push_fill(&mut out, &note, width, "", " ");
        }
        out
    }

    /// Which columns show and how wide each must be.
    fn plan(&self, width: usize) -> Plan {
        let cols = self.header.len();
        let cells =
            |i: usize| std::iter::once(&self.header[i]).chain(self.rows.iter().map(move |r| &r[i]));
        let longest = |i: usize, split: &dyn Fn(&str) -> Vec<String>| {
            cells(i)
                .flat_map(|c| c.split_whitespace().flat_map(split).collect::<Vec<_>>())
                .map(|w| display_width(&w))
                .max()
                .unwrap_or(1)
        };
        let whole: Vec<usize> = (0..cols)
            .map(|i| longest(i, &|w| vec![w.to_string()]))
            .collect();
        let parts: Vec<usize> = (0..cols).map(|i| longest(i, &hyphen_parts)).collect();
        let mut visible = vec![true; cols];
        let need = |visible: &[bool], content: &dyn Fn(usize) -> usize| {
            let shown: Vec<usize> = (0..cols).filter(|i| visible[*i]).collect();
            shown.iter().map(|i| content(*i)).sum::<usize>() + GAP * shown.len().saturating_sub(1)
        };
        let mut hide = self.optional.iter();
        while need(&visible, &|i| whole[i]) > width {
            match hide.next() {
                Some(&i) if i < cols => visible[i] = false,
                Some(_) => {}
                None => break,
            }
        }
        // Still too wide: break the widest columns' words after hyphens, as little as needed.
        let mut content = whole.clone();
        let mut hyphenated = vec![None; cols];
        let mut over = need(&visible, &|i| content[i]).saturating_sub(width);
        let mut by_width: Vec<usize> = (0..cols).filter(|i| visible[*i]).collect();
        by_width.sort_by_key(|i| std::cmp::Reverse(whole[*i]));
        for i in by_width {
            if over == 0 {
                break;
            }
            let cut = (whole[i] - parts[i]).min(over);
            if cut > 0 {
                content[i] = whole[i] - cut;
                hyphenated[i] = Some(content[i]);
                over -= cut;
            }
        }
        let last_visible = visible.iter().rposition(|v| *v).unwrap_or(0);
        let bounds = (0..cols)
            .map(|i| content[i] + if i == last_visible { 0 } else { GAP })
            .collect();
        Plan {
            visible,
            bounds,
            hyphenated,
        }
    }
}

/// A word's pieces after each hyphen (`a-b-c` gives `a-`, `b-`, `c`).
fn hyphen_parts(word: &str) -> Vec<String> {
    word.split_inclusive('-').map(str::to_string).collect()
}

/// A cell broken into lines of `width`, between words or right after a hyphen.
fn break_after_hyphens(text: &str, width: usize) -> String {
    let opts = Options::new(width.max(1))
        .word_separator(WordSeparator::AsciiSpace)
        .word_splitter(WordSplitter::HyphenSplitter)
        .break_words(true);
    textwrap::wrap(text, opts).join("\n")
}
