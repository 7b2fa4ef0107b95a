//! A [`ChatModel`] wrapper that keeps secrets out of everything a model sends back: the streamed
//! pieces (a key split across two pieces is held back until it can be replaced whole), the final
//! text, the provider's model name, the reason a reply was cut, and the messages of errors.
//!
//! An endpoint that echoes the key (a proxy's error page, a model asked to repeat its headers)
//! then cannot put it in a transcript, a report, a cassette or on the screen.

use std::sync::Arc;

use futures::future::BoxFuture;
use tokio_util::sync::CancellationToken;

use super::{ChatModel, ChatRequest, Completion, Finish, LlmError, Scrubber, TokenSink};

/// Scrubs what `inner` returns with `scrubber`.
pub struct ScrubbedModel {
    inner: Arc<dyn ChatModel>,
    scrubber: Scrubber,
}

impl ScrubbedModel {
    /// Wraps `inner`.
    pub fn new(inner: Arc<dyn ChatModel>, scrubber: Scrubber) -> Self {
        Self { inner, scrubber }
    }
}

impl ChatModel for ScrubbedModel {
    fn model_id(&self) -> &str {
        self.inner.model_id()
    }

    fn complete<'a>(
        &'a self,
        request: &'a ChatRequest,
        sink: TokenSink<'a>,
        cancel: &'a CancellationToken,
    ) -> BoxFuture<'a, Result<Completion, LlmError>> {
        Box::pin(async move {
            let mut stream = self.scrubber.stream();
            let result = {
                let mut scrubbed_sink = |piece: &str| {
                    let shown = stream.push(piece);
                    if !shown.is_empty() {
                        sink(&shown);
                    }
                };
                self.inner
                    .complete(request, &mut scrubbed_sink, cancel)
                    .await
            };
            let rest = stream.finish();
            if !rest.is_empty() {
                sink(&rest);
            }
            let s = |t: &str| self.scrubber.scrub(t).into_owned();
            match result {
                Ok(mut c) => {
                    c.text = s(&c.text);
                    c.model = c.model.as_deref().map(s);
                    if let Finish::Cut { reason } = &c.finish {
                        c.finish = Finish::Cut { reason: s(reason) };
                    }
                    Ok(c)
                }
                Err(e) => Err(scrub_error(e, &self.scrubber)),
            }
        })
    }
}

/// The same error with the secrets taken out of every message it carries.
pub fn scrub_error(e: LlmError, scrubber: &Scrubber) -> LlmError {
    e.map_messages(|t| scrubber.scrub(&t).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::llm::scripted::ScriptedModel;
    use crate::llm::{ApiKey, ChatMessage};

    #[tokio::test]
    async fn an_echoed_key_never_reaches_the_sink_or_the_text() {
        let key = "sk-echo-canary-31337";
        let inner = Arc::new(ScriptedModel::new([format!("your key is {key}, right?")]));
        let model = ScrubbedModel::new(inner, Scrubber::new([ApiKey::new(key)]));
        let mut shown = String::new();
        let mut sink = |p: &str| shown.push_str(p);
        let req = ChatRequest::new(vec![ChatMessage::user("hi")]);
        let done = model
            .complete(&req, &mut sink, &CancellationToken::new())
            .await
            .unwrap();
        assert!(!done.text.contains("canary"), "{}", done.text);
        assert!(!shown.contains("canary"), "{shown}");
        assert!(shown.contains("[redacted]"), "{shown}");
    }
}
