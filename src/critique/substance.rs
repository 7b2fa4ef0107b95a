//! Substance over mentions, cited for the report: the spine's fold of what the round shows on
//! each concern, on cost and on latency (`analysis::substance`, which defines the bars), with
//! each sentence cited at its turn's time.

use std::collections::BTreeMap;

use crate::analysis::substance as spine;
use crate::analysis::{Evidence, SentenceReading};
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

    /// Whether the sentence speaks to the design rather than about it (the spine's reading).
    pub fn designs(&self) -> bool {
        self.reading.designs()
    }

    /// Whether it commits to something in this design (the spine's reading).
    pub fn decides(&self) -> bool {
        self.reading.decides()
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

/// What the round shows on one concern, cited for the report.
pub(crate) type Shown = spine::Shown<Citation>;

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

/// Reads the round's substance from the spine's fold (`analysis::substance`), cited for the
/// report. `classic_cache` accepts a committed cache with a reason as covering caching (a classic
/// question's caching is not the model path's).
pub(crate) fn substance(reading: &Reading, classic_cache: bool) -> Substance {
    let spine = &reading.analysis.substance;
    // Cited at the turn's time as the reading placed it (given, or estimated for an import).
    let cite = |e: &Evidence| {
        let at = reading.turn(e.turn).map_or(e.at, |t| t.at);
        Citation::new(e.turn, at, clip(&e.quote))
    };
    let shown = |s: &spine::Shown| s.map(cite);
    let mut out = Substance {
        concerns: spine
            .all(classic_cache)
            .iter()
            .map(|(c, s)| (*c, shown(s)))
            .collect(),
        cost: spine.cost.as_ref().map(cite),
        latency: spine.latency.as_ref().map(cite),
        cost_dismissed: Vec::new(),
    };
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
