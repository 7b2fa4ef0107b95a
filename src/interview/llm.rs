//! The model-backed interviewer: any OpenAI-compatible chat model, steered by the same notes as
//! the offline engine.

use std::sync::Arc;

use futures::future::BoxFuture;
use tokio_util::sync::CancellationToken;

use super::offline::OfflineInterviewer;
use super::{Interviewer, Reply, TurnContext, prompt};
use crate::llm::{ChatModel, ChatRequest, Finish, LlmError, TokenSink};

/// An interviewer whose words come from a chat model.
pub struct ModelInterviewer {
    model: Arc<dyn ChatModel>,
    /// Phrases the notes in the persona's voice as a style example for the model.
    style: OfflineInterviewer,
    system: Option<String>,
    temperature: Option<f32>,
    max_tokens: u32,
}

impl ModelInterviewer {
    /// An interviewer backed by `model`.
    pub fn new(model: Arc<dyn ChatModel>, seed: u64) -> Self {
        Self {
            model,
            style: OfflineInterviewer::new(seed),
            system: None,
            temperature: Some(0.7),
            max_tokens: 300,
        }
    }

    /// Sets the sampling temperature (0 for evals that want stable output).
    pub fn with_temperature(mut self, t: Option<f32>) -> Self {
        self.temperature = t;
        self
    }

    /// The request this turn sends (exposed for tests of the prompt layout).
    pub fn request(&mut self, ctx: &TurnContext<'_>) -> Result<ChatRequest, LlmError> {
        if self.system.is_none() {
            let system = prompt::system_prompt(ctx).map_err(|e| LlmError::Config(e.to_string()))?;
            self.system = Some(system);
        }
        let example = self.style.compose(ctx);
        let notes =
            prompt::notes_message(ctx, &example).map_err(|e| LlmError::Config(e.to_string()))?;
        let system = self.system.as_deref().unwrap_or_default();
        let mut req = ChatRequest::new(prompt::messages(system, ctx, notes));
        req.temperature = self.temperature;
        req.max_tokens = Some(self.max_tokens);
        Ok(req)
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
            let request = self.request(&ctx)?;
            let done = self.model.complete(&request, sink, cancel).await?;
            let partial = match done.finish {
                Finish::Complete => None,
                Finish::Cancelled => Some("cancelled by the candidate".to_string()),
                Finish::Cut { reason } => Some(reason),
            };
            Ok(Reply {
                text: done.text.trim().to_string(),
                intent: ctx.notes.intent(),
                usage: done.usage,
                latency: Some(done.latency),
                partial,
            })
        })
    }
}
