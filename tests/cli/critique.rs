//! `hotseat critique` and `hotseat progress`: labelled fixtures, the report's contract, every
//! import format and bad input through the real binary.

mod agreement;
mod contract;
mod exports;
mod judge;
mod labels;
mod properties;
mod real_speech;
mod realdata;
mod rounds;

use std::path::PathBuf;

/// A fixture under `tests/fixtures/critique`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/critique")
        .join(name)
}

use serde_json::Value;

use super::util::*;

/// `hotseat critique FILE --offline ARGS...`.
fn critique(sb: &Sandbox, file: &std::path::Path, args: &[&str]) -> std::process::Output {
    sb.cmd()
        .arg("critique")
        .arg(file)
        .arg("--offline")
        .args(args)
        .output()
        .unwrap()
}

fn json(out: &std::process::Output) -> Value {
    assert!(out.status.success(), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

#[test]
fn every_import_format_is_critiqued() {
    let sb = Sandbox::new();
    for (file, format, timed) in [
        ("strong-support-bot.txt", "text", false),
        ("requirements-marathon.txt", "text", true),
        ("video-no-cdn.md", "markdown", false),
        ("video-strong.vtt", "vtt", true),
        ("rate-limiter-kafka.srt", "srt", true),
        ("ours-strong-cache.jsonl", "hotseat-jsonl", true),
        ("messy-stt.txt", "text", true),
        ("long-ledger-marathon.txt", "text", true),
    ] {
        let r = json(&critique(&sb, &fixture(file), &["--format", "json"]));
        assert_eq!(r["source"]["format"], format, "{file}");
        assert_eq!(r["timing_estimated"], !timed, "{file}");
        assert!(r["score"].as_u64().unwrap() <= 100, "{file}");
    }
}

#[test]
fn bad_input_is_one_clear_line_and_exit_2() {
    let sb = Sandbox::new();
    let dir = sb.dir.path();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let huge = dir.join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    let cases = [
        (write("empty.txt", b"  \n\n"), "empty"),
        (
            write(
                "binary.vtt",
                &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe, 0, 1],
            ),
            "binary",
        ),
        (
            write(
                "prose.txt",
                b"This is an essay about caching.\nIt has no speakers at all.\n",
            ),
            "no dialogue",
        ),
        (
            write("solo.txt", b"Alex: I'd use Kafka.\nAlex: And Redis.\n"),
            "one speaker",
        ),
        (huge, "too large"),
        (dir.join("missing.txt"), "cannot read"),
    ];
    for (path, what) in cases {
        let out = critique(&sb, &path, &[]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{what}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{what}: one line: {err}");
        assert!(err.starts_with("error: "), "{what}: {err}");
        assert!(err.contains(what), "{what}: {err}");
        assert!(stdout(&out).is_empty(), "{what}: nothing on stdout");
    }
}

#[test]
fn named_candidate_overrides_the_inference_and_an_unknown_name_is_input_error() {
    let sb = Sandbox::new();
    let file = fixture("swapped-labels.txt");
    let inferred = json(&critique(&sb, &file, &["--format", "json"]));
    assert_eq!(inferred["candidate"]["name"], "Interviewer");
    assert_eq!(inferred["candidate"]["inferred"], true);
    assert!(
        inferred["candidate"]["reason"]
            .as_str()
            .unwrap()
            .contains("swapped")
    );
    let named = json(&critique(
        &sb,
        &file,
        &["--format", "json", "--candidate", "Candidate"],
    ));
    assert_eq!(named["candidate"]["name"], "Candidate");
    assert_eq!(named["candidate"]["inferred"], false);
    let out = critique(&sb, &file, &["--candidate", "Nobody"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no speaker named `Nobody`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn text_report_charts_time_and_shows_proof_and_advice() {
    let sb = Sandbox::new();
    let out = critique(&sb, &fixture("requirements-marathon.txt"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let s = stdout(&out);
    for want in [
        "Score ",
        "Time by topic",
        "█",
        "plan",
        "poor-time-allocation",
        "→ ",
        "turn ",
        "Rubric",
        "judge: not run (--offline)",
    ] {
        assert!(s.contains(want), "missing {want:?}:\n{s}");
    }
}

#[test]
fn html_is_self_contained_with_an_svg_chart_and_escaped_text() {
    let sb = Sandbox::new();
    let path = sb.dir.path().join("xss.txt");
    std::fs::write(
        &path,
        "Interviewer: Design a URL shortener like bit.ly.\n\
         Candidate: I'd start with Kafka and Kubernetes and a service mesh <script>alert(1)</script> for everything.\n\
         Interviewer: Why?\n\
         Candidate: It scales really well & it's what big companies use.\n",
    )
    .unwrap();
    let out = critique(&sb, &path, &["--format", "html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = stdout(&out);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<svg"), "inline SVG chart");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "transcript text escaped"
    );
    for banned in ["<script", "<link", "src=", "@import", "url("] {
        assert!(
            !html.contains(banned),
            "no external assets or scripts: {banned}"
        );
    }
}

#[test]
fn output_file_gets_the_report_and_markdown_renders() {
    let sb = Sandbox::new();
    let dest = sb.dir.path().join("report.md");
    let out = sb
        .cmd()
        .args(["critique", "--offline", "--format", "markdown", "-o"])
        .arg(&dest)
        .arg(fixture("video-no-cdn.md"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let md = std::fs::read_to_string(&dest).unwrap();
    assert!(md.starts_with("# Critique: "), "{md}");
    assert!(md.contains("`generic-template`"), "{md}");
    assert!(md.contains("| phase | actual | plan |"), "{md}");
}

#[test]
fn level_and_persona_flags_change_the_bar() {
    let sb = Sandbox::new();
    let file = fixture("staff-unquantified.txt");
    let senior = json(&critique(&sb, &file, &["--format", "json"]));
    let staff = json(&critique(
        &sb,
        &file,
        &[
            "--format",
            "json",
            "--level",
            "staff",
            "--persona",
            "google",
        ],
    ));
    assert_eq!(staff["level"], "staff");
    assert_eq!(staff["persona"], "google");
    assert!(staff["score"].as_u64() < senior["score"].as_u64());
    let codes = |r: &Value| {
        r["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(
        codes(&staff).contains(&"missing-tradeoffs".to_string()),
        "{:?}",
        codes(&staff)
    );
    let out = critique(&sb, &file, &["--persona", "nobody"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn progress_shows_score_recurring_flags_and_time_drift() {
    let sb = Sandbox::new();
    let sessions = sb.sessions();
    for (i, file) in [
        "template-support-bot.txt",
        "requirements-marathon.txt",
        "ours-weak-cache.jsonl",
        "video-strong.vtt",
    ]
    .iter()
    .enumerate()
    {
        let dir = sessions.join(format!("2026010{}-090000-abc{i}", i + 1));
        std::fs::create_dir_all(&dir).unwrap();
        let out = sb
            .cmd()
            .args(["critique", "--offline", "--format", "json", "-o"])
            .arg(dir.join("critique.json"))
            .arg(fixture(file))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = sb
        .cmd()
        .args(["progress", "--sessions-dir"])
        .arg(&sessions)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let s = stdout(&out);
    for want in [
        "Progress over 4 round(s)",
        "Flags that keep coming back",
        "no-sizing",
        "Share of time per phase",
        "drift since the first round",
        "█",
    ] {
        assert!(s.contains(want), "missing {want:?}:\n{s}");
    }
    let page = sb.dir.path().join("progress.html");
    let out = sb
        .cmd()
        .args(["progress", "--format", "html", "-o"])
        .arg(&page)
        .arg("--sessions-dir")
        .arg(&sessions)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(page).unwrap();
    assert!(
        html.contains("<svg") && html.contains("<polyline"),
        "{html}"
    );
}

#[test]
fn progress_without_rounds_says_so() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args(["progress", "--sessions-dir"])
        .arg(sb.sessions())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("No critiqued rounds yet"));
}

#[test]
fn a_finished_interview_saves_its_critique_beside_the_transcript() {
    let sb = Sandbox::new();
    let out = sb
        .interview(&[
            "--offline",
            "--seed",
            "2",
            "--question",
            "url-shortener",
            "--turn-minutes",
            "4",
        ])
        .write_stdin(
            "I'd use Kafka and Kubernetes with microservices and shard Postgres.\n\
             How many links a day, and what's the latency target?\n\
             So 100 million a day is about 1,200 writes a second, and 12k reads a second.\n/end\n",
        )
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let session = sb.only_session();
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(session.join("critique.json")).unwrap())
            .unwrap();
    assert_eq!(report["question"]["id"], "url-shortener");
    assert_eq!(report["source"]["format"], "hotseat-jsonl");
    let codes: Vec<&str> = report["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"overengineering"), "{codes:?}");
    assert!(session.join("critique.md").is_file());
    let s = stdout(&out);
    assert!(
        s.contains("Time by topic") && s.contains("overengineering"),
        "{s}"
    );
}

#[test]
fn the_rubric_never_says_cost_was_weighed_when_nobody_spoke_of_it() {
    // A question that does not turn on cost is not held against the round, but the basis used to
    // print that as "cost weighed" to a candidate who never mentioned money.
    let sb = Sandbox::new();
    let out = sb
        .interview(&[
            "--offline",
            "--question",
            "payments-ledger",
            "--turn-minutes",
            "2",
        ])
        .write_stdin(
            "Who are the users and what is the peak write rate?\n\
             I'd use an append-only double-entry table in Postgres, partitioned by account.\n/end\n",
        )
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_str(
        &std::fs::read_to_string(sb.only_session().join("critique.json")).unwrap(),
    )
    .unwrap();
    let bases = report.to_string();
    assert!(!bases.contains("cost weighed"), "{bases}");
    assert!(bases.contains("cost not needed here"), "{bases}");
}

/// A 45-minute round a newcomer ended at 6:39 scored 97, strong-hire: what a few minutes show says
/// nothing about depth. The same strong round, squeezed into its first seven minutes, now gets a
/// `poor-time-allocation` flag and stops below lean-hire (before half the slot, at lean-hire),
/// and the report says why.
#[test]
fn a_round_ended_long_before_its_slot_is_not_hired() {
    let sb = Sandbox::new();
    let strong = fixture("ours-strong-cache.jsonl");
    let full = json(&critique(&sb, &strong, &["--format", "json"]));
    assert!(full["score"].as_u64().unwrap() >= 65, "{}", full["score"]);
    // Every time scaled so the round ends at about 7 of its 45 minutes.
    let squeezed: String = std::fs::read_to_string(&strong)
        .unwrap()
        .lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap();
            if let Some(ms) = v["at_ms"].as_u64() {
                v["at_ms"] = Value::from(ms * 7 / 42);
            }
            format!("{v}\n")
        })
        .collect();
    let short = sb.dir.path().join("short.jsonl");
    std::fs::write(&short, squeezed).unwrap();
    let r = json(&critique(&sb, &short, &["--format", "json"]));
    // Before a quarter of the slot: lean-no-hire at best.
    assert!(r["score"].as_u64().unwrap() <= 49, "{r}");
    assert!(
        r["verdict_reason"]
            .as_str()
            .is_some_and(|w| w.contains("ended at") && w.contains("45:00")),
        "{r}"
    );
    let flags = r["flags"].as_array().unwrap();
    assert!(
        flags.iter().any(|f| f["code"] == "poor-time-allocation"
            && f["summary"].as_str().unwrap().contains("slot")),
        "{r}"
    );
}
