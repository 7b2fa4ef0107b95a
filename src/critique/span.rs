//! Where the design round sits inside a recorded call (`prompts/critique/round.toml`).
//!
//! A recording of a real mock interview holds more than the round: greetings and background
//! before the problem is posed, the interviewer's spoken feedback, the candidate's self-review and
//! questions about the hiring process after the design. Judged whole, small talk reads as
//! "requirements still under way" and the interviewer's feedback (which names components and
//! trade-offs) as design.
//!
//! The round begins at the problem statement: the first turn that poses a design problem while
//! the candidate has done next to no design yet. It ends at the first cue of feedback or Q&A
//! ("let's stop here", "any questions for me", "how do you think you did") after which the
//! candidate does next to no design. Design is measured by the shared analysis of the candidate's
//! turns (components, estimates, trade-offs, concerns, requirement questions), never by the
//! interviewer's words, so feedback that names components cannot extend the round.

use std::sync::LazyLock;
use std::time::Duration;

use regex::Regex;
use serde::Deserialize;

use crate::analysis::{Utterance, analyze_turn};

use super::input::Role;

/// `prompts/critique/round.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RoundData {
    #[serde(with = "regexes")]
    problem: Vec<Regex>,
    /// What, right after a problem cue, makes it an idiom instead ("we can build upon that").
    #[serde(with = "regexes")]
    not_posed_after: Vec<Regex>,
    #[serde(with = "regexes")]
    imperative: Vec<Regex>,
    #[serde(with = "regexes")]
    shared: Vec<Regex>,
    #[serde(with = "regexes")]
    close: Vec<Regex>,
    #[serde(with = "regexes")]
    process: Vec<Regex>,
    #[serde(with = "regexes")]
    small_talk: Vec<Regex>,
    design_before_share: f64,
    asked_before: usize,
    design_after_share: f64,
    /// Fewer candidate words than this is too short to judge.
    pub too_short_words: usize,
    /// A round shorter than this (minutes) is too short to judge.
    pub too_short_minutes: f64,
}

mod regexes {
    use regex::Regex;
    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Regex>, D::Error> {
        Vec::<String>::deserialize(d)?
            .iter()
            .map(|p| Regex::new(&format!("(?i){p}")).map_err(serde::de::Error::custom))
            .collect()
    }
}

/// The embedded round cues; a test checks they parse.
pub(crate) static ROUND: LazyLock<RoundData> = LazyLock::new(|| {
    super::data::parse("round.toml").unwrap_or_else(|e| panic!("embedded critique data: {e}"))
});

/// Where the round was found, as indexes into the call's turns.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    /// The first turn of the round.
    pub start: usize,
    /// One past its last turn.
    pub end: usize,
    /// Why it begins there: the problem statement quoted, or why the call's start was kept.
    pub start_why: String,
    /// Why it ends there: the closing cue quoted, or why the call's end was kept.
    pub end_why: String,
    /// What the turns after the round are (for the report): feedback, Q&A, process talk.
    pub after_what: String,
    /// What the turns before it are.
    pub before_what: String,
}

/// Design signals in one candidate turn.
fn design(text: &str) -> usize {
    let s = analyze_turn(&Utterance {
        turn: 0,
        at: Duration::ZERO,
        text,
    });
    s.components.len()
        + s.sizing.len()
        + s.tradeoffs.len()
        + s.concerns.len()
        + s.questions.iter().filter(|q| !q.topics.is_empty()).count()
}

/// The sentence of `text` that poses a design problem to the listener, if any (a bare
/// imperative or a prompt pasted, which a candidate reading it aloud says too, does not count).
pub(crate) fn problem_cue(text: &str) -> Option<String> {
    posed(text)
}

/// The sentence of `text` where a problem cue poses a problem (not an idiom that shares its
/// verb), if any.
fn posed(text: &str) -> Option<String> {
    let data = &*ROUND;
    data.problem
        .iter()
        .flat_map(|re| re.find_iter(text))
        .filter(|m| {
            !data
                .not_posed_after
                .iter()
                .any(|n| n.is_match(&text[m.end()..]))
        })
        .min_by_key(|m| m.start())
        .map(|m| sentence_around(text, m.start()))
}

/// The sentence of `text` that `re` matches first, clipped, if any.
fn cue(res: &[Regex], text: &str) -> Option<String> {
    res.iter()
        .filter_map(|re| re.find(text))
        .min_by_key(|m| m.start())
        .map(|m| sentence_around(text, m.start()))
}

/// The sentence around byte `at`: sentence ends are `.?!` followed by a space, or a line break,
/// so "bit.ly" and "3.5" stay whole.
pub(crate) fn sentence_around(text: &str, at: usize) -> String {
    let is_end = |i: usize, c: char| {
        c == '\n'
            || (matches!(c, '.' | '?' | '!')
                && text[i + 1..].chars().next().is_none_or(char::is_whitespace))
    };
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(i, c)| is_end(i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .find(|&(i, c)| is_end(at + i, c))
        .map_or(text.len(), |(i, c)| at + i + c.len_utf8());
    clip(text[start..end].trim(), 120)
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

/// The questions of a candidate turn long enough to be about the problem ("is this a mobile app
/// or a browser?"), not "can you hear me?" or "how are you?".
fn scoping_questions(text: &str) -> usize {
    crate::analysis::sentences::split(text)
        .into_iter()
        .map(|r| text[r].trim())
        .filter(|s| s.ends_with('?') && s.split_whitespace().count() >= 6)
        .filter(|s| !ROUND.small_talk.iter().any(|re| re.is_match(s)))
        .count()
}

/// Finds the round in a call of `(role, text)` turns.
pub(crate) fn find(turns: &[(Role, &str)]) -> Span {
    let data = &*ROUND;
    let d: Vec<usize> = turns
        .iter()
        .map(|(role, text)| match role {
            Role::Candidate => design(text),
            Role::Interviewer => 0,
        })
        .collect();
    let total: usize = d.iter().sum();
    let n = turns.len();
    let mut span = Span {
        start: 0,
        end: n,
        start_why:
            "no small talk before the problem was found: the round is taken from the first turn"
                .into(),
        end_why:
            "no feedback or Q&A after the design was found: the round is taken to the last turn"
                .into(),
        after_what: String::new(),
        before_what: String::new(),
    };
    if total == 0 {
        return span;
    }
    let share = |x: usize| x as f64 / total as f64;

    // The start: the first problem statement with (next to) no design before it, in the first
    // half of the call.
    let mut before = 0;
    let mut asked = 0;
    for (i, (role, text)) in turns.iter().enumerate().take(n / 2 + 1) {
        if share(before) > data.design_before_share || asked >= data.asked_before {
            break;
        }
        if let Some(q) = posed(text)
            .or_else(|| cue(&data.imperative, text))
            .or_else(|| cue(&data.shared, text))
        {
            if i > 0 {
                span.start = i;
                span.start_why = format!("the problem statement: \"{q}\"");
                span.before_what = describe(
                    &turns[..i],
                    &data.small_talk,
                    "introductions and small talk",
                );
            } else {
                span.start_why = format!("the call opens with the problem statement: \"{q}\"");
            }
            break;
        }
        before += d[i];
        if *role == Role::Candidate {
            asked += scoping_questions(text);
        }
    }

    // No problem statement heard (pasted in a document, or lost by the transcriber), but the
    // call opens with small talk: the round begins where the candidate's design does, at the
    // interviewer turn before it.
    if span.start == 0 && span.start_why.starts_with("no small talk") {
        let talk = turns[..n / 3]
            .iter()
            .filter(|(_, t)| data.small_talk.iter().any(|re| re.is_match(t)))
            .count();
        let mut before = 0;
        let onset = (0..n).find(|&j| {
            let ahead: usize = d[j..(j + 6).min(n)].iter().sum();
            let found = ahead >= 3 && share(before) <= data.design_before_share / 2.0;
            before += d[j];
            found
        });
        if talk > 0
            && let Some(j) = onset
            && let Some(i) = (0..=j).rev().find(|&i| turns[i].0 == Role::Interviewer)
            && i > 0
            && i < n / 2
        {
            span.start = i;
            span.start_why = format!(
                "where the candidate's design begins (no problem statement was heard): \"{}\"",
                sentence_around(turns[i].1, 0)
            );
            span.before_what = describe(
                &turns[..i],
                &data.small_talk,
                "introductions and small talk",
            );
        }
    }

    // The end: the first closing cue after which the candidate does (next to) no more design.
    let in_round: usize = d[span.start..].iter().sum();
    let mut after = in_round;
    for i in span.start..n {
        let (role, text) = turns[i];
        if i > span.start
            && in_round > 0
            && (after as f64) <= data.design_after_share * in_round as f64
            && let Some(q) = cue(&data.close, text).or_else(|| cue(&data.process, text))
        {
            // A candidate's "that's my design" belongs to the round; an interviewer's close does not.
            let end = if role == Role::Candidate { i + 1 } else { i };
            if end < n {
                span.end = end;
                span.end_why = format!("the design closes: \"{q}\"");
                span.after_what = describe(
                    &turns[end..],
                    &data.process,
                    "the interviewer's feedback and Q&A",
                );
            }
            break;
        }
        after -= d[i];
    }
    span
}

/// What some left-out turns hold, for the report: `base`, with "and talk about the process" (or
/// the small talk cue) when the cues say so.
fn describe(turns: &[(Role, &str)], extra: &[Regex], base: &str) -> String {
    let words: usize = turns
        .iter()
        .map(|(_, t)| t.split_whitespace().count())
        .sum();
    let hits = turns
        .iter()
        .filter(|(_, t)| extra.iter().any(|re| re.is_match(t)))
        .count();
    let mut s = base.to_string();
    if hits > 0 && !base.contains("small talk") {
        s.push_str(" (with talk about the hiring process)");
    }
    format!("{s}: {} turn(s), {words} words", turns.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const I: Role = Role::Interviewer;
    const C: Role = Role::Candidate;

    #[test]
    fn small_talk_and_feedback_are_outside_the_round() {
        let turns = [
            (I, "Hi, can you hear me? How are you doing today?"),
            (
                C,
                "Good, thanks. I have about eight years of experience, mostly backend, and I'm targeting senior roles.",
            ),
            (
                I,
                "Great. So today I'd like you to design a parking garage reservation system for a city.",
            ),
            (
                C,
                "How many garages and how many bookings a day? Is there a latency target for search?",
            ),
            (I, "Two thousand garages, a million bookings a day."),
            (
                C,
                "So a million a day is about 12 writes a second, peak maybe 100. I'd use Postgres with a row per slot because we need strong consistency, and a Redis cache for availability reads, trading a little staleness for speed.",
            ),
            (I, "What about double bookings?"),
            (
                C,
                "A unique constraint on slot and time window plus an idempotency key on the booking API, and a queue for the payment step.",
            ),
            (I, "Okay, let's stop here. How do you think you did?"),
            (
                C,
                "I think the estimate went fine, I should have talked about failures.",
            ),
            (
                I,
                "Agreed. Overall you did well. Any questions for me about the hiring process?",
            ),
        ];
        let s = find(&turns);
        assert_eq!((s.start, s.end), (2, 8), "{s:?}");
        assert!(
            s.start_why.contains("design a parking garage"),
            "{}",
            s.start_why
        );
        assert!(s.end_why.contains("stop here"), "{}", s.end_why);
        assert!(s.after_what.contains("hiring process"), "{}", s.after_what);
    }

    #[test]
    fn round_start_not_taken_from_a_remark_after_scoping_began() {
        // The prompt came as a link; the candidate scopes it with questions; a later "we can
        // build upon that" or "the context of this question is" is a remark inside the round.
        let turns = [
            (I, "Hi, can you hear me? How are you doing today?"),
            (C, "Good, thanks, I have a few years of experience in SRE."),
            (I, "Here is the link to the feed example."),
            (
                C,
                "Is this going to be a mobile app or something that runs in the browser?",
            ),
            (I, "Mostly mobile."),
            (
                C,
                "How many users should we expect to serve when we start out with this?",
            ),
            (I, "About a hundred thousand users for now."),
            (
                C,
                "Are the articles ordered by time or by what the user likes the most?",
            ),
            (I, "Latest first."),
            (
                C,
                "Can the users also share the articles with their friends in the app?",
            ),
            (I, "We can build upon that as well."),
            (
                C,
                "The feed service reads the subscriptions from Postgres and caches the feed in Redis, because reads dominate.",
            ),
            (
                I,
                "The context of this question is that we subscribe to topics.",
            ),
            (
                C,
                "Then a queue of fetch jobs per topic, and workers that parse the feeds into the article store.",
            ),
        ];
        let s = find(&turns);
        assert!(s.start < 3, "{s:?}");
    }

    #[test]
    fn a_round_with_neither_keeps_every_turn() {
        let turns = [
            (I, "Design a URL shortener like bit.ly."),
            (
                C,
                "How many links a day? I'd use a key-value store and a cache, because reads dominate.",
            ),
        ];
        let s = find(&turns);
        assert_eq!((s.start, s.end), (0, 2));
    }

    #[test]
    fn a_domain_is_not_a_sentence_end() {
        assert_eq!(
            sentence_around(
                "Hi. Let's design a URL shortener like bit.ly today. Ok?",
                10
            ),
            "Let's design a URL shortener like bit.ly today."
        );
    }
}
