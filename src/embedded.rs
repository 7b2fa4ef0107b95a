//! Content embedded at build time by `build.rs`: personas, questions and prompt templates.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The embedded prompt template called `name` (e.g. `system.j2`).
pub fn prompt(name: &str) -> Option<&'static str> {
    PROMPTS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// The embedded prompt data file called `name` (e.g. `guard.toml`).
pub fn prompt_data(name: &str) -> Option<&'static str> {
    PROMPT_DATA
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
}
