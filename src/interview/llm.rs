//! The model-backed interviewer: any OpenAI-compatible chat model, steered by the same notes as
//! the offline engine, and never shown raw.
//!
//! Each turn the model drafts a reply in full (nothing streams to the candidate yet); the draft
//! passes the reply guard ([`super::guard`]) or is regenerated once with what it broke, and when
//! the second draft fails too (or the model gave nothing), the offline engine's line for the same
//! notes is spoken. The turn records which ([`GuardRecord`]). Reasoning (`<think>` blocks,
//! `reasoning_content`) is kept apart in the turn, never spoken; a model seen reasoning gets a
//! larger token budget so its thinking does not eat the reply.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;
use tokio_util::sync::CancellationToken;

use super::guard::{self, GuardInput};
use super::offline::OfflineInterviewer;
use super::{Interviewer, Reply, TurnContext, prompt};
use crate::llm::{ChatMessage, ChatModel, ChatRequest, Finish, LlmError, TokenSink, Usage};
use crate::transcript::{GuardRecord, Speaker, Spoken};

/// Tokens for the spoken reply: about two per word of the guard's length cap, plus a margin (a
/// longer reply would be rejected anyway, and a weak model rambles to whatever limit it gets).
fn reply_tokens(notes: &super::Notes) -> u32 {
    (guard::cap(notes) as u32).saturating_mul(2) + 40
}

/// Extra tokens for a model seen reasoning before it answers.
const REASONING_TOKENS: u32 = 2048;

/// An interviewer whose words come from a chat model.
pub struct ModelInterviewer {
    model: Arc<dyn ChatModel>,
    /// Speaks the notes in the persona's voice: the model's style example and the fallback line.
    style: OfflineInterviewer,
    system: Option<String>,
    cue: Option<String>,
    temperature: Option<f32>,
    /// Each candidate turn's message as sent (words and notes), by turn number, so later turns
    /// send it byte for byte the same.
    sent: BTreeMap<usize, String>,
    /// After the context overflowed once: earlier candidate turns go without their notes.
    compact: bool,
    /// The model has shown reasoning: give it room to think.
    reasoning: bool,
}

impl ModelInterviewer {
    /// An interviewer backed by `model`.
    pub fn new(model: Arc<dyn ChatModel>, seed: u64) -> Self {
        Self {
            model,
            style: OfflineInterviewer::new(seed),
            system: None,
            cue: None,
            temperature: Some(0.7),
            sent: BTreeMap::new(),
            compact: false,
            reasoning: false,
        }
    }

    /// Sets the sampling temperature (0 for evals that want stable output).
    pub fn with_temperature(mut self, t: Option<f32>) -> Self {
        self.temperature = t;
        self
    }

    /// The token budget of one reply.
    fn max_tokens(&self, notes: &super::Notes) -> u32 {
        if self.reasoning {
            reply_tokens(notes) + REASONING_TOKENS
        } else {
            reply_tokens(notes)
        }
    }

    /// The messages this turn sends, with `example` (the offline line) as the style guide.
    fn conversation(
        &mut self,
        ctx: &TurnContext<'_>,
        example: &str,
    ) -> Result<Vec<ChatMessage>, LlmError> {
        let config = |e: crate::template::TemplateError| LlmError::Config(e.to_string());
        if self.system.is_none() {
            self.system = Some(prompt::system_prompt(ctx).map_err(config)?);
            self.cue = Some(prompt::opening_cue().map_err(config)?);
        }
        let empty = BTreeMap::new();
        let sent = if self.compact { &empty } else { &self.sent };
        let notes = prompt::notes_message(ctx, example, sent).map_err(config)?;
        let messages = prompt::messages(
            self.system.as_deref().unwrap_or_default(),
            self.cue.as_deref().unwrap_or_default(),
            ctx.history,
            sent,
            &notes,
        );
        if let Some(last) = ctx.history.last().filter(|t| t.role == Speaker::Candidate) {
            self.sent
                .insert(last.n, prompt::candidate_message(&last.text, &notes));
        }
        Ok(messages)
    }

    /// The request this turn sends first (exposed for tests of the prompt layout).
    pub fn request(&mut self, ctx: &TurnContext<'_>) -> Result<ChatRequest, LlmError> {
        let example = self.style.clone().compose(ctx);
        let messages = self.conversation(ctx, &example)?;
        Ok(self.request_for(messages, ctx.notes))
    }

    fn request_for(&self, messages: Vec<ChatMessage>, notes: &super::Notes) -> ChatRequest {
        let mut req = ChatRequest::new(messages);
        req.temperature = self.temperature;
        req.max_tokens = Some(self.max_tokens(notes));
        req
    }
}

/// What the drafts of one turn cost and left behind.
#[derive(Default)]
struct Drafts {
    usage: Option<Usage>,
    latency: Duration,
    reasoning: Vec<String>,
    rejected: Vec<String>,
    partial: Option<String>,
}

impl Drafts {
    fn add_usage(&mut self, u: Option<Usage>) {
        let Some(u) = u else { return };
        let total = self.usage.get_or_insert_with(Usage::default);
        total.prompt_tokens += u.prompt_tokens;
        total.completion_tokens += u.completion_tokens;
        if let Some(c) = u.cached_tokens {
            *total.cached_tokens.get_or_insert(0) += c;
        }
    }
}

impl Interviewer for ModelInterviewer {
    fn engine(&self) -> &'static str {
        "openai"
    }

    fn model(&self) -> Option<String> {
        Some(self.model.model_id().to_string())
    }

    fn reply<'a>(
        &'a mut self,
        ctx: TurnContext<'a>,
        sink: TokenSink<'a>,
        cancel: &'a CancellationToken,
    ) -> BoxFuture<'a, Result<Reply, LlmError>> {
        Box::pin(async move {
            let fallback = self.style.compose(&ctx);
            let base = self.conversation(&ctx, &fallback)?;
            let input = GuardInput {
                question: ctx.question,
                notes: ctx.notes,
                history: ctx.history,
                example: &fallback,
            };
            let mut drafts = Drafts::default();
            let mut messages = base.clone();
            let mut spoken = None;
            let mut attempt = 0;
            while attempt < 2 {
                let request = self.request_for(messages.clone(), ctx.notes);
                let mut quiet = |_: &str| {};
                let done = match self.model.complete(&request, &mut quiet, cancel).await {
                    Ok(done) => done,
                    Err(LlmError::ContextExceeded { .. }) if !self.compact => {
                        // Drop the earlier turns' notes and try once more.
                        self.compact = true;
                        messages = self.conversation(&ctx, &fallback)?;
                        continue;
                    }
                    Err(e) if attempt == 0 && drafts.rejected.is_empty() => return Err(e),
                    Err(LlmError::Cancelled) => {
                        drafts.partial = Some("cancelled by the candidate".into());
                        break;
                    }
                    Err(e) => {
                        drafts
                            .rejected
                            .push(format!("the regeneration failed: {e}"));
                        break;
                    }
                };
                attempt += 1;
                drafts.add_usage(done.usage);
                drafts.latency += done.latency;
                if let Some(r) = done.reasoning.filter(|r| !r.trim().is_empty()) {
                    drafts.reasoning.push(r);
                    self.reasoning = true;
                }
                let text = done.text.trim().to_string();
                let breaches = guard::check(&text, &input);
                let cancelled = done.finish == Finish::Cancelled;
                if breaches.is_empty() {
                    drafts.partial = match done.finish {
                        Finish::Complete => None,
                        Finish::Cancelled => Some("cancelled by the candidate".into()),
                        Finish::Cut { reason } => Some(reason),
                    };
                    let who = if attempt == 1 {
                        Spoken::Model
                    } else {
                        Spoken::Regenerated
                    };
                    spoken = Some((text, who));
                    break;
                }
                drafts.rejected.push(
                    breaches
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                );
                if cancelled {
                    drafts.partial = Some("cancelled by the candidate".into());
                    break;
                }
                if let (Some(last), Some(sent_last)) = (messages.last_mut(), base.last()) {
                    last.content = format!(
                        "{}\n\n{}",
                        sent_last.content,
                        guard::retry_note(&breaches, ctx.notes).trim()
                    );
                }
            }
            let (text, who) = spoken.unwrap_or((fallback, Spoken::Offline));
            sink(&text);
            Ok(Reply {
                text,
                intent: ctx.notes.intent(),
                usage: drafts.usage,
                latency: Some(drafts.latency),
                partial: drafts.partial,
                reasoning: Some(drafts.reasoning.join("\n\n")).filter(|r| !r.is_empty()),
                guard: Some(GuardRecord {
                    spoken: who,
                    rejected: drafts.rejected,
                }),
            })
        })
    }
}
