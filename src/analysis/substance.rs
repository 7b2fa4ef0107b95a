//! Substance over mentions: what the round shows on each concern, on cost and on latency, folded
//! from what each candidate sentence does (its acts, effects and figures), not from the words it
//! contains. The interviewer's end-of-round summary and the critique read this one fold, so the two
//! never disagree about what was reached.
//!
//! A concern counts as covered by a decision with a reason or a number in it (or a weighed
//! trade-off, or a worked estimate), or by a design that keeps returning to it; naming it in a
//! question, an anecdote, a plea or a list does not cover it, and every time the candidate waves
//! it away or puts it off counts against it. Cost is weighed when money is priced or traded, and
//! latency when a time is budgeted or traded, not when a word for either goes by.

use std::collections::BTreeMap;
use std::sync::LazyLock;
use std::time::Duration;

use regex::Regex;

use super::{Act, Evidence, Quality, QuantityKind, SentenceReading};
use crate::question::Concern;

impl SentenceReading {
    fn has(&self, act: Act) -> bool {
        self.acts.contains(&act)
    }

    fn signal(&self, s: &str) -> bool {
        self.signals.contains(&s)
    }

    /// Whether the sentence speaks to the design rather than about it: not a question, a plea,
    /// talk about the interview or a story from elsewhere.
    pub fn designs(&self) -> bool {
        ![Act::Ask, Act::Plea, Act::Meta, Act::Anecdote]
            .iter()
            .any(|a| self.has(*a))
    }

    /// Whether it gives a reason (the spine's, or a purpose: "so the server only stores
    /// ciphertext", "to limit abuse"), a figure, a weighed trade-off or a worked estimate.
    pub fn grounded(&self) -> bool {
        self.signal("reason")
            || PURPOSE.is_match(&self.quote.to_ascii_lowercase())
            || self.signal("tradeoff")
            || self.signal("estimate")
            || self.has(Act::Weigh)
            || self.has(Act::Estimate)
            || !self.quantities.is_empty()
    }

    /// Whether it commits to something in this design.
    pub fn decides(&self) -> bool {
        self.has(Act::Decide) || self.has(Act::Weigh) || self.has(Act::Estimate)
    }
}

/// What the round shows on one concern, each sentence cited as `C` (the spine's [`Evidence`]; the
/// critique maps it to its own citations with [`Shown::map`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Shown<C = Evidence> {
    /// The first decision on it with a reason or a number (or the third mention in a design
    /// that keeps returning to it).
    pub first: Option<C>,
    /// The first decision on it at all.
    pub first_decided: Option<C>,
    /// Decisions on it with a reason or a number.
    pub substantive: usize,
    /// Decisions on it without one.
    pub decided: usize,
    /// Statements about it in the design, neither decided nor grounded.
    pub mentions: usize,
    /// Sentences that waved it away or put it off, in order.
    pub dismissed: Vec<C>,
}

impl<C> Default for Shown<C> {
    fn default() -> Self {
        Shown {
            first: None,
            first_decided: None,
            substantive: 0,
            decided: 0,
            mentions: 0,
            dismissed: Vec::new(),
        }
    }
}

impl<C> Shown<C> {
    /// Covered with substance: a decision with a reason or a number at least as often as it was
    /// waved away, or, with none, a design that returned to it three times for each dismissal.
    pub fn covered(&self) -> bool {
        if self.substantive > 0 {
            self.substantive >= self.dismissed.len()
        } else {
            (self.decided + self.mentions) / 3 > self.dismissed.len()
        }
    }

    /// Raised in the design: said in a statement of the design (decided on or not) more often
    /// than it was waved away, or at least as often once something was decided on it.
    pub fn raised(&self) -> bool {
        let said = self.substantive + self.decided + self.mentions;
        if self.substantive + self.decided > 0 {
            said >= self.dismissed.len()
        } else {
            said > self.dismissed.len()
        }
    }

    /// The same counts with each sentence cited by `cite`.
    pub fn map<D>(&self, cite: impl Fn(&C) -> D) -> Shown<D> {
        Shown {
            first: self.first.as_ref().map(&cite),
            first_decided: self.first_decided.as_ref().map(&cite),
            substantive: self.substantive,
            decided: self.decided,
            mentions: self.mentions,
            dismissed: self.dismissed.iter().map(&cite).collect(),
        }
    }

    /// The first substantive sentence, when covered.
    pub fn evidence(&self) -> Option<&C> {
        self.first.as_ref().filter(|_| self.covered())
    }
}

impl Shown {
    /// The two folded together (a cache component read as the caching concern), first sentences
    /// the earlier of the two.
    fn merged(&self, other: &Shown) -> Shown {
        let earlier = |a: &Option<Evidence>, b: &Option<Evidence>| match (a, b) {
            (Some(x), Some(y)) => Some(if y.turn < x.turn { y } else { x }.clone()),
            (x, y) => x.clone().or_else(|| y.clone()),
        };
        let mut dismissed = self.dismissed.clone();
        dismissed.extend(
            other
                .dismissed
                .iter()
                .filter(|d| !self.dismissed.contains(d))
                .cloned(),
        );
        Shown {
            first: earlier(&self.first, &other.first),
            first_decided: earlier(&self.first_decided, &other.first_decided),
            substantive: self.substantive + other.substantive,
            decided: self.decided + other.decided,
            mentions: self.mentions + other.mentions,
            dismissed,
        }
    }
}

/// Substance per concern, and whether cost and latency were weighed, folded turn by turn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Substance {
    /// Each concern the round touched.
    concerns: BTreeMap<Concern, Shown>,
    /// Decisions on a cache component (Redis, Memcached, "a cache") not otherwise read as the
    /// caching concern: on a classic question they are its caching hotspot; on a model workload,
    /// whose caching is the model path's, they are not.
    cache_components: Shown,
    /// The first sentence that priced money (a money figure in a statement about cost), or the
    /// second that traded it.
    pub cost: Option<Evidence>,
    /// The first sentence that budgeted or traded time.
    pub latency: Option<Evidence>,
    /// Sentences that traded cost so far.
    cost_traded: usize,
}

/// How a sentence that only gives the reason for the one before it opens.
const REASON_OPENERS: [&str; 8] = [
    "because",
    "since",
    "so that",
    "that way",
    "otherwise",
    "which",
    "this is because",
    "the reason",
];

/// Connectives that give a choice its purpose or consequence.
static PURPOSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:because|since|so that|so (?:we|the|it|they|that|only|no|nothing|a|an|each|every|users?|clients?)|in order to|which means|that way|otherwise|to (?:avoid|keep|limit|prevent|protect|stop|guarantee|ensure|make sure|catch|detect|block|reduce|cut|save|absorb|handle|survive))\b",
    )
    .unwrap_or_else(|e| panic!("purpose words: {e}"))
});

/// `s` without the parts between quotation marks.
fn unquote(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut inside = false;
    for c in s.chars() {
        match c {
            '"' => inside = !inside,
            '“' => inside = true,
            '”' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// Words that name response time outright ("gets us to market sooner" is not latency).
static LATENCY_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:latenc\w*|milliseconds?|ms|seconds?|p9\d|p50|response times?|round[- ]trips?|real[- ]time|first token|ttft|fast(?:er)?|slow(?:er)?|snappy|instant\w*|tail)\b",
    )
    .unwrap_or_else(|e| panic!("latency words: {e}"))
});

/// Words that name response time and nothing else.
static STRICT_LATENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:latenc\w*|milliseconds?|ms|p9\d|p50|response times?|round[- ]trips?|real[- ]time|first token|ttft)\b")
        .unwrap_or_else(|e| panic!("latency words: {e}"))
});

/// Words that name money outright.
static MONEY_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:cheap\w*|costly|expensive|pricier|pricey|budget|spend\w*|bills?|dollars?|cents?|money|savings?|cost per \w+)\b|[$€£]")
        .unwrap_or_else(|e| panic!("money words: {e}"))
});

/// Components that are a cache.
const CACHES: [&str; 3] = ["cache", "redis", "memcached"];

impl Substance {
    /// Folds one candidate turn in: its number, when it was said, and its sentences as
    /// [`super::read_turn`] read them.
    pub fn push(&mut self, turn: usize, at: Duration, sentences: &[SentenceReading]) {
        let cite = |r: &SentenceReading| Evidence {
            turn,
            at,
            quote: r.quote.trim().to_string(),
        };
        for (i, r) in sentences.iter().enumerate() {
            // A reason often comes in the sentence after the decision, within the turn.
            let next = sentences.get(i + 1).filter(|n| n.designs() && n.grounded());
            // Only a reason that stays on the subject: one about the same concern, or a bare
            // "because ..." that names nothing new.
            let next_grounds = |c: Concern| {
                next.is_some_and(|n| {
                    let lower = n.quote.trim_start().to_ascii_lowercase();
                    n.concerns.contains(&c)
                        || (n.concerns.is_empty()
                            && n.components.is_empty()
                            && REASON_OPENERS.iter().any(|o| lower.starts_with(o)))
                })
            };
            for c in &r.dismissed {
                self.concerns.entry(*c).or_default().dismissed.push(cite(r));
            }
            if !r.designs() {
                continue;
            }
            let grounded = |c: Concern| r.grounded() || next_grounds(c);
            let tally = |shown: &mut Shown, grounded: bool| {
                // The spine only reports a concern a sentence covers (a decision, a mechanism, a
                // number, a reason); here it must be the design's, and for substance carry its
                // reason or number.
                if r.decides() && grounded {
                    shown.substantive += 1;
                    shown.first.get_or_insert_with(|| cite(r));
                    shown.first_decided.get_or_insert_with(|| cite(r));
                } else if r.decides() || grounded {
                    shown.decided += 1;
                    shown.first_decided.get_or_insert_with(|| cite(r));
                } else {
                    shown.mentions += 1;
                    if shown.mentions >= 3 && shown.first.is_none() {
                        shown.first = Some(cite(r));
                    }
                }
            };
            for c in &r.concerns {
                tally(self.concerns.entry(*c).or_default(), grounded(*c));
            }
            if !r.concerns.contains(&Concern::Caching)
                && r.components.iter().any(|c| CACHES.contains(&c.as_str()))
            {
                tally(&mut self.cache_components, grounded(Concern::Caching));
            }
            self.weigh_cost_and_latency(r, cite(r));
        }
    }

    fn weigh_cost_and_latency(&mut self, r: &SentenceReading, cite: Evidence) {
        let weighs = r.has(Act::Weigh) || r.signal("tradeoff");
        if r.signal("cost") {
            // Money, or the share of a resource a choice costs ("costs maybe 1% of capacity").
            let money = r
                .quantities
                .iter()
                .any(|q| matches!(q.kind, QuantityKind::Money | QuantityKind::Percent));
            // Weighed, or decided for a reason that is money ("spot, because it's much cheaper").
            let traded = (weighs || (r.decides() && r.signal("reason")))
                && r.effects.iter().any(|e| e.quality == Quality::Cost);
            let named = MONEY_WORDS.is_match(&r.quote.to_ascii_lowercase());
            if traded {
                self.cost_traded += 1;
            }
            // Money priced, or a trade-off that names money ("much cheaper than on-demand"), is
            // weighing cost; a price only implied ("add more GPUs") must come twice.
            if money || (traded && named) || self.cost_traded >= 2 {
                self.cost.get_or_insert_with(|| cite.clone());
            }
        }
        // What the sentence says outside quotation marks: a line quoted from the product or a
        // user ("it drops faster at high volume") is not the candidate's design.
        let unquoted = unquote(&r.quote).to_ascii_lowercase();
        if r.signal("latency") && LATENCY_WORDS.is_match(&unquoted) {
            let traded = weighs && r.effects.iter().any(|e| e.quality == Quality::Latency);
            // A budget put to work in the design ("streaming the first recipe keeps us inside 3
            // seconds", "at 100 ms p99 I'd rather start with trees").
            let budgeted = r.quantities.iter().any(|q| q.kind == QuantityKind::Time);
            // Or response time weighed in so many words ("a cross-region round trip is tens of
            // milliseconds"), not a vague "it'll be fast", and not a latency metric on a
            // dashboard (watching it is not weighing it).
            let reasoned = !r.signal("vague")
                && !r.concerns.contains(&Concern::Observability)
                && STRICT_LATENCY.is_match(&unquoted);
            if budgeted || traded || reasoned || r.has(Act::Estimate) {
                self.latency.get_or_insert(cite);
            }
        }
    }

    /// What the round shows on `c`. `classic_cache`: a committed cache component counts toward
    /// caching (a classic question's caching hotspot, not a model workload's).
    pub fn shown(&self, c: Concern, classic_cache: bool) -> Option<Shown> {
        let own = self.concerns.get(&c);
        if c == Concern::Caching && classic_cache && self.cache_components != Shown::default() {
            return Some(match own {
                Some(s) => s.merged(&self.cache_components),
                None => self.cache_components.clone(),
            });
        }
        own.cloned()
    }

    /// Every concern the round touched, with what it shows, in the concerns' order.
    pub fn all(&self, classic_cache: bool) -> BTreeMap<Concern, Shown> {
        let mut out = self.concerns.clone();
        if let Some(s) = self.shown(Concern::Caching, classic_cache) {
            out.insert(Concern::Caching, s);
        }
        out
    }

    /// Whether `c` was covered with substance (the bar for a hotspot).
    pub fn covered(&self, c: Concern, classic_cache: bool) -> bool {
        self.shown(c, classic_cache).is_some_and(|s| s.covered())
    }

    /// Whether cost was weighed (priced or traded, and more than waved away).
    pub fn cost_weighed(&self) -> bool {
        self.cost.is_some() || self.covered(Concern::CostPerRequest, false)
    }

    /// Whether latency was weighed.
    pub fn latency_weighed(&self) -> bool {
        self.latency.is_some()
    }
}
