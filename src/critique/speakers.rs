//! Who is the candidate? From `--candidate`, or inferred from what each speaker does.
//!
//! Labels lie: transcribers swap them, and "Q"/"A" or two first names say nothing. What does not
//! lie is the dialogue itself: the interviewer poses the design problem, and the candidate does the
//! designing: names components, sizes load, weighs trade-offs (read by the shared analysis) and
//! talks most. Labels only break ties. Speakers beyond the two main ones are a panel interviewer
//! when they take part throughout, else lines pasted in around the dialogue (feedback notes, fake
//! `SYSTEM:` lines), which are set aside.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;
use std::time::Duration;

use regex::Regex;

use crate::analysis::{Utterance, analyze_turn};

use super::input::{InputError, RawTurn};
use super::report::CandidateChoice;
use super::span;

/// The roles decided.
#[derive(Debug, Clone)]
pub(crate) struct Cast {
    /// The candidate's speaker key.
    pub candidate: String,
    /// The interviewers' speaker keys.
    pub interviewers: Vec<String>,
    /// Who and why, for the report.
    pub choice: CandidateChoice,
}

/// Labels that name the interviewer side.
static INTERVIEWER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:interviewer|q|question|host|examiner|panel(?:ist)?|hiring manager|bar raiser)\b",
    )
    .unwrap()
});

/// Labels that name the candidate side.
static CANDIDATE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:candidate|a|answer|interviewee|me)\b").unwrap());

/// The key a speaker label is grouped by: trimmed, lower case, inner spaces collapsed.
pub(crate) fn key(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Words that address the listener: interviewers ask and guide ("how would you", "your
/// design"), candidates reason aloud ("I'd use", "we could").
static ADDRESS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\byou(?:'re|'d|'ll|'ve|r|rs)?\b").unwrap());

#[derive(Debug, Default)]
struct Speaker {
    label: String,
    turns: usize,
    words: usize,
    /// Times the speaker addresses the other ("you", "your").
    you: usize,
    first: usize,
    last: usize,
    design: usize,
    components: usize,
    poses: Option<String>,
}

/// Decides the roles over the whole call.
pub(crate) fn cast(raw: &[RawTurn], named: Option<&str>) -> Result<Cast, InputError> {
    cast_in(raw, named, 0..raw.len())
}

/// Decides the roles, reading what each speaker says only inside `focus` (the round, once it is
/// known: a long feedback monologue after it must not make the interviewer look like the one
/// designing). Who posed the problem is read over the whole call.
pub(crate) fn cast_in(
    raw: &[RawTurn],
    named: Option<&str>,
    focus: Range<usize>,
) -> Result<Cast, InputError> {
    let mut speakers: BTreeMap<String, Speaker> = BTreeMap::new();
    for (i, t) in raw.iter().enumerate() {
        let s = speakers.entry(key(&t.speaker)).or_insert_with(|| Speaker {
            label: t.speaker.trim().to_string(),
            first: i,
            ..Speaker::default()
        });
        s.turns += 1;
        s.last = i;
        if focus.contains(&i) {
            s.words += t.text.split_whitespace().count();
            s.you += ADDRESS.find_iter(&t.text).count();
        }
    }
    // The problem is posed once, early: the first problem statement in the first part of the call.
    let early = (raw.len() * 3 / 5).max(2);
    if let Some((k, q)) = raw
        .iter()
        .take(early)
        .find_map(|t| span::problem_cue(&t.text).map(|q| (key(&t.speaker), q)))
        && let Some(s) = speakers.get_mut(&k)
    {
        s.poses = Some(q);
    }
    // The two who take the most turns (then words) carry the dialogue.
    let mut ranked: Vec<String> = speakers.keys().cloned().collect();
    ranked.sort_by_key(|k| {
        let s = &speakers[k];
        (
            std::cmp::Reverse(s.turns),
            std::cmp::Reverse(s.words),
            s.first,
        )
    });
    let all_labels = || {
        ranked
            .iter()
            .map(|k| speakers[k].label.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(name) = named {
        let want = key(name);
        let found = speakers
            .keys()
            .find(|k| **k == want)
            .or_else(|| {
                speakers
                    .keys()
                    .find(|k| k.starts_with(&want) || want.starts_with(k.as_str()))
            })
            .cloned();
        let Some(candidate) = found else {
            return Err(InputError::NoSuchCandidate {
                name: name.to_string(),
                speakers: all_labels(),
            });
        };
        if speakers.len() < 2 {
            return Err(InputError::OneSpeaker(speakers[&candidate].label.clone()));
        }
        let interviewers = others(&speakers, &ranked, &candidate);
        if interviewers.is_empty() {
            return Err(InputError::OneSpeaker(speakers[&candidate].label.clone()));
        }
        let choice = CandidateChoice {
            name: speakers[&candidate].label.clone(),
            interviewers: interviewers
                .iter()
                .map(|k| speakers[k].label.clone())
                .collect(),
            inferred: false,
            reason: "named with --candidate".into(),
        };
        return Ok(Cast {
            candidate,
            interviewers,
            choice,
        });
    }
    if ranked.len() < 2 {
        return Err(InputError::OneSpeaker(
            ranked
                .first()
                .map_or_else(String::new, |k| speakers[k].label.clone()),
        ));
    }
    let (a, b) = (ranked[0].clone(), ranked[1].clone());
    for k in [&a, &b] {
        let s = speakers.get_mut(k).expect("ranked speaker");
        for (i, t) in raw.iter().enumerate() {
            if key(&t.speaker) == *k && focus.contains(&i) {
                let sig = analyze_turn(&Utterance {
                    turn: i + 1,
                    at: Duration::ZERO,
                    text: &t.text,
                });
                s.components += sig.components.len();
                s.design += sig.components.len()
                    + sig.sizing.len()
                    + sig.tradeoffs.len()
                    + sig.concerns.len();
            }
        }
    }
    let score = |me: &Speaker, other: &Speaker| {
        let share = |x: usize, y: usize| {
            if x + y == 0 {
                0.5
            } else {
                x as f64 / (x + y) as f64
            }
        };
        let mut s = 3.0 * share(me.design, other.design) + 1.5 * share(me.words, other.words);
        // The one who addresses the other more is the interviewer: "you" per word, compared.
        let rate = |x: &Speaker| x.you as f64 / x.words.max(1) as f64;
        let (mine, theirs) = (rate(me), rate(other));
        if mine + theirs > 0.0 {
            s += 3.0 * (theirs - mine) / (mine + theirs);
        }
        match (me.poses.is_some(), other.poses.is_some()) {
            (false, true) => s += 1.5,
            (true, false) => s -= 1.5,
            _ => {}
        }
        if CANDIDATE_LABEL.is_match(&me.label) {
            s += 0.75;
        }
        if INTERVIEWER_LABEL.is_match(&me.label) {
            s -= 0.75;
        }
        if me.first < other.first {
            s -= 0.25;
        }
        s
    };
    let (sa, sb) = (&speakers[&a], &speakers[&b]);
    let (candidate, interviewer) = if score(sa, sb) >= score(sb, sa) {
        (a, b)
    } else {
        (b, a)
    };
    let (c, i) = (&speakers[&candidate], &speakers[&interviewer]);
    let reason = reason(c, i);
    let interviewers = others(&speakers, &ranked, &candidate);
    let choice = CandidateChoice {
        name: c.label.clone(),
        interviewers: interviewers
            .iter()
            .map(|k| speakers[k].label.clone())
            .collect(),
        inferred: true,
        reason,
    };
    Ok(Cast {
        candidate,
        interviewers,
        choice,
    })
}

/// The interviewers besides `candidate`: the other main speaker, plus anyone who takes part
/// throughout (two or more turns inside the main dialogue); the rest is set aside.
fn others(speakers: &BTreeMap<String, Speaker>, ranked: &[String], candidate: &str) -> Vec<String> {
    let Some(first_other) = ranked.iter().find(|k| k.as_str() != candidate) else {
        return Vec::new();
    };
    let c = &speakers[candidate];
    let o = &speakers[first_other];
    let (start, end) = (c.first.min(o.first), c.last.max(o.last));
    let mut out = vec![first_other.clone()];
    for k in ranked.iter().skip(1) {
        if k.as_str() == candidate || k == first_other {
            continue;
        }
        let s = &speakers[k];
        let inside = s.first > start && s.last < end;
        if s.turns >= 2 && inside && !looks_like_notes(&s.label) {
            out.push(k.clone());
        }
    }
    out
}

/// Labels that are never a person in the room.
fn looks_like_notes(label: &str) -> bool {
    static NOTES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:system|assistant|notes?|feedback|summary|overall|verdict|rating|score|strengths?|weaknesses|areas?|recommendation|decision|result|date|time|title|topic|round|level|comments?|grader|evaluator|instructions?)\b").unwrap()
    });
    NOTES.is_match(label.trim())
}

fn reason(c: &Speaker, i: &Speaker) -> String {
    let total_words = (c.words + i.words).max(1);
    let mut parts = Vec::new();
    if let Some(q) = &i.poses {
        parts.push(format!(
            "{} posed the problem (\"{}\")",
            i.label,
            clip(q, 80)
        ));
    }
    parts.push(format!(
        "{} spoke {}% of the words",
        c.label,
        (c.words * 100 + total_words / 2) / total_words
    ));
    let comps = c.components + i.components;
    if comps > 0 {
        parts.push(format!(
            "made {} of the {} mentions of components",
            c.components, comps
        ));
    }
    let mut reason = format!("took {} as the candidate: {}", c.label, parts.join(", "));
    if INTERVIEWER_LABEL.is_match(&c.label) || CANDIDATE_LABEL.is_match(&i.label) {
        reason.push_str("; the speaker labels look swapped");
    }
    reason
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(speaker: &str, text: &str) -> RawTurn {
        RawTurn {
            speaker: speaker.into(),
            text: text.into(),
            at: None,
            line: None,
        }
    }

    fn round(a: &str, b: &str) -> Vec<RawTurn> {
        vec![
            t(
                a,
                "Thanks for coming in. Today I'd like you to design a URL shortener like bit.ly.",
            ),
            t(
                b,
                "Sure. How many URLs are created a day, and what's the read to write ratio?",
            ),
            t(a, "About 100 million new URLs a day, reads are 10x writes."),
            t(
                b,
                "So 100M a day is about 1,200 writes a second, times 10 is 12k reads a second. I'd put a Redis cache in front of Postgres because reads dominate, and shard by the short code later.",
            ),
            t(a, "How do you generate the codes?"),
            t(
                b,
                "A counter per range handed out by a coordinator, base62 encoded, instead of hashing, which avoids collisions.",
            ),
        ]
    }

    #[test]
    fn the_one_who_poses_the_problem_is_the_interviewer() {
        let cast = cast(&round("Priya", "Alex"), None).unwrap();
        assert_eq!(cast.choice.name, "Alex");
        assert!(cast.choice.inferred);
        assert!(
            cast.choice.reason.contains("Priya posed the problem"),
            "{}",
            cast.choice.reason
        );
    }

    #[test]
    fn swapped_labels_follow_the_content() {
        let cast = cast(&round("Candidate", "Interviewer"), None).unwrap();
        assert_eq!(cast.choice.name, "Interviewer");
        assert!(
            cast.choice.reason.contains("swapped"),
            "{}",
            cast.choice.reason
        );
    }

    #[test]
    fn named_candidate_wins_and_unknown_name_is_an_error() {
        let cast = cast(&round("Priya", "Alex"), Some("priya")).unwrap();
        assert_eq!(cast.choice.name, "Priya");
        assert!(!cast.choice.inferred);
        let err = super::cast(&round("Priya", "Alex"), Some("Sam")).unwrap_err();
        assert!(
            err.to_string().contains("Priya, Alex") || err.to_string().contains("Alex, Priya"),
            "{err}"
        );
    }

    #[test]
    fn notes_pasted_on_top_are_set_aside() {
        let mut raw = vec![
            t("Feedback", "weak on sizing, lean no hire"),
            t("Overall", "no hire"),
        ];
        raw.extend(round("Q", "A"));
        let cast = cast(&raw, None).unwrap();
        assert_eq!(cast.choice.name, "A");
        assert_eq!(cast.interviewers, vec!["q".to_string()]);
    }

    #[test]
    fn one_speaker_is_an_error() {
        let raw = vec![t("Alex", "I'd use Kafka."), t("Alex", "And Redis.")];
        assert!(matches!(cast(&raw, None), Err(InputError::OneSpeaker(_))));
    }
}
