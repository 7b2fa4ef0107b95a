//! A model that replays scripted replies: the agent loop's test double, no HTTP involved.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use futures::future::BoxFuture;
use tokio_util::sync::CancellationToken;

use super::{ChatModel, ChatRequest, Completion, Finish, LlmError, TokenSink, Usage};

/// Replies in order, one per call; records every request it was sent.
#[derive(Debug, Default)]
pub struct ScriptedModel {
    replies: Mutex<VecDeque<Result<String, String>>>,
    seen: Mutex<Vec<ChatRequest>>,
    window: Option<u32>,
}

impl ScriptedModel {
    /// A model that answers with these replies in turn.
    pub fn new<I, S>(replies: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            replies: Mutex::new(replies.into_iter().map(|s| Ok(s.into())).collect()),
            seen: Mutex::new(Vec::new()),
            window: None,
        }
    }

    /// The same model, reporting a context window of `tokens`.
    pub fn with_context_window(mut self, tokens: u32) -> Self {
        self.window = Some(tokens);
        self
    }

    /// Queues a failure (returned as [`LlmError::NoReply`]) as the next reply.
    pub fn push_error(&self, message: impl Into<String>) {
        self.replies.lock().unwrap().push_back(Err(message.into()));
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<ChatRequest> {
        self.seen.lock().unwrap().clone()
    }
}

impl ChatModel for ScriptedModel {
    fn model_id(&self) -> &str {
        "scripted"
    }

    fn context_window(&self) -> BoxFuture<'_, Option<u32>> {
        Box::pin(async move { self.window })
    }

    fn complete<'a>(
        &'a self,
        request: &'a ChatRequest,
        sink: TokenSink<'a>,
        _cancel: &'a CancellationToken,
    ) -> BoxFuture<'a, Result<Completion, LlmError>> {
        Box::pin(async move {
            self.seen.lock().unwrap().push(request.clone());
            let next = self.replies.lock().unwrap().pop_front();
            let text = match next {
                Some(Ok(text)) => text,
                Some(Err(e)) => return Err(LlmError::NoReply(e)),
                None => return Err(LlmError::NoReply("the script has no more replies".into())),
            };
            // Like a real reasoning model's reply, `<think>` blocks in a script are reasoning.
            let (text, reasoning) = super::think::ThinkSplitter::split(&text);
            for word in text.split_inclusive(' ') {
                sink(word);
            }
            let words = |s: &str| s.split_whitespace().count() as u32;
            let prompt_tokens = request.messages.iter().map(|m| words(&m.content)).sum();
            Ok(Completion {
                usage: Some(Usage {
                    prompt_tokens,
                    completion_tokens: words(&text),
                    cached_tokens: None,
                }),
                text,
                reasoning: Some(reasoning).filter(|r| !r.trim().is_empty()),
                finish: Finish::Complete,
                model: Some("scripted".into()),
                latency: Duration::ZERO,
                first_token: Some(Duration::ZERO),
            })
        })
    }
}
