//! The judge layer: when a model is configured, one binary question per criterion
//! (`prompts/critique/judge.toml`), answered as structured output (a JSON schema generated from
//! [`JudgeVerdict`]) at temperature 0.
//!
//! The model is not trusted. The transcript goes in the user message as delimited data (a
//! delimiter drawn at random per run, so no line can have been written to close it) with an
//! instruction in the system message to ignore instructions inside it,
//! and with text aimed at the grader already cut out by the rule layer's reading. Every verdict
//! must quote the transcript; the quote is looked up verbatim (after whitespace and quote-mark
//! normalisation) and a verdict with an invented quote is dropped and counted. The judge adds
//! flags the rules missed and agrees or disagrees with the rules' own, but never removes a rules
//! flag or moves the score: the deterministic layer stays reproducible.

use std::sync::LazyLock;

use futures::StreamExt;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use crate::llm::fence::Fence;
use crate::llm::{ChatMessage, ChatModel, ChatRequest};

use super::input::{Dialogue, Role};
use super::read::{self, Reading};
use super::report::{
    Citation, Flag, FlagCode, JudgeNote, Layer, LayerRun, Report, Severity, VerdictCounts,
};
use super::rules::clip;
use super::{Profile, Setup};

/// One verdict, as the model must reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JudgeVerdict {
    /// The criterion's id.
    pub criterion: String,
    /// True when the problem the criterion describes is present.
    pub verdict: bool,
    /// One sentence copied exactly from the transcript that supports the verdict ("" when none).
    pub quote: String,
    /// One sentence of reasoning.
    pub reason: String,
}

/// One criterion: a yes/no question about one flag code.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// The flag code it asks about.
    pub id: String,
    /// Only asked of AI workloads.
    #[serde(default)]
    pub ai_only: bool,
    /// The question; "yes" means the problem is present.
    pub ask: String,
    /// Advice for a flag the judge raises on its own.
    pub advice: String,
}

/// `prompts/critique/judge.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JudgeData {
    /// The system prompt.
    pub system: String,
    /// The user prompt template.
    pub user: String,
    /// The criteria.
    #[serde(rename = "criterion")]
    pub criteria: Vec<Criterion>,
}

/// The embedded judge data; a test checks it parses and names only known codes.
pub static JUDGE: LazyLock<JudgeData> = LazyLock::new(|| {
    super::data::parse("judge.toml").unwrap_or_else(|e| panic!("embedded critique data: {e}"))
});

/// Fewest words the candidate must have said for the judge to run: below this there is nothing a
/// model could judge that the rules have not, and ten calls would be spent on a greeting.
pub const MIN_WORDS: usize = 150;

/// How many criteria are asked at once.
const CONCURRENCY: usize = 4;

/// Runs the judge over `dialogue` and folds its verdicts into `report` (which the rule layer
/// made from the same dialogue and setup).
pub async fn judge(model: &dyn ChatModel, dialogue: &Dialogue, setup: &Setup, report: &mut Report) {
    if report.source.candidate_words < MIN_WORDS {
        let why = format!(
            "too short to judge: {} candidate words (the judge starts at {MIN_WORDS})",
            report.source.candidate_words
        );
        skipped(report, &why);
        return;
    }
    let reading = read::read(dialogue);
    let transcript = transcript_text(&reading);
    // Drawn per run, so nothing in the transcript can have been written to close it.
    let delimiter = format!("=====TRANSCRIPT-{}=====", Fence::around(&transcript).tag());
    let schema = serde_json::to_value(schemars::schema_for!(JudgeVerdict)).unwrap_or_default();
    let criteria: Vec<&Criterion> = JUDGE
        .criteria
        .iter()
        .filter(|c| !c.ai_only || setup.profile.ai_workload)
        .collect();
    let requests: Vec<(String, ChatRequest)> = criteria
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                request(c, &setup.profile, &delimiter, &transcript, &schema),
            )
        })
        .collect();
    let replies: Vec<Result<String, String>> = futures::stream::iter(requests.iter())
        .map(|(_, req)| async move {
            let cancel = CancellationToken::new();
            let mut sink = |_: &str| {};
            match model.complete(req, &mut sink, &cancel).await {
                Ok(c) => Ok(c.text),
                Err(e) => Err(e.to_string()),
            }
        })
        .buffered(CONCURRENCY)
        .collect()
        .await;

    let mut counts = VerdictCounts {
        asked: criteria.len(),
        ..VerdictCounts::default()
    };
    let mut added = 0;
    let mut first_error = None;
    for (criterion, reply) in criteria.iter().zip(replies) {
        let verdict = match reply.map(|text| parse(&text)) {
            Ok(Some(v)) => v,
            Ok(None) => {
                counts.failed += 1;
                first_error.get_or_insert_with(|| "a reply did not follow the schema".to_string());
                continue;
            }
            Err(e) => {
                counts.failed += 1;
                first_error.get_or_insert(e);
                continue;
            }
        };
        let cited = if verdict.quote.trim().is_empty() {
            None
        } else {
            match find_quote(&reading, &verdict.quote) {
                Some(c) => Some(c),
                None => {
                    counts.invented_quotes += 1;
                    continue;
                }
            }
        };
        if verdict.verdict && cited.is_none() {
            // A finding without proof is not a finding.
            counts.invented_quotes += 1;
            continue;
        }
        counts.kept += 1;
        let Some(code) = FlagCode::parse(&criterion.id) else {
            continue;
        };
        let reason = verdict.reason.trim().to_string();
        match report
            .flags
            .iter_mut()
            .find(|f| f.code == code && f.layer == Layer::Rules)
        {
            Some(f) => {
                f.judge = Some(JudgeNote {
                    agrees: verdict.verdict,
                    reason,
                });
            }
            None if verdict.verdict => {
                added += 1;
                report.flags.push(Flag {
                    code,
                    severity: Severity::Medium,
                    layer: Layer::Judge,
                    summary: reason,
                    evidence: cited.into_iter().collect(),
                    advice: criterion.advice.clone(),
                    judge: None,
                });
            }
            None => {}
        }
    }
    report
        .flags
        .sort_by_key(|f| (std::cmp::Reverse(f.severity), f.layer, f.code));
    let note = first_error.map(|e| format!("{} call(s) failed: {e}", counts.failed));
    report.layers.retain(|l| l.layer != Layer::Judge);
    report.layers.push(LayerRun {
        layer: Layer::Judge,
        ran: true,
        flags: added,
        verdicts: Some(counts),
        note,
    });
}

/// Records in `report` that the judge did not run, and why.
pub fn skipped(report: &mut Report, why: &str) {
    report.layers.retain(|l| l.layer != Layer::Judge);
    report.layers.push(LayerRun {
        layer: Layer::Judge,
        ran: false,
        flags: 0,
        verdicts: None,
        note: Some(why.to_string()),
    });
}

fn request(
    c: &Criterion,
    profile: &Profile,
    delimiter: &str,
    transcript: &str,
    schema: &serde_json::Value,
) -> ChatRequest {
    let ctx = minijinja::context! {
        delimiter => delimiter,
        question_title => &profile.title,
        ai_workload => profile.ai_workload,
        trap => profile.trap.clone().unwrap_or_default(),
        transcript => transcript,
        criterion => &c.id,
        ask => &c.ask,
    };
    let user = crate::template::render_str(&JUDGE.user, ctx).unwrap_or_else(|e| format!("{e}"));
    let mut req = ChatRequest::new(vec![
        ChatMessage::system(JUDGE.system.trim()),
        ChatMessage::user(user.trim()),
    ]);
    req.temperature = Some(0.0);
    req.seed = Some(0);
    req.max_tokens = Some(400);
    req.json_schema = Some(("critique_verdict".into(), schema.clone()));
    req
}

/// The transcript as the judge reads it: one line per turn, role-labelled.
fn transcript_text(reading: &Reading) -> String {
    let mut out = String::new();
    for t in &reading.turns {
        let role = match t.role {
            Role::Interviewer => "INTERVIEWER",
            Role::Candidate => "CANDIDATE",
        };
        let text = t.text.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push_str(&format!(
            "[turn {} · {}] {role}: {text}\n",
            t.n,
            crate::clock::mmss(t.at)
        ));
    }
    out
}

/// The verdict in a reply, tolerating a code fence around the JSON.
fn parse(text: &str) -> Option<JudgeVerdict> {
    let t = text.trim();
    let t = t
        .strip_prefix("```json")
        .or_else(|| t.strip_prefix("```"))
        .unwrap_or(t);
    let t = t.strip_suffix("```").unwrap_or(t).trim();
    serde_json::from_str(t).ok()
}

/// Whitespace collapsed and curly quotes straightened, so a faithful copy matches.
fn normalise(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            _ => c,
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The turn holding `quote` verbatim, cited; `None` when the quote is not in the transcript.
fn find_quote(reading: &Reading, quote: &str) -> Option<Citation> {
    let q = normalise(quote);
    let q = q.trim_matches(|c: char| c == '"' || c == '\'').trim();
    let q = q
        .strip_suffix("...")
        .or_else(|| q.strip_suffix('…'))
        .unwrap_or(q)
        .trim();
    if q.chars().count() < 8 {
        return None;
    }
    // Prefer the candidate's words when both said it.
    let mut turns: Vec<_> = reading.turns.iter().collect();
    turns.sort_by_key(|t| t.role != Role::Candidate);
    turns
        .into_iter()
        .find(|t| normalise(&t.text).contains(q))
        .map(|t| Citation::new(t.n, t.at, clip(q)).noted("quoted by the judge"))
}

#[cfg(test)]
mod tests;
