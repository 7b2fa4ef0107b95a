//! Where the round's time went, by what was discussed: each turn is given the topic its sentences
//! are about (requirements, sizing, the API and data model, the high-level design, each hotspot of
//! the question, operations and risks, the wrap-up), and minutes are summed per topic and, for the
//! plan, per phase of work.
//!
//! A turn's topic comes from what it does, not from when it happens or from the clock's plan: a
//! round still asking about requirements at minute 20 spends minute 20 on requirements, and deep-
//! dive questions answered for fifteen minutes are fifteen minutes of deep dive. Turns that show
//! nothing new (an acknowledgement, a follow-on explanation) continue the topic before them. An
//! interviewer's turn answering the candidate's question belongs to that question's topic; any
//! other leads into the answer after it. Times are the source's (on our own rounds, the round's
//! clock) or, without stamps, estimated from words, and the report says which.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;
use std::time::Duration;

use regex::{Regex, RegexSet};
use serde::Deserialize;

use crate::analysis::{Act, SentenceReading};
use crate::clock::{Phase, TimePlan};
use crate::question::Concern;

use super::input::Role;
use super::profile::Profile;
use super::read::Reading;
use super::report::{PhaseTime, TimeAllocation, TopicTime};

/// What a stretch of the round was about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Subject {
    /// Asking about and hearing the requirements.
    Requirements,
    /// Estimating load, storage, machines or money.
    Sizing,
    /// Endpoints, request shapes, schemas and tables.
    ApiDataModel,
    /// Boxes and arrows: the components and how they connect.
    HighLevel,
    /// One of the question's hotspots.
    Hotspot(Concern),
    /// Concerns that are not this question's hotspots: monitoring, rollout, failures, security.
    Operations,
    /// Summary and the candidate's questions at the end.
    WrapUp,
}

impl Subject {
    /// The stable key in reports: a hotspot's concern name, else the topic's own.
    pub fn key(self) -> &'static str {
        match self {
            Subject::Requirements => "requirements",
            Subject::Sizing => "sizing",
            Subject::ApiDataModel => "api-data-model",
            Subject::HighLevel => "high-level",
            Subject::Hotspot(c) => c.as_str(),
            Subject::Operations => "operations",
            Subject::WrapUp => "wrap-up",
        }
    }

    /// The phase of the plan this topic's work belongs to.
    pub fn phase(self) -> Phase {
        match self {
            Subject::Requirements => Phase::Clarify,
            Subject::Sizing | Subject::ApiDataModel | Subject::HighLevel => Phase::HighLevel,
            Subject::Hotspot(_) => Phase::DeepDive,
            Subject::Operations => Phase::Tradeoffs,
            Subject::WrapUp => Phase::WrapUp,
        }
    }

    /// A label for charts.
    pub fn label(self) -> String {
        match self {
            Subject::Hotspot(c) => format!("hotspot: {}", c.as_str()),
            other => DATA
                .labels
                .get(other.key())
                .cloned()
                .unwrap_or_else(|| other.key().to_string()),
        }
    }
}

/// `prompts/critique/topics.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicData {
    api_data_model: Vec<String>,
    requirements_talk: Vec<String>,
    security_words: Vec<String>,
    weighing_in_words: Vec<String>,
    time_nudges: Vec<String>,
    labels: BTreeMap<String, String>,
}

static DATA: LazyLock<TopicData> = LazyLock::new(|| {
    super::data::parse("topics.toml").unwrap_or_else(|e| panic!("embedded critique data: {e}"))
});

static API: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(DATA.api_data_model.iter().map(|p| format!("(?i){p}")))
        .unwrap_or_else(|e| panic!("embedded critique data: topics.toml: {e}"))
});

static REQUIREMENTS_TALK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("(?i){}", DATA.requirements_talk.join("|")))
        .unwrap_or_else(|e| panic!("embedded critique data: topics.toml: {e}"))
});

static SECURITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("(?i){}", DATA.security_words.join("|")))
        .unwrap_or_else(|e| panic!("embedded critique data: topics.toml: {e}"))
});

/// Whether a sentence talks about requirements in so many words ("before we design, I want to
/// understand...", "out of scope").
pub(crate) fn talks_requirements(sentence: &str) -> bool {
    REQUIREMENTS_TALK.is_match(sentence)
}

/// Whether a sentence names security or privacy in so many words.
pub(crate) fn names_security(sentence: &str) -> bool {
    SECURITY.is_match(sentence)
}

static WEIGHING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("(?i){}", DATA.weighing_in_words.join("|")))
        .unwrap_or_else(|e| panic!("embedded critique data: topics.toml: {e}"))
});

/// Whether a sentence sets a gain against a price in so many words.
pub(crate) fn weighs_in_words(sentence: &str) -> bool {
    WEIGHING.is_match(sentence)
}

static NUDGES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("(?i){}", DATA.time_nudges.join("|")))
        .unwrap_or_else(|e| panic!("embedded critique data: topics.toml: {e}"))
});

/// Whether an interviewer's sentence nudges the round on ("in the interest of time").
pub(crate) fn nudges(sentence: &str) -> bool {
    NUDGES.is_match(sentence)
}

/// Whether a candidate sentence is about the API or the data model.
pub(crate) fn about_api(sentence: &str) -> bool {
    API.is_match(sentence)
}

/// The topic one candidate sentence speaks to, if it speaks to one (else it continues the topic
/// before it): asking about or discussing requirements, the API and schema, a concern (a hotspot
/// of the question, or operations), an estimate, a new component.
fn sentence_subject(
    s: &SentenceReading,
    hot: &[Concern],
    named: &BTreeSet<String>,
    current: Subject,
) -> Option<Subject> {
    // A question in quotation marks is what someone else would say, not the candidate asking.
    let quoted = s.quote.contains(['"', '“', '”']);
    if s.acts.contains(&Act::Ask) && !s.topics.is_empty() && !quoted {
        return Some(Subject::Requirements);
    }
    if [Act::Ask, Act::Plea, Act::Meta, Act::Anecdote]
        .iter()
        .any(|a| s.acts.contains(a))
    {
        return None;
    }
    if REQUIREMENTS_TALK.is_match(&s.quote) && !s.acts.contains(&Act::Decide) {
        return Some(Subject::Requirements);
    }
    // A sentence about the API or the schema is about that, whatever else it names
    // ("authentication is part of the API").
    if about_api(&s.quote) {
        return Some(Subject::ApiDataModel);
    }
    let concerns: Vec<Concern> = s.concerns.iter().chain(&s.dismissed).copied().collect();
    if let Some(c) = concerns.iter().find(|c| hot.contains(c)) {
        return Some(Subject::Hotspot(*c));
    }
    if !concerns.is_empty() {
        return Some(Subject::Operations);
    }
    if s.acts.contains(&Act::Estimate) || s.signals.contains(&"estimate") {
        return Some(Subject::Sizing);
    }
    let new = s.components.iter().any(|c| !named.contains(c));
    // Naming a known component again elaborates whatever is under way; inside a hotspot it
    // stays there.
    if new || (!s.components.is_empty() && !matches!(current, Subject::Hotspot(_))) {
        return Some(Subject::HighLevel);
    }
    None
}

/// What each turn of the round was about.
#[derive(Debug, Clone)]
pub(crate) struct Topics {
    /// Each turn's main topic (both speakers, in the reading's order).
    pub per_turn: Vec<Subject>,
    /// Each turn's time split by topic, as shares of the turn summing to one: a candidate turn by
    /// the words of its sentences, an interviewer turn whole.
    pub pieces: Vec<Vec<(Subject, f64)>>,
}

/// The topics of the reading's turns.
pub(crate) fn topics(reading: &Reading, profile: &Profile) -> Topics {
    let hot: Vec<Concern> = profile.hotspots.iter().map(|h| h.concern).collect();
    let duration = reading.duration.as_secs_f64().max(1.0);
    let mut named: BTreeSet<String> = BTreeSet::new();
    let mut current = Subject::Requirements;
    let mut wrapping = false;
    let mut designed = false;
    let mut out: Vec<Option<Subject>> = vec![None; reading.turns.len()];
    let mut pieces: Vec<Vec<(Subject, f64)>> = vec![Vec::new(); reading.turns.len()];
    let mut candidate_turns = 0;
    for (i, t) in reading.turns.iter().enumerate() {
        if t.role != Role::Candidate {
            continue;
        }
        candidate_turns += 1;
        let novel = t
            .sentences
            .iter()
            .any(|s| s.components.iter().any(|c| !named.contains(c)) || !s.concerns.is_empty());
        let late = t.start.as_secs_f64() >= 0.88 * duration;
        let mut words: BTreeMap<Subject, f64> = BTreeMap::new();
        if late && (wrapping || !novel) && candidate_turns > 2 && designed {
            wrapping = true;
            current = Subject::WrapUp;
            words.insert(current, 1.0);
        } else {
            for s in &t.sentences {
                if let Some(x) = sentence_subject(s, &hot, &named, current) {
                    current = x;
                }
                named.extend(s.components.iter().cloned());
                *words.entry(current).or_default() +=
                    s.quote.split_whitespace().count().max(1) as f64;
            }
        }
        let total: f64 = words.values().sum::<f64>().max(1.0);
        let main = words
            .iter()
            .fold(None::<(Subject, f64)>, |acc, (s, x)| match acc {
                Some((_, y)) if y >= *x => acc,
                _ => Some((*s, *x)),
            })
            .map_or(current, |(s, _)| s);
        designed |= words.keys().any(|s| *s != Subject::Requirements);
        pieces[i] = words.into_iter().map(|(s, w)| (s, w / total)).collect();
        out[i] = Some(main);
    }
    // An interviewer's turn answers the candidate's question before it, else leads into the
    // answer after it.
    let mut per_turn: Vec<Subject> = Vec::with_capacity(out.len());
    for i in 0..out.len() {
        if let Some(s) = out[i] {
            per_turn.push(s);
            continue;
        }
        let prev = (0..i)
            .rev()
            .find(|j| reading.turns[*j].role == Role::Candidate);
        let answering = prev.is_some_and(|j| reading.turns[j].text.trim_end().ends_with('?'));
        let next = (i + 1..out.len()).find_map(|j| out[j]);
        // Answering: the topic the candidate's turn ended on.
        let ended_on = prev.and_then(|j| {
            let t = &reading.turns[j];
            t.sentences
                .last()
                .and_then(|s| sentence_subject(s, &hot, &BTreeSet::new(), Subject::Requirements))
                .or(out[j])
        });
        let s = match (answering, ended_on, next) {
            (true, Some(p), _) => p,
            (_, _, Some(n)) => n,
            (_, Some(p), None) => p,
            _ => Subject::Requirements,
        };
        pieces[i] = vec![(s, 1.0)];
        per_turn.push(s);
    }
    if std::env::var_os("HOTSEAT_DEBUG_TOPICS").is_some() {
        for (t, s) in reading.turns.iter().zip(&per_turn) {
            let head: String = t.text.chars().take(90).collect();
            eprintln!(
                "{:>3} {} {:?} {:<14} {head}",
                t.n,
                crate::clock::mmss(t.at),
                t.role,
                s.key()
            );
        }
    }
    Topics { per_turn, pieces }
}

/// Minutes per topic and per phase, the phases set against `plan` scaled to the round's length.
pub(crate) fn allocation(reading: &Reading, topics: &Topics, plan: &TimePlan) -> TimeAllocation {
    let subjects = &topics.per_turn;
    let mut by_topic: BTreeMap<Subject, (Duration, Option<Duration>)> = BTreeMap::new();
    let mut order: Vec<Subject> = Vec::new();
    for (t, pieces) in reading.turns.iter().zip(&topics.pieces) {
        let span = t.end.saturating_sub(t.start);
        for (s, share) in pieces {
            let e = by_topic.entry(*s).or_insert((Duration::ZERO, None));
            e.0 += span.mul_f64(*share);
            if t.role == Role::Candidate && e.1.is_none() {
                e.1 = Some(t.at);
            }
            if !order.contains(s) {
                order.push(*s);
            }
        }
    }
    let total = reading.duration;
    let covered: Duration = by_topic.values().map(|v| v.0).sum();
    // Time after the last turn (the round's recorded end) belongs to the last topic.
    if let Some(last) = subjects.last()
        && let Some(e) = by_topic.get_mut(last)
    {
        e.0 += total.saturating_sub(covered);
    }
    let mut actual = [Duration::ZERO; 5];
    let mut first: [Option<Duration>; 5] = [None; 5];
    for (s, (d, f)) in &by_topic {
        let i = index(s.phase());
        actual[i] += *d;
        first[i] = match (first[i], f) {
            (Some(a), Some(b)) => Some(a.min(*b)),
            (a, b) => a.or(*b),
        };
    }
    let scaled = plan.scaled_to(total.as_secs_f64() / 60.0);
    let phases = Phase::ALL
        .iter()
        .map(|p| PhaseTime {
            phase: *p,
            label: p.label().to_string(),
            actual_ms: actual[index(*p)].as_millis() as u64,
            planned_ms: scaled
                .phases
                .iter()
                .find(|s| s.phase == *p)
                .map_or(0, |s| (s.minutes * 60_000.0).round() as u64),
            first_at_ms: first[index(*p)].map(|d| d.as_millis() as u64),
        })
        .collect();
    let topics = order
        .iter()
        .map(|s| {
            let (d, f) = by_topic[s];
            TopicTime {
                topic: s.key().to_string(),
                label: s.label(),
                hotspot: matches!(s, Subject::Hotspot(_)),
                phase: s.phase(),
                actual_ms: d.as_millis() as u64,
                first_at_ms: f.map(|d| d.as_millis() as u64),
            }
        })
        .collect();
    TimeAllocation {
        total_ms: total.as_millis() as u64,
        plan_ms: plan.total().as_millis() as u64,
        phases,
        topics,
    }
}

fn index(p: Phase) -> usize {
    Phase::ALL.iter().position(|x| *x == p).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_and_schema_talk_is_recognised() {
        assert!(about_api(
            "POST /v1/models takes the model name and the image tag."
        ));
        assert!(about_api(
            "The schema has a deployments table with the model id and status."
        ));
        assert!(!about_api(
            "We put Redis in front so reads stay under 5 ms."
        ));
    }

    #[test]
    fn time_nudges_are_recognised() {
        assert!(nudges("In the interest of time, let's move on to scaling."));
        assert!(nudges("We have about ten minutes left."));
        assert!(!nudges("How many minutes of audio a day?"));
    }
}
