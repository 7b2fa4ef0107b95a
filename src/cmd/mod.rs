//! Subcommands and their flags.

mod analyze;
mod catalog;
mod critique;
mod eval;
mod interview;
mod interview_loop;
mod progress;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use hotseat::config::{FileConfig, Overrides, Settings};
use hotseat::persona::{Persona, PersonaSet};
use hotseat::question::{Level, QuestionBank};

/// A failure with its exit code.
pub struct Failure {
    /// 1: a check or the model failed; 2: bad usage or bad input.
    pub code: u8,
    /// What went wrong, with its causes.
    pub error: anyhow::Error,
}

impl Failure {
    /// Bad usage or bad input (exit 2).
    pub fn input(error: impl Into<anyhow::Error>) -> Self {
        Self {
            code: 2,
            error: error.into(),
        }
    }

    /// A check or the model failed (exit 1).
    pub fn failed(error: impl Into<anyhow::Error>) -> Self {
        Self {
            code: 1,
            error: error.into(),
        }
    }
}

/// Practise big-tech system-design rounds against an interviewer that keeps the clock and presses
/// like a real one.
#[derive(Debug, Parser)]
#[command(name = "hotseat", version, about, propagate_version = true)]
pub struct Cli {
    /// More logging on stderr (-v, -vv).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// Config file (default: ~/.config/hotseat/config.toml).
    #[arg(long, env = "HOTSEAT_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a mock system-design round in the terminal.
    Interview(interview::InterviewArgs),
    /// Run a company's interview loop: two or three rounds back to back.
    Loop(interview_loop::LoopArgs),
    /// List saved rounds.
    Sessions(catalog::SessionsArgs),
    /// List the interviewer personas.
    Personas,
    /// List the question bank.
    Questions(catalog::QuestionsArgs),
    /// Run the persona regression evals (evals/*.toml) and gate on them.
    Eval(eval::EvalArgs),
    /// Critique a round: ours (transcript.jsonl) or an imported transcript (text, markdown, VTT, SRT).
    Critique(critique::CritiqueArgs),
    /// The trend across critiqued rounds: score, recurring flags, time allocation drift.
    Progress(progress::ProgressArgs),
    /// Show what the analysis heard in each candidate sentence (acts, effects, figures, topics).
    Analyze(analyze::AnalyzeArgs),
}

/// Runs the parsed command.
pub async fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Interview(args) => interview::run(args, cli.config).await,
        Command::Loop(args) => interview_loop::run(args, cli.config).await,
        Command::Sessions(args) => catalog::sessions(args, cli.config),
        Command::Personas => catalog::personas(cli.config),
        Command::Questions(args) => catalog::questions(args, cli.config),
        Command::Eval(args) => eval::run(args, cli.config).await,
        Command::Critique(args) => critique::run(args, cli.config).await,
        Command::Progress(args) => progress::run(args, cli.config),
        Command::Analyze(args) => analyze::run(args),
    }
}

/// Writes a report or any other text file hotseat produces: scrubbed of secrets, whole (temp file
/// and rename), private (0600), never through a symbolic link. A failure is exit 1, naming the
/// file and the cause once.
pub fn save_text(
    path: &std::path::Path,
    text: &str,
    scrubber: &hotseat::llm::Scrubber,
) -> Result<(), Failure> {
    hotseat::files::write_atomic(path, scrubber.scrub(text).as_bytes())
        .map_err(|e| io_failure(path, "cannot write", e))
}

/// An I/O failure on `path`: exit 2 when the path is the problem (no such folder, not allowed, a
/// link, a file where a folder goes, a read-only file system), exit 1 when the disk is (full).
pub fn io_failure(path: &std::path::Path, what: &str, e: std::io::Error) -> Failure {
    use std::io::ErrorKind as K;
    let error = anyhow::anyhow!("{what} {}: {e}", path.display());
    match e.kind() {
        K::PermissionDenied
        | K::NotFound
        | K::NotADirectory
        | K::IsADirectory
        | K::InvalidInput
        | K::AlreadyExists
        | K::ReadOnlyFilesystem => Failure::input(error),
        _ => Failure::failed(error),
    }
}

/// Environment lookups, in one place so tests of the resolution can pass their own.
pub fn env_var(key: &str) -> Option<String> {
    std::env::var(key).ok()
}

/// Settings from defaults, the config file, the environment and these flags.
pub fn settings(config: Option<PathBuf>, flags: Overrides) -> Result<Settings, Failure> {
    let path = config.or_else(|| FileConfig::default_path(&env_var));
    let file = match path {
        Some(p) => FileConfig::load(&p).map_err(Failure::input)?,
        None => FileConfig::default(),
    };
    Settings::resolve(file, &env_var, flags).map_err(Failure::input)
}

/// The personas: embedded, plus the user's folder.
pub fn personas(settings: &Settings) -> Result<PersonaSet, Failure> {
    match &settings.personas_dir {
        Some(dir) => PersonaSet::with_dir(dir),
        None => PersonaSet::embedded(),
    }
    .map_err(Failure::input)
}

/// The questions: embedded, plus the user's folder.
pub fn questions(settings: &Settings) -> Result<QuestionBank, Failure> {
    match &settings.questions_dir {
        Some(dir) => QuestionBank::with_dir(dir),
        None => QuestionBank::embedded(),
    }
    .map_err(Failure::input)
}

/// A persona by id, or from a file when `name` is a path.
pub fn persona(set: &mut PersonaSet, name: &str) -> Result<Persona, Failure> {
    let looks_like_path = name.ends_with(".toml") || name.contains(std::path::MAIN_SEPARATOR);
    if looks_like_path {
        let path = PathBuf::from(name);
        return set.add_file(&path).cloned().map_err(Failure::input);
    }
    set.get(name).cloned().ok_or_else(|| {
        let known: Vec<&str> = set.iter().map(|p| p.id.as_str()).collect();
        Failure::input(anyhow::anyhow!(
            "unknown persona `{name}` (known: {}; or pass a path to a .toml file)",
            known.join(", ")
        ))
    })
}

/// Parses a level name (for flags).
pub fn parse_level(s: &str) -> Result<Level, String> {
    match s {
        "mid" => Ok(Level::Mid),
        "senior" => Ok(Level::Senior),
        "staff" => Ok(Level::Staff),
        "director" => Ok(Level::Director),
        other => Err(format!(
            "unknown level `{other}` (mid, senior, staff, director)"
        )),
    }
}

/// The OpenAI-compatible client for `p` and `model`, with every setting from the config, and
/// notices (a capped `Retry-After`, a structured-output fallback) printed on stderr.
pub fn openai_model(
    p: &hotseat::config::Provider,
    model: &str,
) -> Result<hotseat::llm::openai::OpenAiModel, hotseat::llm::LlmError> {
    let mut cfg = hotseat::llm::openai::OpenAiConfig::new(p.base_url.clone(), model.to_string());
    cfg.api_key = p.api_key.clone();
    cfg.connect_timeout = p.connect_timeout;
    cfg.read_timeout = p.read_timeout;
    cfg.call_timeout = p.call_timeout;
    cfg.context_window = p.context_window;
    Ok(hotseat::llm::openai::OpenAiModel::new(cfg)?
        .with_notice(std::sync::Arc::new(|line: &str| eprintln!("note: {line}"))))
}
