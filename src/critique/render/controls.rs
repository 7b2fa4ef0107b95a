//! Text headed for a terminal keeps no control sequences: a transcript line holding ANSI (`ESC [`)
//! or OSC (`ESC ]`, which can retitle the window, write the clipboard or forge a hyperlink) escapes
//! would act on the reader's terminal when the report is printed or `cat`-ed.

/// `text` without escape sequences (CSI, OSC, DCS and the rest, in their 7- and 8-bit forms) and
/// without control characters other than newline and tab.
pub fn strip_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\u{1b}' => match chars.next() {
                Some('[') => skip_csi(&mut chars),
                Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut chars),
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Parameters and intermediates up to the final byte (`@` to `~`).
fn skip_csi(chars: &mut impl Iterator<Item = char>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

/// A control string, up to BEL or the string terminator (`ESC \` or U+009C).
fn skip_string(chars: &mut std::iter::Peekable<impl Iterator<Item = char>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_controls_are_removed() {
        let hostile = "red \u{1b}[31mtext\u{1b}[0m, title \u{1b}]0;pwned\u{7} link \
            \u{1b}]8;;http://evil\u{1b}\\here\u{1b}]8;;\u{1b}\\ bell\u{7} cr\rback \u{9b}2J done";
        let clean = strip_controls(hostile);
        assert_eq!(clean, "red text, title  link here bell crback  done");
        assert_eq!(
            strip_controls("keeps\nlines\tand tabs · ü"),
            "keeps\nlines\tand tabs · ü"
        );
    }
}
