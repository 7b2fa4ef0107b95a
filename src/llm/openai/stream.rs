//! Reading a reply: a server-sent-event stream, or one JSON document when the server ignored
//! `stream: true`, into text (reasoning split off), usage and how it ended.
//!
//! How a call ends:
//! - `finish_reason` `stop` → [`Finish::Complete`]; the reply is over at that chunk (after a short
//!   grace for the usage chunk that follows it), `[DONE]` or not, heartbeats or not;
//! - `finish_reason` `length` or `content_filter`, a refusal, or the stream breaking, going silent,
//!   ending without a `finish_reason` or hitting the call's deadline after text arrived →
//!   [`Finish::Cut`] with the text so far;
//! - the same before any text arrived → an error, except the token-limit, content-filter and
//!   refusal cases, which stay `Ok` with [`Finish::Cut`] and empty text so the caller learns why;
//! - a reply whose every delta had `content: null` and a `finish_reason` → `Ok` with empty text:
//!   the caller decides what an empty reply means;
//! - `cancel` fired → [`Finish::Cancelled`] with the text so far, or [`LlmError::Cancelled`].

use std::time::{Duration, Instant};

use futures::StreamExt;
use tokio_util::sync::CancellationToken;

use super::failure::{bounded, bounded_to};
use super::sse::{SseDecoder, SseEvent};
use super::transport::error_chain;
use super::wire::{self, ErrorBody, FinishReason, Piece};
use crate::llm::think::ThinkSplitter;
use crate::llm::{Completion, Finish, LlmError, TokenSink, Usage};

/// How long after the `finish_reason` chunk the usage chunk may take before the reply ends anyway.
const FINISH_GRACE: Duration = Duration::from_millis(1000);

/// How the reading ended.
pub(super) enum Outcome {
    /// The body ended, `[DONE]` came, or the reply finished.
    Ended,
    /// `cancel` fired.
    Cancelled,
    /// The call's deadline passed.
    Deadline(Duration),
    /// The stream broke after it started.
    Broke(Fault),
    /// The call failed before a reply started.
    Failed(LlmError),
    /// An error object came in place of a reply, before any text.
    Reported(ErrorBody),
}

/// Why a started stream stopped.
pub(super) enum Fault {
    /// No data within the read timeout.
    Silent(Duration),
    /// The connection broke.
    Broken(String),
    /// The endpoint sent an error object in the stream.
    Reported(String),
}

impl Fault {
    fn reason(&self) -> String {
        match self {
            Fault::Silent(d) => format!("the endpoint went silent for {d:?} (read timeout)"),
            Fault::Broken(m) | Fault::Reported(m) => m.clone(),
        }
    }

    fn into_error(self) -> LlmError {
        match self {
            Fault::Silent(d) => LlmError::Timeout(d),
            Fault::Broken(m) | Fault::Reported(m) => LlmError::StreamBroken(m),
        }
    }
}

/// What the reply has delivered so far.
pub(super) struct StreamState {
    started: Instant,
    read_timeout: Duration,
    chunks: usize,
    keepalives: usize,
    think: ThinkSplitter,
    /// Something went to the sink.
    emitted: bool,
    reasoning: String,
    refusal: Option<String>,
    finish: Option<FinishReason>,
    usage: Option<Usage>,
    model: Option<String>,
    first_token: Option<Duration>,
    /// The first malformed chunk skipped, described.
    skipped: Option<String>,
}

impl StreamState {
    pub(super) fn new(started: Instant, read_timeout: Duration) -> Self {
        Self {
            started,
            read_timeout,
            chunks: 0,
            keepalives: 0,
            think: ThinkSplitter::new(),
            emitted: false,
            reasoning: String::new(),
            refusal: None,
            finish: None,
            usage: None,
            model: None,
            first_token: None,
            skipped: None,
        }
    }

    /// Whether any reply text reached the sink.
    pub(super) fn has_text(&self) -> bool {
        self.emitted
    }

    /// Forgets a reply that never started (before sending the request again).
    pub(super) fn reset(&mut self) {
        *self = Self::new(self.started, self.read_timeout);
    }

    /// Reads the response body to the end of the reply; a cancel between two events of one read
    /// stops it there (the outer select only sees it between reads).
    pub(super) async fn read(
        &mut self,
        resp: reqwest::Response,
        sink: TokenSink<'_>,
        cancel: &CancellationToken,
    ) -> Outcome {
        let content_type = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let json_only = content_type.contains("json") && !content_type.contains("event-stream");
        let mut dec = SseDecoder::new();
        let mut body = resp.bytes_stream();
        let mut finished_at: Option<tokio::time::Instant> = None;
        loop {
            let next = match finished_at {
                Some(t) => match tokio::time::timeout_at(t + FINISH_GRACE, body.next()).await {
                    Ok(next) => next,
                    Err(_) => return Outcome::Ended,
                },
                None => body.next().await,
            };
            let bytes = match next {
                None => break,
                Some(Ok(b)) => b,
                Some(Err(e)) => return Outcome::Broke(self.body_fault(&e)),
            };
            let events = if json_only {
                dec.keep_raw(&bytes);
                Vec::new()
            } else {
                dec.feed(&bytes)
            };
            for ev in events {
                if cancel.is_cancelled() {
                    return Outcome::Cancelled;
                }
                if let Some(done) = self.event(ev, sink) {
                    return done;
                }
            }
            if self.finish.is_some() {
                if self.usage.is_some() {
                    return Outcome::Ended;
                }
                finished_at.get_or_insert_with(tokio::time::Instant::now);
            }
        }
        if !json_only {
            for ev in dec.finish() {
                if let Some(done) = self.event(ev, sink) {
                    return done;
                }
            }
        }
        if self.chunks == 0 {
            // A server that answered a streaming request with one JSON document.
            let raw = dec.raw_text();
            if !raw.trim().is_empty() {
                match wire::piece(&raw) {
                    Some(p) => {
                        if let Some(done) = self.absorb(p, sink) {
                            return done;
                        }
                    }
                    None => {
                        self.skipped = Some(format!(
                            "a body that is neither an event stream nor JSON: {}",
                            bounded_to(&raw, 80)
                        ));
                    }
                }
            }
        }
        Outcome::Ended
    }

    fn event(&mut self, ev: SseEvent, sink: TokenSink<'_>) -> Option<Outcome> {
        let (name, data) = match ev {
            SseEvent::KeepAlive => {
                self.keepalives += 1;
                return None;
            }
            SseEvent::Data { name, data } => (name, data),
        };
        if data.trim() == "[DONE]" {
            return Some(Outcome::Ended);
        }
        match wire::piece(&data) {
            Some(p) if name.as_deref() == Some("error") && p.error.is_none() => {
                Some(self.reported(wire::error_text(&data)))
            }
            Some(p) => self.absorb(p, sink),
            None if name.as_deref() == Some("error") => {
                Some(self.reported(wire::error_text(&data)))
            }
            None => {
                let why = format!("a malformed stream chunk: {}", bounded_to(&data, 80));
                tracing::debug!(%why, "skipping");
                self.skipped.get_or_insert(why);
                None
            }
        }
    }

    fn reported(&self, err: ErrorBody) -> Outcome {
        if self.emitted {
            Outcome::Broke(Fault::Reported(format!(
                "the endpoint reported an error mid-stream: {}",
                bounded(&err.message)
            )))
        } else {
            Outcome::Reported(err)
        }
    }

    fn absorb(&mut self, p: Piece, sink: TokenSink<'_>) -> Option<Outcome> {
        self.chunks += 1;
        if let Some(err) = p.error {
            return Some(self.reported(err));
        }
        if self.model.is_none() {
            self.model = p.model;
        }
        if p.usage.is_some() {
            // Some servers send running totals in every chunk: the last one wins.
            self.usage = p.usage;
        }
        if let Some(content) = p.content {
            let shown = self.think.push(&content);
            if !shown.is_empty() {
                if self.first_token.is_none() {
                    self.first_token = Some(self.started.elapsed());
                }
                self.emitted = true;
                sink(&shown);
            }
        }
        if let Some(r) = p.reasoning {
            self.reasoning.push_str(&r);
        }
        if let Some(r) = p.refusal {
            self.refusal.get_or_insert_with(String::new).push_str(&r);
        }
        if p.finish.is_some() {
            self.finish = p.finish;
        }
        None
    }

    fn body_fault(&self, e: &reqwest::Error) -> Fault {
        if e.is_timeout() {
            Fault::Silent(self.read_timeout)
        } else {
            Fault::Broken(format!(
                "the connection broke mid-stream: {}",
                bounded(&error_chain(e))
            ))
        }
    }

    /// Turns what arrived and how the reading ended into the call's result.
    pub(super) fn conclude(self, outcome: Outcome) -> Result<Completion, LlmError> {
        let latency = self.started.elapsed();
        let (text, thought) = self.think.finish();
        let mut reasoning = self.reasoning;
        if !thought.trim().is_empty() {
            if !reasoning.is_empty() {
                reasoning.push('\n');
            }
            reasoning.push_str(&thought);
        }
        let reasoning = Some(reasoning.trim().to_string()).filter(|r| !r.is_empty());
        let has_text = !text.trim().is_empty();
        let finished = self.finish.is_some() || self.refusal.is_some();
        // A cancel, a deadline or a break that lands after the reply finished does not spoil it.
        let outcome = match outcome {
            Outcome::Cancelled | Outcome::Deadline(_) | Outcome::Broke(_) if finished => {
                Outcome::Ended
            }
            other => other,
        };
        let finish = match outcome {
            Outcome::Failed(e) => return Err(e),
            Outcome::Reported(body) => {
                return Err(LlmError::StreamBroken(format!(
                    "the endpoint reported an error: {}",
                    bounded(&body.message)
                )));
            }
            Outcome::Cancelled if has_text => Finish::Cancelled,
            Outcome::Cancelled => return Err(LlmError::Cancelled),
            Outcome::Deadline(d) if has_text => Finish::Cut {
                reason: format!("no complete reply within the per-call deadline of {d:?}"),
            },
            Outcome::Deadline(d) => return Err(LlmError::Deadline(d)),
            Outcome::Ended if finished => match (self.finish, &self.refusal) {
                (_, Some(refusal)) => Finish::Cut {
                    reason: format!("the model refused: {}", wire::one_line(refusal)),
                },
                (Some(FinishReason::Length), None) => Finish::Cut {
                    reason: "the reply reached the token limit (finish_reason: length)".into(),
                },
                (Some(FinishReason::ContentFilter), None) => Finish::Cut {
                    reason: "the provider's content filter stopped the reply".into(),
                },
                _ => Finish::Complete,
            },
            Outcome::Broke(fault) if has_text => Finish::Cut {
                reason: fault.reason(),
            },
            Outcome::Broke(fault) => return Err(fault.into_error()),
            Outcome::Ended if has_text || reasoning.is_some() => Finish::Cut {
                reason: match &self.skipped {
                    Some(skipped) => format!("the stream ended unfinished after {skipped}"),
                    None if !has_text => {
                        "the stream ended while the model was still reasoning".into()
                    }
                    None => "the stream ended before the model finished (no finish_reason)".into(),
                },
            },
            Outcome::Ended => {
                return Err(match (self.skipped, self.chunks) {
                    (Some(skipped), _) => LlmError::Protocol(skipped),
                    (None, 0) if self.keepalives > 0 => LlmError::StreamBroken(
                        "the stream ended after keep-alives only, with no reply".into(),
                    ),
                    (None, 0) => LlmError::Protocol(
                        "the endpoint sent an empty body; does it support chat completions?".into(),
                    ),
                    (None, _) => {
                        LlmError::StreamBroken("the stream ended before any text arrived".into())
                    }
                });
            }
        };
        Ok(Completion {
            text,
            reasoning,
            finish,
            usage: self.usage,
            model: self.model,
            latency,
            first_token: self.first_token,
        })
    }
}
