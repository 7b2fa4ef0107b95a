//! Detectors over one turn: split it into sentences, then read each sentence once for its
//! quantities, its question, and every word list at the same time.
//!
//! Sentence-level evidence keeps quotes verbatim (every quote is a trimmed substring of the turn)
//! and lets detectors combine: a trade-off is "quantified" when its own sentence carries a number,
//! and a claim is "vague" only when its own sentence has none.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::RegexSet;

use super::components::components;
use super::concerns::CONCERNS;
use super::lexicon::{
    COST, INJECTION, JUSTIFICATION, LATENCY, ROLE_LINE, SIZING_CUE, SIZING_FOLLOW_ON, TRADEOFF,
    VAGUE,
};
use super::matcher::{Rule, set};
use super::questions::lowered_question_start;
use super::topics::topics;
use super::{
    AskedQuestion, Evidence, Quantity, QuantityKind, TurnSignals, Utterance, numbers, sentences,
};
use crate::question::Concern;

/// What a word list of the sentence scan detects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Tradeoff,
    Cost,
    Latency,
    Vague,
    Injection,
    RoleLine,
    Justification,
    SizingCue,
    SizingFollowOn,
    Concern(Concern),
}

/// Every sentence-level word list, and one [`RegexSet`] over all of them: scanning a sentence once
/// for ~20 lists is several times faster than ~20 scans, which matters for 18,000-word rounds.
struct Scan {
    rules: Vec<(Slot, &'static Rule)>,
    set: RegexSet,
}

static SCAN: LazyLock<Scan> = LazyLock::new(|| {
    let mut rules: Vec<(Slot, &'static Rule)> = vec![
        (Slot::Tradeoff, &*TRADEOFF),
        (Slot::Cost, &*COST),
        (Slot::Latency, &*LATENCY),
        (Slot::Vague, &*VAGUE),
        (Slot::Injection, &*INJECTION),
        (Slot::RoleLine, &*ROLE_LINE),
        (Slot::Justification, &*JUSTIFICATION),
        (Slot::SizingCue, &*SIZING_CUE),
        (Slot::SizingFollowOn, &*SIZING_FOLLOW_ON),
    ];
    rules.extend(CONCERNS.iter().map(|(c, r)| (Slot::Concern(*c), r)));
    let set = set(rules.iter().map(|(_, r)| *r));
    Scan { rules, set }
});

/// Reads one candidate turn into its signals.
pub fn analyze_turn(u: &Utterance<'_>) -> TurnSignals {
    let text = u.text;
    // Every word list matches lowered text; byte offsets are the same, so quotes come from `text`.
    let lower = text.to_ascii_lowercase();
    let spans = sentences::split(text);
    let sentence = |i: usize| &text[spans[i].clone()];
    let evidence = |i: usize| Evidence {
        turn: u.turn,
        at: u.at,
        quote: sentence(i).to_string(),
    };
    let evidences = |idx: Vec<usize>| idx.into_iter().map(evidence).collect::<Vec<_>>();

    let quantities: Vec<Vec<Quantity>> = (0..spans.len())
        .map(|i| numbers::quantities(sentence(i), &lower[spans[i].clone()]))
        .collect();
    let has_number = |i: &usize| !quantities[*i].is_empty();

    let mut questions = Vec::new();
    let mut asks = vec![false; spans.len()];
    // Requirement questions name components without committing to them ("do we have GPUs?").
    let mut requirement_asks: Vec<Range<usize>> = Vec::new();
    for (i, r) in spans.iter().enumerate() {
        let Some(offset) = lowered_question_start(&lower[r.clone()]) else {
            continue;
        };
        let asked = &text[r.start + offset..r.end];
        let quote = r.end - asked.trim_start().len()..r.end;
        let topics = topics(&lower[quote.clone()]);
        if !topics.is_empty() {
            requirement_asks.push(quote.clone());
        }
        asks[i] = true;
        questions.push(AskedQuestion {
            quote: text[quote].to_string(),
            topics,
        });
    }

    let mut hits = Hits::default();
    for (i, span) in spans.iter().enumerate() {
        let s = &lower[span.clone()];
        for k in SCAN.set.matches(s).iter() {
            let (slot, rule) = SCAN.rules[k];
            // Sizing cues only matter next to a number; skip confirming them elsewhere.
            if matches!(slot, Slot::SizingCue | Slot::SizingFollowOn) && !has_number(&i) {
                continue;
            }
            // The set cannot tell a skip-phrase from a hit; the rule itself can.
            if rule.has_skips() && !rule.is_match(s) {
                continue;
            }
            if slot == Slot::RoleLine && !starts_line(text, span.start) {
                continue;
            }
            hits.record(slot, i);
        }
    }

    let quantified = hits.tradeoff.iter().copied().filter(has_number).collect();
    let vague = (hits.vague.iter().copied())
        .filter(|i| !has_number(i) && !asks[*i])
        .collect();
    let sizing = (0..spans.len())
        .filter(|&i| {
            let n = quantities[i].len();
            let carries_on = i > 0 && !quantities[i - 1].is_empty();
            let worked = (n >= 2 && hits.sizing_cue.contains(&i))
                || (n >= 1 && carries_on && hits.sizing_follow_on.contains(&i));
            worked && estimates_load(&quantities[i])
        })
        .collect();
    let concerns = (hits.concerns.iter())
        .map(|(c, i)| (*c, evidence(*i)))
        .collect();

    TurnSignals {
        turn: u.turn,
        at: u.at,
        words: text.split_whitespace().count(),
        questions,
        numbers: quantities.into_iter().flatten().collect(),
        sizing: evidences(sizing),
        components: components(&lower, &spans, &requirement_asks),
        tradeoffs: evidences(hits.tradeoff.clone()),
        quantified_tradeoffs: evidences(quantified),
        cost: evidences(hits.cost),
        latency: evidences(hits.latency),
        concerns,
        vague: evidences(vague),
        injection: evidences(hits.injection),
        justifications: evidences(hits.justification),
        dismissed: BTreeMap::new(),
        pleas: Vec::new(),
        meta: Vec::new(),
        anecdotes: Vec::new(),
        unexplained: Vec::new(),
    }
}

/// Whether a sentence's figures estimate load, size, machines or money: a rate, a size, hardware,
/// money or a population among them, or three figures worked together. Long unpunctuated speech
/// otherwise passes for an estimate whenever two loose figures share a run with "each" ("each org
/// ... thousands of meetings ... the 5 minute target").
fn estimates_load(figures: &[Quantity]) -> bool {
    figures.len() >= 3
        || figures.iter().any(|q| {
            matches!(
                q.kind,
                QuantityKind::Rate
                    | QuantityKind::Size
                    | QuantityKind::Hardware
                    | QuantityKind::Money
                    | QuantityKind::Population
            )
        })
}

/// Sentence indices hit by each word list, in sentence order.
#[derive(Default)]
struct Hits {
    tradeoff: Vec<usize>,
    cost: Vec<usize>,
    latency: Vec<usize>,
    vague: Vec<usize>,
    injection: Vec<usize>,
    justification: Vec<usize>,
    sizing_cue: Vec<usize>,
    sizing_follow_on: Vec<usize>,
    /// The first sentence that raised each concern.
    concerns: BTreeMap<Concern, usize>,
}

impl Hits {
    fn record(&mut self, slot: Slot, i: usize) {
        let list = match slot {
            Slot::Tradeoff => &mut self.tradeoff,
            Slot::Cost => &mut self.cost,
            Slot::Latency => &mut self.latency,
            Slot::Vague => &mut self.vague,
            // A sentence with both an injected phrase and a role prefix is one piece of evidence.
            Slot::Injection | Slot::RoleLine => &mut self.injection,
            Slot::Justification => &mut self.justification,
            Slot::SizingCue => &mut self.sizing_cue,
            Slot::SizingFollowOn => &mut self.sizing_follow_on,
            Slot::Concern(c) => {
                self.concerns.entry(c).or_insert(i);
                return;
            }
        };
        if list.last() != Some(&i) {
            list.push(i);
        }
    }
}

/// Whether byte `start` of `text` begins a line (only spaces or tabs before it on its line).
fn starts_line(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with('\n') || before.ends_with('\r')
}
