//! Detectors over one turn: split it into sentences, then read each sentence once for its
//! quantities, its question, and every word list at the same time.
//!
//! Sentence-level evidence keeps quotes verbatim (every quote is a trimmed substring of the turn)
//! and lets detectors combine: a trade-off is "quantified" when its own sentence carries a number,
//! and a claim is "vague" only when its own sentence has none.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::LazyLock;

use regex::RegexSet;

use super::acts::{self, SentenceActs};
use super::canon::Canon;
use super::components::is_component_phrase;
use super::components::mentions;
use super::concerns::{CATEGORY_NAMES, CONCERN_NAMES, CONCERNS};
use super::effects::{self, Effect, Quality};
use super::lexicon::{
    COST, INJECTION, JUSTIFICATION, LATENCY, ROLE_LINE, SIZING_CUE, SIZING_FOLLOW_ON, TRADEOFF,
    VAGUE,
};
use super::matcher::{Rule, set};
use super::questions::lowered_question_start;
use super::topics::topics;
use super::{
    Act, AskedQuestion, Component, Evidence, Quantity, QuantityKind, SaidFigure, SentenceReading,
    TurnSignals, Utterance, figures_check, numbers, sentences,
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
    read_turn(u).0
}

/// Reads one candidate turn into its signals and what each sentence was heard to do (for
/// `hotseat analyze` and anyone asking why a signal fired).
pub fn read_turn(u: &Utterance<'_>) -> (TurnSignals, Vec<SentenceReading>) {
    let text = u.text;
    // Every word list matches lowered text; byte offsets are the same, so quotes come from `text`.
    let lower = text.to_ascii_lowercase();
    let spans = sentences::split(text);
    let n = spans.len();
    let canons: Vec<Canon<'_>> = spans.iter().map(|r| Canon::of(&lower[r.clone()])).collect();
    let canon = |i: usize| canons[i].text.as_ref();
    let sentence = |i: usize| &text[spans[i].clone()];
    let evidence = |i: usize| Evidence {
        turn: u.turn,
        at: u.at,
        quote: sentence(i).to_string(),
    };
    let evidences = |idx: &[usize]| idx.iter().map(|&i| evidence(i)).collect::<Vec<_>>();

    let quantities: Vec<Vec<Quantity>> = (0..n)
        .map(|i| numbers::quantities(sentence(i), &lower[spans[i].clone()]))
        .collect();
    let has_number = |i: &usize| !quantities[*i].is_empty();
    let sentence_acts: Vec<SentenceActs> = (0..n).map(|i| acts::acts(canon(i))).collect();
    let sentence_effects: Vec<Vec<Effect>> = (0..n).map(|i| effects::effects(canon(i))).collect();

    // Questions: where each asks, in the canonical sentence, and what about.
    let mut questions = Vec::new();
    let mut asked_from: Vec<Option<usize>> = vec![None; n];
    let mut skip_components: Vec<Range<usize>> = Vec::new();
    for i in 0..n {
        let c = canon(i);
        let Some(offset) = lowered_question_start(c) else {
            continue;
        };
        let offset = offset + (c[offset..].len() - c[offset..].trim_start().len());
        asked_from[i] = Some(offset);
        let orig = spans[i].start + canons[i].original(offset);
        skip_components.push(orig..spans[i].end);
        let a = &sentence_acts[i];
        let topics = if a.plea
            || a.meta
            || (!a.dismissed.is_empty() && offset > 0)
            || rhetorical(i, &canons, &sentence_acts)
        {
            BTreeSet::new()
        } else {
            topics(&c[offset..])
        };
        questions.push(AskedQuestion {
            quote: text[orig..spans[i].end].trim().to_string(),
            topics,
        });
    }
    for (i, a) in sentence_acts.iter().enumerate() {
        if a.anecdote || a.plea {
            skip_components.push(spans[i].clone());
        }
    }

    // A sentence that only names things ("a Kafka cluster, a Flink job and a feature store") or
    // hedges them ("and monitoring, I guess") shows no substance for the concerns it names.
    let bare: Vec<bool> = (0..n)
        .map(|i| {
            let c = canon(i);
            sentence_effects[i].is_empty()
                && quantities[i].is_empty()
                && !CADENCE.is_match(c)
                && !CONDITION.is_match(c)
                && !REASON.is_match(c)
                && !super::lexicon::JUSTIFICATION.is_match(c)
        })
        .collect();
    let listed = mentions(&lower, &spans, &[]);
    let listing: Vec<bool> = (0..n)
        .map(|i| bare[i] && listed.iter().filter(|(_, s)| *s == i).count() >= 2)
        .collect();
    let hedged: Vec<bool> = (0..n)
        .map(|i| HEDGE.is_match(canon(i)) && bare[i])
        .collect();
    let mut hits = Hits::default();
    let mut concern_sets: Vec<BTreeSet<Concern>> = vec![BTreeSet::new(); n];
    let mut dismissed_sets: Vec<BTreeSet<Concern>> = vec![BTreeSet::new(); n];
    for i in 0..n {
        let s = canon(i);
        let a = &sentence_acts[i];
        for k in SCAN.set.matches(s).iter() {
            let (slot, rule) = SCAN.rules[k];
            // Sizing cues only matter next to a number; skip confirming them elsewhere.
            if matches!(slot, Slot::SizingCue | Slot::SizingFollowOn) && !has_number(&i) {
                continue;
            }
            if let Slot::Concern(concern) = slot {
                // A concern counts where it is decided, not where it is asked about, dismissed,
                // or told as a story.
                let mut covered = false;
                let mut waved = false;
                for h in rule.hits(s) {
                    if a.dismisses(h.start) {
                        waved = true;
                    } else if asked_from[i].is_none_or(|q| h.start < q)
                        && !(a.anecdote || a.plea || a.meta || hedged[i])
                    {
                        covered = true;
                    }
                }
                // A concern only named ("security", "the pipeline", "monitoring") in a sentence
                // with no reason, effect or figure is a mention, not a decision.
                let named_only = bare[i]
                    && CATEGORY_NAMES
                        .iter()
                        .find(|(c, _)| *c == concern)
                        .is_some_and(|(_, names)| {
                            rule.hits(s).all(|h| {
                                names
                                    .find(&s[h.clone()])
                                    .is_some_and(|m| m.len() + 2 >= h.len())
                            })
                        });
                if covered
                    && !named_only
                    && !(listing[i] && rule.hits(s).all(|h| is_component_phrase(&s[h])))
                {
                    concern_sets[i].insert(concern);
                } else if waved {
                    dismissed_sets[i].insert(concern);
                }
                continue;
            }
            // The set cannot tell a skip-phrase from a hit; the rule itself can.
            if rule.has_skips() && !rule.is_match(s) {
                continue;
            }
            if slot == Slot::RoleLine && !starts_line(text, spans[i].start) {
                continue;
            }
            hits.record(slot, i);
        }
        // A plain cache counts as caching where the sentence says what it buys ("a cache
        // instead of more replicas trades 5 minutes of staleness for 80% fewer reads").
        if !(sentence_effects[i].is_empty() || a.anecdote || a.plea || a.meta || hedged[i])
            && asked_from[i].is_none()
            && GENERIC_CACHE.find_iter(s).any(|m| !a.dismisses(m.start()))
        {
            concern_sets[i].insert(Concern::Caching);
        }
        // Inside a dismissal a concern's plain name is enough ("cost isn't a big deal").
        if !a.dismissed.is_empty() {
            for (concern, name) in CONCERN_NAMES.iter() {
                if !concern_sets[i].contains(concern)
                    && name.find_iter(s).any(|m| a.dismisses(m.start()))
                {
                    dismissed_sets[i].insert(*concern);
                }
            }
        }
        for e in &sentence_effects[i] {
            match e.quality {
                Quality::Cost if !(a.plea || a.meta) => hits.record(Slot::Cost, i),
                Quality::Latency if !(a.plea || a.meta) => hits.record(Slot::Latency, i),
                _ => {}
            }
        }
        if a.plea {
            hits.pleas.push(i);
        }
        if a.meta {
            hits.meta.push(i);
            // "Was I going too fast?" is about the candidate's pace, not the system's.
            hits.latency.retain(|&j| j != i);
        }
        if a.anecdote {
            hits.anecdotes.push(i);
        }
    }
    hits.cost.sort_unstable();
    hits.cost.dedup();
    // "It costs us a round trip" is time, not money.
    hits.cost.retain(|&i| super::money::is_money(canon(i)));
    hits.latency.sort_unstable();
    hits.latency.dedup();

    // Trade-offs: opposing effects, or a named alternative with something it wins or costs,
    // within a sentence or across a sentence and the one that answers it.
    let mut tradeoffs: Vec<usize> = Vec::new();
    let mut quantified: Vec<usize> = Vec::new();
    for i in 0..n {
        let a = &sentence_acts[i];
        if a.anecdote || a.plea || a.meta || asked_from[i] == Some(0) {
            continue;
        }
        let s = canon(i);
        let joined = i + 1 < n && effects::continues(canon(i + 1)) && asked_from[i + 1].is_none();
        let window: Vec<Effect> = if joined {
            sentence_effects[i]
                .iter()
                .chain(&sentence_effects[i + 1])
                .copied()
                .collect()
        } else {
            sentence_effects[i].clone()
        };
        let price = window.iter().any(|e| e.valence == effects::Valence::Price);
        let moving_on = effects::moves_on(s);
        let marker = hits.tradeoff.contains(&i) && effects::weighing_marker(s);
        let weighs = effects::opposing(&window)
            || effects::contrasted(s)
            || (effects::names_alternative(s) && hits.justification.contains(&i))
            || (joined && effects::contrasted(&format!("{s} ; {}", canon(i + 1))))
            || ((effects::names_alternative(s) || hits.tradeoff.contains(&i))
                && (price || !window.is_empty() || (effects::names_quality(s) && !moving_on)))
            || (marker && effects::weighs_the_design(s))
            || (marker
                && (!window.is_empty()
                    || (effects::names_quality(s) && !moving_on)
                    || (joined && effects::names_quality(canon(i + 1)))));
        if !weighs {
            continue;
        }
        tradeoffs.push(i);
        let magnitude = |j: usize| has_number(&j) || effects::has_magnitude(canon(j));
        if magnitude(i) || (joined && magnitude(i + 1)) {
            quantified.push(i);
        }
    }

    let vague: Vec<usize> = (hits.vague.iter().copied())
        .filter(|i| {
            !has_number(i) && asked_from[*i].is_none() && !effects::has_magnitude(canon(*i))
        })
        .collect();
    let sizing: Vec<usize> = (0..n)
        .filter(|&i| {
            let k = quantities[i].len();
            let carries_on = i > 0 && !quantities[i - 1].is_empty();
            let worked = (k >= 2 && hits.sizing_cue.contains(&i))
                || (k >= 1 && carries_on && hits.sizing_follow_on.contains(&i))
                || (k >= 2 && derives(sentence(i), &quantities[i]));
            worked && estimates_load(&quantities[i]) && !sentence_acts[i].anecdote
        })
        .collect();

    let mentions = mentions(&lower, &spans, &skip_components);
    let mut components: Vec<Component> = Vec::new();
    for (c, _) in &mentions {
        match components.iter_mut().find(|seen| seen.name == c.name) {
            Some(seen) => seen.heavy |= c.heavy,
            None => components.push(c.clone()),
        }
    }
    let reasoned = |i: usize| {
        tradeoffs.contains(&i)
            || hits.justification.contains(&i)
            || REASON.is_match(canon(i))
            || !sentence_effects[i].is_empty()
    };
    let mut unexplained: Vec<usize> = mentions
        .iter()
        .map(|(_, i)| *i)
        .filter(|&i| {
            !(reasoned(i) || (i + 1 < n && reasoned(i + 1) && REASON_OPENS.is_match(canon(i + 1))))
        })
        .collect();
    unexplained.dedup();

    // "PII in the logs? Meh, I wouldn't worry about it.": a dismissal of "it" dismisses what the
    // short sentence before it named.
    for i in 1..n {
        if sentence_acts[i].dismissed.is_empty()
            || !POINTS_BACK.is_match(canon(i))
            || sentence(i - 1).split_whitespace().count() > 8
        {
            continue;
        }
        for (concern, name) in CONCERN_NAMES.iter() {
            if name.is_match(canon(i - 1)) && !concern_sets[i - 1].contains(concern) {
                dismissed_sets[i - 1].insert(*concern);
            }
        }
    }
    let mut concerns: BTreeMap<Concern, Evidence> = BTreeMap::new();
    let mut dismissed: BTreeMap<Concern, Evidence> = BTreeMap::new();
    for (i, set) in concern_sets.iter().enumerate() {
        for c in set {
            concerns.entry(*c).or_insert_with(|| evidence(i));
        }
    }
    for (i, set) in dismissed_sets.iter().enumerate() {
        for c in set {
            if !concerns.contains_key(c) {
                dismissed.entry(*c).or_insert_with(|| evidence(i));
            }
        }
    }

    let figures: Vec<SaidFigure> = (0..n)
        .flat_map(|i| {
            quantities[i].iter().map(move |q| SaidFigure {
                quantity: q.clone(),
                evidence: evidence(i),
            })
        })
        .collect();
    let arithmetic: Vec<figures_check::ArithmeticSlip> = (0..n)
        .filter(|&i| !sentence_acts[i].anecdote && asked_from[i].is_none())
        .filter_map(|i| {
            figures_check::arithmetic_slip(sentence(i), &quantities[i]).map(|(stated, expected)| {
                figures_check::ArithmeticSlip {
                    evidence: evidence(i),
                    stated,
                    expected,
                }
            })
        })
        .collect();
    let readings = (0..n)
        .map(|i| {
            let a = &sentence_acts[i];
            let mut acts = Vec::new();
            if asked_from[i].is_some() {
                acts.push(Act::Ask);
            }
            if a.plea {
                acts.push(Act::Plea);
            }
            if a.meta {
                acts.push(Act::Meta);
            }
            if a.anecdote {
                acts.push(Act::Anecdote);
            }
            if !dismissed_sets[i].is_empty() || !a.dismissed.is_empty() {
                acts.push(if a.defers { Act::Defer } else { Act::Dismiss });
            }
            if sizing.contains(&i) {
                acts.push(Act::Estimate);
            }
            if tradeoffs.contains(&i) {
                acts.push(Act::Weigh);
            }
            if mentions.iter().any(|(_, s)| *s == i) || !concern_sets[i].is_empty() {
                acts.push(Act::Decide);
            }
            if acts.is_empty() {
                acts.push(Act::State);
            }
            let mut signals = Vec::new();
            let mut flag = |on: bool, name: &'static str| {
                if on {
                    signals.push(name);
                }
            };
            flag(tradeoffs.contains(&i), "tradeoff");
            flag(quantified.contains(&i), "quantified-tradeoff");
            flag(hits.cost.contains(&i), "cost");
            flag(hits.latency.contains(&i), "latency");
            flag(sizing.contains(&i), "estimate");
            flag(vague.contains(&i), "vague");
            flag(hits.justification.contains(&i), "reason");
            flag(unexplained.contains(&i), "unexplained");
            flag(hits.injection.contains(&i), "injection");
            flag(
                arithmetic
                    .iter()
                    .any(|a: &figures_check::ArithmeticSlip| a.evidence.quote == sentence(i)),
                "arithmetic-slip",
            );
            SentenceReading {
                quote: sentence(i).to_string(),
                acts,
                effects: sentence_effects[i].clone(),
                quantities: quantities[i].clone(),
                topics: questions
                    .iter()
                    .filter(|q| sentence(i).ends_with(q.quote.as_str()))
                    .flat_map(|q| q.topics.iter().copied())
                    .collect(),
                concerns: concern_sets[i].iter().copied().collect(),
                dismissed: dismissed_sets[i].iter().copied().collect(),
                components: mentions
                    .iter()
                    .filter(|(_, s)| *s == i)
                    .map(|(c, _)| c.name.clone())
                    .collect(),
                signals,
            }
        })
        .collect();

    let signals = TurnSignals {
        turn: u.turn,
        at: u.at,
        words: text.split_whitespace().count(),
        questions,
        numbers: quantities.into_iter().flatten().collect(),
        sizing: evidences(&sizing),
        components,
        tradeoffs: evidences(&tradeoffs),
        quantified_tradeoffs: evidences(&quantified),
        cost: evidences(&hits.cost),
        latency: evidences(&hits.latency),
        concerns,
        vague: evidences(&vague),
        injection: evidences(&hits.injection),
        justifications: evidences(&hits.justification),
        dismissed,
        pleas: evidences(&hits.pleas),
        meta: evidences(&hits.meta),
        anecdotes: evidences(&hits.anecdotes),
        unexplained: evidences(&unexplained),
        figures,
        arithmetic,
    };
    (signals, readings)
}

/// Whether the last figure of a sentence is stated as the result of the ones before it ("5
/// million drivers every 4 seconds is 1.25M updates a second", "..., so it is 200 thousand").
fn derives(sentence: &str, figures: &[Quantity]) -> bool {
    let (Some(prev), Some(last)) = (figures.get(figures.len().wrapping_sub(2)), figures.last())
    else {
        return false;
    };
    let (Some(a), Some(b)) = (
        sentence.find(prev.text.as_str()),
        sentence.rfind(last.text.as_str()),
    ) else {
        return false;
    };
    let from = a + prev.text.len();
    from <= b && DERIVES.is_match(&sentence[from..b].to_ascii_lowercase())
}

static DERIVES: LazyLock<regex::Regex> = LazyLock::new(|| {
    super::matcher::compile(
        r"(?:\b(?:is|are|makes|gives|means|equals|that's|thats|this is|so it is|so it's|so about|so roughly|so around|so like|which is|comes to|works out to|adds up to)\b|[=≈→]|->)[^.?!]{0,25}$",
    )
});

/// A question the candidate answers themselves at once, dismissively: "PII in the logs? Meh,
/// it's internal." asks the interviewer nothing.
fn rhetorical(i: usize, canons: &[Canon<'_>], acts: &[SentenceActs]) -> bool {
    canons
        .get(i + 1)
        .is_some_and(|next| SELF_ANSWER.is_match(next.text.as_ref()))
        || acts.get(i + 1).is_some_and(|a| !a.dismissed.is_empty())
}

static SELF_ANSWER: LazyLock<regex::Regex> = LazyLock::new(|| {
    super::matcher::compile(
        r"^[\s'(*•-]*(?:meh|nah|nothing|not really|who cares|probably not|eh|i mean)\b",
    )
});

/// A cache of any kind, for [`Concern::Caching`] where its sentence has substance.
static GENERIC_CACHE: LazyLock<regex::Regex> =
    LazyLock::new(|| super::matcher::compile(r"\bcach(?:e|es|ed|ing)\b"));

/// A condition is a mechanism: "if the model is slow, the fallback is a handoff".
static CONDITION: LazyLock<regex::Regex> = LazyLock::new(|| {
    super::matcher::compile(r"\b(?:if|when|whenever|once|unless|until)\b[^.?!]{3,80},")
});

/// A dismissal whose object is a pronoun: it points back at the sentence before.
static POINTS_BACK: LazyLock<regex::Regex> = LazyLock::new(|| {
    super::matcher::compile(
        r"\b(?:about|with|on|into|skip|ignore|leave|drop) (?:it|that|this|them|those)\b|\b(?:it|that|this)(?:'s| is| isn't| is not) (?:not |just )?(?:a |an )?(?:big |real )?(?:deal|problem|concern|priority|needed|necessary|overkill|fine)|\b(?:it's|its|it is|that's|that is|they're|they are) (?:already |probably |just )?(?:handled|taken care of|covered)\b",
    )
});

/// A cadence is a decision's figure: "retrain weekly", "refresh every hour".
static CADENCE: LazyLock<regex::Regex> = LazyLock::new(|| {
    super::matcher::compile(
        r"\b(?:hourly|daily|nightly|weekly|monthly|quarterly|every (?:\w+ )?(?:second|minute|hour|day|night|week|month|deploy|release|request|call))\b",
    )
});

/// A hedge that makes a mention a gesture: "I guess", "or something", "the usual".
static HEDGE: LazyLock<regex::Regex> = LazyLock::new(|| {
    super::matcher::compile(
        r"\b(?:i guess|i suppose|or something|or whatever|and stuff|stuff like that|the usual|the standard stuff|standard stuff|etc|and so on|all that|you know the drill|whatever)\b",
    )
});

/// Reasons given in other words than "because": "so", "to ...", "otherwise", "which lets".
static REASON: LazyLock<regex::Regex> = LazyLock::new(|| {
    super::matcher::compile(
        r"(?:,|\s-|—)\s*so\b|\w\s+so (?:[a-z']+ ){0,3}(?:don't|doesn't|never|can|cannot|can't|won't|only|always|stays?|fits?)\b|\w\s+so (?:we|it|that|the|reads|writes|each|every|there|nothing|no|they|users|a|i|you)\b|\bto (?:keep|avoid|reduce|cut|handle|absorb|serve|store|make|get|guarantee|ensure|protect|isolate|decouple|buffer|smooth|survive|scale|speed|save|let|allow|prevent|stop|limit|catch|track|dedupe|deduplicate|replay|spread|balance|distribute|batch|fan|persist|hold|take|offload|lower|bring|stay|meet|hit|support|fit|minimi[sz]e|maximi[sz]e|avoid|skip|retry)\b|\botherwise\b|\bwhich (?:gives|lets|means|keeps|avoids|handles|makes|allows|helps|absorbs|buffers)\b|\bfor (?:durability|fast|low[- ]latency|cheap|replay|ordering|fan-?out|isolation|consistency|scale|throughput|availability|resilience|speed|cost)\b|\bthat way\b|\bmeaning\b",
    )
});

/// A next sentence that gives the reason for the one before ("That's because ...", "So ...").
static REASON_OPENS: LazyLock<regex::Regex> = LazyLock::new(|| {
    super::matcher::compile(
        r"^[\s'(*•-]*(?:(?:um+|uh+|and|well)\b[\s,]*)*(?:that's because|because|since|so|this (?:way|lets|gives|means|keeps)|that (?:way|lets|gives|means|keeps)|the (?:reason|point|idea) is|otherwise|it (?:lets|gives|keeps|means|handles|absorbs))\b",
    )
});

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
    pleas: Vec<usize>,
    meta: Vec<usize>,
    anecdotes: Vec<usize>,
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
            // Concerns are read with their scope in `read_turn`.
            Slot::Concern(_) => return,
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
