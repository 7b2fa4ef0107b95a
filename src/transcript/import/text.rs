//! Plain-text and Markdown transcripts: `Name: text` lines with the timestamps and decorations real
//! exports and hand-written notes put around them, continuation lines, and Otter/Teams style
//! `Jane Doe  0:03` header lines with the words below.
//!
//! Two passes: the first classifies every line and collects the speaker-shaped labels, so the
//! second can ask the [`Roster`] whether a label recurs before letting it start a turn.

use std::time::Duration;

use super::label::{self, Label, Roster, Style};
use super::variants::Canon;
use super::{ImportedTurn, stamp};

/// What the text parser found.
pub(super) struct Parsed {
    /// The turns, unmerged, in order.
    pub turns: Vec<ImportedTurn>,
    /// Non-dialogue lines left out, as (0-based line index, words on it).
    pub skipped: Vec<(usize, usize)>,
    /// Whether most turns were written with Markdown decoration (bold or quoted labels).
    pub markdown: bool,
}

/// One classified line.
enum Line<'a> {
    Blank,
    /// A heading, a rule, or a notes heading: ends the turn, and what follows is not dialogue.
    Break,
    /// `Note: words`, `PS: words`: inside a turn it is what the speaker said (people dictate
    /// "note:" and transcribers keep it); after a gap or outside any turn, a notes heading.
    Aside(&'a str),
    /// A timestamp alone on its line: the time of the next turn.
    Stamp(Duration),
    /// A line with a speaker-shaped label.
    Speaker(Cand<'a>),
    /// Anything else; `bullet` when it is a list item.
    Text {
        text: &'a str,
        bullet: bool,
    },
}

/// A speaker-shaped line, before the roster has its say.
struct Cand<'a> {
    label: String,
    key: String,
    style: Style,
    at: Option<Duration>,
    /// The words after the label.
    said: &'a str,
    /// The whole line, kept as text if the label is not accepted.
    whole: &'a str,
}

/// Scans at most this many bytes for a label's colon: labels are short, lines may be huge.
const LABEL_SCAN: usize = 120;

/// Parses a text or Markdown transcript. `lines` are the file's lines, line endings removed;
/// `named` are the keys of speakers the user named (`--candidate`), taken as speakers whatever
/// their label looks like or however rarely they speak.
pub(super) fn parse(lines: &[&str], named: &[String]) -> Parsed {
    let mut classified: Vec<Line> = lines.iter().map(|l| classify(l, named)).collect();
    // One person, one label: fold first names, badges and role asides before the roster counts.
    let canon = Canon::new(classified.iter().filter_map(|l| match l {
        Line::Speaker(c) => Some(c.label.as_str()),
        _ => None,
    }));
    for line in &mut classified {
        if let Line::Speaker(c) = line {
            c.label = canon.label(&c.label);
            c.key = label::key(&c.label);
        }
    }
    let named: Vec<String> = named.iter().map(|k| label::key(&canon.label(k))).collect();
    let roster = Roster::new(classified.iter().filter_map(|l| match l {
        Line::Speaker(c) => Some((c.key.as_str(), c.style)),
        _ => None,
    }));
    // Whether the next non-blank line is a list item, for the "label over a list is a heading"
    // rule; computed backwards once so the lookahead stays linear.
    let mut next_bullet = vec![false; classified.len()];
    let mut upcoming = false;
    for (i, line) in classified.iter().enumerate().rev() {
        next_bullet[i] = upcoming;
        match line {
            Line::Blank => {}
            Line::Text { bullet, .. } => upcoming = *bullet,
            Line::Speaker(c) => upcoming = c.style == Style::Bullet,
            _ => upcoming = false,
        }
    }

    let mut turns: Vec<ImportedTurn> = Vec::new();
    let mut skipped: Vec<(usize, usize)> = Vec::new();
    let words = |i: usize| lines[i].split_whitespace().count();
    let mut decorated = 0;
    // Whether the lines now being read belong to the last turn: false before the first turn and
    // after a heading or a notes block, whose lines are not dialogue.
    let mut open = false;
    let mut gap = false;
    let mut pending: Option<Duration> = None;
    for (i, line) in classified.into_iter().enumerate() {
        let (text, list_item) = match line {
            Line::Blank => {
                gap = true;
                continue;
            }
            Line::Break => {
                skipped.push((i, words(i)));
                open = false;
                continue;
            }
            Line::Aside(text) if open && !gap => (text, false),
            Line::Aside(_) => {
                skipped.push((i, words(i)));
                open = false;
                continue;
            }
            Line::Stamp(at) => {
                pending = Some(at);
                continue;
            }
            Line::Speaker(c) if roster.accepts(&c.key, c.style) || named.contains(&c.key) => {
                if c.said.is_empty() && next_bullet[i] {
                    // `Candidate:` over a list is a heading, not a speaker.
                    skipped.push((i, words(i)));
                    open = false;
                    continue;
                }
                if matches!(c.style, Style::Bold | Style::Quote) {
                    decorated += 1;
                }
                turns.push(ImportedTurn {
                    speaker: c.label,
                    text: c.said.to_string(),
                    at: c.at.or(pending.take()),
                    line: i + 1,
                });
                pending = None;
                open = true;
                gap = false;
                continue;
            }
            Line::Speaker(c) => (c.whole, c.style == Style::Bullet),
            Line::Text { text, bullet } => (text, bullet),
        };
        match turns.last_mut() {
            Some(turn) if open => {
                if !turn.text.is_empty() {
                    // Wrapped lines join with a space; paragraphs and list items keep their break.
                    turn.text.push(if gap || list_item { '\n' } else { ' ' });
                }
                turn.text.push_str(text);
                gap = false;
            }
            _ => skipped.push((i, words(i))),
        }
    }
    Parsed {
        markdown: decorated * 2 > turns.len(),
        turns,
        skipped,
    }
}

/// Classifies one line; a label in `named` is a speaker whatever its shape.
fn classify<'a>(raw: &'a str, named: &[String]) -> Line<'a> {
    let t = raw.trim();
    if t.is_empty() {
        return Line::Blank;
    }
    // Export boilerplate ("Transcribed by https://otter.ai") ends the dialogue like a rule.
    if is_heading_or_rule(t) || starts_with_ignore_case(t, "transcribed by ") {
        return Line::Break;
    }
    if let Some(at) = stamp::parse_bracketed(t) {
        return Line::Stamp(at);
    }
    let mut body = t;
    let mut quoted = false;
    while let Some(rest) = body.strip_prefix('>') {
        body = rest.trim_start();
        quoted = true;
    }
    let bullet = strip_bullet(body);
    if let Some(rest) = bullet {
        body = rest;
    }
    let text = Line::Text {
        text: t,
        bullet: bullet.is_some(),
    };
    let (head, said, bold) = match split_bold(body) {
        Some((head, said)) => (head, said, true),
        None => match split_colon(body) {
            Some((head, said)) => (head, said, false),
            None => return header_line(body, t, quoted || bullet.is_some()).unwrap_or(text),
        },
    };
    let Some((at, name)) = split_head(head) else {
        return text;
    };
    let verdict = match label::classify(name) {
        Label::Not | Label::Note if named.contains(&label::key(&label::normalise(name))) => {
            Label::Speaker(label::normalise(name))
        }
        other => other,
    };
    match verdict {
        Label::Speaker(label) => Line::Speaker(Cand {
            key: label::key(&label),
            label,
            style: if bold {
                Style::Bold
            } else if bullet.is_some() {
                Style::Bullet
            } else if quoted {
                Style::Quote
            } else if at.is_some() {
                Style::Timed
            } else {
                Style::Plain
            },
            at,
            said,
            whole: t,
        }),
        Label::Note
            if bullet.is_none()
                && !said.is_empty()
                && !quoted
                && label::is_aside(name)
                && !label::about_the_recording(said) =>
        {
            Line::Aside(t)
        }
        Label::Note if bullet.is_none() => Line::Break,
        Label::Note | Label::Not => text,
    }
}

/// A label line with its time and the words below (`Jane Doe  0:03`, Otter and Teams), or a
/// bracketed name then a time (`[Jane Doe] 14:03:10 words`, Zoom's saved captions).
fn header_line<'a>(body: &'a str, whole: &'a str, decorated: bool) -> Option<Line<'a>> {
    if decorated {
        return None;
    }
    let (name, at, said) = if let Some(rest) = body.strip_prefix('[')
        && let Some((name, after)) = rest.split_once(']')
    {
        let after = after.trim_start();
        let (time, said) = after.split_once(char::is_whitespace).unwrap_or((after, ""));
        (name, stamp::parse(time)?, said.trim())
    } else {
        if body.len() > LABEL_SCAN {
            return None;
        }
        let (name, time) = body.rsplit_once(char::is_whitespace)?;
        (name, stamp::parse_bracketed(time)?, "")
    };
    match label::classify(name) {
        Label::Speaker(label) => Some(Line::Speaker(Cand {
            key: label::key(&label),
            label,
            style: if said.is_empty() {
                Style::Header
            } else {
                Style::Timed
            },
            at: Some(at),
            said,
            whole,
        })),
        _ => None,
    }
}

/// Whether `t` starts with an ASCII `prefix`, ignoring case.
fn starts_with_ignore_case(t: &str, prefix: &str) -> bool {
    t.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Markdown headings (`# Mock interview`) and rules (`---`, `***`, `===`).
fn is_heading_or_rule(t: &str) -> bool {
    let heading = t.starts_with('#') && t.trim_start_matches('#').starts_with([' ', '\t']);
    let rule = t.len() >= 3
        && t.chars().all(|c| matches!(c, '-' | '=' | '*' | '_' | ' '))
        && t.chars().filter(|c| *c != ' ').count() >= 3;
    heading || t == "#" || rule
}

/// The rest of a list item (`- `, `* `, `+ `, `• `, `– `, `1. `, `2) `), or `None`.
fn strip_bullet(t: &str) -> Option<&str> {
    for marker in ["- ", "* ", "+ ", "• ", "– ", "— "] {
        if let Some(rest) = t.strip_prefix(marker) {
            return Some(rest.trim_start());
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &t[digits..];
    (digits > 0 && digits <= 3)
        .then(|| rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")))
        .flatten()
        .map(str::trim_start)
}

/// `**Name:** text` or `**Name**: text` (also with `__`): the label part and the words.
fn split_bold(body: &str) -> Option<(&str, &str)> {
    let marker = ["**", "__"].into_iter().find(|m| body.starts_with(m))?;
    let inner_and_rest = &body[2..];
    let end = inner_and_rest.find(marker).filter(|&e| e <= LABEL_SCAN)?;
    let inner = inner_and_rest[..end].trim();
    let rest = &inner_and_rest[end + 2..];
    if let Some(head) = inner.strip_suffix(':').or_else(|| inner.strip_suffix('：')) {
        Some((head, rest.trim()))
    } else {
        let rest = rest.trim_start();
        let said = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))?;
        Some((inner, said.trim()))
    }
}

/// Splits `head: words` at the first colon that ends a label: one followed by whitespace or the
/// end of the line. Colons inside times (`10:30`, `[00:01:23]`) and URLs (`http://`) are passed.
fn split_colon(body: &str) -> Option<(&str, &str)> {
    for (i, c) in body.char_indices() {
        if i > LABEL_SCAN {
            return None;
        }
        if c == ':' || c == '：' {
            let after = &body[i + c.len_utf8()..];
            if after.is_empty() || after.starts_with(char::is_whitespace) || c == '：' {
                return Some((&body[..i], after.trim()));
            }
        }
    }
    None
}

/// Splits a label part into its optional timestamp and the name: `[12:04] Jane`,
/// `00:01:23 Jane`, `Jane (00:01:23)`, `Jane [12:04]`, or just `Jane`.
fn split_head(head: &str) -> Option<(Option<Duration>, &str)> {
    let head = head.trim();
    if head.is_empty() {
        return None;
    }
    // A leading time: bracketed, or the first word.
    if let Some(close) = match head.as_bytes()[0] {
        b'[' => head.find(']'),
        b'(' => head.find(')'),
        _ => None,
    } && let Some(at) = stamp::parse(&head[1..close])
    {
        return Some((Some(at), head[close + 1..].trim()));
    }
    if let Some((first, rest)) = head.split_once(char::is_whitespace)
        && let Some(at) = stamp::parse(first)
    {
        return Some((Some(at), rest.trim()));
    }
    // A trailing time in brackets.
    if let Some(open) = match head.as_bytes()[head.len() - 1] {
        b']' => head.rfind('['),
        b')' => head.rfind('('),
        _ => None,
    } && let Some(at) = stamp::parse(&head[open + 1..head.len() - 1])
    {
        return Some((Some(at), head[..open].trim()));
    }
    // `[SPEAKER_00]: text`, as diarisation tools write it.
    let name = head.strip_prefix('[').and_then(|h| h.strip_suffix(']'));
    Some((None, name.unwrap_or(head)))
}
