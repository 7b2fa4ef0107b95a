//! The OpenAI-compatible chat model: any endpoint that speaks the streaming chat completions API
//! (OpenAI, Ollama, vLLM, llama.cpp server, LM Studio), through `async-openai`.
//!
//! Every call streams (`stream: true`, `stream_options.include_usage: true`); structured output
//! (a JSON schema) goes through the same stream. Retries are `async-openai`'s own: 429, 5xx and
//! connect errors are retried [`BUILT_IN_RETRIES`] times, waiting `Retry-After` when the endpoint
//! sends one and 100 ms, 200 ms, 400 ms otherwise. With only the `chat-completion` feature the
//! crate offers no knob for either; see [`BUILT_IN_RETRIES`].
//!
//! How a call ends:
//! - the model finished (`finish_reason` `stop`) → `Ok` with [`Finish::Complete`];
//! - `finish_reason` `length` or `content_filter`, a refusal, or the stream breaking or ending
//!   without a `finish_reason` after text arrived → `Ok` with [`Finish::Cut`] and the text so far;
//! - the same before any text arrived → `Err` ([`LlmError::StreamBroken`], [`LlmError::Timeout`]
//!   or [`LlmError::Protocol`]), except the token-limit, content-filter and refusal cases, which stay
//!   `Ok` with [`Finish::Cut`] and empty text so the caller learns why;
//! - `cancel` fired → `Ok` with [`Finish::Cancelled`] and the text so far, or
//!   [`LlmError::Cancelled`] when nothing had arrived.
//!
//! The API key leaves this module only in the `Authorization` header: it is never logged, and every
//! message that ends up in an [`LlmError`] is scrubbed of it.

use std::fmt;
use std::time::{Duration, Instant};

use async_openai::Client;
use async_openai::config::OpenAIConfig;
use async_openai::error::{OpenAIError, StreamError, WrappedError};
use async_openai::types::chat::{
    ChatCompletionRequestAssistantMessage, ChatCompletionRequestMessage,
    ChatCompletionRequestSystemMessage, ChatCompletionRequestUserMessage,
    ChatCompletionStreamOptions, CreateChatCompletionRequest, CreateChatCompletionStreamResponse,
    FinishReason, ResponseFormat, ResponseFormatJsonSchema,
};
use futures::StreamExt;
use futures::future::BoxFuture;
use tokio_util::sync::CancellationToken;

use super::{ApiKey, ChatModel, ChatRequest, Completion, Finish, LlmError, Role, TokenSink, Usage};

/// OpenAI's own endpoint, the default base URL.
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";

/// How many times `async-openai` retries a 429, a 5xx or a connect error before giving up (so a
/// failing endpoint sees `1 + BUILT_IN_RETRIES` requests). Fixed by the crate: tuning it needs its
/// `middleware` feature (and `tower`) to install `OpenAIRetryLayer::new(n)` via
/// `Client::with_http_service`; even then the backoff (100 ms doubling, capped at 8 s, or the
/// endpoint's integer `Retry-After`) is fixed.
pub const BUILT_IN_RETRIES: usize = 3;

/// Sent as the bearer token when no key is configured: local servers ignore it, and the
/// `Authorization` header is always sent by `async-openai`.
const NO_KEY_PLACEHOLDER: &str = "no-key";

/// Longest provider message kept in an error, in characters.
const MAX_MESSAGE_CHARS: usize = 300;

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
    /// How long any single read may wait: for the response to start, then between stream chunks.
    /// There is no cap on the whole reply, which may stream for as long as it keeps moving.
    pub read_timeout: Duration,
    /// Which field carries the token limit.
    pub token_limit_param: TokenLimitParam,
}

impl Default for OpenAiConfig {
    fn default() -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_string(),
            model: String::new(),
            api_key: None,
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(60),
            token_limit_param: TokenLimitParam::Auto,
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

/// A chat model behind an OpenAI-compatible endpoint.
pub struct OpenAiModel {
    client: Client<OpenAIConfig>,
    cfg: OpenAiConfig,
    /// The base URL as used (trimmed, no trailing slash).
    endpoint: String,
    use_max_completion_tokens: bool,
}

impl fmt::Debug for OpenAiModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpenAiModel")
            .field("endpoint", &self.endpoint)
            .field("model", &self.cfg.model)
            .field("api_key", &self.cfg.api_key)
            .finish_non_exhaustive()
    }
}

impl OpenAiModel {
    /// Checks the config and builds the HTTP client. [`LlmError::Config`] for an empty model name,
    /// a base URL that is not http(s), a key that cannot go in a header, or a zero timeout.
    pub fn new(mut cfg: OpenAiConfig) -> Result<Self, LlmError> {
        cfg.model = cfg.model.trim().to_string();
        if cfg.model.is_empty() {
            return Err(LlmError::Config(
                "no model name configured; set --model or HOTSEAT_MODEL".into(),
            ));
        }
        if let Some(key) = &cfg.api_key {
            let trimmed = key.expose().trim();
            cfg.api_key = (!trimmed.is_empty()).then(|| ApiKey::new(trimmed));
        }
        let scrub = |s: &str| match &cfg.api_key {
            Some(key) => key.scrub(s),
            None => s.to_string(),
        };

        let endpoint = cfg.base_url.trim().trim_end_matches('/').to_string();
        let url = reqwest::Url::parse(&endpoint)
            .map_err(|e| LlmError::Config(scrub(&format!("bad endpoint URL `{endpoint}`: {e}"))))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(LlmError::Config(scrub(&format!(
                "bad endpoint URL `{endpoint}`: the scheme must be http or https"
            ))));
        }
        if cfg.connect_timeout.is_zero() || cfg.read_timeout.is_zero() {
            return Err(LlmError::Config("timeouts must be longer than zero".into()));
        }
        let bearer = cfg
            .api_key
            .as_ref()
            .map_or(NO_KEY_PLACEHOLDER, ApiKey::expose);
        // async-openai builds the header with `parse().unwrap()`: check it here instead.
        if reqwest::header::HeaderValue::from_str(&format!("Bearer {bearer}")).is_err() {
            return Err(LlmError::Config(
                "the API key contains characters that cannot go in an HTTP header".into(),
            ));
        }

        let use_max_completion_tokens = match cfg.token_limit_param {
            TokenLimitParam::MaxCompletionTokens => true,
            TokenLimitParam::MaxTokens => false,
            TokenLimitParam::Auto => url
                .host_str()
                .is_some_and(|h| h.eq_ignore_ascii_case("api.openai.com")),
        };

        let http = reqwest::Client::builder()
            .connect_timeout(cfg.connect_timeout)
            .read_timeout(cfg.read_timeout)
            .user_agent(concat!("hotseat/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| {
                LlmError::Config(scrub(&format!(
                    "could not build the HTTP client: {}",
                    error_chain(&e)
                )))
            })?;
        // Every setting is explicit so OPENAI_API_KEY / OPENAI_BASE_URL in the environment
        // (which OpenAIConfig::new reads) never override the config.
        let oa_cfg = OpenAIConfig::new()
            .with_api_base(endpoint.clone())
            .with_api_key(bearer);
        Ok(Self {
            client: Client::build(http, oa_cfg),
            cfg,
            endpoint,
            use_max_completion_tokens,
        })
    }

    /// The config as used (model and key trimmed).
    pub fn config(&self) -> &OpenAiConfig {
        &self.cfg
    }

    /// The base URL requests go to (trimmed, no trailing slash).
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The request body sent for `request`. (`seed` and `max_tokens` are deprecated by OpenAI but
    /// still what local servers read.)
    #[allow(deprecated)]
    fn build_request(&self, request: &ChatRequest) -> CreateChatCompletionRequest {
        let messages = request
            .messages
            .iter()
            .map(|m| -> ChatCompletionRequestMessage {
                let content = m.content.as_str();
                match m.role {
                    Role::System => ChatCompletionRequestSystemMessage::from(content).into(),
                    Role::User => ChatCompletionRequestUserMessage::from(content).into(),
                    Role::Assistant => ChatCompletionRequestAssistantMessage::from(content).into(),
                }
            })
            .collect();
        let (max_completion_tokens, max_tokens) = if self.use_max_completion_tokens {
            (request.max_tokens, None)
        } else {
            (None, request.max_tokens)
        };
        let response_format =
            request
                .json_schema
                .as_ref()
                .map(|(name, schema)| ResponseFormat::JsonSchema {
                    json_schema: ResponseFormatJsonSchema {
                        description: None,
                        name: schema_name(name),
                        schema: schema.clone(),
                        strict: Some(true),
                    },
                });
        CreateChatCompletionRequest {
            model: self.cfg.model.clone(),
            messages,
            stream: Some(true),
            stream_options: Some(ChatCompletionStreamOptions {
                include_usage: Some(true),
                include_obfuscation: None,
            }),
            temperature: request.temperature,
            seed: request.seed,
            max_completion_tokens,
            max_tokens,
            response_format,
            ..Default::default()
        }
    }

    async fn run(
        &self,
        request: &ChatRequest,
        sink: TokenSink<'_>,
        cancel: &CancellationToken,
    ) -> Result<Completion, LlmError> {
        let body = self.build_request(request);
        tracing::debug!(
            endpoint = %self.endpoint,
            model = %self.cfg.model,
            messages = request.messages.len(),
            structured = request.json_schema.is_some(),
            "chat completion request"
        );
        let started = Instant::now();

        let chat = self.client.chat();
        let opened = tokio::select! {
            biased;
            _ = cancel.cancelled() => {
                tracing::debug!("cancelled before the stream opened");
                return Err(LlmError::Cancelled);
            }
            opened = chat.create_stream(body) => opened,
        };
        let mut stream = opened.map_err(|e| {
            let err = self.scrub_error(self.map_open_error(e));
            tracing::debug!(error = %err, "chat completion failed");
            err
        })?;

        let mut st = StreamState::new(started);
        let outcome = loop {
            let next = tokio::select! {
                biased;
                _ = cancel.cancelled() => break Outcome::Cancelled,
                next = stream.next() => next,
            };
            match next {
                None => break Outcome::Ended,
                Some(Ok(chunk)) => st.absorb(chunk, sink),
                Some(Err(e)) => match self.classify_stream_error(e, st.last_event.elapsed()) {
                    StreamFault::Skip(reason) => {
                        tracing::debug!(%reason, "skipping a malformed stream chunk");
                        st.skipped.get_or_insert(reason);
                    }
                    StreamFault::Fatal(fault) => break Outcome::Broke(fault),
                },
            }
        };
        drop(stream);
        let result = self.conclude(st, outcome);
        match &result {
            Ok(c) => tracing::debug!(
                finish = ?c.finish,
                chars = c.text.len(),
                usage = ?c.usage,
                latency_ms = c.latency.as_millis() as u64,
                first_token_ms = c.first_token.map(|d| d.as_millis() as u64),
                "chat completion done"
            ),
            Err(e) => tracing::debug!(error = %e, "chat completion failed mid-stream"),
        }
        result
    }

    /// Turns the collected stream and how it ended into the call's result.
    fn conclude(&self, st: StreamState, outcome: Outcome) -> Result<Completion, LlmError> {
        let latency = st.started.elapsed();
        let has_text = !st.text.is_empty();
        // A cancel that lands after the reply finished (while the usage chunk was on its way)
        // does not spoil it.
        let outcome = match outcome {
            Outcome::Cancelled if st.finish_reason.is_some() => Outcome::Ended,
            other => other,
        };
        let finish = match outcome {
            Outcome::Cancelled if has_text => Finish::Cancelled,
            Outcome::Cancelled => return Err(LlmError::Cancelled),
            Outcome::Ended | Outcome::Broke(_)
                if st.finish_reason.is_some() || st.refusal.is_some() =>
            {
                if let Outcome::Broke(fault) = &outcome {
                    tracing::debug!(reason = %fault.reason(), "stream broke after the reply finished");
                }
                match (st.finish_reason, &st.refusal) {
                    (_, Some(refusal)) => Finish::Cut {
                        reason: format!("the model refused: {}", one_line(refusal)),
                    },
                    (Some(FinishReason::Length), None) => Finish::Cut {
                        reason: "the reply reached the token limit (finish_reason: length)".into(),
                    },
                    (Some(FinishReason::ContentFilter), None) => Finish::Cut {
                        reason: "the provider's content filter stopped the reply".into(),
                    },
                    _ => Finish::Complete,
                }
            }
            Outcome::Broke(fault) if has_text => Finish::Cut {
                reason: fault.reason(),
            },
            Outcome::Broke(fault) => return Err(self.scrub_error(fault.into_error())),
            Outcome::Ended if has_text => Finish::Cut {
                reason: match &st.skipped {
                    Some(skipped) => format!("the stream ended unfinished after {skipped}"),
                    None => "the stream ended before the model finished (no finish_reason)".into(),
                },
            },
            Outcome::Ended => {
                return Err(self.scrub_error(match (st.skipped, st.chunks) {
                    (Some(skipped), _) => LlmError::Protocol(skipped),
                    (None, 0) => LlmError::Protocol(
                        "the endpoint sent no stream events; does it support streaming chat \
                         completions?"
                            .into(),
                    ),
                    (None, _) => {
                        LlmError::StreamBroken("the stream ended before any text arrived".into())
                    }
                }));
            }
        };
        let finish = match finish {
            Finish::Cut { reason } => Finish::Cut {
                reason: self.scrub(&reason),
            },
            other => other,
        };
        Ok(Completion {
            text: st.text,
            finish,
            usage: st.usage,
            model: st.model,
            latency,
            first_token: st.first_token,
        })
    }

    /// Maps an error from opening the stream (after async-openai's retries) to one clear error.
    fn map_open_error(&self, e: OpenAIError) -> LlmError {
        match e {
            OpenAIError::ApiError(resp) => {
                let status = resp.status_code.as_u16();
                let api = resp.api_error;
                match status {
                    401 | 403 => LlmError::Unauthorized { status },
                    404 => LlmError::UnknownModel {
                        model: self.cfg.model.clone(),
                    },
                    429 if is_quota_error(&api) => LlmError::Http {
                        status,
                        message: bounded(&api.to_string()),
                    },
                    429 => LlmError::RateLimited,
                    _ => {
                        let message = bounded(&api.to_string());
                        LlmError::Http {
                            status,
                            message: if message.is_empty() {
                                resp.status_code
                                    .canonical_reason()
                                    .unwrap_or("no message")
                                    .to_string()
                            } else {
                                message
                            },
                        }
                    }
                }
            }
            OpenAIError::Reqwest(e) => self.map_reqwest_error(&e),
            // An error status whose body is not OpenAI's `{"error": {...}}`: async-openai drops
            // the status in this case, so only the body is left to show.
            OpenAIError::JSONDeserialize(_, body) => LlmError::Protocol(format!(
                "the endpoint answered with an error this client cannot read: {}",
                bounded(&body)
            )),
            OpenAIError::StreamError(e) => LlmError::StreamBroken(bounded(&e.to_string())),
            OpenAIError::InvalidArgument(m) => LlmError::Config(m),
            other => LlmError::Protocol(bounded(&other.to_string())),
        }
    }

    fn map_reqwest_error(&self, e: &reqwest::Error) -> LlmError {
        if e.is_timeout() {
            LlmError::Timeout(if e.is_connect() {
                self.cfg.connect_timeout
            } else {
                self.cfg.read_timeout
            })
        } else if e.is_connect() {
            LlmError::Connect {
                endpoint: self.endpoint.clone(),
                cause: root_cause(e),
            }
        } else if let Some(status) = e.status() {
            LlmError::Http {
                status: status.as_u16(),
                message: bounded(&error_chain(e)),
            }
        } else {
            LlmError::StreamBroken(bounded(&error_chain(e)))
        }
    }

    /// Sorts an error that arrived inside the stream.
    fn classify_stream_error(&self, e: OpenAIError, silent_for: Duration) -> StreamFault {
        match e {
            OpenAIError::JSONDeserialize(err, data) => {
                if let Ok(wrapped) = serde_json::from_str::<WrappedError>(&data) {
                    StreamFault::Fatal(Fault::Reported(format!(
                        "the endpoint reported an error mid-stream: {}",
                        bounded(&wrapped.error.to_string())
                    )))
                } else {
                    StreamFault::Skip(format!(
                        "a malformed stream chunk ({err}): {}",
                        bounded_to(&data, 80)
                    ))
                }
            }
            OpenAIError::StreamError(se) => {
                // async-openai flattens transport errors to a string ("error decoding response
                // body"), so a stall that hit the read timeout is recognised by the silence.
                if silent_for >= self.cfg.read_timeout.mul_f64(0.75) {
                    StreamFault::Fatal(Fault::Silent(self.cfg.read_timeout))
                } else {
                    let detail = match *se {
                        StreamError::EventStream(m) => m,
                        other => other.to_string(),
                    };
                    StreamFault::Fatal(Fault::Broken(format!(
                        "the connection broke mid-stream: {}",
                        bounded(&detail)
                    )))
                }
            }
            OpenAIError::Reqwest(e) => match self.map_reqwest_error(&e) {
                LlmError::Timeout(d) => StreamFault::Fatal(Fault::Silent(d)),
                other => StreamFault::Fatal(Fault::Broken(other.to_string())),
            },
            other => StreamFault::Fatal(Fault::Broken(bounded(&other.to_string()))),
        }
    }

    fn scrub(&self, text: &str) -> String {
        match &self.cfg.api_key {
            Some(key) => key.scrub(text),
            None => text.to_string(),
        }
    }

    /// Removes the key from every message an error carries.
    fn scrub_error(&self, e: LlmError) -> LlmError {
        match e {
            LlmError::Http { status, message } => LlmError::Http {
                status,
                message: self.scrub(&message),
            },
            LlmError::Connect { endpoint, cause } => LlmError::Connect {
                endpoint: self.scrub(&endpoint),
                cause: self.scrub(&cause),
            },
            LlmError::UnknownModel { model } => LlmError::UnknownModel {
                model: self.scrub(&model),
            },
            LlmError::Protocol(m) => LlmError::Protocol(self.scrub(&m)),
            LlmError::StreamBroken(m) => LlmError::StreamBroken(self.scrub(&m)),
            LlmError::Config(m) => LlmError::Config(self.scrub(&m)),
            LlmError::NoReply(m) => LlmError::NoReply(self.scrub(&m)),
            other => other,
        }
    }
}

impl ChatModel for OpenAiModel {
    fn model_id(&self) -> &str {
        &self.cfg.model
    }

    fn complete<'a>(
        &'a self,
        request: &'a ChatRequest,
        sink: TokenSink<'a>,
        cancel: &'a CancellationToken,
    ) -> BoxFuture<'a, Result<Completion, LlmError>> {
        Box::pin(self.run(request, sink, cancel))
    }
}

/// What the stream has delivered so far.
struct StreamState {
    started: Instant,
    last_event: Instant,
    chunks: usize,
    text: String,
    refusal: Option<String>,
    finish_reason: Option<FinishReason>,
    usage: Option<Usage>,
    model: Option<String>,
    first_token: Option<Duration>,
    /// The first malformed chunk skipped, described.
    skipped: Option<String>,
}

impl StreamState {
    fn new(started: Instant) -> Self {
        Self {
            started,
            last_event: Instant::now(),
            chunks: 0,
            text: String::new(),
            refusal: None,
            finish_reason: None,
            usage: None,
            model: None,
            first_token: None,
            skipped: None,
        }
    }

    fn absorb(
        &mut self,
        chunk: CreateChatCompletionStreamResponse,
        sink: &mut (dyn FnMut(&str) + Send),
    ) {
        self.last_event = Instant::now();
        self.chunks += 1;
        if self.model.is_none() && !chunk.model.is_empty() {
            self.model = Some(chunk.model);
        }
        if let Some(u) = chunk.usage {
            // The final usage-only chunk (choices empty); some servers send running totals in
            // every chunk, so the last one wins.
            self.usage = Some(Usage {
                prompt_tokens: u.prompt_tokens,
                completion_tokens: u.completion_tokens,
                cached_tokens: u.prompt_tokens_details.and_then(|d| d.cached_tokens),
            });
        }
        for choice in chunk.choices.into_iter().filter(|c| c.index == 0) {
            if let Some(piece) = choice.delta.content.filter(|p| !p.is_empty()) {
                if self.first_token.is_none() {
                    self.first_token = Some(self.started.elapsed());
                }
                sink(&piece);
                self.text.push_str(&piece);
            }
            if let Some(refusal) = choice.delta.refusal.filter(|r| !r.is_empty()) {
                self.refusal
                    .get_or_insert_with(String::new)
                    .push_str(&refusal);
            }
            if choice.finish_reason.is_some() {
                self.finish_reason = choice.finish_reason;
            }
        }
    }
}

/// How the read loop ended.
enum Outcome {
    /// The stream ended (`[DONE]` or end of body; async-openai does not say which).
    Ended,
    /// `cancel` fired.
    Cancelled,
    /// A stream error that stops the reply.
    Broke(Fault),
}

enum StreamFault {
    /// A chunk that did not parse: skip it, and remember why in case the reply never finishes.
    Skip(String),
    Fatal(Fault),
}

enum Fault {
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

fn is_quota_error(api: &async_openai::error::ApiError) -> bool {
    let quota = |s: &Option<String>| s.as_deref() == Some("insufficient_quota");
    quota(&api.r#type) || quota(&api.code)
}

/// A JSON-schema name as OpenAI accepts it: `[A-Za-z0-9_-]{1,64}`.
fn schema_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    if cleaned.is_empty() {
        "reply".into()
    } else {
        cleaned
    }
}

/// Whitespace collapsed to single spaces: one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One line, at most `max` characters.
fn bounded_to(text: &str, max: usize) -> String {
    let line = one_line(text);
    if line.chars().count() <= max {
        line
    } else {
        let mut cut: String = line.chars().take(max).collect();
        cut.push('…');
        cut
    }
}

fn bounded(text: &str) -> String {
    bounded_to(text, MAX_MESSAGE_CHARS)
}

/// The innermost cause, e.g. "Connection refused (os error 111)".
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    bounded(&cur.to_string())
}

/// The error and its causes, joined with ": ".
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(next) = cur {
        let s = next.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
        cur = next.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::llm::ChatMessage;

    fn model(base: &str) -> OpenAiModel {
        OpenAiModel::new(OpenAiConfig::new(base, "m")).unwrap()
    }

    #[test]
    fn config_is_checked() {
        let bad = |cfg: OpenAiConfig| matches!(OpenAiModel::new(cfg), Err(LlmError::Config(_)));
        assert!(bad(OpenAiConfig::new(DEFAULT_BASE_URL, "  ")));
        assert!(bad(OpenAiConfig::new("localhost:11434/v1", "m")));
        assert!(bad(OpenAiConfig::new("ftp://example.com/v1", "m")));
        assert!(bad(OpenAiConfig::new("not a url", "m")));
        assert!(bad(
            OpenAiConfig::new(DEFAULT_BASE_URL, "m").with_api_key(ApiKey::new("sk-a\nb"))
        ));
        let m = model("http://localhost:11434/v1/");
        assert_eq!(m.endpoint(), "http://localhost:11434/v1");
        assert!(m.config().is_local());
        assert!(!OpenAiConfig::new(DEFAULT_BASE_URL, "m").is_local());
    }

    #[test]
    fn debug_hides_the_key() {
        let cfg =
            OpenAiConfig::new(DEFAULT_BASE_URL, "m").with_api_key(ApiKey::new("sk-secret-xyz"));
        let m = OpenAiModel::new(cfg.clone()).unwrap();
        assert!(!format!("{cfg:?} {m:?}").contains("sk-secret-xyz"));
    }

    #[test]
    #[allow(deprecated)]
    fn token_limit_field_follows_the_endpoint() {
        let mut req = ChatRequest::new(vec![ChatMessage::user("hi")]);
        req.max_tokens = Some(99);
        let openai = model(DEFAULT_BASE_URL).build_request(&req);
        assert_eq!(
            (openai.max_completion_tokens, openai.max_tokens),
            (Some(99), None)
        );
        let local = model("http://127.0.0.1:8080/v1").build_request(&req);
        assert_eq!(
            (local.max_completion_tokens, local.max_tokens),
            (None, Some(99))
        );
    }

    #[test]
    fn schema_names_are_cleaned() {
        assert_eq!(schema_name("turn verdict"), "turn_verdict");
        assert_eq!(schema_name(""), "reply");
        assert_eq!(schema_name(&"x".repeat(80)).len(), 64);
    }
}
