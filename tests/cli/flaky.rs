//! Transport faults are the endpoint's, not the interviewer's: against an endpoint that answers
//! 429, 500 and stalls, `eval --record` retries its way to the same k/N as a steady run and
//! cassettes as complete; a run that cannot finish is an error of its case (exit 1), counted in no
//! k/N, and never costs a complete cassette.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::eval::{ScriptedServer, eval, model_cases, suite};
use super::util::*;

/// The scripted endpoint, but of every 20 requests: 4 rate limited, 2 server errors, 1 stalled
/// past the read timeout (20 % 429, 10 % 500, 5 % stalls).
struct Flaky {
    n: AtomicUsize,
    faults: AtomicUsize,
}

impl Respond for Flaky {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let n = self.n.fetch_add(1, Ordering::SeqCst);
        let fault = match n % 20 {
            1 | 6 | 11 | 16 => Some(ResponseTemplate::new(429).set_body_json(json!({"error": {
                "message": "slow down", "type": "rate_limit", "param": null, "code": null}}))),
            3 | 13 => Some(ResponseTemplate::new(500).set_body_json(json!({"error": {
                "message": "overloaded", "type": "server_error", "param": null, "code": null}}))),
            8 => Some(
                ScriptedServer
                    .respond(req)
                    .set_delay(Duration::from_secs(3)),
            ),
            _ => None,
        };
        match fault {
            Some(f) => {
                self.faults.fetch_add(1, Ordering::SeqCst);
                f
            }
            None => ScriptedServer.respond(req),
        }
    }
}

/// The model cases, copied into a folder of their own under the sandbox.
fn cases(sb: &Sandbox, name: &str) -> PathBuf {
    let dir = sb.dir.path().join(name);
    std::fs::create_dir_all(&dir).unwrap();
    for f in model_cases() {
        // Without latency budgets: a slow endpoint is rightly over them, and the point here is
        // what retries hide, not how long they take.
        let text = std::fs::read_to_string(suite().join(f)).unwrap();
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("latency_ms"))
            .collect();
        std::fs::write(dir.join(f), kept.join("\n") + "\n").unwrap();
    }
    dir
}

async fn output(mut cmd: assert_cmd::Command) -> std::process::Output {
    tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap()
}

/// `eval DIR --record --json REPORT` against `server`, with a one-second read timeout.
async fn record(sb: &Sandbox, dir: &Path, server: &MockServer, extra: &[&str]) -> (Value, String) {
    let report = dir.join("report.json");
    let mut cmd = eval(
        sb,
        &[
            dir.to_str().unwrap(),
            "--record",
            "--json",
            report.to_str().unwrap(),
        ],
    );
    cmd.args(extra)
        .env("OPENAI_BASE_URL", format!("{}/v1", server.uri()))
        .env("HOTSEAT_READ_TIMEOUT", "1");
    let out = output(cmd).await;
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    (v, stdout(&out))
}

/// k/N of every assertion of every case.
fn rates(report: &Value) -> Vec<(String, String, u64, u64)> {
    let mut out = Vec::new();
    for c in report["cases"].as_array().unwrap() {
        for a in c["assertions"].as_array().unwrap() {
            out.push((
                c["id"].as_str().unwrap().to_string(),
                a["name"].as_str().unwrap().to_string(),
                a["k"].as_u64().unwrap(),
                a["n"].as_u64().unwrap(),
            ));
        }
    }
    out
}

/// (repeat, seq, key) of every call a cassette holds.
fn calls(cassette: &Path) -> Vec<(u64, u64, String)> {
    let text = std::fs::read_to_string(cassette).unwrap();
    let mut out: Vec<_> = text
        .lines()
        .skip(1)
        .map(|l| {
            let e: Value = serde_json::from_str(l).unwrap();
            (
                e["repeat"].as_u64().unwrap(),
                e["seq"].as_u64().unwrap(),
                e["key"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn a_flaky_endpoint_gives_the_steady_verdicts_and_complete_cassettes() {
    let sb = Sandbox::new();
    let steady = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(ScriptedServer)
        .mount(&steady)
        .await;
    let flaky = MockServer::start().await;
    let faults = std::sync::Arc::new(Flaky {
        n: AtomicUsize::new(0),
        faults: AtomicUsize::new(0),
    });
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(FlakyHandle(faults.clone()))
        .mount(&flaky)
        .await;

    let calm = cases(&sb, "steady");
    let (calm_report, _) = record(&sb, &calm, &steady, &[]).await;
    let stormy = cases(&sb, "flaky");
    let (stormy_report, _) = record(&sb, &stormy, &flaky, &["--jobs", "16"]).await;
    assert!(
        faults.faults.load(Ordering::SeqCst) >= 5,
        "the endpoint misbehaved {} times",
        faults.faults.load(Ordering::SeqCst)
    );
    assert_eq!(rates(&stormy_report), rates(&calm_report));
    for c in stormy_report["cases"].as_array().unwrap() {
        assert_eq!(c["status"], "pass", "{c}");
        assert_eq!(c["errored"], 0, "{c}");
    }
    for f in model_cases() {
        let tape = f.replace(".toml", ".jsonl");
        let (a, b) = (
            calls(&calm.join("cassettes").join(&tape)),
            calls(&stormy.join("cassettes").join(&tape)),
        );
        assert!(!a.is_empty());
        assert_eq!(a, b, "{tape}: the same calls as the steady recording");
    }
    // And the cassettes recorded through the storm replay to the same verdicts.
    let replay = stormy.join("replay.json");
    let out = output(eval(
        &sb,
        &[
            stormy.to_str().unwrap(),
            "--replay",
            "--json",
            replay.to_str().unwrap(),
        ],
    ))
    .await;
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let replayed: Value = serde_json::from_str(&std::fs::read_to_string(&replay).unwrap()).unwrap();
    assert_eq!(rates(&replayed), rates(&calm_report));
}

/// Shares one [`Flaky`] between the mock and the test.
struct FlakyHandle(std::sync::Arc<Flaky>);

impl Respond for FlakyHandle {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        self.0.respond(req)
    }
}

#[tokio::test]
async fn a_run_that_cannot_finish_is_an_error_and_keeps_the_complete_cassette() {
    let sb = Sandbox::new();
    let steady = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(ScriptedServer)
        .mount(&steady)
        .await;
    let dir = cases(&sb, "cases");
    record(&sb, &dir, &steady, &[]).await;
    let tape = dir.join("cassettes/google-model-interviewer.jsonl");
    let complete = std::fs::read(&tape).unwrap();

    // Now the endpoint refuses after a few calls, with an error no retry can fix.
    let broken = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(ScriptedServer)
        .up_to_n_times(4)
        .mount(&broken)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": {
            "message": "context length exceeded", "type": "invalid_request_error",
            "param": null, "code": null}})))
        .mount(&broken)
        .await;
    let report = dir.join("broken.json");
    let mut cmd = eval(
        &sb,
        &[
            dir.to_str().unwrap(),
            "--filter",
            "google-model-interviewer",
            "--record",
            "--json",
            report.to_str().unwrap(),
        ],
    );
    cmd.env("OPENAI_BASE_URL", format!("{}/v1", broken.uri()));
    let out = output(cmd).await;
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("ERROR"), "{}", stdout(&out));
    let r: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let case = &r["cases"][0];
    assert_eq!(case["status"], "error", "{case}");
    assert!(case["errored"].as_u64().unwrap() > 0, "{case}");
    let n = case["runs"]["n"].as_u64().unwrap() + case["errored"].as_u64().unwrap();
    assert_eq!(n, 4, "every run (repeats = 4) is accounted for: {case}");
    for a in case["assertions"].as_array().unwrap() {
        assert_eq!(
            a["n"], case["runs"]["n"],
            "errored runs count in no k/N: {a}"
        );
    }
    let errors = case["errors"].to_string();
    assert!(errors.contains("HTTP 400"), "{errors}");
    assert!(errors.contains("cassette not saved"), "{errors}");
    assert_eq!(
        std::fs::read(&tape).unwrap(),
        complete,
        "the complete cassette is kept"
    );
    assert_eq!(r["summary"]["errored"], 1);
}
