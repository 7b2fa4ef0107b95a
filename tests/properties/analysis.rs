//! The analysis (the spine every layer reads) over arbitrary Unicode, one turn and whole rounds,
//! and the critique built on it over arbitrary dialogues.

use std::sync::LazyLock;
use std::time::Duration;

use hotseat::analysis::{Analysis, Utterance, analyze_turn};
use hotseat::critique::input::RawTurn;
use hotseat::critique::{Dialogue, Profile, Setup, critique};
use hotseat::question::{Level, QuestionBank};
use proptest::prelude::*;

use super::hostile::{config, text};

static BANK: LazyLock<QuestionBank> = LazyLock::new(|| QuestionBank::embedded().unwrap());

proptest! {
    #![proptest_config(config())]

    /// One turn of anything.
    #[test]
    fn analyze_turn_never_panics(words in text(), raw in any::<String>(), at in any::<u32>()) {
        for t in [&words, &raw] {
            let _ = analyze_turn(&Utterance {
                turn: 1,
                at: Duration::from_millis(u64::from(at)),
                text: t,
            });
        }
    }

    /// A round of anything, folded turn by turn.
    #[test]
    fn analysis_of_a_round_never_panics(turns in proptest::collection::vec(text(), 0..10)) {
        let _ = Analysis::of(turns.iter().enumerate().map(|(i, t)| Utterance {
            turn: i + 1,
            at: Duration::from_secs(i as u64 * 60),
            text: t,
        }));
    }

    /// The whole critique (roles inferred, profile matched, rules, score, every renderer) over a
    /// dialogue of anything.
    #[test]
    fn critique_never_panics(
        turns in proptest::collection::vec((0..3usize, text(), any::<Option<u16>>()), 2..10),
    ) {
        let names = ["Interviewer", "Candidate", "Panelist"];
        let raw: Vec<RawTurn> = turns
            .iter()
            .enumerate()
            .map(|(i, (who, what, at))| RawTurn {
                speaker: names[*who].to_string(),
                text: what.clone(),
                at: at.map(|s| Duration::from_secs(u64::from(s))),
                line: Some(i + 1),
            })
            .collect();
        if let Ok(dialogue) = Dialogue::from_raw(raw, None, 0) {
            let setup = Setup::new(Profile::infer(&dialogue, &BANK), Level::Senior);
            let report = critique(&dialogue, &setup);
            for f in [
                hotseat::critique::render::Format::Text,
                hotseat::critique::render::Format::Markdown,
                hotseat::critique::render::Format::Json,
                hotseat::critique::render::Format::Html,
            ] {
                let out = hotseat::critique::render::render(&report, f);
                let terminal = matches!(
                    f,
                    hotseat::critique::render::Format::Text | hotseat::critique::render::Format::Markdown
                );
                prop_assert!(!(terminal && out.contains('\u{1b}')), "an escape reached the {:?} report", f);
            }
        }
    }
}
