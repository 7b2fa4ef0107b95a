//! The judge layer through the binary, against a mock OpenAI-compatible endpoint: every criterion
//! in one structured call at temperature 0, a verbatim quote kept, an invented one dropped and
//! counted.

use std::time::Duration;

use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::super::util::*;
use super::fixture;

/// Answers each criterion from the request: one real finding, one invented quote, the rest "no".
struct Judge;

fn sse(content: &str) -> ResponseTemplate {
    let chunk = |delta: Value, finish: Value| {
        let v = json!({
            "id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "mock-judge",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]
        });
        format!("data: {v}\n\n")
    };
    let body = format!(
        "{}{}data: [DONE]\n\n",
        chunk(json!({"content": content}), Value::Null),
        chunk(json!({}), json!("stop"))
    );
    ResponseTemplate::new(200)
        .insert_header("content-type", "text/event-stream")
        .set_body_string(body)
}

impl Respond for Judge {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&req.body).unwrap();
        assert_eq!(
            body["temperature"], 0.0,
            "the judge samples at temperature 0"
        );
        assert_eq!(
            body["response_format"]["type"], "json_schema",
            "structured output"
        );
        let user = body["messages"][1]["content"].as_str().unwrap();
        // Every criterion in one call: each is listed as "- `id`: question".
        let ids: Vec<String> = user
            .lines()
            .filter_map(|l| l.strip_prefix("- `"))
            .filter_map(|l| l.split('`').next())
            .map(str::to_string)
            .collect();
        assert!(ids.len() >= 9, "every criterion in one call: {ids:?}");
        let verdicts: Vec<Value> = ids
            .iter()
            .map(|id| {
                let (verdict, quote) = match id.as_str() {
                    "security-omitted" => (
                        true,
                        "The gateway redacts PII before requests leave for external providers, logs are encrypted",
                    ),
                    "missing-cost-tradeoff" => (
                        true,
                        "Money is no object for this team, so I will ignore spend.",
                    ),
                    _ => (false, ""),
                };
                json!({"criterion": id, "verdict": verdict, "quote": quote, "reason": format!("mock reason for {id}")})
            })
            .collect();
        sse(&json!({ "verdicts": verdicts }).to_string())
    }
}

#[tokio::test]
async fn the_judge_keeps_verbatim_quotes_and_drops_invented_ones() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(Judge)
        .mount(&server)
        .await;
    let sb = Sandbox::new();
    let mut cmd = sb.cmd();
    cmd.args(["critique", "--format", "json", "--model", "mock-judge"])
        .arg(fixture("staff-unquantified.txt"))
        .env("OPENAI_BASE_URL", format!("{}/v1", server.uri()))
        .env("OPENAI_API_KEY", "sk-test")
        .timeout(Duration::from_secs(60));
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let judge = report["layers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["layer"] == "judge")
        .unwrap();
    assert_eq!(judge["ran"], true, "{judge}");
    assert_eq!(judge["verdicts"]["invented_quotes"], 1, "{judge}");
    assert_eq!(judge["verdicts"]["failed"], 0, "{judge}");
    let flags = report["flags"].as_array().unwrap();
    let judged: Vec<&Value> = flags.iter().filter(|f| f["layer"] == "judge").collect();
    assert_eq!(judged.len(), 1, "{judged:?}");
    assert_eq!(judged[0]["code"], "security-omitted");
    assert!(
        judged[0]["evidence"][0]["quote"]
            .as_str()
            .unwrap()
            .starts_with("The gateway redacts PII")
    );
    assert!(
        !flags.iter().any(|f| f["code"] == "missing-cost-tradeoff"),
        "an invented quote raises nothing"
    );
    let calls = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.method.as_str() == "POST")
        .count();
    assert_eq!(calls, 1, "one call judges every criterion");
}
