//! Regression evals of the interviewer personas: cases in `evals/*.toml` run whole rounds against
//! scripted or simulated candidates, many times each, and assert on what the interviewer said and
//! meant (its recorded intent), on the round's events, and on the critique of the round.
//!
//! The pieces, in the order a run goes through them: [`case`] (the file format) and [`load`]
//! (parsing and checking, with `file:line` errors), [`candidate`] (who plays the candidate),
//! [`run`] (one round on a virtual clock), [`check`] (each assertion's verdict), [`runner`] (all
//! runs at once up to `--jobs`, folded into k of N with [`stats`]), [`baseline`] (the regression
//! gate), [`report`] (table, JSON, JUnit, Markdown). Model calls go through
//! [`crate::llm::cassette`] so CI replays them without a network.

pub mod baseline;
pub mod candidate;
pub mod case;
pub mod check;
mod compile;
pub mod content;
pub mod critique;
pub mod hash;
pub mod load;
pub mod models;
mod prepare;
pub mod report;
pub mod result;
pub mod run;
pub mod runner;
pub mod schema;
pub mod scope;
pub mod stats;

pub use case::Case;
pub use load::{Catalog, LoadedCase, case_files, load_cases};
pub use result::SuiteResult;
pub use runner::{ModelMode, Options, Progress, run_suite};

/// Picks this shard's cases: `index` of `count` (1-based), splitting the id-sorted cases round
/// robin, so every machine of a CI matrix gets the same share on every run.
pub fn shard(cases: Vec<LoadedCase>, index: usize, count: usize) -> Vec<LoadedCase> {
    let mut cases = cases;
    cases.sort_by(|a, b| a.id.cmp(&b.id));
    cases
        .into_iter()
        .enumerate()
        .filter(|(i, _)| i % count == index - 1)
        .map(|(_, c)| c)
        .collect()
}

/// Whether `pattern` selects `case`: a substring of its id, file name or a tag; `*` matches any
/// run of characters.
pub fn matches_filter(case: &LoadedCase, pattern: &str) -> bool {
    let file = case
        .file
        .file_name()
        .and_then(|f| f.to_str())
        .unwrap_or_default();
    std::iter::once(case.id.as_str())
        .chain(std::iter::once(file))
        .chain(case.case.tags.iter().map(String::as_str))
        .any(|s| glob(pattern, s))
}

/// Substring match with `*` wildcards.
fn glob(pattern: &str, text: &str) -> bool {
    let mut rest = text;
    let parts: Vec<&str> = pattern.split('*').collect();
    // Without wildcards a pattern is a plain substring; with them, its pieces in order.
    for part in parts.iter().filter(|p| !p.is_empty()) {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn filter_patterns() {
        assert!(glob("google", "google-diver-pressed"));
        assert!(glob("google*diver", "google-diver-pressed"));
        assert!(!glob("meta*diver", "google-diver-pressed"));
        assert!(glob("*", "x"));
    }
}
