//! The level a call was pitched at, as the two people said it while setting up: "what level are
//! you applying at?" / "I'm targeting principal", "level is mid level", "we're going for E5".
//!
//! Real mock interviews open with this level-setting, and the interviewer judges against it; an
//! imported transcript carries no header, so without this every import was judged at senior.
//! Only the set-up talk before the round and its first turns are read, and only what names the
//! level *sought*: a current job title ("I work as a staff engineer") says nothing about it.

use std::sync::LazyLock;

use regex::Regex;

use crate::question::Level;

use super::input::{Dialogue, DialogueTurn, Role};

/// A level term, with the level it names. Company ladders: L3/L4 and E3/E4 and SDE I/II are
/// mid; L5/E5, SDE III and Microsoft 63/64 are senior; L6/E6 and up, staff and principal (and
/// Microsoft 65 to 67) are staff and up; director, distinguished and VP are director.
static TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:
            (?P<director>director|distinguished|vp)
          | (?P<staff>staff|principal|(?:l|e|ic|level\s?)[6-9]|l\s?6[5-9])
          | (?P<senior>senior|(?:l|e|ic|level\s?)5|sde\s?(?:iii|3)|l\s?6[34])
          | (?P<mid>mid[-\s]?level|mid|junior|entry[-\s]level|new\s?grad|(?:l|e|ic|level\s?)[34]|sde\s?(?:ii|2|i|1)|l\s?6[0-2])
        )\b",
    )
    .expect("level term pattern")
});

/// The candidate saying what they seek: "I'm targeting", "applying for", "going for", "level is".
static SEEKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:target\w*|aim\w*|apply\w*|going for|interview\w* for|shooting for|looking (?:at|for)|hoping for|up for|level (?:is|would be|i'm|i am|we're)|for (?:an? |the )?(?:\w+ )?(?:role|position|level))\b",
    )
    .expect("seeking pattern")
});

/// The interviewer asking which level: "what level are you applying at?", "are you going for a
/// senior position?", "I'm assuming you're going for staff roles".
static ASKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:what|which) (?:level|position|role)\b|\blevel (?:are|were) you\b|\b(?:going|applying|interviewing|targeting) (?:for|at)\b|\blevel set",
    )
    .expect("asking pattern")
});

/// How far into the round proper level-setting may still come (turns).
const EARLY_TURNS: usize = 12;

/// How far into a reply to "which level?" the level may sit (bytes): the answer comes first.
const ANSWER_SPAN: usize = 240;

/// The level the call was pitched at, as said while setting up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedLevel {
    /// The level named.
    pub level: Level,
    /// Where: "line 25", else "turn 7".
    pub at: String,
    /// The words that named it (a short excerpt of the turn).
    pub quote: String,
}

/// The level named in the set-up talk of `d`, if any: the candidate's answer to the
/// interviewer's "which level?", else a candidate sentence that says what they seek. The first
/// level named wins ("senior, and eventually staff" is senior).
pub fn stated_level(d: &Dialogue) -> Option<StatedLevel> {
    let first = d.turns.first().map_or(usize::MAX, |t| t.n);
    let early: Vec<&DialogueTurn> = d
        .outside
        .iter()
        .filter(|t| t.n < first)
        .chain(d.turns.iter().take(EARLY_TURNS))
        .collect();
    for (k, t) in early.iter().enumerate() {
        if t.role != Role::Candidate {
            continue;
        }
        let asked =
            k > 0 && early[k - 1].role == Role::Interviewer && ASKS.is_match(&early[k - 1].text);
        let found = if asked {
            first_term(&t.text, ANSWER_SPAN)
        } else {
            sought(&t.text)
        };
        if let Some((level, at)) = found {
            return Some(StatedLevel {
                level,
                at: t
                    .line
                    .map_or_else(|| format!("turn {}", t.n), |l| format!("line {l}")),
                quote: excerpt(&t.text, at),
            });
        }
    }
    None
}

/// The first level term within `span` bytes of `text`, and where it starts.
fn first_term(text: &str, span: usize) -> Option<(Level, usize)> {
    let c = TERM.captures(text)?;
    let m = c.get(0)?;
    (m.start() <= span).then(|| (level_of(&c), m.start()))
}

/// A level term that follows a "seeking" phrase in the same sentence, within a few words.
fn sought(text: &str) -> Option<(Level, usize)> {
    for s in SEEKS.find_iter(text) {
        let rest = &text[s.end()..];
        let window_end = rest
            .find(['.', '?', '!'])
            .unwrap_or(rest.len())
            .min(rest.char_indices().nth(60).map_or(rest.len(), |(i, _)| i));
        if let Some(c) = TERM.captures(&rest[..window_end]) {
            return Some((level_of(&c), s.end() + c.get(0)?.start()));
        }
    }
    None
}

fn level_of(c: &regex::Captures<'_>) -> Level {
    if c.name("director").is_some() {
        Level::Director
    } else if c.name("staff").is_some() {
        Level::Staff
    } else if c.name("senior").is_some() {
        Level::Senior
    } else {
        Level::Mid
    }
}

/// Up to about 60 characters of `text` around byte `at`, on char boundaries.
fn excerpt(text: &str, at: usize) -> String {
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(30)
        .map_or(0, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .nth(40)
        .map_or(text.len(), |(i, _)| at + i);
    let mut s = text[start..end].trim().to_string();
    if start > 0 {
        s.insert(0, '…');
    }
    if end < text.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::critique::input::RawTurn;

    fn level(turns: &[(Role, &str)]) -> Option<Level> {
        let raw = turns
            .iter()
            .map(|(r, t)| RawTurn {
                speaker: if *r == Role::Candidate { "C" } else { "I" }.into(),
                text: (*t).into(),
                at: None,
                line: None,
            })
            .collect();
        let d = Dialogue::from_raw(raw, Some("C"), 0).unwrap();
        stated_level(&d).map(|s| s.level)
    }

    #[test]
    fn the_answer_to_which_level_sets_it_not_the_current_title() {
        use Role::*;
        assert_eq!(
            level(&[
                (
                    Candidate,
                    "I'm currently working as a staff engineer, 13 years in."
                ),
                (Interviewer, "Great. What level are you applying at?"),
                (Candidate, "So I am targeting principal at the moment."),
            ]),
            Some(Level::Staff)
        );
        assert_eq!(
            level(&[
                (
                    Interviewer,
                    "I assume you're going for staff or senior roles?"
                ),
                (Candidate, "Senior engineer. Yes. And eventually staff."),
            ]),
            Some(Level::Senior)
        );
        assert_eq!(
            level(&[
                (Interviewer, "Tell me a bit about yourself."),
                (Candidate, "four years of experience and level is mid level"),
            ]),
            Some(Level::Mid)
        );
        assert_eq!(
            level(&[
                (Interviewer, "Tell me a bit about yourself."),
                (Candidate, "I'm aiming for E6 at Meta, maybe E5."),
            ]),
            Some(Level::Staff)
        );
    }

    #[test]
    fn a_title_or_a_high_level_design_names_no_level() {
        use Role::*;
        assert_eq!(
            level(&[
                (Candidate, "I'm a senior engineer at a fintech."),
                (Interviewer, "Let's start with the high level design."),
                (Candidate, "Sure, at a high level there are three services."),
            ]),
            None
        );
    }
}
