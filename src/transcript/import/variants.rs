//! One speaker, many labels. Meeting tools label a person differently from line to line: by
//! first name and by full name, with a badge ("Jane Doe (Guest)", "Jane Doe (Unverified)",
//! "Jane Doe (External)", "Jane Doe - Guest"), with pronouns. Left apart, one voice splits in two,
//! a two-person call reads as three speakers and the candidate's answer is cut in pieces.
//!
//! [`Canon`] maps every label of a file to one spelling per person: badges dropped, a lone first
//! name folded into the one full name it starts (never when two full names share it), and a
//! bracketed name after a role ("Interviewer (Ana)") taken as that person's name.

use std::collections::HashMap;

use super::label;

/// Asides in brackets (or after " - ") that say how someone joined, not who they are.
#[rustfmt::skip]
const BADGES: &[&str] = &[
    "guest", "unverified", "external", "verified", "host", "co-host", "cohost", "organizer",
    "organiser", "presenter", "me", "you", "he/him", "she/her", "they/them", "he/they",
    "she/they", "mobile", "phone", "web", "zoom", "teams",
];

/// Role words that are never folded into a person's name by the first-name rule.
#[rustfmt::skip]
const ROLES: &[&str] = &[
    "interviewer", "candidate", "interviewee", "speaker", "host", "guest", "moderator",
    "recruiter", "panelist", "unknown", "q", "a", "me", "you",
];

/// A file's labels mapped to one spelling per speaker.
#[derive(Debug, Default)]
pub(super) struct Canon {
    /// Label key → the canonical label.
    to: HashMap<String, String>,
}

/// A label split into its name and what follows it.
struct Parts {
    /// The name with any badge removed ("Jane Doe").
    base: String,
    /// A bracketed name that is not a badge ("Ana" of "Interviewer (Ana)").
    alias: Option<String>,
}

fn parts(label: &str) -> Parts {
    let label = label::normalise(label);
    let is_badge = |s: &str| {
        let s = s.trim().to_lowercase();
        BADGES.contains(&s.as_str())
    };
    let bracketed = [('(', ')'), ('[', ']')]
        .into_iter()
        .find_map(|(open, close)| {
            let inner = label.strip_suffix(close)?;
            let at = inner.rfind(open)?;
            Some((
                inner[..at].trim().to_string(),
                inner[at + 1..].trim().to_string(),
            ))
        });
    if let Some((name, aside)) = bracketed
        && !name.is_empty()
    {
        if is_badge(&aside) {
            return Parts {
                base: parts(&name).base,
                alias: None,
            };
        }
        let alias = (!aside.is_empty() && aside.split(' ').count() <= 3).then_some(aside);
        return Parts { base: label, alias };
    }
    for sep in [" - ", " – ", " — "] {
        if let Some((name, badge)) = label.rsplit_once(sep)
            && is_badge(badge)
            && !name.trim().is_empty()
        {
            return Parts {
                base: name.trim().to_string(),
                alias: None,
            };
        }
    }
    // A bare trailing badge word: "Jane Doe Unverified", as some exports flatten the badge.
    if let Some((name, last)) = label.rsplit_once(' ')
        && matches!(last.to_lowercase().as_str(), "unverified" | "(unverified)")
    {
        return Parts {
            base: name.to_string(),
            alias: None,
        };
    }
    Parts {
        base: label,
        alias: None,
    }
}

impl Canon {
    /// Builds the map from every label occurrence (repeats count: the most used spelling of a
    /// full name wins).
    pub(super) fn new<'a>(labels: impl IntoIterator<Item = &'a str>) -> Canon {
        let mut uses: HashMap<String, (String, usize)> = HashMap::new();
        for l in labels {
            let e = uses
                .entry(label::key(l))
                .or_insert_with(|| (label::normalise(l), 0));
            e.1 += 1;
        }
        // Group by the badge-free name.
        let mut groups: HashMap<String, Vec<(String, String, usize)>> = HashMap::new();
        let mut alias_of: HashMap<String, String> = HashMap::new();
        for (key, (label, n)) in &uses {
            let p = parts(label);
            let base_key = label::key(&p.base);
            if let Some(a) = p.alias {
                alias_of.insert(label::key(&a), base_key.clone());
            }
            groups
                .entry(base_key)
                .or_default()
                .push((key.clone(), p.base, *n));
        }
        // A one-word name folds into the one longer name it starts, or the role it names.
        let bases: Vec<String> = groups.keys().cloned().collect();
        let mut fold: HashMap<String, String> = HashMap::new();
        for b in &bases {
            if b.contains(' ') || ROLES.contains(&b.as_str()) {
                continue;
            }
            let mut into: Vec<&String> = bases
                .iter()
                .filter(|o| *o != b && o.split(' ').next() == Some(b.as_str()))
                .filter(|o| !ROLES.contains(&o.split(' ').next().unwrap_or_default()))
                .collect();
            if let Some(target) = alias_of.get(b) {
                into.push(target);
            }
            into.sort();
            into.dedup();
            if let [one] = into[..] {
                fold.insert(b.clone(), one.clone());
            }
        }
        let mut to = HashMap::new();
        for (base_key, members) in &groups {
            let target = fold.get(base_key).unwrap_or(base_key);
            let group = &groups[target];
            let folded_in = fold.values().any(|t| t == base_key);
            if group.len() == 1 && !fold.contains_key(base_key) && !folded_in {
                // One spelling: kept as written ("Alex Chen (he/him)").
                continue;
            }
            // The spelling of the target's name: its most used badge-free form.
            let canonical = group
                .iter()
                .max_by_key(|(_, base, n)| (*n, std::cmp::Reverse(base.len())))
                .map(|(_, base, _)| base.clone())
                .unwrap_or_default();
            for (key, _, _) in members {
                to.insert(key.clone(), canonical.clone());
            }
        }
        Canon { to }
    }

    /// The canonical label for `label` (itself when the file has no other spelling of it).
    pub(super) fn label(&self, label: &str) -> String {
        self.to
            .get(&label::key(label))
            .cloned()
            .unwrap_or_else(|| label::normalise(label))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badges_first_names_and_role_asides_fold_into_one_speaker() {
        let c = Canon::new([
            "Jane Doe",
            "Jane Doe",
            "Jane",
            "Jane Doe (Guest)",
            "Jane Doe (Unverified)",
            "Raj Patel (External)",
            "Raj Patel",
            "Interviewer (Ana)",
            "Ana",
            "Speaker 1",
            "Speaker 2",
        ]);
        for l in [
            "Jane",
            "Jane Doe (Guest)",
            "Jane Doe (Unverified)",
            "JANE DOE",
        ] {
            assert_eq!(c.label(l), "Jane Doe", "{l}");
        }
        assert_eq!(c.label("Raj Patel (External)"), "Raj Patel");
        assert_eq!(c.label("Ana"), "Interviewer (Ana)");
        assert_eq!(c.label("Speaker 1"), "Speaker 1");
        assert_eq!(c.label("Speaker 2"), "Speaker 2");
    }

    #[test]
    fn a_first_name_two_people_share_stays_apart() {
        let c = Canon::new(["Sam Lee", "Sam Ortiz", "Sam"]);
        assert_eq!(c.label("Sam"), "Sam");
        assert_eq!(c.label("Sam Lee"), "Sam Lee");
    }
}
