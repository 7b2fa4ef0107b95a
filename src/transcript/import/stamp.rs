//! Timestamps as transcripts write them: `0:03`, `12:04`, `00:01:23`, `1:02:03.450`, and the cue
//! forms `00:00:01.000` (WebVTT) and `00:00:01,000` (SRT).

use std::time::Duration;

/// Parses `[h:]mm:ss` with an optional `.fff` or `,fff` fraction. Anything else, including
/// out-of-range fields (`12:75`), is `None`: a line that only looks like a time must not become one.
pub(super) fn parse(s: &str) -> Option<Duration> {
    let s = s.trim();
    let (clock, frac) = match s.find(['.', ',']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mut fields = [0u64; 3];
    let mut n = 0;
    for part in clock.split(':') {
        // The first field may run past 59 (`75:10` in a long recording); the others are two digits.
        let width_ok = if n == 0 {
            (1..=3).contains(&part.len())
        } else {
            part.len() == 2
        };
        if n == 3 || !width_ok || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        fields[n] = part.parse().ok()?;
        n += 1;
    }
    let (h, m, sec) = match n {
        2 => (0, fields[0], fields[1]),
        3 if fields[1] < 60 => (fields[0], fields[1], fields[2]),
        _ => return None,
    };
    if sec >= 60 {
        return None;
    }
    let nanos = match frac {
        None => 0,
        Some(f) if (1..=9).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit()) => {
            f.parse::<u64>().ok()? * 10u64.pow(9 - f.len() as u32)
        }
        Some(_) => return None,
    };
    Some(Duration::from_secs(h * 3600 + m * 60 + sec) + Duration::from_nanos(nanos))
}

/// Parses a time that may sit in one pair of brackets: `[12:04]`, `(00:01:23)` or bare `0:03`.
pub(super) fn parse_bracketed(s: &str) -> Option<Duration> {
    let s = s.trim();
    let inner = s
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .or_else(|| s.strip_prefix('(').and_then(|r| r.strip_suffix(')')))
        .unwrap_or(s);
    parse(inner)
}

/// The start time of a cue timing line (`00:00:01.000 --> 00:00:04.000 align:start`): `None` when
/// the line is not a timing line, `Some(None)` when it is one whose start does not parse (a torn or
/// hand-edited file: the cue is kept, untimed).
pub(super) fn cue_start(line: &str) -> Option<Option<Duration>> {
    let (start, _) = line.split_once("-->")?;
    let start = start.trim();
    // Only digits and separators before the arrow: `A --> B` in someone's speech is not a cue.
    let timing_like = !start.is_empty()
        && start.len() <= 16
        && start
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b':' | b'.' | b','));
    timing_like.then(|| parse(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_common_forms() {
        assert_eq!(parse("0:03"), Some(Duration::from_secs(3)));
        assert_eq!(parse("12:04"), Some(Duration::from_secs(724)));
        assert_eq!(parse("00:01:23"), Some(Duration::from_secs(83)));
        assert_eq!(parse("1:02:03.450"), Some(Duration::from_millis(3_723_450)));
        assert_eq!(parse("00:00:01,5"), Some(Duration::from_millis(1_500)));
        assert_eq!(parse("75:10"), Some(Duration::from_secs(4510)));
        assert_eq!(parse_bracketed("[12:04]"), Some(Duration::from_secs(724)));
        assert_eq!(parse_bracketed("(00:01:23)"), Some(Duration::from_secs(83)));
    }

    #[test]
    fn rejects_what_only_looks_like_a_time() {
        for s in [
            "", "12", "12:7", "12:75", "1:60:00", "a:bc", "1:2:3:4", "10:30pm", "1:00.x",
        ] {
            assert_eq!(parse(s), None, "{s}");
        }
        assert_eq!(cue_start("client --> gateway"), None);
        assert_eq!(cue_start("00:0x --> 00:01"), None);
        assert_eq!(cue_start("00:00:99.000 --> 00:01:00.000"), Some(None));
    }
}
