//! The turn loop of one round: record the candidate's turn, cross the clock's events, analyse,
//! steer, let the interviewer answer, record that. Every event is on disk before the next prompt.
//!
//! The loop knows nothing of terminals: the caller hands in the clock, the interviewer, the
//! transcript writer and a sink for streamed text, so evals and tests drive it directly.

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::offline::PhraseVars;
use super::steering::{self, Move, SteeringInput, SteeringState};
use super::{Interviewer, Reply, TurnContext};
use crate::analysis::{Analysis, Utterance, read_turn};
use crate::clock::{Clock, Phase, TimeEvent, TimePlan};
use crate::llm::{LlmError, TokenSink};
use crate::persona::Persona;
use crate::question::{Level, Question};
use crate::transcript::{
    EndReason, Event, Header, Speaker, Transcript, TranscriptError, TranscriptWriter, Turn,
    TurnIntent,
};

/// What a round is made of.
#[derive(Debug, Clone)]
pub struct RoundSetup {
    /// Who interviews.
    pub persona: Persona,
    /// What is asked.
    pub question: Question,
    /// The level it is pitched at.
    pub level: Level,
    /// The time plan (the persona's, scaled to the round's minutes).
    pub plan: TimePlan,
}

/// Why a round step failed.
#[derive(Debug, thiserror::Error)]
pub enum RoundError {
    /// The interviewer's model failed; the candidate's turn is saved.
    #[error(transparent)]
    Model(#[from] LlmError),
    /// The transcript could not be written.
    #[error(transparent)]
    Transcript(#[from] TranscriptError),
    /// The round has ended already.
    #[error("the round has ended")]
    Ended,
    /// A transcript to resume does not fit the persona or question it names.
    #[error("{0}")]
    Resume(String),
}

/// What a candidate turn led to.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The interviewer's reply.
    pub reply: Turn,
    /// Time events crossed before it.
    pub events: Vec<TimeEvent>,
    /// Set when the round ended with this step.
    pub ended: Option<EndReason>,
}

/// One round in progress.
pub struct Round {
    setup: RoundSetup,
    clock: Arc<dyn Clock>,
    interviewer: Box<dyn Interviewer>,
    writer: Option<TranscriptWriter>,
    events: Vec<Event>,
    turns: Vec<Turn>,
    analysis: Analysis,
    state: SteeringState,
    last_check: Duration,
    ended: Option<EndReason>,
}

impl Round {
    /// A new round; nothing is said until [`Round::open`].
    pub fn new(
        setup: RoundSetup,
        clock: Arc<dyn Clock>,
        interviewer: Box<dyn Interviewer>,
        writer: Option<TranscriptWriter>,
    ) -> Self {
        Self {
            last_check: clock.elapsed(),
            setup,
            clock,
            interviewer,
            writer,
            events: Vec::new(),
            turns: Vec::new(),
            analysis: Analysis::default(),
            state: SteeringState::default(),
            ended: None,
        }
    }

    /// Rebuilds a round from its transcript so it can go on where it stopped (a crash, or `/quit`).
    /// The clock should read `transcript.last_at()`.
    pub fn resume(
        setup: RoundSetup,
        transcript: &Transcript,
        clock: Arc<dyn Clock>,
        interviewer: Box<dyn Interviewer>,
        writer: Option<TranscriptWriter>,
    ) -> Result<Self, RoundError> {
        if let Some(reason) = transcript.end().filter(|_| !transcript.resumable()) {
            return Err(RoundError::Resume(format!(
                "session {} already ended ({reason:?}); start a new round instead",
                transcript.header.session_id
            )));
        }
        let mut round = Self::new(setup, clock, interviewer, writer);
        round.last_check = transcript.last_at();
        for event in &transcript.events {
            if let Event::Turn(t) = event {
                round.absorb(t);
            }
            round.events.push(event.clone());
        }
        round.record(Event::Resumed {
            at: round.clock.elapsed(),
            wall: now_rfc3339(),
        })?;
        Ok(round)
    }

    fn absorb(&mut self, t: &Turn) {
        match t.role {
            Speaker::Candidate => {
                self.state.candidate_spoke(t.phase);
                let (signals, sentences) = read_turn(&Utterance {
                    turn: t.n,
                    at: t.at,
                    text: &t.text,
                });
                self.analysis.push_read(signals, &sentences);
            }
            Speaker::Interviewer => self.state.record_turn(t),
        }
        self.turns.push(t.clone());
    }

    /// The setup.
    pub fn setup(&self) -> &RoundSetup {
        &self.setup
    }

    /// Every turn so far.
    pub fn turns(&self) -> &[Turn] {
        &self.turns
    }

    /// Every event so far (the header is not among them).
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The analysis of the candidate's turns so far.
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// Why the round ended, once it has.
    pub fn ended(&self) -> Option<EndReason> {
        self.ended
    }

    /// The interviewer's engine name.
    pub fn engine(&self) -> &'static str {
        self.interviewer.engine()
    }

    /// The round's clock (shared: clones read the same time).
    pub fn clock(&self) -> Arc<dyn Clock> {
        Arc::clone(&self.clock)
    }

    /// Round time now.
    pub fn elapsed(&self) -> Duration {
        self.clock.elapsed()
    }

    /// The phase now.
    pub fn phase(&self) -> Phase {
        self.setup.plan.phase_at(self.elapsed())
    }

    /// Time left.
    pub fn remaining(&self) -> Duration {
        self.setup.plan.remaining(self.elapsed())
    }

    /// Whether the last turn is the candidate's, unanswered (after a crash or a model failure).
    pub fn awaiting_reply(&self) -> bool {
        self.turns
            .last()
            .is_some_and(|t| t.role == Speaker::Candidate)
    }

    /// The interviewer's opening: the persona's greeting and the question, said the same way by
    /// both engines.
    pub fn open(&mut self, seed: u64) -> Result<&Turn, RoundError> {
        let p = &self.setup.persona;
        let line = &p.opening[(seed as usize) % p.opening.len()];
        let vars = PhraseVars::base(p, &self.setup.question, &self.setup.plan, Duration::ZERO);
        let text = vars.render(line);
        let turn = self.turn(Speaker::Interviewer, text, Some(TurnIntent::default()));
        self.push_turn(turn)?;
        Ok(self.turns.last().expect("just pushed"))
    }

    /// The candidate says `text`; the interviewer answers, streaming into `sink`.
    ///
    /// On a model failure the candidate's turn is already on disk and an error event records
    /// the failure; the caller may retry with [`Round::answer_pending`].
    pub async fn candidate(
        &mut self,
        text: &str,
        sink: TokenSink<'_>,
        cancel: &CancellationToken,
    ) -> Result<Step, RoundError> {
        if self.ended.is_some() {
            return Err(RoundError::Ended);
        }
        let turn = self.turn(Speaker::Candidate, text.to_string(), None);
        self.absorb_new(turn)?;
        self.answer_pending(sink, cancel).await
    }

    fn absorb_new(&mut self, turn: Turn) -> Result<(), RoundError> {
        self.record(Event::Turn(turn.clone()))?;
        self.absorb(&turn);
        Ok(())
    }

    /// Answers the candidate's last turn (used directly after a resume or a failed reply).
    pub async fn answer_pending(
        &mut self,
        sink: TokenSink<'_>,
        cancel: &CancellationToken,
    ) -> Result<Step, RoundError> {
        let now = self.clock.elapsed();
        let events = self.setup.plan.events_between(self.last_check, now);
        for e in &events {
            match *e {
                TimeEvent::PhaseChange { phase } => self.record(Event::Phase { phase, at: now })?,
                TimeEvent::Warning { minutes_left } => self.record(Event::Warning {
                    minutes_left,
                    at: now,
                })?,
                TimeEvent::TimeUp => {}
            }
        }
        self.last_check = now;
        let notes = steering::steer(SteeringInput {
            question: &self.setup.question,
            level: self.setup.level,
            hints: self.setup.persona.hint_policy,
            signature: &self.setup.persona.signature_cues,
            plan: &self.setup.plan,
            now,
            events: &events,
            analysis: &self.analysis,
            history: &self.turns,
            state: &self.state,
        });
        let ctx = TurnContext {
            persona: &self.setup.persona,
            question: &self.setup.question,
            level: self.setup.level,
            plan: &self.setup.plan,
            history: &self.turns,
            notes: &notes,
            analysis: &self.analysis,
        };
        let reply = match self.interviewer.reply(ctx, sink, cancel).await {
            Ok(r) => r,
            Err(e) => {
                let message = e.to_string();
                self.record(Event::Error { message, at: now })?;
                return Err(e.into());
            }
        };
        let closing = notes.mv == Move::Close;
        let turn = self.reply_turn(reply);
        self.push_turn(turn.clone())?;
        let ended = if closing {
            // Closed before the clock ran out: the candidate said they were done.
            let reason = if notes.clock_ran_out() {
                EndReason::TimeUp
            } else {
                EndReason::Ended
            };
            self.finish_with(reason)?;
            Some(reason)
        } else {
            None
        };
        Ok(Step {
            reply: turn,
            events,
            ended,
        })
    }

    /// Ends the round early (`/end`, Ctrl-D, end of input, `/quit`): the interviewer closes and the
    /// end is recorded. Returns the closing turn, if one was said.
    pub fn end(&mut self, reason: EndReason, seed: u64) -> Result<Option<&Turn>, RoundError> {
        if self.ended.is_some() {
            return Ok(None);
        }
        let said = if reason == EndReason::Quit {
            false
        } else {
            let p = &self.setup.persona;
            let lines = p.closing_lines(!self.remaining().is_zero());
            let text = lines[(seed as usize) % lines.len()].clone();
            let intent = TurnIntent {
                closing: true,
                ..TurnIntent::default()
            };
            let turn = self.turn(Speaker::Interviewer, text, Some(intent));
            self.push_turn(turn)?;
            true
        };
        self.finish_with(reason)?;
        Ok(if said { self.turns.last() } else { None })
    }

    fn finish_with(&mut self, reason: EndReason) -> Result<(), RoundError> {
        self.record(Event::End {
            reason,
            at: self.clock.elapsed(),
        })?;
        self.ended = Some(reason);
        Ok(())
    }

    fn reply_turn(&self, reply: Reply) -> Turn {
        let mut turn = self.turn(Speaker::Interviewer, reply.text, Some(reply.intent));
        turn.tokens = reply.usage;
        turn.latency_ms = reply.latency.map(|d| d.as_millis() as u64);
        turn.partial = reply.partial;
        turn.reasoning = reply.reasoning;
        turn.guard = reply.guard;
        turn
    }

    fn turn(&self, role: Speaker, text: String, intent: Option<TurnIntent>) -> Turn {
        let at = self.clock.elapsed();
        Turn {
            n: self.turns.len() + 1,
            role,
            text,
            at,
            phase: self.setup.plan.phase_at(at),
            tokens: None,
            latency_ms: None,
            partial: None,
            intent,
            reasoning: None,
            guard: None,
        }
    }

    fn push_turn(&mut self, turn: Turn) -> Result<(), RoundError> {
        self.record(Event::Turn(turn.clone()))?;
        self.state.record_turn(&turn);
        self.turns.push(turn);
        Ok(())
    }

    fn record(&mut self, event: Event) -> Result<(), RoundError> {
        if let Some(w) = self.writer.as_mut() {
            w.append(&event)?;
        }
        self.events.push(event);
        Ok(())
    }
}

/// The header for a new round.
pub fn header(
    setup: &RoundSetup,
    session_id: &str,
    engine: &str,
    model: Option<String>,
    seed: Option<u64>,
) -> Header {
    Header {
        version: crate::transcript::FORMAT_VERSION,
        session_id: session_id.to_string(),
        persona: setup.persona.id.clone(),
        question: setup.question.id.clone(),
        level: setup.level,
        engine: engine.to_string(),
        model,
        seed,
        plan: setup.plan.clone(),
        started_at: now_rfc3339(),
        hotseat_version: env!("CARGO_PKG_VERSION").to_string(),
        loop_id: None,
        loop_round: None,
        pace: None,
    }
}

/// Wall-clock now as RFC 3339 (UTC).
pub fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
