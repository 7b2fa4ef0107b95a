//! `hotseat personas`, `questions`, `sessions`.

use super::util::*;

#[test]
fn personas_lists_the_four_companies() {
    let out = Sandbox::new().cmd().arg("personas").output().unwrap();
    assert!(out.status.success());
    let s = stdout(&out);
    for c in ["Google", "Meta", "Amazon", "Microsoft"] {
        assert!(s.contains(c), "{s}");
    }
}

#[test]
fn questions_filter_by_track() {
    let sb = Sandbox::new();
    let all = stdout(&sb.cmd().arg("questions").output().unwrap());
    let swe = stdout(
        &sb.cmd()
            .args(["questions", "--track", "swe"])
            .output()
            .unwrap(),
    );
    assert!(all.contains("llm-support-chatbot"));
    assert!(!swe.contains("llm-support-chatbot"));
    let bad = sb
        .cmd()
        .args(["questions", "--track", "nope"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn sessions_lists_a_finished_round() {
    let sb = Sandbox::new();
    sb.interview(&[
        "--offline",
        "--seed",
        "1",
        "--persona",
        "meta",
        "--question",
        "llm-support-chatbot",
    ])
    .write_stdin("What's the scale?\n/end\n")
    .assert()
    .success();
    let out = sb
        .cmd()
        .args(["sessions", "--sessions-dir"])
        .arg(sb.sessions())
        .output()
        .unwrap();
    let s = stdout(&out);
    assert!(
        s.contains("meta") && s.contains("llm-support-chatbot") && s.contains("offline"),
        "{s}"
    );
}
