//! Hearing the candidate's last turn as a person would: an aside that needs its own answer (a
//! plea for help, a request for the answer, a question about the interview, a story from
//! elsewhere), a question the sheet does not answer, and a design said in plain words. (Figures
//! that do not hold are [`super::challenge`]'s.)

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::analysis::{TurnSignals, listening};

/// A turn that is about something other than the design, and needs its own answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Aside {
    /// Asks for the answer ("what would you do here?").
    AnswerRequest,
    /// Asks for help or says they are stuck ("any hint?").
    Stuck,
    /// Asks how much time is left.
    MetaTime,
    /// Asks how they are doing.
    MetaFeedback,
    /// Asks anything else about the interview or the interviewer.
    MetaOther,
    /// Tells a story from elsewhere instead of designing.
    Anecdote,
    /// Asks what the interviewer meant ("make the call on what?"): say it again plainly.
    Clarify,
    /// Checks with the interviewer ("is that what you're looking for?", "does that sound
    /// right?"): no verdict, the judgement handed back.
    Check,
    /// Asks where to take the design next ("where should I go deeper?"): steer it.
    Direction,
    /// Asks leave to move on to a part of the design they name ("shall I move on to cost per
    /// request?"): agree briefly and let them.
    Proceed,
}

impl Aside {
    /// What the candidate did, in words for the model's notes.
    pub fn describe(self) -> &'static str {
        match self {
            Aside::AnswerRequest => {
                "They asked you for the answer. Decline in character and hand the decision back to them."
            }
            Aside::Stuck => "They asked for help or said they are stuck.",
            Aside::MetaTime => {
                "They asked how much time is left: tell them briefly, then resume the round."
            }
            Aside::MetaFeedback => {
                "They asked how they are doing: no feedback during the round; say so briefly in persona, then resume."
            }
            Aside::MetaOther => {
                "They asked about you or the interview: answer in a sentence in persona, then resume the round."
            }
            Aside::Anecdote => {
                "They told a story from another job instead of designing: steer back to this design."
            }
            Aside::Clarify => {
                "They asked what you meant by your last line: say your question again, plainly."
            }
            Aside::Check => {
                "They asked you to confirm their answer: give no verdict, say you are following, and hand the judgement back."
            }
            Aside::Direction => {
                "They asked where to go next: choose the part to go deeper on for them."
            }
            Aside::Proceed => {
                "They asked to move on to a part of the design they named: agree in a few words and let them go on."
            }
        }
    }
}

static WANTS_ANSWER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bwhat would you\b|\bwhat do you (?:think|suggest|recommend)\b|\btell me\b|\b(?:right|correct|expected|standard|textbook|best) (?:answer|number|approach|design|way)\b|\blooking for\b|\bthe trick\b|\bhow would you (?:do|design|solve|approach)\b|\byour (?:answer|take|design)\b|\bwhat should i\b|\bjust give me\b")
        .expect("static regex")
});

static ASKS_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\btime\b|\bminutes?\b|\bhow long\b").expect("static regex"));

/// Saying they have nothing more ("I'll stop there", "that's all I have", "thanks for your time").
static DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:(?:ok|okay|so|yeah|alright|and|i think|i guess)\W+)*(?:i(?:'ll| will| can| would| think i(?:'ll| will| can)?) (?:stop|end|wrap up|leave it) (?:there|here|now)|i(?:'m| am) (?:done|finished|all done)|that(?:'s| is) (?:all|it|everything)(?: (?:i have|i've got|from me|for me|on my side))?|nothing (?:else|more)(?: to add| from me| on my side)?|(?:i have|i've got) nothing (?:else|more)|thanks?(?: you)?(?: so much)? for (?:your|the) time)\b")
        .expect("static regex")
});

/// Whether the turn only says the candidate is done (a short turn that designs nothing).
pub fn says_done(last: &TurnSignals, text: &str) -> bool {
    last.words <= 15 && !designs(last) && !text.contains('?') && DONE.is_match(text.trim())
}

/// A question about the clock itself ("how are we doing for time?", "how am I doing on time?"):
/// answered with the time left, never with "no feedback during the round".
static ASKS_ABOUT_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:doing|are we|am i) (?:on|for|with) time\b|\bhow (?:much|many) (?:time|minutes)\b|\b(?:time|minutes) (?:do we have )?(?:left|remaining)\b|\bhow long (?:do we have|have we got|is left)\b")
        .expect("static regex")
});

/// Asking leave to go on ("can I keep going?", "is it ok if I move on to caching?"): nothing for
/// the interviewer to decide or answer beyond letting them.
static ASKS_LEAVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:(?:so|ok|okay|now|and),?\s+)*(?:can|may|could|shall) (?:i|we) (?:keep going|continue|go on|carry on|move on|proceed|go ahead|talk about|get (?:in)?to|jump (?:in)?to|dive into|cover)\b|\b(?:is it ok(?:ay)?|do you mind) if (?:i|we) (?:keep going|continue|go on|carry on|move on|talk about|jump|dive|cover)\b")
        .expect("static regex")
});

static ASKS_FEEDBACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bhow (?:am|did|do|was) i\b|\bdoing\b|\bfeedback\b|\bright track\b|\bhow (?:was|is) (?:that|this|my)\b")
        .expect("static regex")
});

/// A short turn that says the candidate does not know ("I don't know.", "Not sure."): stuck,
/// whether or not they asked for help.
static AT_A_LOSS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:um+|uh+|hmm+|well|honestly|sorry)?[\s,.]*(?:i (?:really )?(?:don't|do not|dont) know|(?:i'm |i am )?not sure|no idea|dunno|i have no idea|no clue)\b")
        .expect("static regex")
});

/// Words a question or an answer may open with.
const FILLERS: &str = r"^\W*(?:(?:so|and|but|then|ok|okay|now|hmm+|um+|uh+|well|also|sorry|right|oh|ha|honestly|quick question|one more thing)\W+)*";

/// A sentence that opens the way a question does (after fillers).
static OPENS_A_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i){FILLERS}(?:what|what's|whats|which|who|whose|when|where|why|how|is|are|am|was|were|do|does|did|can|could|should|shall|would|will|may|might|have|has|any|tell me|i'd like to know|i want to know|i wonder|i was wondering)\b"))
        .expect("static regex")
});

/// A question word anywhere in a sentence.
static INTERROGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:what|what's|which|who|whose|when|where|why|how|is|are|am|do|does|did|can|could|should|would|will|any|anything)\b")
        .expect("static regex")
});

/// A sentence that offers an answer, however tentatively ("maybe people rate it?").
static TENTATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i){FILLERS}(?:maybe|perhaps|probably|possibly|i guess|i think|i'd say|i suppose|could be|likely|like|just)\b"))
        .expect("static regex")
});

/// Words that make a sentence without a question mark a statement, whatever it opens with
/// ("what fails first, probably the speech model").
static ANSWERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:probably|maybe|i think|i guess|i'd|i would|i'll|i will|we'd|we'll|we will|we would|we add|we use|we put|so we|then we)\b")
        .expect("static regex")
});

/// Whether a sentence the spine heard as a question is one put to the interviewer: it carries a
/// question mark or opens like a question with nothing of an answer in it, and it does not offer
/// an answer tentatively ("split it in chunks?" with no question word, "maybe a thumbs up?").
pub fn put_to_the_interviewer(sentence: &str) -> bool {
    let s = sentence.trim();
    if TENTATIVE.is_match(s) {
        return false;
    }
    if s.contains('?') {
        // An elliptic question ("Peak QPS?") asks too; a bare proposal ("split it in chunks?")
        // is an answer.
        return INTERROGATIVE.is_match(s) || s.split_whitespace().count() <= 3;
    }
    OPENS_A_QUESTION.is_match(s) && !ANSWERS.is_match(s)
}

/// Asking what the interviewer meant ("make the call on what?", "which call do you mean?").
static ASKS_WHAT_WE_MEANT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:what|which)(?: \w+){0,2} (?:do |did )?you mean\b|\bwhat do you mean\b|\bwhich (?:call|assumption|question|one|part|decision)\b[^?]*\?|^\W*(?:[\w']+\W+){0,4}(?:on|about|for|with)?\s*(?:what|where|which one)\W*(?:sorry|exactly)?\s*\?|\bcome again\b|\bpardon\b|\b(?:repeat|rephrase|reword|restate)\b|\bsay (?:that|it|the question) (?:again|once more|another way)\b|\bone more time\b|\bnot sure what (?:you|assumption|call|question)\b")
        .expect("static regex")
});

/// Checking an answer with the interviewer ("is that the kind of thing you want?").
static CHECKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:is|was) (?:that|this) (?:the kind of thing|what|roughly what|the sort of thing)\b[^?]*\b(?:looking for|after|hoping for|want|wanted|expect|expecting|mean)\b|\b(?:does|did|would) (?:that|this|it) (?:seem|sound|look|feel)\b[^?]*\b(?:right|reasonable|ok|okay|fine|sensible|plausible|range|ballpark)\b|\bdoes (?:that|this) make sense\b|\b(?:is|are) (?:that|those|these) (?:numbers? |figures? |estimates? )?(?:right|reasonable|in the right (?:range|ballpark))\b|\bam i on the right track\b|\bdo you agree\b|\b(?:is|was|are) (?:my|the|this|that) (?:design|answer|approach|plan|estimate|reasoning|math|maths|numbers?)\b[^?]{0,30}\b(?:ok|okay|good|fine|right|correct|enough|reasonable|sound)\b|\b(?:you )?disagree with\b")
        .expect("static regex")
});

/// Asking where to take the design next.
static ASKS_DIRECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:where|what|which (?:part|area|piece|component))\b[^?]{0,40}\b(?:should i|would you like (?:me|us) to|do you want (?:me|us) to|shall i|should we|would you like to)\b[^?]{0,20}\b(?:go deeper|deep ?dive|dive|dig|zoom|focus|drill|go next|spend)\b|\bwhere (?:next|to next)\b|\bwhat next\s*\?|\bwhat (?:else )?(?:do|would) you (?:want|like) (?:me|us) to (?:cover|talk about|discuss|focus on|go (?:into|over)|dig into|look at|do)\b|\bwhat (?:else )?(?:should|shall) (?:i|we) (?:cover|talk about|discuss|focus on|go (?:into|over)|look at|do) (?:next|now)\b|^\W*(?:(?:so|ok|okay|now),?\s+)?(?:should|shall) (?:i|we) (?:go deeper|go into more detail|dive|dig|zoom|focus|spend (?:more )?time) (?:in(?:to)?|on)\b[^?]*\bor\b|\bwhich (?:part|area|piece|component|one)s? (?:do you want|would you like|should i|shall i)\b|\b(?:part|area|piece|thing|component)s? (?:of (?:that|this|it) )?(?:you'd|you would|do you want|would you) (?:like|want)\b|\bwhat would you like (?:me |us )?to (?:dig|go|dive|focus|zoom|drill)\b")
        .expect("static regex")
});

/// Asking what the interviewer would do, or sees others do, about the design ("what do you
/// see teams do?"): a request for the answer even in a turn that designs.
static ASKS_HOW_OTHERS_DO_IT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bwhat (?:would|do) you (?:do|use|suggest|recommend|see)\b|\bwhat do (?:teams|people|most teams|others|you see teams) (?:do|use)\b|\bbest practice\b|\bhow would you (?:do|handle|approach|solve)\b|\bif you were me\b")
        .expect("static regex")
});

/// Asking about the interviewer as a person (their time on the team, the culture).
static PERSONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bhow long have you\b|\b(?:talk|hear|ask) (?:a bit )?about (?:the|your) team\b|\byour (?:team|role|job|org|manager|day)\b|\bthe culture\b|\bwhat (?:team|org|group) are you\b|\bdo you (?:like|enjoy) (?:it|working)\b|\bwhat do you work on\b|\bwhat(?:\x27s| is| does) (?:the|your) team\b|\b(?:the|your) team (?:working on|doing|building|own)\b|\bwork(?:ing)? there\b")
        .expect("static regex")
});

/// Asking leave to move on to a part of the design they name ("shall I move on to cost per
/// request?", "can we go into the rollout now?"): the design's agenda, not a question about the
/// interview.
static ASKS_TO_PROCEED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:shall|should|can|could|may) (?:i|we) (?:now |maybe |quickly |just )?(?:move on|go on|move|turn|switch|jump|get|skip ahead|go over) to (?:the |our |my )?(?:[\w-]+ ){0,4}[\w-]+\s*(?:next|now|then)?\s*\?|\b(?:shall|should|can|could|may) (?:i|we) (?:now )?(?:talk about|cover|discuss|get into|go into|dig into|look at) (?:the |our |my )?(?:[\w-]+ ){0,4}[\w-]+ (?:next|now)\s*\?|\b(?:ok(?:ay)?|alright|all right) if (?:i|we) (?:move on|go on|turn|switch|jump) to\b")
        .expect("static regex")
});

/// The questions of a turn, with their question marks, that the interviewer should answer as an
/// aside rather than as a requirement.
pub fn aside_question(q: &str) -> Option<Aside> {
    if ASKS_ABOUT_TIME.is_match(q) {
        Some(Aside::MetaTime)
    } else if ASKS_TO_PROCEED.is_match(q) && !ASKS_DIRECTION.is_match(q) {
        Some(Aside::Proceed)
    } else if ASKS_DIRECTION.is_match(q) {
        Some(Aside::Direction)
    } else if CHECKS.is_match(q) {
        Some(Aside::Check)
    } else if ASKS_WHAT_WE_MEANT.is_match(q) {
        Some(Aside::Clarify)
    } else if PERSONAL.is_match(q) {
        Some(Aside::MetaOther)
    } else if ASKS_HOW_OTHERS_DO_IT.is_match(q) {
        Some(Aside::AnswerRequest)
    } else {
        None
    }
}

/// Whether the turn carries design substance of its own besides any aside.
fn designs(t: &TurnSignals) -> bool {
    !t.components.is_empty()
        || !t.concerns.is_empty()
        || !t.tradeoffs.is_empty()
        || !t.sizing.is_empty()
}

/// The aside in the candidate's last turn that needs its own answer, if any. A question about
/// the interview is always answered; a plea or a story only when the turn designs nothing.
pub fn aside(last: &TurnSignals) -> Option<Aside> {
    // A question put to the interviewer in its own words comes first: "where should I go
    // deeper?" is not a question about the interview, "make the call on what?" not a requirement.
    let asked: Vec<Aside> = last
        .questions
        .iter()
        .filter(|q| q.quote.contains('?'))
        .filter_map(|q| {
            // "The peak is what?" asks for a requirement, not for what we meant.
            aside_question(&q.quote).filter(|a| {
                *a != Aside::Clarify
                    || (q.topics.is_empty()
                        && listening::topics_in_other_words(&q.quote).is_empty())
            })
        })
        .collect();
    if let Some(a) = asked.first().copied() {
        // A clarification with a design after it is answered by the design.
        if !(a == Aside::Clarify && designs(last)) {
            return Some(a);
        }
    }
    let meta: Vec<&str> = last
        .meta
        .iter()
        .map(|e| e.quote.as_str())
        .chain(
            last.questions
                .iter()
                .map(|q| q.quote.as_str())
                .filter(|q| listening::asks_about_the_interview(q)),
        )
        .collect();
    if let Some(q) = meta.first() {
        return Some(if ASKS_FEEDBACK.is_match(q) {
            Aside::MetaFeedback
        } else if ASKS_TIME.is_match(q) {
            Aside::MetaTime
        } else {
            Aside::MetaOther
        });
    }
    if designs(last) {
        return None;
    }
    if !last.pleas.is_empty() {
        let wants = last.pleas.iter().any(|p| WANTS_ANSWER.is_match(&p.quote));
        return Some(if wants {
            Aside::AnswerRequest
        } else {
            Aside::Stuck
        });
    }
    if !last.anecdotes.is_empty() && last.questions.is_empty() {
        return Some(Aside::Anecdote);
    }
    None
}

/// The aside in a turn, reading its text too: a few words saying they do not know are a plea.
pub fn aside_in(last: &TurnSignals, text: &str) -> Option<Aside> {
    // The spine may file a check or a "what did you mean?" under neither questions nor meta: the
    // question sentences of the text are read too.
    let asked = text
        .split_inclusive(['?', '.', '!'])
        .map(str::trim)
        .filter(|s| s.ends_with('?'))
        .filter_map(aside_question)
        .find(|a| !(*a == Aside::Clarify && designs(last)));
    aside(last).or(asked).or_else(|| {
        (last.words <= 8 && !designs(last) && AT_A_LOSS.is_match(text)).then_some(Aside::Stuck)
    })
}

/// Generic parts of a design, said in plain words ("a web server that calls the model, and a
/// database"): the spine's components are products and named patterns, so a design in everyday
/// words is heard here.
static PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:web servers?|app servers?|servers?|services?|databases?|db|queues?|caches?|api|gateway|workers?|front ?end|back ?end|index|store|router|orchestrator|pipeline|llms?|models?|retrieval|ranking|serving|training|vector|search|embeddings?|ranker|classifier|cdn|load balancer|storage|bucket|warehouse|stream)\b")
        .expect("static regex")
});

/// Whether the candidate has laid out parts of a design in a statement (not a question), in any
/// words.
pub fn names_parts(history: &[crate::transcript::Turn]) -> bool {
    history
        .iter()
        .filter(|t| t.role == crate::transcript::Speaker::Candidate)
        .flat_map(|t| t.text.split(['.', '!', ';']))
        .filter(|s| !s.trim_end().ends_with('?') && !s.contains('?'))
        .filter(|s| PARTS.find_iter(s).count() >= 2)
        .count()
        >= 1
}

/// A question to the interviewer that names no requirement topic of the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OffSheet {
    /// Asks the interviewer to decide ("should we use Kafka here?"): handed back.
    Decision(String),
    /// Asks something the sheet does not say ("what's the goal?"): open, to be assumed.
    Open(String),
}

static THINKING_ALOUD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:so|and|but|then|ok|okay|now|hmm|um|well),?\s+)*(?:how (?:do|does|would|will|can|could|should|might) (?:we|i)\b|what (?:happens|if)\b|why (?:do|would|should|don't|not) (?:we|i)\b|where (?:do|would|should) (?:we|i)\b|what (?:do|would|should) (?:we|i) (?:do|use|pick|need)\b)")
        .expect("static regex")
});

static ASKS_TO_DECIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:so|and|but|then|ok|okay|now|hmm|um|well),?\s+)*(?:should (?:we|i)\b|do (?:we|i) (?:really )?(?:need|have to)\b|can (?:we|i)\b|is it (?:ok|okay|fine|better|worth)\b|would it be (?:ok|okay|fine|better)\b|(?:would|will) you (?:prefer|rather|like)\b)")
        .expect("static regex")
});

/// Asking for the interviewer's own opinion ("what do you think about real-time training?",
/// "what am I missing?"): a request for the answer, whatever topic it names.
static ASKS_OPINION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:so|and|but|then|ok|okay|now|hmm|um|well|honestly),?\s+)*(?:what do you think (?:about|of|the|is|are|would)\b|what(?:'s| is) your (?:take|view|opinion)\b|what am i missing\b|(?:is there )?anything (?:else )?i(?:'m| am) missing\b|what else should i\b|(?:do|would) you (?:recommend|suggest)\b)")
        .expect("static regex")
});

/// Whether a question asks for the interviewer's own opinion rather than a requirement.
pub fn asks_opinion(question: &str) -> bool {
    ASKS_OPINION.is_match(question.trim())
}

static TAG_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:,\s*(?:right|correct|yeah|yes|ok|okay|no)|isn't it|doesn't it|don't we|won't it)\s*\?\s*$")
        .expect("static regex")
});

/// The first question of the turn asked of the interviewer that the sheet's topics do not cover:
/// not about the interview, not a plea, not thinking aloud ("how do we store it?"), not a tag
/// ("..., right?").
pub fn off_sheet(last: &TurnSignals) -> Option<OffSheet> {
    let aside = |q: &str| {
        last.meta
            .iter()
            .chain(&last.pleas)
            .any(|e| e.quote.contains(q) || q.contains(&e.quote))
            || listening::asks_about_the_interview(q)
            || aside_question(q).is_some()
    };
    if let Some(q) = last
        .questions
        .iter()
        .find(|q| asks_opinion(&q.quote) && aside_question(&q.quote).is_none())
    {
        return Some(OffSheet::Decision(q.quote.trim().to_string()));
    }
    last.questions
        .iter()
        .filter(|q| q.topics.is_empty() && listening::topics_in_other_words(&q.quote).is_empty())
        .map(|q| q.quote.trim())
        .filter(|q| q.split_whitespace().count() >= 4)
        .filter(|q| put_to_the_interviewer(q) && OPENS_A_QUESTION.is_match(q))
        .filter(|q| {
            !aside(q)
                && !TAG_QUESTION.is_match(q)
                && !THINKING_ALOUD.is_match(q)
                && !ASKS_LEAVE.is_match(q)
        })
        .map(|q| {
            if ASKS_TO_DECIDE.is_match(q) {
                OffSheet::Decision(q.to_string())
            } else {
                OffSheet::Open(q.to_string())
            }
        })
        .next()
}

/// Whether the turn asked the interviewer anything about the problem, on the sheet or off it.
pub fn asked_about_the_problem(t: &TurnSignals) -> bool {
    t.clarifies() || matches!(off_sheet(t), Some(OffSheet::Open(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::steering::heard;

    #[test]
    fn requests_about_the_conversation_were_read_as_questions_about_the_team_or_the_problem() {
        // "Can you repeat the question?" got "happy to talk about the team at the end", "how are we
        // doing for time?" got "no feedback during the round", "can I keep going?" got "not my
        // call".
        let t = |s: &str| aside_in(&heard(s), s);
        for s in [
            "Can you repeat the question?",
            "Could you say that again?",
            "Sorry, can you rephrase that for this system?",
        ] {
            assert_eq!(t(s), Some(Aside::Clarify), "{s}");
        }
        for s in ["How am I doing on time?", "How are we doing for time?"] {
            assert_eq!(t(s), Some(Aside::MetaTime), "{s}");
        }
        for s in [
            "What else do you want me to cover?",
            "What should I cover next?",
            "Should I go deeper on cold start or on the serving fleet?",
        ] {
            assert_eq!(t(s), Some(Aside::Direction), "{s}");
        }
        assert_eq!(t("What's the team working on?"), Some(Aside::MetaOther));
        for s in [
            "Is there a specific part of that you'd like more depth on?",
            "What would you like to dig into?",
        ] {
            assert_eq!(t(s), Some(Aside::Direction), "{s}");
        }
        for s in [
            "Is my design ok until now?",
            "Is there something about that reasoning you disagree with?",
        ] {
            assert_eq!(t(s), Some(Aside::Check), "{s}");
        }
        assert!(matches!(
            off_sheet(&heard("What do you think the biggest risk in my plan is?")),
            Some(OffSheet::Decision(_))
        ));
        let leave = heard("Can I keep going? I want to talk about hot links.");
        assert_eq!(off_sheet(&leave), None);
        assert_eq!(
            aside_in(&leave, "Can I keep going? I want to talk about hot links."),
            None
        );
    }

    #[test]
    fn asides_are_told_apart() {
        let t = |s: &str| aside(&heard(s));
        assert_eq!(
            t("Honestly, what would you do here?"),
            Some(Aside::AnswerRequest)
        );
        assert_eq!(t("I'm stuck, any hint?"), Some(Aside::Stuck));
        assert_eq!(t("How much time do we have left?"), Some(Aside::MetaTime));
        assert_eq!(t("How did I do?"), Some(Aside::MetaFeedback));
        assert_eq!(t("What team are you on?"), Some(Aside::MetaOther));
        assert_eq!(
            t("At my last job we ran Kafka 3.5 and it was great."),
            Some(Aside::Anecdote)
        );
        assert_eq!(
            t("We put Redis in front of the model to cache answers."),
            None
        );
    }

    #[test]
    fn questions_off_the_sheet_are_told_apart() {
        let t = |s: &str| off_sheet(&heard(s));
        assert_eq!(
            t("What's the goal: more time spent or more posts from friends?"),
            Some(OffSheet::Open(
                "What's the goal: more time spent or more posts from friends?".into()
            ))
        );
        assert_eq!(
            t("Should we use Kafka here?"),
            Some(OffSheet::Decision("Should we use Kafka here?".into()))
        );
        assert_eq!(t("How do we handle a node that dies mid-write?"), None);
        assert!(matches!(
            t("Do we need analytics on clicks?"),
            Some(OffSheet::Decision(_))
        ));
        assert!(matches!(
            t("What am I missing?"),
            Some(OffSheet::Decision(_))
        ));
        assert!(matches!(
            t("What do you think about real-time training here?"),
            Some(OffSheet::Decision(_))
        ));
        assert_eq!(t("We cache it per user, right?"), None);
        assert_eq!(t("What team are you on?"), None);
    }
}
