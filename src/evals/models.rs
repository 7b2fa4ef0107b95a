//! The layers an eval puts around a chat model: [`Backoff`] waits out rate limits (shared by every
//! run, so the whole suite slows down together), and [`Metered`] counts one run's tokens and the
//! time spent waiting on the model. Its [`Stopwatch`] is how the harness tells its own work from
//! the model's: it runs everywhere except inside model calls.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use tokio_util::sync::CancellationToken;

use crate::llm::{ChatModel, ChatRequest, Completion, LlmError, TokenSink};

/// Retries a call that failed in transit (rate limited, a 5xx, a timeout, a refused or broken
/// connection: [`LlmError::is_transient`]) with exponential backoff, so a flaky endpoint slows a
/// suite down instead of changing its verdicts.
pub struct Backoff {
    inner: Arc<dyn ChatModel>,
    retries: u32,
    base: Duration,
}

impl Backoff {
    /// Wraps `inner`: up to `retries` more tries after a transient failure, waiting `base`, 2x`base`, ... (capped
    /// at 30 s), each stretched by up to half again so runs that hit the limit together spread out.
    pub fn new(inner: Arc<dyn ChatModel>, retries: u32, base: Duration) -> Self {
        Self {
            inner,
            retries,
            base,
        }
    }

    fn wait(&self, attempt: u32, salt: u64) -> Duration {
        let exp = self
            .base
            .saturating_mul(1 << attempt.min(16))
            .min(Duration::from_secs(30));
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
            let salt = request
                .messages
                .iter()
                .map(|m| m.content.len() as u64)
                .sum::<u64>()
                ^ (request.messages.len() as u64 * 7919);
            let mut attempt = 0;
            loop {
                match self.inner.complete(request, &mut *sink, cancel).await {
                    Err(e) if e.is_transient() && attempt < self.retries => {
                        let wait = self.wait(attempt, salt.wrapping_add(u64::from(attempt)));
                        tracing::debug!(
                            attempt,
                            wait_ms = wait.as_millis() as u64,
                            error = %e,
                            "transient failure; backing off"
                        );
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

    fn context_window(&self) -> BoxFuture<'_, Option<u32>> {
        self.inner.context_window()
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
    /// Calls whose reply reported token usage.
    pub reported: u32,
    /// Wall time spent inside model calls.
    pub waiting: Duration,
}

/// The CPU time of the calling thread, where the platform offers it (Linux).
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
pub fn thread_cpu() -> Option<Duration> {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    unsafe extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid, exclusive pointer.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

/// The CPU time of the calling thread, where the platform offers it.
#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
pub fn thread_cpu() -> Option<Duration> {
    None
}

/// What a run's time goes to, besides waiting on the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The eval harness: the candidate, the assertions, the bookkeeping.
    Harness,
    /// The interviewer engine under test: analysis, steering, prompts.
    Engine,
}

#[derive(Debug, Default)]
struct Watch {
    running: Option<(Part, Option<Duration>, Instant)>,
    paused: Option<Part>,
    harness: Duration,
    engine: Duration,
}

impl Watch {
    fn settle(&mut self) -> Option<Part> {
        let (part, cpu, wall) = self.running.take()?;
        let stretch = match (cpu, thread_cpu()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => wall.elapsed(),
        };
        match part {
            Part::Harness => self.harness += stretch,
            Part::Engine => self.engine += stretch,
        }
        Some(part)
    }
}

/// Times one run's own work, split between the harness and the engine under test, paused for
/// every model call.
///
/// It counts the CPU time of the thread doing the work, not wall time: with 16 runs on two cores
/// and the model server beside them, wall time would count every wait for a core as work. Each
/// timed stretch lies between two awaits, so it runs on one thread and the thread's clock measures
/// it. Where there is no thread clock, wall time stands in.
#[derive(Debug, Default)]
pub struct Stopwatch {
    watch: Mutex<Watch>,
}

impl Stopwatch {
    /// Counts from now on towards `part`.
    pub fn switch(&self, part: Part) {
        let mut w = self.watch.lock().expect("stopwatch lock");
        w.settle();
        w.running = Some((part, thread_cpu(), Instant::now()));
    }

    /// Pauses for a model call.
    pub fn pause(&self) {
        let mut w = self.watch.lock().expect("stopwatch lock");
        w.paused = w.settle();
    }

    /// Goes on counting towards what was counting before [`Stopwatch::pause`].
    pub fn resume(&self) {
        let mut w = self.watch.lock().expect("stopwatch lock");
        if let Some(part) = w.paused.take() {
            w.running = Some((part, thread_cpu(), Instant::now()));
        }
    }

    /// Stops counting.
    pub fn stop(&self) {
        self.watch.lock().expect("stopwatch lock").settle();
    }

    /// (harness, engine) counted so far.
    pub fn totals(&self) -> (Duration, Duration) {
        let w = self.watch.lock().expect("stopwatch lock");
        (w.harness, w.engine)
    }
}

/// Counts a run's calls, tokens and waiting time, and pauses the run's stopwatch while the model
/// works.
pub struct Metered {
    inner: Arc<dyn ChatModel>,
    spend: Mutex<Spend>,
    harness: Arc<Stopwatch>,
}

impl Metered {
    /// Wraps `inner`, pausing `harness` during calls.
    pub fn new(inner: Arc<dyn ChatModel>, harness: Arc<Stopwatch>) -> Self {
        Self {
            inner,
            spend: Mutex::new(Spend::default()),
            harness,
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
            self.harness.pause();
            let started = Instant::now();
            let result = self.inner.complete(request, sink, cancel).await;
            self.harness.resume();
            let mut s = self.spend.lock().expect("meter lock");
            s.calls += 1;
            s.waiting += started.elapsed();
            if let Ok(c) = &result
                && let Some(u) = c.usage
            {
                s.reported += 1;
                s.prompt_tokens += u64::from(u.prompt_tokens);
                s.completion_tokens += u64::from(u.completion_tokens);
            }
            result
        })
    }

    fn context_window(&self) -> BoxFuture<'_, Option<u32>> {
        self.inner.context_window()
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
                    return Err(LlmError::RateLimited {
                        retry_after: None,
                        message: String::new(),
                    });
                }
                Ok(Completion {
                    text: "ok".into(),
                    reasoning: None,
                    finish: Finish::Complete,
                    usage: Some(Usage {
                        prompt_tokens: 3,
                        completion_tokens: 1,
                        cached_tokens: None,
                    }),
                    model: None,
                    latency: Duration::ZERO,
                    first_token: None,
                })
            })
        }
    }

    #[tokio::test]
    async fn backoff_waits_out_rate_limits_then_gives_up() {
        let inner = Arc::new(Limited {
            left: Mutex::new(2),
            calls: Mutex::new(0),
        });
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

        let stubborn = Arc::new(Limited {
            left: Mutex::new(10),
            calls: Mutex::new(0),
        });
        let model = Backoff::new(stubborn.clone(), 2, Duration::from_millis(10));
        let err = model
            .complete(&req, &mut |_| {}, &cancel)
            .await
            .unwrap_err();
        assert!(matches!(err, LlmError::RateLimited { .. }));
        assert_eq!(*stubborn.calls.lock().unwrap(), 3);
    }

    #[tokio::test]
    async fn meter_counts_tokens_and_calls() {
        let m = Metered::new(
            Arc::new(ScriptedModel::new(["one two", "three"])),
            Arc::default(),
        );
        let req = ChatRequest::new(vec![crate::llm::ChatMessage::user("a b c")]);
        let cancel = CancellationToken::new();
        m.complete(&req, &mut |_| {}, &cancel).await.unwrap();
        m.complete(&req, &mut |_| {}, &cancel).await.unwrap();
        let s = m.spend();
        assert_eq!((s.calls, s.prompt_tokens, s.completion_tokens), (2, 6, 3));
    }
}
