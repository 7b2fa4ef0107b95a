//! Simulated candidates played offline from a profile and a seed: the diver, the overengineer, the
//! template, the strong one, the silent one, the rambler, the injector.
//!
//! A profile is data (`evals/candidates/<id>.toml`): its turns in order, then what it says once
//! they run out. A turn may `ask` about the next hidden-requirement topics of the question and
//! `cover` its next hotspots; those lines come from the shared phrasebook, filled from the
//! question's own sheet, so the strong candidate asks exactly what this question hides and
//! reaches exactly its hotspots. The seed picks among phrasings, so repeats differ in wording.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::data::{self, DataError};
use crate::question::{Concern, Question, Topic};
use crate::template;

/// One step of a profile: one candidate turn.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Phrasings of what is said (after any hotspot covered); the seed picks one. Variables: `title`, `component`,
    /// `components` (from the question's expected components).
    #[serde(default)]
    pub say: Vec<String>,
    /// How many hotspots, not yet covered, to cover next.
    #[serde(default)]
    pub cover: usize,
    /// How many hidden-requirement topics, not yet asked, to ask about next.
    #[serde(default)]
    pub ask: usize,
}

/// A simulated candidate.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Id, equal to the file stem.
    pub id: String,
    /// What kind of candidate it plays, in one line.
    pub summary: String,
    /// Minutes each turn takes, unless the case's clock says otherwise.
    #[serde(default)]
    pub minutes_per_turn: Option<f64>,
    /// The turns in order.
    #[serde(default, rename = "turn")]
    pub turns: Vec<Step>,
    /// Said turn after turn once `turns` run out, until the round ends.
    #[serde(default)]
    pub then: Option<Step>,
}

/// How candidates ask about each topic and cover each concern.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrasebook {
    /// Questions per topic.
    pub ask: BTreeMap<Topic, Vec<String>>,
    /// Lines per concern.
    pub cover: BTreeMap<Concern, Vec<String>>,
}

/// Every profile, with the phrasebook.
#[derive(Debug, Clone)]
pub struct Profiles {
    profiles: BTreeMap<String, Arc<Profile>>,
    book: Arc<Phrasebook>,
}

const PHRASEBOOK: &str = "phrasebook.toml";

#[derive(Serialize)]
struct Vars<'a> {
    title: &'a str,
    component: &'a str,
    components: String,
}

impl Profiles {
    /// The profiles compiled into the binary.
    pub fn embedded() -> Result<Self, DataError> {
        let (_, book) = super::super::content::CANDIDATES
            .iter()
            .find(|(n, _)| *n == PHRASEBOOK)
            .expect("the phrasebook is embedded");
        let book = parse_book(&format!("embedded:evals/candidates/{PHRASEBOOK}"), book)?;
        let mut me = Self {
            profiles: BTreeMap::new(),
            book: Arc::new(book),
        };
        for (name, text) in super::super::content::CANDIDATES {
            if *name != PHRASEBOOK {
                me.add(&format!("embedded:evals/candidates/{name}"), text, name)?;
            }
        }
        Ok(me)
    }

    /// The embedded profiles, with those in `dir` added or overriding by id (and its phrasebook,
    /// if it has one).
    pub fn with_dir(dir: &Path) -> Result<Self, DataError> {
        let mut me = Self::embedded()?;
        if !dir.is_dir() {
            return Ok(me);
        }
        let files = data::files_with_ext(dir, "toml")
            .map_err(|e| DataError::whole(dir.display().to_string(), e.to_string()))?;
        for path in files {
            let label = path.display().to_string();
            let text = std::fs::read_to_string(&path)
                .map_err(|e| DataError::whole(&label, e.to_string()))?;
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            me.add_text(&label, &text, name)?;
        }
        Ok(me)
    }

    /// Adds (or overrides) the profile in `text`, read from a file called `name` (`file` names it
    /// in errors); the phrasebook when `name` is `phrasebook.toml`.
    pub fn add_text(&mut self, file: &str, text: &str, name: &str) -> Result<(), DataError> {
        if name == PHRASEBOOK {
            self.book = Arc::new(parse_book(file, text)?);
            Ok(())
        } else {
            self.add(file, text, name)
        }
    }

    fn add(&mut self, file: &str, text: &str, name: &str) -> Result<(), DataError> {
        let p: Profile = data::parse_toml(file, text)?;
        let stem = name.strip_suffix(".toml").unwrap_or(name);
        if p.id != stem {
            let cause = format!("id `{}` does not match the file name `{stem}`", p.id);
            return Err(data::locate_key(file, text, "id", cause));
        }
        let sample = Vars {
            title: "t",
            component: "c",
            components: "c".into(),
        };
        let steps = p
            .turns
            .iter()
            .enumerate()
            .map(|(i, s)| (("[[turn]]", i), s));
        for ((header, nth), step) in steps.chain(p.then.iter().map(|s| (("[then]", 0), s))) {
            let at = |cause: String| match table_line(text, header, nth) {
                Some(line) => DataError::at_line(file, line, cause),
                None => DataError::whole(file, cause),
            };
            if step.say.is_empty() && step.ask == 0 && step.cover == 0 {
                return Err(at("a turn needs `say`, `ask` or `cover`".to_string()));
            }
            for line in &step.say {
                if let Err(e) = template::render_str(line, &sample) {
                    return Err(at(format!("`say`: {e}")));
                }
            }
        }
        if p.minutes_per_turn.is_some_and(|m| !(m > 0.0 && m <= 60.0)) {
            let cause = "`minutes_per_turn` must be between 0 and 60".to_string();
            return Err(data::locate_key(file, text, "minutes_per_turn", cause));
        }
        self.profiles.insert(p.id.clone(), Arc::new(p));
        Ok(())
    }

    /// The profile with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<Profile>> {
        self.profiles.get(id)
    }

    /// Profile ids, sorted.
    pub fn ids(&self) -> Vec<&str> {
        self.profiles.keys().map(String::as_str).collect()
    }

    /// The phrasebook.
    pub fn phrasebook(&self) -> &Phrasebook {
        &self.book
    }

    /// A player of `id` for `question`, seeded.
    pub fn player(&self, id: &str, question: &Question, seed: u64) -> Option<ProfilePlayer> {
        let profile = self.profiles.get(id)?.clone();
        let mut topics: Vec<Topic> = Vec::new();
        for f in &question.facts {
            if !topics.contains(&f.topic) {
                topics.push(f.topic);
            }
        }
        let comps: Vec<&str> = question
            .expected_components
            .iter()
            .take(4)
            .map(String::as_str)
            .collect();
        let components = match comps.as_slice() {
            [] => "a service and a database".to_string(),
            [one] => (*one).to_string(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        };
        Some(ProfilePlayer {
            profile,
            book: self.book.clone(),
            topics,
            concerns: question.hotspots.iter().map(|h| h.concern).collect(),
            title: question.title.clone(),
            component: comps.first().map_or("the service", |c| c).to_string(),
            components,
            seed,
            step: 0,
            uses: BTreeMap::new(),
        })
    }
}

/// The 1-based line of the `nth` table headed `header` (`[[turn]]`, `[then]`).
fn table_line(text: &str, header: &str, nth: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with(header))
        .nth(nth)
        .map(|(i, _)| i + 1)
}

fn parse_book(file: &str, text: &str) -> Result<Phrasebook, DataError> {
    let book: Phrasebook = data::parse_toml(file, text)?;
    for t in Topic::ALL {
        if book.ask.get(&t).is_none_or(Vec::is_empty) {
            return Err(DataError::whole(
                file,
                format!("[ask] needs at least one `{t}` question"),
            ));
        }
    }
    for c in Concern::ALL {
        if book.cover.get(&c).is_none_or(Vec::is_empty) {
            return Err(DataError::whole(
                file,
                format!("[cover] needs at least one `{c}` line"),
            ));
        }
    }
    Ok(book)
}

/// One run of a profile against one question.
#[derive(Debug, Clone)]
pub struct ProfilePlayer {
    profile: Arc<Profile>,
    book: Arc<Phrasebook>,
    /// Topics still to ask about, in the sheet's order.
    topics: Vec<Topic>,
    /// Hotspots still to cover, in the question's order.
    concerns: Vec<Concern>,
    title: String,
    component: String,
    components: String,
    seed: u64,
    step: usize,
    uses: BTreeMap<String, usize>,
}

impl ProfilePlayer {
    /// Minutes a turn takes by the profile.
    pub fn minutes_per_turn(&self) -> Option<f64> {
        self.profile.minutes_per_turn
    }

    /// The next line, or `None` when the profile has nothing more to say.
    pub fn next_line(&mut self) -> Option<String> {
        loop {
            let (step, last) = match self.profile.turns.get(self.step) {
                Some(s) => (s.clone(), false),
                None => (self.profile.then.clone()?, true),
            };
            self.step += 1;
            let line = self.compose(&step);
            if !line.is_empty() {
                return Some(line);
            }
            // A `then` that has run dry (nothing left to ask or cover, nothing to say) ends it.
            if last {
                return None;
            }
        }
    }

    fn compose(&mut self, step: &Step) -> String {
        // Covering first, then what the profile says about it, then questions last, the way a
        // candidate ends a turn on the question they want answered.
        let mut parts: Vec<String> = Vec::new();
        let covered: Vec<Concern> = self
            .concerns
            .drain(..step.cover.min(self.concerns.len()))
            .collect();
        for c in covered {
            let lines = self.book.cover.get(&c).cloned().unwrap_or_default();
            parts.push(self.pick(c.as_str(), &lines));
        }
        if !step.say.is_empty() {
            let line = self.pick("say", &step.say);
            let vars = Vars {
                title: &self.title,
                component: &self.component,
                components: self.components.clone(),
            };
            parts.push(template::render_str(&line, &vars).unwrap_or(line));
        }
        let asked: Vec<Topic> = self
            .topics
            .drain(..step.ask.min(self.topics.len()))
            .collect();
        for t in asked {
            let lines = self.book.ask.get(&t).cloned().unwrap_or_default();
            parts.push(self.pick(t.as_str(), &lines));
        }
        parts.retain(|p| !p.trim().is_empty());
        parts.join(" ")
    }

    /// A seeded start in each list, then each phrasing in turn.
    fn pick(&mut self, key: &str, lines: &[String]) -> String {
        if lines.is_empty() {
            return String::new();
        }
        let used = self.uses.entry(key.to_string()).or_default();
        let start = mix(self.seed ^ key_hash(key));
        let line = lines[((start as usize) + *used) % lines.len()].clone();
        *used += 1;
        line
    }
}

fn key_hash(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// SplitMix64 finaliser: spreads neighbouring seeds over the phrasings.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests;
