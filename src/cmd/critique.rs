//! `hotseat critique`: evidence-backed feedback on a round, ours or one the user brings.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, ValueEnum};
use hotseat::config::{Engine, Overrides, Provider, Settings};
use hotseat::critique::render::{Format, render, render_at};
use hotseat::critique::{Dialogue, Profile, Report, Setup, critique, judge};
use hotseat::llm::scrubbed::ScrubbedModel;
use hotseat::llm::{ChatModel, Scrubber};
use hotseat::persona::PersonaSet;
use hotseat::question::{Level, QuestionBank};

use super::Failure;

/// Output formats of `hotseat critique`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Terminal text with a bar chart.
    Text,
    /// Markdown.
    Markdown,
    /// JSON following docs/critique.schema.json.
    Json,
    /// A self-contained HTML page.
    Html,
}

impl From<OutputFormat> for Format {
    fn from(f: OutputFormat) -> Format {
        match f {
            OutputFormat::Text => Format::Text,
            OutputFormat::Markdown => Format::Markdown,
            OutputFormat::Json => Format::Json,
            OutputFormat::Html => Format::Html,
        }
    }
}

/// Flags of `hotseat critique`.
#[derive(Debug, Args)]
pub struct CritiqueArgs {
    /// The transcript: our transcript.jsonl, or plain text, markdown, WebVTT or SRT.
    pub file: PathBuf,
    /// Who the candidate is (a speaker name in the file); inferred when absent.
    #[arg(long)]
    pub candidate: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
    /// Write the report to this file instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The rule layer only, even when a model is configured.
    #[arg(long)]
    pub offline: bool,
    /// Level to judge at: mid, senior, staff, director (default: our transcript's header, else the level
    /// named while setting up the call, "I'm targeting principal", else senior).
    #[arg(long, value_parser = super::parse_level)]
    pub level: Option<Level>,
    /// Persona whose rubric weights and plan apply (default: the transcript's, else neutral).
    #[arg(long)]
    pub persona: Option<String>,
    /// Model name for the judge (else HOTSEAT_MODEL or the config file).
    #[arg(long)]
    pub model: Option<String>,
}

/// Runs the critique.
pub async fn run(args: CritiqueArgs, config: Option<PathBuf>) -> Result<ExitCode, Failure> {
    let flags = Overrides {
        offline: args.offline,
        model: args.model.clone(),
        sessions_dir: None,
    };
    let settings = super::settings(config, flags)?;
    let dialogue =
        Dialogue::read_file(&args.file, args.candidate.as_deref()).map_err(Failure::input)?;
    let bank = super::questions(&settings)?;
    let mut personas = super::personas(&settings)?;
    let setup = setup(
        &dialogue,
        &bank,
        &mut personas,
        args.level,
        args.persona.as_deref(),
    )?;
    let mut report = critique(&dialogue, &setup);
    run_judge(&settings, &dialogue, &setup, &mut report).await?;
    match &args.output {
        Some(path) => super::save_text(
            path,
            &render(&report, args.format.into()),
            &settings.scrubber,
        )?,
        None => print!(
            "{}",
            settings.scrubber.scrub(&render_at(
                &report,
                args.format.into(),
                hotseat::layout::stdout_width()
            ))
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// What the round is judged against: the level and persona named, else the transcript's, else
/// the level the call's set-up talk named, else senior, with neutral weights; the question from
/// the header or matched from the prompt.
pub fn setup(
    dialogue: &Dialogue,
    bank: &QuestionBank,
    personas: &mut PersonaSet,
    level: Option<Level>,
    persona: Option<&str>,
) -> Result<Setup, Failure> {
    let header = dialogue.header.as_ref();
    let mut setup = Setup::new(Profile::infer(dialogue, bank), Level::default());
    match level.or(header.map(|h| h.level)) {
        Some(level) => setup.level = level,
        None => setup = setup.with_stated_level(dialogue),
    }
    let persona = persona
        .map(str::to_string)
        .or(header.map(|h| h.persona.clone()));
    if let Some(name) = persona {
        // A header naming a persona this install lacks still critiques, with neutral weights.
        match super::persona(personas, &name) {
            Ok(p) => setup = setup.with_persona(&p),
            Err(e) if header.is_none() => return Err(e),
            Err(_) => {}
        }
    }
    if let Some(h) = header {
        setup = setup.with_plan(h.plan.clone());
    }
    Ok(setup)
}

/// Runs the judge when a model is configured; otherwise records why it did not run.
pub async fn run_judge(
    settings: &Settings,
    dialogue: &Dialogue,
    setup: &Setup,
    report: &mut Report,
) -> Result<(), Failure> {
    match &settings.engine {
        Engine::Offline { reason } => judge::skipped(report, reason),
        Engine::OpenAi(provider) => {
            let model = model(provider, &settings.scrubber)?;
            // One call that a small local model takes minutes over: say so while it runs, on a
            // terminal only.
            let spinner = std::io::IsTerminal::is_terminal(&std::io::stderr()).then(|| {
                let s = indicatif::ProgressBar::new_spinner();
                s.set_message(format!(
                    "the judge ({}) is reading the round; a local model can take a few minutes",
                    settings.scrubber.scrub(&provider.model)
                ));
                s.enable_steady_tick(std::time::Duration::from_millis(120));
                s
            });
            judge::judge(model.as_ref(), dialogue, setup, report).await;
            if let Some(s) = spinner {
                s.finish_and_clear();
            }
        }
    }
    Ok(())
}

/// The configured endpoint as a chat model whose replies, model names and errors are scrubbed of
/// the key.
pub fn model(p: &Provider, scrubber: &Scrubber) -> Result<Arc<dyn ChatModel>, Failure> {
    let inner: Arc<dyn ChatModel> =
        Arc::new(super::openai_model(p, &p.model).map_err(Failure::input)?);
    Ok(Arc::new(ScrubbedModel::new(inner, scrubber.clone())))
}

/// Critiques a finished round of ours (rules, and the judge when a model is configured).
pub async fn critique_session(settings: &Settings, transcript: &Path) -> anyhow::Result<Report> {
    let t = hotseat::transcript::read_transcript(transcript)?;
    let dialogue = Dialogue::from_transcript(&t)?;
    let bank = super::questions(settings).map_err(|f| f.error)?;
    let mut personas = super::personas(settings).map_err(|f| f.error)?;
    let setup = setup(&dialogue, &bank, &mut personas, None, None).map_err(|f| f.error)?;
    let mut report = critique(&dialogue, &setup);
    run_judge(settings, &dialogue, &setup, &mut report)
        .await
        .map_err(|f| f.error)?;
    Ok(report)
}

/// Saves `critique.json` and `critique.md` beside the transcript, each whole or not at all.
pub fn save_beside(report: &Report, transcript: &Path, scrubber: &Scrubber) -> anyhow::Result<()> {
    let dir = transcript.parent().unwrap_or(Path::new("."));
    for (name, format) in [
        ("critique.json", Format::Json),
        ("critique.md", Format::Markdown),
    ] {
        super::save_text(&dir.join(name), &render(report, format), scrubber)
            .map_err(|f| f.error)?;
    }
    Ok(())
}
