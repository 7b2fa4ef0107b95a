//! `hotseat eval` end to end: the project's own suite passes offline and writes its reports, a
//! broken persona fails against the baseline naming what dropped, replay is byte for byte, a prompt
//! change reports the stale cassette, and recording against a scripted OpenAI-compatible server
//! replays to the same verdicts.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::util::*;

const KEY: &str = "sk-test-eval-secret-4242";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn suite() -> PathBuf {
    repo().join("evals")
}

fn baseline() -> PathBuf {
    suite().join("baselines/suite.json")
}

/// `hotseat eval` in the sandbox with these arguments.
pub fn eval(sb: &Sandbox, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = sb.cmd();
    cmd.arg("eval").args(args).timeout(Duration::from_secs(300));
    cmd
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn read_json(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// A copy of the `google` persona with every pressure phrasing replaced by a bland "Go on.": the
/// steering still decides to press, but the words no longer do.
fn broken_google(dir: &Path) {
    let text = std::fs::read_to_string(repo().join("personas/google.toml")).unwrap();
    let mut value: toml::Table = text.parse().unwrap();
    let pressure = value.get_mut("pressure").unwrap().as_table_mut().unwrap();
    for (_, lines) in pressure.iter_mut() {
        *lines = toml::Value::Array(vec![toml::Value::String("Go on.".into())]);
    }
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("google.toml"), toml::to_string(&value).unwrap()).unwrap();
}

#[test]
fn suite_passes_offline_and_writes_json_and_junit() {
    let sb = Sandbox::new();
    let (j, x, m) = (
        sb.dir.path().join("r.json"),
        sb.dir.path().join("r.xml"),
        sb.dir.path().join("r.md"),
    );
    let out = eval(
        &sb,
        &[
            s(&suite()),
            "--json",
            s(&j),
            "--junit",
            s(&x),
            "--markdown",
            s(&m),
            "--baseline",
            s(&baseline()),
        ],
    )
    .output()
    .unwrap();
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let report = read_json(&j);
    assert_eq!(report["passed"], true);
    let cases = report["cases"].as_array().unwrap();
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    for persona in ["google", "meta", "amazon", "microsoft"] {
        let n = cases.iter().filter(|c| c["persona"] == persona).count();
        assert!(n >= 8, "{persona} has only {n} cases");
    }
    assert!(
        report["baseline"]["regressions"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let xml = std::fs::read_to_string(&x).unwrap();
    assert!(
        xml.starts_with("<?xml") && xml.contains("failures=\"0\" errors=\"0\""),
        "{xml}"
    );
    assert_eq!(xml.matches("<testsuite ").count(), cases.len());
    assert!(
        std::fs::read_to_string(&m)
            .unwrap()
            .starts_with("## hotseat eval: pass")
    );
}

#[test]
fn broken_persona_fails_against_the_baseline_and_names_the_dropped_assertions() {
    let sb = Sandbox::new();
    let personas = sb.dir.path().join("personas");
    broken_google(&personas);
    let j = sb.dir.path().join("r.json");
    let out = eval(
        &sb,
        &[
            s(&suite()),
            "--filter",
            "google",
            "--baseline",
            s(&baseline()),
            "--json",
            s(&j),
        ],
    )
    .env("HOTSEAT_PERSONAS_DIR", &personas)
    .output()
    .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}\n{}",
        stdout(&out),
        stderr(&out)
    );
    let text = stdout(&out);
    assert!(
        text.contains("REGRESSION google-presses-the-diver / presses-in-words"),
        "{text}"
    );
    assert!(
        text.contains("persona `google` changed since the baseline"),
        "{text}"
    );
    let report = read_json(&j);
    let dropped: Vec<String> = report["baseline"]["regressions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{} / {}",
                r["case"].as_str().unwrap(),
                r["assertion"].as_str().unwrap()
            )
        })
        .collect();
    for expected in [
        "google-presses-the-diver / presses-in-words",
        "google-questions-overengineering / in-words",
        "google-signature-probe / signature-in-words",
    ] {
        assert!(
            dropped.iter().any(|d| d == expected),
            "{expected} not in {dropped:?}"
        );
    }
    // The steering still presses; only the words broke, and only those assertions dropped.
    assert!(
        !dropped
            .iter()
            .any(|d| d == "google-presses-the-diver / presses-on-requirements"),
        "{dropped:?}"
    );
}

#[test]
fn replay_is_byte_for_byte_deterministic() {
    let sb = Sandbox::new();
    let mut reports = Vec::new();
    for i in 0..2 {
        let (j, x) = (
            sb.dir.path().join(format!("{i}.json")),
            sb.dir.path().join(format!("{i}.xml")),
        );
        let out = eval(
            &sb,
            &[
                s(&suite()),
                "--filter",
                "cassette",
                "--replay",
                "--json",
                s(&j),
                "--junit",
                s(&x),
                "--jobs",
                "3",
            ],
        )
        .output()
        .unwrap();
        assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
        reports.push((std::fs::read(&j).unwrap(), std::fs::read(&x).unwrap()));
    }
    assert_eq!(reports[0], reports[1], "two replays differ");
    let report: Value = serde_json::from_slice(&reports[0].0).unwrap();
    assert_eq!(report["cases"].as_array().unwrap().len(), 3);
    assert!(
        report["cases"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["engine"] == "replay")
    );
}

#[test]
fn prompt_change_reports_the_stale_cassette() {
    let sb = Sandbox::new();
    let personas = sb.dir.path().join("personas");
    std::fs::create_dir_all(&personas).unwrap();
    let google = std::fs::read_to_string(repo().join("personas/google.toml")).unwrap();
    let changed = google.replacen("You are Maya,", "You are Maya, newly promoted,", 1);
    assert_ne!(google, changed);
    std::fs::write(personas.join("google.toml"), changed).unwrap();
    let case = suite().join("google-model-interviewer.toml");
    let out = eval(&sb, &[s(&case), "--replay"])
        .env("HOTSEAT_PERSONAS_DIR", &personas)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}\n{}",
        stdout(&out),
        stderr(&out)
    );
    // The table wraps to the terminal: read it as one line.
    let text = stdout(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("re-record needed: google-model-interviewer"),
        "{text}"
    );
    assert!(
        text.contains("stale: recorded with other persona"),
        "{text}"
    );
}

#[test]
fn bad_case_file_is_one_line_naming_file_line_and_cause() {
    let sb = Sandbox::new();
    let dir = sb.dir.path().join("cases");
    std::fs::create_dir_all(&dir).unwrap();
    let case = |body: &str| {
        let file = dir.join("bad.toml");
        std::fs::write(&file, body).unwrap();
        let out = eval(&sb, &[s(&file)]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        err
    };
    let head =
        "persona = \"google\"\nquestion = \"url-shortener\"\n[candidate]\nprofile = \"diver\"\n";
    let err = case(&format!("{head}[[assert]]\ncontians = \"x\"\n"));
    assert!(
        err.contains("bad.toml:6:") && err.contains("contians"),
        "{err}"
    );
    let err = case(&format!("{head}[[assert]]\nregex = \"(unclosed\"\n"));
    assert!(
        err.contains("bad.toml:6:") && err.contains("bad regex"),
        "{err}"
    );
    let err = case(&format!(
        "min_pass_rate = 0.9\n{head}[[assert]]\ntwist = true\n"
    ));
    assert!(err.contains("cannot be shown with 5 repeats"), "{err}");
    let err = case(
        "persona = \"gogle\"\nquestion = \"url-shortener\"\n[candidate]\nprofile = \"diver\"\n[[assert]]\ntwist = true\n",
    );
    assert!(
        err.contains("bad.toml:1:") && err.contains("unknown persona `gogle`"),
        "{err}"
    );
    let err = case(&format!("{head}[[assert]]\nreveals-fact = \"hardware\"\n"));
    assert!(
        err.contains("bad.toml:6:") && err.contains("no `hardware` fact"),
        "{err}"
    );
}

#[test]
fn shards_split_the_cases_without_overlap() {
    let sb = Sandbox::new();
    let mut seen: Vec<String> = Vec::new();
    for i in 1..=3 {
        let j = sb.dir.path().join(format!("{i}.json"));
        let shard = format!("{i}/3");
        let out = eval(
            &sb,
            &[
                s(&suite()),
                "--filter",
                "critique",
                "--shard",
                &shard,
                "--json",
                s(&j),
            ],
        )
        .output()
        .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let report = read_json(&j);
        let ids: Vec<String> = report["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect();
        assert!(!ids.is_empty(), "shard {shard} is empty");
        assert!(
            ids.iter().all(|id| !seen.contains(id)),
            "overlap in {shard}"
        );
        seen.extend(ids);
    }
    assert_eq!(seen.len(), 7, "{seen:?}");
    let out = eval(&sb, &[s(&suite()), "--shard", "4/3"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn update_baseline_then_compare_is_clean() {
    let sb = Sandbox::new();
    let b = sb.dir.path().join("b/base.json");
    let out = eval(
        &sb,
        &[
            s(&suite()),
            "--filter",
            "*-signature-probe",
            "--baseline",
            s(&b),
            "--update-baseline",
        ],
    )
    .output()
    .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let base = read_json(&b);
    assert_eq!(base["cases"].as_object().unwrap().len(), 4);
    assert_eq!(
        base["cases"]["meta-signature-probe"]["assertions"]["asks-the-signature-question"],
        json!({"k": 5, "n": 5})
    );
    let out = eval(
        &sb,
        &[
            s(&suite()),
            "--filter",
            "*-signature-probe",
            "--baseline",
            s(&b),
        ],
    )
    .output()
    .unwrap();
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).contains("no significant drop against the baseline"));
}

/// An OpenAI-compatible server that plays every model part of the suite deterministically: the
/// interviewer says the offline engine's style example from its notes, the judge answers yes with a
/// quote from the transcript, the candidate asks, sizes, designs and stops.
pub struct ScriptedServer;

const CANDIDATE_LINES: [&str; 4] = [
    "Who are the customers, and how many conversations a day should I plan for? What's the peak load?",
    "What's the latency target for a spoken reply?",
    "At 250 turns a second at peak and 2,000 tokens each, that's 500,000 tokens a second, roughly 50 GPUs.",
    "I'd put a speech front end before an LLM with tool calls for search and orders, and cache product facts, because the latency budget is tight.",
];

impl ScriptedServer {
    fn reply(body: &Value) -> String {
        let messages = body["messages"].as_array().cloned().unwrap_or_default();
        let content = |m: &Value| m["content"].as_str().unwrap_or_default().to_string();
        let first = messages.first().map(content).unwrap_or_default();
        if body.get("response_format").is_some() {
            // The transcript is fenced in the user message; the first interviewer line is the
            // opening, the next one with a question is quoted.
            let all: Vec<String> = messages.iter().map(content).collect();
            let quote = all
                .iter()
                .flat_map(|m| m.lines())
                .filter_map(|l| {
                    l.split_once("] interviewer: ")
                        .map(|(_, t)| t.trim().to_string())
                })
                .skip(1)
                .find(|t| t.contains('?'));
            return match quote {
                Some(q) => json!({"answer": true, "quote": q}).to_string(),
                None => json!({"answer": false, "quote": ""}).to_string(),
            };
        }
        if first.starts_with("You are a candidate") {
            let said = messages.iter().filter(|m| m["role"] == "assistant").count();
            return CANDIDATE_LINES
                .get(said)
                .map_or("[[END]]".to_string(), |l| l.to_string());
        }
        let notes = messages.last().map(content).unwrap_or_default();
        let marker = "Sample reply: \"";
        match notes.find(marker) {
            Some(i) => notes[i + marker.len()..]
                .trim_end()
                .trim_end_matches('"')
                .to_string(),
            None => "Go on.".into(),
        }
    }
}

impl Respond for ScriptedServer {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
        let text = Self::reply(&body);
        let words = |s: &str| s.split_whitespace().count();
        let prompt: usize = body["messages"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|m| words(m["content"].as_str().unwrap_or("")))
            .sum();
        let chunk = |delta: Value, finish: Value, usage: Value| {
            let c = json!({"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "scripted-mock",
                "choices": if usage.is_null() { json!([{"index": 0, "delta": delta, "finish_reason": finish}]) } else { json!([]) },
                "usage": usage});
            format!("data: {c}\n\n")
        };
        let mut sse = chunk(
            json!({"role": "assistant", "content": text}),
            Value::Null,
            Value::Null,
        );
        sse.push_str(&chunk(json!({}), json!("stop"), Value::Null));
        let usage = json!({"prompt_tokens": prompt, "completion_tokens": words(&text), "total_tokens": prompt + words(&text)});
        sse.push_str(&chunk(Value::Null, Value::Null, usage));
        sse.push_str("data: [DONE]\n\n");
        ResponseTemplate::new(200)
            .insert_header("content-type", "text/event-stream")
            .set_body_string(sse)
    }
}

async fn scripted_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(ScriptedServer)
        .mount(&server)
        .await;
    server
}

/// Runs a command off the async runtime (the mock server lives on it).
async fn output(mut cmd: assert_cmd::Command) -> std::process::Output {
    tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap()
}

pub fn model_cases() -> [&'static str; 3] {
    [
        "google-model-interviewer.toml",
        "meta-judge-pressure.toml",
        "amazon-model-candidate.toml",
    ]
}

#[tokio::test]
async fn recording_then_replaying_gives_the_same_verdicts_and_scrubs_the_key() {
    let server = scripted_server().await;
    let sb = Sandbox::new();
    let dir = sb.dir.path().join("evals");
    std::fs::create_dir_all(&dir).unwrap();
    for f in model_cases() {
        std::fs::copy(suite().join(f), dir.join(f)).unwrap();
    }
    let (rec, rep) = (
        sb.dir.path().join("rec.json"),
        sb.dir.path().join("rep.json"),
    );
    let mut cmd = eval(&sb, &[s(&dir), "--record", "--json", s(&rec)]);
    cmd.env("OPENAI_BASE_URL", format!("{}/v1", server.uri()))
        .env("OPENAI_API_KEY", KEY);
    let out = output(cmd).await;
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    for f in model_cases() {
        let tape = dir.join("cassettes").join(f.replace(".toml", ".jsonl"));
        let text = std::fs::read_to_string(&tape).unwrap();
        assert!(
            text.lines().count() > 4,
            "{} is nearly empty",
            tape.display()
        );
        assert!(
            !text.contains(KEY),
            "the key leaked into {}",
            tape.display()
        );
    }
    let out = output(eval(&sb, &[s(&dir), "--replay", "--json", s(&rep)])).await;
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let strip = |mut v: Value| {
        for c in v["cases"].as_array_mut().unwrap() {
            c.as_object_mut().unwrap().remove("engine");
        }
        v["cases"].take()
    };
    assert_eq!(strip(read_json(&rec)), strip(read_json(&rep)));
}

#[tokio::test]
async fn live_run_backs_off_when_rate_limited() {
    let server = MockServer::start().await;
    // async-openai retries a 429 three times itself; the eval's backoff outlasts a longer burst.
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(429).set_body_json(
        json!({"error": {"message": "slow down", "type": "rate_limit", "param": null, "code": null}}),
    ))
    .up_to_n_times(5)
    .mount(&server)
    .await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(ScriptedServer)
        .mount(&server)
        .await;
    let sb = Sandbox::new();
    let case = sb.dir.path().join("one.toml");
    std::fs::write(
        &case,
        "persona = \"google\"\nquestion = \"url-shortener\"\nrepeats = 1\nmin_pass_rate = 0.0\n[engine]\nkind = \"model\"\nmodel = \"m\"\n[candidate]\nlines = [\"What's the peak QPS?\"]\n[[assert]]\nreveals-fact = \"scale\"\n",
    )
    .unwrap();
    let j = sb.dir.path().join("r.json");
    let mut cmd = eval(&sb, &[s(&case), "--json", s(&j)]);
    cmd.env("OPENAI_BASE_URL", format!("{}/v1", server.uri()));
    let out = output(cmd).await;
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let report = read_json(&j);
    assert_eq!(report["cases"][0]["engine"], "live");
    assert_eq!(report["cases"][0]["assertions"][0]["k"], 1, "{report}");
}

/// Token, cost and latency budgets are checked against what the run's calls reported: a budget
/// of one token, a millionth of a cent, or one millisecond fails, and a generous one passes.
#[tokio::test]
async fn budgets_fail_when_the_recorded_usage_exceeds_them() {
    let server = scripted_server().await;
    let sb = Sandbox::new();
    let case = |name: &str, budget: &str| {
        let path = sb.dir.path().join(format!("{name}.toml"));
        std::fs::write(
            &path,
            format!(
                "persona = \"google\"\nquestion = \"url-shortener\"\nrepeats = 1\nmin_pass_rate = 0.0\n\
                 [engine]\nkind = \"model\"\nmodel = \"m\"\n\
                 [candidate]\nlines = [\"What's the peak QPS?\", \"I'd cache redirects.\"]\n\
                 [budget]\n{budget}\ninput_per_mtok = 0.15\noutput_per_mtok = 0.60\n"
            ),
        )
        .unwrap();
        path
    };
    let tight = case("tight", "tokens = 1\ncost_usd = 0.0000001");
    let roomy = case(
        "roomy",
        "tokens = 1000000\ncost_usd = 10.0\nlatency_ms = 600000",
    );
    for (file, pass) in [(&tight, false), (&roomy, true)] {
        // `min_pass_rate = 0` keeps one run enough; each budget's own verdict is what counts.
        let j = sb.dir.path().join("r.json");
        let mut cmd = eval(&sb, &[s(file), "--json", s(&j)]);
        cmd.env("OPENAI_BASE_URL", format!("{}/v1", server.uri()));
        let out = output(cmd).await;
        assert!(out.status.code().is_some_and(|c| c < 2), "{}", stderr(&out));
        let report = read_json(&j);
        let asserts = report["cases"][0]["assertions"].as_array().unwrap().clone();
        for a in asserts {
            let k = a["k"].as_u64().unwrap();
            assert_eq!(k == 1, pass, "{a}");
        }
    }
}

/// Re-records the committed cassettes of the suite's model cases against the scripted server:
/// `cargo test --test tests record_model_cassettes -- --ignored`. Run it after changing a prompt,
/// a persona or a model case, then update the baseline.
#[tokio::test]
#[ignore = "rewrites evals/cassettes; run by hand after a prompt change"]
async fn record_model_cassettes() {
    let server = scripted_server().await;
    let sb = Sandbox::new();
    let mut cmd = eval(&sb, &[s(&suite()), "--filter", "cassette", "--record"]);
    cmd.env("OPENAI_BASE_URL", format!("{}/v1", server.uri()));
    let out = output(cmd).await;
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
}

/// A single-run case used to be refused (exit 2) at the default `min_pass_rate` of 0.5, which one
/// run can never show; now the default asks that run to pass, and a failing run fails (exit 1).
#[test]
fn repeats_one_runs_at_the_default_rate() {
    let sb = Sandbox::new();
    let dir = sb.dir.path().join("cases");
    std::fs::create_dir_all(&dir).unwrap();
    let case = |name: &str, assert: &str| {
        let file = dir.join(format!("{name}.toml"));
        std::fs::write(
            &file,
            format!(
                "persona = \"google\"\nquestion = \"url-shortener\"\nrepeats = 1\n[candidate]\nlines = [\"What's the peak QPS?\"]\n[[assert]]\n{assert}\n"
            ),
        )
        .unwrap();
        file
    };
    let good = case("one-good", "reveals-fact = \"scale\"");
    let out = eval(&sb, &[s(&good)]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(stdout(&out).contains("1/1"), "{}", stdout(&out));

    let bad = case("one-bad", "contains = \"a phrase no interviewer says\"");
    let out = eval(&sb, &[s(&bad)]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );

    // A rate written out that one run cannot show is still refused, saying what to change.
    let file = dir.join("one-strict.toml");
    let text = std::fs::read_to_string(&good)
        .unwrap()
        .replace("repeats = 1", "repeats = 1\nmin_pass_rate = 0.5");
    std::fs::write(&file, text).unwrap();
    let out = eval(&sb, &[s(&file)]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("use `repeats = 4` or more, or `min_pass_rate = 0.2` or less"),
        "{err}"
    );
}

/// A case can charge its turns by what was said: five one-line questions at three minutes a turn
/// reach the high-level design; charged by words they are still in the requirements.
#[test]
fn a_case_clock_can_charge_by_words() {
    let sb = Sandbox::new();
    let dir = sb.dir.path().join("cases");
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, clock: &str| {
        let text = format!(
            "persona = \"google\"\nquestion = \"url-shortener\"\nrepeats = 1\n[clock]\n{clock}\n[candidate]\nlines = [\"What's the peak QPS?\", \"How many users?\", \"What latency budget?\", \"How much data?\", \"Any compliance needs?\"]\n[[assert]]\nname = \"reaches-design\"\nevent = {{ phase = \"high-level\" }}\n"
        );
        std::fs::write(dir.join(format!("{name}.toml")), text).unwrap();
    };
    write("per-turn", "minutes_per_turn = 3.0");
    write("spoken", "words_per_minute = 150\nthink_seconds = 20");
    let json = sb.dir.path().join("r.json");
    let out = eval(&sb, &[s(&dir), "--json", s(&json)]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = read_json(&json);
    let passed = |id: &str| {
        report["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()["passed"]
            .clone()
    };
    assert_eq!(passed("per-turn"), true);
    assert_eq!(passed("spoken"), false);

    // Both kinds at once is a mistake, named at its line.
    write("both", "minutes_per_turn = 3.0\nwords_per_minute = 150");
    let out = eval(&sb, &[s(&dir.join("both.toml"))]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("both.toml:5:") && err.contains("not both"),
        "{err}"
    );
}
