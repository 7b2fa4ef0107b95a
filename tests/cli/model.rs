//! The OpenAI-compatible engine end to end, against a local mock server: what the user sees and
//! what the transcript keeps, for a good stream and for every way the endpoint can fail.

use std::time::Duration;

use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::util::*;

const KEY: &str = "sk-test-secret-4242";

pub(super) fn chunk(content: &str) -> String {
    let v = json!({
        "id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "mock-model",
        "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": null}]
    });
    format!("data: {v}\n\n")
}

fn usage_chunk(prompt: u32, completion: u32) -> String {
    let v = json!({
        "id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "mock-model",
        "choices": [],
        "usage": {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}
    });
    format!("data: {v}\n\n")
}

fn stop_chunk() -> String {
    let v = json!({
        "id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "mock-model",
        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]
    });
    format!("data: {v}\n\n")
}

pub(super) fn sse(pieces: &[&str], usage: Option<(u32, u32)>) -> ResponseTemplate {
    let mut body: String = pieces.iter().map(|p| chunk(p)).collect();
    body.push_str(&stop_chunk());
    if let Some((p, c)) = usage {
        body.push_str(&usage_chunk(p, c));
    }
    body.push_str("data: [DONE]\n\n");
    ResponseTemplate::new(200)
        .insert_header("content-type", "text/event-stream")
        .set_body_string(body)
}

/// Runs `hotseat interview` against the mock with these candidate lines, off the async runtime.
pub(super) async fn run(
    server: &MockServer,
    sb: &Sandbox,
    stdin: &str,
    extra_env: &[(&str, &str)],
) -> std::process::Output {
    let mut cmd = sb.interview(&[
        "--model",
        "mock-model",
        "--seed",
        "1",
        "--question",
        "llm-support-chatbot",
    ]);
    cmd.env("OPENAI_BASE_URL", format!("{}/v1", server.uri()))
        .env("OPENAI_API_KEY", KEY);
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    cmd.write_stdin(stdin.to_string())
        .timeout(Duration::from_secs(60));
    tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap()
}

/// Nothing the run left behind holds the key.
pub(super) fn assert_no_secret(sb: &Sandbox, out: &std::process::Output) {
    assert!(
        !stdout(out).contains(KEY) && !stderr(out).contains(KEY),
        "key printed"
    );
    for entry in walk(sb.dir.path()) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(KEY),
            "key written to {}",
            entry.display()
        );
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

pub(super) fn bodies(reqs: &[Request]) -> Vec<Value> {
    reqs.iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn streamed_reply_is_shown_and_usage_recorded() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(sse(
            &[
                "Around 400,000 conversations a day, ",
                "peaking at 15,000 concurrent chats, ",
                "about 300 model calls a second. What does that imply?",
            ],
            Some((812, 11)),
        ))
        .mount(&server)
        .await;
    let sb = Sandbox::new();
    let out = run(
        &server,
        &sb,
        "How many concurrent chats at peak?\nSo about 300 calls a second.\n/end\n",
        &[],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    // Replies are wrapped to the terminal width: compare the words.
    let s = stdout(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(s.contains("engine: mock-model at http://127.0.0.1"), "{s}");
    assert!(s.contains("Around 400,000 conversations a day, peaking at 15,000 concurrent chats, about 300 model calls a second. What does that imply?"), "{s}");

    let session = sb.only_session();
    let header = &events(&session)[0];
    assert_eq!(header["engine"], "openai");
    assert_eq!(header["model"], "mock-model");
    let replies = turns_by(&session, "interviewer");
    let reply = &replies[1];
    assert_eq!(
        reply["text"],
        "Around 400,000 conversations a day, peaking at 15,000 concurrent chats, about 300 model calls a second. What does that imply?"
    );
    assert_eq!(reply["guard"]["spoken"], "model", "{reply}");
    assert_eq!(reply["tokens"]["prompt_tokens"], 812);
    assert_eq!(reply["tokens"]["completion_tokens"], 11);
    assert!(reply["latency_ms"].is_u64());
    assert_eq!(reply["intent"]["revealed"], json!(["scale"]), "{reply}");
    assert_no_secret(&sb, &out);

    // The request asks for usage, streams, and keeps the prefix byte-identical between turns.
    let reqs = server.received_requests().await.unwrap();
    let b = bodies(&reqs);
    // Turn 2's draft said turn 1's words again, so it was regenerated once.
    assert_eq!(b.len(), 3);
    assert_eq!(b[0]["stream"], true);
    assert_eq!(b[0]["stream_options"]["include_usage"], true);
    assert_eq!(b[0]["model"], "mock-model");
    assert_eq!(
        reqs[0].headers.get("authorization").unwrap(),
        &format!("Bearer {KEY}")
    );
    let (m0, m1) = (
        b[0]["messages"].as_array().unwrap(),
        b[1]["messages"].as_array().unwrap(),
    );
    // One system message, then strict user/assistant alternation ending on the user.
    for m in [m0, m1] {
        let roles: Vec<&str> = m.iter().map(|x| x["role"].as_str().unwrap()).collect();
        assert_eq!(roles[0], "system");
        for (i, r) in roles[1..].iter().enumerate() {
            assert_eq!(*r, ["user", "assistant"][i % 2], "{roles:?}");
        }
        assert_eq!(roles.last(), Some(&"user"), "{roles:?}");
    }
    // Everything the first turn sent is sent again, byte for byte: the prompt cache hits on it.
    assert_eq!(
        &m1[..m0.len()],
        &m0[..],
        "the prefix must not change between turns"
    );
    let last = m0.last().unwrap()["content"].as_str().unwrap();
    assert!(
        last.starts_with("How many concurrent chats at peak?"),
        "{last}"
    );
    assert!(last.contains("Reveal exactly these facts"), "{last}");
    // The hidden sheet is in the system prompt, not in the history the candidate sees.
    assert!(m0[0]["content"].as_str().unwrap().contains("[budget]"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_then_success_goes_on() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "0")
                .set_body_json(json!({"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(sse(&["Fine. Go on."], Some((10, 3))))
        .with_priority(2)
        .mount(&server)
        .await;
    let sb = Sandbox::new();
    let out = run(&server, &sb, "I'd start with the shape of it.\n/end\n", &[]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Fine. Go on."));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

/// The failures that end the round: exit 1, one line on stderr, the candidate's turn and an error
/// event on disk, no secret anywhere.
async fn fails_cleanly(
    template: ResponseTemplate,
    env: &[(&str, &str)],
    expect: &str,
) -> (Sandbox, usize) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(template)
        .mount(&server)
        .await;
    let sb = Sandbox::new();
    let out = run(
        &server,
        &sb,
        "What's the peak QPS?\nAnd the latency?\n",
        env,
    )
    .await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(err.contains(expect), "{err}");
    assert!(err.contains("--resume"), "says how to go on: {err}");
    let session = sb.only_session();
    let cand = turns_by(&session, "candidate");
    assert_eq!(cand.len(), 1);
    assert_eq!(cand[0]["text"], "What's the peak QPS?");
    assert!(events(&session).iter().any(|e| e["type"] == "error"));
    assert_no_secret(&sb, &out);
    let n = server.received_requests().await.unwrap().len();
    (sb, n)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_key_is_one_clear_line() {
    let t = ResponseTemplate::new(401).set_body_json(json!({"error": {"message": format!("Incorrect API key provided: {KEY}"), "type": "invalid_request_error"}}));
    fails_cleanly(t, &[], "API key").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_model_is_one_clear_line() {
    let t = ResponseTemplate::new(404).set_body_json(
        json!({"error": {"message": "model not found", "type": "invalid_request_error"}}),
    );
    fails_cleanly(t, &[], "mock-model").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_error_is_retried_then_reported() {
    let t = ResponseTemplate::new(500)
        .set_body_json(json!({"error": {"message": "upstream exploded", "type": "server_error"}}));
    let (_, requests) = fails_cleanly(t, &[], "500").await;
    assert_eq!(requests, 4, "one try and three retries");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn silent_endpoint_times_out() {
    let t = sse(&["late"], None).set_delay(Duration::from_secs(4));
    fails_cleanly(t, &[("HOTSEAT_READ_TIMEOUT", "1")], "did not answer").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_connection_is_one_clear_line() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let sb = Sandbox::new();
    let mut cmd = sb.interview(&["--model", "m", "--question", "llm-support-chatbot"]);
    cmd.env("OPENAI_BASE_URL", format!("http://127.0.0.1:{port}/v1"))
        .env("OPENAI_API_KEY", KEY)
        .write_stdin("Who are the users?\n");
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("could not connect"), "{err}");
    assert_no_secret(&sb, &out);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stream_cut_mid_reply_keeps_the_partial_reply_and_goes_on() {
    let server = MockServer::start().await;
    let cut = format!(
        "{}{}data: {{\"id\":\"c1\",\"choi",
        chunk("So the peak "),
        chunk("is what, ")
    );
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "text/event-stream")
                .set_body_string(cut),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(sse(&["Good. What next?"], Some((20, 4))))
        .with_priority(2)
        .mount(&server)
        .await;
    let sb = Sandbox::new();
    let out = run(
        &server,
        &sb,
        "I'd start with the peak load.\nAbout 300 calls a second.\n/end\n",
        &[],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    let s = stdout(&out);
    assert!(s.contains("[reply cut short"), "{s}");
    assert!(s.contains("Good. What next?"), "the round goes on: {s}");
    let replies = turns_by(&sb.only_session(), "interviewer");
    assert_eq!(replies[1]["text"], "So the peak is what,");
    assert!(replies[1]["partial"].is_string(), "{}", replies[1]);
    assert!(replies[2]["partial"].is_null());
    assert_no_secret(&sb, &out);
}

/// The prompt once re-sent every covered item and observation on every turn, so each turn's
/// uncached tail grew with the round and the server's prompt cache reused less of it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_is_covered_is_listed_once_not_on_every_turn() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(sse(&["Go on."], Some((100, 2))))
        .mount(&server)
        .await;
    let sb = Sandbox::new();
    let out = run(
        &server,
        &sb,
        "How many conversations a day?\nWho are the users?\nWhat latency do we need?\n\
         So about 300 calls a second, which is a handful of GPUs.\nI'd put a queue in front.\n/end\n",
        &[],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    let reqs = server.received_requests().await.unwrap();
    let b = bodies(&reqs);
    let last = b.last().unwrap()["messages"].as_array().unwrap();
    let all: Vec<&str> = last
        .iter()
        .map(|m| m["content"].as_str().unwrap())
        .collect();
    let joined = all.join("\n");
    let told: Vec<&str> = joined
        .match_indices(" (you told them)")
        .map(|(i, _)| {
            let head = &joined[..i];
            head.rsplit([',', ':']).next().unwrap().trim()
        })
        .collect();
    assert!(told.len() >= 2, "{joined}");
    for item in &told {
        let n = joined.matches(&format!("{item} (you told them)")).count();
        assert_eq!(n, 1, "\"{item}\" is listed {n} times:\n{joined}");
    }
    let sizing = joined.matches("- Sizing estimate:").count();
    assert!(
        sizing <= 2,
        "the sizing line went out {sizing} times:\n{joined}"
    );
}
