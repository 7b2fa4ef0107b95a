//! Who a line says is speaking. Transcripts nobody on the team wrote are full of colons that are
//! not speaker labels (`Note: ...`, `Option A: ...`, `http://`, `10:30`), so a label passes three
//! gates: its shape ([`classify`]), its meaning (not a heading word, not a filler word), and how the
//! file uses it ([`Roster`]: a real speaker recurs, in the file's usual style).

use std::collections::{HashMap, HashSet};

/// What the text before a colon is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Label {
    /// Shaped like a speaker: the label, whitespace collapsed.
    Speaker(String),
    /// A heading of pasted notes (`Feedback:`, `Action items:`): not dialogue.
    Note,
    /// Not a label at all: the line is ordinary text.
    Not,
}

/// Whole labels that head pasted notes rather than name a speaker.
#[rustfmt::skip]
const NOTE_PHRASES: &[&str] = &[
    "agenda", "answer", "attendees", "background", "company", "context", "date", "duration",
    "edit", "follow up", "follow-up", "fyi", "important", "interview", "level", "link", "location",
    "meeting", "mock interview", "next steps", "overall", "participants", "position", "problem",
    "ps", "p.s", "recording", "reminder", "result", "role", "source", "subject", "time", "title",
    "to do", "to-do", "topic", "transcript", "update", "warning", "nb", "n.b",
];

/// Last words that make a label a notes heading: "Overall feedback", "Interviewer notes".
#[rustfmt::skip]
const NOTE_HEADS: &[&str] = &[
    "assumptions", "comments", "constraints", "feedback", "highlights", "improvements", "items",
    "note", "notes", "observations", "prompt", "question", "questions", "rating", "requirements",
    "score", "strengths", "summary", "takeaways", "tip", "tips", "todo", "todos", "verdict",
    "weaknesses",
];

/// Note labels that speakers themselves say mid-turn ("Note: the queue must be durable"), as
/// opposed to headings of pasted write-ups ("Feedback:", "Summary:").
#[rustfmt::skip]
const ASIDES: &[&str] = &[
    "note", "nb", "n.b", "ps", "p.s", "fyi", "side note", "edit", "update", "reminder",
    "important", "warning", "tip", "caveat", "aside", "btw",
];

/// Whether a notes label is an aside a speaker says inside a turn.
pub(super) fn is_aside(label: &str) -> bool {
    ASIDES.contains(&key(&normalise(label)).trim_end_matches('.'))
}

/// Whether a note is about the recording rather than the system ("Note: recording paused
/// here", "NB: audio dropped", "Note: the interviewer shared a link"): an editor's note, not
/// speech.
pub(super) fn about_the_recording(said: &str) -> bool {
    static EDITORIAL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\b(?:recording|recorded|paused|resumed|transcripts?|transcription|transcriber|audio|inaudible|crosstalk|muted|unmuted|screen ?shar\w*|reconnect\w*|(?:left|joined|rejoined) the (?:call|meeting)|the (?:interviewer|candidate|interviewee)|shared (?:a|the|his|her|their) (?:\w+ )?(?:link|whiteboard|doc|document|screen))\b")
            .expect("valid regex")
    });
    EDITORIAL.is_match(said)
}

/// First words that start ordinary text, not a name: "Option A: ...", "e.g.: ...", "So: ...", and
/// the sound cues of captions (`[Laughter]`).
#[rustfmt::skip]
const NOT_FIRST: &[&str] = &[
    "also", "and", "applause", "approach", "background", "basically", "because", "blank_audio",
    "but", "case", "cf", "cough", "coughs", "crosstalk", "e.g", "eg", "etc", "example", "examples",
    "foreign", "ftp", "http", "https", "i.e", "idea", "ie", "if", "inaudible", "laughing",
    "laughs", "laughter", "like", "mailto", "music", "no", "noise", "now", "ok", "okay", "option",
    "part", "pause", "phase", "point", "right", "scenario", "silence", "so", "stage", "step",
    "the", "then", "uh", "um", "unintelligible", "vs", "well", "www", "yeah", "yes",
];

/// Role words that are a whole label: "Q", "A", "Me". Alone only: "A few things:" is speech.
#[rustfmt::skip]
const ROLE_LABELS: &[&str] = &["a", "guest", "host", "me", "q", "you"];

/// Role words a label may start with: "Interviewer 2", "Speaker 1", "SPEAKER_00", "Unknown Speaker".
#[rustfmt::skip]
const ROLE_PREFIXES: &[&str] = &[
    "candidate", "interviewee", "interviewer", "moderator", "panelist", "recruiter", "speaker", "spk",
    "unknown",
];

/// Labels longer than this are sentences with a colon in them.
const MAX_LABEL_CHARS: usize = 60;

/// Normalises a label (trimmed, inner whitespace and non-breaking spaces collapsed to one space,
/// zero-width characters dropped) and says what it is.
pub(super) fn classify(raw: &str) -> Label {
    let label = normalise(raw);
    // A short aside in brackets after the name is part of it: "Alex Chen (he/him)", as Zoom
    // writes names, or "Interviewer (Google)". The name before it must pass on its own.
    let name = label
        .strip_suffix(')')
        .and_then(|l| l.rsplit_once(" ("))
        .filter(|(_, aside)| !aside.contains(['(', ')']) && aside.chars().count() <= 30)
        .map_or(label.as_str(), |(name, _)| name);
    let words = name.split(' ').filter(|w| !w.is_empty()).count();
    let shaped = (1..=4).contains(&words)
        && label.chars().count() <= MAX_LABEL_CHARS
        && name.chars().any(char::is_alphabetic)
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_' | '\'' | '’' | '‘'));
    if !shaped {
        return Label::Not;
    }
    let key = key(name);
    // Names, roles and headings start with a capital (or a script without case); "so basically:"
    // or "fifteen minutes. Note:" is speech that happens to hold a colon.
    if label.starts_with(char::is_lowercase) && !is_role(&key) {
        return Label::Not;
    }
    let last = key.rsplit(' ').next().unwrap_or_default();
    if NOTE_PHRASES.contains(&key.trim_end_matches('.')) || NOTE_HEADS.contains(&last) {
        return Label::Note;
    }
    let first = key
        .split(' ')
        .next()
        .unwrap_or_default()
        .trim_end_matches('.');
    if NOT_FIRST.contains(&first) && !is_titled_name(name) {
        return Label::Not;
    }
    Label::Speaker(label)
}

/// Whether a label is an article before a capitalised name: "The Quiet Otter", "The Grey
/// Owl". Meeting tools hand out such pseudonyms; "The idea:" or "The problem is:" is speech,
/// so every word after the article must be capitalised (the roster still wants it to recur).
fn is_titled_name(name: &str) -> bool {
    let mut words = name.split(' ').filter(|w| !w.is_empty());
    let article = words.next().unwrap_or_default();
    let rest: Vec<&str> = words.collect();
    matches!(article, "The" | "THE")
        && !rest.is_empty()
        && rest.len() <= 3
        && rest
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
}

/// The label with whitespace collapsed and zero-width characters dropped.
pub(super) fn normalise(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for word in raw.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            word.chars()
                .filter(|c| !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')),
        );
    }
    out.trim().to_string()
}

/// The key two labels share when they name the same speaker: "INTERVIEWER" is "Interviewer".
pub(super) fn key(label: &str) -> String {
    label.to_lowercase()
}

/// Whether a key is a role: a speaker even if it appears once or in lower case.
fn is_role(key: &str) -> bool {
    let first = key.split([' ', '_']).next().unwrap_or_default();
    ROLE_LABELS.contains(&key) || ROLE_PREFIXES.contains(&first)
}

/// How a speaker line is written. A file writes its speakers one way; a label in another style
/// ("- Candidate: strong on retrieval" in a pasted feedback list) is a speaker only if that
/// speaker is already known from the file's usual style, and a bullet never is unless bullets are
/// how the file writes its dialogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Style {
    /// `Name: text`.
    Plain,
    /// A timestamp with the label: `[12:04] Name: text`, `Name (00:01:23): text`.
    Timed,
    /// Markdown bold: `**Name:** text`.
    Bold,
    /// Markdown quote: `> Name: text`.
    Quote,
    /// A label line ending in a time, the text below: `Jane Doe  0:03`.
    Header,
    /// A list item: `- Name: text`.
    Bullet,
}

/// The speakers of one file: which labels recur in its dominant style.
#[derive(Debug)]
pub(super) struct Roster {
    dominant: Style,
    speakers: HashSet<String>,
}

impl Roster {
    /// Builds the roster from every speaker-shaped label, as `(key, style)`.
    pub(super) fn new<'a>(labels: impl IntoIterator<Item = (&'a str, Style)>) -> Self {
        let mut counts: HashMap<(Style, &str), usize> = HashMap::new();
        for (key, style) in labels {
            *counts.entry((style, key)).or_default() += 1;
        }
        // A style's weight is how many of its lines carry a recurring or role label, so that ten
        // one-off `- Latency: ...` bullets do not outvote the dialogue.
        let mut weight: HashMap<Style, (usize, usize)> = HashMap::new();
        for (&(style, key), &n) in &counts {
            let w = weight.entry(style).or_default();
            if n >= 2 || is_role(key) {
                w.0 += n;
            }
            w.1 += n;
        }
        let dominant = weight
            .iter()
            .max_by_key(|&(&style, &w)| (w, std::cmp::Reverse(style)))
            .map_or(Style::Plain, |(&s, _)| s);
        let in_dominant = || counts.iter().filter(move |((s, _), _)| *s == dominant);
        let mut speakers: HashSet<String> = in_dominant()
            .filter(|&(&(_, key), &n)| n >= 2 || is_role(key))
            .map(|((_, key), _)| key.to_string())
            .collect();
        // A tiny or one-sided file has no recurring pair: then every label counts.
        if speakers.len() < 2 {
            speakers.extend(in_dominant().map(|((_, key), _)| key.to_string()));
        }
        Roster { dominant, speakers }
    }

    /// Whether a label with this key, written in this style, starts a turn.
    pub(super) fn accepts(&self, key: &str, style: Style) -> bool {
        self.speakers.contains(key) && (style != Style::Bullet || self.dominant == Style::Bullet)
    }

    /// The style most speaker lines are written in.
    #[cfg(test)]
    pub(super) fn dominant(&self) -> Style {
        self.dominant
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speaker(s: &str) -> Label {
        Label::Speaker(s.into())
    }

    #[test]
    fn names_and_roles_are_speakers() {
        for s in [
            "Interviewer",
            "Candidate",
            "Jane Doe",
            "Speaker 1",
            "INTERVIEWER",
            "Q",
            "A",
        ] {
            assert_eq!(classify(s), speaker(s), "{s}");
        }
        assert_eq!(classify("Seán O’Brien"), speaker("Seán O’Brien"));
        assert_eq!(classify(" Jane\u{a0}\u{a0}Doe "), speaker("Jane Doe"));
        assert_eq!(classify("SPEAKER_00"), speaker("SPEAKER_00"));
        assert_eq!(classify("interviewer"), speaker("interviewer"));
        assert_eq!(
            classify("Alex Chen (he/him)"),
            speaker("Alex Chen (he/him)")
        );
        assert_eq!(classify("Alex (a) (b)"), Label::Not);
    }

    #[test]
    fn headings_are_notes_and_prose_is_not_a_label() {
        for s in [
            "Feedback",
            "Notes",
            "Note",
            "Summary",
            "Action items",
            "TODO",
            "Question",
        ] {
            assert_eq!(classify(s), Label::Note, "{s}");
        }
        assert_eq!(classify("Overall feedback"), Label::Note);
        for s in [
            "http",
            "e.g.",
            "10",
            "Option A",
            "Step 2",
            "so basically",
            "a b c d e",
            "[x]",
        ] {
            assert_eq!(classify(s), Label::Not, "{s}");
        }
    }

    #[test]
    fn roster_keeps_recurring_labels_of_the_dominant_style() {
        let lines = [
            ("interviewer", Style::Plain),
            ("candidate", Style::Plain),
            ("jane", Style::Plain),
            ("jane", Style::Plain),
            ("ingestion", Style::Plain),
            ("candidate", Style::Bullet),
        ];
        let r = Roster::new(lines);
        assert_eq!(r.dominant(), Style::Plain);
        assert!(r.accepts("jane", Style::Plain) && r.accepts("jane", Style::Timed));
        assert!(!r.accepts("ingestion", Style::Plain));
        assert!(!r.accepts("candidate", Style::Bullet));
        let tiny = Roster::new([("jane", Style::Plain), ("bob", Style::Plain)]);
        assert!(tiny.accepts("bob", Style::Plain));
    }
}
