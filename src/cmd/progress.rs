//! `hotseat progress`: the trend across critiqued rounds.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use hotseat::config::Overrides;
use hotseat::critique::progress::{load, render_html, render_text};

use super::Failure;

/// Output formats of `hotseat progress`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressFormat {
    /// Terminal text with bar charts.
    Text,
    /// A self-contained HTML page with SVG charts.
    Html,
}

/// Flags of `hotseat progress`.
#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// Where rounds are saved (default: the user's data dir).
    #[arg(long, env = "HOTSEAT_SESSIONS_DIR")]
    pub sessions_dir: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ProgressFormat,
    /// Write to this file instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// Shows the trend.
pub fn run(args: ProgressArgs, config: Option<PathBuf>) -> Result<ExitCode, Failure> {
    let flags = Overrides {
        offline: true,
        model: None,
        sessions_dir: args.sessions_dir.clone(),
    };
    let settings = super::settings(config, flags)?;
    let trend = load(&settings.sessions_dir);
    let text = match args.format {
        ProgressFormat::Text => render_text(&trend),
        ProgressFormat::Html => render_html(&trend),
    };
    match &args.output {
        Some(path) => super::save_text(path, &text, &settings.scrubber)?,
        None => print!("{}", settings.scrubber.scrub(&text)),
    }
    Ok(ExitCode::SUCCESS)
}
