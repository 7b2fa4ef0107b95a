//! A compiled word-list rule: a regex of phrases to find, and optionally phrases that look like a
//! hit but are not ("author" for "auth", "if I recall" for "recall").
//!
//! Phrase lists are written in lower case with `\b` and a plain `'`, and every regex here runs on
//! ASCII-lower-cased text (same byte offsets as the original, so quotes are cut from the original).
//! Matching case-sensitively on lowered text instead of using `(?i)` makes compiling the lists
//! several times cheaper: case-insensitive literal extraction over hundreds of alternatives was
//! most of the cost of the first analysed turn.
//!
//! At compile time `\b` becomes an ASCII word boundary, because a Unicode `\b` makes the regex
//! engine fall back to a slow path on any non-ASCII text (typed chat is full of curly quotes and
//! dashes), and `'` also accepts the curly apostrophe so "what’s" matches "what's".

use std::ops::Range;

use regex::{Regex, RegexSet, RegexSetBuilder};

/// Phrases to find, minus phrases to skip.
#[derive(Debug)]
pub(crate) struct Rule {
    /// Skip-phrases first, then find-phrases: leftmost-first matching lets a skip-phrase that
    /// starts at or before a hit swallow it.
    any: Regex,
    /// The skip-phrases alone, anchored, to tell which kind a match was.
    skip: Option<Regex>,
    /// The pattern of `any`, for building a [`RegexSet`] of many rules.
    pattern: String,
}

impl Rule {
    /// A rule from alternatives to find.
    pub(crate) fn new(find: &[&str]) -> Self {
        Self::with_skips(find, &[])
    }

    /// A rule from alternatives to find and alternatives to skip.
    pub(crate) fn with_skips(find: &[&str], skips: &[&str]) -> Self {
        let find = find.join("|");
        if skips.is_empty() {
            return Self {
                any: compile(&find),
                skip: None,
                pattern: find,
            };
        }
        let skips = skips.join("|");
        let pattern = format!("(?:{skips})|(?:{find})");
        Self {
            any: compile(&pattern),
            skip: Some(compile(&format!("^(?:{skips})$"))),
            pattern,
        }
    }

    /// Whether a match of the rule's regex can still be a skip-phrase, so that a [`RegexSet`]
    /// match must be confirmed with [`Rule::is_match`].
    pub(crate) fn has_skips(&self) -> bool {
        self.skip.is_some()
    }

    /// Byte ranges of the hits in `lower` (ASCII lower case), in order.
    pub(crate) fn hits<'t>(&'t self, lower: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
        debug_assert!(
            !lower.bytes().any(|b| b.is_ascii_uppercase()),
            "match lowered text"
        );
        self.any
            .find_iter(lower)
            .filter(|m| self.skip.as_ref().is_none_or(|s| !s.is_match(m.as_str())))
            .map(|m| m.range())
    }

    /// Whether `lower` (ASCII lower case) has a hit.
    pub(crate) fn is_match(&self, lower: &str) -> bool {
        self.hits(lower).next().is_some()
    }
}

/// Compiles a lower-case phrase list with ASCII word boundaries and either apostrophe.
pub(crate) fn compile(pattern: &str) -> Regex {
    Regex::new(&prepare(pattern)).unwrap_or_else(|e| panic!("bad lexicon pattern {pattern:?}: {e}"))
}

/// One set over many rules: a single scan of a sentence says which rules may match it.
pub(crate) fn set<'r>(rules: impl IntoIterator<Item = &'r Rule>) -> RegexSet {
    RegexSetBuilder::new(rules.into_iter().map(|r| prepare(&r.pattern)))
        .dfa_size_limit(64 << 20)
        .build()
        .expect("lexicon rules compile as a set")
}

/// Rewrites a phrase-list pattern as described in the module docs.
fn prepare(pattern: &str) -> String {
    // An upper-case letter (other than an escape such as `\S`) could never match lowered text.
    debug_assert!(
        !pattern
            .char_indices()
            .any(|(i, c)| c.is_ascii_uppercase() && !pattern[..i].ends_with('\\')),
        "lexicon patterns are lower case: {pattern:?}"
    );
    pattern.replace(r"\b", r"(?-u:\b)").replace('\'', "['’]")
}

/// `\b(?:a|b|c)\b`: whole words or phrases.
pub(crate) fn words(list: &[&str]) -> String {
    format!(r"\b(?:{})\b", list.join("|"))
}

/// `\b(?:a|b|c)`: words starting with a stem ("quantiz" for quantize, quantized, quantization).
pub(crate) fn stems(list: &[&str]) -> String {
    format!(r"\b(?:{})", list.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(rule: &Rule, text: &str) -> bool {
        rule.is_match(&text.to_ascii_lowercase())
    }

    #[test]
    fn skips_swallow_lookalikes() {
        let r = Rule::with_skips(&[&words(&["auth", "recall"])], &[r"\bif i recall\b"]);
        assert!(hit(&r, "We need auth on every call"));
        assert!(!hit(&r, "If I recall the spec"));
        assert!(hit(&r, "if I recall correctly, recall matters"));
        assert!(!hit(&r, "the Author wrote it"));
    }

    #[test]
    fn curly_apostrophes_and_non_ascii_text_match() {
        let r = Rule::new(&[&words(&["what's the"])]);
        assert!(hit(&r, "So — What’s the budget?"));
    }

    #[test]
    fn lowering_keeps_byte_offsets() {
        let text = "Naïve CAFÉ — What’s P99?";
        assert_eq!(text.to_ascii_lowercase().len(), text.len());
        let r = Rule::new(&[&words(&["p99"])]);
        let lower = text.to_ascii_lowercase();
        let at = r.hits(&lower).next().unwrap();
        assert_eq!(&text[at], "P99");
    }
}
