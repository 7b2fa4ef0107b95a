//! Stable fingerprints of what an eval result depends on: the prompt templates, each persona, each
//! case. Baselines and cassettes store them, so a result made with other prompts is recognised as
//! stale instead of being compared as if nothing had changed.

use std::collections::BTreeMap;

use crate::llm::cassette::fingerprint;
use crate::persona::{Persona, PersonaSet};

/// The fingerprint of every prompt a model sees in an eval: the interviewer's templates (embedded)
/// and the eval's own judge and simulated-candidate templates.
pub fn prompts() -> String {
    let mut all = String::new();
    for (name, text) in crate::embedded::PROMPTS
        .iter()
        .chain(super::content::PROMPTS)
    {
        all.push_str(name);
        all.push('\0');
        all.push_str(text);
        all.push('\0');
    }
    fingerprint(all.as_bytes())
}

/// The fingerprint of one persona as loaded (so an override folder changes it).
pub fn persona(p: &Persona) -> String {
    let json = serde_json::to_string(p).unwrap_or_default();
    fingerprint(json.as_bytes())
}

/// Fingerprints of every persona in the set, by id.
pub fn personas(set: &PersonaSet) -> BTreeMap<String, String> {
    set.iter().map(|p| (p.id.clone(), persona(p))).collect()
}

/// The fingerprint of any serialisable value (a case, as parsed).
pub fn of<T: serde::Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_default();
    fingerprint(json.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_fnv1a() {
        // Test vectors from the FNV reference.
        assert_eq!(fingerprint(b""), "cbf29ce484222325");
        assert_eq!(fingerprint(b"a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn persona_fingerprint_follows_its_content() {
        let set = PersonaSet::embedded().unwrap();
        let mut google = set.get("google").unwrap().clone();
        let before = persona(&google);
        google.voice.push('!');
        assert_ne!(before, persona(&google));
    }
}
