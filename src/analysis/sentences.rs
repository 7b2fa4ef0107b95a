//! Splits a turn into sentences, as byte ranges into the turn, so every quote the detectors take
//! is a verbatim substring of what the candidate said.
//!
//! Typed chat has punctuation; speech-to-text often has none, so a very long run of words is also
//! cut where a speaker starts a new thought ("so", "and then", "okay").

use std::ops::Range;

/// Words past which an unpunctuated run is cut at discourse markers.
const LONG_RUN: usize = 40;
/// Fewest words a piece cut out of a long run may have, so markers don't shred it.
const MIN_PIECE: usize = 8;

/// Abbreviations whose trailing dot does not end a sentence.
const ABBREVIATIONS: [&str; 9] = [
    "e.g", "i.e", "vs", "approx", "eg", "ie", "cf", "incl", "est",
];

/// The sentences of `text`: trimmed, non-empty byte ranges in order.
pub(crate) fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    // Scan bytes: every boundary character is ASCII or starts with 0xE2 ("…"), so other bytes,
    // including the rest of any multi-byte character, are skipped without decoding.
    while let Some(at) = text.as_bytes()[i..]
        .iter()
        .position(|&b| matches!(b, b'.' | b'?' | b'!' | b'\n' | 0xE2))
    {
        let i0 = i + at;
        let c = text[i0..].chars().next().unwrap_or(' ');
        i = i0 + c.len_utf8();
        if c == '\n' {
            push_trimmed(text, start..i0, &mut out);
            start = i;
            continue;
        }
        if !matches!(c, '.' | '?' | '!' | '…') {
            continue;
        }
        // Take the whole run of closing punctuation ("?!", "...", `."`) into this sentence.
        let mut chars = text[i..].chars();
        while let Some(d) = chars.next().filter(|d| {
            matches!(
                d,
                '.' | '?' | '!' | '…' | '"' | '\'' | ')' | ']' | '”' | '’'
            )
        }) {
            i += d.len_utf8();
        }
        // A dot followed by a letter or digit is a decimal, a domain or an initialism.
        if text[i..].chars().next().is_some_and(|n| !n.is_whitespace()) {
            continue;
        }
        if c == '.' && i == i0 + 1 && !ends_sentence(&text[start..i0]) {
            continue;
        }
        push_trimmed(text, start..i, &mut out);
        start = i;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// Whether a single dot after `before` (the sentence so far) ends it: not after an abbreviation,
/// and not after a list marker such as "1." or "b." at the start of a line.
fn ends_sentence(before: &str) -> bool {
    let so_far = before.trim();
    let last = so_far.rsplit(char::is_whitespace).next().unwrap_or("");
    let marker = so_far.len() <= 3
        && (so_far.chars().all(|c| c.is_ascii_digit())
            || (so_far.len() == 1 && so_far.chars().all(|c| c.is_ascii_alphabetic())));
    let abbreviation = ABBREVIATIONS.iter().any(|a| last.eq_ignore_ascii_case(a))
        // Initialisms written with dots ("U.S.", "a.k.a.").
        || (last.len() <= 5 && last.contains('.') && last.chars().all(|c| c.is_alphabetic() || c == '.'));
    !(marker || abbreviation)
}

/// Pushes `range` trimmed of whitespace, cutting it further if it is a very long spoken run.
fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let piece = &text[range.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let begin = range.start + lead;
    cut_long_run(text, begin..begin + trimmed.len(), out);
}

/// Cuts a run of more than [`LONG_RUN`] words before discourse markers, keeping every piece at
/// least [`MIN_PIECE`] words long; shorter runs pass through whole.
fn cut_long_run(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    // Most sentences are short: too few bytes to hold that many words, or few enough spaces.
    if range.len() <= 2 * LONG_RUN {
        out.push(range);
        return;
    }
    let gaps = text.as_bytes()[range.clone()]
        .windows(2)
        .filter(|w| w[0].is_ascii_whitespace() && !w[1].is_ascii_whitespace())
        .take(LONG_RUN)
        .count();
    if gaps < LONG_RUN {
        out.push(range);
        return;
    }
    let words: Vec<(usize, &str)> = word_offsets(&text[range.clone()]);
    let mut piece_start = 0; // index into `words`
    for k in 1..words.len() {
        let long_enough = k - piece_start >= MIN_PIECE && words.len() - k >= MIN_PIECE / 2;
        if long_enough && is_marker(&words, k) {
            let a = range.start + words[piece_start].0;
            let b = range.start + words[k - 1].0 + words[k - 1].1.len();
            out.push(a..b);
            piece_start = k;
        }
    }
    out.push(range.start + words[piece_start].0..range.end);
}

/// Whether word `k` starts a new thought in speech.
fn is_marker(words: &[(usize, &str)], k: usize) -> bool {
    let word = |i: usize| {
        words
            .get(i)
            .map_or("", |(_, w)| w.trim_matches(|c: char| !c.is_alphanumeric()))
    };
    let is = |w: &str, list: &[&str]| list.iter().any(|l| w.eq_ignore_ascii_case(l));
    let (prev, this, next) = (word(k - 1), word(k), word(k + 1));
    if this.eq_ignore_ascii_case("so") {
        // "so that" / "so many" / "or so" / "and so on" are not new thoughts.
        !is(next, &["that", "much", "many", "far", "on", "long"])
            && !is(prev, &["or", "and", "not", "just"])
    } else if this.eq_ignore_ascii_case("and") {
        next.eq_ignore_ascii_case("then")
    } else if this.eq_ignore_ascii_case("now") {
        !is(prev, &["right", "for", "until", "by", "from", "than"])
    } else {
        is(this, &["okay", "ok", "alright", "anyway", "next"])
    }
}

/// Whitespace-separated words with their byte offsets.
fn word_offsets(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push((st, &s[st..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::split;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_on_terminal_punctuation_and_newlines() {
        assert_eq!(
            sentences("How many users?  About 10M. Great!\nNext line"),
            ["How many users?", "About 10M.", "Great!", "Next line"]
        );
    }

    #[test]
    fn keeps_decimals_abbreviations_and_list_markers() {
        assert_eq!(
            sentences("It costs $0.03 per call, e.g. for chat."),
            ["It costs $0.03 per call, e.g. for chat."]
        );
        assert_eq!(sentences("1. Users\n2. Scale"), ["1. Users", "2. Scale"]);
        assert_eq!(
            sentences("Redis vs. Memcached. Done"),
            ["Redis vs. Memcached.", "Done"]
        );
        assert_eq!(sentences("Wait... what?! ok"), ["Wait...", "what?!", "ok"]);
    }

    #[test]
    fn cuts_long_spoken_runs_at_markers() {
        let run = "um so we have the users hitting the load balancer and it goes to the api servers \
                   which talk to the database and the cache and all of that sits in one region \
                   okay so then for the feed we precompute it for each user in a background job \
                   and then we store it in redis so that reads are cheap";
        let parts = sentences(run);
        assert!(parts.len() >= 3, "{parts:?}");
        assert!(parts.iter().all(|p| run.contains(p)));
        // "so that" stays inside its piece.
        assert!(parts.last().unwrap().ends_with("so that reads are cheap"));
    }

    #[test]
    fn short_runs_stay_whole() {
        let s = "so we use a cache and then a database";
        assert_eq!(sentences(s), [s]);
    }
}
