//! `hotseat critique` and `hotseat progress`: labelled fixtures, the report's contract, every
//! import format and bad input through the real binary.

mod labels;

use std::path::PathBuf;

/// A fixture under `tests/fixtures/critique`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/critique")
        .join(name)
}
