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
pub mod think;

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
    /// The reply text as received, without the model's reasoning: `<think>` blocks and the
    /// `reasoning_content` field are moved to [`Completion::reasoning`].
    pub text: String,
    /// What a reasoning model thought before answering, kept apart from the reply (never shown
    /// to a person as the model's words). `None` when the model sent none.
    pub reasoning: Option<String>,
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

/// Why a model call failed outright (nothing usable came back). Every message is one line a
/// person can act on: the HTTP status and the server's own words, plus what to change.
#[derive(Debug, thiserror::Error)]
pub enum LlmError {
    /// 401/403: the key was refused, by the endpoint itself or by the server behind a proxy.
    #[error("{}", unauthorized(*status, message, *relayed))]
    Unauthorized {
        /// HTTP status.
        status: u16,
        /// The server's message ("" when it sent none).
        message: String,
        /// The refusal came from the server behind a proxy (LiteLLM and the like), relayed: the
        /// proxy's own credentials for its backend are wrong, not the user's key.
        relayed: bool,
    },
    /// 404 naming the model: the endpoint does not serve it.
    #[error(
        "the endpoint does not know model `{model}` (HTTP 404: {message}); check --model or HOTSEAT_MODEL"
    )]
    UnknownModel {
        /// The model asked for.
        model: String,
        /// The server's message.
        message: String,
    },
    /// 404 on the chat completions path: the base URL is wrong.
    #[error("{url} does not exist (HTTP 404: {message}){hint}")]
    NotFound {
        /// The URL asked for.
        url: String,
        /// The server's message.
        message: String,
        /// What to try instead, starting with "; " ("" when there is nothing to suggest).
        hint: String,
    },
    /// 429 after the retries ran out, or a `Retry-After` longer than the client waits.
    #[error("{}", rate_limited(retry_after, message))]
    RateLimited {
        /// How long the endpoint asked us to wait, when it said.
        retry_after: Option<Duration>,
        /// The server's message ("" when it sent none).
        message: String,
    },
    /// The prompt does not fit the model's context window.
    #[error(
        "the conversation does not fit the model's context window ({message}); start the server \
         with a larger context (llama-server -c 16384, Ollama num_ctx) or use a model with a longer one"
    )]
    ContextExceeded {
        /// The server's message, or what the client measured.
        message: String,
    },
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
    /// The whole call took longer than the per-call deadline.
    #[error("no reply within the per-call deadline of {0:?} (HOTSEAT_CALL_TIMEOUT)")]
    Deadline(Duration),
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

fn unauthorized(status: u16, message: &str, relayed: bool) -> String {
    let said = if message.is_empty() {
        String::new()
    } else {
        format!(": {message}")
    };
    if relayed {
        format!(
            "the server behind the proxy refused the proxy's credentials (HTTP {status}{said}); \
             fix the key the proxy uses for its backend, not OPENAI_API_KEY"
        )
    } else {
        format!(
            "the model endpoint refused the API key (HTTP {status}{said}); check OPENAI_API_KEY"
        )
    }
}

fn rate_limited(retry_after: &Option<Duration>, message: &str) -> String {
    let said = if message.is_empty() {
        String::new()
    } else {
        format!(": {message}")
    };
    match retry_after {
        Some(d) => format!(
            "the endpoint is rate limiting us (HTTP 429{said}) and asked to wait {}; try again later",
            human_wait(*d)
        ),
        None => format!(
            "the endpoint is rate limiting us (HTTP 429{said}) and kept doing so after retries"
        ),
    }
}

/// A wait in the largest unit that keeps it readable ("3 s", "25 min", "24 h").
pub fn human_wait(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 2 * 3600 {
        format!("{} h", s / 3600)
    } else if s >= 120 {
        format!("{} min", s / 60)
    } else if d >= Duration::from_secs(1) {
        format!("{:.0} s", d.as_secs_f64().ceil())
    } else {
        format!("{} ms", d.as_millis())
    }
}

impl LlmError {
    /// The same error with `f` applied to every text it carries (messages, URLs, causes, hints):
    /// how secrets are taken out of an error before anyone sees it.
    pub fn map_messages(self, f: impl Fn(String) -> String) -> LlmError {
        match self {
            LlmError::Http { status, message } => LlmError::Http {
                status,
                message: f(message),
            },
            LlmError::Connect { endpoint, cause } => LlmError::Connect {
                endpoint: f(endpoint),
                cause: f(cause),
            },
            LlmError::Unauthorized {
                status,
                message,
                relayed,
            } => LlmError::Unauthorized {
                status,
                message: f(message),
                relayed,
            },
            LlmError::UnknownModel { model, message } => LlmError::UnknownModel {
                model: f(model),
                message: f(message),
            },
            LlmError::NotFound { url, message, hint } => LlmError::NotFound {
                url: f(url),
                message: f(message),
                hint: f(hint),
            },
            LlmError::RateLimited {
                retry_after,
                message,
            } => LlmError::RateLimited {
                retry_after,
                message: f(message),
            },
            LlmError::ContextExceeded { message } => LlmError::ContextExceeded {
                message: f(message),
            },
            LlmError::Protocol(m) => LlmError::Protocol(f(m)),
            LlmError::StreamBroken(m) => LlmError::StreamBroken(f(m)),
            LlmError::Config(m) => LlmError::Config(f(m)),
            LlmError::NoReply(m) => LlmError::NoReply(f(m)),
            other => other,
        }
    }

    /// Whether trying the same call again later may succeed (the endpoint was slow, busy,
    /// unreachable or broke off), as opposed to a setting that must change first.
    pub fn is_transient(&self) -> bool {
        match self {
            LlmError::RateLimited { .. }
            | LlmError::Connect { .. }
            | LlmError::Timeout(_)
            | LlmError::Deadline(_)
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

    /// The model's context window in tokens, when known (configured, or reported by the server).
    /// Callers check a long prompt against it before sending. `None` by default.
    fn context_window(&self) -> BoxFuture<'_, Option<u32>> {
        Box::pin(async { None })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_passing_failures_are_worth_a_retry() {
        assert!(LlmError::Timeout(Duration::from_secs(1)).is_transient());
        let limited = LlmError::RateLimited {
            retry_after: None,
            message: String::new(),
        };
        assert!(limited.is_transient());
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
        let refused = LlmError::Unauthorized {
            status: 401,
            message: String::new(),
            relayed: false,
        };
        assert!(!refused.is_transient());
        let context = LlmError::ContextExceeded {
            message: "too long".into(),
        };
        assert!(!context.is_transient());
    }

    #[test]
    fn waits_read_in_their_unit() {
        assert_eq!(human_wait(Duration::from_millis(2500)), "3 s");
        assert_eq!(human_wait(Duration::from_millis(200)), "200 ms");
        assert_eq!(human_wait(Duration::from_secs(1500)), "25 min");
        assert_eq!(human_wait(Duration::from_secs(86400)), "24 h");
    }
}
