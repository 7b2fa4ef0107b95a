//! The critique's rule layer over an 18,000-word transcript (a two-hour round): reading (grader
//! text screened out, times estimated, the shared analysis), coverage, time allocation, every
//! rule, the rubric and the report. Must stay well under 100 ms.
//!
//! `cargo bench --bench critique`. The transcript is stitched from the labelled fixtures' turns
//! (real-sounding speech, punctuated and not), cycled until it reaches 18,000 words.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use hotseat::critique::{Dialogue, Profile, RawTurn, Role, Setup, critique};
use hotseat::question::{Level, QuestionBank};

const WORDS: usize = 18_000;

const SOURCES: [&str; 6] = [
    "long-meeting-summaries.vtt",
    "long-ledger-marathon.txt",
    "strong-support-bot.txt",
    "messy-stt.txt",
    "video-strong.vtt",
    "weak-call-translation.vtt",
];

/// An 18,000-word round: the fixtures' turns in order, cycled, the first one's opening kept.
fn stitched() -> Dialogue {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/critique");
    let mut raw: Vec<RawTurn> = Vec::new();
    let mut words = 0;
    'fill: loop {
        for name in SOURCES {
            let d = Dialogue::read_file(&dir.join(name), None).expect("fixture");
            for t in d.turns {
                words += t.text.split_whitespace().count();
                let speaker = match t.role {
                    Role::Interviewer => "Interviewer",
                    Role::Candidate => "Candidate",
                };
                raw.push(RawTurn {
                    speaker: speaker.into(),
                    text: t.text,
                    at: None,
                    line: None,
                });
                if words >= WORDS {
                    break 'fill;
                }
            }
        }
    }
    Dialogue::from_raw(raw, Some("Candidate"), 0).expect("dialogue")
}

fn bench(c: &mut Criterion) {
    let dialogue = stitched();
    let bank = QuestionBank::embedded().unwrap();
    let setup = Setup::new(Profile::infer(&dialogue, &bank), Level::Senior);
    let report = critique(&dialogue, &setup);
    eprintln!(
        "18k-word round: {} turns, {} candidate words, {} flags",
        dialogue.turns.len(),
        report.source.candidate_words,
        report.flags.len()
    );
    c.bench_function("critique rules, 18,000 words", |b| {
        b.iter(|| critique(std::hint::black_box(&dialogue), &setup))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
