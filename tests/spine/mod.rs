//! The spine measured on text nobody tuned it to: labelled utterances written blind to the code
//! (`tests/corpus/`), and sentences of real rounds referenced by position in
//! `../shared/realdata` (skipped when that folder is absent).
//!
//! Each set has a dev half (tuned on; `HOTSEAT_CORPUS_FAILURES=1` prints its failing cases) and a
//! sealed half that prints figures only. Both fail under the floors in `floors.toml`.

mod corpus;
mod score;

use corpus::{Case, load_realdata, load_utterances};
use score::{Floors, Table};

fn check(name: &str, cases: &[Case], sealed: bool) {
    let table = Table::of(cases);
    println!(
        "\n{name}: {} cases\n{}{}",
        cases.len(),
        table.render(),
        table.render_styles(cases)
    );
    if std::env::var_os("HOTSEAT_CORPUS_ITEMS").is_some() {
        println!("{}", table.render_items(cases));
    }
    if !sealed && std::env::var_os("HOTSEAT_CORPUS_FAILURES").is_some() {
        table.print_failures(cases);
    }
    let floors = Floors::load(name);
    let broken = floors.broken(&table);
    assert!(
        broken.is_empty(),
        "{name} fell under its floors:\n{}",
        broken.join("\n")
    );
}

#[test]
fn utterances_dev_half() {
    check("utterances.dev", &load_utterances("utterances.dev"), false);
}

#[test]
fn utterances_sealed_half() {
    check(
        "utterances.sealed",
        &load_utterances("utterances.sealed"),
        true,
    );
}

#[test]
fn realdata_dev_half() {
    let Some(cases) = load_realdata("realdata.dev") else {
        eprintln!("skipped: ../shared/realdata is absent");
        return;
    };
    check("realdata.dev", &cases, false);
}

#[test]
fn realdata_sealed_half() {
    let Some(cases) = load_realdata("realdata.sealed") else {
        eprintln!("skipped: ../shared/realdata is absent");
        return;
    };
    check("realdata.sealed", &cases, true);
}

/// A second blind writer's utterances, added when the spine was resolved: never tuned on,
/// figures only.
#[test]
fn utterances_fresh_set() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/utterances.fresh.jsonl");
    if !path.exists() {
        eprintln!("skipped: no fresh set");
        return;
    }
    check(
        "utterances.fresh",
        &load_utterances("utterances.fresh"),
        true,
    );
}
