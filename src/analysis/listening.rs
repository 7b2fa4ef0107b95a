//! What the interviewer listens for that the shared lexicon does not carry yet: claims about
//! speed, money or capacity with no number in them ("it'll be snappy enough", "the GPU bill won't
//! be a problem, we have plenty of budget"), questions about the interviewer ("what team are you
//! on?"), requirement questions in other words ("what share of chats should the bot close on
//! its own?" asks for the quality bar) and concerns taken up in plain words ("through an API").
//!
//! Self-contained and pure, read per sentence of canonical text, so the steering can hear these
//! today; each list is meant to fold into the lexicon (`lexicon::VAGUE`, `acts::META`, `topics`)
//! when the spine takes it up, and this file then goes.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use super::canon::Canon;
use super::matcher::compile;
use super::{numbers, sentences};
use crate::question::{Concern, Topic};

/// What a claim without a number is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ClaimAbout {
    /// Speed: "snappy", "quick", "fast enough".
    Speed,
    /// Money: "the bill won't be a problem", "plenty of budget".
    Cost,
    /// Capacity or load: "it handles it easily", "plenty of headroom".
    Capacity,
}

/// A claim with no number where one is due, with its sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The sentence, verbatim.
    pub quote: String,
    /// What it claims.
    pub about: ClaimAbout,
}

#[rustfmt::skip]
static SPEED: LazyLock<Regex> = LazyLock::new(|| compile(&[
    r"\b(?:is|are|be|stays?|feels?|looks?|seems?|'s|'ll be|will be|should be)\s+(?:\w+\s+)?(?:snappy|quick|fast|responsive|instant|instantaneous|speedy|near[- ]instant)(?:\s+enough)?\b",
    r"\b(?:snappy|fast|quick|responsive|speedy) enough\b",
    r"\bno (?:noticeable|real) (?:lag|delay|latency)\b",
].join("|")));

#[rustfmt::skip]
static COST: LazyLock<Regex> = LazyLock::new(|| compile(&[
    r"\bplenty of (?:budget|money|cash|funding)\b",
    r"\b(?:money|budget|cost|costs|the bill|spend|spending|price)\s+(?:is|are|isn't|aren't|won't be|will not be|shouldn't be|should not be)\s+(?:not\s+)?(?:an? )?(?:big |real )?(?:problem|issue|concern|fine|ok|okay)\b",
    r"\b(?:bill|budget|cost|costs|spend|money|price)\b[^.?!]{0,40}\b(?:won't|wont|will not|shouldn't|should not|isn't|is not|not) (?:really )?(?:be )?(?:an? )?(?:big |real )?(?:problem|issue|concern|a thing)\b",
    r"\b(?:cheap|affordable|inexpensive) enough\b", r"\bcosts? (?:basically )?nothing\b",
    r"\bdeep pockets\b", r"\bwe can afford (?:it|that|whatever)\b",
].join("|")));

#[rustfmt::skip]
static CAPACITY: LazyLock<Regex> = LazyLock::new(|| compile(&[
    r"\bplenty of (?:capacity|headroom|gpus|machines|servers|compute)\b",
    r"\b(?:handles?|can handle|will handle|'ll handle|copes? with) (?:it|that|the load|the traffic|any load)(?: just)? (?:fine|easily|no problem)\b",
    r"\b(?:won't|wont|will not|shouldn't|should not) (?:be )?(?:a )?bottleneck\b",
].join("|")));

/// Questions about the interviewer and the process that the act reader does not hear.
#[rustfmt::skip]
static META: LazyLock<Regex> = LazyLock::new(|| compile(&[
    r"\bwhat (?:team|org|organi[sz]ation|group|product) (?:are|do) you\b",
    r"\bwhat(?:'s| is) your (?:role|team|job|title|background)\b",
    r"\bhow long have you (?:been|worked)\b", r"\bdo you (?:like|enjoy) (?:working|it) (?:at|here)\b",
    r"\bwhat happens (?:after|next)\b[^.?!]{0,30}\b(?:round|interview|loop|this)\b",
    r"\bwhen (?:will|do) i hear back\b", r"\bhow (?:am|did|do) i (?:do|doing)\b",
    r"\bam i (?:doing|on the right track)\b",
].join("|")));

/// Requirement questions whose words the topic lists miss, by topic.
#[rustfmt::skip]
static OTHER_WORDS: LazyLock<Vec<(Topic, Regex)>> = LazyLock::new(|| vec![
    (Topic::Quality, compile(&[
        r"\b(?:share|percentage|percent|fraction|proportion|portion) of (?:the |all )?(?:chats|conversations|tickets|cases|questions|requests|queries|calls|contacts)\b",
        r"\bhow (?:many|much) of (?:the |all )?(?:chats|conversations|tickets|cases|questions)\b[^?]{0,40}\b(?:close|resolve|handle|answer|deflect|automate|solve)",
        r"\bhow (?:often|many times) (?:can|may|is) (?:it|the (?:bot|model|assistant|system)) (?:allowed to )?(?:be )?wrong\b",
        r"\bwhat counts as (?:a )?(?:success|good|resolved)\b",
    ].join("|"))),
]);

/// Concerns taken up in words the concern lists miss, by concern: a model "through an API" is a
/// serving decision; "test questions with known answers" is an evaluation set.
#[rustfmt::skip]
static CONCERNS: LazyLock<Vec<(Concern, Regex)>> = LazyLock::new(|| vec![
    (Concern::ModelServing, compile(&[
        r"\b(?:through|via|behind|from) (?:an?|the|their|openai's|a hosted|a provider's) (?:hosted )?(?:api|endpoint)\b",
        r"\bhosted by (?:a|the) (?:provider|vendor|cloud)\b", r"\bself[- ]?host(?:ed|ing)?\b",
        r"\b(?:run|serve|host) (?:it|the model|the llm|them) (?:ourselves|in[- ]house|on our own)\b",
    ].join("|"))),
    (Concern::Evaluation, compile(&[
        r"\btest (?:questions|cases|set) with (?:known|expected|correct) answers\b",
        r"\b(?:golden|gold|eval|evaluation|held[- ]out) (?:set|dataset)\b",
        r"\bcheck (?:the )?(?:bot's|model's) answers against\b",
    ].join("|"))),
]);

/// The concerns a turn takes up in words the concern lists miss.
pub fn concerns_in_other_words(text: &str) -> BTreeSet<Concern> {
    let lower = text.to_ascii_lowercase();
    let canon = Canon::of(&lower);
    let s: &str = canon.text.as_ref();
    CONCERNS
        .iter()
        .filter(|(_, re)| re.is_match(s))
        .map(|(c, _)| *c)
        .collect()
}

/// Whether `lower` (a lower-cased sentence) gives a figure.
fn has_figure(sentence: &str, lower: &str) -> bool {
    !numbers::quantities(sentence, lower).is_empty()
}

/// The claims in `text` about speed, money or capacity that give no number, one per sentence.
/// Questions are not claims.
pub fn vague_claims(text: &str) -> Vec<Claim> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    for r in sentences::split(text) {
        let sentence = &text[r.clone()];
        let low = &lower[r];
        if sentence.trim_end().ends_with('?') || has_figure(sentence, low) {
            continue;
        }
        let canon = Canon::of(low);
        let s: &str = canon.text.as_ref();
        let about = if COST.is_match(s) {
            ClaimAbout::Cost
        } else if SPEED.is_match(s) {
            ClaimAbout::Speed
        } else if CAPACITY.is_match(s) {
            ClaimAbout::Capacity
        } else {
            continue;
        };
        out.push(Claim {
            quote: sentence.trim().to_string(),
            about,
        });
    }
    out
}

/// Whether `sentence` asks about the interviewer or the process ("what team are you on?").
pub fn asks_about_the_interview(sentence: &str) -> bool {
    let lower = sentence.to_ascii_lowercase();
    META.is_match(Canon::of(&lower).text.as_ref())
}

/// The requirement topics a question asks about in words the topic lists miss.
pub fn topics_in_other_words(question: &str) -> BTreeSet<Topic> {
    let lower = question.to_ascii_lowercase();
    let canon = Canon::of(&lower);
    let s: &str = canon.text.as_ref();
    OTHER_WORDS
        .iter()
        .filter(|(_, re)| re.is_match(s))
        .map(|(t, _)| *t)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_about_speed_and_money_with_no_number_are_vague() {
        let c = vague_claims("It'll be snappy enough, ranking is quick.");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].about, ClaimAbout::Speed);
        let c = vague_claims("The GPU bill won't be a problem, we have plenty of budget.");
        assert_eq!(c[0].about, ClaimAbout::Cost);
        let c = vague_claims("The cluster will handle the load just fine.");
        assert_eq!(c[0].about, ClaimAbout::Capacity);
    }

    #[test]
    fn a_number_or_a_question_is_not_a_vague_claim() {
        assert!(vague_claims("Ranking is quick: 20 ms at p99 on one GPU.").is_empty());
        assert!(vague_claims("Will the bill be a problem?").is_empty());
        assert!(vague_claims("We put a fast path for cached answers in front.").is_empty());
        assert!(vague_claims("How fast does it need to be?").is_empty());
    }

    #[test]
    fn questions_about_the_interviewer_are_heard() {
        assert!(asks_about_the_interview("What team are you on?"));
        assert!(asks_about_the_interview("what's your role there?"));
        assert!(!asks_about_the_interview("What team owns the index?"));
    }

    #[test]
    fn a_model_through_an_api_is_a_serving_decision() {
        let c = concerns_in_other_words("The LLM would be GPT-4 class through an API.");
        assert!(c.contains(&Concern::ModelServing), "{c:?}");
        let c = concerns_in_other_words(
            "Maybe a set of test questions with known answers, and we check the bot's answers against them.",
        );
        assert!(c.contains(&Concern::Evaluation), "{c:?}");
        assert!(concerns_in_other_words("We call the API gateway first.").is_empty());
    }

    #[test]
    fn a_share_of_chats_to_close_asks_for_the_quality_bar() {
        let t = topics_in_other_words("what share of chats should the bot close on its own?");
        assert!(t.contains(&Topic::Quality), "{t:?}");
        assert!(topics_in_other_words("what share of the work is mine?").is_empty());
    }
}
