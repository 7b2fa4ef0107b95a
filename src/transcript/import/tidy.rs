//! The last pass over imported turns, whatever the format: empty turns dropped, runs by one
//! speaker merged, wall-clock times made relative to the round's start.

use std::time::Duration;

use super::{ImportedTurn, label};

/// A first timestamp later than this is taken as a wall clock (`14:03:10`), and times are made
/// relative to it so the round starts at zero.
const WALL_CLOCK_AFTER: Duration = Duration::from_secs(10 * 60);

/// Drops empty turns and merges runs by one speaker (Zoom splits a sentence across cues; notes
/// split a long answer into paragraphs), keeping the first turn's time and line.
pub(super) fn merge(turns: Vec<ImportedTurn>, sep: char) -> Vec<ImportedTurn> {
    let mut out: Vec<ImportedTurn> = Vec::with_capacity(turns.len());
    for mut t in turns {
        t.text = t.text.trim().to_string();
        if t.text.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(prev) if label::key(&prev.speaker) == label::key(&t.speaker) => {
                prev.text.push(sep);
                prev.text.push_str(&t.text);
                prev.at = prev.at.or(t.at);
            }
            _ => out.push(t),
        }
    }
    out
}

/// Makes wall-clock times relative: when the first time is past [`WALL_CLOCK_AFTER`], it becomes
/// zero and the rest follow. A time before it is a call that crossed midnight (when the first
/// time is in the afternoon or later) or a transcriber's slip (then zero): never an underflow.
pub(super) fn rebase(turns: &mut [ImportedTurn]) {
    const DAY: Duration = Duration::from_secs(24 * 3600);
    let Some(first) = turns.iter().find_map(|t| t.at) else {
        return;
    };
    if first <= WALL_CLOCK_AFTER {
        return;
    }
    for at in turns.iter_mut().filter_map(|t| t.at.as_mut()) {
        *at = match at.checked_sub(first) {
            Some(d) => d,
            None if first >= DAY / 2 => (*at + DAY).saturating_sub(first),
            None => Duration::ZERO,
        };
    }
}

/// A jump back in time larger than this is the clock restarting (a recording in parts, a
/// transcriber resetting its counter), not a slip.
const RESTART_AFTER: Duration = Duration::from_secs(60);

/// Makes times that restart mid-file run on: after a jump back of more than [`RESTART_AFTER`],
/// later times are shifted so the restarted part begins where the earlier part reached. Returns
/// the lines where the clock restarted.
pub(super) fn continue_restarts(turns: &mut [ImportedTurn]) -> Vec<usize> {
    let mut restarts = Vec::new();
    let mut offset = Duration::ZERO;
    let mut reached = Duration::ZERO;
    for t in turns.iter_mut() {
        let Some(at) = t.at.as_mut() else { continue };
        let shifted = *at + offset;
        if shifted + RESTART_AFTER < reached {
            // The part begins where the last one reached.
            offset = reached.saturating_sub(*at);
            restarts.push(t.line);
        }
        *at += offset;
        reached = reached.max(*at);
    }
    restarts
}

/// Backchannel words a listener drops into the middle of someone's sentence.
const BACKCHANNEL_WORDS: usize = 3;

/// Rejoins a turn split mid-sentence by the other speaker's backchannel ("so we shard by the" /
/// "Mm-hmm." / "user id."): the two halves become one turn and the backchannel follows it.
/// Returns how many turns were rejoined.
pub(super) fn rejoin(turns: &mut Vec<ImportedTurn>) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i + 2 < turns.len() {
        let same = label::key(&turns[i].speaker) == label::key(&turns[i + 2].speaker);
        // Cut mid-sentence: a sentence under way with no end, and the rest goes on in lower case.
        let head = turns[i].text.trim_end();
        let mid_sentence = head.split_whitespace().count() >= 4
            && !head.ends_with(['.', '?', '!', '…', '"', '”', ')', ':'])
            && turns[i + 2].text.starts_with(char::is_lowercase);
        let short = turns[i + 1].text.split_whitespace().count() <= BACKCHANNEL_WORDS;
        if same && mid_sentence && short {
            let tail = turns.remove(i + 2);
            let head = &mut turns[i];
            head.text.push(' ');
            head.text.push_str(&tail.text);
            head.at = head.at.or(tail.at);
            n += 1;
            // The backchannel now sits between this turn and the next: merge it on if the next
            // is the same listener speaking again.
            if i + 2 < turns.len()
                && label::key(&turns[i + 1].speaker) == label::key(&turns[i + 2].speaker)
            {
                let next = turns.remove(i + 2);
                let b = &mut turns[i + 1];
                b.text.push(' ');
                b.text.push_str(&next.text);
            }
            continue;
        }
        i += 1;
    }
    n
}
