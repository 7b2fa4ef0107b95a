//! The one deterministic analysis of the candidate's words: the spine that steers the interviewer
//! during a round, forms the rule layer of the critique after it, and feeds the eval assertions.
//!
//! Pure: text and times in, signals out. No model, no clock, no I/O. [`analyze_turn`] reads one
//! turn; [`Analysis`] folds turns into what the round has shown so far, one push per turn, so the
//! interviewer pays for each turn once.

mod acts;
pub mod answering;
mod canon;
mod components;
mod concerns;
pub mod conversions;
mod detect;
mod effects;
mod figures;
pub mod figures_check;
mod lexicon;
pub mod listening;
mod matcher;
mod money;
mod numbers;
pub(crate) mod questions;
pub(crate) mod sentences;
pub mod substance;
#[cfg(test)]
mod tests;
mod tokens;
mod topics;
mod units;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::question::{Concern, Question, Topic};

pub use detect::{analyze_turn, read_turn};
pub use effects::{Effect, Quality, Valence};

/// One candidate turn as the analysis sees it.
#[derive(Debug, Clone, Copy)]
pub struct Utterance<'a> {
    /// The turn's number in the transcript (1-based, counting both speakers).
    pub turn: usize,
    /// When it was said, from the start of the round.
    pub at: Duration,
    /// What the candidate said.
    pub text: &'a str,
}

/// A verbatim piece of a turn that shows a signal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The turn it came from.
    pub turn: usize,
    /// When that turn was said.
    #[serde(with = "crate::serde_ms")]
    pub at: Duration,
    /// The sentence, verbatim from the turn (trimmed).
    pub quote: String,
}

/// A question the candidate asked, with what it was about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskedQuestion {
    /// The question sentence, verbatim.
    pub quote: String,
    /// The requirement topics it asks about (empty when it is about something else).
    pub topics: BTreeSet<Topic>,
}

/// What kind of quantity a number measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuantityKind {
    /// Requests, queries, events or messages per unit of time.
    Rate,
    /// Users, customers, devices, tenants.
    Population,
    /// Milliseconds, seconds (a latency or duration).
    Time,
    /// Bytes: KB, MB, GB, TB, PB.
    Size,
    /// Money: $, dollars, cents, per month.
    Money,
    /// Percentages and ratios.
    Percent,
    /// Machines, GPUs, replicas, shards, nodes.
    Hardware,
    /// A bare count or any other figure.
    Other,
}

/// A number the candidate gave, with its unit as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The number and unit as written ("20k QPS", "150 ms", "$0.03").
    pub text: String,
    /// What it measures.
    pub kind: QuantityKind,
    /// How much, in base units: seconds for `time`, bytes for `size`, dollars for `money`, a
    /// fraction for `percent` ("30%" is 0.3, "3x" is 3), a plain count otherwise. `None` when the
    /// figure cannot be read exactly ("tens of millions" reads as 10 million; ranges as midpoints).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// For rates and prices, the period they are per, in seconds ("a day" is 86,400).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_seconds: Option<f64>,
}

impl Quantity {
    /// The value per second for a rate with a period ("2 million a day" → 23.1), else the value.
    pub fn per_second(&self) -> Option<f64> {
        match (self.value, self.per_seconds) {
            (Some(v), Some(p)) if p > 0.0 => Some(v / p),
            (v, _) => v,
        }
    }
}

/// A named piece of infrastructure the candidate committed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Component {
    /// Canonical lower-case name ("kafka", "kubernetes", "redis", "vector database").
    pub name: String,
    /// Heavy machinery that needs load to justify it (Kafka, Kubernetes, service mesh, sharding,
    /// microservices, multi-region active-active, ...).
    pub heavy: bool,
}

/// What a sentence does in the conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Act {
    /// Asks the interviewer something.
    Ask,
    /// Says something without committing to a design.
    State,
    /// Commits to a component or a mechanism in this design.
    Decide,
    /// Works figures into a derived load, size, machine count or cost.
    Estimate,
    /// Weighs a trade-off.
    Weigh,
    /// Rules a concern out or waves it away.
    Dismiss,
    /// Puts a concern off without deciding it.
    Defer,
    /// Asks for the answer or for help instead of designing.
    Plea,
    /// Talks about the interview itself.
    Meta,
    /// Tells what happened elsewhere without making it a choice here.
    Anecdote,
}

/// What the analysis heard in one sentence: the per-sentence view behind [`TurnSignals`], as
/// `hotseat analyze` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceReading {
    /// The sentence, verbatim.
    pub quote: String,
    /// What it does (at least one).
    pub acts: Vec<Act>,
    /// The effects it claims.
    pub effects: Vec<Effect>,
    /// The figures it gives, normalised.
    pub quantities: Vec<Quantity>,
    /// Requirement topics it asks about.
    pub topics: BTreeSet<Topic>,
    /// Concerns it covers.
    pub concerns: Vec<Concern>,
    /// Concerns it dismisses or defers.
    pub dismissed: Vec<Concern>,
    /// Components it commits to.
    pub components: Vec<String>,
    /// Signals it shows: `tradeoff`, `quantified-tradeoff`, `cost`, `latency`, `estimate`,
    /// `vague`, `reason`, `unexplained`, `injection`.
    pub signals: Vec<&'static str>,
}

/// Everything one candidate turn shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct TurnSignals {
    /// The turn's number.
    pub turn: usize,
    /// When it was said.
    #[serde(with = "crate::serde_ms")]
    pub at: Duration,
    /// Words in the turn.
    pub words: usize,
    /// Questions asked, with their topics.
    pub questions: Vec<AskedQuestion>,
    /// Numbers given, with units.
    pub numbers: Vec<Quantity>,
    /// Sentences that estimate load or size (numbers combined into a derived figure).
    pub sizing: Vec<Evidence>,
    /// Components named, in order of first mention within the turn, without repeats.
    pub components: Vec<Component>,
    /// Sentences that weigh an alternative or name a cost of a choice.
    pub tradeoffs: Vec<Evidence>,
    /// Trade-off sentences that carry a number.
    pub quantified_tradeoffs: Vec<Evidence>,
    /// Sentences about cost or money.
    pub cost: Vec<Evidence>,
    /// Sentences about latency or response time.
    pub latency: Vec<Evidence>,
    /// Concerns (AI workload, security, observability, ...) with the sentence that raised each.
    pub concerns: BTreeMap<Concern, Evidence>,
    /// Vague claims with no number ("really fast", "tons of users", "infinitely scalable").
    pub vague: Vec<Evidence>,
    /// Text aimed at a grader or model rather than the interviewer ("ignore previous
    /// instructions", fake SYSTEM lines).
    pub injection: Vec<Evidence>,
    /// Sentences that justify a choice ("because", "so that", "since").
    pub justifications: Vec<Evidence>,
    /// Concerns the candidate ruled out, waved away or put off without deciding ("we don't need
    /// drift monitoring for v1", "security isn't my area"), with the sentence. A concern
    /// dismissed here is not in `concerns` unless another sentence of the turn covers it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dismissed: BTreeMap<Concern, Evidence>,
    /// Sentences that ask the interviewer for the answer or for help instead of designing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pleas: Vec<Evidence>,
    /// Sentences about the interview itself (time left, how it went, the interviewer's team).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meta: Vec<Evidence>,
    /// Sentences telling what happened elsewhere ("at my last job we ran Kafka") without making
    /// it a choice here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub anecdotes: Vec<Evidence>,
    /// Sentences that commit to a component with no reason in them or the next sentence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unexplained: Vec<Evidence>,
    /// Every figure given, with the sentence it was given in (for holding it against the facts).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<SaidFigure>,
    /// Worked sums whose result does not follow from their operands.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arithmetic: Vec<figures_check::ArithmeticSlip>,
}

/// A figure the candidate gave and the sentence it was in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SaidFigure {
    /// The figure.
    pub quantity: Quantity,
    /// Its sentence.
    pub evidence: Evidence,
}

/// The figures in any text (an interviewer's line, a fact of the hidden sheet), read the way a
/// candidate's are, so the two can be compared.
pub fn figures_in(text: &str) -> Vec<Quantity> {
    let lower = text.to_ascii_lowercase();
    sentences::split(text)
        .into_iter()
        .flat_map(|r| numbers::quantities(&text[r.clone()], &lower[r]))
        .collect()
}

impl TurnSignals {
    /// The requirement topics this turn asked about.
    pub fn topics_asked(&self) -> BTreeSet<Topic> {
        self.questions
            .iter()
            .flat_map(|q| q.topics.iter().copied())
            .collect()
    }

    /// Whether the turn asked at least one requirements question.
    pub fn clarifies(&self) -> bool {
        self.questions.iter().any(|q| !q.topics.is_empty())
    }
}

/// When something first happened in the round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moment {
    /// The turn.
    pub turn: usize,
    /// When.
    #[serde(with = "crate::serde_ms")]
    pub at: Duration,
}

/// What the candidate has shown so far, folded over their turns.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Analysis {
    /// Every candidate turn's signals, in order.
    pub turns: Vec<TurnSignals>,
    /// Topics asked about, with when each was first asked.
    pub topics_asked: BTreeMap<Topic, Moment>,
    /// Concerns raised, with when each was first raised.
    pub concerns: BTreeMap<Concern, Moment>,
    /// Components named, in order of first mention, with when.
    pub components: Vec<(Component, Moment)>,
    /// First requirements question.
    pub first_clarification: Option<Moment>,
    /// First component named (the design committing to something).
    pub first_component: Option<Moment>,
    /// First sizing estimate.
    pub first_sizing: Option<Moment>,
    /// First trade-off weighed.
    pub first_tradeoff: Option<Moment>,
    /// First trade-off with a number on it.
    pub first_quantified_tradeoff: Option<Moment>,
    /// First mention of cost.
    pub first_cost: Option<Moment>,
    /// First mention of latency.
    pub first_latency: Option<Moment>,
    /// Numbers given in all.
    pub numbers: usize,
    /// Words spoken in all.
    pub words: usize,
    /// What the round shows on each concern, on cost and on latency, read from what each
    /// sentence does (folded by [`Analysis::push_read`]; empty for turns pushed as signals alone).
    #[serde(skip)]
    pub substance: substance::Substance,
}

impl Analysis {
    /// Analyses these turns from scratch.
    pub fn of<'a>(turns: impl IntoIterator<Item = Utterance<'a>>) -> Self {
        let mut a = Self::default();
        for u in turns {
            let (signals, sentences) = read_turn(&u);
            a.push_read(signals, &sentences);
        }
        a
    }

    /// Folds one more turn in with its sentences as [`read_turn`] read them, so the substance
    /// fold sees what each sentence does.
    pub fn push_read(&mut self, t: TurnSignals, sentences: &[SentenceReading]) {
        self.substance.push(t.turn, t.at, sentences);
        self.push(t);
    }

    /// Folds one more turn in.
    pub fn push(&mut self, t: TurnSignals) {
        let now = Moment {
            turn: t.turn,
            at: t.at,
        };
        let first = |slot: &mut Option<Moment>, hit: bool| {
            if hit && slot.is_none() {
                *slot = Some(now);
            }
        };
        first(&mut self.first_clarification, t.clarifies());
        first(&mut self.first_component, !t.components.is_empty());
        first(&mut self.first_sizing, !t.sizing.is_empty());
        first(&mut self.first_tradeoff, !t.tradeoffs.is_empty());
        first(
            &mut self.first_quantified_tradeoff,
            !t.quantified_tradeoffs.is_empty(),
        );
        first(&mut self.first_cost, !t.cost.is_empty());
        first(&mut self.first_latency, !t.latency.is_empty());
        for topic in t.topics_asked() {
            self.topics_asked.entry(topic).or_insert(now);
        }
        for concern in t.concerns.keys() {
            self.concerns.entry(*concern).or_insert(now);
        }
        for c in &t.components {
            if !self.components.iter().any(|(seen, _)| seen.name == c.name) {
                self.components.push((c.clone(), now));
            }
        }
        self.numbers += t.numbers.len();
        self.words += t.words;
        self.turns.push(t);
    }

    /// The last turn's signals, if any.
    pub fn last(&self) -> Option<&TurnSignals> {
        self.turns.last()
    }

    /// Whether the candidate raised `concern` at any point.
    pub fn covered(&self, concern: Concern) -> bool {
        self.concerns.contains_key(&concern)
    }

    /// The question's hotspots the candidate has not reached yet, in the question's order.
    pub fn uncovered_hotspots<'q>(
        &self,
        question: &'q Question,
    ) -> Vec<&'q crate::question::Hotspot> {
        question
            .hotspots
            .iter()
            .filter(|h| !self.covered(h.concern))
            .collect()
    }

    /// The candidate's figures that sit an order of magnitude or more from a figure of the
    /// same kind in `given` (what the interviewer revealed), in the order said.
    pub fn contradictions(&self, given: &[Quantity]) -> Vec<figures_check::Contradiction> {
        let said: Vec<(Quantity, Evidence)> = self
            .turns
            .iter()
            .flat_map(|t| t.figures.iter())
            .map(|f| (f.quantity.clone(), f.evidence.clone()))
            .collect();
        figures_check::contradictions(given, &said)
    }

    /// Heavy components named before any sizing estimate.
    pub fn heavy_before_sizing(&self) -> Vec<&(Component, Moment)> {
        self.components
            .iter()
            .filter(|(c, m)| c.heavy && self.first_sizing.is_none_or(|s| m.turn < s.turn))
            .collect()
    }
}
