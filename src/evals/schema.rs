//! The JSON Schema of an eval case, generated from the Rust types so the published schema
//! (`docs/eval-case.schema.json`) cannot drift from what the loader accepts: a test compares the two.

use super::case::Case;

/// The schema as pretty JSON, ending in a newline.
pub fn case_schema() -> String {
    let mut schema = schemars::schema_for!(Case);
    schema.insert("title".into(), "hotseat eval case".into());
    schema.insert(
        "description".into(),
        "An eval case (evals/*.toml): a persona, a question, a level, a clock, a candidate, repeats and assertions. Generated from src/evals/case.rs."
            .into(),
    );
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    /// The checked-in schema is the generated one. After changing the case types, regenerate it:
    /// `HOTSEAT_UPDATE_SCHEMA=1 cargo test --lib evals::schema`.
    #[test]
    fn checked_in_schema_matches_the_types() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/eval-case.schema.json");
        let generated = super::case_schema();
        if std::env::var_os("HOTSEAT_UPDATE_SCHEMA").is_some() {
            std::fs::write(path, &generated).unwrap();
        }
        let on_disk = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            on_disk == generated,
            "docs/eval-case.schema.json is out of date: HOTSEAT_UPDATE_SCHEMA=1 cargo test --lib evals::schema"
        );
    }
}
