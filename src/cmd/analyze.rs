//! `hotseat analyze`: shows what the analysis heard in each candidate sentence (acts, effects,
//! quantities, topics, concerns, components, signals), so a user sees why the interviewer
//! pressed or the critique flagged. Reads any transcript the critique reads, or `-` for one
//! utterance per line on stdin.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, ValueEnum};
use hotseat::analysis::{SentenceReading, Utterance, read_turn};
use hotseat::critique::Dialogue;
use serde::Serialize;

use super::Failure;

/// Output formats of `hotseat analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnalyzeFormat {
    /// One block per candidate turn, a line per sentence.
    Text,
    /// One JSON object per candidate turn, a line each (JSON Lines; schema in docs/SIGNALS.md).
    Json,
}

/// Flags of `hotseat analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// A transcript (ours, text, markdown, WebVTT, SRT), or `-` for one utterance per line on stdin.
    pub file: PathBuf,
    /// Who the candidate is (a speaker name in the file); inferred when absent.
    #[arg(long)]
    pub candidate: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: AnalyzeFormat,
}

/// One candidate turn as `--format json` prints it.
#[derive(Serialize)]
struct TurnOut<'a> {
    turn: usize,
    at_ms: Option<u128>,
    speaker: &'a str,
    sentences: Vec<SentenceReading>,
}

/// Runs `hotseat analyze`.
pub fn run(args: AnalyzeArgs) -> Result<ExitCode, Failure> {
    let turns: Vec<(usize, Option<Duration>, String, String)> = if args.file.as_os_str() == "-" {
        let stdin = std::io::stdin();
        let mut out = Vec::new();
        for (i, line) in stdin.lock().lines().enumerate() {
            let line = line.map_err(|e| Failure::input(anyhow::anyhow!("stdin:{}: {e}", i + 1)))?;
            if !line.trim().is_empty() {
                out.push((i + 1, None, "candidate".to_string(), line));
            }
        }
        out
    } else {
        let dialogue =
            Dialogue::read_file(&args.file, args.candidate.as_deref()).map_err(Failure::input)?;
        dialogue
            .candidate_turns()
            .map(|t| (t.n, t.at, t.speaker.clone(), t.text.clone()))
            .collect()
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (n, at, speaker, text) in &turns {
        let (_, sentences) = read_turn(&Utterance {
            turn: *n,
            at: at.unwrap_or_default(),
            text,
        });
        let written = match args.format {
            AnalyzeFormat::Json => serde_json::to_string(&TurnOut {
                turn: *n,
                at_ms: at.map(|d| d.as_millis()),
                speaker,
                sentences,
            })
            .map(|j| writeln!(out, "{j}"))
            .map_err(std::io::Error::other)
            .and_then(|r| r),
            AnalyzeFormat::Text => write_text(&mut out, *n, speaker, &sentences),
        };
        if written.is_err() {
            // A closed pipe (`| head`) is not an error of ours.
            break;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_text(
    out: &mut impl Write,
    turn: usize,
    speaker: &str,
    sentences: &[SentenceReading],
) -> std::io::Result<()> {
    writeln!(out, "turn {turn} ({speaker})")?;
    for s in sentences {
        writeln!(out, "  « {} »", s.quote)?;
        let mut parts: Vec<String> = Vec::new();
        let list = |v: Vec<String>| v.join(", ");
        parts.push(format!(
            "acts: {}",
            list(s.acts.iter().map(|a| kebab(&format!("{a:?}"))).collect())
        ));
        if !s.signals.is_empty() {
            parts.push(format!("signals: {}", s.signals.join(", ")));
        }
        if !s.effects.is_empty() {
            parts.push(format!(
                "effects: {}",
                list(
                    s.effects
                        .iter()
                        .map(|e| format!(
                            "{} {}",
                            kebab(&format!("{:?}", e.quality)),
                            if e.valence == hotseat::analysis::Valence::Gain {
                                "gain"
                            } else {
                                "price"
                            }
                        ))
                        .collect()
                )
            ));
        }
        if !s.quantities.is_empty() {
            parts.push(format!(
                "figures: {}",
                list(
                    s.quantities
                        .iter()
                        .map(|q| match q.per_second() {
                            Some(v) => format!("{} = {}", q.text, compact(v)),
                            None => q.text.clone(),
                        })
                        .collect()
                )
            ));
        }
        if !s.topics.is_empty() {
            parts.push(format!(
                "asks about: {}",
                list(s.topics.iter().map(|t| t.to_string()).collect())
            ));
        }
        if !s.concerns.is_empty() {
            parts.push(format!(
                "covers: {}",
                list(s.concerns.iter().map(|c| c.to_string()).collect())
            ));
        }
        if !s.dismissed.is_empty() {
            parts.push(format!(
                "dismisses: {}",
                list(s.dismissed.iter().map(|c| c.to_string()).collect())
            ));
        }
        if !s.components.is_empty() {
            parts.push(format!("commits to: {}", s.components.join(", ")));
        }
        for p in parts {
            writeln!(out, "    {p}")?;
        }
    }
    Ok(())
}

fn kebab(debug: &str) -> String {
    let mut out = String::new();
    for (i, c) in debug.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A value in a short form: 1200000 → "1.2M", 0.0231 → "0.0231".
fn compact(v: f64) -> String {
    let a = v.abs();
    let (x, suffix) = if a >= 1e9 {
        (v / 1e9, "B")
    } else if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e3 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}{suffix}")
}
