//! A candidate played by the model from a brief: it sees the interview from the candidate's chair
//! (the interviewer's turns as the user's, its own as the assistant's), reveals its brief only when
//! asked, and stops on its stop word, when the interviewer closes, or at its turn cap.

use std::sync::Arc;

use serde::Serialize;
use tokio_util::sync::CancellationToken;

use crate::llm::{ChatMessage, ChatModel, ChatRequest, LlmError};
use crate::template::{self, TemplateError};
use crate::transcript::{Speaker, Turn};

/// The brief and the rules of a model-played candidate.
#[derive(Debug, Clone)]
pub struct Brief {
    /// How the candidate behaves and what it knows.
    pub brief: String,
    /// The word that ends its round.
    pub stop: String,
    /// Most turns it takes.
    pub max_turns: u32,
    /// Sampling temperature.
    pub temperature: Option<f32>,
}

#[derive(Serialize)]
struct PromptVars<'a> {
    minutes: f64,
    company: &'a str,
    level: String,
    question: &'a str,
    brief: &'a str,
    stop: &'a str,
}

/// A model-played candidate in one run.
pub struct LlmCandidate {
    model: Arc<dyn ChatModel>,
    system: String,
    brief: Brief,
    said: u32,
}

impl LlmCandidate {
    /// A candidate for this round, played by `model`.
    pub fn new(
        model: Arc<dyn ChatModel>,
        brief: Brief,
        setup: &crate::interview::RoundSetup,
    ) -> Result<Self, TemplateError> {
        let vars = PromptVars {
            minutes: (setup.plan.total().as_secs_f64() / 60.0).round(),
            company: &setup.persona.company,
            level: format!("{:?}", setup.level).to_lowercase(),
            question: &setup.question.prompt,
            brief: &brief.brief,
            stop: &brief.stop,
        };
        let system = template::render_str(super::super::content::CANDIDATE_PROMPT, &vars)?;
        Ok(Self {
            model,
            system: system.trim().to_string(),
            brief,
            said: 0,
        })
    }

    /// The candidate's next line, or `None` when it is done.
    pub async fn next(
        &mut self,
        turns: &[Turn],
        cancel: &CancellationToken,
    ) -> Result<Option<String>, LlmError> {
        let closed = turns
            .last()
            .and_then(|t| t.intent.as_ref())
            .is_some_and(|i| i.closing);
        if self.said >= self.brief.max_turns || closed {
            return Ok(None);
        }
        let mut messages = vec![ChatMessage::system(&self.system)];
        for t in turns {
            messages.push(match t.role {
                Speaker::Interviewer => ChatMessage::user(&t.text),
                Speaker::Candidate => ChatMessage::assistant(&t.text),
            });
        }
        let mut request = ChatRequest::new(messages);
        request.temperature = self.brief.temperature;
        request.max_tokens = Some(300);
        let mut sink = |_: &str| {};
        let done = self.model.complete(&request, &mut sink, cancel).await?;
        self.said += 1;
        let text = match done.text.find(&self.brief.stop) {
            Some(i) => done.text[..i].trim().to_string(),
            None => done.text.trim().to_string(),
        };
        Ok((!text.is_empty()).then_some(text))
    }
}
