//! The layers an eval puts around a chat model: [`Backoff`] waits out rate limits (shared by every
//! run, so the whole suite slows down together), and [`Metered`] counts one run's tokens and the
//! time spent waiting on the model, which is how the harness tells its own work from the model's.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use tokio_util::sync::CancellationToken;

use crate::llm::{ChatModel, ChatRequest, Completion, LlmError, TokenSink};

/// Retries a rate-limited call with exponential backoff.
pub struct Backoff {
    inner: Arc<dyn ChatModel>,
    retries: u32,
    base: Duration,
}

impl Backoff {
    /// Wraps `inner`: up to `retries` more tries after a 429, waiting `base`, 2x`base`, ... (capped
    /// at 30 s), each stretched by up to half again so runs that hit the limit together spread out.
    pub fn new(inner: Arc<dyn ChatModel>, retries: u32, base: Duration) -> Self {
        Self {
            inner,
            retries,
            base,
        }
    }

    fn wait(&self, attempt: u32, salt: u64) -> Duration {
        let exp = self.base.saturating_mul(1 << attempt.min(16)).min(Duration::from_secs(30));
        // Deterministic jitter from the request, so reruns wait the same and siblings do not.
        exp + exp.mul_f64((salt % 1000) as f64 / 2000.0)
    }
}

impl ChatModel for Backoff {
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
            let salt = request.messages.iter().map(|m| m.content.len() as u64).sum::<u64>()
                ^ request.messages.len() as u64 * 7919;
            let mut attempt = 0;
            loop {
                match self.inner.complete(request, &mut *sink, cancel).await {
                    Err(LlmError::RateLimited) if attempt < self.retries => {
                        let wait = self.wait(attempt, salt.wrapping_add(u64::from(attempt)));
                        tracing::debug!(attempt, wait_ms = wait.as_millis() as u64, "rate limited; backing off");
                        tokio::select! {
                            _ = cancel.cancelled() => return Err(LlmError::Cancelled),
                            _ = tokio::time::sleep(wait) => {}
                        }
                        attempt += 1;
                    }
                    other => return other,
                }
            }
        })
    }
}

/// What one run spent on model calls.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Spend {
    /// Calls made.
    pub calls: u32,
    /// Prompt tokens reported.
    pub prompt_tokens: u64,
    /// Completion tokens reported.
    pub completion_tokens: u64,
    /// Wall time spent inside model calls.
    pub waiting: Duration,
}

/// Counts a run's calls, tokens and waiting time.
pub struct Metered {
    inner: Arc<dyn ChatModel>,
    spend: Mutex<Spend>,
}

impl Metered {
    /// Wraps `inner`.
    pub fn new(inner: Arc<dyn ChatModel>) -> Self {
        Self {
            inner,
            spend: Mutex::new(Spend::default()),
        }
    }

    /// What was spent so far.
    pub fn spend(&self) -> Spend {
        *self.spend.lock().expect("meter lock")
    }
}

impl ChatModel for Metered {
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
            let started = Instant::now();
            let result = self.inner.complete(request, sink, cancel).await;
            let mut s = self.spend.lock().expect("meter lock");
            s.calls += 1;
            s.waiting += started.elapsed();
            if let Ok(c) = &result
                && let Some(u) = c.usage
            {
                s.prompt_tokens += u64::from(u.prompt_tokens);
                s.completion_tokens += u64::from(u.completion_tokens);
            }
            result
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::llm::scripted::ScriptedModel;
    use crate::llm::{Finish, Usage};

    /// Rate-limits the first `n` calls, then answers.
    struct Limited {
        left: Mutex<u32>,
        calls: Mutex<u32>,
    }

    impl ChatModel for Limited {
        fn model_id(&self) -> &str {
            "limited"
        }
        fn complete<'a>(
            &'a self,
            _: &'a ChatRequest,
            _: TokenSink<'a>,
            _: &'a CancellationToken,
        ) -> BoxFuture<'a, Result<Completion, LlmError>> {
            Box::pin(async move {
                *self.calls.lock().unwrap() += 1;
                let mut left = self.left.lock().unwrap();
                if *left > 0 {
                    *left -= 1;
                    return Err(LlmError::RateLimited);
                }
                Ok(Completion {
                    text: "ok".into(),
                    finish: Finish::Complete,
                    usage: Some(Usage { prompt_tokens: 3, completion_tokens: 1, cached_tokens: None }),
                    model: None,
                    latency: Duration::ZERO,
                    first_token: None,
                })
            })
        }
    }

    #[tokio::test]
    async fn backoff_waits_out_rate_limits_then_gives_up() {
        let inner = Arc::new(Limited { left: Mutex::new(2), calls: Mutex::new(0) });
        let model = Backoff::new(inner.clone(), 3, Duration::from_millis(20));
        let req = ChatRequest::new(vec![crate::llm::ChatMessage::user("hi")]);
        let cancel = CancellationToken::new();
        let started = Instant::now();
        let done = model.complete(&req, &mut |_| {}, &cancel).await.unwrap();
        assert_eq!(done.text, "ok");
        assert_eq!(*inner.calls.lock().unwrap(), 3);
        // 20 ms and 40 ms, each stretched by at most half again.
        let waited = started.elapsed();
        assert!(waited >= Duration::from_millis(60), "{waited:?}");

        let stubborn = Arc::new(Limited { left: Mutex::new(10), calls: Mutex::new(0) });
        let model = Backoff::new(stubborn.clone(), 2, Duration::from_millis(10));
        let err = model.complete(&req, &mut |_| {}, &cancel).await.unwrap_err();
        assert!(matches!(err, LlmError::RateLimited));
        assert_eq!(*stubborn.calls.lock().unwrap(), 3);
    }

    #[tokio::test]
    async fn meter_counts_tokens_and_calls() {
        let m = Metered::new(Arc::new(ScriptedModel::new(["one two", "three"])));
        let req = ChatRequest::new(vec![crate::llm::ChatMessage::user("a b c")]);
        let cancel = CancellationToken::new();
        m.complete(&req, &mut |_| {}, &cancel).await.unwrap();
        m.complete(&req, &mut |_| {}, &cancel).await.unwrap();
        let s = m.spend();
        assert_eq!((s.calls, s.prompt_tokens, s.completion_tokens), (2, 6, 3));
    }
}
