//! The data files a user may hand us (personas, questions, candidate profiles, eval cases, the
//! config, cassettes, baselines), mutated from valid ones into every shape, through their loaders.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use hotseat::config::{FileConfig, Overrides, Settings};
use hotseat::data::parse_toml;
use hotseat::evals::baseline::Baseline;
use hotseat::evals::candidate::Profiles;
use hotseat::evals::load::{Catalog, load_case};
use hotseat::evals::scope::{parse_mmss, parse_turns, parse_window};
use hotseat::llm::cassette::Cassette;
use hotseat::persona::PersonaSet;
use hotseat::question::QuestionBank;
use proptest::prelude::*;

use super::hostile::{config, mutate, mutations, one_line_naming, piece, text, toml_value};

/// What cases are checked against, loaded once.
static PERSONAS: LazyLock<PersonaSet> = LazyLock::new(|| PersonaSet::embedded().unwrap());
static QUESTIONS: LazyLock<QuestionBank> = LazyLock::new(|| QuestionBank::embedded().unwrap());
static PROFILES: LazyLock<Profiles> = LazyLock::new(|| Profiles::embedded().unwrap());

fn embedded(set: &[(&'static str, &'static str)], i: usize) -> (&'static str, &'static str) {
    set[i % set.len()]
}

/// The project's eval cases, (file name, text), read once.
static CASES: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("evals");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(p).unwrap(),
            )
        })
        .collect()
});

/// A valid eval case from the project's suite, by index.
fn case_text(i: usize) -> (String, String) {
    CASES[i % CASES.len()].clone()
}

proptest! {
    #![proptest_config(config())]

    /// A persona file in any shape loads or is refused in one line; one that loads has a plan a
    /// clock can run (the 1e308 and `inf` minutes that panicked later are refused at load).
    #[test]
    fn persona_files_never_panic(i in any::<usize>(), muts in mutations()) {
        let (name, text) = embedded(hotseat::embedded::PERSONAS, i);
        let broken = mutate(text, &muts);
        let stem = name.trim_end_matches(".toml");
        match PersonaSet::default().add_text(name, &broken, Some(stem)) {
            Ok(p) => {
                let plan = p.time_plan.scaled_to(45.0);
                let _ = (p.time_plan.total(), plan.total(), plan.events_between(
                    std::time::Duration::ZERO, std::time::Duration::from_secs(45 * 60)));
                prop_assert!(p.weights.values().all(|w| w.is_finite()));
            }
            Err(e) => one_line_naming(&e.to_string(), name),
        }
    }

    /// A question file in any shape.
    #[test]
    fn question_files_never_panic(i in any::<usize>(), muts in mutations()) {
        let (name, text) = embedded(hotseat::embedded::QUESTIONS, i);
        let broken = mutate(text, &muts);
        let stem = name.trim_end_matches(".toml");
        if let Err(e) = QuestionBank::default().add_text(name, &broken, Some(stem)) {
            one_line_naming(&e.to_string(), name);
        }
    }

    /// A simulated candidate's profile (or the phrasebook) in any shape.
    #[test]
    fn candidate_profiles_never_panic(i in any::<usize>(), muts in mutations()) {
        let (name, text) = embedded(hotseat::evals::content::CANDIDATES, i);
        let broken = mutate(text, &muts);
        let mut profiles = PROFILES.clone();
        if let Err(e) = profiles.add_text(name, &broken, name) {
            one_line_naming(&e.to_string(), name);
        }
    }

    /// An eval case in any shape, checked against the real personas and questions.
    #[test]
    fn eval_cases_never_panic(i in any::<usize>(), muts in mutations()) {
        let (name, text) = case_text(i);
        let broken = mutate(&text, &muts);
        let catalog = Catalog { personas: &PERSONAS, questions: &QUESTIONS };
        if let Err(e) = load_case(Path::new(&name), &broken, &catalog, &PROFILES) {
            one_line_naming(&e.to_string(), &name);
        }
    }

    /// A config file and environment of any shape resolve or are refused in one line.
    #[test]
    fn config_never_panics(
        keys in proptest::collection::vec((0..8usize, toml_value()), 0..6),
        env in proptest::collection::vec((0..7usize, piece()), 0..5),
    ) {
        const KEYS: [&str; 8] = ["model", "base_url", "connect_timeout_secs", "read_timeout_secs",
            "sessions_dir", "personas_dir", "questions_dir", "nonsense"];
        const VARS: [&str; 7] = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "HOTSEAT_MODEL",
            "HOTSEAT_READ_TIMEOUT", "HOTSEAT_CONNECT_TIMEOUT", "HOTSEAT_SESSIONS_DIR",
            "HOTSEAT_PERSONAS_DIR"];
        let text: String = keys.iter().map(|(k, v)| format!("{} = {v}\n", KEYS[*k])).collect();
        let env: BTreeMap<&str, String> = env.iter().map(|(k, v)| (VARS[*k], v.clone())).collect();
        let lookup = |k: &str| env.get(k).cloned();
        match parse_toml::<FileConfig>("config.toml", &text) {
            Ok(mut file) => {
                file.origin = Some(("config.toml".into(), text.clone()));
                let flags = Overrides { sessions_dir: Some("/tmp/s".into()), ..Overrides::default() };
                if let Err(e) = Settings::resolve(file, &lookup, flags) {
                    prop_assert!(!e.to_string().contains('\n'), "{e}");
                }
            }
            Err(e) => one_line_naming(&e.to_string(), "config.toml"),
        }
    }

    /// A cassette of any shape loads or names its line.
    #[test]
    fn cassettes_never_panic(lines in proptest::collection::vec(
        prop_oneof![
            Just(r#"{"cassette":1,"name":"c","fingerprints":{}}"#.to_string()),
            Just(r#"{"key":"k-0","repeat":0,"seq":0,"model":"m","last":"","text":"hi","finish":{"kind":"complete"},"latency_ms":1}"#.to_string()),
            text(),
            toml_value(),
        ],
        0..6,
    )) {
        let text = lines.join("\n");
        if let Err(e) = Cassette::parse(Path::new("c.jsonl"), "c", BTreeMap::new(), &text) {
            one_line_naming(&e.to_string(), "c.jsonl");
        }
    }

    /// A baseline of any shape.
    #[test]
    fn baselines_never_panic(text in prop_oneof![
        text(),
        toml_value(),
        (toml_value(), toml_value()).prop_map(|(k, n)| format!(
            r#"{{"version":1,"prompts":"p","personas":{{}},"cases":{{"c":{{"fingerprint":"f","persona":"g","assertions":{{"a":{{"k":{k},"n":{n}}}}}}}}}}}"#
        )),
    ]) {
        if let Err(e) = Baseline::parse("b.json", &text) {
            one_line_naming(&e.to_string(), "b.json");
        }
    }

    /// The small parsers of case fields: `mm:ss`, turn ranges, time windows.
    #[test]
    fn case_field_parsers_never_panic(s in prop_oneof![piece(), "[0-9:. -]{0,12}", "[0-9]{1,25}\\.\\.[0-9]{0,25}"]) {
        let _ = parse_mmss(&s);
        let _ = parse_turns(&s);
        let _ = parse_window(&s);
    }
}
