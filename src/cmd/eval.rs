//! `hotseat eval`: runs the persona regression suite and gates on it (exit 0 all pass, 1 a failure
//! or a regression against the baseline, 2 a bad case file or bad flags).

use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::anyhow;
use clap::Args;
use hotseat::config::{Engine, Overrides, Provider};
use hotseat::evals::baseline::Baseline;
use hotseat::evals::models::Backoff;
use hotseat::evals::runner::ModelFactory;
use hotseat::evals::{self, Catalog, ModelMode, Options, Progress, report};
use hotseat::llm::scrubbed::ScrubbedModel;
use hotseat::llm::{ChatModel, Scrubber};

use super::Failure;

/// Stands in for the model when the endpoint is configured without one: model cases name theirs.
const UNNAMED_MODEL: &str = "(named by each case)";

/// Flags of `hotseat eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Case files or folders of cases (a folder's *.toml files).
    #[arg(default_value = "evals")]
    pub paths: Vec<PathBuf>,
    /// Runs per case, over each case's `repeats`.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub repeat: Option<u32>,
    /// Runs at once.
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub jobs: u16,
    /// Only cases whose id, file name or a tag contains PATTERN (`*` matches anything).
    #[arg(long, value_name = "PATTERN")]
    pub filter: Option<String>,
    /// Compare with this baseline and fail on a significant drop.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write this run's k/N into the --baseline file instead of comparing.
    #[arg(long, requires = "baseline")]
    pub update_baseline: bool,
    /// Call the configured model and (re)write the cassettes of model cases.
    #[arg(long, conflicts_with = "replay")]
    pub record: bool,
    /// Replay model cases from their cassettes even when a model is configured.
    #[arg(long)]
    pub replay: bool,
    /// Write the JSON report here (`-` for stdout).
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Write a JUnit XML report here (`-` for stdout).
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Write a Markdown summary here (`-` for stdout).
    #[arg(long, value_name = "FILE")]
    pub markdown: Option<PathBuf>,
    /// Run only shard I of N (1-based), splitting the id-sorted cases round robin.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// The model id for model cases, over each case's own.
    #[arg(long)]
    pub model: Option<String>,
    /// Write every run's transcript and verdicts to DIR/<case>/<repeat>.txt.
    #[arg(long, value_name = "DIR")]
    pub transcripts: Option<PathBuf>,
}

fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let bad = || format!("`{s}` is not a shard: write I/N with 1 <= I <= N, e.g. 2/4");
    let (i, n) = s.split_once('/').ok_or_else(bad)?;
    let (i, n): (usize, usize) = (
        i.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if i == 0 || n == 0 || i > n {
        return Err(bad());
    }
    Ok((i, n))
}

/// Runs the suite.
pub async fn run(args: EvalArgs, config: Option<PathBuf>) -> Result<ExitCode, Failure> {
    let flags = |model: Option<String>| Overrides {
        offline: false,
        model,
        sessions_dir: None,
    };
    // Cases name their own model, so an endpoint without a default model is fine here (the
    // interview command rejects it): retry with a stand-in that no case will ever be keyed on.
    let (settings, default_model_known) =
        match super::settings(config.clone(), flags(args.model.clone())) {
            Ok(s) => (s, true),
            Err(first) => match super::settings(config, flags(Some(UNNAMED_MODEL.into()))) {
                Ok(s) => (s, false),
                Err(_) => return Err(first),
            },
        };
    let personas = super::personas(&settings)?;
    let questions = super::questions(&settings)?;
    let catalog = Catalog {
        personas: &personas,
        questions: &questions,
    };
    let files = evals::case_files(&args.paths).map_err(Failure::input)?;
    let mut cases = evals::load_cases(&files, &catalog).map_err(Failure::input)?;
    if let Some(pattern) = &args.filter {
        cases.retain(|c| evals::matches_filter(c, pattern));
        if cases.is_empty() {
            return Err(Failure::input(anyhow!(
                "no case matches --filter `{pattern}`"
            )));
        }
    }
    if let Some((i, n)) = args.shard {
        cases = evals::shard(cases, i, n);
    }

    let provider = match &settings.engine {
        Engine::OpenAi(p) => Some(p.clone()),
        Engine::Offline { .. } => None,
    };
    let mode = if args.record {
        let Some(p) = &provider else {
            return Err(Failure::input(anyhow!(
                "--record needs a model endpoint: set OPENAI_BASE_URL (a local server) or OPENAI_API_KEY"
            )));
        };
        ModelMode::Record(factory(p, &settings.scrubber))
    } else if args.replay {
        ModelMode::Replay
    } else {
        match &provider {
            Some(p) => ModelMode::Live(factory(p, &settings.scrubber)),
            None => ModelMode::Replay,
        }
    };
    let opts = Options {
        repeat: args.repeat,
        jobs: usize::from(args.jobs),
        mode,
        model: args.model.clone(),
        default_model: provider
            .as_ref()
            .filter(|_| default_model_known)
            .map(|p| p.model.clone()),
        transcripts: args.transcripts.clone(),
        scrubber: settings.scrubber.clone(),
    };
    let runs: u32 = cases
        .iter()
        .map(|c| args.repeat.unwrap_or(c.case.repeats))
        .sum();
    eprintln!(
        "hotseat eval: {} cases, {runs} runs, {} at a time, model calls: {}",
        cases.len(),
        opts.jobs,
        opts.mode.name()
    );

    let bar = Bar::new(u64::from(runs));
    let suite = evals::run_suite(cases, &catalog, &opts, |p| bar.show(p)).await;
    bar.clear();

    let mut comparison = None;
    if let Some(path) = &args.baseline {
        if args.update_baseline {
            let old = if path.exists() {
                Baseline::load(path).map_err(Failure::input)?
            } else {
                Baseline::default()
            };
            old.updated(&suite).save(path).map_err(Failure::failed)?;
            eprintln!("baseline written: {}", path.display());
        } else {
            let base = Baseline::load(path)
                .map_err(|e| Failure::input(anyhow!("{e} (create it with --update-baseline)")))?;
            comparison = Some(base.compare(&suite, &path.display().to_string()));
        }
    }
    let cmp = comparison.as_ref();
    // A report written to stdout (`--json -`) keeps stdout to itself; the table moves to stderr.
    let report_on_stdout = [&args.json, &args.junit, &args.markdown]
        .iter()
        .any(|p| p.as_deref() == Some(Path::new("-")));
    let scrubber = &settings.scrubber;
    if report_on_stdout {
        eprint!(
            "{}",
            scrubber.scrub(&report::table(&suite, cmp, stderr_width()))
        );
    } else {
        print!(
            "{}",
            scrubber.scrub(&report::table(&suite, cmp, hotseat::layout::stdout_width()))
        );
    }
    if let Some(mb) = peak_memory_mb() {
        eprintln!("peak memory {mb:.1} MB");
    }
    for (path, text) in [
        (
            &args.json,
            args.json.as_ref().map(|_| report::json(&suite, cmp)),
        ),
        (
            &args.junit,
            args.junit.as_ref().map(|_| report::junit(&suite, cmp)),
        ),
        (
            &args.markdown,
            args.markdown
                .as_ref()
                .map(|_| report::markdown(&suite, cmp)),
        ),
    ] {
        if let (Some(path), Some(text)) = (path, text) {
            write_report(path, &text, scrubber)?;
        }
    }
    let passed = if args.update_baseline {
        suite.failed() == 0
    } else {
        report::passed(&suite, cmp)
    };
    Ok(if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Builds each model id's client once: the configured endpoint, with backoff on transport
/// failures (429, 5xx, timeouts, broken connections) on top of the client's own retries, and every
/// reply scrubbed of the key before the suite sees it.
fn factory(p: &Provider, scrubber: &Scrubber) -> ModelFactory {
    let p = p.clone();
    let scrubber = scrubber.clone();
    Arc::new(move |model: &str| {
        let client: Arc<dyn ChatModel> = Arc::new(super::openai_model(&p, model)?);
        let patient: Arc<dyn ChatModel> = Arc::new(Backoff::new(client, 6, Duration::from_secs(1)));
        Ok(Arc::new(ScrubbedModel::new(patient, scrubber.clone())) as Arc<dyn ChatModel>)
    })
}

fn write_report(path: &Path, text: &str, scrubber: &Scrubber) -> Result<(), Failure> {
    if path.as_os_str() == "-" {
        return std::io::stdout()
            .write_all(scrubber.scrub(text).as_bytes())
            .map_err(|e| Failure::failed(anyhow!("cannot write the report to stdout: {e}")));
    }
    super::save_text(path, text, scrubber)
}

/// The width for the table when it goes to stderr: the terminal's when stderr is one, else as for
/// stdout.
fn stderr_width() -> usize {
    let terminal = std::io::stderr()
        .is_terminal()
        .then(|| terminal_size::terminal_size_of(std::io::stderr()).map(|(w, _)| usize::from(w.0)))
        .flatten();
    hotseat::layout::width_from(terminal, std::env::var("COLUMNS").ok().as_deref())
}

/// Peak resident memory of this process (Linux), in MB.
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The progress bar on stderr (indicatif): drawn only when stderr is a terminal, at most ten
/// times a second, and wiped before the table prints.
struct Bar {
    bar: indicatif::ProgressBar,
}

impl Bar {
    fn new(runs: u64) -> Self {
        let target = if std::io::stderr().is_terminal() {
            indicatif::ProgressDrawTarget::stderr_with_hz(10)
        } else {
            indicatif::ProgressDrawTarget::hidden()
        };
        let bar = indicatif::ProgressBar::with_draw_target(Some(runs), target);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{wide_bar} {pos}/{len} runs · {msg} · {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Self { bar }
    }

    fn show(&self, p: Progress) {
        self.bar.set_length(p.runs as u64);
        self.bar.set_position(p.runs_done as u64);
        self.bar.set_message(format!(
            "{}/{} cases · {} failing",
            p.cases_done, p.cases, p.failing
        ));
    }

    fn clear(&self) {
        self.bar.finish_and_clear();
    }
}
