//! Reading eval cases: find the files, parse them with `file:line:col: cause` errors, check what
//! serde cannot (the persona and question exist, regexes compile, a pass rate the repeats can
//! show), and compile each `[[assert]]` into a [`Check`] with its [`Scope`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::case::{Case, EngineKind};
use super::check::{Assertion, BudgetKind, Check};
use super::compile::{check_rate, compile, default_rate, locate_in_assert};
use super::scope::{Scope, parse_mmss};
use crate::clock::Pace;
use crate::data::{self, DataError};
use crate::persona::PersonaSet;
use crate::question::QuestionBank;

use super::candidate::Profiles;

/// The default word an LLM-simulated candidate ends its round with.
pub const DEFAULT_STOP: &str = "[[END]]";

/// A case, parsed and checked, ready to run.
#[derive(Debug, Clone)]
pub struct LoadedCase {
    /// The case's id.
    pub id: String,
    /// The file it came from.
    pub file: PathBuf,
    /// The case as written.
    pub case: Case,
    /// Its assertions, compiled (budgets included).
    pub assertions: Vec<Assertion>,
    /// Fingerprint of the case as parsed (a changed case makes its baseline entry stale).
    pub fingerprint: String,
    /// Whether any part of it calls a model (engine, candidate or judge).
    pub needs_model: bool,
    /// Where its cassette lives: `cassettes/<id>.jsonl` beside the case file.
    pub cassette: PathBuf,
    /// How the virtual clock moves with each candidate turn unless a line says when it is said.
    pub pace: Pace,
    /// The simulated profiles it may use (embedded, plus `candidates/` beside it).
    pub profiles: Profiles,
}

/// What cases are checked against.
pub struct Catalog<'a> {
    /// The personas (embedded plus any override folder).
    pub personas: &'a PersonaSet,
    /// The question bank.
    pub questions: &'a QuestionBank,
}

/// The case files named by `paths`: a folder gives its `*.toml` files (not recursing into
/// `candidates/`, `baselines/` or `cassettes/`), a file gives itself.
pub fn case_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, DataError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let files = data::files_with_ext(p, "toml")
                .map_err(|e| DataError::whole(p.display().to_string(), e.to_string()))?;
            out.extend(files);
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            return Err(DataError::whole(
                p.display().to_string(),
                "no such file or folder",
            ));
        }
    }
    if out.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(DataError::whole(
            names.join(", "),
            "no eval cases (*.toml) found",
        ));
    }
    Ok(out)
}

/// Loads and checks every case in `files`; simulated profiles come from the embedded set plus a
/// `candidates/` folder beside each case file.
pub fn load_cases(files: &[PathBuf], catalog: &Catalog<'_>) -> Result<Vec<LoadedCase>, DataError> {
    let mut profiles: BTreeMap<PathBuf, Profiles> = BTreeMap::new();
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut out = Vec::new();
    for file in files {
        let label = file.display().to_string();
        let bytes = std::fs::read(file).map_err(|e| DataError::whole(&label, e.to_string()))?;
        let text =
            String::from_utf8(bytes).map_err(|_| DataError::whole(&label, "not UTF-8 text"))?;
        let dir = file.parent().unwrap_or(Path::new(".")).to_path_buf();
        if !profiles.contains_key(&dir) {
            profiles.insert(dir.clone(), Profiles::with_dir(&dir.join("candidates"))?);
        }
        let loaded = load_case(file, &text, catalog, &profiles[&dir])?;
        if let Some(other) = seen.insert(loaded.id.clone(), file.clone()) {
            let cause = format!(
                "case id `{}` is also used by {}",
                loaded.id,
                other.display()
            );
            return Err(data::locate_key(&label, &text, "id", cause));
        }
        out.push(loaded);
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// Parses and checks one case file's `text`.
pub fn load_case(
    file: &Path,
    text: &str,
    catalog: &Catalog<'_>,
    profiles: &Profiles,
) -> Result<LoadedCase, DataError> {
    let label = file.display().to_string();
    let mut case: Case = data::parse_toml(&label, text)?;
    let fail = |key: &str, cause: String| data::locate_key(&label, text, key, cause);
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("case");
    let id = case.id.clone().unwrap_or_else(|| stem.to_string());
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(fail(
            "id",
            format!("case id `{id}` may use only letters, digits, `-` and `_`"),
        ));
    }
    if catalog.personas.get(&case.persona).is_none() {
        let known: Vec<&str> = catalog.personas.iter().map(|p| p.id.as_str()).collect();
        let cause = format!(
            "unknown persona `{}` (known: {})",
            case.persona,
            known.join(", ")
        );
        return Err(fail("persona", cause));
    };
    let Some(question) = catalog.questions.get(&case.question) else {
        let cause = format!(
            "unknown question `{}` (see `hotseat questions`)",
            case.question
        );
        return Err(fail("question", cause));
    };
    if let Some(m) = case.minutes
        && !(m.is_finite() && (5.0..=180.0).contains(&m))
    {
        return Err(fail(
            "minutes",
            "`minutes` must be between 5 and 180".into(),
        ));
    }
    if !(1..=1000).contains(&case.repeats) {
        return Err(fail(
            "repeats",
            "`repeats` must be between 1 and 1000".into(),
        ));
    }
    let min_pass_rate = case
        .min_pass_rate
        .unwrap_or_else(|| default_rate(case.repeats));
    check_rate(min_pass_rate, case.repeats).map_err(|c| fail("min_pass_rate", c))?;
    // Resolved here so the fingerprint and every assertion see the rate in force.
    case.min_pass_rate = Some(min_pass_rate);

    // The candidate.
    let cand = &case.candidate;
    let kinds = [
        cand.lines.is_some(),
        cand.profile.is_some(),
        cand.brief.is_some(),
    ];
    if kinds.iter().filter(|k| **k).count() != 1 {
        let cause = "[candidate] needs exactly one of `lines`, `profile` or `brief`".to_string();
        return Err(fail("[candidate]", cause));
    }
    let mut profile_pace = None;
    if let Some(lines) = &cand.lines {
        if lines.is_empty() {
            return Err(fail("lines", "`lines` is empty".into()));
        }
        for l in lines {
            if let Some(at) = l.at() {
                parse_mmss(at).map_err(|e| fail("lines", format!("`at`: {e}")))?;
            }
        }
    }
    if let Some(p) = &cand.profile {
        let Some(profile) = profiles.get(p) else {
            let cause = format!(
                "unknown profile `{p}` (known: {})",
                profiles.ids().join(", ")
            );
            return Err(fail("profile", cause));
        };
        profile_pace = profile.minutes_per_turn;
    }
    if cand.brief.as_deref().is_some_and(|b| b.trim().is_empty()) {
        return Err(fail("brief", "`brief` is empty".into()));
    }
    if cand.brief.is_none() && cand.stop.is_some() {
        return Err(fail(
            "stop",
            "`stop` is for a `brief` (model-played) candidate".into(),
        ));
    }
    if cand.max_turns.is_some_and(|m| m == 0 || m > 500) {
        return Err(fail(
            "max_turns",
            "`max_turns` must be between 1 and 500".into(),
        ));
    }
    let clock = &case.clock;
    let spoken = clock.words_per_minute.is_some() || clock.think_seconds.is_some();
    let pace = if spoken {
        if clock.minutes_per_turn.is_some() {
            let cause =
                "[clock] takes `minutes_per_turn` or `words_per_minute`/`think_seconds`, not both"
                    .to_string();
            return Err(fail("minutes_per_turn", cause));
        }
        let key = if clock.words_per_minute.is_some() {
            "words_per_minute"
        } else {
            "think_seconds"
        };
        Pace::spoken(clock.words_per_minute, clock.think_seconds)
            .map_err(|e| fail(key, format!("[clock]: {e}")))?
    } else {
        let minutes = clock.minutes_per_turn.or(profile_pace).unwrap_or(3.0);
        Pace::per_turn_minutes(minutes).map_err(|_| {
            fail(
                "minutes_per_turn",
                "`minutes_per_turn` must be between 0 and 60".into(),
            )
        })?
    };

    // The assertions.
    let mut assertions = Vec::new();
    let mut needs_model = case.engine.kind == EngineKind::Model || cand.brief.is_some();
    for (i, spec) in case.assertions.iter().enumerate() {
        let at = |key: &str, cause: String| locate_in_assert(&label, text, i, key, cause);
        let a = compile(spec, i, &case, question).map_err(|(key, cause)| at(key, cause))?;
        needs_model |= matches!(a.check, Check::Judge { .. });
        if assertions.iter().any(|b: &Assertion| b.name == a.name) {
            return Err(at(
                "name",
                format!("assertion name `{}` is used twice", a.name),
            ));
        }
        assertions.push(a);
    }
    if let Some(b) = &case.budget {
        if !needs_model {
            let cause =
                "a [budget] needs a model case (engine, judge or brief candidate)".to_string();
            return Err(fail("[budget]", cause));
        }
        if b.cost_usd.is_some() && (b.input_per_mtok.is_none() || b.output_per_mtok.is_none()) {
            let cause = "`cost_usd` needs `input_per_mtok` and `output_per_mtok`".to_string();
            return Err(fail("cost_usd", cause));
        }
        let budget = |kind, limit: f64| Assertion {
            name: format!("budget-{}", BudgetKind::name(kind)),
            scope: Scope::of(crate::transcript::Speaker::Interviewer),
            min_pass_rate,
            check: Check::Budget { kind, limit },
        };
        if let Some(ms) = b.latency_ms {
            assertions.push(budget(BudgetKind::Latency, ms as f64));
        }
        if let Some(t) = b.tokens {
            assertions.push(budget(BudgetKind::Tokens, t as f64));
        }
        if let Some(c) = b.cost_usd {
            assertions.push(budget(BudgetKind::Cost, c));
        }
    }
    if assertions.is_empty() {
        return Err(DataError::whole(
            &label,
            "a case needs at least one [[assert]] or a [budget]",
        ));
    }
    let dir = file.parent().unwrap_or(Path::new("."));
    Ok(LoadedCase {
        fingerprint: super::hash::of(&case),
        cassette: dir.join("cassettes").join(format!("{id}.jsonl")),
        id,
        file: file.to_path_buf(),
        case,
        assertions,
        needs_model,
        pace,
        profiles: profiles.clone(),
    })
}
