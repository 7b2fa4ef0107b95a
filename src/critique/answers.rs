//! Whether the candidate answered what the interviewer asked: each interviewer question (and the
//! question's twist) with its key words, the candidate's response to it, whether they stepped
//! around it ("let me first finish the graph part"), whether the interviewer had to ask again, and
//! whether the candidate ever came back to it.
//!
//! A question counts as ignored only on evidence: the candidate sidestepped it or the interviewer
//! asked it again, no response used its key words, and nothing the candidate said afterwards
//! returned to it. A question about something already on the table ("Why Redis?") has key words
//! the candidate used before; the test then falls back to all its key words.

use std::collections::BTreeSet;
use std::sync::LazyLock;
use std::time::Duration;

use serde::Deserialize;

use crate::analysis::answering::{leans_on_interviewer, sidesteps};
use crate::analysis::{Act, sentences};

use super::input::Role;
use super::profile::{Profile, stem};
use super::read::{Reading, Spoken};
use super::report::Citation;
use super::rules::clip;

/// `prompts/critique/answers.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerData {
    generic_words: Vec<String>,
    twist_openers: Vec<String>,
    requests: Vec<String>,
}

static DATA: LazyLock<AnswerData> = LazyLock::new(|| {
    super::data::parse("answers.toml").unwrap_or_else(|e| panic!("embedded critique data: {e}"))
});

static GENERIC: LazyLock<BTreeSet<&'static str>> =
    LazyLock::new(|| DATA.generic_words.iter().map(String::as_str).collect());

/// A question the interviewer asked that the candidate never answered.
#[derive(Debug, Clone)]
pub(crate) struct Unanswered {
    /// The question as first asked.
    pub asked: Citation,
    /// Whether it was the round's twist.
    pub twist: bool,
    /// How many times the interviewer asked it.
    pub times: usize,
    /// The candidate's sentences that stepped around it.
    pub sidestepped: Vec<Citation>,
}

/// The content stems of `text`, minus generic words.
fn keys(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        // "what's" is "what", "haven't" is "haven".
        .map(|w| w.split(['\'', '’']).next().unwrap_or(w))
        .filter(|w| w.chars().count() >= 4 && !w.chars().any(|c| c.is_ascii_digit()))
        .filter(|w| !GENERIC.contains(w.to_lowercase().as_str()))
        .map(stem)
        .collect()
}

/// One question, as tracked through the round.
struct Ask {
    turn: usize,
    at: Duration,
    quote: String,
    twist: bool,
    /// Key stems the candidate had not used before it was asked (else all its key stems).
    keys: BTreeSet<String>,
    times: usize,
    answered: bool,
    sidestepped: Vec<Citation>,
}

impl Ask {
    /// How many key stems a sentence must share to be about this question: one of a short
    /// question's, two of a longer one's.
    fn needed(&self) -> usize {
        if self.keys.len() <= 3 { 1 } else { 2 }
    }

    fn about(&self, words: &BTreeSet<String>) -> bool {
        !self.keys.is_empty() && self.keys.intersection(words).count() >= self.needed()
    }
}

/// The interviewer's questions in `t`: sentences ending in a question mark, and the twist (the
/// bank's twist, or a sentence opening a change of requirements) with the sentence after it.
fn questions(t: &Spoken, twist: Option<&BTreeSet<String>>) -> Vec<(String, bool)> {
    let parts: Vec<&str> = sentences::split(&t.text)
        .into_iter()
        .map(|r| t.text[r].trim())
        .collect();
    let lower = t.text.to_lowercase();
    let opener = DATA
        .twist_openers
        .iter()
        .any(|o| lower.contains(o.as_str()));
    let bank = twist.filter(|k| !k.is_empty());
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut twist_text: Vec<&str> = Vec::new();
    // The bank's twist as the interviewer put it: a third of its key words, and at least three
    // (interviewers paraphrase).
    if let Some(k) = bank
        && {
            let shared = k.intersection(&keys(&t.text)).count();
            shared * 3 >= k.len() && shared >= 3.min(k.len())
        }
    {
        // The sentences that carry the bank's twist.
        twist_text.extend(
            parts
                .iter()
                .copied()
                .filter(|p| !p.ends_with('?') && !keys(p).is_disjoint(k)),
        );
    } else if opener {
        // The opening sentence and the one after it.
        if let Some(i) = parts.iter().position(|p| {
            let l = p.to_lowercase();
            DATA.twist_openers.iter().any(|o| l.contains(o.as_str()))
        }) {
            twist_text.extend(parts.iter().skip(i).take(2).copied());
        }
    }
    if !twist_text.is_empty() {
        out.push((twist_text.join(" "), true));
    }
    // Questions, and requests put as instructions ("Walk me through the failover.").
    out.extend(
        parts
            .iter()
            .filter(|p| {
                let l = p.to_lowercase();
                p.ends_with('?') || DATA.requests.iter().any(|r| l.starts_with(r.as_str()))
            })
            .map(|p| (p.to_string(), false)),
    );
    out
}

/// The questions the candidate never answered, in the order asked.
pub(crate) fn unanswered(reading: &Reading, profile: &Profile) -> Vec<Unanswered> {
    // The problem statement's words are the whole round's subject: they tell no question apart.
    let first = reading
        .turns
        .iter()
        .position(|t| t.role == Role::Interviewer);
    let statement: BTreeSet<String> = first
        .map(|i| keys(&reading.turns[i].text))
        .unwrap_or_default();
    let twist = profile.twist.as_deref().map(|t| {
        keys(t)
            .difference(&statement)
            .cloned()
            .collect::<BTreeSet<String>>()
    });
    let mut said_before: BTreeSet<String> = BTreeSet::new();
    let mut asks: Vec<Ask> = Vec::new();
    // The asks the current response answers to: those of the last interviewer turn.
    let mut open: Vec<usize> = Vec::new();
    let mut responding: Vec<usize> = Vec::new();
    let mut first_of_response = true;
    for (n, t) in reading.turns.iter().enumerate() {
        match t.role {
            Role::Interviewer => {
                open.clear();
                first_of_response = true;
                // The problem statement is not a question to answer; the round is the answer.
                if Some(n) == first {
                    continue;
                }
                for (q, is_twist) in questions(t, twist.as_ref()) {
                    let all: BTreeSet<String> = keys(&q).difference(&statement).cloned().collect();
                    // Asked again: most of an earlier unanswered question's key words, or a short
                    // question made of them ("And the global customer?").
                    if let Some(i) = asks.iter().position(|a| {
                        let shared = a.keys.intersection(&all).count();
                        !a.answered
                            && ((shared >= 2 && shared * 2 >= a.keys.len())
                                || (shared >= 1 && shared == all.len()))
                    }) {
                        asks[i].times += 1;
                        open.push(i);
                        continue;
                    }
                    let fresh: BTreeSet<String> = all.difference(&said_before).cloned().collect();
                    let keys = if fresh.len() >= 2 { fresh } else { all };
                    if keys.is_empty() {
                        continue;
                    }
                    asks.push(Ask {
                        turn: t.n,
                        at: t.at,
                        quote: q,
                        twist: is_twist,
                        keys,
                        times: 1,
                        answered: false,
                        sidestepped: Vec::new(),
                    });
                    open.push(asks.len() - 1);
                }
                responding = open.clone();
            }
            Role::Candidate => {
                let mut spoken = 0;
                let mut heard: BTreeSet<String> = BTreeSet::new();
                for s in &t.sentences {
                    let words = keys(&s.quote);
                    heard.extend(words.iter().cloned());
                    // The opening of the response, past "OK." and "Interesting."
                    if s.quote.split_whitespace().count() >= 3 {
                        spoken += 1;
                    }
                    let early = first_of_response && spoken <= 2;
                    let steps_around = early && sidesteps(&s.quote);
                    let leans = s.acts.contains(&Act::Plea) || leans_on_interviewer(&s.quote);
                    for i in &responding {
                        let a = &mut asks[*i];
                        if a.answered {
                            continue;
                        }
                        if steps_around || (early && leans && !a.about(&words)) {
                            a.sidestepped.push(Citation::new(t.n, t.at, clip(&s.quote)));
                        } else if a.about(&words) {
                            a.answered = true;
                        }
                    }
                    // Coming back to any earlier question answers it.
                    for (i, a) in asks.iter_mut().enumerate() {
                        if !a.answered
                            && !responding.contains(&i)
                            && !steps_around
                            && a.about(&words)
                        {
                            a.answered = true;
                        }
                    }
                }
                first_of_response = false;
                said_before.extend(heard);
            }
        }
    }
    if std::env::var_os("HOTSEAT_DEBUG_ASKS").is_some() {
        for a in &asks {
            {
                eprintln!(
                    "ask t{} answered={} {:?} twist={} keys={:?} times={} side={:?}",
                    a.turn,
                    a.answered,
                    a.quote,
                    a.twist,
                    a.keys,
                    a.times,
                    a.sidestepped.iter().map(|c| &c.quote).collect::<Vec<_>>()
                );
            }
        }
    }
    asks.into_iter()
        .filter(|a| !a.answered && !a.sidestepped.is_empty())
        .map(|a| Unanswered {
            asked: Citation::new(a.turn, a.at, clip(&a.quote)),
            twist: a.twist,
            times: a.times,
            sidestepped: a.sidestepped,
        })
        .collect()
}
