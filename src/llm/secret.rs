//! The API key, in a type that never prints itself, and the one [`Scrubber`] that every boundary
//! where text leaves the process (reports, logs, cassettes, eval reports, transcripts, the
//! terminal) passes its text through.

use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, LazyLock};

use regex::Regex;

/// Shorter keys are not scrubbed: replacing every "abc" in a report would hide more than it saves.
const MIN_SECRET_CHARS: usize = 4;

/// What replaces a secret.
pub const REDACTED: &str = "[redacted]";

/// Anything shaped like a key or a bearer token, scrubbed even when the key itself is unknown.
static SECRET_SHAPES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:sk|pk|rk)-[A-Za-z0-9_\-]{12,}|(?i:bearer)\s+[A-Za-z0-9._~+/\-]{12,}=*")
        .expect("static regex")
});

/// An API key. `Debug` and `Display` print `[redacted]`; the key leaves only through
/// [`ApiKey::expose`], at the HTTP edge.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// The key itself, for the Authorization header only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Replaces every known form of the key in `text` with `[redacted]` (see [`Scrubber`]).
    pub fn scrub(&self, text: &str) -> String {
        Scrubber::new([self.clone()]).scrub(text).into_owned()
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey([redacted])")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// Removes secrets from text on its way out: every configured key in each form it can take in
/// text we write (as is, trimmed, URL-encoded, JSON-escaped; `Bearer <key>` contains the key), and
/// anything shaped like a key or a bearer token. Cheap to clone; the default scrubs shapes only.
#[derive(Clone, Default)]
pub struct Scrubber {
    /// Every form of every key, longest first so a longer form is replaced before its parts.
    forms: Arc<Vec<String>>,
}

impl fmt::Debug for Scrubber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Scrubber({} forms, [redacted])", self.forms.len())
    }
}

impl Scrubber {
    /// A scrubber for these keys.
    pub fn new(keys: impl IntoIterator<Item = ApiKey>) -> Self {
        let mut forms: Vec<String> = Vec::new();
        for key in keys {
            for raw in [key.0.as_str(), key.0.trim()] {
                if raw.chars().count() < MIN_SECRET_CHARS {
                    continue;
                }
                forms.push(raw.to_string());
                forms.push(url_encoded(raw, false));
                forms.push(url_encoded(raw, true));
                forms.push(lower_hex(&url_encoded(raw, false)));
                let json = serde_json::to_string(raw).expect("a string serialises");
                forms.push(json[1..json.len() - 1].to_string());
            }
        }
        forms.retain(|f| f.chars().count() >= MIN_SECRET_CHARS);
        forms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        forms.dedup();
        Self {
            forms: Arc::new(forms),
        }
    }

    /// The keys the environment holds (`OPENAI_API_KEY`), whatever engine runs: a key typed into
    /// an offline round is scrubbed too.
    pub fn from_env(env: &dyn Fn(&str) -> Option<String>) -> Self {
        Self::new(env("OPENAI_API_KEY").map(ApiKey::new))
    }

    /// Whether a known key is configured (shapes are scrubbed either way).
    pub fn has_keys(&self) -> bool {
        !self.forms.is_empty()
    }

    /// `text` with every key form and key shape replaced by `[redacted]`.
    pub fn scrub<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let known = self.scrub_known(text);
        match SECRET_SHAPES.replace_all(&known, REDACTED) {
            Cow::Borrowed(_) => known,
            Cow::Owned(s) => Cow::Owned(s),
        }
    }

    /// Every key form replaced, key shapes left (what can be done on a stream, piece by piece).
    fn scrub_known<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut out = Cow::Borrowed(text);
        for form in self.forms.iter() {
            if out.contains(form.as_str()) {
                out = Cow::Owned(out.replace(form.as_str(), REDACTED));
            }
        }
        out
    }

    /// A scrubber for text that arrives in pieces (a streamed reply), where a key may be split
    /// across two pieces.
    pub fn stream(&self) -> StreamScrubber {
        StreamScrubber {
            scrubber: self.clone(),
            held: String::new(),
        }
    }
}

/// Scrubs a stream: holds back the end of the text seen so far while it could be the start of a
/// key, so no piece ever shows part of one.
#[derive(Debug)]
pub struct StreamScrubber {
    scrubber: Scrubber,
    held: String,
}

impl StreamScrubber {
    /// Takes the next piece; returns what can be shown now (possibly empty).
    pub fn push(&mut self, piece: &str) -> String {
        self.held.push_str(piece);
        let clean = self.scrubber.scrub_known(&self.held).into_owned();
        let keep = self.risky_tail(&clean);
        let split = clean.len() - keep;
        self.held = clean[split..].to_string();
        clean[..split].to_string()
    }

    /// The rest, at the end of the stream.
    pub fn finish(&mut self) -> String {
        let rest = std::mem::take(&mut self.held);
        self.scrubber.scrub_known(&rest).into_owned()
    }

    /// Length in bytes of the longest tail of `text` that is a proper prefix of a key form.
    fn risky_tail(&self, text: &str) -> usize {
        let mut best = 0;
        for form in self.scrubber.forms.iter() {
            for (i, _) in text.char_indices().rev().take(form.chars().count()) {
                let tail = &text[i..];
                if tail.len() < form.len() && form.starts_with(tail) {
                    best = best.max(tail.len());
                }
            }
        }
        best
    }
}

/// Percent-encoding of everything but RFC 3986's unreserved characters (`form`: spaces as `+`).
fn url_encoded(raw: &str, form: bool) -> String {
    let mut out = String::with_capacity(raw.len() * 3);
    for b in raw.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(b));
            }
            b' ' if form => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `%2F` as `%2f`: some encoders write lower-case hex.
fn lower_hex(encoded: &str) -> String {
    let mut out = String::with_capacity(encoded.len());
    let mut chars = encoded.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '%' {
            out.extend(chars.by_ref().take(2).map(|h| h.to_ascii_lowercase()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "sk-canary+/=key 42";

    #[test]
    fn key_never_prints() {
        let k = ApiKey::new("sk-test-123456");
        assert!(!format!("{k:?} {k}").contains("sk-test"));
        assert_eq!(k.scrub("auth sk-test-123456 end"), "auth [redacted] end");
    }

    #[test]
    fn every_form_of_the_key_is_scrubbed() {
        let s = Scrubber::new([ApiKey::new(KEY)]);
        for form in [
            KEY.to_string(),
            format!("Bearer {KEY}"),
            "sk-canary%2B%2F%3Dkey%2042".to_string(),
            "sk-canary%2b%2f%3dkey%2042".to_string(),
            "sk-canary%2B%2F%3Dkey+42".to_string(),
            serde_json::to_string(KEY).unwrap(),
        ] {
            let text = format!("before {form} after");
            let out = s.scrub(&text);
            assert!(!out.contains("canary"), "{form} -> {out}");
            assert!(out.contains(REDACTED), "{out}");
        }
    }

    #[test]
    fn shapes_are_scrubbed_without_a_key() {
        let s = Scrubber::default();
        let out = s.scrub("Authorization: Bearer abcdefghijklmnop== and sk-proj-abcdefghijklmnop");
        assert!(!out.contains("abcdefghijklmnop"), "{out}");
        assert_eq!(s.scrub("nothing here"), "nothing here");
    }

    #[test]
    fn a_key_split_across_stream_pieces_never_shows() {
        let s = Scrubber::new([ApiKey::new("sk-live-0123456789")]);
        let text = "the key is sk-live-0123456789, done";
        for cut in 1..text.len() {
            let mut st = s.stream();
            let mut shown = st.push(&text[..cut]);
            shown.push_str(&st.push(&text[cut..]));
            shown.push_str(&st.finish());
            assert_eq!(shown, "the key is [redacted], done", "cut at {cut}");
        }
    }

    #[test]
    fn tiny_keys_are_not_scrubbed() {
        let s = Scrubber::new([ApiKey::new("ab")]);
        assert_eq!(s.scrub("abc"), "abc");
        assert!(!s.has_keys());
    }
}
