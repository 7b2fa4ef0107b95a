//! The question bank: what the interviewer asks, the facts it keeps hidden until the candidate asks
//! for them, and the hotspots a good answer must reach.
//!
//! Questions are TOML files under `prompts/questions/`, embedded in the binary at build time; a user
//! folder can add or override them by id.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::data::{self, DataError};

/// Who the round is aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Track {
    /// AI product managers: product sense, metrics, cost and risk of an AI feature.
    AiPm,
    /// ML and AI engineers: serving, training, data and evaluation.
    Ml,
    /// Classic software system design.
    Swe,
}

/// Seniority the round is pitched at; it changes what the interviewer presses for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Mid-level: more guidance, expected to get a sound design.
    Mid,
    /// Senior: expected to drive, size and weigh trade-offs unprompted.
    #[default]
    Senior,
    /// Staff: depth in the hotspots, cross-team and long-term concerns.
    Staff,
    /// Director: org, cost and risk trade-offs, build versus buy.
    Director,
}

impl Level {
    /// The level as written in flags and files: `mid`, `senior`, `staff`, `director`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Mid => "mid",
            Level::Senior => "senior",
            Level::Staff => "staff",
            Level::Director => "director",
        }
    }
}

/// A kind of hidden requirement: what a clarifying question can be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Topic {
    /// Who the users are and how many.
    Users,
    /// Peak QPS, concurrency, throughput, growth.
    Scale,
    /// Latency budgets and SLOs.
    Latency,
    /// Budget and cost targets.
    Budget,
    /// Data volumes, sources, retention, freshness.
    Data,
    /// Regions, geography, edge versus cloud.
    Regions,
    /// Compliance, privacy law, residency.
    Compliance,
    /// Availability and durability targets.
    Availability,
    /// Functional scope: which features are in and out.
    Scope,
    /// Quality targets: accuracy, precision/recall, acceptable error.
    Quality,
    /// Hardware and platform constraints (GPUs on hand, devices).
    Hardware,
    /// How fresh data, results or models must be: staleness, update frequency, real time or
    /// batch.
    Freshness,
}

impl Topic {
    /// Every topic, in display order.
    pub const ALL: [Topic; 12] = [
        Topic::Users,
        Topic::Scale,
        Topic::Latency,
        Topic::Budget,
        Topic::Data,
        Topic::Regions,
        Topic::Compliance,
        Topic::Availability,
        Topic::Scope,
        Topic::Quality,
        Topic::Hardware,
        Topic::Freshness,
    ];

    /// The kebab-case name used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Users => "users",
            Topic::Scale => "scale",
            Topic::Latency => "latency",
            Topic::Budget => "budget",
            Topic::Data => "data",
            Topic::Regions => "regions",
            Topic::Compliance => "compliance",
            Topic::Availability => "availability",
            Topic::Scope => "scope",
            Topic::Quality => "quality",
            Topic::Hardware => "hardware",
            Topic::Freshness => "freshness",
        }
    }
}

impl fmt::Display for Topic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A design concern an interviewer probes: the hotspots of a question, above all of AI workloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Concern {
    /// How the model is hosted and called: servers, replicas, model size, quantisation.
    ModelServing,
    /// Scaling capacity with load (GPU autoscaling, cold starts, queues).
    Autoscaling,
    /// Keeping accelerators busy: batching, utilisation, throughput per GPU.
    GpuBatching,
    /// Caching results, embeddings, prompts or features.
    Caching,
    /// Data and concept drift, monitoring, retraining.
    DriftRetraining,
    /// Offline and online evaluation: metrics, golden sets, A/B tests.
    Evaluation,
    /// Shipping model or system updates safely: canary, shadow, rollback, versioning.
    Rollout,
    /// Cost per request or per user, and how to cut it.
    CostPerRequest,
    /// Privacy, security, abuse and access control.
    PrivacySecurity,
    /// Data pipelines, feature stores, ingestion, real-time versus batch.
    DataPipeline,
    /// Metrics, tracing, alerting, SLOs in production.
    Observability,
    /// Degradation and fallbacks when a dependency or the model fails.
    Fallback,
}

impl Concern {
    /// Every concern, in display order.
    pub const ALL: [Concern; 12] = [
        Concern::ModelServing,
        Concern::Autoscaling,
        Concern::GpuBatching,
        Concern::Caching,
        Concern::DriftRetraining,
        Concern::Evaluation,
        Concern::Rollout,
        Concern::CostPerRequest,
        Concern::PrivacySecurity,
        Concern::DataPipeline,
        Concern::Observability,
        Concern::Fallback,
    ];

    /// The kebab-case name used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Concern::ModelServing => "model-serving",
            Concern::Autoscaling => "autoscaling",
            Concern::GpuBatching => "gpu-batching",
            Concern::Caching => "caching",
            Concern::DriftRetraining => "drift-retraining",
            Concern::Evaluation => "evaluation",
            Concern::Rollout => "rollout",
            Concern::CostPerRequest => "cost-per-request",
            Concern::PrivacySecurity => "privacy-security",
            Concern::DataPipeline => "data-pipeline",
            Concern::Observability => "observability",
            Concern::Fallback => "fallback",
        }
    }

    /// True for the concerns specific to AI workloads (serving, GPUs, drift, evaluation, rollout).
    pub fn is_ai(self) -> bool {
        matches!(
            self,
            Concern::ModelServing
                | Concern::Autoscaling
                | Concern::GpuBatching
                | Concern::DriftRetraining
                | Concern::Evaluation
                | Concern::Rollout
        )
    }
}

impl fmt::Display for Concern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One hidden requirement: revealed only when the candidate asks about its topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// What kind of question reveals it.
    pub topic: Topic,
    /// The answer as the interviewer says it, with concrete numbers.
    pub answer: String,
}

/// A place a good answer must go deep, with the interviewer's probe for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hotspot {
    /// Which concern it is.
    pub concern: Concern,
    /// The probe, as the interviewer asks it.
    pub probe: String,
}

/// A requirement change the interviewer springs in the deep dive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Twist {
    /// What the interviewer says.
    pub text: String,
}

/// A system-design question with its hidden requirement sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable id, equal to the file stem.
    pub id: String,
    /// Short title for listings.
    pub title: String,
    /// The prompt as the interviewer speaks it.
    pub prompt: String,
    /// Who the round is for.
    pub track: Track,
    /// Whether the system serves or trains models (AI-specific hotspots apply).
    pub ai_workload: bool,
    /// Real-time, batch, or both.
    #[serde(default)]
    pub mode: Option<String>,
    /// Company flavours this question suits (persona ids); empty means any.
    #[serde(default)]
    pub companies: Vec<String>,
    /// Levels the question is pitched at; empty means any.
    #[serde(default)]
    pub levels: Vec<Level>,
    /// The hidden requirement sheet.
    pub facts: Vec<Fact>,
    /// Where the interviewer should go deep.
    pub hotspots: Vec<Hotspot>,
    /// What a generic template answer would miss for this workload.
    pub trap: String,
    /// The mid-round requirement change.
    pub twist: Twist,
    /// Rough reference numbers the interviewer may use to challenge estimates.
    #[serde(default)]
    pub reference: Vec<String>,
    /// Components a candidate is expected to name for this workload (lower case); used to tell a
    /// fitted design from a template one.
    #[serde(default)]
    pub expected_components: Vec<String>,
}

impl Question {
    /// The facts on `topic`, in file order. A sheet with no `freshness` fact answers a freshness
    /// question with its `data` facts, where update rates live in most sheets.
    pub fn facts_on(&self, topic: Topic) -> impl Iterator<Item = &Fact> {
        let own = self.facts.iter().any(|f| f.topic == topic);
        let fallback = (!own && topic == Topic::Freshness).then_some(Topic::Data);
        self.facts
            .iter()
            .filter(move |f| f.topic == topic || Some(f.topic) == fallback)
    }

    /// The hotspot for `concern`, if the question has one.
    pub fn hotspot(&self, concern: Concern) -> Option<&Hotspot> {
        self.hotspots.iter().find(|h| h.concern == concern)
    }

    /// Whether the question suits this company and level (empty lists suit everyone).
    pub fn fits(&self, company: Option<&str>, level: Option<Level>) -> bool {
        let company_ok = company.is_none_or(|c| {
            self.companies.is_empty() || self.companies.iter().any(|x| x.eq_ignore_ascii_case(c))
        });
        let level_ok = level.is_none_or(|l| self.levels.is_empty() || self.levels.contains(&l));
        company_ok && level_ok
    }

    /// One line saying how a round of this question with this persona (`persona_id`, its
    /// `company`) at `level` falls outside what the question suits, naming what does fit; `None`
    /// when it fits.
    pub fn misfit(&self, persona_id: &str, company: &str, level: Level) -> Option<String> {
        let persona_ok = self.fits(Some(persona_id), None) || self.fits(Some(company), None);
        let level_ok = self.fits(None, Some(level));
        let companies = || self.companies.join(", ");
        let levels = || {
            let names: Vec<&str> = self.levels.iter().map(|l| l.name()).collect();
            names.join(", ")
        };
        let what = match (persona_ok, level_ok) {
            (true, true) => return None,
            (false, true) => format!("suits {} interviewers, not {persona_id}", companies()),
            (true, false) => format!("is pitched at {}, not {}", levels(), level.name()),
            (false, false) => format!(
                "suits {} interviewers at {}, not {persona_id} at {}",
                companies(),
                levels(),
                level.name()
            ),
        };
        Some(format!("`{}` {what}; running it anyway", self.id))
    }

    /// Checks what serde cannot: non-empty text, at least one fact and hotspot, AI questions with
    /// cost and latency facts and three hotspots.
    pub fn validate(&self, file: &str, text: &str, stem: Option<&str>) -> Result<(), DataError> {
        let fail = |key: &str, cause: String| Err(data::locate_key(file, text, key, cause));
        if let Some(stem) = stem
            && stem != self.id
        {
            return fail(
                "id",
                format!("id `{}` does not match the file name `{stem}`", self.id),
            );
        }
        for (key, value) in [
            ("title", &self.title),
            ("prompt", &self.prompt),
            ("trap", &self.trap),
        ] {
            if value.trim().is_empty() {
                return fail(key, format!("`{key}` is empty"));
            }
        }
        if self.facts.is_empty() {
            return fail("facts", "a question needs at least one hidden fact".into());
        }
        if self.hotspots.is_empty() {
            return fail("hotspots", "a question needs at least one hotspot".into());
        }
        if self.ai_workload {
            for topic in [Topic::Latency, Topic::Budget] {
                if self.facts_on(topic).next().is_none() {
                    return fail(
                        "ai_workload",
                        format!("an AI question needs a `{topic}` fact on its hidden sheet"),
                    );
                }
            }
            if self.hotspots.len() < 3 {
                return fail(
                    "hotspots",
                    "an AI question needs at least three hotspots".into(),
                );
            }
        }
        Ok(())
    }
}

/// All known questions, by id.
pub type QuestionBank = data::Catalog<Question>;

impl data::Entry for Question {
    fn embedded() -> (&'static str, &'static [(&'static str, &'static str)]) {
        ("prompts/questions", crate::embedded::QUESTIONS)
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn validate(&self, file: &str, text: &str, stem: Option<&str>) -> Result<(), DataError> {
        Question::validate(self, file, text, stem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_bank_loads() {
        let bank = QuestionBank::embedded().unwrap();
        assert!(
            bank.len() >= 8,
            "at least 8 questions, found {}",
            bank.len()
        );
    }

    #[test]
    fn ai_question_without_budget_fact_is_rejected_at_its_line() {
        let text = r#"id = "x"
title = "X"
prompt = "Design X."
track = "ml"
ai_workload = true
trap = "t"
facts = [{ topic = "latency", answer = "p99 200 ms" }]
hotspots = [
  { concern = "model-serving", probe = "a?" },
  { concern = "caching", probe = "b?" },
  { concern = "evaluation", probe = "c?" },
]
twist = { text = "now on-device" }
"#;
        let err = QuestionBank::default()
            .add_text("q.toml", text, Some("x"))
            .unwrap_err();
        assert_eq!(err.line.map(|l| l.0), Some(5), "{err}");
        assert!(err.cause.contains("budget"), "{err}");
    }

    #[test]
    fn unknown_topic_names_the_line() {
        let text = "id = \"x\"\ntitle = \"X\"\nprompt = \"p\"\ntrack = \"ml\"\nai_workload = false\ntrap = \"t\"\nfacts = [{ topic = \"vibes\", answer = \"a\" }]\n";
        let err = QuestionBank::default()
            .add_text("q.toml", text, None)
            .unwrap_err();
        assert_eq!(err.line.map(|l| l.0), Some(7), "{err}");
    }

    #[test]
    fn a_misfit_names_what_fits() {
        let bank = QuestionBank::embedded().unwrap();
        let ledger = bank.get("payments-ledger").unwrap();
        assert_eq!(ledger.misfit("amazon", "Amazon", Level::Senior), None);
        assert_eq!(
            ledger.misfit("meta", "Meta", Level::Senior).unwrap(),
            "`payments-ledger` suits amazon, microsoft, google interviewers, not meta; running it anyway"
        );
        assert_eq!(
            ledger.misfit("google", "Google", Level::Mid).unwrap(),
            "`payments-ledger` is pitched at senior, staff, not mid; running it anyway"
        );
        let both = ledger.misfit("meta", "Meta", Level::Director).unwrap();
        assert!(
            both.contains("at senior, staff, not meta at director"),
            "{both}"
        );
    }
}
