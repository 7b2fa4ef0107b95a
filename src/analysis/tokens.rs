//! Splits a sentence into word and symbol tokens with byte offsets, for reading quantities.
//!
//! Words keep the joiners that belong inside them, so "10,000", "1.5", "GPT-4", "twenty-five"
//! and "what's" each stay one token, while a range such as "10-20" splits into three and a
//! list such as "10, 20" into separate numbers.

/// One token of a sentence: a word (letters and digits, with inner dots, commas, hyphens and
/// apostrophes) or a single symbol.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok<'a> {
    /// Byte offset of the token's start in its sentence.
    pub(crate) start: usize,
    /// Byte offset just past the token's end.
    pub(crate) end: usize,
    /// The token as written.
    pub(crate) raw: &'a str,
    /// The token in ASCII lower case.
    pub(crate) low: &'a str,
    /// Whether it is a word rather than a symbol.
    pub(crate) word: bool,
}

/// Splits `s` into tokens; `lower` is `s` in ASCII lower case (same byte offsets).
///
/// Scans bytes rather than collecting chars: it runs on every sentence holding a digit or a
/// number word. Non-ASCII characters are decoded only where they occur.
pub(crate) fn tokenize<'a>(s: &'a str, lower: &'a str) -> Vec<Tok<'a>> {
    let b = s.as_bytes();
    let mut toks = Vec::with_capacity(b.len() / 5);
    let mut i = 0;
    while i < b.len() {
        let (c, len) = char_at(s, i);
        if c.is_whitespace() {
            i += len;
            continue;
        }
        let start = i;
        i += len;
        let word = c.is_alphanumeric();
        if word {
            let mut prev = c;
            while i < b.len() {
                let (d, dlen) = char_at(s, i);
                if d.is_alphanumeric() {
                    prev = d;
                    i += dlen;
                    continue;
                }
                let next = if i + dlen < b.len() {
                    char_at(s, i + dlen).0
                } else {
                    ' '
                };
                if !joins(b, i + dlen, prev, d, next) {
                    break;
                }
                // The joiner and the character after it both belong to the word.
                prev = next;
                i += dlen + next.len_utf8();
            }
        }
        toks.push(Tok {
            start,
            end: i,
            raw: &s[start..i],
            low: &lower[start..i],
            word,
        });
    }
    toks
}

/// The character at byte `i` of `s` and its length, decoding only non-ASCII bytes.
fn char_at(s: &str, i: usize) -> (char, usize) {
    let byte = s.as_bytes()[i];
    if byte.is_ascii() {
        return (byte as char, 1);
    }
    let c = s[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

/// Whether joiner `d` between `prev` and `next` (which starts at byte `after`) stays inside a word:
/// "1.5" and "e.g", "10,000" (thousands only, not "10, 20" or "1,2"), "GPT-4" and "twenty-five"
/// (but "10-20" is a range), "what's".
fn joins(b: &[u8], after: usize, prev: char, d: char, next: char) -> bool {
    match d {
        '.' => {
            (prev.is_ascii_digit() && next.is_ascii_digit())
                || (prev.is_alphabetic() && next.is_alphabetic())
        }
        ',' => {
            prev.is_ascii_digit()
                && b.len() >= after + 3
                && b[after..after + 3].iter().all(u8::is_ascii_digit)
                && b.get(after + 3).is_none_or(|x| !x.is_ascii_digit())
        }
        '-' => {
            prev.is_alphanumeric()
                && next.is_alphanumeric()
                && (prev.is_alphabetic() || next.is_alphabetic())
        }
        '\'' | '’' => prev.is_alphabetic() && next.is_alphabetic(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::tokenize;

    fn raw(s: &str) -> Vec<&str> {
        let lower = s.to_ascii_lowercase();
        // Offsets are shared, so the raw slices are valid for `s`.
        tokenize(s, &lower)
            .iter()
            .map(|t| &s[t.start..t.end])
            .collect()
    }

    #[test]
    fn keeps_joined_words_and_splits_symbols() {
        assert_eq!(
            raw("$0.03, 10,000 GPT-4 what’s"),
            ["$", "0.03", ",", "10,000", "GPT-4", "what’s"]
        );
        assert_eq!(
            raw("10-20ms 10, 20 1,2 e.g. café"),
            [
                "10", "-", "20ms", "10", ",", "20", "1", ",", "2", "e.g", ".", "café"
            ]
        );
        assert_eq!(raw("~3x…24/7"), ["~", "3x", "…", "24", "/", "7"]);
    }
}
