//! Runs a suite: every case's repeats as independent runs, up to `jobs` at once, then k of N per
//! case and per assertion with the Wilson interval behind each verdict.
//!
//! Each run is its own task holding one permit of a semaphore, so a slow model call never holds
//! up runs that are ready. Results come back over a channel and are folded per case as they
//! arrive; a finished run keeps only its verdicts and counters, not its transcript.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::{Semaphore, mpsc};

use crate::interview::RoundSetup;
use crate::llm::{ChatModel, LlmError, Scrubber};

use super::check::Verdict;
use super::load::{Catalog, LoadedCase};
use super::prepare::{Prepared, prepare, view};
use super::result::{AssertionResult, CaseResult, CaseStatus, RunFailure, SuiteResult};
use super::run::{RunPlan, run};
use super::stats::PassRate;

/// Builds the model for a model id (live and record modes).
pub type ModelFactory = Arc<dyn Fn(&str) -> Result<Arc<dyn ChatModel>, LlmError> + Send + Sync>;

/// Where model calls go.
#[derive(Clone)]
pub enum ModelMode {
    /// Replayed from each case's cassette.
    Replay,
    /// Sent to the model as they come, recorded nowhere.
    Live(ModelFactory),
    /// Sent to the model and recorded to each case's cassette (saved only when every call of
    /// the case succeeded), scrubbed with [`Options::scrubber`].
    Record(ModelFactory),
}

impl ModelMode {
    /// `replay`, `live` or `record` (for reports).
    pub fn name(&self) -> &'static str {
        match self {
            ModelMode::Replay => "replay",
            ModelMode::Live(_) => "live",
            ModelMode::Record(..) => "record",
        }
    }
}

/// How to run a suite.
#[derive(Clone)]
pub struct Options {
    /// Runs per case, overriding each case's `repeats`.
    pub repeat: Option<u32>,
    /// Runs at once.
    pub jobs: usize,
    /// Where model calls go.
    pub mode: ModelMode,
    /// The model id (`--model`), over each case's own.
    pub model: Option<String>,
    /// The model id used when neither the flag nor the case names one (settings).
    pub default_model: Option<String>,
    /// A folder to write every run's transcript to (`<case>/<repeat>.txt`), for case authors.
    pub transcripts: Option<std::path::PathBuf>,
    /// Scrubs the key from what the suite writes (cassettes, run transcripts).
    pub scrubber: Scrubber,
}

/// Progress, reported after every run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// Runs done.
    pub runs_done: usize,
    /// Runs in all.
    pub runs: usize,
    /// Cases done.
    pub cases_done: usize,
    /// Cases in all.
    pub cases: usize,
    /// Cases failed so far.
    pub failing: usize,
}

/// One run, ready to go on its own task.
struct Job {
    case_index: usize,
    case: Arc<LoadedCase>,
    setup: RoundSetup,
    repeat: u32,
    model: Option<Arc<dyn ChatModel>>,
    problem: Option<String>,
    others: Arc<Vec<(String, String)>>,
    dump: Option<std::path::PathBuf>,
    scrubber: Scrubber,
}

impl Job {
    async fn run(self) -> Done {
        let seed = self.case.case.seed.wrapping_add(u64::from(self.repeat));
        if let Some(e) = self.problem {
            // The case cannot run at all (no model, unreadable cassette): every run says why.
            return Done {
                case: self.case_index,
                repeat: self.repeat,
                seed,
                verdicts: Vec::new(),
                error: Some(e),
                harness: Duration::ZERO,
                engine: Duration::ZERO,
            };
        }
        let plan = RunPlan {
            case: &self.case,
            setup: self.setup,
            repeat: self.repeat,
            model: self.model,
            others: &self.others,
        };
        let (mut record, verdicts) = run(plan).await;
        // A check that could not be made (the judge's model failed) makes the run an error.
        if record.error.is_none() {
            record.error = verdicts.iter().find_map(|v| v.error.clone());
        }
        if let Some(dir) = &self.dump {
            super::run::dump(dir, &self.case, &record, &verdicts, &self.scrubber);
        }
        Done {
            case: self.case_index,
            repeat: self.repeat,
            seed,
            verdicts,
            error: record.error,
            harness: record.harness,
            engine: record.engine,
        }
    }

    /// Runs the job; a panic inside it becomes an error of its run, never a lost run.
    async fn run_caught(self) -> Done {
        use futures::FutureExt as _;
        let (case, repeat) = (self.case_index, self.repeat);
        let seed = self.case.case.seed.wrapping_add(u64::from(repeat));
        match std::panic::AssertUnwindSafe(self.run())
            .catch_unwind()
            .await
        {
            Ok(done) => done,
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "no message".into());
                Done {
                    case,
                    repeat,
                    seed,
                    verdicts: Vec::new(),
                    error: Some(format!("the run panicked: {what}")),
                    harness: Duration::ZERO,
                    engine: Duration::ZERO,
                }
            }
        }
    }
}

struct Done {
    case: usize,
    repeat: u32,
    seed: u64,
    verdicts: Vec<Verdict>,
    error: Option<String>,
    harness: Duration,
    engine: Duration,
}

/// Runs `cases`, calling `progress` after every run.
pub async fn run_suite(
    cases: Vec<LoadedCase>,
    cat: &Catalog<'_>,
    opts: &Options,
    mut progress: impl FnMut(Progress),
) -> SuiteResult {
    let started = Instant::now();
    let prompts = super::hash::prompts();
    let others: Arc<Vec<(String, String)>> = Arc::new(
        cat.personas
            .iter()
            .map(|p| (p.company.clone(), p.interviewer.clone()))
            .collect(),
    );
    let mut factories: BTreeMap<String, Result<Arc<dyn ChatModel>, String>> = BTreeMap::new();
    let prepared: Vec<Prepared> = cases
        .into_iter()
        .map(|c| prepare(c, cat, opts, &prompts, &mut factories))
        .collect();

    let total_runs: usize = prepared.iter().map(|p| p.repeats as usize).sum();
    let prepared = Arc::new(prepared);
    let (tx, mut rx) = mpsc::unbounded_channel::<Done>();
    // Runs are spawned only as permits free up, so a suite of thousands of runs holds `jobs`
    // rounds in memory, not thousands.
    let spawner = {
        let prepared = prepared.clone();
        let semaphore = Arc::new(Semaphore::new(opts.jobs.max(1)));
        let dump = opts.transcripts.clone();
        let scrubber = opts.scrubber.clone();
        tokio::spawn(async move {
            for (ci, p) in prepared.iter().enumerate() {
                for repeat in 0..p.repeats {
                    let Ok(permit) = semaphore.clone().acquire_owned().await else {
                        return;
                    };
                    let job = Job {
                        case_index: ci,
                        case: p.case.clone(),
                        setup: p.setup.clone(),
                        repeat,
                        model: view(p, repeat),
                        problem: p.problem.clone(),
                        others: others.clone(),
                        dump: dump.clone(),
                        scrubber: scrubber.clone(),
                    };
                    let tx = tx.clone();
                    tokio::spawn(async move {
                        let done = job.run_caught().await;
                        drop(permit);
                        let _ = tx.send(done);
                    });
                }
            }
        })
    };

    let mut per_case: Vec<Vec<Done>> = prepared.iter().map(|_| Vec::new()).collect();
    let mut results: Vec<Option<CaseResult>> = prepared.iter().map(|_| None).collect();
    let (mut runs_done, mut cases_done, mut failing) = (0, 0, 0);
    while let Some(done) = rx.recv().await {
        let ci = done.case;
        per_case[ci].push(done);
        runs_done += 1;
        if per_case[ci].len() == prepared[ci].repeats as usize {
            let runs = std::mem::take(&mut per_case[ci]);
            let result = fold(&prepared[ci], runs, opts);
            cases_done += 1;
            failing += usize::from(!result.passed);
            results[ci] = Some(result);
        }
        progress(Progress {
            runs_done,
            runs: total_runs,
            cases_done,
            cases: prepared.len(),
            failing,
        });
    }
    let _ = spawner.await;
    SuiteResult {
        mode: opts.mode.name().to_string(),
        prompts,
        personas: super::hash::personas(cat.personas),
        cases: results.into_iter().flatten().collect(),
        wall: started.elapsed(),
    }
}

/// Folds a case's runs into its result (and saves a recorded cassette). Runs that errored count
/// in no k/N: they are the case's errors.
fn fold(p: &Prepared, mut runs: Vec<Done>, opts: &Options) -> CaseResult {
    runs.sort_by_key(|r| r.repeat);
    let mut errors: Vec<String> = Vec::new();
    for r in &runs {
        if let Some(e) = &r.error
            && !errors.contains(e)
        {
            errors.push(e.clone());
        }
    }
    let errored = runs.iter().filter(|r| r.error.is_some()).count() as u32;
    if let (ModelMode::Record(..), Some(c)) = (&opts.mode, &p.cassette) {
        let failed = c.failed_calls();
        if errored > 0 || failed > 0 {
            errors.push(format!(
                "cassette not saved: {errored} run(s) errored and {failed} call(s) failed; the one on disk is kept"
            ));
        } else if let Err(e) = c.save(&p.case.cassette) {
            errors.push(format!("cassette not saved: {e}"));
        }
    }
    let finished: Vec<&Done> = runs.iter().filter(|r| r.error.is_none()).collect();
    let n = finished.len() as u32;
    let assertions: Vec<AssertionResult> = p
        .case
        .assertions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let k = finished.iter().filter(|r| r.verdicts[i].pass).count() as u32;
            let failures = finished
                .iter()
                .filter(|r| !r.verdicts[i].pass)
                .take(3)
                .map(|r| RunFailure {
                    repeat: r.repeat,
                    seed: r.seed,
                    detail: r.verdicts[i].detail.clone().unwrap_or_default(),
                })
                .collect();
            AssertionResult::new(
                &a.name,
                a.check_name(),
                PassRate::new(k, n),
                a.min_pass_rate,
                failures,
            )
        })
        .collect();
    let all = finished
        .iter()
        .filter(|r| r.verdicts.iter().all(|v| v.pass))
        .count() as u32;
    let status = if !errors.is_empty() {
        CaseStatus::Error
    } else if assertions.iter().all(|a| a.passed) {
        CaseStatus::Pass
    } else {
        CaseStatus::Fail
    };
    CaseResult {
        id: p.case.id.clone(),
        file: p.case.file.display().to_string(),
        description: p.case.case.description.clone(),
        persona: p.setup.persona.id.clone(),
        question: p.setup.question.id.clone(),
        engine: if p.case.needs_model {
            opts.mode.name().to_string()
        } else {
            "offline".into()
        },
        model: p.model_id.clone(),
        fingerprint: p.case.fingerprint.clone(),
        runs: PassRate::new(all, n),
        errored,
        assertions,
        errors,
        status,
        passed: status == CaseStatus::Pass,
        harness: runs.iter().map(|r| r.harness).sum(),
        engine_work: runs.iter().map(|r| r.engine).sum(),
    }
}

#[cfg(test)]
mod tests;
