//! The offline interviewer: deterministic, rule-driven, in the persona's words. It follows the
//! same notes a model would, so it answers clarifying questions from the hidden sheet, presses
//! when the candidate designs before clarifying or sizing, probes the hotspots, springs the twist,
//! keeps time and wraps up. `--seed` picks among the persona's phrasings.

use std::collections::BTreeMap;

use futures::future::BoxFuture;
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use super::steering::{Move, Notes};
use super::{Interviewer, Reply, TurnContext};
use crate::clock::{Phase, mmss};
use crate::llm::{LlmError, TokenSink};
use std::time::Duration;

use crate::clock::TimePlan;
use crate::persona::{Persona, PressureKind};
use crate::question::Question;
use crate::template;

/// The offline interviewer.
#[derive(Debug, Clone)]
pub struct OfflineInterviewer {
    seed: u64,
    uses: BTreeMap<&'static str, usize>,
}

/// Variables a phrasing can use (every one defined, as strict rendering demands); the names are
/// [`crate::persona::PHRASE_VARIABLES`].
#[derive(Debug, Serialize, Default)]
pub(crate) struct PhraseVars<'a> {
    interviewer: &'a str,
    company: &'a str,
    title: &'a str,
    question: &'a str,
    question_title: &'a str,
    minutes: u32,
    component: &'a str,
    probe: &'a str,
    answer: &'a str,
    minutes_left: u32,
    twist: &'a str,
    elapsed: String,
    remaining: String,
}

impl<'a> PhraseVars<'a> {
    /// The variables every phrasing can use at round time `at`.
    pub(crate) fn base(p: &'a Persona, q: &'a Question, plan: &TimePlan, at: Duration) -> Self {
        Self {
            interviewer: &p.interviewer,
            company: &p.company,
            title: &p.title,
            question: &q.prompt,
            question_title: &q.title,
            minutes: (plan.total().as_secs_f64() / 60.0).round() as u32,
            twist: &q.twist.text,
            elapsed: mmss(at),
            remaining: mmss(plan.remaining(at)),
            ..Self::default()
        }
    }

    /// Renders `line` with these variables. Persona phrasings were rendered once at load time
    /// with every variable, so this cannot fail on a validated persona; the raw line is the
    /// fallback rather than a lost turn.
    pub(crate) fn render(&self, line: &str) -> String {
        template::render_str(line, self).unwrap_or_else(|_| line.to_string())
    }
}

impl OfflineInterviewer {
    /// An offline interviewer whose phrasing choices follow `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            seed,
            uses: BTreeMap::new(),
        }
    }

    /// Picks the next variant for `key`: a seeded starting point, then each in turn, so a round
    /// does not repeat a phrasing until it has used them all.
    fn pick<'p>(&mut self, key: &'static str, lines: &'p [String]) -> &'p str {
        if lines.is_empty() {
            return "";
        }
        let used = self.uses.entry(key).or_default();
        let start = splitmix(self.seed ^ fnv(key)) as usize;
        let line = &lines[(start + *used) % lines.len()];
        *used += 1;
        line
    }

    /// The persona's line for `key`, rendered with `vars`.
    fn say(&mut self, key: &'static str, lines: &[String], vars: &PhraseVars<'_>) -> String {
        let line = self.pick(key, lines);
        vars.render(line)
    }

    /// Composes the turn the notes ask for.
    pub fn compose(&mut self, ctx: &TurnContext<'_>) -> String {
        let p: &Persona = ctx.persona;
        let notes: &Notes = ctx.notes;
        let answer = notes
            .reveal
            .iter()
            .map(|f| f.answer.trim())
            .collect::<Vec<_>>()
            .join(" ");
        let mut vars = PhraseVars::base(p, ctx.question, ctx.plan, notes.at);
        vars.answer = &answer;
        let mut parts: Vec<String> = Vec::new();
        if notes.credit.is_some() && matches!(notes.mv, Move::Press(_) | Move::Continue) {
            parts.push(self.say("acknowledge", &p.phrases.acknowledge, &vars));
        }
        if !notes.reveal.is_empty() {
            parts.push(self.say("answer", &p.phrases.answer, &vars));
        }
        if !notes.unknown.is_empty() {
            parts.push(self.say("unknown", &p.phrases.unknown, &vars));
        }
        if let Some(m) = notes.warning
            && notes.mv != Move::Close
        {
            vars.minutes_left = m;
            parts.push(self.say("warning", &p.phrases.warning, &vars));
        }
        match &notes.mv {
            Move::Close => parts.push(self.say("closing", &p.closing, &vars)),
            Move::Transition { phase, probe } => {
                let probe_text = probe.as_ref().map_or("", |h| h.probe.as_str());
                vars.probe = probe_text;
                let (key, lines) = match phase {
                    Phase::Clarify | Phase::HighLevel => {
                        ("to_high_level", &p.phrases.to_high_level)
                    }
                    Phase::DeepDive if probe.is_some() => ("to_deep_dive", &p.phrases.to_deep_dive),
                    Phase::DeepDive => ("to_high_level", &p.phrases.to_high_level),
                    Phase::Tradeoffs => ("to_tradeoffs", &p.phrases.to_tradeoffs),
                    Phase::WrapUp => ("to_wrap_up", &p.phrases.to_wrap_up),
                };
                parts.push(self.say(key, lines, &vars));
            }
            Move::Twist { .. } => parts.push(self.say("twist", &p.phrases.twist, &vars)),
            Move::Hint { probe } => {
                vars.probe = &probe.probe;
                parts.push(self.say("hint", &p.phrases.hint, &vars));
            }
            Move::Press(pressure) => {
                let component = pressure.component.as_deref().unwrap_or("");
                let shown = display_component(component);
                let component = shown.as_str();
                vars.component = component;
                if let Some(h) = &pressure.probe {
                    vars.probe = &h.probe;
                    let all = p.pressure_lines(PressureKind::AiConcern);
                    // "Let's go deeper on the model side" only fits a probe about the model.
                    let fitting: Vec<String> = all
                        .iter()
                        .filter(|l| h.concern.is_ai() || !speaks_of_models(l))
                        .cloned()
                        .collect();
                    let lines = if fitting.is_empty() {
                        vec!["{{ probe }}".to_string()]
                    } else {
                        fitting
                    };
                    parts.push(self.say("ai_concern", &lines, &vars));
                } else {
                    let kind = pressure.kind;
                    let all = p.pressure_lines(kind);
                    // Lines naming a component only make sense when there is one.
                    let fitting: Vec<String> = all
                        .iter()
                        .filter(|l| !component.is_empty() || !l.contains("component"))
                        .cloned()
                        .collect();
                    let lines = if fitting.is_empty() {
                        all.to_vec()
                    } else {
                        fitting
                    };
                    vars.component = if component.is_empty() {
                        "that choice"
                    } else {
                        component
                    };
                    parts.push(self.say(kind.as_str(), &lines, &vars));
                }
            }
            Move::Continue => {
                if parts.is_empty() {
                    let key = if notes.phase == Phase::WrapUp {
                        "acknowledge"
                    } else {
                        "nudge"
                    };
                    let lines = if key == "acknowledge" {
                        &p.phrases.acknowledge
                    } else {
                        &p.phrases.nudge
                    };
                    parts.push(self.say(key, lines, &vars));
                }
            }
        }
        parts.retain(|s| !s.trim().is_empty());
        parts.join(" ")
    }
}

impl Interviewer for OfflineInterviewer {
    fn engine(&self) -> &'static str {
        "offline"
    }

    fn model(&self) -> Option<String> {
        None
    }

    fn reply<'a>(
        &'a mut self,
        ctx: TurnContext<'a>,
        sink: TokenSink<'a>,
        _cancel: &'a CancellationToken,
    ) -> BoxFuture<'a, Result<Reply, LlmError>> {
        Box::pin(async move {
            let text = self.compose(&ctx);
            sink(&text);
            Ok(Reply {
                text,
                intent: ctx.notes.intent(),
                usage: None,
                latency: None,
                partial: None,
                reasoning: None,
                guard: None,
            })
        })
    }
}

/// A component as a person says it: products by their names ("Kafka", "vLLM"), generic parts
/// with an article ("the cache", "the vector database").
pub fn display_component(name: &str) -> String {
    const PRODUCTS: [(&str, &str); 34] = [
        ("kafka", "Kafka"),
        ("kubernetes", "Kubernetes"),
        ("k8s", "Kubernetes"),
        ("redis", "Redis"),
        ("memcached", "Memcached"),
        ("cassandra", "Cassandra"),
        ("spark", "Spark"),
        ("flink", "Flink"),
        ("hadoop", "Hadoop"),
        ("istio", "Istio"),
        ("zookeeper", "ZooKeeper"),
        ("airflow", "Airflow"),
        ("snowflake", "Snowflake"),
        ("bigquery", "BigQuery"),
        ("pinecone", "Pinecone"),
        ("faiss", "FAISS"),
        ("milvus", "Milvus"),
        ("triton", "Triton"),
        ("vllm", "vLLM"),
        ("tensorrt", "TensorRT"),
        ("torchserve", "TorchServe"),
        ("elasticsearch", "Elasticsearch"),
        ("dynamodb", "DynamoDB"),
        ("postgres", "Postgres"),
        ("postgresql", "PostgreSQL"),
        ("mysql", "MySQL"),
        ("mongodb", "MongoDB"),
        ("s3", "S3"),
        ("sqs", "SQS"),
        ("rabbitmq", "RabbitMQ"),
        ("pubsub", "Pub/Sub"),
        ("kinesis", "Kinesis"),
        ("lambda", "Lambda"),
        ("sagemaker", "SageMaker"),
    ];
    match PRODUCTS.iter().find(|(k, _)| *k == name) {
        Some((_, shown)) => (*shown).to_string(),
        None if name.is_empty() => String::new(),
        None => format!("the {name}"),
    }
}

/// Whether a phrasing's own words are about the model or ML part of a design.
fn speaks_of_models(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "model" | "models" | "ml" | "ai"))
}

/// FNV-1a over a key, so each phrasing list gets its own seeded start.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// SplitMix64: a well-mixed, dependency-free hash of the seed.
fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}
