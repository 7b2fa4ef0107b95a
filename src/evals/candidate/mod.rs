//! Who plays the candidate in an eval run: scripted lines, a simulated profile played offline from
//! a seed ([`profile`]), or the model playing a brief ([`llm`]).

pub mod llm;
pub mod profile;

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::llm::LlmError;
use crate::transcript::Turn;

pub use llm::{Brief, LlmCandidate};
pub use profile::{ProfilePlayer, Profiles};

/// What the candidate says next, and when (if its line fixes the time).
#[derive(Debug, Clone, PartialEq)]
pub struct Said {
    /// The words.
    pub text: String,
    /// Round time it is said at; one turn's minutes after the last when `None`.
    pub at: Option<Duration>,
}

/// The candidate of one run.
pub enum Player {
    /// Lines from the case, in order.
    Scripted {
        /// The lines with their times.
        lines: Vec<Said>,
        /// The next to say.
        next: usize,
    },
    /// A simulated profile.
    Profile(ProfilePlayer),
    /// The model playing a brief.
    Llm(Box<LlmCandidate>),
}

impl Player {
    /// Minutes a turn takes by the candidate's own pace, if it has one.
    pub fn minutes_per_turn(&self) -> Option<f64> {
        match self {
            Player::Profile(p) => p.minutes_per_turn(),
            _ => None,
        }
    }

    /// The next line given the round so far, or `None` when the candidate is done.
    pub async fn next(
        &mut self,
        turns: &[Turn],
        cancel: &CancellationToken,
    ) -> Result<Option<Said>, LlmError> {
        match self {
            Player::Scripted { lines, next } => {
                let said = lines.get(*next).cloned();
                *next += 1;
                Ok(said)
            }
            Player::Profile(p) => Ok(p.next_line().map(|text| Said { text, at: None })),
            Player::Llm(c) => Ok(c
                .next(turns, cancel)
                .await?
                .map(|text| Said { text, at: None })),
        }
    }
}
