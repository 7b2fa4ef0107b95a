//! The dialogue state: the interviewer's open question and the kind of answer it waits for,
//! whether the candidate's turns since answered it, and whether the twist was taken up.
//!
//! Rebuilt from the transcript alone (each interviewer turn's text and recorded intent, each
//! candidate turn's text and signals), so a resumed round remembers what it was waiting for.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::analysis::{Analysis, TurnSignals, figures_in};
use crate::clock::Phase;
use crate::persona::PressureKind;
use crate::question::Concern;
use crate::transcript::{Speaker, Turn, TurnIntent};

/// The kind of answer an interviewer's question waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Expect {
    /// Questions about requirements, or assumptions stated with numbers.
    Requirements,
    /// A worked estimate, or at least figures.
    Estimate,
    /// A figure.
    Figure,
    /// A reason for a choice.
    Reason,
    /// An alternative and what the choice gives up.
    Tradeoff,
    /// Money.
    Cost,
    /// Response time.
    Latency,
    /// A concern covered with substance.
    Concern(Concern),
    /// How the design changes under the twist.
    Twist,
    /// Any design substance.
    Substance,
}

impl Expect {
    /// What the question waits for, in words for the model's notes.
    pub fn describe(self) -> String {
        match self {
            Expect::Requirements => "questions about requirements or stated assumptions".into(),
            Expect::Estimate => "a back-of-the-envelope estimate with numbers".into(),
            Expect::Figure => "a figure".into(),
            Expect::Reason => "a reason for the choice".into(),
            Expect::Tradeoff => "an alternative and what the choice gives up".into(),
            Expect::Cost => "what it costs, in money".into(),
            Expect::Latency => "a latency figure or budget".into(),
            Expect::Concern(c) => format!("how the design handles {c}"),
            Expect::Twist => "how the design changes under the new constraint".into(),
            Expect::Substance => "a concrete design answer".into(),
        }
    }

    /// What an interviewer turn with `intent` waits for, if it asked something answerable.
    fn of(intent: &TurnIntent) -> Option<Self> {
        if intent.twist {
            return Some(Expect::Twist);
        }
        if let Some(kind) = intent.pressure {
            return Some(match kind {
                PressureKind::NoClarification => Expect::Requirements,
                PressureKind::NoSizing | PressureKind::Overengineering => Expect::Estimate,
                PressureKind::VagueNumbers
                | PressureKind::Contradiction
                | PressureKind::Arithmetic => Expect::Figure,
                PressureKind::NoTradeoff => Expect::Tradeoff,
                PressureKind::Why => Expect::Reason,
                PressureKind::NoCost => Expect::Cost,
                PressureKind::NoLatency => Expect::Latency,
                PressureKind::AiConcern | PressureKind::Security => {
                    intent.probe.map_or(Expect::Substance, Expect::Concern)
                }
                PressureKind::TwistUnaddressed => Expect::Twist,
                PressureKind::Signature | PressureKind::Unanswered => Expect::Substance,
            });
        }
        intent.probe.map(Expect::Concern)
    }
}

/// The interviewer's question still waiting for an answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenQuestion {
    /// The question as the interviewer asked it (its last question sentence).
    pub text: String,
    /// The whole turn that asked it, for telling whether an answer takes up its subject.
    #[serde(skip)]
    pub turn_text: String,
    /// What would answer it.
    pub expects: Expect,
    /// The interviewer turn that asked it.
    pub turn: usize,
    /// The phase it was asked in.
    pub phase: Phase,
    /// Whether the interviewer already came back to it once.
    pub returned: bool,
}

/// The question an interviewer line leaves open: from its last question sentence to its end
/// ("Could we check that sum? I get $90, not $70."), or its last sentence when it asks none.
pub fn last_question(text: &str) -> String {
    let ranges = crate::analysis::sentences::split(text);
    let pick = ranges
        .iter()
        .rev()
        .find(|r| text[(*r).clone()].trim_end().ends_with('?'))
        .or(ranges.last());
    let Some(at) = pick else {
        return text.trim().to_string();
    };
    // A short question leans on the sentence before it ("I get $90, not $70. Which is right?").
    let i = ranges.iter().position(|r| r == at).unwrap_or(0);
    // ... and so does one that points back ("How do you detect that?").
    let q = &text[at.clone()];
    let short = q.split_whitespace().count() < 8;
    let lower = q.to_ascii_lowercase();
    let points_back = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "this" | "it" | "those" | "them"))
        || ["that?", "that,", "that.", "that and ", "that or "]
            .iter()
            .any(|p| lower.contains(p));
    let before = i.checked_sub(1).map(|j| &ranges[j]);
    // The interviewer's own lead-in ("I'd like us to dig into the hardest piece.") is not what
    // the question points at.
    let lead_in = |s: &str| {
        [
            "I ", "I'd", "I'm", "Let's", "Let me", "This is", "Here's", "Okay", "Fair", "Good",
            "Sure",
        ]
        .iter()
        .any(|p| s.trim_start().starts_with(p))
    };
    let start = match before {
        Some(b)
            if short
                || (points_back
                    && !lead_in(&text[b.clone()])
                    && text[b.clone()].split_whitespace().count() >= 5) =>
        {
            b.start
        }
        _ => at.start,
    };
    let mut open = text[start..].trim();
    // "One area you might think about: Which model serves ...?" is asked again as its question.
    // (Not "What do you cache, and where: CDN, edge, memory?", whose head is the question.)
    if let Some((head, rest)) = open.split_once(": ")
        && !asks(head)
        && rest.starts_with(|c: char| c.is_uppercase())
        && rest.ends_with('?')
        && !rest.contains(". ")
    {
        open = rest;
    }
    // "And how do you beat a cold start?" asked again stands without its "And".
    for lead in ["And ", "So ", "But ", "Also, ", "And, "] {
        if let Some(rest) = open.strip_prefix(lead) {
            let mut c = rest.chars();
            if let Some(h) = c.next() {
                return format!("{}{}", h.to_uppercase(), c.as_str());
            }
        }
    }
    open.to_string()
}

/// Whether a sentence opens as a question.
fn asks(s: &str) -> bool {
    const OPENERS: [&str; 16] = [
        "what", "how", "which", "where", "why", "who", "when", "do", "does", "is", "are", "can",
        "could", "would", "should", "will",
    ];
    let first = s
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_lowercase();
    let first = first.split('\'').next().unwrap_or_default();
    OPENERS.contains(&first)
}

/// Folds an interviewer turn into the open question: a new question replaces it, a return to
/// it marks it returned, and a turn that asks nothing answerable (a fact, an aside) leaves it.
pub fn on_interviewer_turn(open: &mut Option<OpenQuestion>, turn: &Turn) {
    let Some(intent) = &turn.intent else {
        return;
    };
    // Said again in a later turn (after an aside, or as a return): it has had its second airing.
    if let Some(o) = open.as_mut()
        && turn.n > o.turn
        && turn.text.contains(&o.text)
    {
        o.returned = true;
    }
    if intent.closing {
        *open = None;
        return;
    }
    if intent.pressure == Some(PressureKind::Unanswered) {
        if let Some(o) = open.as_mut() {
            o.returned = true;
        }
        return;
    }
    if let Some(expects) = Expect::of(intent) {
        // Asking for the same kind of answer again in the same phase is the return to it, and so
        // is a follow-up on the twist.
        let again = open
            .as_ref()
            .is_some_and(|o| o.expects == expects && o.phase == turn.phase);
        *open = Some(OpenQuestion {
            text: last_question(&turn.text),
            turn_text: turn.text.clone(),
            expects,
            turn: turn.n,
            phase: turn.phase,
            returned: again || intent.pressure == Some(PressureKind::TwistUnaddressed),
        });
    }
}

/// The pressure an open question asked for, so a return to it counts as pressing it again.
pub fn pressed_by(expects: Expect) -> Option<PressureKind> {
    match expects {
        Expect::Estimate => Some(PressureKind::NoSizing),
        Expect::Cost => Some(PressureKind::NoCost),
        Expect::Latency => Some(PressureKind::NoLatency),
        Expect::Requirements => Some(PressureKind::NoClarification),
        _ => None,
    }
}

/// Whether a candidate turn gives what `question` (waiting for `expects`) asked for: by its
/// signals, or, for questions about a design, by taking up the question's own words.
pub fn answers(question: &OpenQuestion, t: &TurnSignals, text: &str, twist: &str) -> bool {
    let shared = shared_words(&question.turn_text, text);
    match question.expects {
        // Design talk that stays off the question's subject does not answer it, however rich.
        Expect::Concern(c) => {
            t.concerns.contains_key(&c)
                || t.dismissed.contains_key(&c)
                || crate::analysis::listening::concerns_in_other_words(text).contains(&c)
                || shared >= 2
                || (shared >= 1 && substance(t) >= 2)
        }
        // An answer about what was asked ("the gateway must stay stateless") with design
        // substance of its own answers it, though it words the question differently.
        Expect::Substance | Expect::Reason | Expect::Tradeoff => {
            gives(question.expects, t, text, twist)
                || shared >= 2
                || (shared >= 1 && substance(t) >= 2)
        }
        _ => gives(question.expects, t, text, twist),
    }
}

/// How many kinds of design substance a turn shows (components, figures, concerns, reasons,
/// trade-offs).
fn substance(t: &TurnSignals) -> usize {
    [
        !t.components.is_empty(),
        !t.numbers.is_empty(),
        !t.concerns.is_empty(),
        !t.justifications.is_empty(),
        !t.tradeoffs.is_empty(),
    ]
    .iter()
    .filter(|b| **b)
    .count()
}

/// Whether `text` takes up the subject of `question`: three of its content words.
pub fn takes_up(question: &str, text: &str) -> bool {
    shared_words(question, text) >= 3
}

/// Content words of `question` (five letters or more, not generic) that `text` uses too.
fn shared_words(question: &str, text: &str) -> usize {
    let lower = text.to_ascii_lowercase();
    let said: BTreeSet<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
    // "retrieves" and "retrieval" are one word here; "serve" and "servers" are not.
    let stem = |w: &str| w.chars().take(6).collect::<String>();
    let stems: BTreeSet<String> = said
        .iter()
        .filter(|w| w.len() >= 5)
        .map(|w| stem(w))
        .collect();
    question
        .to_ascii_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 5 && !GENERIC.contains(w) && !QUESTION_WORDS.contains(w))
        .map(stem)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|w| stems.contains(w))
        .count()
}

/// Words any question is made of.
const QUESTION_WORDS: [&str; 12] = [
    "would", "could", "should", "where", "which", "about", "think", "through", "happens", "given",
    "without", "there",
];

/// Whether a candidate turn shows what `expects` waits for, by its signals.
fn gives(expects: Expect, t: &TurnSignals, text: &str, twist: &str) -> bool {
    let substance = substance(t);
    match expects {
        Expect::Requirements => t.clarifies() || !t.numbers.is_empty(),
        Expect::Estimate => !t.sizing.is_empty() || !t.numbers.is_empty(),
        Expect::Figure => !t.numbers.is_empty(),
        Expect::Reason => !t.justifications.is_empty() || !t.tradeoffs.is_empty(),
        Expect::Tradeoff => !t.tradeoffs.is_empty() || !t.justifications.is_empty(),
        Expect::Cost => !t.cost.is_empty(),
        Expect::Latency => !t.latency.is_empty(),
        Expect::Concern(c) => {
            t.concerns.contains_key(&c) || t.dismissed.contains_key(&c) || substance >= 2
        }
        Expect::Twist => addresses_twist(text, twist),
        Expect::Substance => substance >= 1 && t.words >= 8,
    }
}

/// Whether a candidate turn is design talk: not a question, a plea, talk about the interview or
/// a story from elsewhere. Only design talk can dodge a question.
pub fn is_design_talk(t: &TurnSignals) -> bool {
    t.questions.is_empty() && t.pleas.is_empty() && t.meta.is_empty() && t.anecdotes.is_empty()
}

/// Words too common in any design to show the twist was taken up.
const GENERIC: [&str; 24] = [
    "model", "models", "users", "system", "service", "design", "requests", "request", "there",
    "their", "these", "which", "would", "could", "should", "every", "about", "where", "change",
    "changes", "still", "other", "only", "going",
];

/// The twist's own words: acronyms ("EU") and longer content words, lower case.
fn twist_words(twist: &str) -> BTreeSet<String> {
    twist
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| {
            let acronym = w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
            acronym || (w.len() >= 5 && !GENERIC.contains(&w.to_ascii_lowercase().as_str()))
        })
        .map(|w| w.to_ascii_lowercase())
        .collect()
}

/// Whether `text` takes up the twist: two of its own words, or one of its figures.
pub fn addresses_twist(text: &str, twist: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let said: BTreeSet<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .collect();
    let stem = |w: &str| w.chars().take(6).collect::<String>();
    let said_stems: BTreeSet<String> = said.iter().map(|w| stem(w)).collect();
    let hits = twist_words(twist)
        .iter()
        .filter(|w| said.contains(w.as_str()) || (w.len() >= 6 && said_stems.contains(&stem(w))))
        .count();
    let figures = figures_in(twist);
    let theirs = figures_in(text);
    // "16 GPUs" in the twist and "the 16 EU GPUs" in the answer are the same figure, however
    // the words around it were read.
    let figure = figures.iter().any(|f| {
        theirs
            .iter()
            .any(|t| t.value.is_some() && t.value == f.value && distinctive(&f.text))
    });
    // Two of its own distinctive words ("video" and "reservation" after a twist about video
    // on the same GPU reservation) already take it up.
    hits >= 2 || figure
}

/// Whether a figure of the twist is distinctive enough to recognise it by ("40%", "16 GPUs"; not
/// "one" or "a 1"): it has a digit other than a lone 0 or 1.
fn distinctive(figure: &str) -> bool {
    let digits: String = figure.chars().filter(char::is_ascii_digit).collect();
    !digits.is_empty() && digits != "0" && digits != "1"
}

/// The candidate turns after interviewer turn `n`, with their text.
pub fn candidate_turns_after<'a>(
    n: usize,
    history: &'a [Turn],
    analysis: &'a Analysis,
) -> Vec<(&'a TurnSignals, &'a str)> {
    analysis
        .turns
        .iter()
        .filter(|t| t.turn > n)
        .filter_map(|t| {
            history
                .iter()
                .find(|h| h.n == t.turn && h.role == Speaker::Candidate)
                .map(|h| (t, h.text.as_str()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWIST: &str = "Legal now says EU conversations can't go to any model hosted outside the EU, and the only EU capacity you have is 16 GPUs.";

    #[test]
    fn taking_up_the_twist_is_heard() {
        assert!(addresses_twist(
            "For the EU we'd host a distilled model on those 16 GPUs.",
            TWIST
        ));
        assert!(addresses_twist(
            "Then EU traffic stays on EU capacity, hosted in Frankfurt.",
            TWIST
        ));
        assert!(!addresses_twist(
            "Next, the cache: we keep embeddings in Redis so the model is called less.",
            TWIST
        ));
    }

    #[test]
    fn a_short_question_keeps_the_sentence_it_leans_on() {
        let line = "Quick check: I get $90 an hour, not $70 an hour. Which is right?";
        assert_eq!(last_question(line), line);
    }

    #[test]
    fn a_question_that_points_back_keeps_what_it_points_at() {
        let line = "Engagement-optimised ranking can drift towards clickbait. How do you detect that and correct course?";
        assert_eq!(last_question(line), line);
    }

    #[test]
    fn a_question_with_a_colon_stays_whole() {
        let line = "What do you cache, and where: CDN, edge, memory?";
        assert_eq!(last_question(line), line);
    }

    #[test]
    fn a_lead_in_is_not_what_a_question_points_at() {
        let line = "I'd like us to dig into the hardest piece. How do you test that no answer ever leaks a document?";
        assert_eq!(
            last_question(line),
            "How do you test that no answer ever leaks a document?"
        );
    }

    #[test]
    fn a_lead_in_is_not_part_of_the_question() {
        let line = "One area you might think about: Which model serves the answers?";
        assert_eq!(last_question(line), "Which model serves the answers?");
    }

    #[test]
    fn the_last_question_is_the_one_left_open() {
        let line = "Good, that's a reasonable estimate. Where does the latency go end to end? Give me a budget.";
        assert_eq!(
            last_question(line),
            "Where does the latency go end to end? Give me a budget."
        );
    }
}
