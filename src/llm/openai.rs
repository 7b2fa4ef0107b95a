//! The OpenAI-compatible chat model: any endpoint that speaks the chat completions API (OpenAI,
//! Ollama, vLLM, llama.cpp's llama-server, the llama-cpp-python server, LiteLLM, LM Studio).
//!
//! The request body is `async-openai`'s typed `CreateChatCompletionRequest`; the HTTP exchange,
//! the retries and the reading of the reply are ours, because real servers stray from the
//! protocol in ways a strict client turns into hangs or lost replies (see [`stream`]):
//!
//! - every call has an overall deadline ([`OpenAiConfig::call_timeout`]) besides the per-read
//!   timeout, so keep-alive comments or a connection left open after the last chunk cannot hold a
//!   turn forever; a reply ends at its `finish_reason` (plus a short grace for the usage chunk)
//!   without waiting for `[DONE]`;
//! - retries: a dead kept-alive connection (the server closed it after the last reply) is retried
//!   at once; connect errors, 429 and 502/503/504 (and a 500 that does not read as the request's
//!   own fault) up to [`OpenAiConfig::retries`] times, waiting `Retry-After` when it is at most
//!   [`OpenAiConfig::max_retry_wait`] (a longer one fails at once and says how long was asked);
//! - a structured request a server refuses is sent again with JSON mode, then as a plain prompt
//!   with the schema in the last message ([`OutputFormat`]); the client remembers what worked;
//! - error bodies of every shape become one [`LlmError`] with the status and the server's words.
//!
//! The API key leaves this module only in the `Authorization` header: it is never logged, and every
//! message that ends up in an [`LlmError`] or a [`Finish::Cut`] is scrubbed of it.

mod body;
mod config;
mod failure;
pub mod sse;
mod stream;
mod transport;
pub mod wire;

pub use config::{
    DEFAULT_BASE_URL, DEFAULT_RETRIES, Notice, OpenAiConfig, OutputFormat, TokenLimitParam,
};

use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use tokio::sync::OnceCell;
use tokio_util::sync::CancellationToken;

use self::config::NO_KEY_PLACEHOLDER;
use self::failure::{Call, Next};
use self::stream::{Outcome, StreamState};
use super::{ApiKey, ChatModel, ChatRequest, Completion, LlmError, TokenSink};

/// A chat model behind an OpenAI-compatible endpoint.
pub struct OpenAiModel {
    http: reqwest::Client,
    cfg: OpenAiConfig,
    /// The base URL as used (trimmed, no trailing slash).
    endpoint: String,
    use_max_completion_tokens: bool,
    /// The best [`OutputFormat`] the endpoint has not refused yet.
    format: AtomicU8,
    notice: Option<Notice>,
    window: OnceCell<Option<u32>>,
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
        if [cfg.connect_timeout, cfg.read_timeout, cfg.call_timeout]
            .iter()
            .any(Duration::is_zero)
        {
            return Err(LlmError::Config("timeouts must be longer than zero".into()));
        }
        let bearer = cfg
            .api_key
            .as_ref()
            .map_or(NO_KEY_PLACEHOLDER, ApiKey::expose);
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
                    transport::error_chain(&e)
                )))
            })?;
        Ok(Self {
            http,
            cfg,
            endpoint,
            use_max_completion_tokens,
            format: AtomicU8::new(OutputFormat::JsonSchema as u8),
            notice: None,
            window: OnceCell::new(),
        })
    }

    /// The same model, telling `notice` what a person waiting on a call should know.
    pub fn with_notice(mut self, notice: Notice) -> Self {
        self.notice = Some(notice);
        self
    }

    /// The config as used (model and key trimmed).
    pub fn config(&self) -> &OpenAiConfig {
        &self.cfg
    }

    /// The base URL requests go to (trimmed, no trailing slash).
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The format structured requests go out in now (the endpoint refused the better ones).
    pub fn output_format(&self) -> OutputFormat {
        OutputFormat::from_u8(self.format.load(Ordering::Relaxed))
    }

    fn say(&self, line: &str) {
        let line = self.scrub(line);
        tracing::debug!("{line}");
        if let Some(n) = &self.notice {
            n(&line);
        }
    }

    /// The request body sent for `request` in `format`.
    fn build_request(&self, request: &ChatRequest, format: OutputFormat) -> serde_json::Value {
        body::request_body(
            &self.cfg.model,
            self.use_max_completion_tokens,
            request,
            format,
        )
    }

    async fn run(
        &self,
        request: &ChatRequest,
        sink: TokenSink<'_>,
        cancel: &CancellationToken,
    ) -> Result<Completion, LlmError> {
        tracing::debug!(
            endpoint = %self.endpoint,
            model = %self.cfg.model,
            messages = request.messages.len(),
            structured = request.json_schema.is_some(),
            "chat completion request"
        );
        if cancel.is_cancelled() {
            return Err(LlmError::Cancelled);
        }
        let started = Instant::now();
        let deadline = tokio::time::Instant::now() + self.cfg.call_timeout;
        let mut st = StreamState::new(started, self.cfg.read_timeout);
        let outcome = {
            let work = self.attempts(request, &mut st, sink, cancel);
            tokio::select! {
                biased;
                _ = cancel.cancelled() => Outcome::Cancelled,
                _ = tokio::time::sleep_until(deadline) => Outcome::Deadline(self.cfg.call_timeout),
                outcome = work => outcome,
            }
        };
        let result = st.conclude(outcome).map_err(|e| self.scrub_error(e));
        let result = result.map(|mut c| {
            if let super::Finish::Cut { reason } = &mut c.finish {
                *reason = self.scrub(reason);
            }
            c
        });
        match &result {
            Ok(c) => tracing::debug!(
                finish = ?c.finish,
                chars = c.text.len(),
                reasoning_chars = c.reasoning.as_ref().map_or(0, String::len),
                usage = ?c.usage,
                latency_ms = c.latency.as_millis() as u64,
                "chat completion done"
            ),
            Err(e) => tracing::debug!(error = %e, "chat completion failed"),
        }
        result
    }

    /// Sends the request, retrying and falling back as [`failure::decide`] says, then reads the
    /// reply into `st`.
    async fn attempts(
        &self,
        request: &ChatRequest,
        st: &mut StreamState,
        sink: TokenSink<'_>,
        cancel: &CancellationToken,
    ) -> Outcome {
        let url = format!("{}/chat/completions", self.endpoint);
        let bearer = self
            .cfg
            .api_key
            .as_ref()
            .map_or(NO_KEY_PLACEHOLDER, ApiKey::expose);
        let mut retries = 0;
        loop {
            let format = self.output_format();
            let structured = request.json_schema.is_some();
            let body = self.build_request(request, format);
            let sent = self
                .http
                .post(&url)
                .bearer_auth(bearer)
                .header(
                    reqwest::header::ACCEPT,
                    "text/event-stream, application/json",
                )
                .json(&body)
                .send()
                .await;
            let resp = match sent {
                Ok(r) => r,
                Err(e) => {
                    let (err, how) = transport::send_error(&e, &self.endpoint, &self.cfg);
                    match transport::resend_wait(&how, retries) {
                        Some(wait) if retries < self.cfg.retries => {
                            tracing::debug!(error = %err, retries, "retrying after a send error");
                            tokio::time::sleep(wait).await;
                            retries += 1;
                            continue;
                        }
                        _ => return Outcome::Failed(err),
                    }
                }
            };
            let status = resp.status().as_u16();
            let call = Call {
                endpoint: &self.endpoint,
                model: &self.cfg.model,
                can_downgrade: structured && format.simpler().is_some(),
                retries,
                max_retries: self.cfg.retries,
                max_wait: self.cfg.max_retry_wait,
            };
            if !resp.status().is_success() {
                let retry_after = failure::retry_after(
                    resp.headers()
                        .get(reqwest::header::RETRY_AFTER)
                        .and_then(|v| v.to_str().ok()),
                );
                let text = transport::error_body_text(resp).await;
                let body = wire::error_text(&text);
                match failure::decide(&call, status, &body, retry_after) {
                    Next::Retry(wait) => {
                        let line = format!(
                            "the endpoint answered HTTP {status} ({}); trying again in {}",
                            failure::bounded_to(&body.message, 80),
                            super::human_wait(wait)
                        );
                        // A person is told only about waits they would notice.
                        if wait >= Duration::from_secs(1) {
                            self.say(&line);
                        } else {
                            tracing::debug!("{}", self.scrub(&line));
                        }
                        tokio::time::sleep(wait).await;
                        retries += 1;
                    }
                    Next::Downgrade => self.downgrade(format, status, &body.message),
                    Next::Fail(e) => {
                        if let LlmError::RateLimited {
                            retry_after: Some(w),
                            ..
                        } = &e
                            && *w > self.cfg.max_retry_wait
                        {
                            self.say(&format!(
                                "the endpoint asked to wait {} (Retry-After); hotseat waits at \
                                 most {}, so this call gives up now",
                                super::human_wait(*w),
                                super::human_wait(self.cfg.max_retry_wait)
                            ));
                        }
                        return Outcome::Failed(e);
                    }
                }
                continue;
            }
            match st.read(resp, sink, cancel).await {
                // An error object in place of a reply (some servers send it with 200).
                Outcome::Reported(body) if !st.has_text() => {
                    let status = body.status.unwrap_or(status);
                    match failure::decide(&call, status.max(400), &body, None) {
                        Next::Downgrade => {
                            self.downgrade(format, status, &body.message);
                            st.reset();
                        }
                        Next::Fail(e) if !matches!(e, LlmError::Http { .. }) => {
                            return Outcome::Failed(e);
                        }
                        // Never retried (the server answered), and the status it really sent.
                        _ => {
                            return Outcome::Failed(LlmError::Http {
                                status,
                                message: format!(
                                    "an error in place of a reply: {}",
                                    failure::bounded(&body.message)
                                ),
                            });
                        }
                    }
                }
                other => return other,
            }
        }
    }

    fn downgrade(&self, from: OutputFormat, status: u16, message: &str) {
        let to = from.simpler().unwrap_or(OutputFormat::Plain);
        // Concurrent calls may both fall back: keep the simplest format either reached.
        self.format.fetch_max(to as u8, Ordering::Relaxed);
        self.say(&format!(
            "the endpoint refused {from} (HTTP {status}: {}); using {to} from now on",
            failure::bounded_to(message, 120)
        ));
    }

    /// The model's context window in tokens: the configured one, else what the server reports
    /// (`/models`: vLLM's `max_model_len`, llama.cpp's `meta.n_ctx`, `context_length`), asked once.
    pub async fn context_window(&self) -> Option<u32> {
        if let Some(w) = self.cfg.context_window {
            return Some(w);
        }
        *self
            .window
            .get_or_init(|| transport::probe_window(&self.http, &self.endpoint, &self.cfg))
            .await
    }

    fn scrub(&self, text: &str) -> String {
        match &self.cfg.api_key {
            Some(key) => key.scrub(text),
            None => text.to_string(),
        }
    }

    /// Removes the key from every message an error carries.
    fn scrub_error(&self, e: LlmError) -> LlmError {
        e.map_messages(|m| self.scrub(&m))
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

    fn context_window(&self) -> BoxFuture<'_, Option<u32>> {
        Box::pin(OpenAiModel::context_window(self))
    }
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
        let mut zero = OpenAiConfig::new(DEFAULT_BASE_URL, "m");
        zero.call_timeout = Duration::ZERO;
        assert!(bad(zero));
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
    fn token_limit_field_follows_the_endpoint() {
        let mut req = ChatRequest::new(vec![ChatMessage::user("hi")]);
        req.max_tokens = Some(99);
        let openai = model(DEFAULT_BASE_URL).build_request(&req, OutputFormat::JsonSchema);
        assert_eq!(openai["max_completion_tokens"], 99);
        assert!(openai.get("max_tokens").is_none());
        let local = model("http://127.0.0.1:8080/v1").build_request(&req, OutputFormat::JsonSchema);
        assert_eq!(local["max_tokens"], 99);
        assert!(local.get("max_completion_tokens").is_none());
    }

    #[test]
    fn simpler_formats_describe_the_schema_in_the_last_message() {
        let mut req = ChatRequest::new(vec![
            ChatMessage::system("grade"),
            ChatMessage::user("the transcript"),
        ]);
        req.json_schema = Some(("v".into(), serde_json::json!({"type": "object"})));
        let m = model("http://127.0.0.1:8080/v1");
        let strict = m.build_request(&req, OutputFormat::JsonSchema);
        assert_eq!(strict["response_format"]["type"], "json_schema");
        assert_eq!(strict["messages"][1]["content"], "the transcript");
        let json_mode = m.build_request(&req, OutputFormat::JsonObject);
        assert_eq!(json_mode["response_format"]["type"], "json_object");
        let plain = m.build_request(&req, OutputFormat::Plain);
        assert!(plain.get("response_format").is_none());
        let last = plain["messages"][1]["content"].as_str().unwrap();
        assert!(last.starts_with("the transcript") && last.contains(r#"{"type":"object"}"#));
        assert_eq!(plain["messages"][0]["content"], "grade");
    }
}
