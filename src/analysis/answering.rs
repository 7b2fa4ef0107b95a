//! How a candidate sentence stands to the interviewer's question: asking them to settle the design
//! ("is that how it's usually done?", "do you have a suggestion?"), or sidestepping what was just
//! asked ("let me first finish the graph part", "can I go back to the routing first?").
//!
//! Both read one sentence, like the acts in `acts.rs`, and favour precision: a check-in ("does that
//! make sense?") is neither, and a question about requirements is clarifying, not leaning. The
//! critique decides what a pattern of them means (asked again and again, or never came back to).

use std::sync::LazyLock;

use regex::Regex;

use super::matcher::compile;

/// Asking the interviewer to validate or supply the approach, beyond the spine's pleas.
#[rustfmt::skip]
static LEANS: LazyLock<Regex> = LazyLock::new(|| {
    compile(&[
        r"\bis (?:that|this|it) (?:how|what) (?:it's|it is|you'd|you would|people|others|teams|companies|most (?:people|teams|companies))\b[^.?!]{0,30}\b(?:usually|typically|normally|commonly|do|done|use|expect|handle)\b",
        r"\bis (?:that|this) (?:the|a) (?:usual|typical|standard|normal|common|right|correct|best) (?:way|approach|practice|pattern|answer|choice)\b",
        r"\bhow (?:do|would|does) (?:other|most|big|real) (?:products?|companies|teams|people|systems|services)\b",
        r"\bhow would you (?:typically|usually|normally)\b",
        r"\bis there (?:a|any) (?:better|standard|common|usual|typical|known|best) (?:way|approach|technique|practice|pattern|trick)\b",
        r"\bis there (?:a|any) (?:technique|rule of thumb|benchmark|trick)\b",
        r"\bdo you have (?:a|any) (?:suggestions?|recommendations?|hints?|ideas?)\b",
        r"\b(?:can|could) you give me (?:a|some|an) (?:rough |ballpark |approximate )?(?:number|figure|estimate|example)\b",
        r"\bwhat would you base\b",
        r"\bwhere (?:would|do) you (?:like|want) me to (?:start|begin)\b",
        r"\bwhich (?:would|should) (?:i|we) (?:pick|choose|use|go with)\b",
        r"\bwhat (?:do|would) (?:people|teams|companies) (?:usually|typically|normally) (?:do|use)\b",
    ].join("|"))
});

/// Putting off or stepping around the question just asked.
#[rustfmt::skip]
static SIDESTEPS: LazyLock<Regex> = LazyLock::new(|| {
    compile(&[
        r"\blet me (?:just )?first (?:say|finish|cover|talk|explain|go|do|make|wrap)\b",
        r"\blet me (?:just )?(?:finish|wrap up|complete) (?:the|this|my)\b",
        r"\b(?:let me|i'll|i will|we can|i can|i'd like to) (?:come|get|circle) back to (?:that|this|it)\b",
        r"\bbefore (?:i|we) (?:get|go|jump|dive) (?:into|to) (?:that|this|it)\b",
        r"\b(?:can|could|may) i (?:first |quickly |just )?(?:go back|come back|return|talk about|finish|cover|touch on)\b[^.?!]{0,80}\bfirst\b",
        r"\b(?:can|could|may) i (?:first |quickly |just )?(?:go|come) back to\b",
        r"\b(?:park|table) (?:that|this|it) for\b",
        r"\bhold that thought\b",
        r"\bi(?:'ll| will) (?:get|come) to (?:that|this|it) (?:later|in a (?:bit|minute|second)|after)\b",
        r"\b(?:let's|lets|we can|i'll|i will|i'd) (?:just )?(?:skip|leave|park) (?:that|this|it)\b",
        r"\b(?:that's|that is|it's|this is) (?:probably )?out of scope\b",
        r"\b(?:i'd|i would) rather not (?:go|get|dive) into\b",
        r"\bnot (?:going to|gonna) (?:go into|get into|worry about) (?:that|this|it)\b",
    ].join("|"))
});

/// Whether `sentence` asks the interviewer to supply or validate the approach.
pub fn leans_on_interviewer(sentence: &str) -> bool {
    LEANS.is_match(&sentence.to_ascii_lowercase())
}

/// Whether `sentence` puts off or steps around the question just asked.
pub fn sidesteps(sentence: &str) -> bool {
    SIDESTEPS.is_match(&sentence.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asking_for_the_usual_way_leans_and_a_check_in_does_not() {
        for s in [
            "Is that how it's usually done, or is there a better way?",
            "Do you have a suggestion?",
            "Could you give me a rough number to work with?",
            "How do other products handle heavy users?",
            "Is there a technique for checking generated analysis?",
        ] {
            assert!(leans_on_interviewer(s), "{s}");
        }
        for s in [
            "Does that make sense?",
            "How many users do we have at peak?",
            "Is that latency budget per request or end to end?",
            "Should I go deeper on the index?",
        ] {
            assert!(!leans_on_interviewer(s), "{s}");
        }
    }

    #[test]
    fn putting_off_the_question_sidesteps_and_answering_it_does_not() {
        for s in [
            "right yeah let me come back to that i want to make sure the graph part makes sense",
            "Before I get into that, can I go back to the routing between the small and large models?",
            "so let me first finish the graph part because it ties into the feature store",
            "actually can i talk about the monitoring first because i think that ties it together",
        ] {
            assert!(sidesteps(s), "{s}");
        }
        for s in [
            "First, we rate-limit new accounts by device and IP.",
            "Let me size the websocket layer first since that's the real-time part.",
            "Coming back to your question on cost, it's about $4k a month.",
        ] {
            assert!(!sidesteps(s), "{s}");
        }
    }
}
