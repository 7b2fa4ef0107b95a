//! Inline edge cases (every timestamp form, colons that are not speakers, headings over lists,
//! odd encodings) and the promise never to panic, whatever the bytes.

use std::time::{Duration, Instant};

use super::super::*;
use super::{fixture, secs};

fn text(s: &str) -> Imported {
    import_str("t.txt", s).unwrap_or_else(|e| panic!("{e}"))
}

fn said(i: &Imported) -> Vec<(&str, &str)> {
    i.turns
        .iter()
        .map(|t| (t.speaker.as_str(), t.text.as_str()))
        .collect()
}

#[test]
fn every_timestamp_form_is_read() {
    let i = text(
        "[00:05] Interviewer: a\n[00:01:10] Candidate: b\n(00:01:23) Interviewer: c\n\
         00:01:40 Candidate: d\nInterviewer (00:02:00): e\nCandidate [02:30]: f\n03:00\n\
         Interviewer: g\nCandidate: h\n",
    );
    let at: Vec<_> = i.turns.iter().map(|t| t.at).collect();
    let want = [5, 70, 83, 100, 120, 150, 180].map(secs);
    assert_eq!(at[..7], want);
    assert_eq!((at[7], i.timed), (None, false));
    assert_eq!(said(&i)[4], ("Interviewer", "e"));
}

#[test]
fn wall_clock_times_start_the_round_at_zero() {
    let at = |s: &str| text(s).turns.iter().map(|t| t.at).collect::<Vec<_>>();
    assert_eq!(
        at("[14:03:10] Jane: a\n[14:03:40] Bob: b\n[14:05:00] Jane: c"),
        [0, 30, 110].map(secs)
    );
    // Across midnight, and a transcriber's slip backwards: never an underflow.
    assert_eq!(
        at("[23:59:50] Jane: a\n[00:00:20] Bob: b"),
        [0, 30].map(secs)
    );
    assert_eq!(
        at("[00:20:00] Jane: a\n[00:19:00] Bob: b"),
        [0, 0].map(secs)
    );
    // Ten minutes or less is already a round time.
    assert_eq!(at("[05:00] Jane: a\n[06:00] Bob: b"), [300, 360].map(secs));
}

#[test]
fn colons_in_speech_are_not_speakers() {
    let i = text(
        "Interviewer: Walk me through it.\nCandidate: Two options:\ne.g.: a queue\nStep 1: ingest\n\
         so basically: that\n10:30 works, see http://example.com/a\nOption B: cache\n\
         Interviewer: Fine.\nNote: recording paused here\nhttp://example.com/b\nCandidate: Back.\n",
    );
    assert_eq!(i.turns.len(), 4);
    assert_eq!(
        i.turns[1].text,
        "Two options: e.g.: a queue Step 1: ingest so basically: that 10:30 works, see http://example.com/a Option B: cache"
    );
    // A `Note:` line mid-dialogue is pasted notes: it and what follows it are left out.
    assert_eq!((i.turns[2].text.as_str(), i.skipped_lines), ("Fine.", 2));
    // A label written once, among speakers who recur, is speech.
    let i = text("Jane: a\nBob: b\nJane: c\nLatency: 200ms p99\nBob: d\n");
    assert_eq!(
        said(&i),
        [
            ("Jane", "a"),
            ("Bob", "b"),
            ("Jane", "c Latency: 200ms p99"),
            ("Bob", "d")
        ]
    );
}

#[test]
fn a_label_over_a_list_is_a_heading_and_over_text_is_a_speaker() {
    let i = text(
        "Summary:\n- good\nInterviewer:\nDesign a cache.\n\nCandidate:\nQuestions first.\n\
         Candidate:\n- strong\n- weak\nInterviewer's notes:\n- more depth\n",
    );
    assert_eq!(
        said(&i),
        [
            ("Interviewer", "Design a cache."),
            ("Candidate", "Questions first.")
        ]
    );
    assert_eq!(i.skipped_lines, 7);
    // Bullets with labels inside a feedback list are not turns either.
    let i = text(
        "Feedback:\n- Candidate: rushed\n- Interviewer: kind\n\nInterviewer: Hi.\nCandidate: Hello.\n",
    );
    assert_eq!((i.turns.len(), i.skipped_lines), (2, 3));
}

#[test]
fn case_crlf_bom_nbsp_smart_quotes_and_lone_cr() {
    let i = text(
        "\u{feff}INTERVIEWER: Hi\r\nInterviewer: again\r\nJane\u{a0}Doe: “Quoted” and\u{a0}more\r\nJane Doe: yes\r\n",
    );
    assert_eq!(i.speakers(), ["INTERVIEWER", "Jane Doe"]);
    assert_eq!(
        said(&i),
        [
            ("INTERVIEWER", "Hi\nagain"),
            ("Jane Doe", "“Quoted” and\u{a0}more\nyes")
        ]
    );
    assert_eq!(
        said(&text("Q: one\rA: two\r")),
        [("Q", "one"), ("A", "two")]
    );
    // Some lines lack their time: the speaker still counts, the file is not fully timed.
    let i = text("[00:10] Jane: a\nBob: b\n[00:30] Jane: c\n[00:40] Bob: d\n");
    assert_eq!((i.turns.len(), i.turns[1].at, i.timed), (4, None, false));
}

#[test]
fn vtt_voice_names_karaoke_tags_and_speakerless_captions() {
    let i = import_str(
        "t.vtt",
        "WEBVTT - Teams\n\n00:01.000 --> 00:04.000\n<v Doe, Jane (Guest)>Hello <00:01.500><c>there</c></v> <v Bob>Hi!</v>\n\n\
         00:05.000 --> 00:07.000 align:start\n<v.loud Bob>Next &lt;soon&gt;.</v>\n",
    )
    .unwrap();
    assert_eq!(
        said(&i),
        [
            ("Doe, Jane (Guest)", "Hello there"),
            ("Bob", "Hi! Next <soon>.")
        ]
    );
    assert_eq!(i.turns[1].at, Some(Duration::from_secs(1)));
    let e = import_str(
        "yt.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello there\n",
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("1 cues, but none names its speaker"),
        "{e}"
    );
    let e = import_str("x.vtt", "WEBVTT\n\nNOTE nothing here\n").unwrap_err();
    assert!(
        e.to_string().ends_with("WebVTT captions with no cues"),
        "{e}"
    );
    // Headerless WebVTT is recognised by its timing lines.
    let i = import_str(
        "t.vtt",
        "00:00:01.000 --> 00:00:02.000\nJane: a\n\n00:00:03.000 --> 00:00:04.000\nBob: b\n",
    )
    .unwrap();
    assert_eq!(i.format, Format::Vtt);
}

#[test]
fn other_exports_zoom_pronouns_saved_captions_and_meet_docs() {
    let i = import_str(
        "z.vtt",
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nAlex Chen (he/him): Hi.\n\n\
         2\n00:00:03.000 --> 00:00:04.000\nPriya: Hello.\n",
    )
    .unwrap();
    assert_eq!(i.speakers(), ["Alex Chen (he/him)", "Priya"]);
    // Zoom's saved captions: `[Name] hh:mm:ss words`, on a wall clock.
    let i = text("[Jane Doe] 14:03:10 Shall we start?\n[Bob] 14:03:15 Sure.\n");
    assert_eq!(
        said(&i),
        [("Jane Doe", "Shall we start?"), ("Bob", "Sure.")]
    );
    assert_eq!(i.turns[1].at, secs(5));
    // A Meet transcript in Docs: a title, then a time every few minutes on its own line.
    let i = text(
        "Design review - Transcript\n00:00:00\n\nJane: Hi.\nBob: Hi.\n00:05:00\nJane: Next.\n",
    );
    let at: Vec<_> = i.turns.iter().map(|t| t.at).collect();
    assert_eq!((at, i.skipped_lines), (vec![secs(0), None, secs(300)], 1));
}

#[test]
fn srt_without_blank_lines_and_design_arrows_in_text() {
    let i = import_str("t.srt", "1\n00:00:01,000 --> 00:00:02,000\nJane: Hi\n2\n00:00:02,500 --> 00:00:03,000\nBob: Hello\n").unwrap();
    assert_eq!(said(&i), [("Jane", "Hi"), ("Bob", "Hello")]);
    // One arrow in a design answer does not make a text file a caption file.
    let i = text("Jane: Draw it.\nBob: client --> gateway --> service\n");
    assert_eq!(
        (i.format, i.turns[1].text.as_str()),
        (Format::Text, "client --> gateway --> service")
    );
}

#[test]
fn files_in_utf16_and_windows_1252_are_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let utf16 = dir.path().join("teams.txt");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        "Jane: Hi\r\nBob: Hello\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    std::fs::write(&utf16, bytes).unwrap();
    assert_eq!(
        said(&import_file(&utf16).unwrap()),
        [("Jane", "Hi"), ("Bob", "Hello")]
    );
    let cp1252 = dir.path().join("old.txt");
    std::fs::write(&cp1252, b"Jane: It\x92s \x93fine\x94\nBob: Caf\xe9\n").unwrap();
    let i = import_file(&cp1252).unwrap();
    assert_eq!(said(&i), [("Jane", "It’s “fine”"), ("Bob", "Café")]);
}

/// A small deterministic generator, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Checks what any successful import promises.
fn check(i: &Imported) {
    assert!(!i.turns.is_empty() && i.speakers().len() >= 2);
    assert!(i.turns.iter().all(|t| t.line >= 1 && !t.speaker.is_empty()));
    assert_eq!(i.timed, i.turns.iter().all(|t| t.at.is_some()));
}

fn import_bytes(bytes: &[u8]) {
    let _ = detect(&String::from_utf8_lossy(bytes));
    if let Some(text) = decode::decode(bytes)
        && let Ok(i) = import_str("fuzz", &text)
    {
        check(&i);
    }
}

#[test]
fn random_bytes_and_structured_noise_never_panic() {
    const PIECES: &[&str] = &[
        "Jane: ",
        "Bob: ",
        "[00:01] ",
        "(1:02:03) ",
        "0:03",
        " --> ",
        "00:00:01,000",
        "00:00:02.000",
        "WEBVTT",
        "NOTE",
        "<v Jane>",
        "</v>",
        "<c>",
        "<",
        ">",
        "**",
        "**Bob:**",
        "> ",
        "- ",
        "# ",
        "---",
        ":",
        "：",
        "[",
        "]",
        "(",
        ")",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        " ",
        "\u{a0}",
        "\u{feff}",
        "é",
        "’",
        "😀",
        "1",
        "99:99",
        "http://x",
        "Note:",
        "e.g.:",
        "\u{0}",
        "\u{fffd}",
        "&amp;",
        "{\"type\":\"header\"}",
        "Interviewer",
        "Candidate:",
        "Speaker 1:",
        "Transcribed by ",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let n = rng.below(300);
        let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
        import_bytes(&bytes);
        let noise: String = (0..rng.below(60))
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect();
        import_bytes(noise.as_bytes());
    }
}

#[test]
fn every_fixture_cut_short_never_panics() {
    let dir = fixture("");
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        // Every cut in the first 200 bytes (headers, BOMs), then every 7th: a torn download.
        for cut in (0..bytes.len()).filter(|&c| c < 200 || c % 7 == 0) {
            import_bytes(&bytes[..cut]);
        }
    }
}

#[test]
fn an_18000_word_transcript_imports_in_milliseconds() {
    let sentence = "so the retrieval tier fans out to the shards and merges the top results before the reranker";
    let mut text = String::from("# Mock interview\n\n");
    let mut words = 0;
    let mut n = 0;
    while words < 18_000 {
        let who = if n % 2 == 0 {
            "Interviewer"
        } else {
            "Jane Doe"
        };
        text.push_str(&format!(
            "[{:02}:{:02}] {who}: {sentence}, right\n{sentence}.\n",
            n / 60,
            n % 60
        ));
        words += 2 * sentence.split(' ').count() + 1;
        n += 1;
    }
    let started = Instant::now();
    let i = text_import(&text);
    let took = started.elapsed();
    assert_eq!(i.turns.len(), n);
    // A few milliseconds in release; a generous bound here keeps debug runs and busy CI honest.
    assert!(took < Duration::from_millis(500), "{took:?}");
}

fn text_import(s: &str) -> Imported {
    text(s)
}
