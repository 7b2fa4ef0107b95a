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
