//! Wrapping text that arrives in pieces (a streamed reply): each word is written as soon as it is
//! complete, on the current line when it fits and on a new, indented line when it does not.
//! textwrap lays out whole paragraphs, so this keeps only the running column and asks textwrap to
//! cut a word that alone is wider than the line.

use std::io::Write;

use super::display_width;

/// A word-wrapping writer for streamed text, with a hanging indent under the first line's prefix.
///
/// Runs of spaces collapse to one; a newline starts a new indented line (two make a blank line).
/// Nothing is written for a word until the whitespace after it arrives, or [`StreamWrap::finish`].
pub struct StreamWrap<W: Write> {
    out: W,
    width: usize,
    indent: usize,
    /// The column the cursor is at.
    col: usize,
    /// Whether the current line holds a word already (so the next needs a space before it).
    words_on_line: bool,
    /// The word being received.
    pending: String,
    /// A new line was started and its indent is not written yet (a blank line stays blank).
    indent_owed: bool,
}

impl<W: Write> StreamWrap<W> {
    /// Writes `prefix` and returns a wrapper for what follows it, at `width` columns, continuation
    /// lines aligned under the text after the prefix (see [`super::hang_indent`]).
    pub fn new(mut out: W, prefix: &str, width: usize) -> Self {
        let _ = out.write_all(prefix.as_bytes());
        let _ = out.flush();
        let indent = super::hang_indent(prefix, width);
        Self {
            out,
            width: width.max(indent + 8),
            indent,
            col: display_width(prefix),
            words_on_line: false,
            pending: String::new(),
            indent_owed: false,
        }
    }

    /// Takes the next piece of the stream; complete words are written and flushed.
    pub fn push(&mut self, piece: &str) {
        for c in piece.chars() {
            match c {
                '\n' => {
                    self.word();
                    self.newline();
                }
                c if c.is_whitespace() => self.word(),
                c => self.pending.push(c),
            }
        }
        let _ = self.out.flush();
    }

    /// Writes the last word and ends the line; returns the writer.
    pub fn finish(mut self) -> W {
        self.word();
        let _ = self.out.write_all(b"\n");
        let _ = self.out.flush();
        self.out
    }

    fn newline(&mut self) {
        let _ = self.out.write_all(b"\n");
        self.col = self.indent;
        self.words_on_line = false;
        self.indent_owed = true;
    }

    fn write_word(&mut self, word: &str) {
        if self.indent_owed {
            let _ = write!(self.out, "{:1$}", "", self.indent);
            self.indent_owed = false;
        } else if self.words_on_line {
            let _ = self.out.write_all(b" ");
        }
        let _ = self.out.write_all(word.as_bytes());
        self.words_on_line = true;
    }

    fn word(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let word = std::mem::take(&mut self.pending);
        let w = display_width(&word);
        let gap = usize::from(self.words_on_line);
        if self.col + gap + w <= self.width {
            self.write_word(&word);
            self.col += gap + w;
            return;
        }
        let room = self.width - self.indent;
        if self.words_on_line || self.col > self.indent {
            self.newline();
        }
        if w <= room {
            self.write_word(&word);
            self.col += w;
            return;
        }
        // One word wider than the line: the only case where a word is cut.
        let pieces = textwrap::wrap(
            &word,
            textwrap::Options::new(room).word_separator(textwrap::WordSeparator::AsciiSpace),
        );
        let last = pieces.len().saturating_sub(1);
        for (i, p) in pieces.iter().enumerate() {
            self.write_word(p);
            self.col += display_width(p);
            if i < last {
                self.newline();
            }
        }
    }
}
