//! The importer over realistic fixtures (`tests/fixtures/imports/`), one per source, and every
//! error kind. Inline edge cases and the no-panic checks are in `tests/robust.rs`.

mod robust;

use std::path::PathBuf;
use std::time::Duration;

use super::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/imports")
        .join(name)
}

fn load(name: &str) -> Imported {
    import_file(&fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

fn ms(n: u64) -> Option<Duration> {
    Some(Duration::from_millis(n))
}

fn secs(n: u64) -> Option<Duration> {
    Some(Duration::from_secs(n))
}

/// Every error message is one line that names the file.
fn assert_one_line(e: &ImportError, file: &str) -> String {
    let msg = e.to_string();
    assert!(!msg.contains('\n'), "{msg}");
    assert!(msg.starts_with(file), "{msg} should name {file}");
    msg
}

#[test]
fn zoom_vtt_merges_the_cues_of_one_speaker_from_the_first_start() {
    let i = load("zoom.vtt");
    assert_eq!(i.format, Format::Vtt);
    assert_eq!(i.turns.len(), 21);
    assert_eq!(i.speakers(), ["Priya Raman", "Alex Chen"]);
    assert_eq!(
        (i.skipped_lines, i.timed, i.header.is_none()),
        (0, true, true)
    );
    let first = &i.turns[0];
    assert_eq!((first.at, first.line), (ms(2_130), 5));
    assert_eq!(
        first.text,
        "Hi Alex, thanks for making time today. Can you hear me okay?"
    );
    // Cues 3-5 are one sentence run split by Zoom.
    let t = &i.turns[2];
    assert_eq!(t.at, ms(10_220));
    assert!(t.text.starts_with("Great. So today"));
    assert!(t.text.ends_with("ask me anything you need."));
    assert!(t.text.contains("e-commerce company, one that answers"));
    // Cue 11 has no name: it continues Alex's turn.
    let t = &i.turns[7];
    assert_eq!((t.speaker.as_str(), t.at), ("Alex Chen", ms(57_300)));
    assert!(t.text.contains("knowledge in, and it means we never want"));
    assert!(t.text.ends_with("first token in under a second."));
    let last = i.turns.last().unwrap();
    assert_eq!(
        (last.speaker.as_str(), last.at, last.line),
        ("Priya Raman", ms(216_900), 121)
    );
    assert!(last.text.ends_with("this was great."));
}

#[test]
fn teams_vtt_reads_voice_tags_and_skips_note_blocks() {
    let i = load("teams.vtt");
    assert_eq!(i.format, Format::Vtt);
    assert_eq!(i.turns.len(), 16);
    assert_eq!(i.speakers(), ["Morgan Lee", "Sam Patel"]);
    assert_eq!((i.skipped_lines, i.timed), (3, true));
    assert_eq!(i.turns[0].at, ms(1_520));
    // A cue over two lines, the voice tag opened on the first.
    assert!(i.turns[2].text.ends_with("every one of them evaluates prompts differently. Design a shared evaluation platform for them."));
    // Two cues by Sam merge; `<i>` is dropped and `&amp;` decoded.
    let t = &i.turns[7];
    assert_eq!((t.at, t.line), (ms(46_100), 38));
    assert!(t.text.contains("that's expensive, so cost control"));
    assert!(t.text.ends_with("a results store with a UI on top."));
    assert!(i.turns[11].text.contains("needs evals & calibration"));
    assert!(i.turns.iter().all(|t| !t.text.contains('<')));
    let last = i.turns.last().unwrap();
    assert_eq!(
        (last.speaker.as_str(), last.text.as_str(), last.at),
        ("Sam Patel", "Thank you!", ms(124_000))
    );
}

#[test]
fn meet_srt_with_bom_and_crlf_reads_every_label_form() {
    let i = load("meet.srt");
    assert_eq!(i.format, Format::Srt);
    assert_eq!(i.turns.len(), 14);
    assert_eq!(i.speakers(), ["Dana Whitfield", "Ravi Kumar"]);
    // `(laughs)` is a sound, not speech.
    assert_eq!((i.skipped_lines, i.timed), (1, true));
    assert!(
        i.turns
            .iter()
            .all(|t| !t.text.contains('\r') && !t.text.contains('\u{feff}'))
    );
    assert_eq!(
        i.turns[0].text,
        "Hi Ravi, can you hear me? Great, let's get started. The problem today: we run a social app with user posts and comments, and we want to use LLMs to help moderate them. Design that system."
    );
    // `[Ravi Kumar] text`.
    assert_eq!(
        (i.turns[3].speaker.as_str(), i.turns[3].at),
        ("Ravi Kumar", ms(28_200))
    );
    // Blocks 9 and 10 carry no speaker: they continue Ravi's answer.
    assert!(i.turns[5].text.starts_with("Two hundred milliseconds"));
    assert!(
        i.turns[5]
            .text
            .ends_with("goes to the LLM with the policy in the prompt.")
    );
    // `- Name:` twice in one block: two turns at the block's start.
    assert_eq!(
        (i.turns[6].speaker.as_str(), i.turns[6].at),
        ("Dana Whitfield", ms(76_500))
    );
    assert_eq!(
        (i.turns[7].speaker.as_str(), i.turns[7].at),
        ("Ravi Kumar", ms(76_500))
    );
    assert_eq!(
        i.turns[7].text,
        "The post shows as pending, only to its author."
    );
    assert_eq!(i.turns.last().unwrap().text, "Thank you, this was fun.");
}

#[test]
fn otter_txt_reads_header_lines_with_the_words_below() {
    let i = load("otter.txt");
    assert_eq!(i.format, Format::Text);
    assert_eq!(i.turns.len(), 18);
    assert_eq!(
        i.speakers(),
        ["Elena Petrova", "Marcus Johnson", "Unknown Speaker"]
    );
    // The "Transcribed by" footer is left out.
    assert_eq!((i.skipped_lines, i.timed), (1, true));
    assert_eq!((i.turns[0].at, i.turns[0].line), (secs(3), 1));
    assert!(i.turns[0].text.starts_with("Hi Marcus, good to meet you."));
    let t = &i.turns[7];
    assert_eq!((t.speaker.as_str(), t.at), ("Marcus Johnson", secs(87)));
    assert!(t.text.contains("picks the hour. The features would be"));
    assert_eq!(i.turns[10].text, "Mm hmm.");
    let last = i.turns.last().unwrap();
    assert_eq!(
        (last.text.as_str(), last.at, last.line),
        ("Thank you, Elena.", secs(215), 53)
    );
}

#[test]
fn plain_txt_skips_the_pasted_feedback_and_keeps_continuations() {
    let i = load("plain.txt");
    assert_eq!(i.format, Format::Text);
    assert_eq!(i.turns.len(), 22);
    assert_eq!(i.speakers(), ["Interviewer", "Candidate"]);
    // Heading, `Feedback:`, its four bullets, `---`, and the `Note:` line.
    assert_eq!((i.skipped_lines, i.timed), (8, false));
    let first = &i.turns[0];
    assert_eq!((first.line, first.at), (11, None));
    assert_eq!(
        first.text,
        "Thanks for joining. Today's question: design an AI coding assistant that lives in the IDE, like autocomplete but smarter, and can also answer questions about the company's own codebase."
    );
    assert!(
        i.turns
            .iter()
            .all(|t| !t.text.contains("lean hire") && !t.text.contains("whiteboard"))
    );
    // `e.g.:` and `Option A:` are speech; the paragraph break is kept.
    let t = &i.turns[5];
    assert!(t.text.contains("small and fast, e.g.: a model"));
    assert!(t.text.ends_with("caching.\nOption A: one big model for everything. Option B: a small model for completions and a larger one for chat. I'd go with option B."));
    assert!(i.turns[9].text.contains("at 10:30 on Sunday night"));
    assert!(
        i.turns[19]
            .text
            .contains("approach at https://example.com/blog/measuring-code-completions and")
    );
    assert_eq!(i.turns.last().unwrap().text, "Thank you!");
}

#[test]
fn bracketed_txt_reads_times_and_the_lines_without_one() {
    let i = load("bracketed.txt");
    assert_eq!(i.format, Format::Text);
    assert_eq!(i.turns.len(), 20);
    assert_eq!(i.speakers(), ["Kenji Watanabe", "Lucia Fernandez"]);
    assert_eq!((i.skipped_lines, i.timed), (2, true));
    assert_eq!((i.turns[0].at, i.turns[0].line), (secs(5), 4));
    assert!(
        i.turns[7]
            .text
            .ends_with("as they happen. Both write to the same vector index, versioned by model.")
    );
    assert_eq!(i.turns[8].line, 13);
    let last = i.turns.last().unwrap();
    assert_eq!(
        (last.speaker.as_str(), last.text.as_str(), last.at),
        ("Lucia Fernandez", "Thanks, Kenji!", secs(233))
    );
}

#[test]
fn notes_md_reads_bold_quoted_and_listed_labels() {
    let i = load("notes.md");
    assert_eq!(i.format, Format::Markdown);
    assert_eq!(i.turns.len(), 14);
    assert_eq!(i.speakers(), ["Interviewer", "Me"]);
    // Three headings, the italic note, `## Feedback` and its three bullets.
    assert_eq!((i.skipped_lines, i.timed), (7, false));
    assert_eq!(i.turns[0].line, 7);
    // `**Interviewer**:` as well as `**Interviewer:**`.
    assert!(
        i.turns[2]
            .text
            .starts_with("Businesses, mostly their admins.")
    );
    assert_eq!(
        i.turns[5].text,
        "Okay. I'd split it into three parts:\n- ingestion of docs and resolved tickets\n- retrieval with a hybrid keyword and vector index\n- generation with citations, and a confidence check before answering\nTickets need scrubbing first, they're full of customer emails and API keys."
    );
    assert!(i.turns[7].text.starts_with("A PII detector"));
    assert_eq!(i.turns[8].text, "What's the confidence check, concretely?");
    assert!(
        i.turns
            .last()
            .unwrap()
            .text
            .ends_with("sounded right but weren't.")
    );
    assert!(i.turns.iter().all(|t| !t.text.contains("under-explained")));
}

#[test]
fn our_jsonl_maps_turns_with_header_times_and_lines() {
    let i = load("ours.jsonl");
    assert_eq!(i.format, Format::Jsonl);
    assert_eq!(i.turns.len(), 10);
    assert_eq!(i.speakers(), ["Interviewer", "Candidate"]);
    assert_eq!((i.skipped_lines, i.timed), (0, true));
    assert_eq!(i.header.as_ref().unwrap().question, "llm-support-chatbot");
    assert_eq!((i.turns[0].at, i.turns[0].line), (secs(2), 2));
    // Phase and warning events sit between turns; the lines still point at the turns.
    assert_eq!((i.turns[3].at, i.turns[3].line), (secs(320), 6));
    // Times are round times already: 42 minutes in is not a wall clock.
    assert_eq!((i.turns[9].at, i.turns[9].line), (secs(2561), 15));
    // The string path reads the file the same way as `read_transcript`.
    let text = std::fs::read_to_string(fixture("ours.jsonl")).unwrap();
    assert_eq!(import_str("ours.jsonl", &text).unwrap(), i);
    let torn = format!("{text}{{\"type\":\"turn\",\"n\":11");
    assert_eq!(import_str("torn.jsonl", &torn).unwrap().turns, i.turns);
    // Saved back by an editor that adds a BOM: still ours.
    let dir = tempfile::tempdir().unwrap();
    let bom = dir.path().join("bom.jsonl");
    std::fs::write(&bom, format!("\u{feff}{text}")).unwrap();
    assert_eq!(import_file(&bom).unwrap().turns, i.turns);
}

#[test]
fn detect_names_each_fixture() {
    let cases = [
        ("zoom.vtt", Some(Format::Vtt)),
        ("teams.vtt", Some(Format::Vtt)),
        ("meet.srt", Some(Format::Srt)),
        ("otter.txt", Some(Format::Text)),
        ("plain.txt", Some(Format::Text)),
        ("bracketed.txt", Some(Format::Text)),
        ("notes.md", Some(Format::Markdown)),
        ("ours.jsonl", Some(Format::Jsonl)),
        ("one_speaker.txt", Some(Format::Text)),
        ("unknown.txt", None),
        ("empty.txt", None),
    ];
    for (name, want) in cases {
        let text = std::fs::read_to_string(fixture(name)).unwrap();
        assert_eq!(detect(&text), want, "{name}");
    }
}

#[test]
fn one_speaker_empty_binary_and_unknown_files_are_errors_naming_the_file() {
    let file = |name: &str| fixture(name).display().to_string();
    let e = import_file(&fixture("one_speaker.txt")).unwrap_err();
    let msg = assert_one_line(&e, &file("one_speaker.txt"));
    assert!(matches!(&e, ImportError::OneSpeaker { speaker, .. } if speaker == "Interviewer"));
    assert!(msg.contains("only one speaker, `Interviewer`"), "{msg}");

    let e = import_file(&fixture("empty.txt")).unwrap_err();
    assert!(matches!(e, ImportError::Empty { .. }));
    assert!(assert_one_line(&e, &file("empty.txt")).contains("empty"));

    let e = import_file(&fixture("binary.bin")).unwrap_err();
    assert!(matches!(e, ImportError::Binary { .. }));
    assert!(assert_one_line(&e, &file("binary.bin")).contains("binary"));

    let e = import_file(&fixture("unknown.txt")).unwrap_err();
    assert!(matches!(e, ImportError::UnknownFormat { .. }));
    let msg = assert_one_line(&e, &file("unknown.txt"));
    assert!(
        msg.ends_with("no `Name: text` lines, WebVTT cues or SRT blocks found"),
        "{msg}"
    );
}

#[test]
fn too_large_fails_from_the_metadata_and_io_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("huge.vtt");
    // Sparse: 50 MB on paper, nothing on disk, and never read.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(50_000_000)
        .unwrap();
    let started = std::time::Instant::now();
    let e = import_file(&big).unwrap_err();
    assert!(started.elapsed() < Duration::from_millis(100));
    assert!(matches!(
        e,
        ImportError::TooLarge {
            bytes: 50_000_000,
            limit: SIZE_LIMIT,
            ..
        }
    ));
    assert!(assert_one_line(&e, &big.display().to_string()).contains("50000000 bytes"));

    let e = import_str("pasted", &"a".repeat(SIZE_LIMIT as usize + 1)).unwrap_err();
    assert!(matches!(e, ImportError::TooLarge { .. }));

    let missing = dir.path().join("missing.srt");
    let e = import_file(&missing).unwrap_err();
    assert!(matches!(e, ImportError::Io { .. }));
    assert_one_line(&e, &missing.display().to_string());
}

#[test]
fn malformed_jsonl_names_the_file_and_line() {
    let text = std::fs::read_to_string(fixture("ours.jsonl")).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[4] = "{\"type\":\"turn\",\"n\":\"three\"}";
    let e = import_str("round.jsonl", &(lines.join("\n") + "\n")).unwrap_err();
    assert!(matches!(e, ImportError::Malformed { line: 5, .. }));
    assert!(assert_one_line(&e, "round.jsonl:5: ").len() > 14);

    // On disk the same damage goes through `read_transcript`, with the same answer.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("round.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let e = import_file(&path).unwrap_err();
    assert!(matches!(e, ImportError::Malformed { line: 5, .. }));
    assert_one_line(&e, &format!("{}:5: ", path.display()));

    let header_only = lines[0].to_string() + "\n";
    let e = import_str("new.jsonl", &header_only).unwrap_err();
    assert!(matches!(e, ImportError::UnknownFormat { .. }));
    assert!(e.to_string().contains("no turns"));
    let e = import_str("two.jsonl", &format!("{0}\n{0}\n", lines[0])).unwrap_err();
    assert!(matches!(e, ImportError::Malformed { line: 2, .. }));
}

#[test]
fn a_newline_inside_a_bad_key_is_still_a_one_line_refusal() {
    // Regression (found by the import property test): serde quotes the unknown key back, and a
    // "\n" inside it split the refusal over two lines.
    let e = ImportError::Malformed {
        file: "input.txt".into(),
        line: 1,
        cause: "unknown field `mi1\nutes`, expected `phase` or `minutes`".into(),
    };
    let shown = e.to_string();
    assert!(!shown.contains('\n'), "{shown:?}");
    assert!(
        shown.starts_with("input.txt:1: unknown field `mi1\\nutes`"),
        "{shown:?}"
    );
}
