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
pub(crate) fn tokenize<'a>(s: &'a str, lower: &'a str) -> Vec<Tok<'a>> {
    let cs: Vec<(usize, char)> = s.char_indices().collect();
    let end_of = |k: usize| cs.get(k).map_or(s.len(), |&(b, _)| b);
    let mut toks = Vec::with_capacity(cs.len() / 4);
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let word = c.is_alphanumeric();
        if word {
            while j < cs.len() {
                let d = cs[j].1;
                if d.is_alphanumeric() {
                    j += 1;
                    continue;
                }
                let prev = cs[j - 1].1;
                let next = cs.get(j + 1).map(|x| x.1).unwrap_or(' ');
                let joins = match d {
                    '.' => {
                        (prev.is_ascii_digit() && next.is_ascii_digit())
                            || (prev.is_alphabetic() && next.is_alphabetic())
                    }
                    // Thousands separators only: "10,000" but not "10, 20".
                    ',' => {
                        prev.is_ascii_digit()
                            && cs.len() > j + 3
                            && cs[j + 1..j + 4].iter().all(|x| x.1.is_ascii_digit())
                            && cs.get(j + 4).is_none_or(|x| !x.1.is_ascii_digit())
                    }
                    // "GPT-4", "twenty-five", "real-time"; "10-20" stays a range of two tokens.
                    '-' => {
                        prev.is_alphanumeric()
                            && next.is_alphanumeric()
                            && (prev.is_alphabetic() || next.is_alphabetic())
                    }
                    '\'' | '’' => prev.is_alphabetic() && next.is_alphabetic(),
                    _ => false,
                };
                if !joins {
                    break;
                }
                j += 2;
            }
        }
        let (a, b) = (cs[i].0, end_of(j));
        toks.push(Tok {
            start: a,
            end: b,
            raw: &s[a..b],
            low: &lower[a..b],
            word,
        });
        i = j;
    }
    toks
}
