//! The offline interviewer: deterministic, rule-driven, in the persona's words. It follows the
//! same notes a model would, so it answers clarifying questions from the hidden sheet, answers
//! asides (a plea, a question about the interview, a story) in character, challenges figures that
//! do not hold, returns to what went unanswered, probes the hotspots, springs the twist, keeps
//! time and wraps up. `--seed` picks among the persona's phrasings.
//!
//! Every line is a person's: no phrasing is said twice in a round, none asks again what was
//! answered, slots hold only words the candidate used, and no part carries a hidden figure.

mod words;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use futures::future::BoxFuture;
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use super::steering::leak::{self, Known};
use super::steering::naming;
use super::steering::{Aside, Move, Notes, Pressure};
use super::{Interviewer, Reply, TurnContext};
use crate::clock::{Phase, mmss};
use crate::llm::{LlmError, TokenSink};
use crate::question::Topic;
use crate::transcript::Speaker;
use std::time::Duration;

use crate::clock::TimePlan;
use crate::persona::{Persona, PressureKind};
use crate::question::Question;
use crate::template;

pub use super::steering::naming::display_component;

/// How close to the end a round that stops counts as having run its time (not ended early).
const NEAR_TIME: Duration = Duration::from_secs(3 * 60);

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
    component: String,
    probe: String,
    answer: &'a str,
    minutes_left: u32,
    twist: &'a str,
    elapsed: String,
    remaining: String,
    given: String,
    said: String,
    expected: String,
    open: String,
    topic: String,
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

/// What a line must not do besides leaking: repeat a line of this round, or ask about a topic
/// already answered.
struct Fit<'c> {
    said_before: Vec<&'c str>,
    revealed: BTreeSet<Topic>,
    known: Known<'c>,
    /// The candidate has given a load or hardware estimate.
    sized: bool,
    /// The candidate has talked money.
    costed: bool,
}

/// A line asking for the user count or the load.
static ASKS_SCALE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)how big is|daily active|requests per second|peak qps|qps at peak|traffic look like|how many (?:users|tenants|people|requests)|order of magnitude here|the scale you're designing|the peak load\?")
        .expect("static regex")
});

/// A line asking for machine counts, or for what the design costs.
static ASKS_MACHINES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)how many (?:machines|accelerators|gpus|servers|hosts|vms)")
        .expect("static regex")
});
static ASKS_COST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)what (?:does|would) (?:this|it|that|one \w+) cost|what's the bill|cost to run|cost per (?:seat|month|request)")
        .expect("static regex")
});

impl Fit<'_> {
    /// Whether the line says nothing this round has said: not the whole line, and no sentence
    /// of it ("I want the digits." after two lines ending the same way).
    fn fresh(&self, line: &str) -> bool {
        let sentences = words::sentences(line);
        !self.said_before.iter().any(|t| {
            t.contains(line.trim())
                || sentences
                    .iter()
                    .any(|s| s.split_whitespace().count() >= 3 && t.contains(s.as_str()))
        })
    }

    /// How recently the line was said: `None` if never, else the index of the last interviewer
    /// turn that holds it (larger is more recent).
    fn last_said(&self, line: &str) -> Option<usize> {
        let line = line.trim();
        self.said_before.iter().rposition(|t| t.contains(line))
    }

    /// Whether the line asks again for what the candidate was told or has given: the user count
    /// or the load once revealed, machine counts once estimated, the cost once given.
    fn reasks(&self, line: &str) -> bool {
        let told = |t| self.revealed.contains(&t);
        ((told(Topic::Users) || told(Topic::Scale)) && ASKS_SCALE.is_match(line))
            || (self.sized && ASKS_MACHINES.is_match(line))
            || (self.costed && ASKS_COST.is_match(line))
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

    /// Picks and renders the next variant for `key`: from a seeded start, each in turn, the first
    /// that is not yet said this round, asks nothing already answered and leaks nothing (cut down
    /// to what can be said); failing that, the first that leaks nothing. `None` when every
    /// variant would leak.
    fn say(
        &mut self,
        key: &'static str,
        lines: &[String],
        vars: &PhraseVars<'_>,
        fit: &Fit<'_>,
    ) -> Option<String> {
        if lines.is_empty() {
            return None;
        }
        let used = self.uses.entry(key).or_default();
        let start = (splitmix(self.seed ^ fnv(key)) % lines.len() as u64) as usize;
        let order: Vec<usize> = (0..lines.len())
            .map(|i| (start + *used + i) % lines.len())
            .collect();
        *used += 1;
        let rendered: Vec<(usize, Option<String>)> = order
            .iter()
            .map(|&i| (i, leak::sanitize(&vars.render(&lines[i]), &fit.known)))
            .collect();
        let best = rendered
            .iter()
            .find(|(_, l)| l.as_deref().is_some_and(|l| fit.fresh(l) && !fit.reasks(l)))
            .or_else(|| {
                rendered
                    .iter()
                    .find(|(_, l)| l.as_deref().is_some_and(|l| fit.fresh(l)))
            })
            // Every line was said already: the one said longest ago, so that "Go on." does not
            // come back two turns after the last "Go on.".
            .or_else(|| {
                rendered
                    .iter()
                    .filter(|(_, l)| l.is_some())
                    .min_by_key(|(_, l)| l.as_deref().map(|l| (fit.reasks(l), fit.last_said(l))))
            });
        best.and_then(|(_, l)| l.clone())
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
        let fit = fit(ctx);
        let mut vars = PhraseVars::base(p, ctx.question, ctx.plan, notes.at);
        vars.answer = &answer;
        vars.minutes_left = (notes.remaining.as_secs_f64() / 60.0).round() as u32;
        let mut parts: Vec<Option<String>> = Vec::new();
        if notes.credit.is_some() && matches!(notes.mv, Move::Press(_) | Move::Continue) {
            parts.push(self.say("acknowledge", &p.phrases.acknowledge, &vars, &fit));
        }
        if !notes.reveal.is_empty() {
            parts.push(self.say("answer", &p.phrases.answer, &vars, &fit));
        }
        if !notes.unknown.is_empty() || notes.unknown_question.is_some() {
            vars.topic = if notes.unknown.is_empty() {
                "that".to_string()
            } else {
                words::topics_phrase(&notes.unknown)
            };
            parts.push(self.say("unknown", &p.phrases.unknown, &vars, &fit));
        }
        if let Some(aside) = notes.aside {
            parts.push(self.aside(p, aside, notes, &vars, &fit));
        }
        if let Some(m) = notes.warning
            && notes.mv != Move::Close
        {
            let mut w = PhraseVars::base(p, ctx.question, ctx.plan, notes.at);
            w.minutes_left = m;
            parts.push(self.say("warning", &p.phrases.warning, &w, &fit));
        }
        let said_anything = parts.iter().any(Option::is_some);
        let mv = self.next(ctx, &mut vars, &fit, said_anything);
        parts.push(mv);
        let parts: Vec<String> = parts
            .into_iter()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .collect();
        if parts.is_empty() {
            // Every line would have leaked or repeated: a person still says something.
            return self
                .say("carry_on", &p.phrases.carry_on, &vars, &fit)
                .unwrap_or_default();
        }
        parts.join(" ")
    }

    /// The answer to an aside, before the move: a plea declined (unless the move is the hint),
    /// the interview question answered in a sentence, a story steered back from.
    fn aside(
        &mut self,
        p: &Persona,
        aside: Aside,
        notes: &Notes,
        vars: &PhraseVars<'_>,
        fit: &Fit<'_>,
    ) -> Option<String> {
        let hinted = matches!(notes.mv, Move::Hint { .. } | Move::Scaffold);
        let ph = &p.phrases;
        match aside {
            Aside::AnswerRequest => self.say("decline", &ph.decline, vars, fit),
            Aside::Stuck if hinted => None,
            Aside::Stuck => self.say("decline", &ph.decline, vars, fit),
            // A time warning in the same breath already answers it.
            Aside::MetaTime if notes.warning.is_some() => None,
            Aside::MetaTime => self.say("meta_time", &ph.meta_time, vars, fit),
            Aside::MetaFeedback => self.say("meta_feedback", &ph.meta_feedback, vars, fit),
            Aside::MetaOther => self.say("meta_other", &ph.meta_other, vars, fit),
            Aside::Anecdote => self.say("steer_back", &ph.steer_back, vars, fit),
            Aside::Check => self.say("check", &ph.check, vars, fit),
            Aside::Proceed if ph.proceed.is_empty() => {
                self.say("carry_on", &ph.carry_on, vars, fit)
            }
            Aside::Proceed => self.say("proceed", &ph.proceed, vars, fit),
            // The move says it: the question again, or where to go next.
            Aside::Clarify | Aside::Direction => None,
        }
    }

    /// The words of the move.
    fn next(
        &mut self,
        ctx: &TurnContext<'_>,
        vars: &mut PhraseVars<'_>,
        fit: &Fit<'_>,
        said_anything: bool,
    ) -> Option<String> {
        let p = ctx.persona;
        let notes = ctx.notes;
        match &notes.mv {
            Move::Close => {
                // Closed well before the clock ran out (the candidate said they were done): the
                // early closing lines, not "that's time". In the last minutes the round has run
                // its course, and "we can end early" at 44 of 45 minutes rings false.
                let early = notes.remaining > NEAR_TIME;
                let close = self.say("closing", p.closing_lines(early), vars, fit);
                // A question about the team put off "until the end" is answered at the end.
                let put_off = ctx.history.iter().any(|t| {
                    t.role == Speaker::Interviewer
                        && p.phrases
                            .meta_other
                            .iter()
                            .any(|l| t.text.contains(vars.render(l).as_str()))
                });
                if put_off {
                    let kept = self.say("promised", &p.phrases.promised, vars, fit);
                    return Some(
                        [close, kept]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(" "),
                    );
                }
                close
            }
            Move::Transition {
                phase,
                probe,
                asked,
                designed,
            } => {
                let probe_text = probe.as_ref().map_or("", |h| h.probe.as_str());
                vars.probe = probe_text.to_string();
                let (key, lines) = match phase {
                    Phase::Clarify | Phase::HighLevel if *asked => {
                        ("to_high_level", &p.phrases.to_high_level)
                    }
                    Phase::Clarify | Phase::HighLevel => {
                        ("to_high_level_unasked", &p.phrases.to_high_level_unasked)
                    }
                    Phase::DeepDive | Phase::Tradeoffs if !designed => {
                        ("no_design_yet", &p.phrases.no_design_yet)
                    }
                    Phase::DeepDive if probe.is_some() => ("to_deep_dive", &p.phrases.to_deep_dive),
                    Phase::DeepDive | Phase::Tradeoffs => ("to_tradeoffs", &p.phrases.to_tradeoffs),
                    Phase::WrapUp => ("to_wrap_up", &p.phrases.to_wrap_up),
                };
                self.say(key, lines, vars, fit)
            }
            Move::Twist { .. } => self.say("twist", &p.phrases.twist, vars, fit),
            Move::Hint { probe: Some(probe) } => {
                vars.probe = probe.probe.clone();
                self.say("hint", &p.phrases.hint, vars, fit)
            }
            Move::Hint { probe: None } => {
                self.say("hint_requirements", &p.phrases.hint_requirements, vars, fit)
            }
            Move::Scaffold => self.say("hint_flow", &p.phrases.hint_flow, vars, fit),
            Move::Resume { question } => match (question, notes.aside) {
                (Some(q), Some(Aside::Clarify)) => {
                    vars.open = words::the_question(q);
                    self.say("clarify", &p.phrases.clarify, vars, fit)
                }
                (Some(q), _) => {
                    vars.open = words::the_question(q);
                    self.say("resume", &p.phrases.resume, vars, fit)
                }
                // The check line hands the judgement back already, and the proceed line lets
                // them go on.
                (None, Some(Aside::Check | Aside::Proceed)) => None,
                (
                    None,
                    Some(Aside::MetaTime | Aside::MetaFeedback | Aside::MetaOther | Aside::Clarify),
                ) => self.say("carry_on", &p.phrases.carry_on, vars, fit),
                (None, _) => self.say("hand_back", &p.phrases.hand_back, vars, fit),
            },
            Move::Press(pressure) => self.press(ctx, pressure, vars, fit),
            Move::Continue if said_anything => None,
            Move::Continue => {
                // "Take your time" is for a candidate who said little, not one who just sized it.
                let said_little = ctx
                    .history
                    .iter()
                    .rev()
                    .find(|t| t.role == Speaker::Candidate)
                    .is_none_or(|t| t.text.split_whitespace().count() <= 8);
                let (key, lines) = match notes.phase {
                    Phase::WrapUp => ("acknowledge", &p.phrases.acknowledge),
                    Phase::Clarify if said_little => ("nudge", &p.phrases.nudge),
                    _ => ("carry_on", &p.phrases.carry_on),
                };
                self.say(key, lines, vars, fit)
            }
        }
    }

    /// The words of a pressure.
    fn press(
        &mut self,
        ctx: &TurnContext<'_>,
        pressure: &Pressure,
        vars: &mut PhraseVars<'_>,
        fit: &Fit<'_>,
    ) -> Option<String> {
        let p = ctx.persona;
        let kind = pressure.kind;
        if let Some(h) = &pressure.probe {
            vars.probe = h.probe.clone();
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
            return self.say("ai_concern", &lines, vars, fit);
        }
        if let Some(c) = &pressure.challenge {
            vars.said = c.said.clone();
            vars.given = c.given.clone().unwrap_or_default();
            vars.expected = c.expected.clone().unwrap_or_default();
        }
        if let Some(q) = &pressure.question {
            vars.open = words::the_question(q);
        }
        let component = pressure
            .component
            .as_deref()
            .map(|c| naming::spoken_component(c, ctx.history))
            .unwrap_or_default();
        let all = p.pressure_lines(kind);
        // Lines naming a component only make sense when there is one; a vague claim is met with
        // lines about the same thing (speed, money, scale) or about any claim.
        let claim = pressure.quote.as_deref().and_then(words::about);
        let fitting: Vec<String> = all
            .iter()
            .filter(|l| !component.is_empty() || !l.contains("{{ component }}"))
            .filter(|l| {
                kind != PressureKind::VagueNumbers || {
                    let line_about = words::about(l);
                    line_about.is_none() || line_about == claim
                }
            })
            .cloned()
            .collect();
        let lines = if fitting.is_empty() {
            all.to_vec()
        } else {
            fitting
        };
        vars.component = if component.is_empty() {
            "that choice".to_string()
        } else {
            component
        };
        self.say(kind.as_str(), &lines, vars, fit)
    }
}

/// What the lines of this turn must respect.
fn fit<'c>(ctx: &TurnContext<'c>) -> Fit<'c> {
    let mut revealed: BTreeSet<Topic> = ctx
        .history
        .iter()
        .filter_map(|t| t.intent.as_ref())
        .flat_map(|i| i.revealed.iter().copied())
        .collect();
    revealed.extend(ctx.notes.reveal.iter().map(|f| f.topic));
    let said: Vec<_> = ctx
        .analysis
        .turns
        .iter()
        .flat_map(|t| t.figures.iter().map(|f| f.quantity.clone()))
        .collect();
    let twist = matches!(ctx.notes.mv, Move::Twist { .. })
        || ctx
            .history
            .iter()
            .any(|t| t.intent.as_ref().is_some_and(|i| i.twist));
    let mut known = Known::new(ctx.question, revealed.clone(), &said);
    if twist {
        known = known.with_text(&ctx.question.twist.text);
    }
    Fit {
        said_before: ctx
            .history
            .iter()
            .filter(|t| t.role == Speaker::Interviewer)
            .map(|t| t.text.as_str())
            .collect(),
        revealed,
        known,
        sized: ctx.analysis.first_sizing.is_some(),
        costed: ctx.analysis.first_cost.is_some(),
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

#[cfg(test)]
mod tests;
