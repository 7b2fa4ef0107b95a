//! The HTTP edge around a call: what a send error means and whether to send again, reading an
//! error body, asking the server for the context window, and error chains in one line.

use std::time::Duration;

use futures::StreamExt;

use super::OpenAiConfig;
use super::failure::{backoff, bounded};
use crate::llm::LlmError;

/// Most bytes of an error body read.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// How to go on after the request could not be sent or answered.
pub(super) enum Resend {
    /// Not worth trying again.
    No,
    /// At once: a kept-alive connection the server had closed.
    Now,
    /// After a backoff: the endpoint could not be reached.
    Later,
}

/// What a send error means, and whether to send again.
pub(super) fn send_error(
    e: &reqwest::Error,
    endpoint: &str,
    cfg: &OpenAiConfig,
) -> (LlmError, Resend) {
    let chain = error_chain(e);
    let lower = chain.to_ascii_lowercase();
    if e.is_timeout() {
        if e.is_connect() {
            (LlmError::Timeout(cfg.connect_timeout), Resend::Later)
        } else {
            (LlmError::Timeout(cfg.read_timeout), Resend::No)
        }
    } else if e.is_connect() {
        (
            LlmError::Connect {
                endpoint: endpoint.to_string(),
                cause: root_cause(e),
            },
            Resend::Later,
        )
    } else if [
        "connection closed before message completed",
        "incomplete message",
        "connection reset",
        "broken pipe",
        "unexpected eof",
        "channel closed",
    ]
    .iter()
    .any(|m| lower.contains(m))
    {
        (
            LlmError::StreamBroken(format!(
                "the server closed the connection before answering ({})",
                bounded(&root_cause(e))
            )),
            Resend::Now,
        )
    } else {
        (LlmError::StreamBroken(bounded(&chain)), Resend::No)
    }
}

/// The wait before resending, for `Resend::Later` after `retries` retries.
pub(super) fn resend_wait(how: &Resend, retries: u32) -> Option<Duration> {
    match how {
        Resend::No => None,
        Resend::Now => Some(Duration::ZERO),
        Resend::Later => Some(backoff(retries)),
    }
}

/// The start of an error response's body, as text ("" when it cannot be read).
pub(super) async fn error_body_text(resp: reqwest::Response) -> String {
    let mut body = resp.bytes_stream();
    let mut out = Vec::new();
    while let Some(Ok(bytes)) = body.next().await {
        out.extend_from_slice(&bytes);
        if out.len() >= ERROR_BODY_LIMIT {
            out.truncate(ERROR_BODY_LIMIT);
            break;
        }
    }
    let text = String::from_utf8_lossy(&out);
    text.strip_prefix('\u{feff}').unwrap_or(&text).to_string()
}

/// Asks the server for the model's context window: `/models` (vLLM `max_model_len`, llama.cpp
/// `meta.n_ctx`, LM Studio and others `context_length`), then llama.cpp's `/props`.
pub(super) async fn probe_window(
    http: &reqwest::Client,
    endpoint: &str,
    cfg: &OpenAiConfig,
) -> Option<u32> {
    let get = |url: String| {
        let mut req = http.get(url).timeout(Duration::from_secs(5));
        if let Some(key) = &cfg.api_key {
            req = req.bearer_auth(key.expose());
        }
        async move {
            let resp = req.send().await.ok()?;
            if !resp.status().is_success() {
                return None;
            }
            resp.json::<serde_json::Value>().await.ok()
        }
    };
    let read = |v: &serde_json::Value| -> Option<u32> {
        [
            "/max_model_len",
            "/context_length",
            "/context_window",
            "/max_context_length",
            "/meta/n_ctx",
            "/default_generation_settings/n_ctx",
        ]
        .iter()
        .find_map(|p| v.pointer(p).and_then(serde_json::Value::as_u64))
        .filter(|n| *n > 0)
        .map(|n| n.min(u64::from(u32::MAX)) as u32)
    };
    if let Some(models) = get(format!("{endpoint}/models")).await
        && let Some(list) = models.get("data").and_then(serde_json::Value::as_array)
    {
        let entry = list
            .iter()
            .find(|m| m.get("id").and_then(serde_json::Value::as_str) == Some(cfg.model.as_str()))
            .or_else(|| (list.len() == 1).then(|| &list[0]));
        if let Some(n) = entry.and_then(read) {
            return Some(n);
        }
    }
    let root = endpoint.strip_suffix("/v1").unwrap_or(endpoint);
    let props = get(format!("{root}/props")).await?;
    read(&props)
}

/// The innermost cause, e.g. "Connection refused (os error 111)".
pub(super) fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    bounded(&cur.to_string())
}

/// The error and its causes, joined with ": ".
pub(super) fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
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
