//! The interview: the turn loop ([`Round`]), the steering that presses the candidate
//! ([`steering`]), and the two interviewers behind one trait ([`Interviewer`]): the offline
//! rule-driven engine and the model-backed one. The terminal front end lives in [`terminal`].

pub mod guard;
pub mod hangup;
pub mod input;
pub mod llm;
pub mod offline;
pub mod prompt;
pub mod round;
pub mod steering;
pub mod summary;
pub mod terminal;

use std::time::Duration;

use futures::future::BoxFuture;
use tokio_util::sync::CancellationToken;

use crate::analysis::Analysis;
use crate::clock::TimePlan;
use crate::llm::{LlmError, TokenSink, Usage};
use crate::persona::Persona;
use crate::question::{Level, Question};
use crate::transcript::{GuardRecord, Turn, TurnIntent};

pub use round::{Round, RoundError, RoundSetup};
pub use steering::{Move, Notes, Pressure, SteeringState};

/// Everything an interviewer may read to produce its next turn.
#[derive(Debug, Clone, Copy)]
pub struct TurnContext<'a> {
    /// Who is interviewing.
    pub persona: &'a Persona,
    /// The question, with its hidden sheet.
    pub question: &'a Question,
    /// The level the round is pitched at.
    pub level: Level,
    /// The round's plan.
    pub plan: &'a TimePlan,
    /// Every turn so far, the candidate's latest last.
    pub history: &'a [Turn],
    /// This turn's steering.
    pub notes: &'a Notes,
    /// The analysis of the candidate's turns so far.
    pub analysis: &'a Analysis,
}

/// An interviewer's turn.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// What the interviewer says.
    pub text: String,
    /// What the turn set out to do (from the notes).
    pub intent: TurnIntent,
    /// Model token usage, when a model produced it.
    pub usage: Option<Usage>,
    /// Model latency, when a model produced it.
    pub latency: Option<Duration>,
    /// Why the reply was cut short, if it was.
    pub partial: Option<String>,
    /// A reasoning model's thinking, kept apart from [`Reply::text`].
    pub reasoning: Option<String>,
    /// On a model turn, what the reply guard decided.
    pub guard: Option<GuardRecord>,
}

/// Produces the interviewer's turns. Implemented by the offline engine and the model-backed one.
pub trait Interviewer: Send {
    /// `offline` or `openai`.
    fn engine(&self) -> &'static str;

    /// The model behind it, if any.
    fn model(&self) -> Option<String>;

    /// The next turn, streamed into `sink` as it is produced.
    fn reply<'a>(
        &'a mut self,
        ctx: TurnContext<'a>,
        sink: TokenSink<'a>,
        cancel: &'a CancellationToken,
    ) -> BoxFuture<'a, Result<Reply, LlmError>>;
}
