//! Everything hotseat prints fits an 80-column terminal: a scripted round (banner, streamed
//! replies, summary, critique), `hotseat critique` on a long transcript, and every table
//! (`sessions`, `questions`, `personas`, the eval results). Piped output is laid out at 80.
//!
//! "No word is split" is checked against the same output laid out at 400 columns
//! (`COLUMNS=400`), where nothing needs wrapping: every word at 80 must be a whole word of the
//! wide output, and for prose the words must be the same ones, in the same number.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use super::util::*;

const WIDTH: usize = 80;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/critique")
        .join(name)
        .display()
        .to_string()
}

/// Columns a line takes (the block and box characters used here are one column each).
fn columns(line: &str) -> usize {
    line.chars().count()
}

/// Table rules (`────`) vary with the width and are not words.
fn is_rule(token: &str) -> bool {
    token.chars().all(|c| c == '─')
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().filter(|t| !is_rule(t)).collect()
}

/// No line wider than 80, and every word at 80 a whole word of the wide layout.
fn assert_fits(what: &str, narrow: &str, wide: &str) {
    assert!(!narrow.trim().is_empty(), "{what}: no output");
    for (i, line) in narrow.lines().enumerate() {
        assert!(
            columns(line) <= WIDTH,
            "{what}: line {} is {} columns:\n{line}\n\n{narrow}",
            i + 1,
            columns(line)
        );
    }
    let whole: HashSet<&str> = words(wide).into_iter().collect();
    // The note naming the columns a narrow table leaves out is the one line the wide one lacks.
    let shown: String = narrow
        .lines()
        .filter(|l| !l.contains("left out to fit 80 columns"))
        .collect::<Vec<_>>()
        .join("\n");
    for w in words(&shown) {
        assert!(
            whole.contains(w),
            "{what}: `{w}` is not a whole word of the unwrapped output:\n{narrow}"
        );
    }
    assert!(
        wide.lines().any(|l| columns(l) > WIDTH),
        "{what}: the wide layout never needed more than 80 columns, so nothing was tested"
    );
}

/// For prose: the same words in the same numbers, only the line breaks differ.
fn assert_same_words(what: &str, narrow: &str, wide: &str) {
    let count = |t: &str| {
        let mut m: BTreeMap<String, usize> = BTreeMap::new();
        for w in words(t) {
            *m.entry(w.to_string()).or_default() += 1;
        }
        m
    };
    assert_eq!(
        count(narrow),
        count(wide),
        "{what}: words differ:\n{narrow}"
    );
}

fn run(cmd: &mut assert_cmd::Command, columns: Option<usize>) -> String {
    if let Some(c) = columns {
        cmd.env("COLUMNS", c.to_string());
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&out)
    );
    stdout(&out)
}

/// A scripted round with long answers, the critique included; the session's id and folder are
/// replaced so two rounds can be compared.
fn round(columns: Option<usize>) -> String {
    let sb = Sandbox::new();
    let script = "I would start with Kafka in front of everything and shard the metadata store across regions so that it scales horizontally without any single point of failure.\n\
        What is the peak number of requests a second, and how much latency can a generated image take before people give up on it?\n\
        /time\n\
        /help\n\
        Then a GPU pool behind a queue, batching requests dynamically, with a cache of popular prompts at the edge and a safety classifier before anything is shown.\n\
        /end\n";
    let text = run(
        sb.interview(&[
            "--offline",
            "--seed",
            "3",
            "--persona",
            "microsoft",
            "--question",
            "image-generation-service",
            "--words-per-minute",
            "150",
        ])
        .write_stdin(script),
        columns,
    );
    let id = sb
        .only_session()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    text.replace(&sb.dir.path().display().to_string(), "<sandbox>")
        .replace(&id, "<id>")
}

#[test]
fn a_round_fits_80_columns() {
    let (narrow, wide) = (round(None), round(Some(400)));
    assert!(narrow.contains("What the analysis saw") && narrow.contains("Rubric"));
    assert_fits("interview", &narrow, &wide);
    assert_same_words("interview", &narrow, &wide);
}

#[test]
fn a_critique_fits_80_columns() {
    for file in ["long-ledger-marathon.txt", "weak-call-translation.vtt"] {
        let sb = Sandbox::new();
        let cmd = || {
            let mut c = sb.cmd();
            c.args(["critique", "--offline"]).arg(fixture(file));
            c
        };
        let (narrow, wide) = (run(&mut cmd(), None), run(&mut cmd(), Some(400)));
        assert_fits(file, &narrow, &wide);
        assert_same_words(file, &narrow, &wide);
    }
}

#[test]
fn every_table_fits_80_columns() {
    let sb = Sandbox::new();
    // Two rounds, one with the longest question id in the bank, to list.
    for q in ["content-moderation-multimodal", "url-shortener"] {
        sb.interview(&[
            "--offline",
            "--seed",
            "1",
            "--persona",
            "meta",
            "--question",
            q,
        ])
        .write_stdin("What's the scale?\n/end\n")
        .assert()
        .success();
    }
    let sessions_dir = sb.sessions();
    let listing = |args: &[&str], columns: Option<usize>| {
        let mut c = sb.cmd();
        c.args(args);
        if args[0] == "sessions" {
            c.arg("--sessions-dir").arg(&sessions_dir);
        }
        run(&mut c, columns)
    };
    for args in [&["sessions"][..], &["questions"], &["personas"]] {
        let (narrow, wide) = (listing(args, None), listing(args, Some(400)));
        assert_fits(args[0], &narrow, &wide);
    }
    let sessions = listing(&["sessions"], None);
    assert!(
        sessions.contains("content-moderation-multimodal"),
        "{sessions}"
    );

    // The eval results, with a failing assertion and its detail under the table.
    let cases = sb.dir.path().join("cases");
    std::fs::create_dir_all(&cases).unwrap();
    std::fs::write(
        cases.join("microsoft-says-something-it-never-says.toml"),
        "persona = \"microsoft\"\nquestion = \"enterprise-rag-permissions\"\nrepeats = 1\n[candidate]\nprofile = \"diver\"\n[[assert]]\nname = \"says-a-phrase-no-persona-would-ever-use-in-a-round\"\ncontains = \"a phrase no persona would ever use in a round of this kind\"\n",
    )
    .unwrap();
    std::fs::write(
        cases.join("google-reveals-scale.toml"),
        "persona = \"google\"\nquestion = \"url-shortener\"\nrepeats = 1\n[candidate]\nlines = [\"What's the peak QPS?\"]\n[[assert]]\nreveals-fact = \"scale\"\n",
    )
    .unwrap();
    let eval = |columns| {
        let mut c = sb.cmd();
        c.arg("eval").arg(&cases);
        run(&mut c, columns)
    };
    let (narrow, wide) = (eval(None), eval(Some(400)));
    // The timing line differs from run to run; compare the rest.
    let cut = |s: &str| s[..s.find("2 cases:").unwrap()].to_string();
    assert_fits("eval", &cut(&narrow), &cut(&wide));
    assert!(narrow.contains("Failing and flaky assertions"), "{narrow}");
}
