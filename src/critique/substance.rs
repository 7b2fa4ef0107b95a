//! Substance over mentions: what the round shows on each concern, on cost and on latency, read
//! from what each candidate sentence does (the spine's acts, effects and figures), not from the
//! words it contains.
//!
//! A concern counts as covered by a decision with a reason or a number in it (or a weighed
//! trade-off, or a worked estimate), or by a design that keeps returning to it; naming it in a
//! question, an anecdote, a plea or a list does not cover it, and every time the candidate waves
//! it away or puts it off counts against it. Cost is weighed when money is priced or traded, and
//! latency when a time is budgeted or traded, not when a word for either goes by.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::analysis::{Act, Quality, QuantityKind, SentenceReading};
use crate::question::Concern;

use super::read::{Reading, Spoken};
use super::report::Citation;
use super::rules::clip;

/// One candidate sentence, with where it was said.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Said<'a> {
    /// The turn.
    pub turn: &'a Spoken,
    /// What the analysis heard in it.
    pub reading: &'a SentenceReading,
}

impl Said<'_> {
    /// A citation of this sentence.
    pub fn cite(&self) -> Citation {
        Citation::new(self.turn.n, self.turn.at, clip(&self.reading.quote))
    }

    fn has(&self, act: Act) -> bool {
        self.reading.acts.contains(&act)
    }

    fn signal(&self, s: &str) -> bool {
        self.reading.signals.contains(&s)
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
            || PURPOSE.is_match(&self.reading.quote.to_ascii_lowercase())
            || self.signal("tradeoff")
            || self.signal("estimate")
            || self.has(Act::Weigh)
            || self.has(Act::Estimate)
            || !self.reading.quantities.is_empty()
    }

    /// Whether it commits to something in this design.
    pub fn decides(&self) -> bool {
        self.has(Act::Decide) || self.has(Act::Weigh) || self.has(Act::Estimate)
    }
}

/// Every candidate sentence of the round, in order.
pub(crate) fn said(reading: &Reading) -> Vec<Said<'_>> {
    reading
        .candidate()
        .flat_map(|t| {
            t.sentences.iter().map(move |r| Said {
                turn: t,
                reading: r,
            })
        })
        .collect()
}

/// What the round shows on one concern.
#[derive(Debug, Clone, Default)]
pub(crate) struct Shown {
    /// The first decision on it with a reason or a number.
    pub first: Option<Citation>,
    /// The first decision on it at all.
    pub first_decided: Option<Citation>,
    /// Decisions on it with a reason or a number.
    pub substantive: usize,
    /// Decisions on it without one.
    pub decided: usize,
    /// Statements about it in the design, neither decided nor grounded.
    pub mentions: usize,
    /// Sentences that waved it away or put it off, the first cited.
    pub dismissed: Vec<Citation>,
}

impl Shown {
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
}

/// Substance per concern, and whether cost and latency were weighed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Substance {
    /// Each concern the round touched.
    pub concerns: BTreeMap<Concern, Shown>,
    /// The first sentence that priced money (a money figure in a statement about cost), or the
    /// second that traded it.
    pub cost: Option<Citation>,
    /// The first sentence that budgeted or traded time.
    pub latency: Option<Citation>,
    /// Sentences that waved cost away ("budget is not a problem", "finance will handle it").
    pub cost_dismissed: Vec<Citation>,
}

impl Substance {
    /// Whether `c` was covered with substance (the bar for a hotspot).
    pub fn covered(&self, c: Concern) -> bool {
        self.concerns.get(&c).is_some_and(Shown::covered)
    }

    /// Whether `c` was raised in the design at all (the bar for "never came up").
    pub fn raised(&self, c: Concern) -> bool {
        self.concerns.get(&c).is_some_and(Shown::raised)
    }

    /// The first substantive sentence on `c`, when covered.
    pub fn evidence(&self, c: Concern) -> Option<&Citation> {
        self.concerns
            .get(&c)
            .filter(|s| s.covered())
            .and_then(|s| s.first.as_ref())
    }

    /// Whether cost was weighed (priced or traded, and more than waved away).
    pub fn cost_weighed(&self) -> bool {
        self.cost.is_some() || self.covered(Concern::CostPerRequest)
    }

    /// Whether latency was weighed.
    pub fn latency_weighed(&self) -> bool {
        self.latency.is_some()
    }
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

/// Components that are a cache, for classic questions whose hotspot is caching.
const CACHES: [&str; 3] = ["cache", "redis", "memcached"];

/// Reads the round's substance. `classic_cache` accepts a committed cache with a reason as
/// covering caching (a classic question's caching is not the model path's).
pub(crate) fn substance(reading: &Reading, classic_cache: bool) -> Substance {
    let all = said(reading);
    let mut out = Substance::default();
    let mut cost_traded: Vec<Citation> = Vec::new();
    for (i, s) in all.iter().enumerate() {
        let r = s.reading;
        // A reason often comes in the sentence after the decision, within the turn.
        let next = all
            .get(i + 1)
            .filter(|n| n.turn.n == s.turn.n && n.designs() && n.grounded());
        // Only a reason that stays on the subject: one about the same concern, or a bare
        // "because ..." that names nothing new.
        let next_grounds = |c: Concern| {
            next.is_some_and(|n| {
                let lower = n.reading.quote.to_ascii_lowercase();
                n.reading.concerns.contains(&c)
                    || (n.reading.concerns.is_empty()
                        && n.reading.components.is_empty()
                        && REASON_OPENERS.iter().any(|o| lower.starts_with(o)))
            })
        };
        for c in &r.dismissed {
            out.concerns.entry(*c).or_default().dismissed.push(s.cite());
        }
        let mut concerns: Vec<Concern> = r.concerns.clone();
        if classic_cache
            && !concerns.contains(&Concern::Caching)
            && r.components.iter().any(|c| CACHES.contains(&c.as_str()))
        {
            concerns.push(Concern::Caching);
        }
        for c in concerns {
            if !s.designs() {
                continue;
            }
            let shown = out.concerns.entry(c).or_default();
            // The spine only reports a concern a sentence covers (a decision, a mechanism, a
            // number, a reason); here it must be the design's, and for substance carry its
            // reason or number.
            let grounded = s.grounded() || next_grounds(c);
            if s.decides() && grounded {
                shown.substantive += 1;
                shown.first.get_or_insert_with(|| s.cite());
                shown.first_decided.get_or_insert_with(|| s.cite());
            } else if s.decides() || grounded {
                shown.decided += 1;
                shown.first_decided.get_or_insert_with(|| s.cite());
            } else {
                shown.mentions += 1;
                if shown.mentions >= 3 && shown.first.is_none() {
                    shown.first = Some(s.cite());
                }
            }
        }
        if !s.designs() {
            continue;
        }
        let weighs = r.acts.contains(&Act::Weigh) || s.signal("tradeoff");
        if s.signal("cost") {
            // Money, or the share of a resource a choice costs ("costs maybe 1% of capacity").
            let money = r
                .quantities
                .iter()
                .any(|q| matches!(q.kind, QuantityKind::Money | QuantityKind::Percent));
            // Weighed, or decided for a reason that is money ("spot, because it's much cheaper").
            let traded = (weighs || (s.decides() && s.signal("reason")))
                && r.effects.iter().any(|e| e.quality == Quality::Cost);
            let named = MONEY_WORDS.is_match(&r.quote.to_ascii_lowercase());
            if traded {
                cost_traded.push(s.cite());
            }
            // Money priced, or a trade-off that names money ("much cheaper than on-demand"), is
            // weighing cost; a price only implied ("add more GPUs") must come twice.
            if money || (traded && named) || cost_traded.len() >= 2 {
                out.cost.get_or_insert_with(|| s.cite());
            }
        }
        // What the sentence says outside quotation marks: a line quoted from the product or a
        // user ("it drops faster at high volume") is not the candidate's design.
        let unquoted = unquote(&r.quote).to_ascii_lowercase();
        if s.signal("latency") && LATENCY_WORDS.is_match(&unquoted) {
            let traded = weighs && r.effects.iter().any(|e| e.quality == Quality::Latency);
            // A decision made for the sake of response time; not "models are fast now" (vague),
            // and not a latency metric on a dashboard (watching it is not weighing it).
            // A budget put to work in the design ("streaming the first recipe keeps us inside 3
            // seconds", "at 100 ms p99 I'd rather start with trees").
            let budgeted = r.quantities.iter().any(|q| q.kind == QuantityKind::Time);
            // Or response time weighed in so many words ("a cross-region round trip is tens of
            // milliseconds"), not a vague "it'll be fast".
            let reasoned = !s.signal("vague")
                && !r.concerns.contains(&Concern::Observability)
                && STRICT_LATENCY.is_match(&unquoted);
            if budgeted || traded || reasoned || r.acts.contains(&Act::Estimate) {
                out.latency.get_or_insert_with(|| s.cite());
            }
        }
    }
    if std::env::var_os("HOTSEAT_DEBUG_SUBSTANCE").is_some() {
        eprintln!(
            "cost: {:?}\nlatency: {:?}",
            out.cost.as_ref().map(|c| &c.quote),
            out.latency.as_ref().map(|c| &c.quote)
        );
        for (c, s) in &out.concerns {
            eprintln!(
                "{}: covered={} raised={} sub={} decided={} mentions={} dismissed={} first={:?}",
                c.as_str(),
                s.covered(),
                s.raised(),
                s.substantive,
                s.decided,
                s.mentions,
                s.dismissed.len(),
                s.first.as_ref().map(|c| &c.quote)
            );
        }
    }
    if let Some(c) = out.concerns.get(&Concern::CostPerRequest) {
        out.cost_dismissed = c.dismissed.clone();
    }
    out
}
