//! The canonical reading of a sentence: lower case, with misspelt domain words put right
//! ("latancy" → "latency", "budjet" → "budget", "thruput" → "throughput"), so every word list
//! reads typed chat and speech-to-text as it reads clean prose.
//!
//! Only words of the design vocabulary below are restored, and only from near misses of them
//! (Damerau-Levenshtein distance 1, or 2 for long words, same first letter), so ordinary English
//! is never rewritten into jargon. Offsets into the canonical text map back to the original, so
//! quotes stay verbatim.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Words the detectors key on that candidates misspell. Longer words tolerate two edits.
#[rustfmt::skip]
const VOCABULARY: &[&str] = &[
    "latency", "budget", "throughput", "requests", "request", "availability", "available",
    "compliance", "retention", "regions", "region", "accuracy", "accurate", "precision", "recall",
    "quality", "freshness", "languages", "language", "concurrent", "concurrency", "traffic",
    "storage", "expensive", "cheaper", "customers", "customer", "thousand", "million", "billion",
    "hundred", "second", "seconds", "minute", "minutes", "milliseconds", "monitoring", "retraining",
    "retrain", "evaluation", "evaluate", "embedding", "embeddings", "inference", "batching",
    "caching", "database", "security", "privacy", "quantization", "quantisation", "distillation",
    "hallucination", "hallucinations", "rollout", "rollback", "canary", "autoscaling", "scaling",
    "guardrails", "fallback", "pipeline", "pipelines", "feature", "features", "history",
    "durability", "downtime", "uptime", "replicas", "replication", "partition", "sharding",
    "kubernetes", "microservices", "because", "therefore", "tradeoff", "trade-off", "tradeoffs",
    "versus", "instead", "alternative", "downside", "upside", "drawback", "cost", "costs",
    "expected", "expecting", "estimate", "approximately", "roughly", "around", "total", "across",
    "users", "daily", "monthly", "active", "peak", "regulated", "regulation", "residency",
    "consent", "encryption", "authentication", "authorization", "permissions", "tenant", "tenants",
    "isolation", "metrics", "dashboard", "alerting", "tracing", "observability", "deployment",
    "versioning", "shadow", "experiment", "experiments", "benchmark", "dataset", "labels",
    "labeling", "labelling", "drift", "model", "models", "serving", "endpoint", "cluster",
    "queue", "cache", "memory", "bandwidth", "egress", "pricing", "price", "dollars", "spend",
    "per", "without", "about", "through", "response", "performance", "capacity", "scalable",
    "scalability", "reliability", "reliable", "consistency", "consistent", "eventual",
    "duplicate", "duplicates", "idempotent", "recommendation", "recommendations", "ranking",
    "retrieval", "vector", "semantic", "accelerator", "gpus", "gpu", "hardware", "device",
    "devices", "mobile", "platform", "platforms", "scope", "support", "target", "targets",
    "requirement", "requirements", "acceptable", "tolerate", "refresh", "update", "updates",
];

/// The vocabulary by first letter, for cheap candidate lookup.
static BY_INITIAL: LazyLock<HashMap<char, Vec<&'static str>>> = LazyLock::new(|| {
    let mut map: HashMap<char, Vec<&'static str>> = HashMap::new();
    for w in VOCABULARY {
        if let Some(c) = w.chars().next() {
            map.entry(c).or_default().push(w);
        }
    }
    map
});

/// Real English words within reach of a vocabulary word ("speed" is one edit from "spend"),
/// which are never rewritten: generated from a dictionary into `canon_keep.txt`.
static KEEP: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("canon_keep.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Whether `w` sits close enough to `v` to be a misspelling of it.
fn near(w: &str, v: &str) -> bool {
    let (lw, lv) = (w.chars().count(), v.chars().count());
    if lv < 5 || lw.abs_diff(lv) > 2 {
        return false;
    }
    let limit = if lv >= 8 { 2 } else { 1 };
    strsim::damerau_levenshtein(w, v) <= limit
}

thread_local! {
    /// Words already looked up: a round repeats its words, and the edit-distance search is the
    /// costly part of reading a sentence.
    static SEEN: std::cell::RefCell<HashMap<String, Option<&'static str>>> =
        std::cell::RefCell::new(HashMap::new());
}

/// The vocabulary word `w` (lower case) misspells, if it misspells one (cached per thread).
fn correction(w: &str) -> Option<&'static str> {
    if w.len() < 5 {
        return None;
    }
    if let Some(hit) = SEEN.with(|m| m.borrow().get(w).copied()) {
        return hit;
    }
    let fix = look_up(w);
    SEEN.with(|m| {
        let mut m = m.borrow_mut();
        // A bound keeps a long-lived process from growing without end on odd input.
        if m.len() > 50_000 {
            m.clear();
        }
        m.insert(w.to_string(), fix);
    });
    fix
}

/// The uncached search behind [`correction`].
fn look_up(w: &str) -> Option<&'static str> {
    if w.len() < 5 || !w.bytes().all(|b| b.is_ascii_lowercase()) || KEEP.contains(w) {
        return None;
    }
    let first = w.chars().next()?;
    let candidates = BY_INITIAL.get(&first)?;
    if candidates.contains(&w) {
        return None;
    }
    // Plurals and verb forms of a vocabulary word are not misspellings.
    let stem = w.trim_end_matches('s');
    if candidates.iter().any(|v| {
        *v == stem
            || w.strip_suffix("ed").is_some_and(|s| s == *v)
            || w.strip_suffix("ing").is_some_and(|s| s == *v)
    }) {
        return None;
    }
    let mut best: Option<(&'static str, usize)> = None;
    for v in candidates {
        if near(w, v) {
            let d = strsim::damerau_levenshtein(w, v);
            if best.is_none_or(|(_, bd)| d < bd) {
                best = Some((v, d));
            }
        }
    }
    best.map(|(v, _)| v)
}

/// A contraction typed without its apostrophe, where the bare word is not itself a word
/// ("whats", "dont"; not "its", "were", "lets", "id").
fn contraction(w: &str) -> Option<&'static str> {
    Some(match w {
        "whats" => "what's",
        "thats" => "that's",
        "hows" => "how's",
        "wheres" => "where's",
        "whos" => "who's",
        "dont" => "don't",
        "doesnt" => "doesn't",
        "didnt" => "didn't",
        "isnt" => "isn't",
        "arent" => "aren't",
        "wont" => "won't",
        "cant" => "can't",
        "couldnt" => "couldn't",
        "shouldnt" => "shouldn't",
        "wouldnt" => "wouldn't",
        "im" => "i'm",
        "ive" => "i've",
        "youre" => "you're",
        "theyre" => "they're",
        _ => return None,
    })
}

/// A sentence in canonical form, with a map from canonical offsets back to the original.
#[derive(Debug, Clone)]
pub(crate) struct Canon<'a> {
    /// The canonical text (lower case, misspellings put right).
    pub(crate) text: Cow<'a, str>,
    /// (canonical offset, original offset) at the start of each corrected word and just after
    /// it, in order; empty when nothing was corrected (the offsets are then the same).
    shifts: Vec<(usize, usize)>,
}

impl<'a> Canon<'a> {
    /// The canonical form of `lower` (a sentence in ASCII lower case).
    pub(crate) fn of(lower: &'a str) -> Self {
        let mut out: Option<String> = None;
        let mut shifts = Vec::new();
        let mut last = 0;
        let bytes = lower.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_lowercase() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_lowercase() {
                i += 1;
            }
            // A word glued to other word characters ("latancy2", "über") is left alone.
            let glued = |b: u8| b.is_ascii_digit() || b >= 0x80;
            if (start > 0 && glued(bytes[start - 1])) || bytes.get(i).is_some_and(|&b| glued(b)) {
                continue;
            }
            // A contraction only as a word of prose, not inside markup ("<|im_start|>").
            let prose = |b: Option<&u8>| {
                b.is_none_or(|b| b.is_ascii_whitespace() || b",.?!;:\"'()".contains(b))
            };
            let spoken =
                prose(start.checked_sub(1).and_then(|p| bytes.get(p))) && prose(bytes.get(i));
            // A filler between commas ("I'll, uh, leave", "is, like, dangerous") is dropped with
            // its commas, so the words around it read as one phrase.
            let word = &lower[start..i];
            let between_commas = lower[..start].ends_with(", ") && lower[i..].starts_with(',');
            if spoken
                && between_commas
                && matches!(
                    word,
                    "uh" | "um"
                        | "uhm"
                        | "erm"
                        | "er"
                        | "like"
                        | "you know"
                        | "basically"
                        | "honestly"
                )
                && start >= 2
                && last <= start - 2
            {
                let buf = out.get_or_insert_with(|| String::with_capacity(lower.len() + 8));
                buf.push_str(&lower[last..start - 2]);
                shifts.push((buf.len(), start - 2));
                shifts.push((buf.len(), i + 1));
                last = i + 1;
                i += 1;
                continue;
            }
            let fix = spoken
                .then(|| contraction(word))
                .flatten()
                .or_else(|| correction(word));
            if let Some(fix) = fix {
                let buf = out.get_or_insert_with(|| String::with_capacity(lower.len() + 8));
                buf.push_str(&lower[last..start]);
                shifts.push((buf.len(), start));
                buf.push_str(fix);
                shifts.push((buf.len(), i));
                last = i;
            }
        }
        match out {
            None => Self {
                text: Cow::Borrowed(lower),
                shifts,
            },
            Some(mut buf) => {
                buf.push_str(&lower[last..]);
                Self {
                    text: Cow::Owned(buf),
                    shifts,
                }
            }
        }
    }

    /// The original offset for canonical offset `at` (inside a corrected word: its start).
    pub(crate) fn original(&self, at: usize) -> usize {
        let k = self.shifts.partition_point(|(c, _)| *c <= at);
        match k.checked_sub(1).map(|j| (j, self.shifts[j])) {
            None => at,
            // Inside a corrected word (an odd number of shifts behind): its start.
            Some((j, (_, o))) if j % 2 == 0 => o,
            Some((_, (c, o))) => o + (at - c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_domain_words_are_put_right() {
        let c = Canon::of("is ther any budjet, and whats the latancy and thruput target");
        assert_eq!(
            c.text,
            "is ther any budget, and what's the latency and thruput target"
        );
        assert_eq!(
            Canon::of("the histroy of evalution").text,
            "the history of evaluation"
        );
    }

    #[test]
    fn ordinary_words_stay_as_written() {
        for s in [
            "we store a score and share it",
            "the users used it",
            "a latent space of the model",
            "costs are mostly hosts",
        ] {
            assert_eq!(Canon::of(s).text, s);
        }
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let lower = "so whats the latancy target";
        let c = Canon::of(lower);
        assert_eq!(c.text, "so what's the latency target");
        let at = c.text.find("target").unwrap();
        assert_eq!(&lower[c.original(at)..], "target");
        let at = c.text.find("latency").unwrap();
        assert_eq!(&lower[c.original(at)..], "latancy target");
        assert_eq!(Canon::of("whats the qps").text, "what's the qps");
        let spoken = "i'll, uh, leave it, like, later";
        let c = Canon::of(spoken);
        assert_eq!(c.text, "i'll leave it later");
        let at = c.text.find("leave").unwrap();
        assert_eq!(&spoken[c.original(at)..], "leave it, like, later");
        assert_eq!(c.original(3), 3);
    }
}
