//! Fits the points each flag costs (`prompts/critique/score.toml`) on the dev half of the labelled
//! rounds (`tests/corpus/rounds/labels.toml`), as `docs/SCORING.md` describes.
//!
//! Each dev round is critiqued once; its rubric score and flags are kept. Every candidate model on
//! a grid (points for high, medium and low severity, high ≥ medium ≥ low) rescores all of them the
//! way the critique does, and is judged by how often it ranks a hired round above one that was
//! not (pairs), then by how many verdicts land on the right side of the hire bar. Of the models
//! that tie at the best figures, the one in the middle of that plateau is printed: it is the
//! furthest from the edge where a small change of rounds would flip the result. The sealed half is
//! never read.
//!
//! Run: `cargo run --example fit_score` and copy the printed lines into `score.toml`.

use std::path::Path;

use hotseat::critique::verdict::{MODEL, ScoreModel, outcome};
use hotseat::critique::{Dialogue, Flag, Profile, Setup, Verdict, critique};
use hotseat::question::{Level, QuestionBank};

struct Round {
    hire: bool,
    rubric: f64,
    ai: bool,
    flags: Vec<Flag>,
}

fn rounds() -> Vec<Round> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/rounds");
    let labels: toml::Value =
        toml::from_str(&std::fs::read_to_string(dir.join("labels.toml")).expect("labels"))
            .expect("labels parse");
    let bank = QuestionBank::embedded().expect("bank");
    let mut out = Vec::new();
    for r in labels["rounds"].as_table().expect("rounds").values() {
        if r["split"].as_str() != Some("dev") {
            continue;
        }
        let path = dir.join(r["file"].as_str().expect("file"));
        let d = Dialogue::read_file(&path, r["candidate"].as_str()).expect("round reads");
        let q = bank
            .get(r["question"].as_str().expect("question"))
            .expect("in bank");
        let level: Level = r["level"].clone().try_into().expect("level");
        let rep = critique(&d, &Setup::new(Profile::of_question(q, "labelled"), level));
        out.push(Round {
            hire: r["verdict"].as_str() == Some("hire"),
            rubric: f64::from(rep.score_basis.rubric),
            ai: q.ai_workload,
            flags: rep.flags,
        });
    }
    out
}

/// (pairs ranked right, verdicts on the right side of the hire bar).
fn judge(rounds: &[Round], m: &ScoreModel) -> (f64, usize) {
    let scored: Vec<(bool, u8, Verdict)> = rounds
        .iter()
        .map(|r| {
            let (s, v, _) = outcome(r.rubric, &r.flags, r.ai, m, None);
            (r.hire, s, v)
        })
        .collect();
    let (mut right, mut pairs) = (0.0, 0);
    for h in scored.iter().filter(|s| s.0) {
        for n in scored.iter().filter(|s| !s.0) {
            pairs += 1;
            right += match h.1.cmp(&n.1) {
                std::cmp::Ordering::Greater => 1.0,
                std::cmp::Ordering::Equal => 0.5,
                std::cmp::Ordering::Less => 0.0,
            };
        }
    }
    let agree = scored
        .iter()
        .filter(|(hire, _, v)| (*v >= Verdict::Hire) == *hire)
        .count();
    (right / pairs.max(1) as f64, agree)
}

fn main() {
    let rounds = rounds();
    let mut grid = Vec::new();
    for high in (4..=30).step_by(2) {
        for medium in (0..=high).step_by(1) {
            for low in 0..=medium.min(4) {
                let m = ScoreModel {
                    high: f64::from(high),
                    medium: f64::from(medium),
                    low: f64::from(low),
                    ..MODEL.clone()
                };
                let (pairs, agree) = judge(&rounds, &m);
                grid.push((pairs, agree, m));
            }
        }
    }
    let best_pairs = grid.iter().map(|g| g.0).fold(0.0, f64::max);
    let best_agree = grid
        .iter()
        .filter(|g| g.0 == best_pairs)
        .map(|g| g.1)
        .max()
        .unwrap_or(0);
    let plateau: Vec<&ScoreModel> = grid
        .iter()
        .filter(|g| g.0 == best_pairs && g.1 == best_agree)
        .map(|g| &g.2)
        .collect();
    let mid = |f: fn(&ScoreModel) -> f64| {
        let mut v: Vec<f64> = plateau.iter().map(|m| f(m)).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (high, medium, low) = (mid(|m| m.high), mid(|m| m.medium), mid(|m| m.low));
    let range = |f: fn(&ScoreModel) -> f64| {
        let v: Vec<f64> = plateau.iter().map(|m| f(m)).collect();
        (
            v.iter().copied().fold(f64::INFINITY, f64::min),
            v.iter().copied().fold(0.0, f64::max),
        )
    };
    println!(
        "plateau: high {:?}, medium {:?}, low {:?}",
        range(|m| m.high),
        range(|m| m.medium),
        range(|m| m.low)
    );
    let chosen = ScoreModel {
        high,
        medium,
        low,
        ..MODEL.clone()
    };
    let (pairs, agree) = judge(&rounds, &chosen);
    assert!(
        pairs == best_pairs && agree == best_agree,
        "the plateau's middle ({high}, {medium}, {low}) is off it: widen the grid"
    );
    println!(
        "{} dev rounds; best: {:.3} of hire/no-hire pairs ranked right, {} of {} verdicts on the right side; {} models on that plateau",
        rounds.len(),
        best_pairs,
        best_agree,
        rounds.len(),
        plateau.len()
    );
    println!(
        "high = {high:.1}\nmedium = {medium:.1}\nlow = {low:.1}\nfitted = \"{} dev rounds: {:.3} of pairs, {} of {} verdicts; middle of {} models\"",
        rounds.len(),
        best_pairs,
        best_agree,
        rounds.len(),
        plateau.len()
    );
}
