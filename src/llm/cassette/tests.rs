use std::collections::BTreeMap;
use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use super::*;
use crate::llm::scripted::ScriptedModel;
use crate::llm::{ApiKey, ChatMessage};

fn prints(prompts: &str) -> BTreeMap<String, String> {
    [("prompts".to_string(), prompts.to_string())].into()
}

fn request(text: &str) -> ChatRequest {
    ChatRequest::new(vec![ChatMessage::system("sys"), ChatMessage::user(text)])
}

async fn ask(model: &dyn ChatModel, text: &str) -> Result<Completion, LlmError> {
    let cancel = CancellationToken::new();
    model.complete(&request(text), &mut |_| {}, &cancel).await
}

#[tokio::test]
async fn recorded_calls_replay_exactly_and_per_repeat() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cassettes/case.jsonl");
    let inner: Arc<dyn ChatModel> = Arc::new(ScriptedModel::new(["first", "second", "third"]));
    let tape = Arc::new(Cassette::recording("case", prints("p1")));
    let record = |repeat| {
        let mode = Mode::Record {
            inner: inner.clone(),
            scrubber: Scrubber::default(),
        };
        CassetteModel::new(tape.clone(), mode, "m", repeat)
    };
    let r0 = record(0);
    assert_eq!(ask(&r0, "hi").await.unwrap().text, "first");
    // The same request again in the same run is a second sample, not a repeat of the first.
    assert_eq!(ask(&r0, "hi").await.unwrap().text, "second");
    assert_eq!(ask(&record(1), "hi").await.unwrap().text, "third");
    tape.save(&path).unwrap();

    let replay = Arc::new(Cassette::load(&path, "case", prints("p1")).unwrap());
    assert_eq!(replay.len(), 3);
    let view = |repeat| CassetteModel::new(replay.clone(), Mode::Replay, "m", repeat);
    let v0 = view(0);
    assert_eq!(ask(&v0, "hi").await.unwrap().text, "first");
    assert_eq!(ask(&v0, "hi").await.unwrap().text, "second");
    assert_eq!(ask(&view(1), "hi").await.unwrap().text, "third");
    // Repeat 2 was never recorded: repeats are independent, so it misses.
    let err = ask(&view(2), "hi").await.unwrap_err().to_string();
    assert!(err.starts_with("re-record needed: case"), "{err}");
}

#[tokio::test]
async fn another_model_or_message_misses() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.jsonl");
    let tape = Arc::new(Cassette::recording("c", prints("p1")));
    let inner: Arc<dyn ChatModel> = Arc::new(ScriptedModel::new(["ok"]));
    let rec = CassetteModel::new(
        tape.clone(),
        Mode::Record {
            inner,
            scrubber: Scrubber::default(),
        },
        "m",
        0,
    );
    ask(&rec, "hi").await.unwrap();
    tape.save(&path).unwrap();
    let replay = Arc::new(Cassette::load(&path, "c", prints("p1")).unwrap());
    let other_model = CassetteModel::new(replay.clone(), Mode::Replay, "m2", 0);
    assert!(ask(&other_model, "hi").await.is_err());
    let same = CassetteModel::new(replay, Mode::Replay, "m", 0);
    let err = ask(&same, "hello").await.unwrap_err().to_string();
    assert!(err.contains("no recorded call matches"), "{err}");
}

#[tokio::test]
async fn a_prompt_change_reports_the_cassette_stale() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.jsonl");
    let tape = Arc::new(Cassette::recording("c", prints("p1")));
    let inner: Arc<dyn ChatModel> = Arc::new(ScriptedModel::new(["ok"]));
    ask(
        &CassetteModel::new(
            tape.clone(),
            Mode::Record {
                inner,
                scrubber: Scrubber::default(),
            },
            "m",
            0,
        ),
        "hi",
    )
    .await
    .unwrap();
    tape.save(&path).unwrap();
    let replay = Arc::new(Cassette::load(&path, "c", prints("p2")).unwrap());
    assert_eq!(replay.stale(), vec!["prompts".to_string()]);
    let err = ask(
        &CassetteModel::new(replay, Mode::Replay, "m", 0),
        "hi other",
    )
    .await
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("re-record needed: c") && err.contains("stale"),
        "{err}"
    );
}

#[tokio::test]
async fn secrets_never_reach_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.jsonl");
    let key = ApiKey::new("sk-live-abcdefghijklmnop1234");
    let tape = Arc::new(Cassette::recording("c", prints("p")));
    let inner: Arc<dyn ChatModel> = Arc::new(ScriptedModel::new([
        "your key is sk-live-abcdefghijklmnop1234, Bearer abcdefghijklmnopq",
    ]));
    let rec = CassetteModel::new(
        tape.clone(),
        Mode::Record {
            inner,
            scrubber: Scrubber::new([key]),
        },
        "m",
        0,
    );
    let said = ask(&rec, "my key: sk-live-abcdefghijklmnop1234")
        .await
        .unwrap();
    assert!(!said.text.contains("sk-live"), "{}", said.text);
    tape.save(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        !text.contains("sk-live") && !text.contains("abcdefghijklmnopq"),
        "{text}"
    );
    assert!(text.contains("[redacted]"));
}

#[test]
fn a_missing_cassette_is_empty_and_a_bad_one_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let c = Cassette::load(&dir.path().join("none.jsonl"), "c", prints("p")).unwrap();
    assert!(c.is_empty());
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"cassette\":1,\"name\":\"c\",\"fingerprints\":{}}\nnot json\n",
    )
    .unwrap();
    let err = Cassette::load(&bad, "c", prints("p"))
        .unwrap_err()
        .to_string();
    assert!(err.contains(":2:"), "{err}");
}
