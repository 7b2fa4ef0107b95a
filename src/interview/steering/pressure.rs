//! Which pressure to apply when nothing in the last turn calls for a follow-up: the claim just
//! made without a number, the company's signature question where its concern went unanswered,
//! then the order a real interviewer works through (requirements, sizing, trade-offs, the
//! hotspots, cost and latency, security).

use regex::RegexBuilder;

use crate::analysis::{TurnSignals, figures_in, listening, sentences};
use crate::clock::{Phase, mmss};
use crate::persona::{HintPolicy, PressureKind, SignatureCues};
use crate::question::{Concern, Hotspot, Level, Topic};

use super::{Heard, Move, Pressure, join, naming};
use crate::transcript::Speaker;

/// Whether the last turn raises the persona's signature question: a cue in a sentence with no
/// figure and not a question, and none of the concerns that answer it covered in the same turn.
pub(super) fn signature_called(cues: &SignatureCues, last: &TurnSignals, text: &str) -> bool {
    if cues.cues.is_empty()
        || cues
            .answered_by
            .iter()
            .any(|c| last.concerns.contains_key(c))
    {
        return false;
    }
    let patterns: Vec<regex::Regex> = cues
        .cues
        .iter()
        .filter_map(|c| RegexBuilder::new(c).case_insensitive(true).build().ok())
        .collect();
    sentences::split(text).into_iter().any(|r| {
        let s = &text[r];
        // "one request at a time" is not a number behind the claim.
        let numbered = figures_in(s)
            .iter()
            .any(|q| q.value.is_none_or(|v| v > 1.0));
        !s.trim_end().ends_with('?') && !numbered && patterns.iter().any(|p| p.is_match(s))
    })
}

/// The claim just made with no number, pressed while it is fresh (before returning to an older
/// question).
pub(super) fn vague_claim(h: &Heard<'_>) -> Option<Move> {
    let st = h.input.state;
    let last = h.last?;
    // A claim said again word for word was heard (and pressed) the first time.
    let earlier = said_before(h);
    let claim = last
        .vague
        .iter()
        .map(|v| v.quote.clone())
        .chain(listening::vague_claims(h.text).into_iter().map(|c| c.quote))
        .find(|q| !earlier.iter().any(|e| e.contains(q.as_str())))?;
    let kind = PressureKind::VagueNumbers;
    if st.times(kind) >= 3 || st.last_pressure == Some(kind) {
        return None;
    }
    let why = format!("The candidate said \"{claim}\" with no number: ask for one.");
    let mut p = Pressure::new(kind, why);
    p.quote = Some(claim);
    Some(Move::Press(Box::new(p)))
}

/// The company's own concern raised and left unanswered in the last turn: its signature
/// question, asked now.
pub(super) fn signature_cue(h: &Heard<'_>) -> Option<Move> {
    let st = h.input.state;
    let last = h.last?;
    let kind = PressureKind::Signature;
    let repeated = said_before(h).iter().any(|e| e.contains(h.text.trim()));
    // Prompted by what was just said, it may follow the company's question asked a turn ago.
    if st.times(kind) >= 3 || repeated || !signature_called(h.input.signature, last, h.text) {
        return None;
    }
    let why =
        "What they just said calls for this company's signature question: ask it.".to_string();
    Some(Move::Press(Box::new(Pressure::new(kind, why))))
}

/// Whether the company's signature question fits this round's question, asked unprompted.
fn signature_fits(h: &Heard<'_>) -> bool {
    let q = h.input.question;
    h.input.signature.fits(&q.title, &q.prompt)
}

/// A hotspot the candidate just waved away or put off ("security is the platform team's job"):
/// probed now, the way an interviewer takes up a dismissal.
pub(super) fn dismissal(h: &Heard<'_>) -> Option<Move> {
    let last = h.last?;
    let st = h.input.state;
    let (concern, ev) = last
        .dismissed
        .iter()
        .find(|(c, _)| !st.probed.contains(c) && h.input.question.hotspot(**c).is_some())?;
    let hs = h.input.question.hotspot(*concern)?;
    let probe = super::leak::sanitize(&hs.probe, &h.known)?;
    let kind = if *concern == Concern::PrivacySecurity {
        PressureKind::Security
    } else {
        PressureKind::AiConcern
    };
    let why = format!(
        "They set {concern} aside (\"{}\"); it matters here: probe it.",
        ev.quote
    );
    let mut p = Pressure::new(kind, why);
    p.probe = Some(Hotspot {
        concern: *concern,
        probe,
    });
    Some(Move::Press(Box::new(p)))
}

/// The candidate's earlier turns, as said.
fn said_before<'a>(h: &Heard<'a>) -> Vec<&'a str> {
    let last = h.last.map_or(0, |l| l.turn);
    h.input
        .history
        .iter()
        .filter(|t| t.role == Speaker::Candidate && t.n < last)
        .map(|t| t.text.as_str())
        .collect()
}

/// The pressure for this turn.
pub(super) fn choose(h: &Heard<'_>) -> Move {
    let input = &h.input;
    let phase = h.phase;
    let a = input.analysis;
    let st = input.state;
    let at = mmss(input.now);
    let allowed =
        |kind: PressureKind, max: u32| st.times(kind) < max && st.last_pressure != Some(kind);
    let press = |kind, component: Option<String>, probe: Option<Hotspot>, why: String| {
        let mut p = Pressure::new(kind, why);
        p.component = component;
        p.probe = probe;
        Move::Press(Box::new(p))
    };
    let empty = TurnSignals::default();
    let last = h.last.unwrap_or(&empty);
    let names: Vec<&str> = a.components.iter().map(|(c, _)| c.name.as_str()).collect();
    // A choice is asked about only when it can be named in the candidate's own words.
    let nameable = |name: &str| !naming::spoken_component(name, input.history).is_empty();
    // "Why the queue?" after "what would break without Kafka?" asks the same thing twice; so
    // does "what's the reasoning behind Redis?" after a turn that gave it ("100k reads a second
    // a node against 50k at peak, so Redis").
    let reasoned = |name: &str| {
        let spoken = naming::spoken_component(name, input.history).to_ascii_lowercase();
        let name = name.to_ascii_lowercase();
        a.turns.iter().any(|t| {
            t.justifications
                .iter()
                .chain(&t.sizing)
                .chain(&t.tradeoffs)
                .any(|e| {
                    let q = e.quote.to_ascii_lowercase();
                    q.contains(&name) || (!spoken.is_empty() && q.contains(&spoken))
                })
        })
    };
    let asked_before =
        |name: &str| st.asked_about.iter().any(|a| naming::same_role(a, name)) || reasoned(name);
    let new_component = last
        .components
        .iter()
        .find(|c| !asked_before(&c.name) && nameable(&c.name))
        .map(|c| c.name.clone());
    let in_phase = st.turns_in_phase.get(&phase).copied().unwrap_or(0);
    let told_load = st.revealed.contains(&Topic::Scale) || st.revealed.contains(&Topic::Users);
    let mid = input.level == Level::Mid;
    let senior_plus = matches!(input.level, Level::Staff | Level::Director);

    // 0. Stuck once the design is due (a few words, nothing designed, nothing asked): a hint where
    //    the persona and level allow one, before any pressure piles on.
    let stuck = last.words <= 6
        && last.components.is_empty()
        && last.numbers.is_empty()
        && last.questions.is_empty()
        && last.vague.is_empty()
        && last.tradeoffs.is_empty()
        && last.concerns.is_empty();
    let hints = match input.hints {
        HintPolicy::None => false,
        HintPolicy::Light => mid,
        HintPolicy::Generous => true,
    };
    let designed = h.designed();
    if stuck && hints && phase >= Phase::HighLevel && !designed {
        return Move::Scaffold;
    }
    if stuck
        && hints
        && phase >= Phase::HighLevel
        && let Some(h) = h.next_hotspot()
    {
        return Move::Hint { probe: Some(h) };
    }

    // 3. Designing before asking: the classic fail, pressed like a real interviewer would.
    let asked = a.turns.iter().any(super::listen::asked_about_the_problem);
    let sized = h.sized();
    // Told "you asked nothing about the customer" right after describing the customer, or
    // after stating the load they assume, a candidate hears that nobody listened.
    let answered_ours = st.times(PressureKind::NoClarification) > 0
        && super::moves::open_status(h).is_some_and(|o| o.answered);
    if !asked
        && !answered_ours
        && !sized
        && (phase == Phase::Clarify || (phase == Phase::HighLevel && in_phase <= 2))
        && allowed(PressureKind::NoClarification, 2)
    {
        let why = if names.is_empty() {
            format!(
                "{at} into the round the candidate has asked nothing about users, scale, latency or cost: press on requirements before letting them go on."
            )
        } else {
            format!(
                "{at} into the round the candidate has named {} but asked nothing about scale or latency: press on requirements before letting them go on.",
                join(&names)
            )
        };
        // The component lets the persona say "you've started with Kafka"; a silent candidate,
        // with none named, only hears the lines that presume nothing.
        let first = names.first().map(|s| s.to_string());
        return press(PressureKind::NoClarification, first, None, why);
    }

    // 3b. Nothing designed once the design is due: the main pieces come before any probe,
    //     price or signature question (a way in, where the persona gives hints).
    if !designed && (phase > Phase::HighLevel || (phase == Phase::HighLevel && in_phase >= 2)) {
        if hints {
            return Move::Scaffold;
        }
        return Move::Transition {
            phase: Phase::DeepDive.max(phase),
            probe: None,
            asked,
            designed: false,
        };
    }

    // 4. Heavy machinery with no estimate behind it.
    if !sized
        && let Some(heavy) = last.components.iter().find(|c| c.heavy)
        && allowed(PressureKind::Overengineering, 2)
    {
        let why = format!(
            "At {at} the candidate reached for {} without estimating the load it must carry: ask whether the numbers justify it.",
            heavy.name
        );
        return press(
            PressureKind::Overengineering,
            Some(heavy.name.clone()),
            None,
            why,
        );
    }

    // 5. Components without sizing.
    if phase >= Phase::HighLevel
        && !sized
        && !names.is_empty()
        // Asked twice with the load already given, it would be asking for the load again.
        && allowed(PressureKind::NoSizing, if mid || told_load { 1 } else { 2 })
    {
        let why = format!(
            "{at}: the design has {} but no estimate of QPS, storage or hardware: ask for back-of-the-envelope numbers.",
            join(&names)
        );
        return press(
            PressureKind::NoSizing,
            names.first().map(|s| s.to_string()),
            None,
            why,
        );
    }

    // 6. Staff and above: a trade-off without a number is not yet a trade-off.
    if senior_plus
        && !last.tradeoffs.is_empty()
        && last.quantified_tradeoffs.is_empty()
        && allowed(PressureKind::NoTradeoff, 3)
    {
        let why = format!(
            "At {at} the candidate weighed a trade-off with no number on it: at this level, ask what it costs in milliseconds or dollars."
        );
        return press(PressureKind::NoTradeoff, new_component.clone(), None, why);
    }

    // 7. Deep dive: the hotspots, one by one.
    if phase == Phase::DeepDive
        && let Some(hs) = h.next_hotspot()
        && (!mid || st.probed.len() < 3)
    {
        let kind = if hs.concern == Concern::PrivacySecurity {
            PressureKind::Security
        } else {
            PressureKind::AiConcern
        };
        let why = format!(
            "Deep dive, {at}: the candidate has not reached {} yet; probe it.",
            hs.concern
        );
        return press(kind, None, Some(hs), why);
    }

    // 8. A choice standing alone: ask why, then what it costs (the five whys).
    // (An estimate names hardware as a count, not as a choice: no "why GPUs?" after sizing.)
    if phase <= Phase::DeepDive
        && let Some(component) = new_component.clone()
        && last.tradeoffs.is_empty()
        && last.sizing.is_empty()
    {
        if last.justifications.is_empty() && allowed(PressureKind::Why, 3) {
            let why = format!("The candidate chose {component} without saying why: ask why.");
            return press(PressureKind::Why, Some(component), None, why);
        }
        if allowed(PressureKind::NoTradeoff, 3) {
            let why = format!(
                "The candidate chose {component} without naming an alternative or its cost: ask what they give up."
            );
            return press(PressureKind::NoTradeoff, Some(component), None, why);
        }
    }

    // 9. Past the deep dive, with little time left: a hotspot never reached, then the company's
    //    own question if it was never asked, before anything asked already.
    if phase >= Phase::Tradeoffs {
        if let Some(hs) = h.next_hotspot() {
            let kind = if hs.concern == Concern::PrivacySecurity {
                PressureKind::Security
            } else {
                PressureKind::AiConcern
            };
            let why = format!("{at}: {} never reached; probe it.", hs.concern);
            return press(kind, None, Some(hs), why);
        }
        if st.times(PressureKind::Signature) == 0 && signature_fits(h) {
            let why = "Ask this company's signature question.".to_string();
            return press(PressureKind::Signature, None, None, why);
        }
    }

    // 10. Latency and cost, once the design has a shape.
    let shaped = phase >= Phase::HighLevel && (in_phase >= 2 || phase > Phase::HighLevel);
    let director = input.level == Level::Director;
    let again = 2;
    // Cost and latency of a design that is not there yet mean nothing to a stuck candidate.
    if (shaped || director && phase >= Phase::HighLevel)
        && designed
        && a.first_cost.is_none()
        && allowed(PressureKind::NoCost, again)
    {
        let why = format!(
            "{at} in, the candidate has said nothing about cost: ask what it costs to run."
        );
        let mut p = Pressure::new(PressureKind::NoCost, why);
        p.covers = input
            .question
            .hotspot(Concern::CostPerRequest)
            .map(|hs| hs.concern);
        return Move::Press(Box::new(p));
    }
    if shaped && designed && a.first_latency.is_none() && allowed(PressureKind::NoLatency, again) {
        let why = format!(
            "{at} in, the candidate has said nothing about latency: ask for the budget per hop."
        );
        return press(PressureKind::NoLatency, None, None, why);
    }

    // 11. Security, touched briefly once the design stands.
    let security_taken_up = input
        .question
        .hotspot(Concern::PrivacySecurity)
        .is_some_and(|hs| {
            input.history.iter().any(|t| {
                t.role == Speaker::Candidate && super::dialogue::takes_up(&hs.probe, &t.text)
            })
        });
    if phase >= Phase::DeepDive
        && !a.covered(Concern::PrivacySecurity)
        && !security_taken_up
        && allowed(PressureKind::Security, 1)
    {
        let probe = input
            .question
            .hotspot(Concern::PrivacySecurity)
            .and_then(|hs| {
                super::leak::sanitize(&hs.probe, &h.known).map(|probe| Hotspot {
                    concern: hs.concern,
                    probe,
                })
            });
        let why = format!("{at}: security and privacy not touched yet; ask briefly.");
        return press(PressureKind::Security, None, probe, why);
    }

    // 12. Trade-offs phase: insist on numbers on the trade-offs.
    if phase == Phase::Tradeoffs
        && a.first_quantified_tradeoff.is_none()
        && allowed(PressureKind::NoTradeoff, 4)
    {
        let component = names.last().map(|s| s.to_string());
        let why = "No trade-off so far has had a number on it: ask for one.".to_string();
        return press(PressureKind::NoTradeoff, component, None, why);
    }

    // 13. The company's signature probe.
    if allowed(PressureKind::Signature, 2)
        && phase >= Phase::HighLevel
        && last.sizing.is_empty()
        && signature_fits(h)
    {
        let why = "Ask this company's signature question.".to_string();
        return press(PressureKind::Signature, None, None, why);
    }

    // 14. Keep going deep: any hotspot not probed yet, whatever the phase.
    if phase >= Phase::HighLevel
        && let Some(hs) = h.next_hotspot()
    {
        let why = format!("{at}: {} not covered yet; probe it.", hs.concern);
        return press(PressureKind::AiConcern, None, Some(hs), why);
    }

    // 15. The five whys on the latest choice.
    if let Some(component) = names.iter().rev().find(|n| !asked_before(n) && nameable(n))
        && last.justifications.is_empty()
        && allowed(PressureKind::Why, 4)
    {
        let why = format!("Ask why {component}, and what it depends on.");
        return press(PressureKind::Why, Some(component.to_string()), None, why);
    }
    // Nothing missing: let them carry on rather than ask the same thing again.
    Move::Continue
}
