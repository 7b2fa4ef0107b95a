//! Precision and recall of every flag over the labelled fixtures (`tests/fixtures/critique`),
//! through the library: the same rule layer the command runs.

use std::collections::BTreeMap;
use std::path::Path;

use hotseat::critique::{Dialogue, FlagCode, Profile, Report, Setup, critique};
use hotseat::question::{Level, QuestionBank};
use serde::Deserialize;

use super::fixture;

#[derive(Debug, Deserialize)]
struct Manifest {
    fixture: Vec<Label>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Label {
    file: String,
    #[serde(default)]
    candidate: Option<String>,
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    min_skipped: Option<usize>,
    expect: Vec<String>,
    #[serde(default)]
    either: Vec<String>,
    #[allow(dead_code)]
    note: String,
}

fn level(s: Option<&str>) -> Level {
    match s {
        Some("mid") => Level::Mid,
        Some("staff") => Level::Staff,
        Some("director") => Level::Director,
        _ => Level::Senior,
    }
}

/// The rule layer's report on one fixture, judged at `level`.
pub fn report_of(file: &str, level: Level) -> Report {
    let d = Dialogue::read_file(&fixture(file), None).unwrap_or_else(|e| panic!("{file}: {e}"));
    let bank = QuestionBank::embedded().unwrap();
    critique(&d, &Setup::new(Profile::infer(&d, &bank), level))
}

fn manifest() -> Manifest {
    let text = std::fs::read_to_string(fixture("labels.toml")).unwrap();
    toml::from_str(&text).unwrap()
}

fn codes(list: &[String], file: &str) -> Vec<FlagCode> {
    list.iter()
        .map(|c| FlagCode::parse(c).unwrap_or_else(|| panic!("{file}: unknown flag code `{c}`")))
        .collect()
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn precision(self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

#[test]
fn every_flag_is_precise_and_found_on_the_labelled_set() {
    let m = manifest();
    let mut counts: BTreeMap<FlagCode, Counts> = FlagCode::ALL
        .iter()
        .map(|c| (*c, Counts::default()))
        .collect();
    let mut misses = Vec::new();
    let mut words = Vec::new();
    for label in &m.fixture {
        let r = report_of(&label.file, level(label.level.as_deref()));
        let expect = codes(&label.expect, &label.file);
        let either = codes(&label.either, &label.file);
        let raised = r.codes();
        for code in FlagCode::ALL {
            if either.contains(&code) {
                continue;
            }
            let c = counts.get_mut(&code).unwrap();
            match (expect.contains(&code), raised.contains(&code)) {
                (true, true) => c.tp += 1,
                (false, true) => {
                    c.fp += 1;
                    misses.push(format!("{}: raised {code} (not expected)", label.file));
                }
                (true, false) => {
                    c.fn_ += 1;
                    misses.push(format!("{}: missed {code}", label.file));
                }
                (false, false) => {}
            }
        }
        if let Some(name) = &label.candidate {
            assert_eq!(
                &r.candidate.name, name,
                "{}: {}",
                label.file, r.candidate.reason
            );
        }
        if let Some(min) = label.min_skipped {
            assert!(
                r.skipped_lines >= min,
                "{}: {} lines skipped, want at least {min}",
                label.file,
                r.skipped_lines
            );
        }
        words.push(r.source.candidate_words);
    }
    let mut table = String::from("\nflag                        TP  FP  FN  precision  recall\n");
    let mut failing = Vec::new();
    for (code, c) in &counts {
        table.push_str(&format!(
            "{:<27} {:>3} {:>3} {:>3}  {:>9.2}  {:>6.2}\n",
            code.as_str(),
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall()
        ));
        if c.tp == 0 {
            failing.push(format!("{code}: no positive case in the set"));
        }
        if c.precision() < 0.9 || c.recall() < 0.9 {
            failing.push(format!(
                "{code}: precision {:.2}, recall {:.2}",
                c.precision(),
                c.recall()
            ));
        }
    }
    println!("{table}");
    println!(
        "{} fixtures; disagreements with the labels:\n  {}",
        m.fixture.len(),
        misses.join("\n  ")
    );
    assert!(m.fixture.len() >= 24, "at least 24 labelled rounds");
    assert!(
        words.iter().filter(|w| **w >= 4_000).count() >= 2,
        "at least two long rounds"
    );
    assert!(
        failing.is_empty(),
        "below 0.9:\n{}\n{table}",
        failing.join("\n")
    );
}

#[test]
fn every_fixture_is_labelled_and_every_label_has_a_fixture() {
    let m = manifest();
    let dir = fixture("");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name == "labels.toml" || name.starts_with('.') || Path::new(&name).extension().is_none()
        {
            continue;
        }
        assert!(
            m.fixture.iter().any(|l| l.file == name),
            "{name} has no label"
        );
    }
    for l in &m.fixture {
        assert!(
            dir.join(&l.file).is_file(),
            "label for missing file {}",
            l.file
        );
    }
}
