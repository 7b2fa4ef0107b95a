//! How much of what this workload needs the candidate reached: the question's expected components
//! (matched against the analysis' canonical component names, then the candidate's words, with the
//! synonyms in `prompts/critique/profiles.toml`) and its hotspots (the analysis' concerns).
//!
//! This reads the question's own data against the transcript; it adds no detector of its own.

use crate::analysis::Moment;
use crate::question::Concern;

use super::profile::{PROFILES, Profile};
use super::read::Reading;
use super::report::Citation;
use super::substance::Substance;

/// One expected component and when the candidate first reached it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Expected {
    /// The bank's name for it.
    pub name: String,
    /// Whether it is on the generic template list (then it says nothing about fit).
    pub generic: bool,
    /// When it was first named.
    pub reached: Option<Moment>,
}

/// Coverage of the question's needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Coverage {
    /// Every expected component.
    pub expected: Vec<Expected>,
    /// Every hotspot concern, and the first sentence that covered it with substance (a decision
    /// with a reason or a number), if any did.
    pub hotspots: Vec<(Concern, Option<Citation>)>,
}

impl Coverage {
    /// The expected components that are specific to this workload.
    pub fn specific(&self) -> impl Iterator<Item = &Expected> {
        self.expected.iter().filter(|e| !e.generic)
    }

    /// Share of the workload-specific components reached (`None` when there are none).
    pub fn specific_share(&self) -> Option<f64> {
        let all: Vec<&Expected> = self.specific().collect();
        (!all.is_empty())
            .then(|| all.iter().filter(|e| e.reached.is_some()).count() as f64 / all.len() as f64)
    }

    /// Share of the hotspots reached (`None` when there are none).
    pub fn hotspot_share(&self) -> Option<f64> {
        (!self.hotspots.is_empty()).then(|| {
            self.hotspots.iter().filter(|h| h.1.is_some()).count() as f64
                / self.hotspots.len() as f64
        })
    }
}

/// Measures coverage of `profile` in the reading.
pub(crate) fn coverage(reading: &Reading, profile: &Profile, substance: &Substance) -> Coverage {
    let data = &*PROFILES;
    let a = &reading.analysis;
    // Each candidate turn's words as stems, once.
    // Only sentences that design count: a component asked about, waved away or told of from
    // another job is not reached.
    let turns: Vec<(Moment, Vec<String>)> = super::substance::said(reading)
        .into_iter()
        .filter(|s| s.designs() && s.reading.dismissed.is_empty())
        .map(|s| {
            (
                Moment {
                    turn: s.turn.n,
                    at: s.turn.at,
                },
                words_of(&s.reading.quote),
            )
        })
        .collect();
    let is_generic = |name: &str| {
        data.generic_components
            .iter()
            .any(|g| g == name || phrase_in(&words_of(g), &words_of(name)))
    };
    let expected = profile
        .expected_components
        .iter()
        .map(|name| {
            let mut forms = vec![name.clone()];
            if let Some(syn) = data.synonyms.get(name) {
                forms.extend(syn.iter().cloned());
            }
            let by_component = a
                .components
                .iter()
                .find(|(c, _)| {
                    forms
                        .iter()
                        .any(|f| phrase_in(&words_of(f), &words_of(&c.name)))
                })
                .map(|(_, m)| *m);
            let by_words = turns
                .iter()
                .find(|(_, words)| forms.iter().any(|f| phrase_in(&words_of(f), words)))
                .map(|(m, _)| *m);
            let reached = match (by_component, by_words) {
                (Some(x), Some(y)) => Some(if x.turn <= y.turn { x } else { y }),
                (x, y) => x.or(y),
            };
            Expected {
                name: name.clone(),
                generic: is_generic(name),
                reached,
            }
        })
        .collect();
    let hotspots = profile
        .hotspots
        .iter()
        .map(|h| (h.concern, substance.evidence(h.concern).cloned()))
        .collect();
    Coverage { expected, hotspots }
}

/// `word` without an inflection ending, so "transcoding" finds "transcode" but not "transcript".
fn root(word: &str) -> &str {
    for suffix in ["ation", "ing", "ion", "ers", "er", "ed", "es", "s"] {
        if let Some(r) = word.strip_suffix(suffix)
            && r.len() >= 4
        {
            return r;
        }
    }
    word
}

fn words_of(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '/'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// Whether the words of `phrase` occur in a row in `words`, each word matching by stem (a short
/// word must match whole, bar a plural "s").
fn phrase_in(phrase: &[String], words: &[String]) -> bool {
    if phrase.is_empty() || phrase.len() > words.len() {
        return false;
    }
    let matches = |want: &str, got: &str| {
        if want.len() <= 3 {
            got == want || got.strip_suffix('s') == Some(want)
        } else {
            got.starts_with(root(want))
        }
    };
    words
        .windows(phrase.len())
        .any(|w| w.iter().zip(phrase).all(|(got, want)| matches(want, got)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words_of(s)
    }

    #[test]
    fn stems_match_inflections_but_short_words_match_whole() {
        assert!(phrase_in(
            &w("segment"),
            &w("we cut it into segments first")
        ));
        assert!(phrase_in(&w("eval"), &w("an evaluation set")));
        assert!(phrase_in(&w("cdn"), &w("push to the CDNs")));
        assert!(!phrase_in(&w("cdn"), &w("cdnx")));
        assert!(phrase_in(&w("a/b test"), &w("run an A/B test")));
        assert!(!phrase_in(&w("object storage"), &w("storage of objects")));
        assert!(phrase_in(
            &w("transcoding"),
            &w("we transcode each segment")
        ));
        assert!(!phrase_in(&w("transcoding"), &w("the transcript")));
    }
}
