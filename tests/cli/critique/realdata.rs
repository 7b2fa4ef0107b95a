//! Real mock interviews, read raw as published (`../shared/realdata/interviewing-io`, see its
//! README): none refused, the right candidate every time, and the design round found inside the
//! call. The texts are not ours and never enter the repository; a clone without `../shared`
//! skips this test. `HOTSEAT_REALDATA` points elsewhere.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use hotseat::critique::{Dialogue, Profile, Setup, critique};
use hotseat::question::{Level, QuestionBank};
use hotseat::transcript::import::import_str;
use serde::Deserialize;

/// `labels.toml`: one label per real round, keyed by file stem (see the folder's README).
#[derive(Debug, Deserialize)]
pub(super) struct Labels {
    pub files: BTreeMap<String, Label>,
}

/// One round's label: who speaks as whom, and what the human interviewer's feedback supports.
#[derive(Debug, Deserialize)]
pub(super) struct Label {
    pub candidate: String,
    pub interviewer: String,
    #[serde(default)]
    pub expected: Vec<String>,
    #[serde(default)]
    pub not_expected: Vec<String>,
    #[serde(default)]
    pub verdict: Option<String>,
}

/// The folder of real rounds (`HOTSEAT_REALDATA`, else `../shared/realdata/interviewing-io`), if
/// it holds a `labels.toml`.
pub(super) fn folder() -> Option<PathBuf> {
    let dir = std::env::var_os("HOTSEAT_REALDATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/realdata/interviewing-io")
        });
    dir.join("labels.toml").is_file().then_some(dir)
}

/// The folder's labels.
pub(super) fn labels(dir: &Path) -> Labels {
    toml::from_str(&std::fs::read_to_string(dir.join("labels.toml")).unwrap()).unwrap()
}

/// The transcript as published, with the file name it came from: the fuller `.txt` beside the
/// JSON where there is one, else the JSON's `transcript` field (empty when it has none). `None`
/// when the file cannot be read.
pub(super) fn transcript(dir: &Path, name: &str) -> Option<(String, String)> {
    let txt = dir.join(format!("{name}.txt"));
    if txt.is_file() {
        return Some((format!("{name}.txt"), std::fs::read_to_string(&txt).ok()?));
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.json"))).ok()?)
            .ok()?;
    Some((
        format!("{name}.json"),
        json["transcript"].as_str().unwrap_or_default().to_string(),
    ))
}

#[test]
fn real_calls_are_imported_cast_and_their_round_found() {
    let Some(dir) = folder() else {
        println!("real data not found (../shared/realdata/interviewing-io): skipped");
        return;
    };
    let labels = labels(&dir);
    let bank = QuestionBank::embedded().unwrap();
    let mut refused = Vec::new();
    let mut miscast = Vec::new();
    for (name, label) in &labels.files {
        let (file, text) = transcript(&dir, name).unwrap_or_else(|| panic!("{name}: unreadable"));
        let d = match import_str(&file, &text)
            .map_err(|e| e.to_string())
            .and_then(|i| Dialogue::from_imported(i, None).map_err(|e| e.to_string()))
        {
            Ok(d) => d,
            Err(e) => {
                refused.push(format!("{file}: {e}"));
                continue;
            }
        };
        let r = critique(
            &d,
            &Setup::new(Profile::infer(&d, &bank), Level::Senior).with_stated_level(&d),
        );
        if r.candidate.name != label.candidate {
            miscast.push(format!(
                "{file}: took {} (want {}, interviewer {}): {}",
                r.candidate.name, label.candidate, label.interviewer, r.candidate.reason
            ));
        }
        let b = r
            .round
            .as_ref()
            .expect("an imported call reports its round");
        println!(
            "{file}: candidate {} · {} · {} {}\n  begins turn {} (line {:?}): {}\n  ends turn {} (line {:?}): {}",
            r.candidate.name,
            r.question.title,
            r.score,
            r.verdict.as_str(),
            b.start_turn,
            b.start_line,
            b.start_why,
            b.end_turn,
            b.end_line,
            b.end_why
        );
        for p in &b.left_out {
            println!(
                "  left out {} lines {:?}-{:?}: {} words, {}",
                p.kind, p.first_line, p.last_line, p.words, p.what
            );
        }
        assert!(b.start_turn <= b.end_turn, "{file}: an empty round");
        // Every one of these calls ends with page text glued to its last line.
        assert!(
            file.ends_with(".txt") || b.left_out.iter().any(|p| p.kind == "page-text"),
            "{file}: page text not found"
        );
    }
    println!(
        "{} calls: {} refused, {} miscast",
        labels.files.len(),
        refused.len(),
        miscast.len()
    );
    assert!(refused.is_empty(), "refused:\n{}", refused.join("\n"));
    assert!(
        miscast.is_empty(),
        "wrong candidate:\n{}",
        miscast.join("\n")
    );
}
