//! The judge layer: when a model is configured, one binary question per criterion
//! (`prompts/critique/judge.toml`), all asked in one call and answered as structured output (a JSON
//! schema generated from [`JudgeVerdicts`]) at temperature 0, so a critique costs one transcript of
//! prompt tokens. Servers without `json_schema` get JSON mode, then a plain prompt (the client falls
//! back); the answer is read leniently ([`answer`]). Before sending, the prompt is checked against
//! the model's context window when the server reports one: a round too long to judge says so and
//! what to do, instead of failing on the server.
//!
//! The model is not trusted. The transcript goes in the user message as delimited data (a
//! delimiter drawn at random per run, so no line can have been written to close it) with an
//! instruction in the system message to ignore instructions inside it,
//! and with text aimed at the grader already cut out by the rule layer's reading. Every verdict
//! must quote the transcript; the quote is looked up verbatim (after whitespace and quote-mark
//! normalisation) and a verdict with an invented quote is dropped and counted. A checked verdict
//! settles a disagreement with the rules: a flag the judge raises with proof stands, a rules flag
//! the judge finds absent is kept in the report but overruled (`stands: false`, `decided_by:
//! judge`), and the score follows the flags that stand. With no model, or a failed call, the
//! rules decide alone and the report is the reproducible rule layer's.

mod answer;

use std::sync::LazyLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use crate::llm::fence::Fence;
use crate::llm::{ChatMessage, ChatModel, ChatRequest, LlmError};

use super::input::{Dialogue, Role};
use super::read::{self, Reading};
use super::report::{
    Citation, Flag, FlagCode, JudgeNote, Layer, LayerRun, Report, Severity, VerdictCounts,
};
use super::rules::clip;
use super::{Profile, Setup};

/// Every verdict, as the model must reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JudgeVerdicts {
    /// One verdict per criterion asked, in the order asked.
    pub verdicts: Vec<JudgeVerdict>,
}

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
#[derive(Debug, Clone, Serialize, Deserialize)]
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

/// Reply tokens per criterion asked (a verdict with its quote and reason), plus a margin.
const TOKENS_PER_CRITERION: u32 = 160;
const REPLY_MARGIN: u32 = 200;

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
    let criteria: Vec<&Criterion> = JUDGE
        .criteria
        .iter()
        .filter(|c| !c.ai_only || setup.profile.ai_workload)
        .collect();
    let req = request(&criteria, &setup.profile, &delimiter, &transcript);
    if let Some(window) = model.context_window().await {
        let need = estimate_tokens(&req) + req.max_tokens.unwrap_or(0) as usize;
        if need > window as usize {
            skipped(
                report,
                &format!(
                    "the round is too long for the model's context window: about {need} tokens \
                     with the reply, and the window holds {window}; start the server with a \
                     larger context (llama-server -c 16384, Ollama num_ctx) or judge with a \
                     longer-context model"
                ),
            );
            return;
        }
    }
    let cancel = CancellationToken::new();
    let mut sink = |_: &str| {};
    let reply = model.complete(&req, &mut sink, &cancel).await;

    let mut counts = VerdictCounts {
        asked: criteria.len(),
        ..VerdictCounts::default()
    };
    let verdicts = match reply {
        Ok(c) => {
            if let Some(u) = c.usage {
                counts.prompt_tokens = u64::from(u.prompt_tokens);
                counts.completion_tokens = u64::from(u.completion_tokens);
            }
            answer::verdicts(&c.text)
        }
        Err(e) => {
            counts.failed = criteria.len();
            let why = match e {
                LlmError::ContextExceeded { .. } => e.to_string(),
                other => format!("the judge call failed: {other}"),
            };
            finish(report, counts, 0, Some(why));
            return;
        }
    };
    let mut added = 0;
    for criterion in &criteria {
        let Some(verdict) = verdicts.iter().find(|v| v.criterion.trim() == criterion.id) else {
            counts.failed += 1;
            continue;
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
                // A checked verdict settles a disagreement: the flag stands or falls with it.
                if !verdict.verdict {
                    f.stands = false;
                    f.decided_by = Layer::Judge;
                }
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
                    decided_by: Layer::Judge,
                    stands: true,
                });
            }
            None => {}
        }
    }
    let note = (counts.failed > 0).then(|| {
        format!(
            "{} of {} verdicts missing: the reply did not follow the schema",
            counts.failed, counts.asked
        )
    });
    finish(report, counts, added, note);
    // The score follows the settled flags.
    super::verdict::rescore(
        report,
        setup.profile.ai_workload && setup.profile.id.is_some(),
    );
}

fn finish(report: &mut Report, counts: VerdictCounts, added: usize, note: Option<String>) {
    report
        .flags
        .sort_by_key(|f| (std::cmp::Reverse(f.severity), f.layer, f.code));
    report.layers.retain(|l| l.layer != Layer::Judge);
    report.layers.push(LayerRun {
        layer: Layer::Judge,
        ran: true,
        flags: added,
        verdicts: Some(counts),
        note,
    });
}

/// A rough count of the tokens `req` sends: about four characters a token, as BPE tokenizers
/// cut English.
fn estimate_tokens(req: &ChatRequest) -> usize {
    let chars: usize = req.messages.iter().map(|m| m.content.chars().count()).sum();
    chars.div_ceil(4) + 8 * req.messages.len()
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
    criteria: &[&Criterion],
    profile: &Profile,
    delimiter: &str,
    transcript: &str,
) -> ChatRequest {
    let ctx = minijinja::context! {
        delimiter => delimiter,
        question_title => &profile.title,
        ai_workload => profile.ai_workload,
        trap => profile.trap.clone().unwrap_or_default(),
        transcript => transcript,
        criteria => minijinja::value::Serde(criteria),
    };
    let user = crate::template::render_str(&JUDGE.user, ctx).unwrap_or_else(|e| format!("{e}"));
    let schema = serde_json::to_value(schemars::schema_for!(JudgeVerdicts)).unwrap_or_default();
    let mut req = ChatRequest::new(vec![
        ChatMessage::system(JUDGE.system.trim()),
        ChatMessage::user(user.trim()),
    ]);
    req.temperature = Some(0.0);
    req.seed = Some(0);
    req.max_tokens = Some(TOKENS_PER_CRITERION * criteria.len() as u32 + REPLY_MARGIN);
    req.json_schema = Some(("critique_verdicts".into(), schema));
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
