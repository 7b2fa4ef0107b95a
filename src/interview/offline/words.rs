//! Filling a phrasing's slots as a person would: a topic as a noun phrase, a vague claim matched
//! with lines about the same thing. (Components are named by [`crate::interview::steering::naming`].)

use std::sync::LazyLock;

use regex::Regex;

use crate::question::Topic;

/// A topic as a noun phrase, to say which question is left open ("on the budget, ...").
pub fn topic_phrase(t: Topic) -> &'static str {
    match t {
        Topic::Users => "the user numbers",
        Topic::Scale => "load",
        Topic::Latency => "latency",
        Topic::Budget => "the budget",
        Topic::Data => "the data",
        Topic::Regions => "regions",
        Topic::Compliance => "compliance",
        Topic::Availability => "availability",
        Topic::Scope => "scope",
        Topic::Quality => "the quality bar",
        Topic::Hardware => "hardware",
        Topic::Freshness => "freshness",
    }
}

/// Topics as one phrase: "the budget", "availability and regions".
pub fn topics_phrase(topics: &[Topic]) -> String {
    let words: Vec<&str> = topics.iter().map(|t| topic_phrase(*t)).collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// What a claim or a line is about, by its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    /// Speed and latency.
    Speed,
    /// Money.
    Cost,
    /// Load, users, capacity.
    Scale,
}

static SPEED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:fast|quick|snappy|latency|p\d\d|ms|milliseconds?|slow|instant|spinner|wait|responsive|speedy|lag)\b")
        .expect("static regex")
});
static COST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:cost|costs|bill|budget|dollars?|money|spend|cheap|expensive|afford|price|pricey)\b|\$")
        .expect("static regex")
});
static SCALE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:traffic|users|load|qps|magnitude|people|scale|capacity|headroom|handle|requests|engagement)\b")
        .expect("static regex")
});

/// What `text` is about, if it says.
pub fn about(text: &str) -> Option<About> {
    if COST.is_match(text) {
        Some(About::Cost)
    } else if SPEED.is_match(text) {
        Some(About::Speed)
    } else if SCALE.is_match(text) {
        Some(About::Scale)
    } else {
        None
    }
}

/// The sentences of a line, each with its end mark.
pub(super) fn sentences(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in line.chars() {
        cur.push(c);
        if matches!(c, '.' | '?' | '!') {
            let s = cur.trim().to_string();
            if !s.is_empty() {
                out.push(s);
            }
            cur.clear();
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// A clause that opens as a question.
static ASKS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^\s*(?:what|how|why|which|who|where|when|is|are|do|does|can|could|would|should)\b",
    )
    .expect("static regex")
});

/// An open question as it is asked again: its question sentences only, without the lead-in it
/// was first said with ("Let's zoom into the part that matters. What does one image cost?" is
/// asked again as "What does one image cost?"; "Before the architecture: what problem..." as
/// "What problem..."), so a return line never stacks one preamble on another.
pub(crate) fn the_question(open: &str) -> String {
    let all = sentences(open);
    let asks: Vec<&String> = all.iter().filter(|s| s.ends_with('?')).collect();
    let kept = if asks.is_empty() {
        open.trim().to_string()
    } else {
        asks.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // A short lead-in before a colon ("Before the architecture: what ...").
    let kept = match kept.split_once(": ") {
        // "What does one question cost: query embedding, ...?" is the question itself.
        Some((lead, rest))
            if !lead.contains('?')
                && lead.split_whitespace().count() <= 5
                && !rest.is_empty()
                && !ASKS.is_match(lead) =>
        {
            rest.to_string()
        }
        _ => kept,
    };
    let mut chars = kept.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => kept,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn a_claim_and_a_line_about_money_match() {
        assert_eq!(
            about("The GPU bill won't be a problem, we have plenty of budget."),
            Some(About::Cost)
        );
        assert_eq!(about("It'll be snappy enough."), Some(About::Speed));
        assert_eq!(about("Can you bound that?"), None);
    }

    #[test]
    fn a_return_to_the_open_question_drops_its_lead_in() {
        assert_eq!(
            the_question(
                "Let's look at the piece that matters most. What does one clip cost to make?"
            ),
            "What does one clip cost to make?"
        );
        assert_eq!(
            the_question("Before any boxes: who is this for, and how would we know it works?"),
            "Who is this for, and how would we know it works?"
        );
        assert_eq!(the_question("Why the queue?"), "Why the queue?");
        assert_eq!(
            the_question("What does one chat cost: tokens, retrieval, storage? Under a cent?"),
            "What does one chat cost: tokens, retrieval, storage? Under a cent?"
        );
    }
}
