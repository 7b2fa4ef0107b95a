//! Interviewer personas: how a Google, Meta, Amazon or Microsoft interviewer sounds, presses and
//! keeps time. Personas are TOML files under `personas/`, embedded in the binary; a user folder or a
//! path overrides them.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::clock::TimePlan;
use crate::data::{self, DataError};
use crate::template;

/// The ids of the personas that ship with hotseat.
pub const BUILT_IN: [&str; 4] = ["google", "meta", "amazon", "microsoft"];

/// What the interviewer is pressing the candidate on. Steering picks one per turn; the persona
/// supplies the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PressureKind {
    /// Designing before asking about requirements.
    NoClarification,
    /// Choosing components before estimating load.
    NoSizing,
    /// A claim without a number ("it's fast", "lots of users").
    VagueNumbers,
    /// A choice made without saying what it costs or what the alternative was.
    NoTradeoff,
    /// Nothing said about cost.
    NoCost,
    /// Nothing said about latency.
    NoLatency,
    /// An AI-workload hotspot not yet covered (the probe comes from the question).
    AiConcern,
    /// Security and privacy not yet touched.
    Security,
    /// Heavy machinery with no numbers to justify it.
    Overengineering,
    /// "Why?" on the last choice: the five whys.
    Why,
    /// The company's signature probe (Amazon: customer and cost; Meta: metrics; ...).
    Signature,
    /// A figure an order of magnitude off one the interviewer gave (`{{ given }}`, `{{ said }}`).
    Contradiction,
    /// A worked sum that does not hold (`{{ said }}` as stated, `{{ expected }}` as it works out).
    Arithmetic,
    /// The interviewer's own question went unanswered: ask it again (`{{ open }}`).
    Unanswered,
    /// The twist was sprung and the candidate went on as if it had not been.
    TwistUnaddressed,
}

impl PressureKind {
    /// Every kind, in the order they appear in persona files.
    pub const ALL: [PressureKind; 15] = [
        PressureKind::NoClarification,
        PressureKind::NoSizing,
        PressureKind::VagueNumbers,
        PressureKind::NoTradeoff,
        PressureKind::NoCost,
        PressureKind::NoLatency,
        PressureKind::AiConcern,
        PressureKind::Security,
        PressureKind::Overengineering,
        PressureKind::Why,
        PressureKind::Signature,
        PressureKind::Contradiction,
        PressureKind::Arithmetic,
        PressureKind::Unanswered,
        PressureKind::TwistUnaddressed,
    ];

    /// The snake_case key used in persona files.
    pub fn as_str(self) -> &'static str {
        match self {
            PressureKind::NoClarification => "no_clarification",
            PressureKind::NoSizing => "no_sizing",
            PressureKind::VagueNumbers => "vague_numbers",
            PressureKind::NoTradeoff => "no_tradeoff",
            PressureKind::NoCost => "no_cost",
            PressureKind::NoLatency => "no_latency",
            PressureKind::AiConcern => "ai_concern",
            PressureKind::Security => "security",
            PressureKind::Overengineering => "overengineering",
            PressureKind::Why => "why",
            PressureKind::Signature => "signature",
            PressureKind::Contradiction => "contradiction",
            PressureKind::Arithmetic => "arithmetic",
            PressureKind::Unanswered => "unanswered",
            PressureKind::TwistUnaddressed => "twist_unaddressed",
        }
    }
}

impl fmt::Display for PressureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much help the interviewer gives when the candidate is stuck.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum HintPolicy {
    /// No hints: the bar raiser watches the candidate find their own way.
    None,
    /// A nudge towards the area, never the answer.
    #[default]
    Light,
    /// A pointed hint when the candidate stalls.
    Generous,
}

/// Phrasings per pressure kind; each list has several variants so a round does not repeat itself.
pub type PressurePhrasings = BTreeMap<PressureKind, Vec<String>>;

/// The non-pressure lines an interviewer says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrases {
    /// Leads into revealed facts (`{{ answer }}` holds them).
    pub answer: Vec<String>,
    /// When asked about something the sheet does not say.
    pub unknown: Vec<String>,
    /// Moving to the high-level design.
    pub to_high_level: Vec<String>,
    /// Moving to the deep dive (`{{ probe }}` holds the first hotspot's probe).
    pub to_deep_dive: Vec<String>,
    /// Moving to trade-offs and risks.
    pub to_tradeoffs: Vec<String>,
    /// Moving to the wrap-up.
    pub to_wrap_up: Vec<String>,
    /// A time warning (`{{ minutes_left }}`).
    pub warning: Vec<String>,
    /// Springing the twist (`{{ twist }}`).
    pub twist: Vec<String>,
    /// A hint towards an area (`{{ probe }}`), used per the hint policy.
    pub hint: Vec<String>,
    /// A hint towards the requirements, for a candidate stuck before asking any.
    pub hint_requirements: Vec<String>,
    /// A short acknowledgement when the candidate did what was asked.
    pub acknowledge: Vec<String>,
    /// When the candidate said nothing useful (empty or one-word turn).
    pub nudge: Vec<String>,
    /// Moving to the high-level design when the candidate asked no requirement question at all.
    pub to_high_level_unasked: Vec<String>,
    /// Moving to the deep dive or the trade-offs with nothing designed yet.
    pub no_design_yet: Vec<String>,
    /// Declining to give the answer (a statement; the hand-back or the open question follows).
    pub decline: Vec<String>,
    /// Handing the floor back with a question, when no question of ours is open.
    pub hand_back: Vec<String>,
    /// Answering "how much time is left?" (`{{ minutes_left }}`).
    pub meta_time: Vec<String>,
    /// Answering "how am I doing?".
    pub meta_feedback: Vec<String>,
    /// Answering any other question about the interview (the team, the role, the format).
    pub meta_other: Vec<String>,
    /// Steering back from an anecdote to this design.
    pub steer_back: Vec<String>,
    /// Returning to the open question after an aside (`{{ open }}`).
    pub resume: Vec<String>,
    /// Letting the candidate carry on after an aside, when no question is open.
    pub carry_on: Vec<String>,
    /// Saying the open question again, plainly, when asked what it meant (`{{ open }}`).
    pub clarify: Vec<String>,
    /// Answering "is that what you're looking for?": no verdict, the judgement handed back.
    pub check: Vec<String>,
    /// Answering "shall I move on to cost per request?": agreed in a few words. A persona file
    /// without these lines uses `carry_on`.
    #[serde(default)]
    pub proceed: Vec<String>,
    /// A way in for a stuck candidate with nothing designed: walk one request through.
    pub hint_flow: Vec<String>,
    /// Said with the closing when a question about the team or the role was put off until the
    /// end during the round: the promise kept, briefly.
    pub promised: Vec<String>,
}

/// What in a candidate's turn calls for this company's signature question, and what answers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SignatureCues {
    /// Patterns (regular expressions, matched case-insensitively per sentence) that raise it:
    /// Meta's "time spent is the goal", Microsoft's "one model fine-tuned on every tenant's
    /// documents". A sentence with a figure in it does not raise it.
    #[serde(default)]
    pub cues: Vec<String>,
    /// Concerns whose coverage answers it (`evaluation` for Meta's experiment, ...).
    #[serde(default)]
    pub answered_by: Vec<crate::question::Concern>,
    /// Patterns (regular expressions, case-insensitive) of the questions the signature question
    /// fits, matched against the question's title and prompt: the interviewer asks it unprompted
    /// only there (Meta's experiment on a product with users to measure, not on a cache tier;
    /// Microsoft's tenant boundaries on an enterprise product, not on a consumer feed). Empty:
    /// every question. Cues the candidate says raise it on any question.
    #[serde(default)]
    pub fits: Vec<String>,
}

impl SignatureCues {
    /// Whether the signature question fits a question with this `title` and `prompt`.
    pub fn fits(&self, title: &str, prompt: &str) -> bool {
        self.fits.is_empty()
            || self.fits.iter().any(|f| {
                regex::RegexBuilder::new(f)
                    .case_insensitive(true)
                    .build()
                    .is_ok_and(|r| r.is_match(title) || r.is_match(prompt))
            })
    }
}

/// An interviewer persona.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    /// Stable id (`google`, `amazon`, ...), equal to the file stem.
    pub id: String,
    /// The company this persona interviews for.
    pub company: String,
    /// The interviewer's name.
    pub interviewer: String,
    /// The interviewer's role, as introduced.
    pub title: String,
    /// One line for listings: how this interviewer differs.
    pub style: String,
    /// How the interviewer speaks and what they weigh; given to the model.
    pub voice: String,
    /// Hint policy.
    #[serde(default)]
    pub hint_policy: HintPolicy,
    /// Opening lines (`{{ question }}` holds the prompt).
    pub opening: Vec<String>,
    /// Closing lines when time is up.
    pub closing: Vec<String>,
    /// Closing lines when the candidate ends the round before time (the closing lines when absent).
    #[serde(default)]
    pub closing_early: Vec<String>,
    /// Rubric weights the critique applies (dimension name to weight).
    #[serde(default)]
    pub weights: BTreeMap<String, f64>,
    /// The round's plan; the 45-minute default when absent.
    #[serde(default)]
    pub time_plan: TimePlan,
    /// Pressure phrasings.
    pub pressure: PressurePhrasings,
    /// Everything else the interviewer says.
    pub phrases: Phrases,
    /// What calls for the signature question.
    #[serde(default)]
    pub signature_cues: SignatureCues,
}

/// Largest rubric weight a persona may give a dimension (1.0 is neutral).
pub const MAX_WEIGHT: f64 = 10.0;

/// Every variable a phrasing may use, with a sample value; validation renders each phrasing with
/// these so an unknown variable is caught at load time.
pub const PHRASE_VARIABLES: [&str; 18] = [
    "interviewer",
    "company",
    "title",
    "question",
    "question_title",
    "minutes",
    "component",
    "probe",
    "answer",
    "minutes_left",
    "twist",
    "elapsed",
    "remaining",
    "given",
    "said",
    "expected",
    "open",
    "topic",
];

impl Persona {
    /// The closing lines for a round that ends before its time (`early`) or on time.
    pub fn closing_lines(&self, early: bool) -> &[String] {
        if early && !self.closing_early.is_empty() {
            &self.closing_early
        } else {
            &self.closing
        }
    }

    /// The phrasings for a pressure kind (empty if the persona has none).
    pub fn pressure_lines(&self, kind: PressureKind) -> &[String] {
        self.pressure.get(&kind).map_or(&[], Vec::as_slice)
    }

    /// Checks every list is non-empty, the plan is sound and every phrasing renders.
    pub fn validate(&self, file: &str, text: &str, stem: Option<&str>) -> Result<(), DataError> {
        let fail = |key: &str, cause: String| Err(data::locate_key(file, text, key, cause));
        if let Some(stem) = stem
            && stem != self.id
        {
            return fail(
                "id",
                format!("id `{}` does not match the file name `{stem}`", self.id),
            );
        }
        if let Err(e) = self.time_plan.validate() {
            return fail("time_plan", e);
        }
        for (dimension, w) in &self.weights {
            if !(w.is_finite() && (0.0..=MAX_WEIGHT).contains(w)) {
                return fail(
                    dimension,
                    format!("weight `{dimension}` must be between 0 and {MAX_WEIGHT}, not {w}"),
                );
            }
        }
        for kind in PressureKind::ALL {
            if self.pressure_lines(kind).is_empty() {
                return fail(
                    kind.as_str(),
                    format!("[pressure] needs at least one `{}` phrasing", kind.as_str()),
                );
            }
        }
        let sample: BTreeMap<&str, &str> = PHRASE_VARIABLES.iter().map(|v| (*v, "x")).collect();
        for (key, lines) in self.all_lines() {
            if lines.is_empty() {
                return fail(key, format!("`{key}` needs at least one phrasing"));
            }
            for line in lines {
                if let Err(e) = template::render_str(line, &sample) {
                    return Err(locate_text(file, text, line, key, format!("`{key}`: {e}")));
                }
            }
        }
        let sig = &self.signature_cues;
        for (key, cue) in sig
            .cues
            .iter()
            .map(|c| ("cues", c))
            .chain(sig.fits.iter().map(|f| ("fits", f)))
        {
            if let Err(e) = regex::Regex::new(cue) {
                // The regex crate explains over several lines; its last names the cause.
                let why = e.to_string();
                let why = why.lines().last().unwrap_or_default().trim().to_string();
                let cause = format!("`signature_cues`: not a pattern ({why})");
                return Err(locate_text(file, text, cue, key, cause));
            }
        }
        Ok(())
    }

    fn all_lines(&self) -> Vec<(&'static str, &[String])> {
        let p = &self.phrases;
        let mut all: Vec<(&'static str, &[String])> = vec![
            ("opening", &self.opening),
            ("closing", &self.closing),
            ("closing_early", self.closing_lines(true)),
            ("answer", &p.answer),
            ("unknown", &p.unknown),
            ("to_high_level", &p.to_high_level),
            ("to_deep_dive", &p.to_deep_dive),
            ("to_tradeoffs", &p.to_tradeoffs),
            ("to_wrap_up", &p.to_wrap_up),
            ("warning", &p.warning),
            ("twist", &p.twist),
            ("hint", &p.hint),
            ("hint_requirements", &p.hint_requirements),
            ("acknowledge", &p.acknowledge),
            ("nudge", &p.nudge),
            ("to_high_level_unasked", &p.to_high_level_unasked),
            ("no_design_yet", &p.no_design_yet),
            ("decline", &p.decline),
            ("hand_back", &p.hand_back),
            ("meta_time", &p.meta_time),
            ("meta_feedback", &p.meta_feedback),
            ("meta_other", &p.meta_other),
            ("steer_back", &p.steer_back),
            ("resume", &p.resume),
            ("carry_on", &p.carry_on),
            ("clarify", &p.clarify),
            ("check", &p.check),
            ("proceed", &p.proceed),
            ("hint_flow", &p.hint_flow),
            ("promised", &p.promised),
        ];
        for kind in PressureKind::ALL {
            all.push((kind.as_str(), self.pressure_lines(kind)));
        }
        all
    }
}

fn locate_text(file: &str, text: &str, line: &str, key: &str, cause: String) -> DataError {
    let first = line.lines().next().unwrap_or(line);
    match text.lines().position(|l| l.contains(first)) {
        Some(i) => DataError::at_line(file, i + 1, cause),
        None => data::locate_key(file, text, key, cause),
    }
}

/// All known personas, by id.
pub type PersonaSet = data::Catalog<Persona>;

impl data::Entry for Persona {
    fn embedded() -> (&'static str, &'static [(&'static str, &'static str)]) {
        ("personas", crate::embedded::PERSONAS)
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn validate(&self, file: &str, text: &str, stem: Option<&str>) -> Result<(), DataError> {
        Persona::validate(self, file, text, stem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_personas_load_and_validate() {
        let set = PersonaSet::embedded().unwrap();
        for id in BUILT_IN {
            assert!(set.get(id).is_some(), "missing persona {id}");
        }
    }

    #[test]
    fn unknown_variable_in_a_phrasing_names_its_line() {
        let (name, text) = crate::embedded::PERSONAS
            .iter()
            .find(|(n, _)| *n == "google.toml")
            .unwrap();
        let broken = text.replacen("{{ question }}", "{{ questoin }}", 1);
        let line = broken.lines().position(|l| l.contains("questoin")).unwrap() + 1;
        let err = PersonaSet::default()
            .add_text(name, &broken, Some("google"))
            .unwrap_err();
        assert_eq!(err.line.map(|l| l.0), Some(line), "{err}");
        assert!(err.cause.contains("opening"), "{err}");
    }

    #[test]
    fn missing_pressure_list_is_rejected() {
        let (name, text) = crate::embedded::PERSONAS
            .iter()
            .find(|(n, _)| *n == "amazon.toml")
            .unwrap();
        let broken: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("security"))
            .collect::<Vec<_>>()
            .join("\n");
        let err = PersonaSet::default()
            .add_text(name, &broken, Some("amazon"))
            .unwrap_err();
        assert!(err.to_string().contains("security"), "{err}");
    }
}
