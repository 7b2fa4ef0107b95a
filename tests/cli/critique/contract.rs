//! The report's published contract: `docs/critique.schema.json` is the schema the code generates
//! (so it never drifts), and `--format json` output satisfies it.
//!
//! `HOTSEAT_BLESS=1 cargo test schema` rewrites the checked-in schema after a deliberate change.

use std::path::PathBuf;

use serde_json::Value;

use super::super::util::*;
use super::fixture;

fn schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/critique.schema.json")
}

fn generated() -> String {
    let mut s = serde_json::to_string_pretty(&hotseat::critique::report_schema()).unwrap();
    s.push('\n');
    s
}

#[test]
fn schema_in_docs_is_the_generated_one() {
    let want = generated();
    if std::env::var_os("HOTSEAT_BLESS").is_some() {
        std::fs::write(schema_path(), &want).unwrap();
    }
    let have = std::fs::read_to_string(schema_path()).unwrap_or_default();
    assert!(
        have == want,
        "docs/critique.schema.json is out of date; run `HOTSEAT_BLESS=1 cargo test schema` and commit it"
    );
}

#[test]
fn json_output_follows_the_schema() {
    let schema: Value = serde_json::from_str(&generated()).unwrap();
    let required = schema["required"].as_array().unwrap();
    for key in [
        "score",
        "verdict",
        "flags",
        "dimensions",
        "time_allocation",
        "timing_estimated",
        "candidate",
    ] {
        assert!(
            required.iter().any(|k| k == key),
            "schema must require `{key}`"
        );
    }
    let sb = Sandbox::new();
    for file in [
        "template-support-bot.txt",
        "video-strong.vtt",
        "ours-weak-cache.jsonl",
        "injection-notes.md",
    ] {
        let out = sb
            .cmd()
            .args(["critique", "--offline", "--format", "json"])
            .arg(fixture(file))
            .output()
            .unwrap();
        assert!(out.status.success(), "{file}: {}", stderr(&out));
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut errors = Vec::new();
        validate(&schema, &schema, &report, "$", &mut errors);
        assert!(errors.is_empty(), "{file}:\n{}", errors.join("\n"));
        let flags = report["flags"].as_array().unwrap();
        assert!(
            !flags.is_empty() || file == "video-strong.vtt",
            "{file}: flags expected"
        );
        for f in flags {
            for e in f["evidence"].as_array().unwrap() {
                for key in ["turn", "at", "quote"] {
                    assert!(
                        e.get(key).is_some(),
                        "{file}: evidence without `{key}`: {e}"
                    );
                }
            }
        }
    }
}

/// Checks `v` against the parts of JSON Schema that schemars emits for our types: `$ref`, `type`,
/// `properties`, `required`, `additionalProperties: false`, `items`, `enum`, `anyOf`/`oneOf`,
/// `minimum`/`maximum`.
fn validate(root: &Value, s: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap();
        let def = &root["$defs"][name];
        assert!(!def.is_null(), "unresolved {r}");
        return validate(root, def, v, at, errors);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(options) = s.get(key).and_then(Value::as_array) {
            let fits = options.iter().filter(|o| {
                let mut e = Vec::new();
                validate(root, o, v, at, &mut e);
                e.is_empty()
            });
            if fits.count() == 0 {
                errors.push(format!("{at}: matches none of {key}"));
            }
            return;
        }
    }
    if let Some(t) = s.get("type") {
        let types: Vec<&str> = match t {
            Value::String(x) => vec![x.as_str()],
            Value::Array(xs) => xs.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let ok = types.iter().any(|t| match *t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "boolean" => v.is_boolean(),
            "integer" => v.is_u64() || v.is_i64(),
            "number" => v.is_number(),
            "null" => v.is_null(),
            _ => true,
        });
        if !ok {
            errors.push(format!("{at}: expected {types:?}, got {v}"));
            return;
        }
    }
    if let Some(allowed) = s.get("enum").and_then(Value::as_array)
        && !allowed.contains(v)
    {
        errors.push(format!("{at}: {v} is not one of {allowed:?}"));
    }
    if let (Some(min), Some(n)) = (s.get("minimum").and_then(Value::as_f64), v.as_f64())
        && n < min
    {
        errors.push(format!("{at}: {n} < {min}"));
    }
    if let (Some(max), Some(n)) = (s.get("maximum").and_then(Value::as_f64), v.as_f64())
        && n > max
    {
        errors.push(format!("{at}: {n} > {max}"));
    }
    if let Some(obj) = v.as_object() {
        let props = s.get("properties").and_then(Value::as_object);
        for key in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = key.as_str().unwrap();
            if !obj.contains_key(key) {
                errors.push(format!("{at}: missing required `{key}`"));
            }
        }
        for (k, child) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(ps) => validate(root, ps, child, &format!("{at}.{k}"), errors),
                None if s.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{at}: unexpected `{k}`"))
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(arr)) = (s.get("items"), v.as_array()) {
        for (i, child) in arr.iter().enumerate() {
            validate(root, items, child, &format!("{at}[{i}]"), errors);
        }
    }
}
