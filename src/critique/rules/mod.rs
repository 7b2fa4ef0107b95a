//! The rule layer: one detector per flag code, each reading the shared analysis (never the raw
//! words) and raising a flag only on evidence: a quote for what was said, or for an absence the
//! phase it was due in and the moment the design committed without it.

mod design;
mod dialogue;
pub(crate) mod time;
mod workload;

use crate::analysis::{
    Component, Evidence, Moment, QuantityKind, TurnSignals, Utterance, analyze_turn, sentences,
};
use crate::question::Concern;
use crate::question::Level;

use super::coverage::Coverage;
use super::facts::Given;
use super::profile::Profile;
use super::read::Reading;
use super::report::{Citation, Flag, FlagCode, Layer, Severity, TimeAllocation};
use super::substance::Substance;
use super::texts::{self, Vars};
use super::timeline::Subject;

/// Everything a rule reads.
pub(crate) struct Ctx<'a> {
    /// The round as read.
    pub reading: &'a Reading,
    /// What the question needs.
    pub profile: &'a Profile,
    /// The level judged at.
    pub level: Level,
    /// The topic of each turn of the reading (both speakers).
    pub subjects: &'a [Subject],
    /// Time per phase.
    pub time: &'a TimeAllocation,
    /// Coverage of the question's needs.
    pub coverage: &'a Coverage,
    /// What the round shows with substance.
    pub substance: &'a Substance,
    /// The figures the interviewer gave.
    pub given: &'a [Given],
    /// Whether the round's slot is known: our own rounds record it; an import's is the default
    /// plan, a guess.
    pub slot_known: bool,
}

/// Runs every rule; flags most severe first, then by when they were first shown.
pub(crate) fn flags(ctx: &Ctx<'_>) -> Vec<Flag> {
    let mut out: Vec<Flag> = [
        design::no_clarification(ctx),
        design::no_sizing(ctx),
        design::overengineering(ctx),
        design::missing_tradeoffs(ctx),
        design::missing_cost(ctx),
        design::missing_latency(ctx),
        workload::generic_template(ctx),
        workload::missing_ai(ctx),
        workload::security_omitted(ctx),
        time::poor_time(ctx),
        design::unexplained_choices(ctx),
        workload::injection(ctx),
        dialogue::contradicts_given_facts(ctx),
        dialogue::ignored_question(ctx),
        dialogue::leaned_on_interviewer(ctx),
    ]
    .into_iter()
    .flatten()
    .collect();
    out.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.code));
    out
}

/// A rules-layer flag with its texts rendered.
pub(crate) fn flag(
    code: FlagCode,
    severity: Severity,
    situation: &str,
    vars: &Vars,
    evidence: Vec<Citation>,
) -> Flag {
    let (summary, advice) = texts::render(code, situation, vars);
    // One citation per place; what several findings there show goes into its note.
    let mut merged: Vec<Citation> = Vec::with_capacity(evidence.len());
    for c in evidence {
        match merged
            .iter_mut()
            .find(|m| m.turn == c.turn && m.quote == c.quote)
        {
            Some(m) => {
                if let Some(n) = c.note {
                    m.note = Some(match m.note.take() {
                        Some(prev) => format!("{prev}; {n}"),
                        None => n,
                    });
                }
                m.due = m.due.or(c.due);
            }
            None => merged.push(c),
        }
    }
    let evidence = merged;
    Flag {
        code,
        severity,
        layer: Layer::Rules,
        summary,
        evidence,
        advice,
        judge: None,
        decided_by: Layer::Rules,
        stands: true,
    }
}

/// Longest quote kept, in characters; longer sentences (unpunctuated speech) are cut at a word.
const MAX_QUOTE: usize = 240;

/// `s` cut to [`MAX_QUOTE`] at a word boundary: still a verbatim prefix.
pub(crate) fn clip(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() <= MAX_QUOTE {
        return s.to_string();
    }
    let cut: String = s.chars().take(MAX_QUOTE).collect();
    match cut.rfind(char::is_whitespace) {
        Some(i) if i > MAX_QUOTE / 2 => cut[..i].trim_end().to_string(),
        _ => cut,
    }
}

/// Whether cost was weighed: a statement (not only a question) with a money or percentage figure
/// in it or weighed in a trade-off, or cost raised in two statements or more; else the first
/// question that raised it. One passing word ("a small margin on accuracy", "over budget" of a
/// latency budget) is not weighing cost.
pub(crate) fn cost_weighed(turns: &[TurnSignals]) -> (bool, Option<Citation>) {
    let mut statements = 0;
    let (strong, asked) = weighed(
        turns,
        |t| &t.cost,
        |t, e| {
            statements += 1;
            let figure = t.numbers.iter().any(|q| {
                matches!(q.kind, QuantityKind::Money | QuantityKind::Percent)
                    && e.quote.contains(q.text.as_str())
            });
            figure || t.tradeoffs.iter().any(|x| x.quote == e.quote) || statements >= 2
        },
    );
    (strong, if strong { None } else { asked })
}

/// Whether latency was weighed: a statement about it that carries a time ("under 50 ms"), weighs
/// it in a trade-off, or is more than a metric to watch ("monitor the lag" alone is not weighing
/// latency); else the first question that raised it.
pub(crate) fn latency_weighed(turns: &[TurnSignals]) -> (bool, Option<Citation>) {
    weighed(
        turns,
        |t| &t.latency,
        |t, e| {
            let timed = t
                .numbers
                .iter()
                .any(|q| q.kind == QuantityKind::Time && e.quote.contains(q.text.as_str()));
            let traded = t.tradeoffs.iter().any(|x| x.quote == e.quote);
            let watched = || {
                analyze_turn(&Utterance {
                    turn: e.turn,
                    at: e.at,
                    text: &e.quote,
                })
                .concerns
                .contains_key(&Concern::Observability)
            };
            timed || traded || !watched()
        },
    )
}

fn weighed(
    turns: &[TurnSignals],
    field: impl Fn(&TurnSignals) -> &Vec<Evidence>,
    mut counts: impl FnMut(&TurnSignals, &Evidence) -> bool,
) -> (bool, Option<Citation>) {
    let mut asked = None;
    for t in turns {
        for e in field(t) {
            if t.questions
                .iter()
                .any(|q| e.quote.contains(q.quote.as_str()))
            {
                asked.get_or_insert_with(|| cite(e));
            } else if counts(t, e) {
                return (true, None);
            }
        }
    }
    (false, asked)
}

/// A citation of an analysis evidence.
pub(crate) fn cite(e: &Evidence) -> Citation {
    Citation::new(e.turn, e.at, clip(&e.quote))
}

impl Ctx<'_> {
    /// The moment the design committed: the first heavy component, else the first component,
    /// else the candidate's first turn.
    pub fn commit(&self) -> Option<Citation> {
        let a = &self.reading.analysis;
        if let Some((c, m)) = a.components.iter().find(|(c, _)| c.heavy) {
            return Some(self.component_citation(c, *m));
        }
        if let Some((c, m)) = a.components.first() {
            return Some(self.component_citation(c, *m));
        }
        // No component: the first decision that says something ("Buy, for now." is too short
        // to show anything), else the first statement of substance; never a filler or a plea.
        let said = super::substance::said(self.reading);
        let words = |s: &super::substance::Said<'_>| s.reading.quote.split_whitespace().count();
        said.iter()
            .find(|s| s.designs() && s.decides() && words(s) >= 5)
            .or_else(|| said.iter().find(|s| s.designs() && words(s) >= 8))
            .or_else(|| said.first())
            .map(|s| s.cite())
    }

    /// The first component matching `pred`, cited; else [`Ctx::commit`].
    pub fn commit_where(&self, pred: impl Fn(&Component) -> bool) -> Option<Citation> {
        let a = &self.reading.analysis;
        match a.components.iter().find(|(c, _)| pred(c)) {
            Some((c, m)) => Some(self.component_citation(c, *m)),
            None => self.commit(),
        }
    }

    /// The sentence of turn `m.turn` that names component `c` (the shared analysis run per
    /// sentence finds it), else the turn's first sentence.
    pub fn component_citation(&self, c: &Component, m: Moment) -> Citation {
        let turn = self.reading.turn(m.turn);
        let text = turn.map_or("", |t| t.text.as_str());
        let quote = turn
            .and_then(|t| t.sentences.iter().find(|s| s.components.contains(&c.name)))
            .map(|s| s.quote.as_str())
            .unwrap_or_else(|| first_sentence(text));
        Citation::new(m.turn, m.at, clip(quote))
    }

    /// Whether the level expects staff-grade depth (quantified trade-offs, cost).
    pub fn senior_plus(&self) -> bool {
        self.level >= Level::Staff
    }

    /// `s` one notch milder for mid-level rounds, which get more slack.
    pub fn slack(&self, s: Severity) -> Severity {
        if self.level == Level::Mid {
            s.milder()
        } else {
            s
        }
    }
}

fn first_sentence(text: &str) -> &str {
    sentences::split(text)
        .first()
        .map_or(text, |r| &text[r.clone()])
}

/// The level's name for texts.
pub(crate) fn level_name(level: Level) -> &'static str {
    match level {
        Level::Mid => "mid",
        Level::Senior => "senior",
        Level::Staff => "staff",
        Level::Director => "director",
    }
}
