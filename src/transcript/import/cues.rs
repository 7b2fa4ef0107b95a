//! WebVTT and SRT captions: timed cues, the speaker in a `<v Name>` voice tag (Teams), a
//! `Name: text` prefix (Zoom), `[Name]` or `- Name:` (SRT). A cue without a speaker continues the
//! one before; merging the runs happens in the caller.
//!
//! Read line by line rather than block by block: real files lose or double their blank lines,
//! and a timing line is unmistakable wherever it falls.

use std::sync::LazyLock;
use std::time::Duration;

use regex::Regex;

use super::label::{self, Label, Roster, Style};
use super::{ImportedTurn, stamp};

/// What the cue parser found.
pub(super) struct Parsed {
    /// The turns, unmerged, in order.
    pub turns: Vec<ImportedTurn>,
    /// Non-dialogue lines left out: NOTE blocks, text before the first named speaker, sound cues.
    pub skipped: usize,
    /// How many cues there were, to tell "no cues" from "no speakers".
    pub cues: usize,
}

/// A speaker a line names.
struct Who {
    label: String,
    key: String,
    /// Named by a voice tag, so no roster check.
    explicit: bool,
}

/// One line of cue text, its speaker worked out.
struct Segment {
    /// The speaker, if the line names one.
    speaker: Option<Who>,
    /// The words, tags stripped.
    said: String,
    /// The whole line, tags stripped, kept as text if the label is not accepted.
    whole: String,
    at: Option<Duration>,
    line: usize,
}

/// A voice span: `<v Name>` or `<v.class Name>`.
static VOICE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<v(?:\.[^\s>]*)?\s+([^>]*)>").expect("valid regex"));

/// Markup to drop: `<i>`, `</v>`, `<c.yellow>`, `<font color=...>`, karaoke times `<00:00:01.000>`.
/// A `<` followed by a space ("latency < 200ms") is text, not a tag.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"</?[A-Za-z][^<>]{0,200}>|</[A-Za-z]*>|<\d{1,2}(?::\d{2}){1,2}[.,]\d{1,3}>")
        .expect("valid regex")
});

/// Parses cues. `vtt` turns on the WebVTT header, NOTE/STYLE/REGION blocks and voice tags.
pub(super) fn parse(lines: &[&str], vtt: bool) -> Parsed {
    let mut segments: Vec<Segment> = Vec::new();
    let mut skipped = 0;
    let mut cues = 0;
    // The start of the last cue; text after a blank line with no timing of its own (a blank line
    // inside a cue, common in hand-edited files) still belongs to it.
    let mut start: Option<Option<Duration>> = None;
    // In the WebVTT header (its first block), or in a NOTE (`Some(true)`, counted) or
    // STYLE/REGION (`Some(false)`) block.
    let mut in_header = vtt;
    let mut in_block: Option<bool> = None;
    let mut after_blank = true;
    let is_timing = |i: usize| {
        lines
            .get(i)
            .and_then(|l| stamp::cue_start(l.trim()))
            .is_some()
    };
    for (i, raw) in lines.iter().enumerate() {
        let t = raw.trim();
        if t.is_empty() {
            in_header = false;
            in_block = None;
            after_blank = true;
            continue;
        }
        let was_after_blank = std::mem::replace(&mut after_blank, false);
        if let Some(at) = stamp::cue_start(t) {
            cues += 1;
            start = Some(at);
            in_header = false;
            in_block = None;
            continue;
        }
        if in_header {
            continue;
        }
        if let Some(counted) = in_block {
            skipped += usize::from(counted);
            continue;
        }
        if vtt && was_after_blank {
            let word = t.split_whitespace().next().unwrap_or_default();
            if matches!(word, "NOTE" | "STYLE" | "REGION") {
                in_block = Some(word == "NOTE");
                skipped += usize::from(word == "NOTE");
                continue;
            }
        }
        // A cue identifier (any line after a blank in WebVTT, a number in SRT) before its timing.
        if (was_after_blank || t.bytes().all(|b| b.is_ascii_digit())) && is_timing(i + 1) {
            continue;
        }
        match start {
            // Text before any cue: a title or a stray line.
            None => skipped += 1,
            Some(at) => {
                let before = segments.len();
                split_line(&mut segments, t, vtt, at, i + 1);
                // Sound cues (`[MUSIC]`) and empty tag-only lines add nothing.
                skipped += usize::from(segments.len() == before && !t.starts_with('<'));
            }
        }
    }

    let roster = Roster::new(segments.iter().filter_map(|s| match &s.speaker {
        Some(sp) if !sp.explicit => Some((sp.key.as_str(), Style::Plain)),
        _ => None,
    }));
    let mut turns: Vec<ImportedTurn> = Vec::new();
    for seg in segments {
        match seg.speaker {
            Some(sp) if sp.explicit || roster.accepts(&sp.key, Style::Plain) => {
                turns.push(ImportedTurn {
                    speaker: sp.label,
                    text: seg.said,
                    at: seg.at,
                    line: seg.line,
                })
            }
            _ => match turns.last_mut() {
                Some(turn) => {
                    if !turn.text.is_empty() && !seg.whole.is_empty() {
                        turn.text.push(' ');
                    }
                    turn.text.push_str(&seg.whole);
                }
                None => skipped += 1,
            },
        }
    }
    Parsed {
        turns,
        skipped,
        cues,
    }
}

/// Splits one line of cue text into segments: one per voice span, or one for the line.
fn split_line(out: &mut Vec<Segment>, t: &str, vtt: bool, at: Option<Duration>, line: usize) {
    if vtt && t.contains("<v") {
        let before = out.len();
        let mut last_end = 0;
        let mut voice: Option<&str> = None;
        for cap in VOICE.captures_iter(t) {
            let (Some(m), Some(name)) = (cap.get(0), cap.get(1)) else {
                continue;
            };
            push_voice(out, voice, &t[last_end..m.start()], at, line);
            voice = Some(name.as_str());
            last_end = m.end();
        }
        push_voice(out, voice, &t[last_end..], at, line);
        if out.len() > before {
            return;
        }
    }
    let whole = clean(t);
    if whole.is_empty() || is_sound_cue(&whole) {
        return;
    }
    let body = ["- ", "– ", "-"]
        .iter()
        .find_map(|dash| whole.strip_prefix(dash))
        .unwrap_or(&whole)
        .trim_start();
    let speaker = bracket_label(body)
        .or_else(|| body.split_once(": "))
        .and_then(|(head, said)| match label::classify(head) {
            Label::Speaker(label) => Some((label, said.trim().to_string())),
            _ => None,
        });
    out.push(match speaker {
        Some((label, said)) => Segment {
            speaker: Some(Who {
                key: label::key(&label),
                label,
                explicit: false,
            }),
            said,
            whole,
            at,
            line,
        },
        None => Segment {
            speaker: None,
            said: String::new(),
            whole,
            at,
            line,
        },
    });
}

/// Adds the text of one voice span (or, with no voice, the untagged text before the first one).
fn push_voice(
    out: &mut Vec<Segment>,
    voice: Option<&str>,
    text: &str,
    at: Option<Duration>,
    line: usize,
) {
    let said = clean(text);
    // A voice tag names its speaker explicitly: Teams writes "Doe, Jane" or "Jane (Guest)", which
    // the `Name:` rules would refuse, so any non-empty name is taken as written.
    let speaker = voice
        .map(label::normalise)
        .filter(|n| !n.is_empty())
        .map(|label| Who {
            key: label::key(&label),
            label,
            explicit: true,
        });
    if speaker.is_none() && said.is_empty() {
        return;
    }
    out.push(Segment {
        speaker,
        whole: said.clone(),
        said,
        at,
        line,
    });
}

/// `[Name] text` or `[Name]: text`: the name and the words.
fn bracket_label(body: &str) -> Option<(&str, &str)> {
    let rest = body.strip_prefix('[')?;
    let (name, said) = rest.split_once(']')?;
    let said = said.strip_prefix(':').unwrap_or(said);
    (!said.trim().is_empty()).then_some((name, said))
}

/// A caption for a sound, not speech: `[MUSIC]`, `(laughs)`, `♪`.
fn is_sound_cue(t: &str) -> bool {
    let bracketed = (t.starts_with('[') && t.ends_with(']') && !t[1..].contains('['))
        || (t.starts_with('(') && t.ends_with(')') && !t[1..].contains('('));
    bracketed || t.chars().all(|c| matches!(c, '♪' | '♫' | ' '))
}

/// Drops markup and decodes the few entities captions use.
fn clean(t: &str) -> String {
    let stripped = if t.contains('<') {
        TAG.replace_all(t, "")
    } else {
        t.into()
    };
    let mut s = stripped.into_owned();
    if s.contains('&') {
        for (entity, c) in [
            ("&lt;", "<"),
            ("&gt;", ">"),
            ("&nbsp;", " "),
            ("&quot;", "\""),
            ("&apos;", "'"),
            ("&#39;", "'"),
            ("&lrm;", ""),
            ("&rlm;", ""),
            ("&amp;", "&"),
        ] {
            s = s.replace(entity, c);
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
