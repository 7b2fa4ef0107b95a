//! Property runs over every parser and the analysis: arbitrary Unicode, and arbitrary shapes of
//! transcripts (text, Markdown, WebVTT, SRT, our JSONL), personas, questions, candidate profiles,
//! eval cases, config files, cassettes and baselines. Nothing may panic; every refusal is one line
//! that names its file.
//!
//! Each property runs `HOTSEAT_PROPTEST_CASES` inputs (default 1,000 so `cargo test` stays quick;
//! `.ci/run` sets 10,000).

mod properties {
    pub mod hostile;
    mod analysis;
    mod data_files;
    mod transcripts;
}
