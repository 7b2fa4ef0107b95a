//! `hotseat analyze`: what the spine heard, per candidate sentence, for a user or an eval writer.

use super::util::{Sandbox, stderr, stdout};

#[test]
fn analyze_shows_a_tradeoff_with_its_effects_and_figures() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args(["analyze", "-"])
        .write_stdin(
            "This design increases latency by 20ms but reduces cloud costs by 30%\n\
             We don't really need drift monitoring for v1\n",
        )
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("signals: tradeoff, quantified-tradeoff"),
        "{text}"
    );
    assert!(text.contains("effects: latency price, cost gain"), "{text}");
    assert!(text.contains("20ms = 0.02"), "{text}");
    assert!(text.contains("dismisses: drift-retraining"), "{text}");
}

#[test]
fn analyze_json_is_one_object_per_candidate_turn() {
    let sb = Sandbox::new();
    let file = sb.dir.path().join("round.txt");
    std::fs::write(
        &file,
        "Interviewer: Design a support chatbot for our SaaS product.\n\
         Candidate: How many conversations a day, and what's the latency target?\n\
         Interviewer: 400,000 a day; first token in 1.5 seconds.\n\
         Candidate: So 36 GPUs at $2.50 an hour is about $70 an hour.\n",
    )
    .unwrap();
    let out = sb
        .cmd()
        .args(["analyze", file.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let asked = &lines[0]["sentences"][0];
    assert_eq!(asked["acts"][0], "ask");
    assert_eq!(asked["topics"], serde_json::json!(["scale", "latency"]));
    let sum = &lines[1]["sentences"][0];
    assert!(
        sum["signals"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("arithmetic-slip")),
        "{sum}"
    );
}

#[test]
fn analyze_of_a_missing_file_is_one_line_and_exit_2() {
    let sb = Sandbox::new();
    let out = sb.cmd().args(["analyze", "nope.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("nope.txt"), "{err}");
}
