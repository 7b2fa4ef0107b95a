//! Getting a case ready to run: its round setup, how many runs, and where its model calls go (a
//! cassette to replay or record, or a live model), built once per case and shared by its runs.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::interview::RoundSetup;
use crate::llm::cassette::{Cassette, CassetteModel, Mode};
use crate::llm::{ChatModel, Scrubber};

use super::load::{Catalog, LoadedCase};
use super::runner::{ModelFactory, ModelMode, Options};

/// One case, ready: its setup, its model source, its (shared) cassette.
pub(super) struct Prepared {
    pub(super) case: Arc<LoadedCase>,
    pub(super) setup: RoundSetup,
    pub(super) repeats: u32,
    pub(super) model_id: Option<String>,
    pub(super) source: Option<Source>,
    pub(super) cassette: Option<Arc<Cassette>>,
    pub(super) problem: Option<String>,
}

#[derive(Clone)]
pub(super) enum Source {
    Replay,
    Live(Arc<dyn ChatModel>),
    Record(Arc<dyn ChatModel>, Scrubber),
}

pub(super) fn prepare(
    case: LoadedCase,
    cat: &Catalog<'_>,
    opts: &Options,
    prompts: &str,
    factories: &mut BTreeMap<String, Result<Arc<dyn ChatModel>, String>>,
) -> Prepared {
    let persona = cat
        .personas
        .get(&case.case.persona)
        .cloned()
        .expect("checked at load");
    let question = cat
        .questions
        .get(&case.case.question)
        .cloned()
        .expect("checked at load");
    let plan = match case.case.minutes {
        Some(m) => persona.time_plan.scaled_to(m),
        None => persona.time_plan.clone(),
    };
    let setup = RoundSetup {
        persona,
        question,
        level: case.case.level,
        plan,
    };
    let repeats = opts.repeat.unwrap_or(case.case.repeats).max(1);
    let mut p = Prepared {
        case: Arc::new(case),
        setup,
        repeats,
        model_id: None,
        source: None,
        cassette: None,
        problem: None,
    };
    if !p.case.needs_model {
        return p;
    }
    let model_id = opts
        .model
        .clone()
        .or_else(|| p.case.case.engine.model.clone())
        .or_else(|| opts.default_model.clone());
    let Some(model_id) = model_id else {
        p.problem = Some(format!(
            "model case `{}` names no model: set `engine.model` or pass --model",
            p.case.id
        ));
        return p;
    };
    let fingerprints: BTreeMap<String, String> = [
        ("prompts".to_string(), prompts.to_string()),
        (
            "persona".to_string(),
            super::hash::persona(&p.setup.persona),
        ),
    ]
    .into();
    // One client per model id, shared by every case that uses it.
    let mut build = |factory: &ModelFactory| -> Result<Arc<dyn ChatModel>, String> {
        factories
            .entry(model_id.clone())
            .or_insert_with(|| factory(&model_id).map_err(|e| e.to_string()))
            .clone()
    };
    match &opts.mode {
        ModelMode::Replay => match Cassette::load(&p.case.cassette, &p.case.id, fingerprints) {
            Ok(c) => {
                p.cassette = Some(Arc::new(c));
                p.source = Some(Source::Replay);
            }
            Err(e) => p.problem = Some(e.to_string()),
        },
        ModelMode::Live(f) => match build(f) {
            Ok(m) => p.source = Some(Source::Live(m)),
            Err(e) => p.problem = Some(e),
        },
        ModelMode::Record(f) => match build(f) {
            Ok(m) => {
                p.cassette = Some(Arc::new(Cassette::recording(&p.case.id, fingerprints)));
                p.source = Some(Source::Record(m, opts.scrubber.clone()));
            }
            Err(e) => p.problem = Some(e),
        },
    }
    p.model_id = Some(model_id);
    p
}

/// The model one run sees.
pub(super) fn view(p: &Prepared, repeat: u32) -> Option<Arc<dyn ChatModel>> {
    let id = p.model_id.as_deref()?;
    match (p.source.as_ref()?, p.cassette.as_ref()) {
        (Source::Live(m), _) => Some(m.clone()),
        (Source::Replay, Some(c)) => Some(Arc::new(CassetteModel::new(
            c.clone(),
            Mode::Replay,
            id,
            repeat,
        ))),
        (Source::Record(m, scrubber), Some(c)) => {
            let mode = Mode::Record {
                inner: m.clone(),
                scrubber: scrubber.clone(),
            };
            Some(Arc::new(CassetteModel::new(c.clone(), mode, id, repeat)))
        }
        _ => None,
    }
}
