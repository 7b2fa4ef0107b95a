//! Checks on the content embedded in the binary: the question bank and the interviewer personas.
//! The loaders already validate each file on its own; these tests check the collection as a whole
//! (coverage, variety, no near-duplicates, no phrasing shared between two companies).

use std::collections::{BTreeMap, BTreeSet};

use hotseat::persona::{BUILT_IN, Persona, PersonaSet, PressureKind};
use hotseat::question::{Question, QuestionBank, Topic, Track};

fn bank() -> QuestionBank {
    QuestionBank::embedded().unwrap_or_else(|e| panic!("embedded question bank must load: {e}"))
}

fn personas() -> PersonaSet {
    PersonaSet::embedded().unwrap_or_else(|e| panic!("embedded personas must load: {e}"))
}

fn questions() -> Vec<Question> {
    bank().iter().cloned().collect()
}

/// Lower-case alphanumeric words of a text.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let inter = a.intersection(b).count() as f64;
    let union = a.union(b).count() as f64;
    if union == 0.0 { 0.0 } else { inter / union }
}

#[test]
fn question_bank_loads_with_enough_questions() {
    let bank = bank();
    assert!(
        bank.len() >= 30,
        "expected at least 30 questions, found {}",
        bank.len()
    );
}

#[test]
fn enough_ai_workloads() {
    let ai = questions().iter().filter(|q| q.ai_workload).count();
    assert!(
        ai >= 20,
        "expected at least 20 AI-workload questions, found {ai}"
    );
}

#[test]
fn ai_questions_have_latency_budget_and_three_hotspots() {
    for q in questions().iter().filter(|q| q.ai_workload) {
        assert!(
            q.facts_on(Topic::Latency).next().is_some(),
            "{}: AI question without a latency fact",
            q.id
        );
        assert!(
            q.facts_on(Topic::Budget).next().is_some(),
            "{}: AI question without a budget fact",
            q.id
        );
        assert!(
            q.hotspots.len() >= 3,
            "{}: AI question with {} hotspots, needs 3",
            q.id,
            q.hotspots.len()
        );
    }
}

#[test]
fn ids_are_unique_and_match_file_stems() {
    let mut seen = BTreeSet::new();
    for (name, text) in hotseat::embedded::QUESTIONS {
        let stem = name
            .strip_suffix(".toml")
            .unwrap_or_else(|| panic!("{name}: not a .toml file"));
        let q: Question =
            toml::from_str(text).unwrap_or_else(|e| panic!("{name}: does not parse: {e}"));
        assert_eq!(
            q.id, stem,
            "{name}: id `{}` differs from the file stem",
            q.id
        );
        assert!(seen.insert(q.id.clone()), "{name}: duplicate id `{}`", q.id);
    }
    assert_eq!(
        seen.len(),
        bank().len(),
        "every embedded file should become one question"
    );
}

#[test]
fn titles_and_prompts_are_distinct_and_not_near_duplicates() {
    let qs = questions();
    for (i, a) in qs.iter().enumerate() {
        for b in &qs[i + 1..] {
            assert_ne!(
                a.title.trim().to_lowercase(),
                b.title.trim().to_lowercase(),
                "{} and {} share a title",
                a.id,
                b.id
            );
            assert_ne!(
                a.prompt.trim(),
                b.prompt.trim(),
                "{} and {} share a prompt",
                a.id,
                b.id
            );
            let sim = jaccard(&words(&a.prompt), &words(&b.prompt));
            assert!(
                sim < 0.6,
                "{} and {} have near-duplicate prompts (word Jaccard {sim:.2})",
                a.id,
                b.id
            );
        }
    }
}

#[test]
fn facts_are_concrete() {
    let numeric = [Topic::Users, Topic::Scale, Topic::Latency, Topic::Budget];
    for q in questions() {
        assert!(
            (6..=9).contains(&q.facts.len()),
            "{}: {} facts, expected 6-9",
            q.id,
            q.facts.len()
        );
        let mut topics = BTreeSet::new();
        for f in &q.facts {
            assert!(
                !f.answer.trim().is_empty(),
                "{}: empty `{}` fact",
                q.id,
                f.topic
            );
            topics.insert(f.topic);
            if numeric.contains(&f.topic) {
                assert!(
                    f.answer.chars().any(|c| c.is_ascii_digit()),
                    "{}: the `{}` fact has no number: {}",
                    q.id,
                    f.topic,
                    f.answer
                );
            }
        }
        assert!(
            topics.contains(&Topic::Scale) || topics.contains(&Topic::Users),
            "{}: no users or scale fact",
            q.id
        );
    }
}

#[test]
fn hotspots_are_distinct_and_have_probes() {
    for q in questions() {
        assert!(
            (4..=6).contains(&q.hotspots.len()),
            "{}: {} hotspots, expected 4-6",
            q.id,
            q.hotspots.len()
        );
        let mut concerns = BTreeSet::new();
        for h in &q.hotspots {
            assert!(
                h.probe.contains('?'),
                "{}: the `{}` probe asks nothing: {}",
                q.id,
                h.concern,
                h.probe
            );
            assert!(
                concerns.insert(h.concern),
                "{}: two hotspots on `{}`",
                q.id,
                h.concern
            );
        }
    }
}

#[test]
fn reference_lines_start_with_rough() {
    for q in questions() {
        assert!(!q.reference.is_empty(), "{}: no reference numbers", q.id);
        for line in &q.reference {
            assert!(
                line.starts_with("rough:"),
                "{}: reference line does not start with `rough:`: {line}",
                q.id
            );
        }
    }
}

#[test]
fn expected_components_are_lower_case() {
    for q in questions() {
        assert!(
            (5..=9).contains(&q.expected_components.len()),
            "{}: {} expected components, expected 5-9",
            q.id,
            q.expected_components.len()
        );
        for c in &q.expected_components {
            assert_eq!(
                c,
                &c.to_lowercase(),
                "{}: expected component `{c}` is not lower case",
                q.id
            );
        }
    }
}

#[test]
fn twists_and_traps_are_written() {
    for q in questions() {
        assert!(!q.twist.text.trim().is_empty(), "{}: empty twist", q.id);
        assert!(
            q.trap.len() > 40,
            "{}: the trap is too short to be useful",
            q.id
        );
    }
}

#[test]
fn every_track_is_covered() {
    let qs = questions();
    for track in [Track::AiPm, Track::Ml, Track::Swe] {
        let n = qs.iter().filter(|q| q.track == track).count();
        assert!(
            n >= 4,
            "track {track:?} has {n} questions, expected at least 4"
        );
    }
}

#[test]
fn every_company_is_covered() {
    let qs = questions();
    for q in &qs {
        for c in &q.companies {
            assert!(
                BUILT_IN.contains(&c.as_str()),
                "{}: unknown company `{c}`",
                q.id
            );
        }
        if let Some(mode) = &q.mode {
            assert!(
                ["real-time", "batch", "mixed"].contains(&mode.as_str()),
                "{}: unknown mode `{mode}`",
                q.id
            );
        }
    }
    for company in BUILT_IN {
        let n = qs
            .iter()
            .filter(|q| q.companies.iter().any(|c| c == company))
            .count();
        assert!(
            n >= 6,
            "company {company} appears in {n} questions, expected at least 6"
        );
    }
}

#[test]
fn built_in_personas_are_present() {
    let set = personas();
    for id in BUILT_IN {
        let p = set
            .get(id)
            .unwrap_or_else(|| panic!("missing built-in persona `{id}`"));
        assert_eq!(p.id, id);
    }
    assert!(set.iter().count() >= BUILT_IN.len());
}

/// Every phrasing a persona can say: openings, closings, pressure lines and phrases.
fn phrasings(p: &Persona) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in p.opening.iter().chain(&p.closing) {
        out.push(("opening/closing".to_string(), line.clone()));
    }
    for kind in PressureKind::ALL {
        for line in p.pressure_lines(kind) {
            out.push((kind.as_str().to_string(), line.clone()));
        }
    }
    let phrases = serde_json::to_value(&p.phrases).expect("phrases serialise");
    for (key, lines) in phrases.as_object().expect("phrases are a table") {
        for line in lines.as_array().expect("each phrase key holds a list") {
            out.push((
                key.clone(),
                line.as_str().expect("phrasings are strings").to_string(),
            ));
        }
    }
    out
}

#[test]
fn no_phrasing_is_shared_between_personas() {
    let set = personas();
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    for p in set.iter() {
        let mut own = BTreeSet::new();
        for (key, line) in phrasings(p) {
            let norm = line.trim().to_lowercase();
            if !own.insert(norm.clone()) {
                continue;
            }
            if let Some(other) = owner.insert(norm, p.id.clone()) {
                panic!(
                    "personas `{other}` and `{}` share the `{key}` phrasing: {line}",
                    p.id
                );
            }
        }
    }
}

#[test]
fn personas_have_varied_phrasings() {
    for p in personas().iter() {
        for kind in PressureKind::ALL {
            let n = p.pressure_lines(kind).len();
            assert!(
                n >= 2 || p.id == "google",
                "{}: only {n} `{kind}` phrasing(s)",
                p.id
            );
        }
        assert!(!p.voice.trim().is_empty(), "{}: empty voice", p.id);
    }
}

#[test]
fn signature_probes_differ_between_personas() {
    let set = personas();
    let sigs: Vec<(&str, Vec<String>)> = BUILT_IN
        .iter()
        .map(|id| {
            (
                *id,
                set.get(id)
                    .expect("built-in persona")
                    .pressure_lines(PressureKind::Signature)
                    .to_vec(),
            )
        })
        .collect();
    for (i, (a, sa)) in sigs.iter().enumerate() {
        assert!(sa.len() >= 2, "{a}: expected at least 2 signature probes");
        for (b, sb) in &sigs[i + 1..] {
            assert_ne!(sa, sb, "{a} and {b} have the same signature probes");
            for line in sa {
                assert!(
                    !sb.contains(line),
                    "{a} and {b} share the signature probe: {line}"
                );
            }
        }
    }
}

#[test]
fn personas_weigh_the_same_dimensions() {
    let set = personas();
    let google: BTreeSet<&String> = set
        .get("google")
        .expect("google persona")
        .weights
        .keys()
        .collect();
    for p in set.iter() {
        let keys: BTreeSet<&String> = p.weights.keys().collect();
        assert_eq!(
            keys, google,
            "{}: weights use different dimensions from google.toml",
            p.id
        );
        for (k, w) in &p.weights {
            assert!(
                *w > 0.0 && *w <= 2.0,
                "{}: weight {k} = {w} out of range",
                p.id
            );
        }
    }
}
