//! Detectors over one turn. (Being written.)

use super::{TurnSignals, Utterance};

/// Reads one candidate turn into its signals.
pub fn analyze_turn(u: &Utterance<'_>) -> TurnSignals {
    TurnSignals {
        turn: u.turn,
        at: u.at,
        words: u.text.split_whitespace().count(),
        ..TurnSignals::default()
    }
}
