//! Web-page text glued to the end of a transcript. A transcript copied from a replay page often
//! drags the page's footer along: titles of other recordings, menus, marketing lines, a copyright
//! line, all run into the last speaker's final words with no line break. Read as speech, it adds
//! hundreds of words to the last turn (and the candidate's share of the call).
//!
//! Page text has a shape speech does not: capitalised words in the middle of a "sentence" one
//! after another (menu items, names, titles), bare domains, and a legal footer. The cut starts
//! where that shape begins before the footer; stretches of ordinary sentences between two dense
//! stretches (a page's taglines) go with it.

use std::sync::LazyLock;

use regex::Regex;

/// What a page footer says.
static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|privacy policy|terms of (?:service|use)|cookie (?:policy|settings)")
        .expect("valid regex")
});

/// A bare domain or a link.
static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:https?://|www\.)|^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:io|com|org|net|ai|co|dev|app|me)$")
        .expect("valid regex")
});

/// Words a window looks at.
const WINDOW: usize = 10;
/// Share of page-like words that makes a window page text.
const DENSE: f64 = 0.5;
/// Ordinary words allowed between two dense stretches of one page.
const BRIDGE: usize = 45;
/// Fewer words than this is not worth cutting (and too little to tell).
const MIN_CUT: usize = 8;

/// One word with where it starts.
struct Word<'a> {
    start: usize,
    text: &'a str,
}

/// Whether a word reads as page text rather than speech, given the word before it.
fn page_like(w: &str, prev: Option<&str>) -> bool {
    let bare =
        w.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '.' | '"' | '\'' | '(' | ')'));
    if bare.is_empty() {
        return false;
    }
    if matches!(bare, "©" | "|" | "•" | "·") || DOMAIN.is_match(bare) {
        return true;
    }
    let sentence_start = prev.is_none_or(|p| p.ends_with(['.', '?', '!', ':']));
    let capital = bare.starts_with(|c: char| c.is_uppercase());
    let pronoun = matches!(bare, "I" | "I'm" | "I'd" | "I've" | "I'll" | "OK" | "Okay");
    capital && !sentence_start && !pronoun
}

/// Cuts page text off the end of `text`; returns how many words were cut.
pub(super) fn cut_page_text(text: &mut String) -> Option<usize> {
    let anchor = FOOTER.find_iter(text).last()?.start();
    let words: Vec<Word> = text
        .split_whitespace()
        .map(|w| Word {
            start: w.as_ptr() as usize - text.as_ptr() as usize,
            text: w,
        })
        .collect();
    let flags: Vec<bool> = words
        .iter()
        .enumerate()
        .map(|(i, w)| page_like(w.text, i.checked_sub(1).map(|p| words[p].text)))
        .collect();
    let dense = |i: usize| {
        let end = (i + WINDOW).min(flags.len());
        let n = end - i;
        n > 0 && flags[i..end].iter().filter(|f| **f).count() as f64 >= DENSE * n as f64
    };
    let a = words.iter().rposition(|w| w.start <= anchor)?;
    // The footer itself must sit in page text, not in a sentence about a privacy policy.
    let near = a.saturating_sub(WINDOW / 2);
    if !(near..=a).any(dense) {
        return None;
    }
    let mut first = a;
    for j in (0..=a).rev() {
        if dense(j) {
            first = j;
        } else if first - j > BRIDGE {
            break;
        }
    }
    // The page text starts at the first page-like word of that window...
    let first = (first..=a).find(|&i| flags[i]).unwrap_or(first);
    // ...or a few words before it, where its sentence (a title: "Staff Engineer ...") opens.
    let mut start = first;
    while start > 0 && first - start < 3 && !words[start - 1].text.ends_with(['.', '?', '!']) {
        start -= 1;
    }
    if start > 0 && !words[start - 1].text.ends_with(['.', '?', '!']) {
        start = first;
    }
    let cut = words.len() - start;
    if cut < MIN_CUT {
        return None;
    }
    text.truncate(words[start].start);
    let kept = text.trim_end().len();
    text.truncate(kept);
    Some(cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_footer_glued_to_the_last_words_is_cut() {
        let mut t = String::from(
            "Thanks a lot, that was really helpful. Bye! Staff Engineer Mock Interview Recorded \
             By Bright Falcon Watch Replay Browse More Sessions. Practice makes the offer. We \
             coach you. mockhub.dev Pricing Blog Careers Contact Press Kit Help Centre © 2031 \
             Mockhub Ltd. Privacy Policy Terms of Service",
        );
        let cut = cut_page_text(&mut t).unwrap();
        assert_eq!(t, "Thanks a lot, that was really helpful. Bye!");
        assert!(cut > 20, "{cut}");
    }

    #[test]
    fn speech_about_a_privacy_policy_is_kept() {
        let original = "We also need to show the privacy policy before upload and log consent, \
                        because of the terms of service for minors.";
        let mut t = String::from(original);
        assert_eq!(cut_page_text(&mut t), None);
        assert_eq!(t, original);
    }
}
