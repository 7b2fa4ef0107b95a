//! Tables that fit the width: comfy-table lays the columns out and wraps long cells at spaces.
//! Each column is held at least as wide as its longest word (an id, a date, a path stays whole);
//! only when those minimums together cannot fit does the widest column give its minimum up.

use comfy_table::presets::NOTHING;
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, LineStyle, Width};

use super::display_width;

/// Columns are separated by this many spaces.
const GAP: u16 = 2;

/// A plain table: a header underlined, columns two spaces apart, no borders.
#[derive(Debug, Clone, Default)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    right: Vec<usize>,
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

    /// The table laid out in at most `width` columns (unless one word alone is wider), one line per
    /// text line, ending with a newline.
    pub fn render(&self, width: usize) -> String {
        let cols = self.header.len();
        let mut t = comfy_table::Table::new();
        t.load_style(NOTHING.header_separator(LineStyle::none().fill('─').junction(' ')))
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(u16::try_from(width).unwrap_or(u16::MAX))
            .set_header(self.header.clone());
        for r in &self.rows {
            t.add_row(r.clone());
        }
        let minimums = self.minimums(width);
        for (i, column) in t.column_iter_mut().enumerate() {
            let last = i + 1 == cols;
            column.set_padding((0, if last { 0 } else { GAP }));
            if self.right.contains(&i) {
                column.set_cell_alignment(CellAlignment::Right);
            }
            if let Some(min) = minimums[i] {
                column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(min)));
            }
        }
        let mut out = String::new();
        for line in t.lines() {
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// Each column's longest word (with its gap), as a lower bound; the widest bounds are dropped
    /// until the rest, with room for the free columns, fit.
    fn minimums(&self, width: usize) -> Vec<Option<u16>> {
        let cols = self.header.len();
        let longest = |i: usize| {
            std::iter::once(&self.header[i])
                .chain(self.rows.iter().map(|r| &r[i]))
                .flat_map(|cell| cell.split_whitespace())
                .map(display_width)
                .max()
                .unwrap_or(0)
        };
        let mut mins: Vec<Option<usize>> = (0..cols)
            .map(|i| Some(longest(i) + if i + 1 == cols { 0 } else { GAP as usize }))
            .collect();
        let fits = |m: &[Option<usize>]| {
            // A free column still needs a few cells.
            m.iter().map(|x| x.unwrap_or(6)).sum::<usize>() <= width
        };
        while !fits(&mins) {
            let Some((widest, _)) = mins
                .iter()
                .enumerate()
                .filter_map(|(i, m)| m.map(|m| (i, m)))
                .max_by_key(|(_, m)| *m)
            else {
                break;
            };
            mins[widest] = None;
        }
        mins.into_iter()
            .map(|m| m.map(|m| u16::try_from(m).unwrap_or(u16::MAX)))
            .collect()
    }
}
