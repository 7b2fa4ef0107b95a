//! Finds where a sentence asks a question (its topics are read by `topics`).
//!
//! Typed questions end with "?"; spoken ones, through speech-to-text, usually don't, so a sentence
//! also counts when it opens (past fillers such as "um so okay") with an interrogative or a polite
//! ask ("I'd like to know"), or when such an ask starts a clause mid-run ("... and what's the
//! latency target"). The quote starts where the asking starts, so a statement in front of it
//! ("I'll use Postgres, but what's the budget?") lends it no topics.

use std::sync::LazyLock;

use regex::Regex;

use super::matcher::compile;

/// Fillers and discourse openers skipped before looking for the interrogative.
pub(crate) const OPENERS: &str = r"(?:um+|uh+|uhm|erm?|hmm+|mm|so|okay|ok|alright|all right|right|and|also|well|yeah|yes|oh|like|you know|just|first|firstly|first of all|then|now|great|cool|sure|got it|thanks|thank you|quick question|one question|another question|one more (?:thing|question)|a question|before i (?:start|begin|dive in|jump in|design anything|go further)|to start|to begin|i guess|i mean|actually|let's see|let me see|next|sorry|hey|hi|perfect|awesome|makes sense|understood|roughly|approximately|ballpark|about|so roughly|in terms of (?:scale|numbers|load|latency|budget|data))";

/// Who an auxiliary verb must be followed by to open a question ("do we", "is there", "should I");
/// "will use Redis" or "can also shard" are clipped statements.
const SUBJECTS: &str = r"(?:we|i|you|it|there|they|the|this|that|these|those|our|your|users?|customers?|he|she|a|an|any|latency|data|cost|everything|each|all|people|traffic|security|availability|privacy|accuracy|quality)";

/// With a "?", any auxiliary verb opens a question, whatever follows it ("Is GDPR a thing here?").
static AUX_OPENS: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"^[\s'(*•-]*(?:{OPENERS}\b[\s,.:;—–-]*)*(?:is|are|was|were|do|does|did|can|could|should|would|will|has|have|must|may)\s+\w"
    ))
});

/// An opinion's opening: "I guess", "I think", "maybe we".
static UPTALK: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"^[\s'(*•-]*(?:{OPENERS}\b[\s,.:;—–-]*)*(?:i guess|i think|i'd say|i would say|i feel like|maybe we|probably|we could|i'd)\b"
    ))
});

/// A sentence that opens as a question.
static OPENS: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r#"^[\s"'“(*•-]*(?:{OPENERS}\b[\s,.:;—–-]*)*(?:(?:what|how|who|whom|whose|why|which|where|when|any)\b|(?:is|are|was|were|do|does|did|can|could|should|would|will|shall|may|might|have|has|am|isn't|aren't|don't|doesn't|shouldn't|wouldn't|can't)\s+{SUBJECTS}\b|(?:i'd|i would|i want to|i wanted to) (?:like to )?(?:know|ask|check|clarify|confirm|understand)\b|(?:could|can) you (?:tell|share|give)\b|let me (?:ask|clarify|confirm|check (?:if|whether|what|how))\b|i'm (?:curious|wondering)\b|i am (?:curious|wondering)\b|i was (?:curious|wondering)\b|i wonder\b|just to (?:clarify|confirm|check)\b|to clarify\b|clarifying question\b|tell me (?:about|more)\b)"#
    ))
});

/// Interrogative openings that are statements when no "?" follows: "what I'd do is", "how we
/// handle it", "when a request comes in", "which means".
static STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"^[\s'(*•-]*(?:{OPENERS}\b[\s,.:;—–-]*)*(?:(?:what|how)\s+(?:i|we|you|it|this|that|they|he|she)\b|what happens is\b|(?:when|where|while)\b|any\s+(?:time|way|of|one|more)\b|which\s+(?:means|is why|gives|lets|allows|would|will|makes|is|was)\b)"
    ))
});

/// "when"/"where" followed by an auxiliary does ask ("where are the users", "when do we need it").
static PLACE_TIME_ASK: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"^[\s'(*•-]*(?:{OPENERS}\b[\s,.:;—–-]*)*(?:when|where)\s+(?:do|does|did|is|are|was|were|will|should|can|would)\b"
    ))
});

/// An ask that starts a clause in the middle of an unpunctuated spoken run.
static MID_ASK: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:,|\b(?:um+|uh+|so|okay|ok|and|also|but|then|like|alright|right|yeah|well|first|actually|question is|before i start|i assume|i guess|i suppose|i wonder|i mean|wondering|curious))[\s,]+(?:(?:um+|uh+|so|and|like)[\s,]+)*(?<q>(?:how many|how much|how big|how fast|how often|how long|how quickly|what's the|whats the|what is the|what are the|what(?:'s| is) (?:acceptable|reasonable|expected|our target|the target)|what kind of|what sort of|what type of|which (?:regions?|platforms?|countries|features|devices|languages)|do we (?:have|need|expect|care|want|support|know)|are we (?:expecting|targeting|talking|supporting|assuming|building|okay|ok|allowed|optimi[sz]ing)|is there (?:a|an|any)|are there any|can i (?:assume|use)|should i (?:assume|focus|worry)|could you tell me|can you tell me|i'd like to know|i would like to know|i want to know|do you (?:want|expect|have|know|care)|is it (?:okay|ok|fine|safe|acceptable)|who (?:are|is|uses|will)|where are (?:the|our) (?:users|customers))\b)",
    )
});

/// An inverted ask strong enough to need no clause marker before it: "the bar here is what
/// precision are we targeting", "so how many users do we expect".
static INVERTED_ASK: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:what|which|how much|how many)\b[^.?!,]{0,30}?\b(?:are we|do we|should we|will we|do you) (?:targeting|expecting|aiming|expect|need to (?:support|handle|hit|serve)|looking at|talking about|planning for|want to (?:support|hit))\b",
    )
});

/// Where the asking starts inside a "?" sentence that opens with a statement.
static CLAUSE_ASK: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?:[,;:—–]\s*|\s-\s|\b(?:but|and|so|or|also|um+|uh+|okay|ok|then|like)\s+)(?<q>(?:what|how|who|why|whose)\b|(?:is|are|do|does|did|can|could|should|would|will|have|has)\s+{SUBJECTS}\b)"
    ))
});

/// A sentence that states an assumption and asks to have it confirmed, with or without "?".
static CONFIRMS: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:is that|does that sound|that sound|sound|is this|would that be) (?:right|fair|reasonable|correct|accurate|a fair assumption|a reasonable assumption)\s*\??$|\b(?:right|correct)\s*\?$",
    )
});

/// A check on the design so far, at the end of a sentence ("..., does that make sense?"): the
/// question is the check alone, since the design before it asks about nothing.
static CHECKS: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:(?:does|would) (?:that|this|it) (?:make sense|sound (?:good|ok|okay|fine)|work(?: for you)?)|is (?:that|this) (?:ok|okay|fine|alright)|sound good|any questions)\s*\??$",
    )
});

/// Where the question in `sentence` starts, as a byte offset into it, if the sentence asks one:
/// `&sentence[offset..]` is the question's verbatim quote.
pub(crate) fn question_start(sentence: &str) -> Option<usize> {
    lowered_question_start(&sentence.to_ascii_lowercase())
}

/// [`question_start`] for a sentence already in ASCII lower case.
pub(crate) fn lowered_question_start(sentence: &str) -> Option<usize> {
    let asked = sentence.trim_end_matches(['"', '\'', ')', '”', '’', '.', '!']);
    // "I'll assume 10M DAU, is that fair?" asks about the assumption: the whole sentence.
    if CONFIRMS.is_match(asked) {
        return Some(0);
    }
    if asked.ends_with('?') {
        // Uptalk on an opinion is not a question: "I guess SQL is easier, but NoSQL would
        // scale better?"
        if UPTALK.is_match(sentence) && !CLAUSE_ASK.is_match(sentence) {
            return None;
        }
        if OPENS.is_match(sentence) || AUX_OPENS.is_match(sentence) {
            return Some(0);
        }
        if let Some(m) = CHECKS.find(asked) {
            return Some(m.start());
        }
        let at = CLAUSE_ASK
            .captures(sentence)
            .and_then(|c| c.name("q"))
            .map_or(0, |m| m.start());
        return Some(at);
    }
    if OPENS.is_match(sentence)
        && (!STATEMENT.is_match(sentence) || PLACE_TIME_ASK.is_match(sentence))
    {
        return Some(0);
    }
    if let Some(m) = CHECKS.find(asked) {
        return Some(m.start());
    }
    MID_ASK
        .captures(sentence)
        .and_then(|c| c.name("q"))
        .map(|m| m.start())
        .or_else(|| INVERTED_ASK.find(sentence).map(|m| m.start()))
}
