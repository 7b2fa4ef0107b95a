//! Property runs over every parser and the analysis: arbitrary Unicode, and arbitrary shapes of
//! transcripts (text, Markdown, WebVTT, SRT, our JSONL), personas, questions, candidate profiles,
//! eval cases, config files, cassettes and baselines. Nothing may panic; every refusal is one line
//! that names its file.
//!
//! Each property runs `HOTSEAT_PROPTEST_CASES` inputs (default 200 so `cargo test` stays quick;
//! `.ci/run` runs 10,000 each on an optimised build, a few seconds a property).

mod properties {
    mod analysis;
    mod data_files;
    pub mod hostile;
    mod transcripts;
}
