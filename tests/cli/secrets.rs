//! A canary key through every way text leaves hotseat, against an endpoint that echoes it back in
//! every reply, every model name, every judge reason and every error: the critique in four formats
//! (printed and written), a round's critique.json/md, logs at -vv on stderr and in
//! HOTSEAT_LOG_FILE, transcripts of both engines (and a key the candidate types), eval cassettes
//! and every live eval report. The key is found nowhere, in none of its forms.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::util::*;

/// A key with characters that URL-encoding changes, so each form is a different string.
const KEY: &str = "sk-canary+/=Q7w8e9r0t1y2u3i4o5p6";

/// The key percent-encoded, with upper- or lower-case hex digits.
fn encoded(lower: bool) -> String {
    KEY.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ if lower => format!("%{b:02x}"),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Every form the key could be written in.
fn forms() -> Vec<String> {
    vec![
        KEY.to_string(),
        encoded(false),
        encoded(true),
        serde_json::to_string(KEY)
            .unwrap()
            .trim_matches('"')
            .to_string(),
        // The distinctive part alone: no piece of the key may survive.
        "Q7w8e9r0t1y2u3i4o5p6".to_string(),
    ]
}

/// What the endpoint says: the key in all its forms.
fn echo() -> String {
    let f = forms();
    format!(
        "Noted. Your key is {KEY}; Authorization: Bearer {KEY}; url ?key={}&k2={}. What is the peak QPS?",
        f[1], f[2]
    )
}

thread_local! {
    /// The root schema whose `$defs` a `$ref` points into.
    static ROOT: std::cell::RefCell<Value> = const { std::cell::RefCell::new(Value::Null) };
}

/// A JSON value that fits `schema`, every string echoing the key except quotes, which copy a
/// candidate line so the judge keeps the verdict (and its reason reaches the report), and
/// criteria, which name `criterion` (the judge keeps only verdicts on a criterion it asked).
fn instance_for(schema: &Value, field: &str, quote: &str, criterion: &str) -> Value {
    if let Some(name) = schema["$ref"].as_str().and_then(|r| r.rsplit('/').next()) {
        let target = ROOT.with(|r| r.borrow()["$defs"][name].clone());
        return instance_for(&target, field, quote, criterion);
    }
    if let Some(values) = schema["enum"].as_array() {
        return values.first().cloned().unwrap_or(Value::Null);
    }
    match schema["type"].as_str().unwrap_or("string") {
        "object" => {
            let mut out = serde_json::Map::new();
            if let Some(props) = schema["properties"].as_object() {
                for (k, v) in props {
                    out.insert(k.clone(), instance_for(v, k, quote, criterion));
                }
            }
            Value::Object(out)
        }
        "array" => json!([instance_for(&schema["items"], field, quote, criterion)]),
        "boolean" => json!(true),
        "integer" | "number" => json!(1),
        _ if field.contains("quote") => json!(quote),
        _ if field == "criterion" && !criterion.is_empty() => json!(criterion),
        _ => json!(echo()),
    }
}

struct Echo;

impl Respond for Echo {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
        let all: String = body["messages"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| m["content"].as_str())
            .collect::<Vec<_>>()
            .join("\n");
        // A candidate line without the key (a quote holding it would be scrubbed and dropped).
        let quote = all
            .lines()
            .filter_map(|l| l.split_once("CANDIDATE: ").map(|(_, t)| t.trim()))
            .find(|t| !t.contains("sk-canary"))
            .and_then(|t| t.split(". ").next())
            .unwrap_or_default()
            .to_string();
        // A criterion the judge asked, so its verdict is kept.
        let criterion = [
            "missing-tradeoffs",
            "no-sizing",
            "no-clarification",
            "security-omitted",
            "missing-cost-tradeoff",
        ]
        .into_iter()
        .find(|c| all.contains(c))
        .unwrap_or_default();
        ROOT.with(|r| *r.borrow_mut() = body["response_format"]["json_schema"]["schema"].clone());
        let content = match body["response_format"]["json_schema"]["schema"].as_object() {
            Some(_) => instance_for(
                &body["response_format"]["json_schema"]["schema"],
                "",
                &quote,
                criterion,
            )
            .to_string(),
            None => echo(),
        };
        let chunk = |delta: Value, finish: Value| {
            let v = json!({"id": "c", "object": "chat.completion.chunk", "created": 1, "model": KEY,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]});
            format!("data: {v}\n\n")
        };
        let usage = json!({"id": "c", "object": "chat.completion.chunk", "created": 1, "model": KEY,
            "choices": [], "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}});
        let sse = format!(
            "{}{}data: {usage}\n\ndata: [DONE]\n\n",
            chunk(
                json!({"role": "assistant", "content": content}),
                Value::Null
            ),
            chunk(json!({}), json!("stop")),
        );
        ResponseTemplate::new(200)
            .insert_header("content-type", "text/event-stream")
            .set_body_string(sse)
    }
}

/// The key nowhere in `text`.
fn clean(what: &str, text: &str) {
    for f in forms() {
        assert!(!text.contains(&f), "the key ({f}) leaked into {what}");
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
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

async fn run(mut cmd: assert_cmd::Command) -> std::process::Output {
    cmd.timeout(Duration::from_secs(240));
    tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_canary_key_is_found_nowhere() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(Echo)
        .mount(&server)
        .await;
    let sb = Sandbox::new();
    let base = format!("{}/v1", server.uri());
    let log = sb.dir.path().join("hotseat.log");
    let model = |cmd: &mut assert_cmd::Command| {
        cmd.env("OPENAI_BASE_URL", &base)
            .env("OPENAI_API_KEY", KEY)
            .env("HOTSEAT_MODEL", "mock");
    };
    let mut outputs: Vec<(String, std::process::Output)> = Vec::new();
    let typed = format!(
        "My key is {KEY}, Bearer {KEY}. What is the peak QPS and how many users?\n\
        I would cache reads because 50k QPS at peak, Postgres behind it, p99 under 100 ms, and it costs $2k a month.\n/end\n"
    );

    // A round on the model engine, logged at -vv to the log file; one on the offline engine with
    // the key in the environment; the candidate types the key into both.
    let mut cmd = sb.interview(&["--seed", "1", "--turn-minutes", "5"]);
    model(&mut cmd);
    cmd.arg("-vv")
        .env("HOTSEAT_LOG_FILE", &log)
        .write_stdin(typed.clone());
    outputs.push(("a model round".into(), run(cmd).await));
    let mut cmd = sb.interview(&["--offline", "--seed", "1", "--turn-minutes", "5"]);
    model(&mut cmd);
    cmd.write_stdin(typed.clone());
    outputs.push(("an offline round".into(), run(cmd).await));

    // The critique of a transcript holding the key, with the judge, in every format, printed at
    // -vv (logs on stderr) and written with -o.
    let call = sb.dir.path().join("call.txt");
    std::fs::write(
        &call,
        format!(
            "Interviewer: Design a URL shortener. What would you ask first?\n\
             Candidate: My key is {KEY}. What is the peak QPS and how many users do we have?\n\
             Interviewer: 10k QPS at peak, 100M users.\n\
             Candidate: {}\n",
            "I would put a cache in front of Postgres because reads dominate at 50k QPS, with consistent hashing to shard, a CDN for redirects, rate limits per key, and monitoring on p99 latency. ".repeat(6)
        ),
    )
    .unwrap();
    for format in ["text", "markdown", "json", "html"] {
        let mut cmd = sb.cmd();
        model(&mut cmd);
        cmd.arg("-vv")
            .arg("critique")
            .arg(&call)
            .args(["--format", format]);
        outputs.push((format!("critique --format {format}"), run(cmd).await));
        let mut cmd = sb.cmd();
        model(&mut cmd);
        cmd.arg("critique")
            .arg(&call)
            .args(["--format", format, "-o"])
            .arg(sb.dir.path().join(format!("report.{format}")));
        outputs.push((format!("critique -o report.{format}"), run(cmd).await));
    }

    // Eval: the model cases recorded (cassettes) with every report, then run live.
    let evals = sb.dir.path().join("evals");
    std::fs::create_dir_all(&evals).unwrap();
    let suite = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("evals");
    for f in [
        "google-model-interviewer.toml",
        "meta-judge-pressure.toml",
        "amazon-model-candidate.toml",
    ] {
        std::fs::copy(suite.join(f), evals.join(f)).unwrap();
    }
    for mode in ["--record", "--repeat=1"] {
        let r = sb.dir.path().join(mode.trim_start_matches('-'));
        let mut cmd = sb.cmd();
        model(&mut cmd);
        cmd.arg("eval")
            .arg(&evals)
            .arg(mode)
            .arg("--json")
            .arg(r.join("r.json"))
            .arg("--junit")
            .arg(r.join("r.xml"))
            .arg("--markdown")
            .arg(r.join("r.md"))
            .arg("--transcripts")
            .arg(r.join("runs"));
        outputs.push((format!("eval {mode}"), run(cmd).await));
    }
    // An endpoint error that quotes the key reaches stderr scrubbed.
    let failing = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": {
            "message": format!("bad request for key {KEY}"), "type": "invalid_request_error",
            "param": null, "code": null}})))
        .mount(&failing)
        .await;
    let mut cmd = sb.interview(&["--seed", "1"]);
    cmd.env("OPENAI_BASE_URL", format!("{}/v1", failing.uri()))
        .env("OPENAI_API_KEY", KEY)
        .env("HOTSEAT_MODEL", "mock")
        .write_stdin("hello\n");
    outputs.push(("a failing endpoint".into(), run(cmd).await));

    // Something was produced on every path, and none of it holds the key.
    let sessions: Vec<PathBuf> = std::fs::read_dir(sb.sessions())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    assert!(sessions.len() >= 2, "{sessions:?}");
    let files = walk(sb.dir.path());
    let count = |suffix: &str| {
        files
            .iter()
            .filter(|p| p.to_string_lossy().ends_with(suffix))
            .count()
    };
    assert!(count("critique.json") >= 2, "{files:?}");
    assert!(count("report.html") == 1 && count("report.markdown") == 1);
    assert!(count(".jsonl") >= 5, "transcripts and cassettes: {files:?}");
    assert!(count("r.xml") == 2 && count("r.md") == 2 && count("r.json") == 2);
    assert!(count(".txt") >= 3, "eval run transcripts: {files:?}");
    assert!(std::fs::read_to_string(&log).unwrap().lines().count() > 10);
    let judged = std::fs::read_to_string(sb.dir.path().join("report.json")).unwrap();
    assert!(
        judged.contains("[redacted]"),
        "the judge's echo reached the report, scrubbed: {judged}"
    );
    for (what, out) in &outputs {
        clean(&format!("stdout of {what}"), &stdout(out));
        clean(&format!("stderr of {what}"), &stderr(out));
    }
    for file in files.into_iter().filter(|f| *f != call) {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
        clean(&file.display().to_string(), &text);
    }
}
