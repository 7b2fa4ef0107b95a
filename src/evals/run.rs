//! One run of one case: a whole round on a virtual clock, the candidate playing its part, then
//! every assertion's verdict on what happened.

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::analysis::Analysis;
use crate::clock::{Clock, VirtualClock};
use crate::interview::llm::ModelInterviewer;
use crate::interview::offline::OfflineInterviewer;
use crate::interview::{Interviewer, Round, RoundError, RoundSetup};
use crate::llm::{ChatModel, LlmError};
use crate::transcript::{EndReason, Event, Speaker, Turn};

use super::candidate::{Brief, LlmCandidate, Player, Said};
use super::case::EngineKind;
use super::check::{self, Context, Verdict};
use super::critique::Verdicts;
use super::load::{DEFAULT_STOP, LoadedCase};
use super::models::{Metered, Part, Spend, Stopwatch};
use super::scope::parse_mmss;

/// Most candidate turns when the case sets no cap: a 45-minute round at 1 minute a turn.
const DEFAULT_MAX_TURNS: u32 = 45;

/// What happened in one run.
#[derive(Debug, Clone)]
pub struct RunRecord {
    /// Which repeat (0-based).
    pub repeat: u32,
    /// The seed it ran with.
    pub seed: u64,
    /// Every turn.
    pub turns: Vec<Turn>,
    /// Every event (phases, warnings, the end).
    pub events: Vec<Event>,
    /// The analysis of the candidate's turns.
    pub analysis: Analysis,
    /// Why the round ended.
    pub ended: Option<EndReason>,
    /// Why the run stopped short (a model failure, a cassette miss), if it did.
    pub error: Option<String>,
    /// What the model calls cost.
    pub usage: Spend,
    /// The harness's own work: CPU time outside model calls and the engine (see [`Stopwatch`]).
    pub harness: Duration,
    /// The interviewer engine's work (analysis, steering, prompts), outside model calls.
    pub engine: Duration,
}

/// Everything one run needs.
pub struct RunPlan<'a> {
    /// The case.
    pub case: &'a LoadedCase,
    /// The round's setup.
    pub setup: RoundSetup,
    /// Which repeat.
    pub repeat: u32,
    /// The model view of this run (cassette or live), for model cases.
    pub model: Option<Arc<dyn ChatModel>>,
    /// (company, interviewer) of the other personas.
    pub others: &'a [(String, String)],
}

/// Plays the round and judges it.
pub async fn run(plan: RunPlan<'_>) -> (RunRecord, Vec<Verdict>) {
    let stopwatch = Arc::new(Stopwatch::default());
    stopwatch.switch(Part::Harness);
    let case = plan.case;
    let seed = case.case.seed.wrapping_add(u64::from(plan.repeat));
    let metered = plan
        .model
        .map(|m| Arc::new(Metered::new(m, stopwatch.clone())));
    let model: Option<Arc<dyn ChatModel>> = metered.clone().map(|m| m as Arc<dyn ChatModel>);
    let cancel = CancellationToken::new();

    let mut round_result = play(case, &plan.setup, seed, model.clone(), &cancel, &stopwatch).await;
    let mut record = RunRecord {
        repeat: plan.repeat,
        seed,
        turns: Vec::new(),
        events: Vec::new(),
        analysis: Analysis::default(),
        ended: None,
        error: None,
        usage: Spend::default(),
        harness: Duration::ZERO,
        engine: Duration::ZERO,
    };
    match &mut round_result {
        Ok(round) | Err((Some(round), _)) => {
            record.turns = round.turns().to_vec();
            record.events = round.events().to_vec();
            record.analysis = round.analysis().clone();
            record.ended = round.ended();
        }
        Err((None, _)) => {}
    }
    if let Err((_, e)) = &round_result {
        record.error = Some(e.clone());
    }

    let verdicts = if record.error.is_some() {
        // A run that did not finish says nothing about any assertion: it is an error of its case.
        Vec::new()
    } else {
        let wants_critique = case.assertions.iter().any(|a| {
            matches!(
                a.check,
                check::Check::FlagsInclude(_)
                    | check::Check::FlagsExclude(_)
                    | check::Check::ScoreRange(..)
            )
        });
        let critique = if wants_critique {
            Verdicts::of(&record, &plan.setup)
        } else {
            Verdicts::Unavailable("no critique assertion".into())
        };
        let is_budget = |a: &check::Assertion| matches!(a.check, check::Check::Budget { .. });
        let mut out: Vec<Option<Verdict>> = vec![None; case.assertions.len()];
        {
            let ctx = Context {
                setup: &plan.setup,
                record: &record,
                others: plan.others,
                model: model.as_deref(),
                budget: case.case.budget.as_ref(),
                critique: &critique,
            };
            for (i, a) in case.assertions.iter().enumerate() {
                if !is_budget(a) {
                    out[i] = Some(check::evaluate(a, &ctx).await);
                }
            }
        }
        // Budgets last, on what every model call of the run spent (judge checks included).
        if let Some(m) = &metered {
            record.usage = m.spend();
        }
        let ctx = Context {
            setup: &plan.setup,
            record: &record,
            others: plan.others,
            model: model.as_deref(),
            budget: case.case.budget.as_ref(),
            critique: &critique,
        };
        for (i, a) in case.assertions.iter().enumerate() {
            if is_budget(a) {
                out[i] = Some(check::evaluate(a, &ctx).await);
            }
        }
        out.into_iter().flatten().collect()
    };
    if let Some(m) = &metered {
        record.usage = m.spend();
    }
    stopwatch.stop();
    (record.harness, record.engine) = stopwatch.totals();
    (record, verdicts)
}

type Played = Result<Round, (Option<Round>, String)>;

async fn play(
    case: &LoadedCase,
    setup: &RoundSetup,
    seed: u64,
    model: Option<Arc<dyn ChatModel>>,
    cancel: &CancellationToken,
    watch: &Stopwatch,
) -> Played {
    let spec = &case.case;
    let needs = |what: &str| format!("{what} needs a model, and none is configured");
    let interviewer: Box<dyn Interviewer> = match spec.engine.kind {
        EngineKind::Offline => Box::new(OfflineInterviewer::new(seed)),
        EngineKind::Model => {
            let Some(m) = model.clone() else {
                return Err((None, needs("the model engine")));
            };
            let t = spec.engine.temperature.or(Some(0.0));
            Box::new(ModelInterviewer::new(m, seed).with_temperature(t))
        }
    };
    let mut player = match player(case, setup, seed, model) {
        Ok(p) => p,
        Err(e) => return Err((None, e)),
    };
    let clock = VirtualClock::default();
    let mut round = Round::new(setup.clone(), Arc::new(clock.clone()), interviewer, None);
    watch.switch(Part::Engine);
    let opened = round.open(seed).map(|_| ());
    watch.switch(Part::Harness);
    if let Err(e) = opened {
        return Err((Some(round), e.to_string()));
    }
    let cap = spec.candidate.max_turns.unwrap_or(DEFAULT_MAX_TURNS);
    let mut said_turns = 0;
    while round.ended().is_none() {
        let next = if said_turns >= cap {
            None
        } else {
            match player.next(round.turns(), cancel).await {
                Ok(n) => n,
                Err(e) => return Err((Some(round), e.to_string())),
            }
        };
        let Some(Said { text, at }) = next else {
            let _ = round.end(EndReason::Ended, seed);
            break;
        };
        let now = clock.elapsed();
        let heard = round
            .turns()
            .iter()
            .rev()
            .find(|t| t.role == Speaker::Interviewer)
            .map_or("", |t| t.text.as_str());
        let charged = now + case.pace.charge(heard, &text);
        clock.set(at.unwrap_or(charged).max(now));
        let mut sink = |_: &str| {};
        watch.switch(Part::Engine);
        let step = round.candidate(&text, &mut sink, cancel).await;
        watch.switch(Part::Harness);
        match step {
            Ok(_) => said_turns += 1,
            Err(RoundError::Model(e)) => return Err((Some(round), model_error(e))),
            Err(e) => return Err((Some(round), e.to_string())),
        }
    }
    Ok(round)
}

fn model_error(e: LlmError) -> String {
    e.to_string()
}

fn player(
    case: &LoadedCase,
    setup: &RoundSetup,
    seed: u64,
    model: Option<Arc<dyn ChatModel>>,
) -> Result<Player, String> {
    let c = &case.case.candidate;
    if let Some(lines) = &c.lines {
        let lines = lines
            .iter()
            .map(|l| Said {
                text: l.text().to_string(),
                at: l.at().and_then(|a| parse_mmss(a).ok()),
            })
            .collect();
        return Ok(Player::Scripted { lines, next: 0 });
    }
    if let Some(p) = &c.profile {
        return case
            .profiles
            .player(p, &setup.question, seed)
            .map(Player::Profile)
            .ok_or_else(|| format!("unknown profile `{p}`"));
    }
    let brief = c.brief.clone().unwrap_or_default();
    let Some(model) = model else {
        return Err(
            "a brief (model-played) candidate needs a model, and none is configured".into(),
        );
    };
    let brief = Brief {
        brief,
        stop: c.stop.clone().unwrap_or_else(|| DEFAULT_STOP.to_string()),
        max_turns: c.max_turns.unwrap_or(12),
        temperature: case.case.engine.temperature.or(Some(0.0)),
    };
    LlmCandidate::new(model, brief, setup)
        .map(|c| Player::Llm(Box::new(c)))
        .map_err(|e| format!("the candidate prompt did not render: {e}"))
}

/// Writes a run's transcript and verdicts as text to `<dir>/<case>/<repeat>.txt`, scrubbed and
/// private (best effort: a debugging aid must not fail the suite).
pub fn dump(
    dir: &std::path::Path,
    case: &LoadedCase,
    record: &RunRecord,
    verdicts: &[Verdict],
    scrubber: &crate::llm::Scrubber,
) {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} repeat {} (seed {})",
        case.id, record.repeat, record.seed
    );
    for e in &record.events {
        match e {
            Event::Turn(t) => {
                let intent = t
                    .intent
                    .as_ref()
                    .map(|i| format!("  {i:?}"))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "[{} {}] {:?}: {}{intent}",
                    crate::clock::mmss(t.at),
                    t.phase,
                    t.role,
                    t.text
                );
            }
            other => {
                let _ = writeln!(out, "  -- {other:?}");
            }
        }
    }
    if let Some(e) = &record.error {
        let _ = writeln!(out, "ERROR: {e}");
    }
    for (a, v) in case.assertions.iter().zip(verdicts) {
        let mark = if v.pass { "ok  " } else { "FAIL" };
        let _ = writeln!(
            out,
            "{mark} {}: {}",
            a.name,
            v.detail.as_deref().unwrap_or("")
        );
    }
    let path = dir.join(&case.id).join(format!("{}.txt", record.repeat));
    let _ = crate::files::write_atomic(&path, scrubber.scrub(&out).as_bytes());
}
