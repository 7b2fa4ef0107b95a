//! Per-signal recall and false-positive rates of the analysis against corpus labels, and the
//! floors each half must stay above.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Duration;

use hotseat::analysis::{TurnSignals, Utterance, analyze_turn};
use serde::Deserialize;

use super::corpus::{Case, Labels};

/// The signals measured, in table order; the set-valued ones count items.
const SIGNALS: [&str; 14] = [
    "asks",
    "tradeoff",
    "quantified_tradeoff",
    "cost",
    "latency",
    "concerns",
    "dismissed",
    "estimate",
    "commits",
    "unexplained",
    "vague",
    "plea",
    "meta",
    "anecdote",
];

/// One signal's labels or predictions for one case: a set of items (a boolean is the set
/// `{"yes"}` or empty), so both kinds score the same way.
fn items(l: &Labels, signal: &str) -> BTreeSet<String> {
    let flag = |b: bool| {
        if b {
            BTreeSet::from(["yes".to_string()])
        } else {
            BTreeSet::new()
        }
    };
    match signal {
        "asks" => l.asks.clone(),
        "concerns" => l.concerns.clone(),
        "dismissed" => l.dismissed.clone(),
        "commits" => flag(!l.commits.is_empty()),
        "tradeoff" => flag(l.tradeoff),
        "quantified_tradeoff" => flag(l.quantified_tradeoff),
        "cost" => flag(l.cost),
        "latency" => flag(l.latency),
        "estimate" => flag(l.estimate),
        "unexplained" => flag(l.unexplained),
        "vague" => flag(l.vague),
        "plea" => flag(l.plea),
        "meta" => flag(l.meta),
        "anecdote" => flag(l.anecdote),
        other => panic!("unknown signal {other}"),
    }
}

/// What the analysis heard, in the corpus' terms.
pub fn predict(text: &str) -> Labels {
    let t: TurnSignals = analyze_turn(&Utterance {
        turn: 1,
        at: Duration::ZERO,
        text,
    });
    Labels {
        asks: t
            .topics_asked()
            .iter()
            .map(|x| x.as_str().to_string())
            .collect(),
        tradeoff: !t.tradeoffs.is_empty(),
        quantified_tradeoff: !t.quantified_tradeoffs.is_empty(),
        cost: !t.cost.is_empty(),
        latency: !t.latency.is_empty(),
        concerns: t.concerns.keys().map(|c| c.as_str().to_string()).collect(),
        dismissed: t.dismissed.keys().map(|c| c.as_str().to_string()).collect(),
        estimate: !t.sizing.is_empty(),
        commits: t.components.iter().map(|c| c.name.clone()).collect(),
        unexplained: !t.unexplained.is_empty(),
        vague: !t.vague.is_empty(),
        plea: !t.pleas.is_empty(),
        meta: !t.meta.is_empty(),
        anecdote: !t.anecdotes.is_empty(),
    }
}

/// Counts for one signal.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Labelled items found.
    pub hits: usize,
    /// Labelled items.
    pub labelled: usize,
    /// Predicted items not labelled.
    pub extra: usize,
    /// Predicted items.
    pub predicted: usize,
    /// Hard negatives for this signal that got an item they were not labelled with.
    pub hard_fp: usize,
    /// Hard negatives for this signal.
    pub hard: usize,
}

impl Counts {
    pub fn recall(&self) -> f64 {
        ratio(self.hits, self.labelled, 1.0)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.predicted - self.extra, self.predicted, 1.0)
    }
    pub fn hard_fp_rate(&self) -> f64 {
        ratio(self.hard_fp, self.hard, 0.0)
    }
}

fn ratio(a: usize, b: usize, empty: f64) -> f64 {
    if b == 0 { empty } else { a as f64 / b as f64 }
}

/// Every signal's counts over a set of cases, with each case's prediction kept for failures.
pub struct Table {
    pub rows: BTreeMap<&'static str, Counts>,
    predictions: Vec<Labels>,
}

impl Table {
    pub fn of(cases: &[Case]) -> Self {
        let predictions: Vec<Labels> = cases.iter().map(|c| predict(&c.text)).collect();
        let mut rows = BTreeMap::new();
        for signal in SIGNALS {
            let mut n = Counts::default();
            for (case, got) in cases.iter().zip(&predictions) {
                let want = items(&case.labels, signal);
                let got = items(got, signal);
                n.labelled += want.len();
                n.hits += want.intersection(&got).count();
                n.predicted += got.len();
                let extra = got.difference(&want).count();
                n.extra += extra;
                if case.hard_negative_for.contains(signal) {
                    n.hard += 1;
                    n.hard_fp += usize::from(extra > 0);
                }
            }
            rows.insert(signal, n);
        }
        Self { rows, predictions }
    }

    pub fn render(&self) -> String {
        let mut out = format!(
            "{:<20} {:>7} {:>9} {:>10} {:>14}\n",
            "signal", "recall", "(of n)", "precision", "hard-neg FP"
        );
        for signal in SIGNALS {
            let c = self.rows[signal];
            out.push_str(&format!(
                "{signal:<20} {:>7.2} {:>9} {:>10.2} {:>8.2} of {:<3}\n",
                c.recall(),
                c.labelled,
                c.precision(),
                c.hard_fp_rate(),
                c.hard
            ));
        }
        out
    }

    /// Per-item recall and precision of the set-valued signals (topics, concerns): figures only.
    pub fn render_items(&self, cases: &[Case]) -> String {
        let mut by: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
        for (case, got) in cases.iter().zip(&self.predictions) {
            for signal in ["asks", "concerns", "dismissed"] {
                let want = items(&case.labels, signal);
                let got = items(got, signal);
                for w in &want {
                    let e = by.entry(format!("{signal}:{w}")).or_default();
                    e.1 += 1;
                    e.0 += usize::from(got.contains(w));
                }
                for g in &got {
                    by.entry(format!("{signal}:{g}")).or_default().2 += 1;
                }
            }
        }
        let mut out = String::from("item (recall of n / precision of predicted):\n");
        for (item, (hit, n, pred)) in by {
            out.push_str(&format!(
                "  {item:<34} {:.2} of {n:<3} / {:.2} of {pred}\n",
                ratio(hit, n, 1.0),
                ratio(hit, pred, 1.0)
            ));
        }
        out
    }

    /// Recall over all signals' labelled items, by speaking style: a figure per style.
    pub fn render_styles(&self, cases: &[Case]) -> String {
        let mut by: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for (case, got) in cases.iter().zip(&self.predictions) {
            for signal in SIGNALS {
                let want = items(&case.labels, signal);
                let got = items(got, signal);
                let e = by.entry(case.style.as_str()).or_default();
                e.0 += want.intersection(&got).count();
                e.1 += want.len();
            }
        }
        let mut out = String::from("recall by style:");
        for (style, (hit, all)) in by {
            out.push_str(&format!(" {style} {:.2} ({all});", ratio(hit, all, 1.0)));
        }
        out
    }

    /// The dev half's misses and false alarms, one line each.
    pub fn print_failures(&self, cases: &[Case]) {
        for (case, got) in cases.iter().zip(&self.predictions) {
            for signal in SIGNALS {
                let want = items(&case.labels, signal);
                let got = items(got, signal);
                if want != got {
                    println!(
                        "FAIL {} [{}] {signal}: want {want:?} got {got:?} :: {}",
                        case.id, case.style, case.text
                    );
                }
            }
        }
    }
}

/// Per-signal floors for one corpus half: recall at least, hard-negative false positives at most.
#[derive(Debug, Deserialize, Default)]
pub struct Floors(BTreeMap<String, Floor>);

#[derive(Debug, Deserialize, Clone, Copy)]
struct Floor {
    recall: f64,
    hard_fp: f64,
}

impl Floors {
    pub fn load(name: &str) -> Self {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/spine/floors.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let mut all: BTreeMap<String, Floors> =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        all.remove(name).unwrap_or_default()
    }

    /// The floors the table falls under, one line each.
    pub fn broken(&self, table: &Table) -> Vec<String> {
        let mut out = Vec::new();
        for (signal, f) in &self.0 {
            let Some(c) = table.rows.get(signal.as_str()) else {
                out.push(format!("{signal}: no such signal"));
                continue;
            };
            if c.recall() + 1e-9 < f.recall {
                out.push(format!(
                    "{signal}: recall {:.2} < {:.2}",
                    c.recall(),
                    f.recall
                ));
            }
            if c.hard_fp_rate() > f.hard_fp + 1e-9 {
                out.push(format!(
                    "{signal}: hard-negative FP {:.2} > {:.2}",
                    c.hard_fp_rate(),
                    f.hard_fp
                ));
            }
        }
        out
    }
}
