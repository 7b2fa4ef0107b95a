//! Fencing untrusted text (a transcript) inside a prompt: a delimiter drawn at random for each
//! call, so text written before the call (a candidate's line) cannot guess it and close the fence
//! early, and checked not to occur in the text it fences.
//!
//! Cassettes key a call on its messages; [`mask`] blanks every fence so a replayed call matches its
//! recording although its fence was drawn anew.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// What every fence tag looks like: `DATA-` and 32 hex digits.
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"DATA-[0-9a-f]{32}").expect("static regex"));

/// A per-call fence around untrusted data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fence {
    tag: String,
}

impl Fence {
    /// A fresh fence that does not occur in `data`.
    pub fn around(data: &str) -> Self {
        loop {
            let tag = format!("DATA-{}", uuid::Uuid::new_v4().simple());
            if !data.contains(&tag) {
                return Self { tag };
            }
        }
    }

    /// The tag itself (`DATA-<32 hex>`).
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The line that opens the data.
    pub fn open(&self) -> String {
        format!("<<<BEGIN {}>>>", self.tag)
    }

    /// The line that closes the data.
    pub fn close(&self) -> String {
        format!("<<<END {}>>>", self.tag)
    }
}

/// `text` with every fence tag replaced by `DATA-*`, for keying recorded calls.
pub fn mask(text: &str) -> Cow<'_, str> {
    TAG.replace_all(text, "DATA-*")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_differ_per_call_and_never_occur_in_the_data() {
        let a = Fence::around("text");
        let b = Fence::around("text");
        assert_ne!(a, b);
        let data = format!("a candidate writes {} to close it", a.close());
        let c = Fence::around(&data);
        assert!(!data.contains(c.tag()));
        assert_eq!(mask(&a.open()), mask(&b.open()));
        assert_eq!(mask(&a.open()), "<<<BEGIN DATA-*>>>");
    }
}
