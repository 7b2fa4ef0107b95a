//! The OpenAI-compatible model against mock endpoints: wiremock for whole responses, a tiny raw TCP
//! server for streams that break or stall halfway. No network, no real key.
//!
//! `kinds` replays, byte for byte, the failure kinds users of other tools reported against real
//! OpenAI-compatible servers; each test is named for what broke.

mod kinds;
mod mock;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use hotseat::llm::openai::{DEFAULT_RETRIES, OpenAiConfig, OpenAiModel, TokenLimitParam};
use hotseat::llm::{ApiKey, ChatMessage, ChatModel, ChatRequest, Completion, Finish, LlmError};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk-test-secret-123";
const MODEL: &str = "gpt-test";

// ---------- helpers ----------

fn chunk(delta: Value, finish: Option<&str>) -> Value {
    json!({
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000,
        "model": "gpt-test-2024",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    })
}

fn text(piece: &str) -> Value {
    chunk(json!({"content": piece}), None)
}

fn finish(reason: &str) -> Value {
    chunk(json!({}), Some(reason))
}

fn usage(prompt: u32, completion: u32, cached: Option<u32>) -> Value {
    let mut u = json!({
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    });
    if let Some(c) = cached {
        u["prompt_tokens_details"] = json!({"cached_tokens": c});
    }
    json!({
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000,
        "model": "gpt-test-2024",
        "choices": [],
        "usage": u,
    })
}

/// SSE events for these chunks, then `[DONE]`.
fn sse(chunks: &[Value]) -> String {
    let mut body = sse_open(chunks);
    body.push_str("data: [DONE]\n\n");
    body
}

/// SSE events for these chunks, without `[DONE]`.
fn sse_open(chunks: &[Value]) -> String {
    chunks.iter().map(|c| format!("data: {c}\n\n")).collect()
}

fn stream_ok(body: String) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body, "text/event-stream")
}

fn api_error(status: u16, message: &str, kind: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "error": {"message": message, "type": kind, "param": null, "code": null}
    }))
}

fn config(base: &str) -> OpenAiConfig {
    OpenAiConfig::new(base, MODEL).with_api_key(ApiKey::new(KEY))
}

fn model_at(server: &MockServer) -> OpenAiModel {
    OpenAiModel::new(config(&format!("{}/v1", server.uri()))).unwrap()
}

async fn mount(server: &MockServer, response: ResponseTemplate) {
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(response)
        .mount(server)
        .await;
}

fn request() -> ChatRequest {
    ChatRequest::new(vec![
        ChatMessage::system("You are a system-design interviewer."),
        ChatMessage::user("Design a URL shortener."),
        ChatMessage::assistant("What scale are we talking about?"),
        ChatMessage::user("100M URLs a month."),
    ])
}

/// Runs one call; returns the pieces the sink saw and the result.
async fn call(
    model: &OpenAiModel,
    req: &ChatRequest,
) -> (Vec<String>, Result<Completion, LlmError>) {
    let mut pieces = Vec::new();
    let cancel = CancellationToken::new();
    let mut sink = |s: &str| pieces.push(s.to_string());
    let result = model.complete(req, &mut sink, &cancel).await;
    (pieces, result)
}

async fn requests_seen(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap()
}

/// A one-connection HTTP server that reads the request, writes `head` and `body_parts`, then
/// either closes the connection (`hang == false`) or keeps it open until the client leaves.
fn raw_server(head: &'static str, body_parts: Vec<String>, hang: bool) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        read_request(&mut conn);
        conn.write_all(head.as_bytes()).unwrap();
        for part in body_parts {
            conn.write_all(part.as_bytes()).unwrap();
        }
        conn.flush().unwrap();
        if hang {
            // Wait for the client to go away (read returns 0 or fails).
            let mut buf = [0u8; 64];
            while matches!(conn.read(&mut buf), Ok(n) if n > 0) {}
        }
    });
    format!("http://{addr}/v1")
}

fn read_request(conn: &mut TcpStream) {
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
}

/// One HTTP/1.1 chunk.
fn http_chunk(data: &str) -> String {
    format!("{:x}\r\n{data}\r\n", data.len())
}

const CHUNKED_SSE_HEAD: &str = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\
                                transfer-encoding: chunked\r\n\r\n";

// ---------- the happy path ----------

#[tokio::test]
async fn streams_pieces_in_order_and_records_usage() {
    let server = MockServer::start().await;
    mount(
        &server,
        stream_ok(sse(&[
            chunk(json!({"role": "assistant", "content": ""}), None),
            text("Let's "),
            text("size the "),
            text("write path first?"),
            finish("stop"),
            usage(42, 7, Some(32)),
        ])),
    )
    .await;

    let (pieces, result) = call(&model_at(&server), &request()).await;
    let done = result.unwrap();
    assert_eq!(pieces, ["Let's ", "size the ", "write path first?"]);
    assert_eq!(done.text, pieces.concat());
    assert_eq!(done.finish, Finish::Complete);
    let usage = done.usage.expect("usage from the final usage-only chunk");
    assert_eq!((usage.prompt_tokens, usage.completion_tokens), (42, 7));
    assert_eq!(usage.cached_tokens, Some(32));
    assert_eq!(done.model.as_deref(), Some("gpt-test-2024"));
    let first = done.first_token.expect("first token time");
    assert!(first <= done.latency);
}

#[tokio::test]
async fn request_body_and_headers_follow_the_api() {
    let server = MockServer::start().await;
    mount(&server, stream_ok(sse(&[text("ok"), finish("stop")]))).await;
    let mut req = request();
    req.temperature = Some(0.25);
    req.max_tokens = Some(321);
    req.seed = Some(7);
    req.json_schema = Some((
        "turn verdict".into(),
        json!({"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"],
               "additionalProperties": false}),
    ));

    let (_, result) = call(&model_at(&server), &req).await;
    result.unwrap();

    let seen = requests_seen(&server).await;
    assert_eq!(seen.len(), 1);
    let r = &seen[0];
    assert_eq!(
        r.headers.get("authorization").unwrap().to_str().unwrap(),
        format!("Bearer {KEY}")
    );
    let body: Value = r.body_json().unwrap();
    assert_eq!(body["model"], MODEL);
    assert_eq!(body["stream"], true);
    assert_eq!(body["stream_options"]["include_usage"], true);
    let roles: Vec<_> = body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["role"])
        .collect();
    assert_eq!(roles, ["system", "user", "assistant", "user"]);
    let contents: Vec<_> = body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["content"])
        .collect();
    assert_eq!(
        contents,
        [
            "You are a system-design interviewer.",
            "Design a URL shortener.",
            "What scale are we talking about?",
            "100M URLs a month."
        ]
    );
    assert_eq!(body["temperature"], 0.25);
    assert_eq!(body["seed"], 7);
    // A local endpoint gets `max_tokens` (what local servers read), not `max_completion_tokens`.
    assert_eq!(body["max_tokens"], 321);
    assert!(body.get("max_completion_tokens").is_none());
    let format = &body["response_format"];
    assert_eq!(format["type"], "json_schema");
    assert_eq!(format["json_schema"]["name"], "turn_verdict");
    assert_eq!(format["json_schema"]["strict"], true);
    assert_eq!(format["json_schema"]["schema"]["required"], json!(["ok"]));
}

#[tokio::test]
async fn token_limit_field_and_missing_key_are_configurable() {
    let server = MockServer::start().await;
    mount(&server, stream_ok(sse(&[text("ok"), finish("stop")]))).await;
    let mut cfg = OpenAiConfig::new(format!("{}/v1/", server.uri()), MODEL);
    cfg.token_limit_param = TokenLimitParam::MaxCompletionTokens;
    let model = OpenAiModel::new(cfg).unwrap();
    let mut req = request();
    req.max_tokens = Some(50);

    call(&model, &req).await.1.unwrap();

    let seen = requests_seen(&server).await;
    let body: Value = seen[0].body_json().unwrap();
    assert_eq!(body["max_completion_tokens"], 50);
    assert!(body.get("max_tokens").is_none());
    assert!(
        body.get("temperature").is_none(),
        "provider default when unset"
    );
    assert!(body.get("response_format").is_none());
    // No key configured: a placeholder, never the environment's OPENAI_API_KEY.
    assert_eq!(
        seen[0]
            .headers
            .get("authorization")
            .unwrap()
            .to_str()
            .unwrap(),
        "Bearer no-key"
    );
}

// ---------- retries ----------

#[tokio::test]
async fn rate_limit_then_success_is_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(
            api_error(429, "Rate limit reached", "requests").insert_header("retry-after", "0"),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    mount(&server, stream_ok(sse(&[text("fine"), finish("stop")]))).await;

    let (_, result) = call(&model_at(&server), &request()).await;
    assert_eq!(result.unwrap().text, "fine");
    assert_eq!(requests_seen(&server).await.len(), 2);
}

#[tokio::test]
async fn rate_limit_every_time_gives_rate_limited() {
    let server = MockServer::start().await;
    mount(
        &server,
        api_error(429, "Rate limit reached", "requests").insert_header("retry-after", "0"),
    )
    .await;

    let (pieces, result) = call(&model_at(&server), &request()).await;
    assert!(
        matches!(result, Err(LlmError::RateLimited { .. })),
        "{result:?}"
    );
    assert!(pieces.is_empty());
    assert_eq!(
        requests_seen(&server).await.len(),
        1 + DEFAULT_RETRIES as usize
    );
}

#[tokio::test]
async fn insufficient_quota_is_not_retried() {
    let server = MockServer::start().await;
    mount(
        &server,
        api_error(429, "You exceeded your current quota", "insufficient_quota"),
    )
    .await;

    let (_, result) = call(&model_at(&server), &request()).await;
    match result {
        Err(LlmError::Http {
            status: 429,
            message,
        }) => assert!(message.contains("quota"), "{message}"),
        other => panic!("expected Http 429, got {other:?}"),
    }
    assert_eq!(requests_seen(&server).await.len(), 1);
}

#[tokio::test]
async fn server_error_every_time_gives_http_500_after_retries() {
    let server = MockServer::start().await;
    // No Retry-After: the client's own backoff (100 + 200 + 400 ms).
    mount(
        &server,
        ResponseTemplate::new(500).set_body_string("upstream\nexploded"),
    )
    .await;

    let (_, result) = call(&model_at(&server), &request()).await;
    match result {
        Err(LlmError::Http {
            status: 500,
            message,
        }) => assert_eq!(message, "upstream exploded"),
        other => panic!("expected Http 500, got {other:?}"),
    }
    assert_eq!(
        requests_seen(&server).await.len(),
        1 + DEFAULT_RETRIES as usize
    );
}

// ---------- failures before any text ----------

#[tokio::test]
async fn slow_endpoint_hits_the_read_timeout() {
    let server = MockServer::start().await;
    mount(
        &server,
        stream_ok(sse(&[text("late"), finish("stop")])).set_delay(Duration::from_secs(2)),
    )
    .await;
    let mut cfg = config(&format!("{}/v1", server.uri()));
    cfg.read_timeout = Duration::from_millis(300);

    let (_, result) = call(&OpenAiModel::new(cfg).unwrap(), &request()).await;
    assert!(
        matches!(result, Err(LlmError::Timeout(d)) if d == Duration::from_millis(300)),
        "{result:?}"
    );
}

#[tokio::test]
async fn refused_connection_gives_connect() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let base = format!("http://127.0.0.1:{port}/v1");
    let model = OpenAiModel::new(config(&base)).unwrap();

    let (_, result) = call(&model, &request()).await;
    match result {
        Err(LlmError::Connect { endpoint, cause }) => {
            assert_eq!(endpoint, base);
            assert!(!cause.is_empty());
            assert!(!cause.contains(KEY));
        }
        other => panic!("expected Connect, got {other:?}"),
    }
}

#[tokio::test]
async fn refused_key_gives_unauthorized_without_the_key() {
    let server = MockServer::start().await;
    mount(
        &server,
        api_error(
            401,
            &format!("Incorrect API key provided: {KEY}"),
            "invalid_request_error",
        ),
    )
    .await;

    let (_, result) = call(&model_at(&server), &request()).await;
    let err = result.unwrap_err();
    assert!(
        matches!(
            err,
            LlmError::Unauthorized {
                status: 401,
                relayed: false,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("Incorrect API key provided"),
        "{err}"
    );
    assert!(!err.to_string().contains(KEY));
    assert!(!format!("{err:?}").contains(KEY));
    assert!(!format!("{:?}", model_at(&server)).contains(KEY));
    assert_eq!(requests_seen(&server).await.len(), 1);
}

#[tokio::test]
async fn forbidden_gives_unauthorized() {
    let server = MockServer::start().await;
    mount(
        &server,
        api_error(403, "not allowed", "invalid_request_error"),
    )
    .await;
    let (_, result) = call(&model_at(&server), &request()).await;
    assert!(
        matches!(result, Err(LlmError::Unauthorized { status: 403, .. })),
        "{result:?}"
    );
}

#[tokio::test]
async fn unknown_model_gives_unknown_model() {
    let server = MockServer::start().await;
    mount(
        &server,
        api_error(
            404,
            "The model `gpt-test` does not exist",
            "invalid_request_error",
        ),
    )
    .await;

    let (_, result) = call(&model_at(&server), &request()).await;
    match result {
        Err(LlmError::UnknownModel { model, message }) => {
            assert_eq!(model, MODEL);
            assert!(message.contains("does not exist"), "{message}");
        }
        other => panic!("expected UnknownModel, got {other:?}"),
    }
}

#[tokio::test]
async fn other_status_keeps_the_message_and_scrubs_the_key() {
    let server = MockServer::start().await;
    mount(
        &server,
        api_error(
            400,
            &format!("bad schema (sent with key {KEY})"),
            "invalid_request_error",
        ),
    )
    .await;

    let (_, result) = call(&model_at(&server), &request()).await;
    let err = result.unwrap_err();
    match &err {
        LlmError::Http {
            status: 400,
            message,
        } => {
            assert!(message.contains("bad schema"), "{message}");
            assert!(message.contains("[redacted]"), "{message}");
        }
        other => panic!("expected Http 400, got {other:?}"),
    }
    assert!(!format!("{err} {err:?}").contains(KEY));
}

#[tokio::test]
async fn plain_text_error_body_keeps_its_status() {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(418).set_body_string("I'm a teapot\n"),
    )
    .await;
    let (_, result) = call(&model_at(&server), &request()).await;
    match result {
        Err(LlmError::Http {
            status: 418,
            message,
        }) => assert_eq!(message, "I'm a teapot"),
        other => panic!("expected Http 418, got {other:?}"),
    }
}

#[tokio::test]
async fn empty_success_body_is_a_protocol_error() {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(200).set_body_raw("", "text/event-stream"),
    )
    .await;
    let (_, result) = call(&model_at(&server), &request()).await;
    assert!(matches!(result, Err(LlmError::Protocol(_))), "{result:?}");
}

// ---------- streams cut short ----------

#[tokio::test]
async fn malformed_chunk_then_end_is_cut_with_partial_text() {
    let server = MockServer::start().await;
    let mut body = sse_open(&[text("Start with "), text("the API")]);
    body.push_str("data: {\"id\":\"chatcmpl-1\",\"choi\n\n"); // truncated JSON, then the body ends
    mount(&server, stream_ok(body)).await;

    let (pieces, result) = call(&model_at(&server), &request()).await;
    let done = result.unwrap();
    assert_eq!(done.text, "Start with the API");
    assert_eq!(pieces.concat(), done.text);
    match done.finish {
        Finish::Cut { reason } => assert!(reason.contains("malformed"), "{reason}"),
        other => panic!("expected Cut, got {other:?}"),
    }
}

#[tokio::test]
async fn malformed_chunk_amid_a_finished_reply_is_skipped() {
    let server = MockServer::start().await;
    let mut body = sse_open(&[text("a ")]);
    body.push_str("data: not json\n\n");
    body.push_str(&sse(&[text("b"), finish("stop")]));
    mount(&server, stream_ok(body)).await;

    let done = call(&model_at(&server), &request()).await.1.unwrap();
    assert_eq!((done.text.as_str(), done.finish), ("a b", Finish::Complete));
}

#[tokio::test]
async fn stream_ending_without_finish_is_cut() {
    let server = MockServer::start().await;
    // Two deltas, then the body just ends: no finish_reason, no [DONE].
    mount(
        &server,
        stream_ok(sse_open(&[text("How would "), text("you shard")])),
    )
    .await;

    let done = call(&model_at(&server), &request()).await.1.unwrap();
    assert_eq!(done.text, "How would you shard");
    assert!(
        matches!(done.finish, Finish::Cut { .. }),
        "{:?}",
        done.finish
    );
    assert!(done.usage.is_none());
}

#[tokio::test]
async fn error_object_mid_stream_is_cut() {
    let server = MockServer::start().await;
    let mut body = sse_open(&[text("Partial ")]);
    body.push_str(
        "data: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}\n\n",
    );
    mount(&server, stream_ok(body)).await;

    let done = call(&model_at(&server), &request()).await.1.unwrap();
    assert_eq!(done.text, "Partial ");
    match done.finish {
        Finish::Cut { reason } => assert!(reason.contains("The server had an error"), "{reason}"),
        other => panic!("expected Cut, got {other:?}"),
    }
}

#[tokio::test]
async fn token_limit_finish_is_cut() {
    let server = MockServer::start().await;
    mount(
        &server,
        stream_ok(sse(&[text("Let me"), finish("length"), usage(5, 2, None)])),
    )
    .await;

    let done = call(&model_at(&server), &request()).await.1.unwrap();
    assert_eq!(done.text, "Let me");
    match done.finish {
        Finish::Cut { reason } => assert!(reason.contains("token limit"), "{reason}"),
        other => panic!("expected Cut, got {other:?}"),
    }
    assert_eq!(done.usage.unwrap().completion_tokens, 2);
}

#[tokio::test]
async fn connection_dropped_mid_body_is_cut() {
    // Chunked transfer, two deltas, then the server closes without the terminating chunk.
    let parts = vec![
        http_chunk(&sse_open(&[text("Consider ")])),
        http_chunk(&sse_open(&[text("caching")])),
    ];
    let base = raw_server(CHUNKED_SSE_HEAD, parts, false);
    let model = OpenAiModel::new(config(&base)).unwrap();

    let (pieces, result) = call(&model, &request()).await;
    let done = result.unwrap();
    assert_eq!(pieces, ["Consider ", "caching"]);
    assert_eq!(done.text, "Consider caching");
    match done.finish {
        Finish::Cut { reason } => assert!(reason.contains("connection broke"), "{reason}"),
        other => panic!("expected Cut, got {other:?}"),
    }
}

#[tokio::test]
async fn stall_mid_stream_is_cut_by_the_read_timeout() {
    let parts = vec![http_chunk(&sse_open(&[text("Think about ")]))];
    let base = raw_server(CHUNKED_SSE_HEAD, parts, true);
    let mut cfg = config(&base);
    cfg.read_timeout = Duration::from_millis(300);

    let done = call(&OpenAiModel::new(cfg).unwrap(), &request())
        .await
        .1
        .unwrap();
    assert_eq!(done.text, "Think about ");
    match done.finish {
        Finish::Cut { reason } => assert!(reason.contains("silent"), "{reason}"),
        other => panic!("expected Cut, got {other:?}"),
    }
}

#[tokio::test]
async fn stall_before_any_text_is_a_timeout() {
    let base = raw_server(CHUNKED_SSE_HEAD, vec![], true);
    let mut cfg = config(&base);
    cfg.read_timeout = Duration::from_millis(300);

    let (_, result) = call(&OpenAiModel::new(cfg).unwrap(), &request()).await;
    assert!(matches!(result, Err(LlmError::Timeout(_))), "{result:?}");
}

// ---------- cancellation ----------

#[tokio::test]
async fn cancel_mid_stream_keeps_the_text_so_far() {
    // The server sends one delta and then keeps the connection open; the sink cancels on it.
    let parts = vec![http_chunk(&sse_open(&[
        text("So, the "),
        text("load balancer"),
    ]))];
    let base = raw_server(CHUNKED_SSE_HEAD, parts, true);
    let model = OpenAiModel::new(config(&base)).unwrap();
    let cancel = CancellationToken::new();
    let mut pieces = Vec::new();
    let trigger = cancel.clone();
    let mut sink = |s: &str| {
        pieces.push(s.to_string());
        trigger.cancel();
    };

    let result = model.complete(&request(), &mut sink, &cancel).await;
    let done = result.unwrap();
    assert_eq!(done.finish, Finish::Cancelled);
    assert_eq!(done.text, "So, the ");
    assert_eq!(pieces, ["So, the "]);
}

#[tokio::test]
async fn cancel_after_the_reply_finished_keeps_it_complete() {
    let server = MockServer::start().await;
    let last = chunk(json!({"content": "done?"}), Some("stop"));
    mount(
        &server,
        stream_ok(sse(&[text("All "), last, usage(3, 2, None)])),
    )
    .await;
    let cancel = CancellationToken::new();
    let trigger = cancel.clone();
    let mut sink = |s: &str| {
        if s == "done?" {
            trigger.cancel();
        }
    };

    let done = model_at(&server)
        .complete(&request(), &mut sink, &cancel)
        .await
        .unwrap();
    assert_eq!(
        (done.text.as_str(), done.finish),
        ("All done?", Finish::Complete)
    );
}

#[tokio::test]
async fn cancel_before_the_call_sends_nothing() {
    let server = MockServer::start().await;
    mount(&server, stream_ok(sse(&[text("never"), finish("stop")]))).await;
    let cancel = CancellationToken::new();
    cancel.cancel();
    let mut sink = |_: &str| panic!("no text expected");

    let result = model_at(&server)
        .complete(&request(), &mut sink, &cancel)
        .await;
    assert!(matches!(result, Err(LlmError::Cancelled)), "{result:?}");
    assert!(requests_seen(&server).await.is_empty());
}

#[tokio::test]
async fn cancel_while_waiting_for_the_response_is_cancelled() {
    let server = MockServer::start().await;
    mount(
        &server,
        stream_ok(sse(&[text("late"), finish("stop")])).set_delay(Duration::from_secs(5)),
    )
    .await;
    let model = model_at(&server);
    let cancel = CancellationToken::new();
    let trigger = cancel.clone();
    let mut sink = |_: &str| {};
    let req = request();
    let call = model.complete(&req, &mut sink, &cancel);
    let (result, ()) = tokio::join!(call, async move {
        // Cancel once the request is in flight (the server has seen it).
        while requests_seen(&server).await.is_empty() {
            tokio::task::yield_now().await;
        }
        trigger.cancel();
    });
    assert!(matches!(result, Err(LlmError::Cancelled)), "{result:?}");
}
