//! The model judge: one yes/no question over the turns in scope, asked `samples` times. The
//! instructions go in the system message and the transcript, fenced by a per-call random
//! delimiter, in the user message. Each
//! answer must quote the transcript verbatim; an answer whose quote is not there is discarded, and
//! the majority of the rest decides.

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use crate::llm::fence::Fence;
use crate::llm::{ChatMessage, ChatRequest};
use crate::template;
use crate::transcript::Speaker;

use super::super::case::JudgeSpec;
use super::super::scope::Scope;
use super::{Context, Verdict};

#[derive(Serialize)]
struct Vars<'a> {
    question: &'a str,
    turns: &'a [Line],
    open: String,
    close: String,
}

#[derive(Serialize)]
struct Line {
    at: String,
    role: &'static str,
    text: String,
}

#[derive(Deserialize)]
struct Answer {
    answer: bool,
    quote: String,
}

fn schema() -> serde_json::Value {
    serde_json::json!({
        "type": "object",
        "properties": {
            "answer": {"type": "boolean"},
            "quote": {"type": "string"}
        },
        "required": ["answer", "quote"],
        "additionalProperties": false
    })
}

/// Collapses whitespace and case so a quote that differs only in line breaks still verifies.
fn normal(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The judge's verdict on the turns in scope (both speakers; the scope's phase and window apply).
pub async fn judge(scope: &Scope, ctx: &Context<'_>, spec: &JudgeSpec) -> Verdict {
    let Some(model) = ctx.model else {
        return Verdict::fail("the judge needs a model (record or replay a cassette)");
    };
    let lines: Vec<Line> = ctx
        .record
        .turns
        .iter()
        .filter(|t| scope.phase.is_none_or(|p| t.phase == p) && scope.in_window(t.at))
        .map(|t| Line {
            at: crate::clock::mmss(t.at),
            role: match t.role {
                Speaker::Interviewer => "interviewer",
                Speaker::Candidate => "candidate",
            },
            text: t.text.clone(),
        })
        .collect();
    if lines.is_empty() {
        return Verdict::fail(format!("no turns for the judge in {}", scope.describe()));
    }
    let transcript = normal(
        &lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    );
    // A fence drawn per call: no line of the transcript can have been written to close it.
    let fence = Fence::around(&lines.iter().map(|l| l.text.as_str()).collect::<String>());
    let vars = Vars {
        question: &spec.question,
        turns: &lines,
        open: fence.open(),
        close: fence.close(),
    };
    let render = |template: &str| template::render_str(template, &vars);
    let (instructions, data) = match (
        render(super::super::content::JUDGE_PROMPT),
        render(super::super::content::JUDGE_DATA),
    ) {
        (Ok(i), Ok(d)) => (i, d),
        (Err(e), _) | (_, Err(e)) => {
            return Verdict::fail(format!("the judge prompt did not render: {e}"));
        }
    };
    // Instructions in the system role, the transcript (untrusted) in the user role.
    let mut request = ChatRequest::new(vec![
        ChatMessage::system(instructions.trim()),
        ChatMessage::user(data.trim()),
    ]);
    // One sample is a point answer; several are a vote, which only means something if they vary.
    request.temperature = Some(if spec.samples > 1 { 0.7 } else { 0.0 });
    request.max_tokens = Some(200);
    request.json_schema = Some(("judge_verdict".into(), schema()));
    let cancel = CancellationToken::new();
    let (mut yes, mut no, mut discarded) = (0u32, 0u32, 0u32);
    let mut last_discard = String::new();
    for _ in 0..spec.samples {
        let mut sink = |_: &str| {};
        let reply = match model.complete(&request, &mut sink, &cancel).await {
            Ok(r) => r.text,
            Err(e) => return Verdict::error(format!("the judge's model failed: {e}")),
        };
        let json = reply
            .find('{')
            .zip(reply.rfind('}'))
            .map(|(a, b)| &reply[a..=b]);
        let parsed: Option<Answer> = json.and_then(|j| serde_json::from_str(j).ok());
        match parsed {
            Some(a) if !a.quote.trim().is_empty() && transcript.contains(&normal(&a.quote)) => {
                if a.answer { yes += 1 } else { no += 1 }
            }
            Some(a) => {
                discarded += 1;
                last_discard = format!(
                    "quote not in the transcript: \"{}\"",
                    a.quote.chars().take(60).collect::<String>()
                );
            }
            None => {
                discarded += 1;
                last_discard = "not a JSON verdict".into();
            }
        }
    }
    let agree = if spec.expect { yes } else { no };
    let valid = yes + no;
    let tally = format!(
        "{yes} yes, {no} no, {discarded} discarded of {}",
        spec.samples
    );
    if valid > 0 && agree * 2 > valid {
        Verdict {
            detail: Some(tally),
            ..Verdict::pass()
        }
    } else if valid == 0 {
        Verdict::fail(format!(
            "the judge gave no usable answer ({tally}; {last_discard})"
        ))
    } else {
        let want = if spec.expect { "yes" } else { "no" };
        Verdict::fail(format!(
            "the judge did not answer {want} by majority ({tally})"
        ))
    }
}
