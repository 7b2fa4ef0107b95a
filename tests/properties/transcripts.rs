//! Transcripts of every format we read, well-formed to hostile, through the importer, the
//! dialogue reader and our own JSONL reader.

use hotseat::critique::Dialogue;
use hotseat::transcript::import::import_str;
use hotseat::transcript::parse_transcript;
use proptest::prelude::*;
use serde_json::json;

use super::hostile::{config, one_line_naming, piece, text};

/// A speaker label, from the usual to the strange.
fn speaker() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(
            &["Interviewer", "Candidate", "Jane Doe", "Bob", "INTERVIEWER", "Ана", "李雷", "A: B", ""][..]
        )
        .prop_map(str::to_string),
        1 => piece(),
    ]
}

/// A time in seconds, sometimes absurd.
fn secs() -> impl Strategy<Value = u64> {
    prop_oneof![4 => 0u64..5_400, 1 => any::<u64>()]
}

fn hms(s: u64) -> String {
    format!("{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

/// One turn: speaker, time, words.
fn turn() -> impl Strategy<Value = (String, u64, String)> {
    (speaker(), secs(), text())
}

/// A transcript in one of the formats we import, rendered from turns.
fn transcript() -> impl Strategy<Value = String> {
    (0..6usize, proptest::collection::vec(turn(), 0..12)).prop_map(|(format, turns)| {
        let mut out = String::new();
        match format {
            0 => {
                for (who, _, what) in &turns {
                    out.push_str(&format!("{who}: {what}\n"));
                }
            }
            1 => {
                for (who, at, what) in &turns {
                    out.push_str(&format!("[{}] {who}: {what}\n", hms(*at)));
                }
            }
            2 => {
                out.push_str("# Notes\n\n");
                for (who, _, what) in &turns {
                    out.push_str(&format!("**{who}:** {what}\n\n"));
                }
            }
            3 => {
                out.push_str("WEBVTT\n\n");
                for (who, at, what) in &turns {
                    out.push_str(&format!(
                        "{}.000 --> {}.500\n<v {who}>{what}\n\n",
                        hms(*at),
                        hms(at.saturating_add(3))
                    ));
                }
            }
            4 => {
                for (i, (who, at, what)) in turns.iter().enumerate() {
                    out.push_str(&format!(
                        "{}\n{},000 --> {},500\n{who}: {what}\n\n",
                        i + 1,
                        hms(*at),
                        hms(at.saturating_add(2))
                    ));
                }
            }
            _ => out = jsonl(&turns, 45.0),
        }
        out
    })
}

/// Our own JSONL, with the given plan length (sometimes absurd) and arbitrary times.
fn jsonl(turns: &[(String, u64, String)], minutes: f64) -> String {
    let header = json!({
        "type": "header", "version": 1, "session_id": "s1", "persona": "google",
        "question": "url-shortener", "level": "senior", "engine": "offline",
        "plan": {"phases": [{"phase": "clarify", "minutes": minutes}], "warnings": [10, 5]},
        "started_at": "2025-01-01T00:00:00Z", "hotseat_version": "0"
    });
    let mut out = format!("{header}\n");
    for (i, (who, at, what)) in turns.iter().enumerate() {
        let role = if who.len() % 2 == 0 {
            "interviewer"
        } else {
            "candidate"
        };
        let turn = json!({"type": "turn", "n": i + 1, "role": role, "text": what,
            "at_ms": at, "phase": "clarify"});
        out.push_str(&format!("{turn}\n"));
    }
    out
}

/// Any text at all, or a transcript with a few bytes changed.
fn anything() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => transcript(),
        1 => any::<String>(),
        1 => (transcript(), any::<usize>(), piece()).prop_map(|(t, at, junk)| {
            let mut cut = at % (t.len() + 1);
            while !t.is_char_boundary(cut) {
                cut -= 1;
            }
            format!("{}{junk}{}", &t[..cut], &t[cut..])
        }),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// Every import either reads turns or says in one line what is wrong with the file.
    #[test]
    fn import_never_panics(text in anything()) {
        match import_str("input.txt", &text) {
            Ok(imported) => {
                if let Err(e) = Dialogue::from_imported(imported, None) {
                    prop_assert!(!e.to_string().is_empty());
                }
            }
            Err(e) => one_line_naming(&e.to_string(), "input.txt"),
        }
    }

    /// Our JSONL with arbitrary times and plans (1e308, inf as null, negative) never panics, and
    /// what it accepts has a plan and times a clock can hold.
    #[test]
    fn our_jsonl_never_panics(
        turns in proptest::collection::vec(turn(), 0..8),
        minutes in prop_oneof![Just(45.0), Just(1e308), Just(f64::INFINITY), Just(-1.0), any::<f64>()],
        junk in piece(),
    ) {
        let mut text = jsonl(&turns, minutes);
        if junk.len() % 3 == 0 {
            text.push_str(&junk);
        }
        match parse_transcript("t.jsonl", &text) {
            Ok(t) => {
                prop_assert!(t.header.plan.validate().is_ok());
                let _ = t.header.plan.total();
                let _ = t.last_at() + std::time::Duration::from_secs(3600);
                let _ = Dialogue::from_transcript(&t);
            }
            Err(e) => one_line_naming(&e.to_string(), "t.jsonl"),
        }
    }
}
