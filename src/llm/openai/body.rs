//! The request body: `async-openai`'s typed `CreateChatCompletionRequest`, in the output format the
//! endpoint takes for structured requests.

use async_openai::types::chat::{
    ChatCompletionRequestAssistantMessage, ChatCompletionRequestMessage,
    ChatCompletionRequestSystemMessage, ChatCompletionRequestUserMessage,
    ChatCompletionStreamOptions, CreateChatCompletionRequest, ResponseFormat,
    ResponseFormatJsonSchema,
};

use super::OutputFormat;
use crate::llm::{ChatRequest, Role};

/// The request body sent for `request` in `format`. (`seed` and `max_tokens` are deprecated
/// by OpenAI but still what local servers read.)
#[allow(deprecated)]
pub(super) fn request_body(
    model: &str,
    use_max_completion_tokens: bool,
    request: &ChatRequest,
    format: OutputFormat,
) -> serde_json::Value {
    let described = request
        .json_schema
        .as_ref()
        .filter(|_| format != OutputFormat::JsonSchema)
        .map(|(_, schema)| {
            format!(
                "\n\nReply with one JSON object and nothing else (no prose, no code fence), \
                 following this JSON schema:\n{schema}"
            )
        });
    let last = request.messages.len().saturating_sub(1);
    let messages = request
        .messages
        .iter()
        .enumerate()
        .map(|(i, m)| -> ChatCompletionRequestMessage {
            let mut content = m.content.clone();
            if i == last
                && let Some(extra) = &described
            {
                content.push_str(extra);
            }
            match m.role {
                Role::System => ChatCompletionRequestSystemMessage::from(content).into(),
                Role::User => ChatCompletionRequestUserMessage::from(content).into(),
                Role::Assistant => ChatCompletionRequestAssistantMessage::from(content).into(),
            }
        })
        .collect();
    let (max_completion_tokens, max_tokens) = if use_max_completion_tokens {
        (request.max_tokens, None)
    } else {
        (None, request.max_tokens)
    };
    let response_format = request
        .json_schema
        .as_ref()
        .and_then(|(name, schema)| match format {
            OutputFormat::JsonSchema => Some(ResponseFormat::JsonSchema {
                json_schema: ResponseFormatJsonSchema {
                    description: None,
                    name: schema_name(name),
                    schema: schema.clone(),
                    strict: Some(true),
                },
            }),
            OutputFormat::JsonObject => Some(ResponseFormat::JsonObject),
            OutputFormat::Plain => None,
        });
    let body = CreateChatCompletionRequest {
        model: model.to_string(),
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
    };
    serde_json::to_value(&body).unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_names_are_cleaned() {
        assert_eq!(schema_name("turn verdict"), "turn_verdict");
        assert_eq!(schema_name(""), "reply");
        assert_eq!(schema_name(&"x".repeat(80)).len(), 64);
    }
}
