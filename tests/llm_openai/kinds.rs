//! The failure kinds users of other tools reported against real OpenAI-compatible servers, each
//! replayed as the server sent it, each test named for what broke.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hotseat::llm::openai::OutputFormat;
use wiremock::{Request, Respond};

use super::mock::{self, Step};
use super::*;

fn quick(base: &str) -> OpenAiConfig {
    let mut cfg = config(base);
    cfg.read_timeout = Duration::from_secs(20);
    cfg.call_timeout = Duration::from_secs(20);
    cfg
}

fn sse_bytes(chunks: &[Value]) -> String {
    sse_open(chunks)
}

fn json_error(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_string(), "application/json")
}

// ---------- streams that never end ----------

#[tokio::test]
async fn byte_order_mark_before_the_first_event() {
    let body = format!("\u{feff}{}", sse(&[text("Hello"), finish("stop")]));
    let raw = mock::serve(vec![vec![vec![
        Step::Write(mock::SSE_HEAD.into()),
        Step::Write(mock::chunk(&body)),
        Step::Write(mock::LAST_CHUNK.into()),
    ]]]);
    let model = OpenAiModel::new(quick(&raw.base)).unwrap();
    let done = call(&model, &request()).await.1.unwrap();
    assert_eq!(
        (done.text.as_str(), done.finish),
        ("Hello", Finish::Complete)
    );
}

#[tokio::test]
async fn keep_alive_comments_only_end_at_the_call_deadline() {
    let raw = mock::serve(vec![vec![vec![
        Step::Write(mock::SSE_HEAD.into()),
        Step::Repeat {
            bytes: mock::chunk(": keep-alive\n\n"),
            every: Duration::from_millis(50),
            times: 400,
        },
    ]]]);
    let mut cfg = quick(&raw.base);
    cfg.call_timeout = Duration::from_millis(700);
    let started = Instant::now();
    let (_, result) = call(&OpenAiModel::new(cfg).unwrap(), &request()).await;
    assert!(
        matches!(result, Err(LlmError::Deadline(d)) if d == Duration::from_millis(700)),
        "{result:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(
        result
            .unwrap_err()
            .to_string()
            .contains("HOTSEAT_CALL_TIMEOUT")
    );
}

#[tokio::test]
async fn finished_reply_without_done_and_heartbeats_after_it() {
    let raw = mock::serve(vec![vec![vec![
        Step::Write(mock::SSE_HEAD.into()),
        Step::Write(mock::chunk(&sse_bytes(&[
            text("What is "),
            text("the peak QPS?"),
            finish("stop"),
        ]))),
        Step::Repeat {
            bytes: mock::chunk(": ping\n\n"),
            every: Duration::from_millis(100),
            times: 300,
        },
    ]]]);
    let started = Instant::now();
    let done = call(&OpenAiModel::new(quick(&raw.base)).unwrap(), &request())
        .await
        .1
        .unwrap();
    assert_eq!(done.text, "What is the peak QPS?");
    assert_eq!(done.finish, Finish::Complete);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn silent_open_connection_after_the_last_chunk() {
    let raw = mock::serve(vec![vec![vec![
        Step::Write(mock::SSE_HEAD.into()),
        Step::Write(mock::chunk(&sse_bytes(&[
            text("Go on."),
            finish("stop"),
            usage(10, 2, Some(8)),
        ]))),
        Step::Hang,
    ]]]);
    let started = Instant::now();
    let done = call(&OpenAiModel::new(quick(&raw.base)).unwrap(), &request())
        .await
        .1
        .unwrap();
    assert_eq!(done.text, "Go on.");
    assert_eq!(done.usage.unwrap().cached_tokens, Some(8));
    // The usage came: no grace wait, no read timeout.
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn deadline_mid_reply_keeps_the_text_so_far() {
    let raw = mock::serve(vec![vec![vec![
        Step::Write(mock::SSE_HEAD.into()),
        Step::Write(mock::chunk(&sse_bytes(&[text("Tell me about ")]))),
        Step::Repeat {
            bytes: mock::chunk(&sse_bytes(&[text("more ")])),
            every: Duration::from_millis(100),
            times: 200,
        },
    ]]]);
    let mut cfg = quick(&raw.base);
    cfg.call_timeout = Duration::from_millis(600);
    let done = call(&OpenAiModel::new(cfg).unwrap(), &request())
        .await
        .1
        .unwrap();
    assert!(done.text.starts_with("Tell me about more"), "{}", done.text);
    match done.finish {
        Finish::Cut { reason } => assert!(reason.contains("deadline"), "{reason}"),
        other => panic!("expected Cut, got {other:?}"),
    }
}

#[tokio::test]
async fn retry_after_of_a_day_is_capped_and_shown() {
    let server = MockServer::start().await;
    mount(
        &server,
        api_error(429, "Rate limit reached", "requests").insert_header("retry-after", "86400"),
    )
    .await;
    let seen = Arc::new(Mutex::new(Vec::<String>::new()));
    let log = seen.clone();
    let model = model_at(&server).with_notice(Arc::new(move |l: &str| {
        log.lock().unwrap().push(l.to_string())
    }));
    let started = Instant::now();
    let err = call(&model, &request()).await.1.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(
        matches!(err, LlmError::RateLimited { retry_after: Some(d), .. } if d.as_secs() == 86400)
    );
    assert!(err.to_string().contains("asked to wait 24 h"), "{err}");
    assert_eq!(requests_seen(&server).await.len(), 1);
    let notices = seen.lock().unwrap();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("24 h") && n.contains("at most 20 s")),
        "{notices:?}"
    );
}

// ---------- usable replies that were thrown away ----------

#[tokio::test]
async fn usage_empty_object_keeps_the_reply() {
    let server = MockServer::start().await;
    let mut with_empty = text("Fine.");
    with_empty["usage"] = json!({});
    let mut stop = finish("stop");
    stop["usage"] = json!({});
    mount(&server, stream_ok(sse(&[with_empty, stop]))).await;
    let done = call(&model_at(&server), &request()).await.1.unwrap();
    assert_eq!(
        (done.text.as_str(), done.finish),
        ("Fine.", Finish::Complete)
    );
    assert_eq!(done.usage, None);
}

#[tokio::test]
async fn chunks_without_id_or_created_are_read() {
    let server = MockServer::start().await;
    let bare = |c: &str| json!({"choices": [{"delta": {"content": c}}]});
    let end = json!({"choices": [{"delta": {}, "finish_reason": "stop"}]});
    mount(&server, stream_ok(sse(&[bare("a "), bare("b"), end]))).await;
    let done = call(&model_at(&server), &request()).await.1.unwrap();
    assert_eq!((done.text.as_str(), done.finish), ("a b", Finish::Complete));
}

#[tokio::test]
async fn plain_json_answer_to_a_stream_request() {
    let server = MockServer::start().await;
    let whole = json!({
        "id": "c", "object": "chat.completion", "created": 1, "model": "served-model",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "How many users?"},
                     "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 20, "completion_tokens": 4, "total_tokens": 24}
    });
    mount(&server, ResponseTemplate::new(200).set_body_json(whole)).await;
    let (pieces, result) = call(&model_at(&server), &request()).await;
    let done = result.unwrap();
    assert_eq!(pieces, ["How many users?"]);
    assert_eq!(done.finish, Finish::Complete);
    assert_eq!(done.usage.unwrap().prompt_tokens, 20);
    assert_eq!(done.model.as_deref(), Some("served-model"));
}

#[tokio::test]
async fn think_block_is_kept_apart_from_the_reply() {
    let server = MockServer::start().await;
    mount(
        &server,
        stream_ok(sse(&[
            text("<think>The sheet says 500k QPS at peak,"),
            text(" but they did not ask.</th"),
            text("ink>\n\nWhat would you "),
            text("like to know first?"),
            finish("stop"),
        ])),
    )
    .await;
    let (pieces, result) = call(&model_at(&server), &request()).await;
    let done = result.unwrap();
    assert!(!pieces.concat().contains("500k"), "{pieces:?}");
    assert_eq!(done.text.trim(), "What would you like to know first?");
    assert!(done.reasoning.unwrap().contains("500k QPS"));
}

#[tokio::test]
async fn reasoning_content_field_is_kept_apart() {
    let server = MockServer::start().await;
    mount(
        &server,
        stream_ok(sse(&[
            chunk(
                json!({"reasoning_content": "They asked about scale."}),
                None,
            ),
            chunk(
                json!({"content": null, "reasoning_content": " Reveal it."}),
                None,
            ),
            text("About 10k QPS at peak."),
            finish("stop"),
        ])),
    )
    .await;
    let (pieces, result) = call(&model_at(&server), &request()).await;
    let done = result.unwrap();
    assert_eq!(pieces.concat(), "About 10k QPS at peak.");
    assert_eq!(
        done.reasoning.as_deref(),
        Some("They asked about scale. Reveal it.")
    );
}

#[tokio::test]
async fn reasoning_that_spends_the_whole_budget_is_an_empty_cut_reply() {
    let server = MockServer::start().await;
    mount(
        &server,
        stream_ok(sse(&[text("<think>Let me consider"), finish("length")])),
    )
    .await;
    let done = call(&model_at(&server), &request()).await.1.unwrap();
    assert_eq!(done.text, "");
    assert!(matches!(done.finish, Finish::Cut { .. }));
    assert_eq!(done.reasoning.as_deref(), Some("Let me consider"));
}

#[tokio::test]
async fn null_content_is_an_empty_reply_not_a_success_with_text() {
    let server = MockServer::start().await;
    mount(
        &server,
        stream_ok(sse(&[
            chunk(json!({"role": "assistant", "content": null}), None),
            chunk(json!({"content": null}), Some("stop")),
        ])),
    )
    .await;
    let (pieces, result) = call(&model_at(&server), &request()).await;
    let done = result.unwrap();
    assert!(pieces.is_empty());
    assert_eq!((done.text.as_str(), done.finish), ("", Finish::Complete));
}

// ---------- error bodies of every shape ----------

#[tokio::test]
async fn error_with_numeric_code_says_context_exceeded() {
    let server = MockServer::start().await;
    mount(
        &server,
        json_error(
            400,
            r#"{"error":{"code":400,"message":"request (9000 tokens) exceeds the available context size (8192 tokens), try increasing it","type":"exceed_context_size_error"}}"#,
        ),
    )
    .await;
    let err = call(&model_at(&server), &request()).await.1.unwrap_err();
    assert!(matches!(err, LlmError::ContextExceeded { .. }), "{err:?}");
    let line = err.to_string();
    assert!(
        line.contains("HTTP 400") && line.contains("9000 tokens"),
        "{line}"
    );
    assert!(line.contains("larger context"), "{line}");
    assert_eq!(requests_seen(&server).await.len(), 1);
}

#[tokio::test]
async fn detail_body_wrong_key_gives_the_server_message() {
    let server = MockServer::start().await;
    mount(&server, json_error(401, r#"{"detail":"Invalid API key"}"#)).await;
    let err = call(&model_at(&server), &request()).await.1.unwrap_err();
    let line = err.to_string();
    assert!(line.contains("HTTP 401: Invalid API key"), "{line}");
    assert!(line.contains("check OPENAI_API_KEY"), "{line}");
}

#[tokio::test]
async fn string_error_body_gives_status_and_message() {
    let server = MockServer::start().await;
    mount(
        &server,
        json_error(500, r#"{"error":"model failed to load"}"#),
    )
    .await;
    let err = call(&model_at(&server), &request()).await.1.unwrap_err();
    assert_eq!(
        err.to_string(),
        "the endpoint answered HTTP 500: model failed to load"
    );
}

#[tokio::test]
async fn base_url_without_v1_suggests_adding_it() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/chat/completions"))
        .respond_with(ResponseTemplate::new(404).set_body_string("404 page not found"))
        .mount(&server)
        .await;
    let model = OpenAiModel::new(config(&server.uri())).unwrap();
    let err = call(&model, &request()).await.1.unwrap_err();
    let line = err.to_string();
    assert!(line.contains("HTTP 404: 404 page not found"), "{line}");
    assert!(
        line.contains(&format!("OPENAI_BASE_URL={}/v1", server.uri())),
        "{line}"
    );
}

#[tokio::test]
async fn relayed_401_blames_the_server_behind_the_proxy() {
    let server = MockServer::start().await;
    mount(
        &server,
        json_error(
            401,
            r#"{"error":{"message":"litellm.AuthenticationError: AuthenticationError: OpenAIException - Incorrect API key provided: sk-proj-abcdefabcdefabcdef","type":"auth_error","param":"None","code":"401"}}"#,
        ),
    )
    .await;
    let err = call(&model_at(&server), &request()).await.1.unwrap_err();
    assert!(
        matches!(err, LlmError::Unauthorized { relayed: true, .. }),
        "{err:?}"
    );
    let line = err.to_string();
    assert!(line.contains("server behind the proxy"), "{line}");
    assert!(!line.contains("check OPENAI_API_KEY"), "{line}");
}

#[tokio::test]
async fn status_200_carrying_an_error_body() {
    let server = MockServer::start().await;
    mount(
        &server,
        json_error(
            200,
            r#"{"error":{"message":"Model is loading","code":503}}"#,
        ),
    )
    .await;
    let err = call(&model_at(&server), &request()).await.1.unwrap_err();
    let line = err.to_string();
    assert!(
        line.contains("HTTP 503") && line.contains("Model is loading"),
        "{line}"
    );
}

#[tokio::test]
async fn error_event_with_numeric_code_before_any_text() {
    let server = MockServer::start().await;
    let body =
        "event: error\ndata: {\"error\":{\"code\":500,\"message\":\"slot unavailable\"}}\n\n";
    mount(&server, stream_ok(body.to_string())).await;
    let err = call(&model_at(&server), &request()).await.1.unwrap_err();
    assert!(err.to_string().contains("slot unavailable"), "{err}");
}

// ---------- servers that refuse what they cannot do ----------

/// Refuses any request whose messages break strict alternation (as Mistral's and Gemma's chat
/// templates do inside llama.cpp), with the 500 those servers send.
struct StrictTemplate;

impl Respond for StrictTemplate {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&req.body).unwrap();
        let roles: Vec<&str> = body["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["role"].as_str().unwrap())
            .collect();
        let rest = roles.strip_prefix(&["system"]).unwrap_or(&roles);
        let alternates = rest
            .iter()
            .enumerate()
            .all(|(i, r)| *r == if i % 2 == 0 { "user" } else { "assistant" });
        if alternates && rest.last() == Some(&"user") {
            stream_ok(sse(&[text("ok"), finish("stop")]))
        } else {
            json_error(
                500,
                r#"{"error":{"code":500,"message":"Conversation roles must alternate user/assistant/user/assistant/...","type":"server_error"}}"#,
            )
        }
    }
}

#[tokio::test]
async fn strict_template_rejection_is_not_retried() {
    let server = MockServer::start().await;
    mount_respond(&server, StrictTemplate).await;
    let bad = ChatRequest::new(vec![
        ChatMessage::system("rules"),
        ChatMessage::assistant("Hello, let's begin."),
        ChatMessage::user("Hi"),
        ChatMessage::system("notes"),
    ]);
    let err = call(&model_at(&server), &bad).await.1.unwrap_err();
    assert!(err.to_string().contains("roles must alternate"), "{err}");
    assert_eq!(requests_seen(&server).await.len(), 1);
    let good = call(&model_at(&server), &request()).await.1.unwrap();
    assert_eq!(good.text, "ok");
}

async fn mount_respond(server: &MockServer, r: impl Respond + 'static) {
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(r)
        .mount(server)
        .await;
}

/// Refuses `json_schema` (as the llama-cpp-python server does) and optionally JSON mode too.
struct NoSchema {
    json_mode_too: bool,
}

impl Respond for NoSchema {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&req.body).unwrap();
        match body["response_format"]["type"].as_str() {
            Some("json_schema") => json_error(
                422,
                r#"{"detail":[{"loc":["body","response_format","type"],"msg":"Input should be 'text' or 'json_object'","type":"literal_error"}]}"#,
            ),
            Some("json_object") if self.json_mode_too => {
                json_error(400, r#"{"error":"response_format is not supported"}"#)
            }
            _ => stream_ok(sse(&[text(r#"{"ok": true}"#), finish("stop")])),
        }
    }
}

#[tokio::test]
async fn json_schema_refused_falls_back_to_json_mode_then_plain() {
    let server = MockServer::start().await;
    mount_respond(
        &server,
        NoSchema {
            json_mode_too: true,
        },
    )
    .await;
    let model = model_at(&server);
    let mut req = request();
    req.json_schema = Some(("verdict".into(), json!({"type": "object"})));
    let done = call(&model, &req).await.1.unwrap();
    assert_eq!(done.text, r#"{"ok": true}"#);
    let formats: Vec<Value> = requests_seen(&server)
        .await
        .iter()
        .map(|r| r.body_json::<Value>().unwrap()["response_format"]["type"].clone())
        .collect();
    assert_eq!(
        formats,
        [json!("json_schema"), json!("json_object"), Value::Null]
    );
    assert_eq!(model.output_format(), OutputFormat::Plain);
    // Remembered: the next structured call goes out plain at once.
    call(&model, &req).await.1.unwrap();
    assert_eq!(requests_seen(&server).await.len(), 4);
    let last: Value = requests_seen(&server).await[3].body_json().unwrap();
    let text = last["messages"].as_array().unwrap().last().unwrap()["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(text.contains("JSON schema"), "{text}");
}

#[tokio::test]
async fn json_schema_refused_falls_back_to_json_mode() {
    let server = MockServer::start().await;
    mount_respond(
        &server,
        NoSchema {
            json_mode_too: false,
        },
    )
    .await;
    let model = model_at(&server);
    let mut req = request();
    req.json_schema = Some(("verdict".into(), json!({"type": "object"})));
    call(&model, &req).await.1.unwrap();
    assert_eq!(model.output_format(), OutputFormat::JsonObject);
    assert_eq!(requests_seen(&server).await.len(), 2);
}

// ---------- connections ----------

#[tokio::test]
async fn server_closing_kept_alive_connections_is_retried() {
    let whole = |t: &str| {
        json!({"choices": [{"index": 0, "message": {"content": t}, "finish_reason": "stop"}]})
            .to_string()
    };
    // The first connection answers once, says keep-alive, then closes under the next request,
    // as llama-server does; the retry opens a fresh connection.
    let raw = mock::serve(vec![
        vec![vec![Step::Write(mock::response(
            "200 OK",
            "application/json",
            &whole("first"),
        ))]],
        vec![vec![Step::Write(mock::response(
            "200 OK",
            "application/json",
            &whole("second"),
        ))]],
    ]);
    let model = OpenAiModel::new(quick(&raw.base)).unwrap();
    assert_eq!(call(&model, &request()).await.1.unwrap().text, "first");
    let second = call(&model, &request()).await.1;
    assert_eq!(second.unwrap().text, "second");
    assert_eq!(
        raw.requests(),
        3,
        "the dead connection's request, then the retry"
    );
}

#[tokio::test]
async fn context_window_is_read_from_the_server() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/models"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "object": "list",
            "data": [{"id": "smollm2.gguf", "object": "model", "meta": {"n_ctx": 4096, "n_ctx_train": 8192}}]
        })))
        .mount(&server)
        .await;
    assert_eq!(model_at(&server).context_window().await, Some(4096));
    let mut cfg = config(&format!("{}/v1", server.uri()));
    cfg.context_window = Some(1000);
    assert_eq!(
        OpenAiModel::new(cfg).unwrap().context_window().await,
        Some(1000)
    );
}
