//! Per-turn overhead outside the model: analysis + steering + prompt render + durable append,
//! over a 60-turn round (30 candidate turns, 30 replies).
//!
//! `cargo bench --bench turn`. Three variants separate the costs: the offline engine in memory,
//! the model engine's prompt rendering against a scripted model (no HTTP), and the offline engine
//! with every event fsynced to a transcript on disk.

use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use hotseat::clock::{TimePlan, VirtualClock};
use hotseat::interview::llm::ModelInterviewer;
use hotseat::interview::offline::OfflineInterviewer;
use hotseat::interview::round::header;
use hotseat::interview::{Interviewer, Round, RoundSetup};
use hotseat::llm::scripted::ScriptedModel;
use hotseat::persona::PersonaSet;
use hotseat::question::{Level, QuestionBank};
use hotseat::transcript::SessionStore;
use tokio_util::sync::CancellationToken;

const LINES: [&str; 10] = [
    "What is the peak QPS, and how many tenants and end users are we talking about?",
    "What's the latency budget for the first token, and is there a cost target per conversation?",
    "I'd put an API gateway in front, then a retrieval service over a vector database, then the LLM.",
    "So 300 calls a second at peak times about 3,000 input tokens is 900k tokens a second, roughly 40 GPUs.",
    "I'd self-host an 8B model on vLLM with continuous batching, which adds 100 ms but cuts cost by 60%.",
    "For evaluation we keep a golden set of 2,000 audited conversations and A/B test resolution rate.",
    "Each tenant's documents are filtered by tenant id before retrieval, and data is encrypted at rest.",
    "We'd watch for drift in the question mix and retrain the reranker monthly, canarying at 5%.",
    "A semantic cache per tenant for the top questions cuts GPU load by maybe 20%.",
    "The fallback when the model is slow or unsure is a handoff to a human agent.",
];

fn setup() -> RoundSetup {
    let persona = PersonaSet::embedded()
        .unwrap()
        .get("google")
        .unwrap()
        .clone();
    let question = QuestionBank::embedded()
        .unwrap()
        .get("llm-support-chatbot")
        .unwrap()
        .clone();
    RoundSetup {
        persona,
        question,
        level: Level::Senior,
        plan: TimePlan::default(),
    }
}

fn play(
    rt: &tokio::runtime::Runtime,
    interviewer: Box<dyn Interviewer>,
    store: Option<&SessionStore>,
) {
    let setup = setup();
    let clock = VirtualClock::default();
    let writer = store.map(|s| {
        let id = uuid::Uuid::new_v4().to_string();
        s.create(&header(&setup, &id, "offline", None, Some(1)))
            .unwrap()
    });
    let mut round = Round::new(setup, Arc::new(clock.clone()), interviewer, writer);
    round.open(1).unwrap();
    let cancel = CancellationToken::new();
    let mut sink = |_: &str| {};
    rt.block_on(async {
        for i in 0..30 {
            clock.advance(Duration::from_secs(80));
            round
                .candidate(LINES[i % LINES.len()], &mut sink, &cancel)
                .await
                .unwrap();
        }
    });
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mut g = c.benchmark_group("60-turn round");
    g.sample_size(30);
    g.bench_function("offline, in memory", |b| {
        b.iter(|| play(&rt, Box::new(OfflineInterviewer::new(1)), None))
    });
    g.bench_function("model prompt render, scripted model", |b| {
        b.iter(|| {
            let model = Arc::new(ScriptedModel::new(std::iter::repeat_n(
                "Why that choice?",
                30,
            )));
            play(&rt, Box::new(ModelInterviewer::new(model, 1)), None)
        })
    });
    let dir = tempfile::tempdir().unwrap();
    let store = SessionStore::new(dir.path());
    g.bench_function("offline, fsynced transcript", |b| {
        b.iter(|| play(&rt, Box::new(OfflineInterviewer::new(1)), Some(&store)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
