//! What servers put in a chat completion, read leniently: a streamed chunk or a whole (non-streamed)
//! completion, and error bodies of every shape seen in the wild.
//!
//! Everything is read from a `serde_json::Value`, field by field, so one odd field (`"usage": {}`,
//! `"content": null`, a numeric error `code`, no `id`) never throws away the rest of a usable reply.

use serde_json::Value;

use crate::llm::Usage;

/// How a choice said it ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinishReason {
    /// The model finished (`stop`, `eos`, `end_turn`, `tool_calls`, anything unrecognised).
    Stop,
    /// The token limit cut it (`length`, `max_tokens`).
    Length,
    /// A content filter stopped it.
    ContentFilter,
}

/// What one chunk (or one whole completion) carried for the first choice.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Piece {
    /// Reply text (`delta.content` or `message.content`).
    pub content: Option<String>,
    /// Reasoning sent in its own field (`reasoning_content`, `reasoning`, `thinking`).
    pub reasoning: Option<String>,
    /// A refusal.
    pub refusal: Option<String>,
    /// How the choice ended, if it did in this chunk.
    pub finish: Option<FinishReason>,
    /// Token usage, when present and readable.
    pub usage: Option<Usage>,
    /// The model that answered.
    pub model: Option<String>,
    /// An error object in place of a reply.
    pub error: Option<ErrorBody>,
}

/// Reads one chunk or a whole completion. `None` when it is not a JSON object at all.
pub fn piece(text: &str) -> Option<Piece> {
    let v: Value = serde_json::from_str(text.trim()).ok()?;
    let obj = v.as_object()?;
    let mut p = Piece {
        model: obj
            .get("model")
            .and_then(Value::as_str)
            .filter(|m| !m.is_empty())
            .map(str::to_string),
        usage: usage(&v),
        ..Piece::default()
    };
    if obj.contains_key("error") || (obj.contains_key("detail") && !obj.contains_key("choices")) {
        p.error = Some(error_body(&v));
        return Some(p);
    }
    let choice = obj.get("choices").and_then(Value::as_array).and_then(|cs| {
        cs.iter()
            .find(|c| c.get("index").and_then(Value::as_u64).unwrap_or(0) == 0)
    });
    if let Some(c) = choice {
        // Streamed chunks carry `delta`, whole completions `message`; a few servers send both.
        for part in ["delta", "message"] {
            let Some(m) = c.get(part) else { continue };
            append(&mut p.content, string_field(m, &["content"]));
            append(
                &mut p.reasoning,
                string_field(m, &["reasoning_content", "reasoning", "thinking"]),
            );
            append(&mut p.refusal, string_field(m, &["refusal"]));
        }
        // Legacy completions put the text on the choice.
        if p.content.is_none() {
            p.content = string_field(c, &["text"]);
        }
        p.finish = c
            .get("finish_reason")
            .and_then(Value::as_str)
            .map(|r| match r {
                "length" | "max_tokens" => FinishReason::Length,
                "content_filter" => FinishReason::ContentFilter,
                _ => FinishReason::Stop,
            });
    }
    Some(p)
}

fn append(to: &mut Option<String>, more: Option<String>) {
    if let Some(more) = more.filter(|s| !s.is_empty()) {
        to.get_or_insert_with(String::new).push_str(&more);
    }
}

/// The first of `names` that holds a string (content parts as an array are joined).
fn string_field(v: &Value, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| match v.get(*n)? {
        Value::String(s) => Some(s.clone()),
        Value::Array(parts) => Some(
            parts
                .iter()
                .filter_map(|p| p.get("text").and_then(Value::as_str))
                .collect(),
        ),
        _ => None,
    })
}

/// Usage, when it has at least the two counts as numbers; `{}`, `null` or strings are ignored.
/// Cached prompt tokens come from `prompt_tokens_details.cached_tokens`, else llama.cpp's
/// `timings.cache_n`.
pub fn usage(v: &Value) -> Option<Usage> {
    let u = v.get("usage")?;
    let num = |x: Option<&Value>| {
        x.and_then(Value::as_u64)
            .map(|n| n.min(u32::MAX as u64) as u32)
    };
    let prompt = num(u.get("prompt_tokens")).or(num(u.get("input_tokens")))?;
    let completion = num(u.get("completion_tokens")).or(num(u.get("output_tokens")))?;
    let cached = num(u.pointer("/prompt_tokens_details/cached_tokens"))
        .or(num(u.pointer("/input_tokens_details/cached_tokens")))
        .or(num(v.pointer("/timings/cache_n")));
    Some(Usage {
        prompt_tokens: prompt,
        completion_tokens: completion,
        cached_tokens: cached,
    })
}

/// An error as a server described it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ErrorBody {
    /// The message, one line ("" when there was none).
    pub message: String,
    /// `type` or a string `code`, when given (`insufficient_quota`, `exceed_context_size_error`).
    pub kind: Option<String>,
    /// A numeric `code` (an HTTP status some servers put in the body), when given.
    pub status: Option<u16>,
}

/// Reads an error body of any shape: OpenAI's `{"error": {"message", "type", "code"}}` (code a
/// string or a number), `{"error": "text"}`, FastAPI's `{"detail": "text"}` or
/// `{"detail": [{"msg": ...}]}`, `{"message": ...}`, or plain text.
pub fn error_text(body: &str) -> ErrorBody {
    match serde_json::from_str::<Value>(body.trim()) {
        Ok(v) if v.is_object() => error_body(&v),
        Ok(Value::String(s)) => ErrorBody {
            message: one_line(&s),
            ..ErrorBody::default()
        },
        _ => ErrorBody {
            message: plain_text(body),
            ..ErrorBody::default()
        },
    }
}

fn error_body(v: &Value) -> ErrorBody {
    let inner = v.get("error").unwrap_or(v);
    let mut out = ErrorBody::default();
    match inner {
        Value::String(s) => out.message = one_line(s),
        Value::Object(_) => {
            out.message = message_of(inner).unwrap_or_default();
            out.kind = ["type", "code"]
                .iter()
                .find_map(|k| inner.get(*k).and_then(Value::as_str))
                .map(str::to_string);
            out.status = inner
                .get("code")
                .and_then(Value::as_u64)
                .filter(|c| (100..600).contains(c))
                .map(|c| c as u16);
            if out.message.is_empty() {
                // `{"error": {"error": ...}}` and other nestings.
                if let Some(nested) = inner.get("error") {
                    out.message = message_of(nested).unwrap_or_default();
                }
            }
        }
        _ => {}
    }
    if out.message.is_empty() {
        out.message = message_of(v).unwrap_or_else(|| one_line(&v.to_string()));
    }
    out
}

fn message_of(v: &Value) -> Option<String> {
    if let Some(s) = v.as_str() {
        return Some(one_line(s));
    }
    for key in ["message", "detail", "msg", "error", "description"] {
        match v.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => return Some(one_line(s)),
            Some(Value::Array(items)) if !items.is_empty() => {
                let parts: Vec<String> = items.iter().filter_map(message_of).collect();
                if !parts.is_empty() {
                    return Some(parts.join("; "));
                }
            }
            Some(obj @ Value::Object(_)) => {
                if let Some(m) = message_of(obj) {
                    return Some(m);
                }
            }
            _ => {}
        }
    }
    None
}

/// Plain text (or an HTML error page) as one line: tags dropped, whitespace collapsed.
fn plain_text(body: &str) -> String {
    let mut out = String::with_capacity(body.len().min(1024));
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    one_line(&out)
}

/// Whitespace collapsed to single spaces.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_shape_gives_its_message() {
        let cases = [
            (
                r#"{"error":{"message":"Incorrect API key","type":"invalid_request_error","code":"invalid_api_key"}}"#,
                "Incorrect API key",
            ),
            (
                r#"{"error":{"code":400,"message":"the request exceeds the available context size","type":"exceed_context_size_error"}}"#,
                "the request exceeds the available context size",
            ),
            (r#"{"error":"model not loaded"}"#, "model not loaded"),
            (r#"{"detail":"Invalid API key"}"#, "Invalid API key"),
            (
                r#"{"detail":[{"loc":["body","response_format"],"msg":"unsupported type","type":"value_error"}]}"#,
                "unsupported type",
            ),
            (r#"{"message":"Not Found","code":5}"#, "Not Found"),
            ("404 page not found\n", "404 page not found"),
            (
                "<html><body><h1>502 Bad Gateway</h1></body></html>",
                "502 Bad Gateway",
            ),
            (r#""quoted string""#, "quoted string"),
        ];
        for (body, want) in cases {
            assert_eq!(error_text(body).message, want, "{body}");
        }
        let numeric = error_text(cases[1].0);
        assert_eq!(numeric.status, Some(400));
        assert_eq!(numeric.kind.as_deref(), Some("exceed_context_size_error"));
    }

    #[test]
    fn odd_usage_is_ignored_not_fatal() {
        let p = piece(r#"{"choices":[{"delta":{"content":"hi"}}],"usage":{}}"#).unwrap();
        assert_eq!((p.content.as_deref(), p.usage), (Some("hi"), None));
        let p = piece(r#"{"choices":[],"usage":{"prompt_tokens":"x","completion_tokens":1}}"#);
        assert_eq!(p.unwrap().usage, None);
        let p = piece(
            r#"{"choices":[],"usage":{"prompt_tokens":90,"completion_tokens":5},"timings":{"cache_n":80}}"#,
        )
        .unwrap();
        assert_eq!(p.usage.unwrap().cached_tokens, Some(80));
    }

    #[test]
    fn null_content_reasoning_fields_and_whole_completions() {
        let p = piece(r#"{"choices":[{"index":0,"delta":{"content":null,"reasoning_content":"hmm"},"finish_reason":null}]}"#).unwrap();
        assert_eq!((p.content, p.reasoning.as_deref()), (None, Some("hmm")));
        let p = piece(r#"{"id":"x","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hello"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1}}"#).unwrap();
        assert_eq!(p.content.as_deref(), Some("Hello"));
        assert_eq!(p.finish, Some(FinishReason::Stop));
        assert_eq!(p.usage.unwrap().prompt_tokens, 3);
        assert!(piece("not json").is_none());
    }
}
