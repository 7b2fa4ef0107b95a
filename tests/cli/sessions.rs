//! A session belongs to one process at a time, `/quit` and a closed terminal leave it resumable
//! with a hint that works as printed, and a refused resume changes nothing on disk.

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::util::*;

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    // Process synchronisation, not a timing assertion: poll until the child has written.
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A round left running, reading its turns from a pipe the test holds.
fn spawn_round(sb: &Sandbox, args: &[&str]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("hotseat"))
        .arg("interview")
        .arg("--sessions-dir")
        .arg(sb.sessions())
        .args(args)
        .env_remove("OPENAI_API_KEY")
        .env_remove("OPENAI_BASE_URL")
        .env("HOTSEAT_CONFIG", sb.dir.path().join("none.toml"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn id_of(sb: &Sandbox) -> String {
    sb.only_session()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string()
}

fn kinds(sb: &Sandbox) -> Vec<String> {
    events(&sb.only_session())
        .iter()
        .map(|e| e["type"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_session_in_use_cannot_be_resumed_twice() {
    let sb = Sandbox::new();
    sb.interview(&["--offline", "--seed", "1", "--turn-minutes", "3"])
        .write_stdin("What is the peak QPS?\n/quit\n")
        .assert()
        .success();
    let id = id_of(&sb);
    let mut first = spawn_round(&sb, &["--resume", &id]);
    wait_for("the first resume", || {
        kinds(&sb).contains(&"resumed".into())
    });
    let before = std::fs::read(sb.only_session().join("transcript.jsonl")).unwrap();

    let out = sb
        .interview(&["--resume", &id])
        .write_stdin("a second writer\n/end\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let pid = first.id();
    assert!(
        stderr(&out).contains(&format!("in use by pid {pid}")),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(sb.only_session().join("transcript.jsonl")).unwrap(),
        before,
        "the refused resume wrote nothing"
    );

    let mut stdin = first.stdin.take().unwrap();
    writeln!(stdin, "/end").unwrap();
    drop(stdin);
    assert!(first.wait().unwrap().success());
    let k = kinds(&sb);
    assert_eq!(k.iter().filter(|k| *k == "resumed").count(), 1, "{k:?}");
    assert_eq!(
        k.iter().filter(|k| *k == "end").count(),
        2,
        "quit, then end: {k:?}"
    );
}

#[test]
fn quit_then_resume_as_printed() {
    let sb = Sandbox::new();
    // A sessions folder whose path needs quoting in a shell.
    let dir = sb.dir.path().join("my rounds");
    let out = sb
        .cmd()
        .args([
            "interview",
            "--offline",
            "--seed",
            "2",
            "--turn-minutes",
            "4",
        ])
        .arg("--sessions-dir")
        .arg(&dir)
        .write_stdin("Who are the users, and what is the peak load?\n/quit\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let hint = text
        .lines()
        .find_map(|l| l.split_once("Continue with: ").map(|(_, c)| c.to_string()))
        .unwrap_or_else(|| panic!("no resume hint in: {text}"));
    assert!(
        hint.contains(&format!("--sessions-dir '{}'", dir.display())),
        "{hint}"
    );

    // The hint, pasted into a shell as it is (`hotseat` being the binary).
    let script = format!("hotseat() {{ \"$HOTSEAT\" \"$@\"; }}; {hint}");
    let out = sb
        .sh(&script)
        .write_stdin("What latency do we need at p99?\n/end\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let resumed = stdout(&out);
    // The clock went on as it was (4 minutes a turn), without --turn-minutes on the command.
    assert!(resumed.contains("resumed at 04:00"), "{resumed}");
    assert!(resumed.contains("[08:00 elapsed"), "{resumed}");
    let session = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let k: Vec<String> = events(&session)
        .iter()
        .map(|e| e["type"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(k.last().unwrap(), "end", "{k:?}");
    assert!(session.join("critique.json").is_file());
    let cand = turns_by(&session, "candidate");
    assert_eq!(cand.len(), 2, "both turns kept");
}

#[test]
fn resuming_an_ended_round_changes_nothing_on_disk() {
    let sb = Sandbox::new();
    sb.interview(&["--offline", "--seed", "1"])
        .write_stdin("What is the peak QPS?\n/end\n")
        .assert()
        .success();
    let path = sb.only_session().join("transcript.jsonl");
    let mut text = std::fs::read(&path).unwrap();
    text.extend_from_slice(b"{\"type\":\"turn\",\"n\":9");
    std::fs::write(&path, &text).unwrap();
    let out = sb.interview(&["--resume", &id_of(&sb)]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("already ended"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&path).unwrap(), text, "the torn tail is kept");
}

#[test]
fn sighup_leaves_a_resumable_round() {
    let sb = Sandbox::new();
    let mut child = spawn_round(&sb, &["--offline", "--seed", "3", "--turn-minutes", "3"]);
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "What is the peak QPS?").unwrap();
    stdin.flush().unwrap();
    wait_for("the first answer", || {
        // The session folder is made before its transcript is first written.
        sb.sessions().is_dir()
            && std::fs::read_dir(sb.sessions()).unwrap().count() == 1
            && sb.only_session().join("transcript.jsonl").is_file()
            && turns(&sb.only_session()).len() == 3
    });
    // SAFETY: kill(2) on our own child's pid.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGHUP) }, 0);
    let status = child.wait().unwrap();
    assert!(status.success(), "ended on its own terms: {status:?}");
    drop(stdin);
    let k = kinds(&sb);
    let last = events(&sb.only_session()).last().unwrap().clone();
    assert_eq!(last["type"], "end", "{k:?}");
    assert_eq!(last["reason"], "quit", "{k:?}");
    assert_eq!(
        turns(&sb.only_session()).len(),
        3,
        "no close said to nobody"
    );

    let out = sb
        .interview(&["--resume", &id_of(&sb)])
        .write_stdin("I would shard by key.\n/end\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(kinds(&sb).last().unwrap(), "end");
}
