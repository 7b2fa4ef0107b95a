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

/// What a per-turn check asks for: something to be said, or something never to be said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Something must be said: `any` by default, and an empty scope fails.
    Positive,
    /// Something must never be said: `all` by default, and an empty scope holds.
    Prohibition,
}

/// Applies `ok` to the turns in `scope`: `any` passes when one does, `all` when every one does
/// (the scope's own `match` wins over the kind's default). `what` completes the failure message.
pub fn per_turn(
    scope: &Scope,
    turns: &[Turn],
    kind: Kind,
    ok: impl Fn(&Turn) -> bool,
    what: &str,
) -> Verdict {
    let picked = scope.select(turns);
    let m = scope.match_.unwrap_or(match kind {
        Kind::Positive => Match::Any,
        Kind::Prohibition => Match::All,
    });
    if picked.is_empty() {
        // Nothing to read: a positive check fails loudly (its turns never came), a prohibition holds.
        return match kind {
            Kind::Positive => Verdict::fail(format!("no {} in the round", scope.describe())),
            Kind::Prohibition => Verdict::pass(),
        };
    }
    match m {
        Match::Any => {
            if picked.iter().any(|t| ok(t)) {
                Verdict::pass()
            } else {
                let first = picked.first().map(|t| quote(t)).unwrap_or_default();
                Verdict::fail(format!(
                    "no {} did {what} (first: {first})",
                    scope.describe()
                ))
            }
        }
        Match::All => match picked.iter().find(|t| !ok(t)) {
            None => Verdict::pass(),
            Some(t) => Verdict::fail(format!("{} did not {what}: {}", scope.describe(), quote(t))),
        },
    }
}
