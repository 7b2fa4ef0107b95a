//! The critique's data files (`prompts/critique/*.toml`), embedded at build time.

use serde::de::DeserializeOwned;

use crate::data::{self, DataError};

/// Parses the embedded `prompts/critique/<name>`.
pub(crate) fn parse<T: DeserializeOwned>(name: &str) -> Result<T, DataError> {
    let label = format!("embedded:prompts/critique/{name}");
    let (_, text) = crate::embedded::CRITIQUE
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| DataError::whole(&label, "missing"))?;
    data::parse_toml(&label, text)
}
