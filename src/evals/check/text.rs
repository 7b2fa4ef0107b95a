//! Per-turn checks: the turns in scope, any or all of which must satisfy a predicate.

use crate::analysis::{Utterance, analyze_turn};
use crate::transcript::Turn;

use super::super::case::Match;
use super::super::scope::Scope;
use super::{Verdict, quote};

/// Whether the shared analysis reads a question in the turn.
pub fn asks_question(t: &Turn) -> bool {
    let signals = analyze_turn(&Utterance {
        turn: t.n,
        at: t.at,
        text: &t.text,
    });
    !signals.questions.is_empty()
}

/// Applies `ok` to the turns in `scope`: `any` passes when one does, `all` when every one does
/// (the scope's own `match` wins over `default`). `what` completes "no turn did ..." messages.
pub fn per_turn(
    scope: &Scope,
    turns: &[Turn],
    default: Match,
    ok: impl Fn(&Turn) -> bool,
    what: &str,
) -> Verdict {
    let picked = scope.select(turns);
    let m = scope.match_.unwrap_or(default);
    if picked.is_empty() {
        // Nothing to read: a positive check fails loudly, a prohibition holds.
        return match m {
            Match::Any => Verdict::fail(format!("no {} in the round", scope.describe())),
            Match::All => Verdict::pass(),
        };
    }
    match m {
        Match::Any => {
            if picked.iter().any(|t| ok(t)) {
                Verdict::pass()
            } else {
                let first = picked.first().map(|t| quote(t)).unwrap_or_default();
                Verdict::fail(format!("no {} did {what} (first: {first})", scope.describe()))
            }
        }
        Match::All => match picked.iter().find(|t| !ok(t)) {
            None => Verdict::pass(),
            Some(t) => Verdict::fail(format!("{} did not {what}: {}", scope.describe(), quote(t))),
        },
    }
}
