//! The eval harness's speed benchmark: N model-backed cases x R repeats against the local mock
//! OpenAI-compatible server at a fixed latency per reply, compared with the ideal time
//! (cases x repeats x turns x latency / jobs).
//!
//! ```text
//! cargo build --release --bin hotseat --example mock_openai --example eval_bench
//! target/release/examples/eval_bench            # 200 cases x 3 repeats x 2 turns, 100 ms, --jobs 16
//! ```
//!
//! It writes the cases to a temp folder, starts `mock_openai --latency-ms 100` on a free port, runs
//! `hotseat eval --jobs 16` against it (under `/usr/bin/time -v` when present, for max RSS and CPU
//! time), and prints the figures as a Markdown table row. Exit 1 if a target is missed: within
//! 1.10x the ideal, under 1 ms of harness work per case, under 50 MB.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use clap::Parser;

/// Benchmark `hotseat eval` against the mock server.
#[derive(Parser, Debug)]
struct Args {
    /// Cases to generate.
    #[arg(long, default_value_t = 200)]
    cases: usize,
    /// Repeats per case.
    #[arg(long, default_value_t = 3)]
    repeats: u32,
    /// Model calls per run (candidate lines per case).
    #[arg(long, default_value_t = 2)]
    turns: usize,
    /// Runs at once.
    #[arg(long, default_value_t = 16)]
    jobs: usize,
    /// Mock latency per reply, in milliseconds.
    #[arg(long, default_value_t = 100)]
    latency_ms: u64,
    /// The hotseat binary.
    #[arg(long, default_value = "target/release/hotseat")]
    hotseat: PathBuf,
    /// The mock server binary.
    #[arg(long, default_value = "target/release/examples/mock_openai")]
    mock: PathBuf,
}

const PERSONAS: [&str; 4] = ["google", "meta", "amazon", "microsoft"];
const QUESTIONS: [&str; 4] = [
    "url-shortener",
    "llm-support-chatbot",
    "payments-ledger",
    "video-feed-serving",
];
const LINES: [&str; 4] = [
    "What's the peak QPS, and what latency do we need at p99?",
    "I'd put a cache in front of a key-value store, because reads dominate.",
    "At 50,000 requests a second and 1 KB each, that's about 50 MB a second.",
    "The main risk is a hot key; I'd replicate it across cache nodes.",
];

fn write_cases(dir: &Path, args: &Args) {
    for i in 0..args.cases {
        let lines: Vec<String> = (0..args.turns)
            .map(|t| format!("  {:?},", LINES[(i + t) % LINES.len()]))
            .collect();
        let case = format!(
            "persona = \"{}\"\nquestion = \"{}\"\nrepeats = {}\nmin_pass_rate = 0.0\nseed = {i}\n\n[engine]\nkind = \"model\"\nmodel = \"mock\"\n\n[candidate]\nlines = [\n{}\n]\n\n[[assert]]\nin-persona = true\n\n[[assert]]\nmax-words = 80\n",
            PERSONAS[i % 4],
            QUESTIONS[(i / 4) % 4],
            args.repeats,
            lines.join("\n"),
        );
        std::fs::write(dir.join(format!("bench-{i:04}.toml")), case).expect("writing a case");
    }
}

/// A field of `/usr/bin/time -v`'s report.
fn time_field(report: &str, name: &str) -> Option<f64> {
    report
        .lines()
        .find_map(|l| l.trim().strip_prefix(name))
        .and_then(|v| v.trim().trim_start_matches(':').trim().parse().ok())
}

fn main() {
    let args = Args::parse();
    for bin in [&args.hotseat, &args.mock] {
        if !bin.exists() {
            eprintln!(
                "{} not found; build first: cargo build --release --bin hotseat --example mock_openai",
                bin.display()
            );
            std::process::exit(2);
        }
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    write_cases(dir.path(), &args);

    let mut mock = Command::new(&args.mock)
        .args(["--port", "0", "--latency-ms", &args.latency_ms.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting the mock server");
    let mut first = String::new();
    BufReader::new(mock.stdout.take().expect("mock stdout"))
        .read_line(&mut first)
        .expect("the mock announces its address");
    let base = first
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_string();

    let time = Path::new("/usr/bin/time").exists();
    let mut cmd = if time {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-v").arg(&args.hotseat);
        c
    } else {
        Command::new(&args.hotseat)
    };
    cmd.arg("eval")
        .arg(dir.path())
        .args(["--jobs", &args.jobs.to_string()])
        .env("OPENAI_BASE_URL", &base)
        .env_remove("OPENAI_API_KEY")
        .env_remove("HOTSEAT_MODEL")
        .env("HOTSEAT_CONFIG", dir.path().join("no-config.toml"));
    let started = Instant::now();
    let out = cmd.output().expect("running hotseat eval");
    let wall = started.elapsed().as_secs_f64();
    let _ = mock.kill();
    let _ = mock.wait();

    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        eprintln!("hotseat eval failed:\n{stdout}\n{stderr}");
        std::process::exit(1);
    }
    // The summary line: "N cases: ... · harness X ms/case · engine Y ms/case".
    let summary = stdout
        .lines()
        .find(|l| l.contains(" ms/case"))
        .unwrap_or_default();
    let figure = |label: &str| -> f64 {
        summary
            .split(label)
            .nth(1)
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN)
    };
    let (harness_ms, engine_ms) = (figure("harness "), figure("engine "));
    let rss_mb = if time {
        time_field(&stderr, "Maximum resident set size (kbytes)").map(|kb| kb / 1024.0)
    } else {
        stderr
            .lines()
            .find_map(|l| l.strip_prefix("peak memory "))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
    };
    let cpu_s = time_field(&stderr, "User time (seconds)").unwrap_or(0.0)
        + time_field(&stderr, "System time (seconds)").unwrap_or(0.0);
    let calls = args.cases as f64 * f64::from(args.repeats) * args.turns as f64;
    let ideal = calls * args.latency_ms as f64 / 1000.0 / args.jobs as f64;
    let ratio = wall / ideal;
    let cpu_ms_per_case = cpu_s * 1000.0 / args.cases as f64;

    println!(
        "| cases x repeats x turns | latency | jobs | ideal | wall | ratio | harness/case | engine/case | process CPU/case | max RSS |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    println!(
        "| {} x {} x {} | {} ms | {} | {ideal:.2} s | {wall:.2} s | {ratio:.3}x | {harness_ms:.3} ms | {engine_ms:.3} ms | {} | {} |",
        args.cases,
        args.repeats,
        args.turns,
        args.latency_ms,
        args.jobs,
        if time {
            format!("{cpu_ms_per_case:.2} ms")
        } else {
            "n/a".into()
        },
        rss_mb.map_or("n/a".into(), |m| format!("{m:.1} MB")),
    );
    let mut missed = Vec::new();
    if ratio > 1.10 {
        missed.push(format!("{ratio:.3}x the ideal (target 1.10x)"));
    }
    if harness_ms.is_nan() || harness_ms >= 1.0 {
        missed.push(format!(
            "{harness_ms:.3} ms of harness work per case (target < 1 ms)"
        ));
    }
    if rss_mb.is_some_and(|m| m >= 50.0) {
        missed.push(format!(
            "{:.1} MB (target < 50 MB)",
            rss_mb.unwrap_or_default()
        ));
    }
    if !missed.is_empty() {
        eprintln!("missed: {}", missed.join("; "));
        std::process::exit(1);
    }
}
