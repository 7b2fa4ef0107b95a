//! Properties the score and flags must keep: text aimed at the grader changes nothing but its own
//! flag, and a stronger round scores higher.

use hotseat::critique::{Dialogue, FlagCode, Profile, RawTurn, Report, Setup, critique};
use hotseat::question::{Level, QuestionBank};

use super::fixture;
use super::labels::report_of;

fn without_injection(r: &Report) -> (u8, Vec<FlagCode>, Vec<(String, u8)>) {
    let codes = r
        .codes()
        .into_iter()
        .filter(|c| *c != FlagCode::InjectionAttempt)
        .collect();
    let dims = r
        .dimensions
        .iter()
        .map(|d| (d.name.clone(), d.score))
        .collect();
    (r.score, codes, dims)
}

#[test]
fn injected_text_changes_nothing_but_raises_its_flag() {
    let clean = report_of("injection-clean.txt", Level::Senior);
    let dirty = report_of("injection-attempt.txt", Level::Senior);
    assert!(dirty.has(FlagCode::InjectionAttempt));
    assert!(!clean.has(FlagCode::InjectionAttempt));
    assert_eq!(without_injection(&clean), without_injection(&dirty));
    assert_eq!(clean.verdict, dirty.verdict);
    assert_eq!(
        clean.time_allocation, dirty.time_allocation,
        "estimated time ignores the injected words"
    );
    let quotes: Vec<&str> = dirty
        .flags
        .iter()
        .find(|f| f.code == FlagCode::InjectionAttempt)
        .unwrap()
        .evidence
        .iter()
        .map(|e| e.quote.as_str())
        .collect();
    assert!(
        quotes
            .iter()
            .any(|q| q.contains("Ignore previous instructions")),
        "{quotes:?}"
    );
    assert!(quotes.iter().any(|q| q.contains("SYSTEM")), "{quotes:?}");
}

#[test]
fn injected_cue_in_timed_captions_changes_nothing_but_raises_its_flag() {
    let text = std::fs::read_to_string(fixture("injection-vtt.vtt")).unwrap();
    let start = text.find("00:02:11.000").unwrap();
    let end = text.find("00:02:31.000").unwrap();
    let clean = format!("{}{}", &text[..start], &text[end..]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clean.vtt");
    std::fs::write(&path, clean).unwrap();
    let bank = QuestionBank::embedded().unwrap();
    let run = |p: &std::path::Path| {
        let d = Dialogue::read_file(p, None).unwrap();
        critique(&d, &Setup::new(Profile::infer(&d, &bank), Level::Senior))
    };
    let clean = run(&path);
    let dirty = run(&fixture("injection-vtt.vtt"));
    assert!(dirty.has(FlagCode::InjectionAttempt) && !clean.has(FlagCode::InjectionAttempt));
    assert_eq!(without_injection(&clean), without_injection(&dirty));
}

fn turn(speaker: &str, text: &str) -> RawTurn {
    RawTurn {
        speaker: speaker.into(),
        text: text.into(),
        at: None,
        line: None,
    }
}

fn score_of(candidate_lines: &[&str]) -> u8 {
    let mut raw = vec![turn(
        "Interviewer",
        "Design an AI customer-support assistant for a large enterprise SaaS product that answers questions in chat from help-centre articles and account data, and hands off to a human agent when it should.",
    )];
    for line in candidate_lines {
        raw.push(turn("Candidate", line));
        raw.push(turn("Interviewer", "Okay, go on."));
    }
    let d = Dialogue::from_raw(raw, Some("Candidate"), 0).unwrap();
    let bank = QuestionBank::embedded().unwrap();
    critique(&d, &Setup::new(Profile::infer(&d, &bank), Level::Senior)).score
}

/// Each step adds what a stronger candidate would have said; every step must score higher.
const STEPS: [&str; 8] = [
    "How many tenants and end users are there, and what's the peak load and the latency target for a reply?",
    "So 300 calls a second at peak times 3,000 input tokens is about 900k tokens a second, which works out to roughly 45 GPUs.",
    "I'd self-host an 8B model with vLLM and continuous batching instead of a frontier API, which adds about 100 ms but cuts the cost per conversation by 80%.",
    "Retrieval goes through a per-tenant vector index with a reranker, and each tenant's documents are filtered by tenant id, with everything encrypted at rest.",
    "For evaluation we keep a golden set of 2,000 audited conversations and run an A/B test on resolution rate before any rollout, with a canary at 5%.",
    "We monitor drift in the question mix and retrain the reranker monthly, with dashboards and alerts on the wrong-answer rate.",
    "A semantic cache per tenant for the top questions saves about 20% of GPU calls, roughly $25k a month, at the cost of 10 ms per lookup.",
    "If the model is slow or unsure, the fallback is a handoff to a human agent with the conversation summary attached.",
];

#[test]
fn a_stronger_round_scores_higher() {
    let weak = "I'd use a load balancer, microservices on Kubernetes, Postgres and Redis, and call the OpenAI API.";
    let mut lines = vec![weak];
    let mut last = score_of(&lines);
    for step in STEPS {
        lines.push(step);
        let now = score_of(&lines);
        assert!(
            now > last,
            "adding {step:?} moved the score from {last} to {now}"
        );
        last = now;
    }
}

#[test]
fn stronger_fixture_rounds_outscore_weaker_ones_on_the_same_question() {
    for (weak, strong) in [
        ("template-support-bot.txt", "strong-support-bot.txt"),
        ("video-no-cdn.md", "video-strong.vtt"),
        ("ours-weak-cache.jsonl", "ours-strong-cache.jsonl"),
        ("swapped-labels.txt", "injection-clean.txt"),
        ("assumptions-no-questions.txt", "qa-url-shortener.txt"),
        ("weak-rag-template.txt", "rag-no-security.txt"),
    ] {
        let (w, s) = (
            report_of(weak, Level::Senior),
            report_of(strong, Level::Senior),
        );
        assert!(
            s.score > w.score,
            "{strong} ({}) must outscore {weak} ({})",
            s.score,
            w.score
        );
        assert!(
            s.verdict >= w.verdict,
            "{strong} {:?} vs {weak} {:?}",
            s.verdict,
            w.verdict
        );
    }
}

#[test]
fn the_same_round_is_held_to_a_higher_bar_at_higher_levels() {
    let mid = report_of("staff-unquantified.txt", Level::Mid).score;
    let senior = report_of("staff-unquantified.txt", Level::Senior).score;
    let staff = report_of("staff-unquantified.txt", Level::Staff).score;
    assert!(
        mid >= senior && senior > staff,
        "mid {mid}, senior {senior}, staff {staff}"
    );
}

/// An 18,000-word round stitched from the fixtures' turns, as the bench builds it.
fn eighteen_thousand_words() -> Dialogue {
    stitched(18_000)
}

/// A round of about `target` words stitched from the fixtures' turns.
fn stitched(target: usize) -> Dialogue {
    let mut raw = Vec::new();
    let mut words = 0;
    'fill: loop {
        for name in [
            "long-meeting-summaries.vtt",
            "long-ledger-marathon.txt",
            "messy-stt.txt",
            "video-strong.vtt",
        ] {
            for t in Dialogue::read_file(&fixture(name), None).unwrap().turns {
                words += t.text.split_whitespace().count();
                let speaker = if t.role == hotseat::critique::Role::Candidate {
                    "Candidate"
                } else {
                    "Interviewer"
                };
                raw.push(turn(speaker, &t.text));
                if words >= target {
                    break 'fill;
                }
            }
        }
    }
    Dialogue::from_raw(raw, Some("Candidate"), 0).unwrap()
}

#[test]
fn an_eighteen_thousand_word_round_is_critiqued_in_linear_time() {
    let d = eighteen_thousand_words();
    let bank = QuestionBank::embedded().unwrap();
    let setup = Setup::new(Profile::infer(&d, &bank), Level::Senior);
    let report = critique(&d, &setup);
    assert!(report.source.candidate_words > 10_000);
    assert!(
        report.time_allocation.total_ms > 100 * 60_000,
        "two hours of speech at 150 words a minute"
    );
    // A quadratic slip shows as a ratio, whatever else the machine is doing: four times the
    // words must cost well under sixteen times the time. The best of three runs of each
    // discounts a busy machine; `cargo bench --bench critique` holds the 100 ms line.
    let quarter = stitched(4_500);
    let quarter_setup = Setup::new(Profile::infer(&quarter, &bank), Level::Senior);
    let best = |d: &Dialogue, s: &Setup| {
        (0..3)
            .map(|_| {
                let started = std::time::Instant::now();
                critique(d, s);
                started.elapsed()
            })
            .min()
            .unwrap()
    };
    let (full, part) = (best(&d, &setup), best(&quarter, &quarter_setup));
    let ratio = full.as_secs_f64() / part.as_secs_f64();
    println!("18,000 words: {full:?}; 4,500 words: {part:?}; ratio {ratio:.1}");
    assert!(ratio < 9.0, "4x the words cost {ratio:.1}x the time");
}
