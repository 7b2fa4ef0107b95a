use std::io::Write;
use std::time::Duration;

use super::*;

fn header(id: &str) -> Header {
    Header {
        version: FORMAT_VERSION,
        session_id: id.into(),
        persona: "google".into(),
        question: "llm-support-chatbot".into(),
        level: Level::Senior,
        engine: "offline".into(),
        model: None,
        seed: Some(1),
        plan: TimePlan::default(),
        started_at: "2026-11-25T10:00:00Z".into(),
        hotseat_version: "0.1.0".into(),
        loop_id: None,
        loop_round: None,
        pace: None,
    }
}

fn turn(n: usize, role: Speaker, text: &str, secs: u64) -> Event {
    Event::Turn(Turn {
        n,
        role,
        text: text.into(),
        at: Duration::from_secs(secs),
        phase: Phase::Clarify,
        tokens: None,
        latency_ms: None,
        partial: None,
        intent: None,
        reasoning: None,
        guard: None,
    })
}

#[test]
fn events_round_trip_through_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = SessionStore::new(dir.path());
    let mut w = store.create(&header("s1")).unwrap();
    w.append(&turn(1, Speaker::Interviewer, "Design X.", 0))
        .unwrap();
    w.append(&turn(2, Speaker::Candidate, "What's the peak QPS?", 30))
        .unwrap();
    let t = store.open("s1").unwrap();
    assert_eq!(t.header.session_id, "s1");
    assert_eq!(t.turns().count(), 2);
    assert_eq!(t.last_at(), Duration::from_secs(30));
    assert!(!t.torn_tail);
}

#[cfg(unix)]
#[test]
fn transcript_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let store = SessionStore::new(dir.path());
    let w = store.create(&header("s1")).unwrap();
    let mode = std::fs::metadata(w.path()).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn torn_last_line_is_dropped_and_repaired_on_resume() {
    let dir = tempfile::tempdir().unwrap();
    let store = SessionStore::new(dir.path());
    let mut w = store.create(&header("s1")).unwrap();
    w.append(&turn(1, Speaker::Interviewer, "Design X.", 0))
        .unwrap();
    let path = w.path().to_path_buf();
    drop(w);
    std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(b"{\"type\":\"turn\",\"n\":2,\"ro")
        .unwrap();
    let t = read_transcript(&path).unwrap();
    assert!(t.torn_tail);
    assert_eq!(t.turns().count(), 1);

    let mut w = TranscriptWriter::append_to(&path).unwrap();
    w.append(&turn(2, Speaker::Candidate, "again", 10)).unwrap();
    let t = read_transcript(&path).unwrap();
    assert!(!t.torn_tail);
    assert_eq!(t.turns().count(), 2);
}

#[test]
fn malformed_middle_line_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.jsonl");
    let head = serde_json::to_string(&Event::Header(header("s"))).unwrap();
    std::fs::write(&path, format!("{head}\nnot json\n{{}}\n")).unwrap();
    let err = read_transcript(&path).unwrap_err().to_string();
    assert!(err.contains("t.jsonl:2:"), "{err}");
}

#[test]
fn secret_is_scrubbed_before_it_reaches_disk() {
    let dir = tempfile::tempdir().unwrap();
    let store = SessionStore::new(dir.path());
    let mut w = store.create(&header("s1")).unwrap();
    w.scrub_with(crate::llm::Scrubber::new([crate::llm::ApiKey::new(
        "sk-live-abcdef123",
    )]));
    w.append(&turn(
        2,
        Speaker::Candidate,
        "my key is sk-live-abcdef123",
        5,
    ))
    .unwrap();
    let raw = std::fs::read_to_string(w.path()).unwrap();
    assert!(!raw.contains("sk-live-abcdef123"));
    assert!(raw.contains("[redacted]"));
}

#[test]
fn unknown_session_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let store = SessionStore::new(dir.path());
    assert!(matches!(
        store.open("nope"),
        Err(TranscriptError::NoSession(_))
    ));
    assert!(matches!(store.open("../x"), Err(TranscriptError::BadId(_))));
}
