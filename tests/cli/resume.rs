//! A round killed mid-way loses no finished turn and continues with `--resume`.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::util::*;

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    // Process synchronisation, not a timing assertion: poll until the child has written.
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn resume_after_kill() {
    let sb = Sandbox::new();
    let bin = assert_cmd::cargo::cargo_bin("hotseat");
    let mut child = Command::new(bin)
        .args([
            "interview",
            "--offline",
            "--seed",
            "5",
            "--persona",
            "amazon",
        ])
        .args([
            "--question",
            "llm-support-chatbot",
            "--turn-minutes",
            "4",
            "--sessions-dir",
        ])
        .arg(sb.sessions())
        .env_remove("OPENAI_API_KEY")
        .env_remove("OPENAI_BASE_URL")
        .env("HOTSEAT_CONFIG", sb.dir.path().join("none.toml"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "Who are the users, and what's the peak load?").unwrap();
    writeln!(stdin, "What's the latency budget?").unwrap();
    writeln!(
        stdin,
        "I'd use retrieval over the help articles with a reranker."
    )
    .unwrap();
    stdin.flush().unwrap();
    wait_for("three answered turns", || {
        sb.sessions().is_dir()
            && std::fs::read_dir(sb.sessions()).unwrap().count() == 1
            && sb.only_session().join("transcript.jsonl").is_file()
            && turns(&sb.only_session()).len() == 7
    });
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    child.wait().unwrap();
    drop(stdin);

    let session = sb.only_session();
    let before = turns(&session);
    assert_eq!(before.len(), 7, "opening + 3 exchanges, all on disk");
    assert_ne!(events(&session).last().unwrap()["type"], "end");
    let id = session.file_name().unwrap().to_str().unwrap().to_string();

    let out = sb
        .interview(&["--resume", &id, "--turn-minutes", "4"])
        .write_stdin(
            "So 300 calls a second times 3k tokens is 900k tokens a second, about 40 GPUs.\n/end\n",
        )
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("resumed at 12:00"),
        "{}",
        stdout(&out)
    );

    let after = turns(&session);
    assert_eq!(&after[..7], &before[..], "history untouched");
    let numbers: Vec<u64> = after.iter().map(|t| t["n"].as_u64().unwrap()).collect();
    assert_eq!(numbers, (1..=after.len() as u64).collect::<Vec<_>>());
    let new_turn = &after[7];
    assert_eq!(new_turn["role"], "candidate");
    assert_eq!(
        new_turn["at_ms"],
        16 * 60_000,
        "the clock continues where it stopped"
    );
    let kinds: Vec<String> = events(&session)
        .iter()
        .map(|e| e["type"].as_str().unwrap().to_string())
        .collect();
    assert!(kinds.contains(&"resumed".to_string()));
    assert_eq!(kinds.last().unwrap(), "end");
}

#[test]
fn resuming_a_finished_round_is_refused() {
    let sb = Sandbox::new();
    sb.interview(&["--offline", "--seed", "1"])
        .write_stdin("/end\n")
        .assert()
        .success();
    let id = sb
        .only_session()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let out = sb.interview(&["--resume", &id]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already ended"), "{}", stderr(&out));
}

#[test]
fn resuming_an_unknown_session_is_exit_2() {
    let sb = Sandbox::new();
    let out = sb.interview(&["--resume", "no-such-id"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no session `no-such-id`"),
        "{}",
        stderr(&out)
    );
}
