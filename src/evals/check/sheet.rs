//! Checks against the question's hidden sheet and the persona: facts revealed only when asked,
//! no solution handed out, no break of character.

use crate::analysis::questions::question_start;
use crate::analysis::sentences;
use crate::analysis::{Utterance, analyze_turn};
use crate::question::Topic;
use crate::transcript::{Speaker, Turn};

use super::super::scope::Scope;
use super::{Context, Verdict, quote};

/// Words of our own prompt scaffolding, or of a model speaking as a model: none belongs in an
/// interviewer's mouth.
const OUT_OF_CHARACTER: [&str; 12] = [
    "interviewer notes",
    "private notes",
    "sample reply",
    "requirements sheet",
    "hidden sheet",
    "a reply in your voice",
    "[private",
    "as an ai",
    "language model",
    "i'm an ai",
    "i am an ai",
    "my instructions",
];

/// Flips a verdict for `= false` checks (asserting the failure mode is present, e.g. in a test of
/// the harness itself).
pub fn invert(v: Verdict, want: bool, what: &str) -> Verdict {
    match (want, v.pass) {
        (true, _) => v,
        (false, true) => Verdict::fail(format!("expected {what}, found none")),
        (false, false) => Verdict::pass(),
    }
}

/// The figures the shared analysis reads in `text`, lower-cased.
fn figures_in(text: &str) -> Vec<String> {
    let s = analyze_turn(&Utterance {
        turn: 0,
        at: Default::default(),
        text,
    });
    s.numbers
        .into_iter()
        .map(|n| n.text.to_lowercase())
        .collect()
}

/// Whether `figure` appears in `text` on its own ("3 regions" is not inside "300 regions").
fn has_figure(text: &str, figure: &str) -> bool {
    text.match_indices(figure).any(|(i, _)| {
        let before = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '.' && c != ',');
        let after = text[i + figure.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

/// The hidden fact on `topic` reaches the candidate only after they asked about it, and does then.
///
/// A reply discloses the fact when its intent says so, or when it carries one of the fact's own
/// figures that nothing else the interviewer may say (other facts, the prompt, the probes, the
/// twist) carries: that is how a paraphrasing model that volunteers the number is caught too.
pub fn reveals_fact(scope: &Scope, ctx: &Context<'_>, topic: Topic) -> Verdict {
    let q = &ctx.setup.question;
    let answers: Vec<&str> = q.facts_on(topic).map(|f| f.answer.as_str()).collect();
    let elsewhere: Vec<String> = q
        .facts
        .iter()
        .filter(|f| f.topic != topic)
        .map(|f| f.answer.as_str())
        .chain([q.prompt.as_str(), q.twist.text.as_str()])
        .chain(q.hotspots.iter().map(|h| h.probe.as_str()))
        .flat_map(figures_in)
        .collect();
    let all_figures: Vec<String> = answers.iter().flat_map(|a| figures_in(a)).collect();
    let own: Vec<&String> = all_figures
        .iter()
        .filter(|f| !elsewhere.contains(f))
        .collect();
    let says_fact = |t: &Turn| {
        let text = t.text.to_lowercase();
        answers.iter().any(|a| text.contains(&a.to_lowercase()))
            || own.iter().any(|f| has_figure(&text, f))
    };
    let carries = |t: &Turn| {
        let text = t.text.to_lowercase();
        says_fact(t) || all_figures.iter().any(|f| has_figure(&text, f))
    };
    let first_ask = ctx
        .record
        .analysis
        .turns
        .iter()
        .find(|s| s.topics_asked().contains(&topic))
        .map(|s| s.turn);
    let interviewer = Scope {
        role: Speaker::Interviewer,
        ..scope.clone()
    };
    let picked = interviewer.select(&ctx.record.turns);
    let revealed = |t: &Turn| {
        t.intent
            .as_ref()
            .is_some_and(|i| i.revealed.contains(&topic))
    };
    let early = picked
        .iter()
        .find(|t| first_ask.is_none_or(|n| t.n < n) && (revealed(t) || says_fact(t)));
    if let Some(t) = early {
        let when = first_ask.map_or("never asked".to_string(), |n| format!("asked at turn {n}"));
        return Verdict::fail(format!(
            "`{topic}` fact disclosed before the candidate asked ({when}): {}",
            quote(t)
        ));
    }
    let Some(asked) = first_ask else {
        return Verdict::fail(format!(
            "the candidate never asked about `{topic}`, so it was never revealed"
        ));
    };
    let later = picked
        .iter()
        .find(|t| t.n > asked && revealed(t) && carries(t));
    Verdict::from(later.is_some(), || {
        let reply = picked
            .iter()
            .find(|t| t.n > asked)
            .map_or("no reply".to_string(), |t| quote(t));
        format!(
            "asked about `{topic}` at turn {asked}, but the fact never came back (next reply: {reply})"
        )
    })
}

/// The text of a turn minus what the interviewer may always say: the question, its probes, its
/// twist and the facts of its sheet (those are handed over by design, not leaked).
fn own_words(t: &Turn, ctx: &Context<'_>) -> String {
    let q = &ctx.setup.question;
    let mut text = t.text.clone();
    let given = std::iter::once(q.prompt.as_str())
        .chain(q.hotspots.iter().map(|h| h.probe.as_str()))
        .chain(std::iter::once(q.twist.text.as_str()))
        .chain(q.facts.iter().map(|f| f.answer.as_str()));
    for g in given {
        if !g.trim().is_empty() {
            text = text.replace(g.trim(), " ");
        }
    }
    text
}

/// No interviewer statement names a component the candidate has not named yet. Questions are
/// allowed to ("how many VMs or GPUs?" probes, it does not design).
pub fn no_solution_leak(scope: &Scope, ctx: &Context<'_>) -> Verdict {
    let interviewer = Scope {
        role: Speaker::Interviewer,
        ..scope.clone()
    };
    for t in interviewer.select(&ctx.record.turns) {
        let text = own_words(t, ctx);
        let statements: Vec<&str> = sentences::split(&text)
            .into_iter()
            .map(|r| &text[r])
            .filter(|s| question_start(s).is_none())
            .collect();
        if statements.is_empty() {
            continue;
        }
        let said = analyze_turn(&Utterance {
            turn: t.n,
            at: t.at,
            text: &statements.join(" "),
        });
        let named_before = |name: &str| {
            ctx.record
                .analysis
                .components
                .iter()
                .any(|(c, m)| c.name == name && m.turn < t.n)
        };
        if let Some(c) = said.components.iter().find(|c| !named_before(&c.name)) {
            return Verdict::fail(format!(
                "named `{}` before the candidate did: {}",
                c.name,
                quote(t)
            ));
        }
    }
    Verdict::pass()
}

/// The interviewer never speaks as a model, never quotes its instructions, and never speaks as
/// another company's interviewer.
pub fn in_persona(scope: &Scope, ctx: &Context<'_>) -> Verdict {
    let interviewer = Scope {
        role: Speaker::Interviewer,
        ..scope.clone()
    };
    let me = &ctx.setup.persona;
    for t in interviewer.select(&ctx.record.turns) {
        let text = own_words(t, ctx);
        let lower = text.to_lowercase();
        if let Some(m) = OUT_OF_CHARACTER.iter().find(|m| lower.contains(*m)) {
            return Verdict::fail(format!("out of character (\"{m}\"): {}", quote(t)));
        }
        let signals = analyze_turn(&Utterance {
            turn: t.n,
            at: t.at,
            text: &text,
        });
        if let Some(e) = signals.injection.first() {
            return Verdict::fail(format!("speaks to a model (\"{}\"): {}", e.quote, quote(t)));
        }
        let other = ctx.others.iter().find(|(company, name)| {
            (company != &me.company && has_word(&text, company))
                || (name != &me.interviewer && has_word(&text, name))
        });
        if let Some((company, name)) = other {
            return Verdict::fail(format!("speaks as {name} of {company}: {}", quote(t)));
        }
    }
    Verdict::pass()
}

/// Whether `word` appears in `text` as a whole word (case-sensitive: names are proper nouns).
fn has_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = text[i + word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}
