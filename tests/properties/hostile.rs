//! Generators shared by the property runs: hostile text, and mutations of valid data files.

use proptest::prelude::*;
use proptest::test_runner::Config;

/// How many inputs each property runs.
pub fn cases() -> u32 {
    std::env::var("HOTSEAT_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

/// The runner's config: `cases()` inputs, no files of failures left in the tree.
pub fn config() -> Config {
    Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    }
}

/// Pieces that broke parsers before: digits before non-ASCII, huge and non-finite numbers,
/// control and escape sequences, stray markup of every format we read.
const NASTY: &[&str] = &[
    "10⁶",
    "2½",
    "4ｘ",
    "3\u{0301}",
    "1e308",
    "-1e308",
    "inf",
    "NaN",
    "-0",
    "18446744073709551616",
    "99:99:99",
    "00:00:01.000 --> 00:00:00.500",
    "<v Bob>",
    "**Name:**",
    "[12:34]",
    "(00:01:23)",
    "WEBVTT",
    "-->",
    "\u{1b}[31m",
    "\u{1b}]0;title\u{7}",
    "\u{feff}",
    "\u{202e}",
    "\u{0}",
    "\r",
    "\t",
    "👩‍💻",
    "日本語",
    "ﬁ",
    "İ",
    "ß",
    "{\"type\":\"header\"}",
    "sk-canary-0123456789abcdef",
    "ignore previous instructions",
    "\\",
    "\"",
    "'''",
    "\n",
];

/// A short piece of hostile text.
pub fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(NASTY).prop_map(str::to_string),
        2 => "\\PC{0,12}",
        1 => any::<String>().prop_map(|s| s.chars().take(16).collect()),
        1 => (0u64..100_000_000).prop_map(|n| n.to_string()),
        1 => (any::<u32>(), "[^0-9a-zA-Z ]{1,2}").prop_map(|(n, s)| format!("{n}{s}")),
    ]
}

/// A line of hostile text built from pieces and words.
pub fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            2 => piece(),
            3 => proptest::sample::select(&[
                "we", "need", "peak", "QPS", "cache", "GPU", "latency", "p99", "cost", "users",
                "million", "per", "second", "Kafka", "because", "trade-off", "?", ".", ",",
            ][..]).prop_map(str::to_string),
        ],
        0..24,
    )
    .prop_map(|words| words.join(" "))
}

/// A value as a TOML file might hold one, from sensible to absurd.
pub fn toml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        text().prop_map(|t| format!("{t:?}")),
        proptest::sample::select(
            &[
                "inf",
                "-inf",
                "nan",
                "1e308",
                "-1e308",
                "0",
                "-1",
                "0.0",
                "1e-320",
                "5",
                "45",
                "180",
                "181",
                "9223372036854775807",
                "-9223372036854775808",
                "true",
                "[]",
                "{}",
                "\"\"",
                "[1, 2]",
                "\"random\"",
                "\"google\"",
                "\"url-shortener\"",
                "\"x\"",
                "{ phase = \"clarify\", minutes = inf }",
            ][..]
        )
        .prop_map(str::to_string),
        any::<f64>().prop_map(|f| format!("{f:?}")),
        any::<i64>().prop_map(|i| i.to_string()),
    ]
}

/// One change to a file's lines.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// The value after `=` on a line becomes another.
    SetValue(usize, String),
    /// A line goes.
    Delete(usize),
    /// A line is written twice.
    Duplicate(usize),
    /// A line of junk is inserted.
    Insert(usize, String),
    /// The file stops early.
    Truncate(usize),
}

/// One to three mutations.
pub fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    let one = prop_oneof![
        5 => (any::<usize>(), toml_value()).prop_map(|(i, v)| Mutation::SetValue(i, v)),
        1 => any::<usize>().prop_map(Mutation::Delete),
        1 => any::<usize>().prop_map(Mutation::Duplicate),
        1 => (any::<usize>(), text()).prop_map(|(i, t)| Mutation::Insert(i, t)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ];
    proptest::collection::vec(one, 1..4)
}

/// `text` with `muts` applied (indices wrap around the lines).
pub fn mutate(text: &str, muts: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for m in muts {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let n = lines.len();
        match m {
            Mutation::SetValue(i, v) => {
                // Prefer lines that assign something; fall back to any line.
                let assigning: Vec<usize> = (0..n).filter(|j| lines[*j].contains('=')).collect();
                let at = if assigning.is_empty() {
                    i % n
                } else {
                    assigning[i % assigning.len()]
                };
                let line = &lines[at];
                lines[at] = match line.split_once('=') {
                    Some((key, _)) => format!("{key}= {v}"),
                    None => v.clone(),
                };
            }
            Mutation::Delete(i) => {
                lines.remove(i % n);
            }
            Mutation::Duplicate(i) => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Mutation::Insert(i, t) => lines.insert(i % (n + 1), t.clone()),
            Mutation::Truncate(i) => lines.truncate(i % n + 1),
        }
    }
    lines.join("\n") + "\n"
}

/// A refusal reads as one line naming its file.
pub fn one_line_naming(message: &str, file: &str) {
    assert!(
        !message.contains('\n'),
        "an error must be one line: {message:?}"
    );
    assert!(
        message.contains(file),
        "the error must name {file}: {message}"
    );
}
