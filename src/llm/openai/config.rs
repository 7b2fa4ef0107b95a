//! Where and how to reach an OpenAI-compatible endpoint: [`OpenAiConfig`] and the choices it
//! carries.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::llm::ApiKey;
#[allow(unused_imports)]
use crate::llm::ChatRequest;

/// OpenAI's own endpoint, the default base URL.
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";

/// Retries after the first try, by default (so a failing endpoint sees at most four requests).
pub const DEFAULT_RETRIES: u32 = 3;

/// Sent as the bearer token when no key is configured: local servers ignore it.
pub(super) const NO_KEY_PLACEHOLDER: &str = "no-key";

/// Receives one-line notices a person should see while a call waits (a capped `Retry-After`, a
/// format fallback): the CLI prints them, tests collect them.
pub type Notice = Arc<dyn Fn(&str) + Send + Sync>;

/// Which request field carries [`ChatRequest::max_tokens`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TokenLimitParam {
    /// `max_completion_tokens` for api.openai.com, `max_tokens` for everything else.
    #[default]
    Auto,
    /// `max_completion_tokens`: what OpenAI wants (its reasoning models refuse `max_tokens`).
    MaxCompletionTokens,
    /// `max_tokens`: what every OpenAI-compatible local server understands.
    MaxTokens,
}

/// How a structured request ([`ChatRequest::json_schema`]) is sent, from the best supported
/// format to the most widely supported one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum OutputFormat {
    /// `response_format: {type: json_schema}`: the server enforces the schema.
    JsonSchema = 0,
    /// `response_format: {type: json_object}`, the schema described in the last message.
    JsonObject = 1,
    /// No `response_format`; the schema described in the last message and the answer parsed.
    Plain = 2,
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::JsonSchema => "structured output (json_schema)",
            Self::JsonObject => "JSON mode (json_object)",
            Self::Plain => "a plain prompt with the schema in it",
        })
    }
}

impl OutputFormat {
    pub(super) fn from_u8(v: u8) -> Self {
        match v {
            0 => Self::JsonSchema,
            1 => Self::JsonObject,
            _ => Self::Plain,
        }
    }

    pub(super) fn simpler(self) -> Option<Self> {
        match self {
            Self::JsonSchema => Some(Self::JsonObject),
            Self::JsonObject => Some(Self::Plain),
            Self::Plain => None,
        }
    }
}

/// Where and how to reach the model.
#[derive(Debug, Clone)]
pub struct OpenAiConfig {
    /// The API base, up to and including `/v1` (e.g. `http://localhost:11434/v1` for Ollama).
    pub base_url: String,
    /// The model name the endpoint knows.
    pub model: String,
    /// The API key; `None` for local servers that need none.
    pub api_key: Option<ApiKey>,
    /// How long to wait for the TCP (and TLS) connection.
    pub connect_timeout: Duration,
    /// How long any single read may wait: for the response to start, then between body bytes.
    pub read_timeout: Duration,
    /// The most one call may take, retries and waits included. Text that arrived by then is kept
    /// (the reply is marked cut); with none, the call fails with [`LlmError::Deadline`].
    pub call_timeout: Duration,
    /// Retries after the first try for connect errors, dead connections, 429 and 5xx.
    pub retries: u32,
    /// The longest `Retry-After` waited out; a longer one fails the call at once.
    pub max_retry_wait: Duration,
    /// Which field carries the token limit.
    pub token_limit_param: TokenLimitParam,
    /// The model's context window in tokens, when the user knows it better than the server says.
    pub context_window: Option<u32>,
}

impl Default for OpenAiConfig {
    fn default() -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_string(),
            model: String::new(),
            api_key: None,
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(60),
            call_timeout: Duration::from_secs(300),
            retries: DEFAULT_RETRIES,
            max_retry_wait: Duration::from_secs(20),
            token_limit_param: TokenLimitParam::Auto,
            context_window: None,
        }
    }
}

impl OpenAiConfig {
    /// Defaults with this endpoint and model, and no key.
    pub fn new(base_url: impl Into<String>, model: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            model: model.into(),
            ..Self::default()
        }
    }

    /// The same config with this key.
    pub fn with_api_key(mut self, key: ApiKey) -> Self {
        self.api_key = Some(key);
        self
    }

    /// Whether the endpoint is on this machine (localhost, 127.0.0.0/8, ::1), where servers
    /// usually need no key. `false` when the URL does not parse.
    pub fn is_local(&self) -> bool {
        let Ok(url) = reqwest::Url::parse(self.base_url.trim()) else {
            return false;
        };
        let host = url.host_str().unwrap_or_default();
        host.eq_ignore_ascii_case("localhost")
            || host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}
