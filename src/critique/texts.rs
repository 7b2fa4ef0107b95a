//! The words of each flag (`prompts/critique/advice.toml`): a summary and one piece of advice per
//! situation, rendered with what the rule found (the moment, the quote, the numbers).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::report::FlagCode;

/// Every variable a flag text may use.
pub(crate) const VARS: [&str; 18] = [
    "at",
    "quote",
    "what",
    "first_ask_at",
    "topics",
    "heavy",
    "count",
    "total",
    "minutes",
    "planned",
    "share",
    "probe",
    "missing",
    "trap",
    "level",
    "phase",
    "slot",
    "deep",
];

/// One situation's words.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FlagText {
    pub summary: String,
    pub advice: String,
}

/// Code → situation → words.
pub(crate) type Texts = BTreeMap<String, BTreeMap<String, FlagText>>;

pub(crate) static TEXTS: LazyLock<Texts> = LazyLock::new(|| {
    super::data::parse("advice.toml").unwrap_or_else(|e| panic!("embedded critique data: {e}"))
});

/// The variables of one flag; unset ones render empty.
#[derive(Debug, Default, Clone)]
pub(crate) struct Vars(BTreeMap<&'static str, String>);

impl Vars {
    /// Sets `key` (one of [`VARS`]).
    pub fn set(mut self, key: &'static str, value: impl Into<String>) -> Self {
        debug_assert!(VARS.contains(&key), "unknown flag text variable {key}");
        let value = value.into();
        // Advice refers to the moment; the evidence beside it carries the full quote.
        let value = if key == "quote" {
            let value = value
                .trim_end_matches(['.', '!', '?', ',', ';', ':'])
                .to_string();
            shorten(&value, QUOTE_IN_ADVICE)
        } else {
            value
        };
        self.0.insert(key, value);
        self
    }
}

/// Characters of a quote repeated inside advice.
const QUOTE_IN_ADVICE: usize = 70;

/// `s` cut at a word before `max` characters, with an ellipsis when cut.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// The summary and advice for `code` in `situation`.
pub(crate) fn render(code: FlagCode, situation: &str, vars: &Vars) -> (String, String) {
    let Some(text) = TEXTS.get(code.as_str()).and_then(|t| t.get(situation)) else {
        return (format!("{code} ({situation})"), String::new());
    };
    let mut ctx: BTreeMap<&str, String> = VARS.iter().map(|k| (*k, String::new())).collect();
    ctx.extend(vars.0.iter().map(|(k, v)| (*k, v.clone())));
    let r = |t: &str| {
        crate::template::render_str(t, &ctx)
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|e| format!("{code}: {e}"))
    };
    (r(&text.summary), r(&text.advice))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_texts_and_every_text_renders() {
        for code in FlagCode::ALL {
            let situations = TEXTS
                .get(code.as_str())
                .unwrap_or_else(|| panic!("no texts for {code}"));
            assert!(!situations.is_empty());
            for (situation, text) in situations {
                let ctx: BTreeMap<&str, &str> = VARS.iter().map(|k| (*k, "x")).collect();
                for t in [&text.summary, &text.advice] {
                    crate::template::render_str(t, &ctx)
                        .unwrap_or_else(|e| panic!("{code}.{situation}: {e}"));
                }
            }
        }
        for code in TEXTS.keys() {
            assert!(
                FlagCode::parse(code).is_some(),
                "texts for unknown code {code}"
            );
        }
    }
}
