//! What an error answer means and what to do about it: one [`LlmError`] a person can act on, and
//! whether to try again (and after how long), or to retry a structured request in a simpler
//! output format.

use std::time::Duration;

use super::wire::ErrorBody;
use crate::llm::LlmError;

/// Longest server message kept in an error, in characters.
pub const MAX_MESSAGE_CHARS: usize = 300;

/// What to do after an error answer.
#[derive(Debug)]
pub enum Next {
    /// Try again after this long.
    Retry(Duration),
    /// Send the structured request again in the next simpler output format, now.
    Downgrade,
    /// Give up with this error.
    Fail(LlmError),
}

/// What the client knows about the call that failed.
pub struct Call<'a> {
    /// The base URL as configured.
    pub endpoint: &'a str,
    /// The model asked for.
    pub model: &'a str,
    /// Whether the request asked for structured output and a simpler format is left to try.
    pub can_downgrade: bool,
    /// Retries made so far for this call.
    pub retries: u32,
    /// Most retries allowed.
    pub max_retries: u32,
    /// Longest `Retry-After` the client waits out.
    pub max_wait: Duration,
}

/// Decides what an HTTP error answer (`status`, its body read leniently, its `Retry-After`) means.
pub fn decide(
    call: &Call<'_>,
    status: u16,
    body: &ErrorBody,
    retry_after: Option<Duration>,
) -> Next {
    let message = bounded(&body.message);
    let lower = message.to_ascii_lowercase();
    let kind = body.kind.as_deref().unwrap_or_default();
    if is_context_exceeded(&lower, kind) {
        return Next::Fail(LlmError::ContextExceeded {
            message: with_status(status, &message),
        });
    }
    match status {
        401 | 403 => Next::Fail(LlmError::Unauthorized {
            status,
            relayed: is_relayed(&lower),
            message,
        }),
        404 => Next::Fail(not_found(call, message, &lower)),
        429 if kind == "insufficient_quota" || lower.contains("quota") => {
            Next::Fail(LlmError::Http { status, message })
        }
        429 => match retry_after {
            Some(wait) if wait > call.max_wait => Next::Fail(LlmError::RateLimited {
                retry_after: Some(wait),
                message,
            }),
            _ if call.retries >= call.max_retries => Next::Fail(LlmError::RateLimited {
                retry_after,
                message,
            }),
            wait => Next::Retry(wait.unwrap_or_else(|| backoff(call.retries))),
        },
        400 | 415 | 422 | 500 | 501 if call.can_downgrade && !is_transient_text(&lower) => {
            Next::Downgrade
        }
        500 | 502 | 503 | 504 | 529
            if call.retries < call.max_retries && !is_deterministic(&lower, kind) =>
        {
            match retry_after {
                Some(wait) if wait > call.max_wait => Next::Fail(LlmError::Http {
                    status,
                    message: format!(
                        "{}; it asked to wait {}",
                        or_reason(status, &message),
                        crate::llm::human_wait(wait)
                    ),
                }),
                wait => Next::Retry(wait.unwrap_or_else(|| backoff(call.retries))),
            }
        }
        _ => Next::Fail(LlmError::Http {
            status,
            message: or_reason(status, &message),
        }),
    }
}

/// 100 ms, 200 ms, 400 ms, ... capped at 4 s.
pub fn backoff(retries: u32) -> Duration {
    Duration::from_millis(100u64.saturating_mul(1 << retries.min(6))).min(Duration::from_secs(4))
}

/// `Retry-After` as seconds (fractions allowed) or an HTTP date; `None` when absent or unreadable.
pub fn retry_after(value: Option<&str>) -> Option<Duration> {
    let v = value?.trim();
    if let Ok(secs) = v.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(1e9)));
    }
    let when =
        time::OffsetDateTime::parse(v, &time::format_description::well_known::Rfc2822).ok()?;
    let left = when - time::OffsetDateTime::now_utc();
    Some(Duration::try_from(left).unwrap_or(Duration::ZERO))
}

fn not_found(call: &Call<'_>, message: String, lower: &str) -> LlmError {
    if lower.contains("model") && !lower.contains("page not found") {
        return LlmError::UnknownModel {
            model: call.model.to_string(),
            message: or_reason(404, &message),
        };
    }
    let base = call.endpoint.trim_end_matches('/');
    let path = reqwest::Url::parse(base)
        .map(|u| u.path().trim_end_matches('/').to_string())
        .unwrap_or_default();
    let hint = if !path.ends_with("/v1") && !path.contains("/v1/") {
        format!("; the base URL has no /v1 at its end: try OPENAI_BASE_URL={base}/v1")
    } else {
        "; check OPENAI_BASE_URL: it should be the API root that /chat/completions hangs off"
            .to_string()
    };
    LlmError::NotFound {
        url: format!("{base}/chat/completions"),
        message: or_reason(404, &message),
        hint,
    }
}

/// "Context exceeded" as llama.cpp, vLLM, OpenAI, llama-cpp-python, LM Studio and Ollama word it.
fn is_context_exceeded(lower: &str, kind: &str) -> bool {
    kind == "exceed_context_size_error"
        || kind == "context_length_exceeded"
        || lower.contains("context size")
        || lower.contains("context length")
        || lower.contains("context window")
        || lower.contains("maximum context")
        || lower.contains("context_length_exceeded")
        || (lower.contains("exceed") && lower.contains("context"))
        || (lower.contains("too long") && lower.contains("token"))
}

/// A 401 the proxy passed on from the server behind it (LiteLLM wraps the backend's exception).
fn is_relayed(lower: &str) -> bool {
    [
        "litellm",
        "exception -",
        "exception:",
        "upstream",
        "backend",
        "provider",
        "proxy",
    ]
    .iter()
    .any(|m| lower.contains(m))
}

/// A server error that will come back the same every time: the request itself is the problem
/// (a chat template that rejects the message order, a validation error).
fn is_deterministic(lower: &str, kind: &str) -> bool {
    kind == "invalid_request_error"
        || kind == "not_supported_error"
        || [
            "template",
            "jinja",
            "alternate",
            "roles must",
            "invalid",
            "unsupported",
            "not supported",
            "validation",
            "cannot parse",
            "failed to parse",
        ]
        .iter()
        .any(|m| lower.contains(m))
}

/// An error text that says the server is busy or loading rather than refusing the format.
fn is_transient_text(lower: &str) -> bool {
    ["loading", "overloaded", "busy", "unavailable", "try again"]
        .iter()
        .any(|m| lower.contains(m))
}

fn with_status(status: u16, message: &str) -> String {
    if message.is_empty() {
        format!("HTTP {status}")
    } else {
        format!("HTTP {status}: {message}")
    }
}

/// The message, or the status's reason phrase when there is none.
fn or_reason(status: u16, message: &str) -> String {
    if message.is_empty() {
        reqwest::StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("no message")
            .to_string()
    } else {
        message.to_string()
    }
}

/// One line, at most [`MAX_MESSAGE_CHARS`] characters.
pub fn bounded(text: &str) -> String {
    bounded_to(text, MAX_MESSAGE_CHARS)
}

/// One line, at most `max` characters.
pub fn bounded_to(text: &str, max: usize) -> String {
    let line = super::wire::one_line(text);
    if line.chars().count() <= max {
        line
    } else {
        let mut cut: String = line.chars().take(max).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(endpoint: &str) -> Call<'_> {
        Call {
            endpoint,
            model: "m",
            can_downgrade: false,
            retries: 0,
            max_retries: 3,
            max_wait: Duration::from_secs(20),
        }
    }

    fn body(message: &str) -> ErrorBody {
        ErrorBody {
            message: message.into(),
            ..ErrorBody::default()
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(retry_after(Some("2")), Some(Duration::from_secs(2)));
        assert_eq!(retry_after(Some("0.5")), Some(Duration::from_millis(500)));
        assert_eq!(retry_after(Some("soon")), None);
        assert_eq!(
            retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT")),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn a_day_long_retry_after_fails_at_once_and_says_so() {
        let next = decide(
            &call("http://x/v1"),
            429,
            &body(""),
            Some(Duration::from_secs(86400)),
        );
        let Next::Fail(e) = next else {
            panic!("{next:?}")
        };
        assert!(e.to_string().contains("24 h"), "{e}");
    }

    #[test]
    fn a_template_rejection_is_not_retried() {
        let next = decide(
            &call("http://x/v1"),
            500,
            &body("Conversation roles must alternate user/assistant/user/assistant/..."),
            None,
        );
        assert!(matches!(
            next,
            Next::Fail(LlmError::Http { status: 500, .. })
        ));
        let busy = decide(&call("http://x/v1"), 503, &body("Loading model"), None);
        assert!(matches!(busy, Next::Retry(_)));
    }

    #[test]
    fn a_404_without_v1_suggests_it() {
        let Next::Fail(e) = decide(
            &call("http://localhost:11434"),
            404,
            &body("404 page not found"),
            None,
        ) else {
            panic!()
        };
        let line = e.to_string();
        assert!(line.contains("HTTP 404: 404 page not found"), "{line}");
        assert!(line.contains("http://localhost:11434/v1"), "{line}");
    }
}
