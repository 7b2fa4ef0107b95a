//! Reading the labelled corpora: invented utterances carry their text; real-round sentences are
//! cut from `../shared/realdata` by line and character offsets at test time.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// What a writer said a careful interviewer would note about one utterance.
#[derive(Debug, Clone, Deserialize)]
pub struct Labels {
    pub asks: BTreeSet<String>,
    pub tradeoff: bool,
    pub quantified_tradeoff: bool,
    pub cost: bool,
    pub latency: bool,
    pub concerns: BTreeSet<String>,
    pub dismissed: BTreeSet<String>,
    pub estimate: bool,
    pub commits: BTreeSet<String>,
    pub unexplained: bool,
    pub vague: bool,
    pub plea: bool,
    pub meta: bool,
    pub anecdote: bool,
}

/// One labelled utterance.
#[derive(Debug, Clone)]
pub struct Case {
    pub id: String,
    pub text: String,
    pub style: String,
    pub hard_negative_for: BTreeSet<String>,
    pub labels: Labels,
}

#[derive(Deserialize)]
struct Utterance {
    id: String,
    text: String,
    style: String,
    #[serde(default)]
    hard_negative_for: BTreeSet<String>,
    labels: Labels,
}

#[derive(Deserialize)]
struct Located {
    id: String,
    file: String,
    line: usize,
    start: usize,
    end: usize,
    style: String,
    #[serde(default)]
    hard_negative_for: BTreeSet<String>,
    labels: Labels,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn lines_of<T: for<'de> Deserialize<'de>>(name: &str) -> Vec<T> {
    let path = corpus_dir().join(format!("{name}.jsonl"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 1))
        })
        .collect()
}

/// The invented utterances of one half.
pub fn load_utterances(name: &str) -> Vec<Case> {
    lines_of::<Utterance>(name)
        .into_iter()
        .map(|u| Case {
            id: u.id,
            text: u.text,
            style: u.style,
            hard_negative_for: u.hard_negative_for,
            labels: u.labels,
        })
        .collect()
}

/// The real-round sentences of one half, cut from `../shared/realdata/interviewing-io`; `None`
/// when that folder is absent (a user's clone has no `../shared`).
pub fn load_realdata(name: &str) -> Option<Vec<Case>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realdata/interviewing-io");
    if !dir.is_dir() {
        return None;
    }
    let mut files: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut out = Vec::new();
    for l in lines_of::<Located>(name) {
        let lines = files.entry(l.file.clone()).or_insert_with(|| {
            let raw = std::fs::read_to_string(dir.join(&l.file)).unwrap_or_default();
            let text = if l.file.ends_with(".json") {
                serde_json::from_str::<serde_json::Value>(&raw)
                    .ok()
                    .and_then(|v| v["transcript"].as_str().map(str::to_string))
                    .unwrap_or_default()
            } else {
                raw
            };
            text.split('\n').map(str::to_string).collect()
        });
        let Some(line) = lines.get(l.line) else {
            panic!("{}: {} has no line {}", l.id, l.file, l.line);
        };
        let text: String = line.chars().skip(l.start).take(l.end - l.start).collect();
        assert!(!text.trim().is_empty(), "{}: empty slice", l.id);
        out.push(Case {
            id: l.id,
            text,
            style: l.style,
            hard_negative_for: l.hard_negative_for,
            labels: l.labels,
        });
    }
    Some(out)
}
