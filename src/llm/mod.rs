//! Chat models behind one trait: the OpenAI-compatible client (any endpoint that speaks the chat
//! completions API: OpenAI, Ollama, vLLM, llama.cpp server, LM Studio) and a scripted model for tests.
//!
//! This module knows nothing of interviews: it takes messages and streams text back.

pub mod cassette;
pub mod fence;
pub mod openai;
pub mod scripted;
pub mod scrubbed;
pub mod secret;

use std::time::Duration;

use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

pub use secret::{ApiKey, Scrubber};

/// Who said a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Instructions to the model.
    System,
    /// The other party (for the interviewer: the candidate).
    User,
    /// The model itself (for the interviewer: its earlier replies).
    Assistant,
}

/// One chat message.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChatMessage {
    /// Who said it.
    pub role: Role,
    /// What was said.
    pub content: String,
}

impl ChatMessage {
    /// A system message.
    pub fn system(content: impl Into<String>) -> Self {
        Self {
            role: Role::System,
            content: content.into(),
        }
    }
    /// A user message.
    pub fn user(content: impl Into<String>) -> Self {
        Self {
            role: Role::User,
            content: content.into(),
        }
    }
    /// An assistant message.
    pub fn assistant(content: impl Into<String>) -> Self {
        Self {
            role: Role::Assistant,
            content: content.into(),
        }
    }
}

/// What to ask the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatRequest {
    /// The conversation, system prompt first.
    pub messages: Vec<ChatMessage>,
    /// Sampling temperature; the provider's default when `None`.
    pub temperature: Option<f32>,
    /// Cap on the reply's length in tokens.
    pub max_tokens: Option<u32>,
    /// A seed for providers that honour one.
    pub seed: Option<i64>,
    /// A JSON schema the reply must follow (structured output), with its name.
    pub json_schema: Option<(String, serde_json::Value)>,
}

impl ChatRequest {
    /// A request with just these messages and provider defaults.
    pub fn new(messages: Vec<ChatMessage>) -> Self {
        Self {
            messages,
            temperature: None,
            max_tokens: None,
            seed: None,
            json_schema: None,
        }
    }
}

/// Token counts the provider reported for one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Usage {
    /// Tokens in the prompt.
    pub prompt_tokens: u32,
    /// Tokens in the reply.
    pub completion_tokens: u32,
    /// Prompt tokens served from the provider's prompt cache, when reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cached_tokens: Option<u32>,
}

/// How a reply ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Finish {
    /// The model finished its reply.
    Complete,
    /// The user cancelled the reply (Ctrl-C); the text so far is kept.
    Cancelled,
    /// The stream broke after some text arrived; the text so far is kept.
    Cut {
        /// Why the stream broke, in one line.
        reason: String,
    },
}

/// A finished (or cut short) reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Completion {
    /// The reply text as received.
    pub text: String,
    /// How it ended.
    pub finish: Finish,
    /// Token usage, when the provider reported it.
    pub usage: Option<Usage>,
    /// The model that answered, as the provider named it.
    pub model: Option<String>,
    /// Time from request to the last byte.
    pub latency: Duration,
    /// Time from request to the first token, when any arrived.
    pub first_token: Option<Duration>,
}

/// Why a model call failed outright (nothing usable came back).
#[derive(Debug, thiserror::Error)]
pub enum LlmError {
    /// 401/403: the key was refused.
    #[error("the model endpoint refused the API key (HTTP {status}); check OPENAI_API_KEY")]
    Unauthorized {
        /// HTTP status.
        status: u16,
    },
    /// 404: the model (or endpoint path) does not exist.
    #[error(
        "the endpoint does not know model `{model}` (HTTP 404); check --model or HOTSEAT_MODEL"
    )]
    UnknownModel {
        /// The model asked for.
        model: String,
    },
    /// 429 after the retries ran out.
    #[error("the endpoint is rate limiting us (HTTP 429) and kept doing so after retries")]
    RateLimited,
    /// Another HTTP error status.
    #[error("the endpoint answered HTTP {status}: {message}")]
    Http {
        /// HTTP status.
        status: u16,
        /// The provider's message, if any.
        message: String,
    },
    /// Could not connect at all.
    #[error("could not connect to {endpoint}: {cause}")]
    Connect {
        /// The base URL.
        endpoint: String,
        /// The cause in one line.
        cause: String,
    },
    /// No answer within the read or connect timeout.
    #[error("the endpoint did not answer within {0:?}")]
    Timeout(Duration),
    /// The reply was not what the protocol promises.
    #[error("the endpoint sent a malformed reply: {0}")]
    Protocol(String),
    /// The stream broke before any text arrived.
    #[error("the reply stream broke before any text arrived: {0}")]
    StreamBroken(String),
    /// The call was cancelled before any text arrived.
    #[error("cancelled")]
    Cancelled,
    /// Configuration is missing or wrong (no model name, bad URL).
    #[error("{0}")]
    Config(String),
    /// A scripted or replayed model had nothing for this request.
    #[error("{0}")]
    NoReply(String),
}

impl LlmError {
    /// Whether trying the same call again later may succeed (the endpoint was slow, busy,
    /// unreachable or broke off), as opposed to a setting that must change first.
    pub fn is_transient(&self) -> bool {
        match self {
            LlmError::RateLimited
            | LlmError::Connect { .. }
            | LlmError::Timeout(_)
            | LlmError::StreamBroken(_) => true,
            LlmError::Http { status, .. } => *status >= 500,
            _ => false,
        }
    }
}

/// Receives streamed text as it arrives.
pub type TokenSink<'a> = &'a mut (dyn FnMut(&str) + Send);

/// A chat model that streams its reply.
pub trait ChatModel: Send + Sync {
    /// The model id as configured (for transcripts, cassettes and baselines).
    fn model_id(&self) -> &str;

    /// Sends `request` and streams the reply's text into `sink` as it arrives. Cancelling `cancel`
    /// stops the stream and returns what arrived so far with [`Finish::Cancelled`].
    fn complete<'a>(
        &'a self,
        request: &'a ChatRequest,
        sink: TokenSink<'a>,
        cancel: &'a CancellationToken,
    ) -> BoxFuture<'a, Result<Completion, LlmError>>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_passing_failures_are_worth_a_retry() {
        assert!(LlmError::Timeout(Duration::from_secs(1)).is_transient());
        assert!(LlmError::RateLimited.is_transient());
        let server = LlmError::Http {
            status: 503,
            message: String::new(),
        };
        assert!(server.is_transient());
        let bad_request = LlmError::Http {
            status: 400,
            message: String::new(),
        };
        assert!(!bad_request.is_transient());
        assert!(!LlmError::Unauthorized { status: 401 }.is_transient());
        assert!(!LlmError::UnknownModel { model: "m".into() }.is_transient());
    }
}
