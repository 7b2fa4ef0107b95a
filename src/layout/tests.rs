use super::*;

const PROSE: &str = "Walk me through how the model-serving tier keeps p99 latency under 300 ms \
    when a 45 minute spike doubles the traffic, and what you would cache at the edge.";

fn widest(s: &str) -> usize {
    s.lines().map(display_width).max().unwrap_or(0)
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

#[test]
fn width_prefers_the_terminal_then_columns_then_80() {
    assert_eq!(width_from(Some(132), Some("100")), 132);
    assert_eq!(width_from(None, Some("100")), 100);
    assert_eq!(width_from(None, Some("wide")), DEFAULT_WIDTH);
    assert_eq!(width_from(None, None), DEFAULT_WIDTH);
    assert_eq!(width_from(Some(10), None), MIN_WIDTH);
}

#[test]
fn fill_breaks_between_words_never_inside_them() {
    for width in [30, 45, 80] {
        let s = fill(PROSE, width, "  ", "    ");
        assert!(widest(&s) <= width, "{s}");
        assert_eq!(words(&s), words(PROSE), "at {width}:\n{s}");
        assert!(s.lines().skip(1).all(|l| l.starts_with("    ")), "{s}");
    }
}

#[test]
fn hyphenated_words_stay_whole() {
    let s = fill("aaaa model-serving url-shortener", 16, "", "");
    assert!(
        s.contains("model-serving") && s.contains("url-shortener"),
        "{s}"
    );
}

#[test]
fn a_word_wider_than_the_line_is_the_only_one_cut() {
    let url = "https://example.com/a/very/long/path/that/cannot/fit/on/one/line";
    let s = fill(&format!("see {url} now"), 30, "", "");
    assert!(widest(&s) <= 30, "{s}");
    assert_eq!(
        s.split_whitespace().collect::<String>(),
        format!("see{url}now")
    );
}

#[test]
fn hang_aligns_continuations_under_the_text() {
    let s = hang("Maya (Google): ", PROSE, 60);
    let mut lines = s.lines();
    assert!(lines.next().unwrap().starts_with("Maya (Google): Walk"));
    for l in lines {
        assert!(
            l.starts_with(&" ".repeat(15)) && !l.starts_with(&" ".repeat(16)),
            "{s}"
        );
    }
}

#[test]
fn later_paragraphs_keep_the_indent() {
    let s = hang("• ", "first para\n\nsecond para", 40);
    assert_eq!(s, "• first para\n\n  second para");
}

#[test]
fn streamed_pieces_wrap_like_the_whole_text() {
    for width in [32, 50, 80] {
        let mut w = StreamWrap::new(Vec::new(), "Maya (Google): ", width);
        // Pieces cut mid-word, as a model streams them.
        for chunk in PROSE.as_bytes().chunks(7) {
            w.push(std::str::from_utf8(chunk).unwrap());
        }
        let s = String::from_utf8(w.finish()).unwrap();
        assert!(widest(&s) <= width, "{s}");
        assert_eq!(words(&s)[2..], words(PROSE)[..], "at {width}:\n{s}");
        assert!(s.ends_with('\n'));
    }
}

#[test]
fn streamed_newlines_start_indented_lines() {
    let mut w = StreamWrap::new(Vec::new(), "Ann: ", 40);
    w.push("One.\n\nTwo");
    w.push(" three.");
    let s = String::from_utf8(w.finish()).unwrap();
    assert_eq!(s, "Ann: One.\n\n     Two three.\n");
}

#[test]
fn table_fits_and_keeps_ids_whole() {
    let mut t = Table::new(["id", "companies", "title"]);
    t.row([
        "content-moderation-multimodal",
        "google, meta, amazon, microsoft",
        "Moderate images, video and text for a social network with billions of posts a day",
    ]);
    t.row(["url-shortener", "any", "A URL shortener"]);
    let s = t.render(80);
    assert!(widest(&s) <= 80, "{s}");
    assert!(s.contains("content-moderation-multimodal"), "{s}");
    assert!(s.lines().nth(1).unwrap().starts_with('─'), "{s}");
    let all: Vec<&str> = words(&s)
        .into_iter()
        .filter(|w| !w.starts_with('─'))
        .collect();
    for w in ["billions", "posts", "microsoft", "shortener"] {
        assert!(all.contains(&w), "{w} in {s}");
    }
}

#[test]
fn table_right_aligns_numbers() {
    let mut t = Table::new(["case", "runs"]).align_right(1);
    t.row(["a", "5/5"]);
    t.row(["b", "10/10"]);
    let s = t.render(80);
    let ends: Vec<usize> = s.lines().skip(2).map(display_width).collect();
    assert_eq!(ends[0], ends[1], "{s}");
}

#[test]
fn a_long_path_goes_whole_on_its_own_line() {
    let path =
        std::path::Path::new("/tmp/.tmpAbCdEf/sessions/20260101-120000-abcdef/transcript.jsonl");
    assert_eq!(
        labelled_path("transcript: ", path, 100),
        format!("transcript: {}", path.display())
    );
    assert_eq!(
        labelled_path("transcript: ", path, 70),
        format!("transcript:\n{}", path.display())
    );
}
