//! The round inside an imported call: a [`Dialogue`] of the whole call cut down to the turns
//! [`span`] finds (problem statement to end of design), with the roles decided again on the round
//! alone, and what was left out recorded for the report as [`RoundBounds`].

use super::input::{Dialogue, DialogueTurn, RawTurn, Role};
use super::report::{CandidateChoice, LeftOutPart, RoundBounds};
use super::{span, speakers};

/// What the importer noticed about the file, carried into the report.
pub(crate) struct ImportFacts {
    pub left_out: Vec<LeftOutPart>,
    pub clock_restarts: Vec<usize>,
    pub rejoined: usize,
}

impl Dialogue {
    /// Keeps only the round inside the call: from the problem statement to the end of the
    /// candidate's design (see [`span`]). When the candidate was inferred, the roles are decided
    /// again on the round alone (a long feedback monologue can outweigh the candidate's design in
    /// the whole call), and the round found again with them.
    pub(crate) fn take_round(&mut self, named: bool, facts: ImportFacts) {
        let roles = |d: &Dialogue| -> Vec<(Role, String)> {
            d.turns.iter().map(|t| (t.role, t.text.clone())).collect()
        };
        let find = |r: &[(Role, String)]| {
            let v: Vec<(Role, &str)> = r.iter().map(|(role, t)| (*role, t.as_str())).collect();
            span::find(&v)
        };
        let mut found = find(&roles(self));
        if !named && (found.start > 0 || found.end < self.turns.len()) {
            let call: Vec<RawTurn> = self
                .turns
                .iter()
                .map(|t| RawTurn {
                    speaker: t.speaker.clone(),
                    text: t.text.clone(),
                    at: t.at,
                    line: t.line,
                })
                .collect();
            if let Ok(cast) = speakers::cast_in(&call, None, found.start..found.end)
                && speakers::key(&cast.choice.name) != speakers::key(&self.candidate.name)
            {
                for t in &mut self.turns {
                    t.role = if speakers::key(&t.speaker) == cast.candidate {
                        Role::Candidate
                    } else {
                        Role::Interviewer
                    };
                }
                let mut others: Vec<String> = Vec::new();
                for t in self.interviewer_turns() {
                    if !others
                        .iter()
                        .any(|o| speakers::key(o) == speakers::key(&t.speaker))
                    {
                        others.push(t.speaker.clone());
                    }
                }
                self.candidate = CandidateChoice {
                    interviewers: others,
                    reason: format!("{} (decided on the round alone)", cast.choice.reason),
                    ..cast.choice
                };
                found = find(&roles(self));
            }
        }
        let all = std::mem::take(&mut self.turns);
        let words =
            |ts: &[DialogueTurn]| ts.iter().map(|t| t.text.split_whitespace().count()).sum();
        let lines = |ts: &[DialogueTurn]| {
            (
                ts.first().and_then(|t| t.line),
                ts.last().and_then(|t| t.line),
            )
        };
        let mut left_out = facts.left_out;
        let (before, rest) = all.split_at(found.start);
        let (round, after) = rest.split_at(found.end - found.start);
        if !before.is_empty() {
            let (first_line, last_line) = lines(before);
            left_out.push(LeftOutPart {
                kind: "before-round".into(),
                what: found.before_what.clone(),
                first_line,
                last_line,
                turns: before.len(),
                words: words(before),
            });
        }
        if !after.is_empty() {
            let (first_line, last_line) = lines(after);
            left_out.push(LeftOutPart {
                kind: "after-round".into(),
                what: found.after_what.clone(),
                first_line,
                last_line,
                turns: after.len(),
                words: words(after),
            });
        }
        left_out.sort_by_key(|p| p.first_line.unwrap_or(0));
        let first = round.first();
        let last = round.last();
        let mut notes = Vec::new();
        if !facts.clock_restarts.is_empty() {
            notes.push(format!(
                "the file's clock restarts at line(s) {}: later times were shifted to run on",
                facts
                    .clock_restarts
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if facts.rejoined > 0 {
            notes.push(format!(
                "{} turn(s) split mid-sentence by the other speaker were rejoined",
                facts.rejoined
            ));
        }
        self.bounds = Some(RoundBounds {
            start_turn: first.map_or(0, |t| t.n),
            start_line: first.and_then(|t| t.line),
            start_why: found.start_why,
            end_turn: last.map_or(0, |t| t.n),
            end_line: last.and_then(|t| t.line),
            end_why: found.end_why,
            left_out,
            notes,
        });
        // The round's clock starts at its first turn.
        let zero = first.and_then(|t| t.at).unwrap_or_default();
        self.turns = round
            .iter()
            .cloned()
            .map(|mut t| {
                t.at = t.at.map(|a| a.saturating_sub(zero));
                t
            })
            .collect();
        self.outside = before.iter().chain(after).cloned().collect();
    }
}
