//! What hotseat leaves on disk: private whatever the umask, whole even when the disk fills, never
//! written through a symbolic link, and session ids from files held to the same rules as typed ones.

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};

use super::util::*;

const ROUND: &str = "What is the peak QPS and how many users?\n\
    I would put a cache in front of Postgres because reads dominate, 50k QPS at peak.\n/end\n";

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// `hotseat ARGS` run under `sh` with `prelude` first (a umask, a file size limit).
fn under_sh(sb: &Sandbox, prelude: &str, args: &str, stdin: &str) -> std::process::Output {
    sb.sh(&format!("{prelude}; exec \"$HOTSEAT\" {args}"))
        .write_stdin(stdin.to_string())
        .output()
        .unwrap()
}

fn session_id(dir: &Path) -> String {
    dir.file_name().unwrap().to_str().unwrap().to_string()
}

#[test]
fn everything_written_is_private_whatever_the_umask() {
    let sb = Sandbox::new();
    let sessions = sb.sessions();
    let log = sb.dir.path().join("logs/hotseat.log");
    let out = under_sh(
        &sb,
        &format!("umask 000; export HOTSEAT_LOG_FILE='{}'", log.display()),
        &format!(
            "-vv interview --offline --seed 1 --turn-minutes 3 --sessions-dir '{}'",
            sessions.display()
        ),
        ROUND,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let session = sb.only_session();
    let report = sb.dir.path().join("out/report.html");
    let out = under_sh(
        &sb,
        "umask 000",
        &format!(
            "critique '{}' --offline --format html -o '{}'",
            session.join("transcript.jsonl").display(),
            report.display()
        ),
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    for file in [
        session.join("transcript.jsonl"),
        session.join("critique.json"),
        session.join("critique.md"),
        report.clone(),
        log.clone(),
    ] {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    for dir in [sessions, session, report.parent().unwrap().to_path_buf()] {
        assert_eq!(mode(&dir), 0o700, "{}", dir.display());
    }
}

#[test]
fn a_full_disk_never_leaves_a_truncated_critique() {
    let sb = Sandbox::new();
    sb.interview(&["--offline", "--seed", "1", "--turn-minutes", "3"])
        .write_stdin(ROUND)
        .assert()
        .success();
    let session = sb.only_session();
    let transcript = session.join("transcript.jsonl");
    let report = sb.dir.path().join("report.json");
    std::fs::write(&report, "the old report\n").unwrap();
    // Files may grow to 4 KiB: the report (about 20 KiB) cannot be written whole.
    let out = under_sh(
        &sb,
        "trap '' XFSZ; ulimit -f 4",
        &format!(
            "critique '{}' --offline --format json -o '{}'",
            transcript.display(),
            report.display()
        ),
        "",
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("report.json"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert_eq!(
        std::fs::read_to_string(&report).unwrap(),
        "the old report\n",
        "the old report is kept whole"
    );
    let litter: Vec<PathBuf> = std::fs::read_dir(sb.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(litter.is_empty(), "temp files left: {litter:?}");
}

#[test]
fn critique_files_are_never_written_through_a_symlink() {
    let sb = Sandbox::new();
    let victim = sb.dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    // A planted link where a report goes is refused, and the target keeps its bytes.
    let out = sb
        .cmd()
        .args(["critique", "--offline", "-o"])
        .arg(sb.dir.path().join("link.md"))
        .arg(super::critique::fixture("strong-support-bot.txt"))
        .env("HOTSEAT_CONFIG", sb.dir.path().join("none.toml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "a plain -o works: {}", stderr(&out));
    symlink(&victim, sb.dir.path().join("link2.md")).unwrap();
    let out = sb
        .cmd()
        .args(["critique", "--offline", "-o"])
        .arg(sb.dir.path().join("link2.md"))
        .arg(super::critique::fixture("strong-support-bot.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");

    // The critique of a round, beside its transcript: critique.json planted as a link.
    let out = sb
        .interview(&["--offline", "--seed", "1", "--turn-minutes", "3"])
        .write_stdin("What is the peak QPS?\n/quit\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let session = sb.only_session();
    symlink(&victim, session.join("critique.json")).unwrap();
    let out = sb
        .interview(&["--resume", &session_id(&session), "--turn-minutes", "3"])
        .write_stdin("I would cache the redirects.\n/end\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("critique.json"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
}

#[test]
fn resume_never_appends_through_a_symlinked_transcript() {
    let sb = Sandbox::new();
    sb.interview(&["--offline", "--seed", "1", "--turn-minutes", "3"])
        .write_stdin("What is the peak QPS?\n/quit\n")
        .assert()
        .success();
    let session = sb.only_session();
    let elsewhere = sb.dir.path().join("elsewhere.jsonl");
    std::fs::rename(session.join("transcript.jsonl"), &elsewhere).unwrap();
    // A torn tail, which a resume would otherwise cut off.
    let mut text = std::fs::read(&elsewhere).unwrap();
    text.extend_from_slice(b"{\"type\":\"tu");
    std::fs::write(&elsewhere, &text).unwrap();
    symlink(&elsewhere, session.join("transcript.jsonl")).unwrap();
    let out = sb
        .interview(&["--resume", &session_id(&session)])
        .write_stdin("more\n/end\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read(&elsewhere).unwrap(), text, "untouched");
}

#[test]
fn a_session_id_from_a_header_is_checked_against_its_folder() {
    let sb = Sandbox::new();
    sb.interview(&["--offline", "--seed", "1", "--turn-minutes", "3"])
        .write_stdin("What is the peak QPS?\n/quit\n")
        .assert()
        .success();
    let session = sb.only_session();
    let path = session.join("transcript.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    let id = session_id(&session);
    std::fs::write(&path, text.replacen(&id, "../../escaped", 1)).unwrap();
    let out = sb
        .interview(&["--resume", &id, "--turn-minutes", "3"])
        .write_stdin("more\n/end\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("transcript.jsonl:1:"),
        "{}",
        stderr(&out)
    );
    assert!(!sb.dir.path().join("escaped").exists());
    assert!(!sb.dir.path().parent().unwrap().join("escaped").exists());
    // Ids typed on the command line are held to the same rules.
    let out = sb.interview(&["--resume", "../x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is not a session id"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn cassette_and_baseline_writes_never_follow_links() {
    let sb = Sandbox::new();
    let suite = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("evals");
    let victim = sb.dir.path().join("victim.json");
    let precious = std::fs::read_to_string(suite.join("baselines/suite.json")).unwrap();
    std::fs::write(&victim, &precious).unwrap();
    let base = sb.dir.path().join("base.json");
    symlink(&victim, &base).unwrap();
    let out = sb
        .cmd()
        .arg("eval")
        .arg(&suite)
        .args(["--filter", "google-signature-probe", "--baseline"])
        .arg(&base)
        .arg("--update-baseline")
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), precious);
}
