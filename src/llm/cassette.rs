//! Recorded model traffic: a [`ChatModel`] wrapper that records every call to a JSONL cassette, or
//! replays calls from one without any network, so a model-backed eval runs in CI byte for byte the
//! same as when it was recorded.
//!
//! A call's key is a fingerprint of the model id, the messages (their per-call data fences masked,
//! see [`super::fence`]), the sampling parameters, the
//! repeat index and how many identical calls came before it in the same run. The repeat index keeps
//! repeats independent (repeat 2 never replays repeat 1's sample), and the occurrence count keeps N
//! samples of one judge question apart. A replay miss is an error naming the cassette
//! ("re-record needed: <name>"), and says the cassette is stale when the fingerprints it was
//! recorded with (prompts, personas: whatever the caller passes) differ from the current ones.
//!
//! Secrets are scrubbed before anything is written (the reply, the excerpt, the provider's model
//! name, a cut reason): the configured key in all its forms, and anything shaped like an API key or
//! a bearer token. A recording is saved only whole: [`Cassette::failed_calls`] counts the calls
//! that failed, and [`Cassette::save`] never replaces a cassette with one covering fewer repeats.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use super::{ChatModel, ChatRequest, Completion, Finish, LlmError, Scrubber, TokenSink, Usage};

/// The cassette format's version, in every header.
pub const CASSETTE_VERSION: u32 = 1;

/// Longest excerpt of the last message kept per entry (for people reading a diff).
const EXCERPT_CHARS: usize = 160;

/// Why a cassette could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum CassetteError {
    /// Reading or writing the file failed.
    #[error("{path}: {cause}")]
    Io {
        /// The cassette file.
        path: PathBuf,
        /// The cause (in the message, so not chained as a source).
        cause: std::io::Error,
    },
    /// Saving would replace a cassette with a smaller one.
    #[error(
        "{path}: kept as it is: it holds {kept} repeat(s) and this run recorded {recorded}; run all of them to re-record"
    )]
    WouldShrink {
        /// The cassette file.
        path: PathBuf,
        /// Repeats in the cassette on disk.
        kept: usize,
        /// Repeats this run recorded.
        recorded: usize,
    },
    /// A line is not a cassette entry.
    #[error("{path}:{line}: not a cassette entry: {cause}")]
    Format {
        /// The cassette file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        cause: String,
    },
}

/// The first line of a cassette.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Format version.
    pub cassette: u32,
    /// What the cassette is for (an eval case id).
    pub name: String,
    /// Fingerprints of what the calls depended on when recorded (prompts, personas, ...).
    pub fingerprints: BTreeMap<String, String>,
}

/// One recorded call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The call's key (see the module docs).
    pub key: String,
    /// The repeat the call belonged to.
    pub repeat: u32,
    /// Its place among the repeat's calls.
    pub seq: u32,
    /// The model id the call was keyed on.
    pub model: String,
    /// The start of the last message sent, scrubbed, so a reader can tell calls apart.
    pub last: String,
    /// The reply, scrubbed.
    pub text: String,
    /// The model's reasoning, kept apart from the reply, scrubbed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
    /// How the reply ended.
    pub finish: Finish,
    /// Token usage as reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
    /// The model that answered, as the provider named it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_model: Option<String>,
    /// Latency as recorded, replayed as is so latency budgets stay deterministic.
    pub latency_ms: u64,
    /// Time to the first token as recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_token_ms: Option<u64>,
}

/// A cassette for one case: the recorded calls to replay, or the calls being recorded.
#[derive(Debug)]
pub struct Cassette {
    header: Header,
    /// Fingerprints now, to tell a stale cassette from a plain miss.
    current: BTreeMap<String, String>,
    recorded_with: Option<BTreeMap<String, String>>,
    entries: HashMap<String, Entry>,
    new_entries: Mutex<Vec<Entry>>,
    failed: AtomicU32,
}

impl Cassette {
    /// An empty cassette to record into.
    pub fn recording(name: &str, fingerprints: BTreeMap<String, String>) -> Self {
        Self {
            header: Header {
                cassette: CASSETTE_VERSION,
                name: name.to_string(),
                fingerprints: fingerprints.clone(),
            },
            current: fingerprints,
            recorded_with: None,
            entries: HashMap::new(),
            new_entries: Mutex::new(Vec::new()),
            failed: AtomicU32::new(0),
        }
    }

    /// Loads a cassette to replay; a missing file is an empty cassette (every call misses).
    pub fn load(
        path: &Path,
        name: &str,
        fingerprints: BTreeMap<String, String>,
    ) -> Result<Self, CassetteError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Self::recording(name, fingerprints));
            }
            Err(cause) => {
                return Err(CassetteError::Io {
                    path: path.to_path_buf(),
                    cause,
                });
            }
        };
        Self::parse(path, name, fingerprints, &text)
    }

    /// Parses a cassette's text (`path` names it in errors): the header line, then one entry a
    /// line; blank lines are ignored.
    pub fn parse(
        path: &Path,
        name: &str,
        fingerprints: BTreeMap<String, String>,
        text: &str,
    ) -> Result<Self, CassetteError> {
        let mut me = Self::recording(name, fingerprints);
        let bad = |line: usize, cause: String| CassetteError::Format {
            path: path.to_path_buf(),
            line,
            cause,
        };
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        if let Some((i, line)) = lines.next() {
            let h: Header = serde_json::from_str(line).map_err(|e| bad(i + 1, e.to_string()))?;
            me.recorded_with = Some(h.fingerprints.clone());
        }
        for (i, line) in lines {
            let e: Entry = serde_json::from_str(line).map_err(|e| bad(i + 1, e.to_string()))?;
            me.entries.insert(e.key.clone(), e);
        }
        Ok(me)
    }

    /// Whether the cassette was recorded with other fingerprints than the current ones; the
    /// names of those that differ.
    pub fn stale(&self) -> Vec<String> {
        let Some(then) = &self.recorded_with else {
            return Vec::new();
        };
        let mut keys: Vec<&String> = then.keys().chain(self.current.keys()).collect();
        keys.sort();
        keys.dedup();
        keys.into_iter()
            .filter(|k| then.get(*k) != self.current.get(*k))
            .cloned()
            .collect()
    }

    /// How many recorded calls it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds no recorded calls.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many calls failed while recording (a cassette with failures is not worth saving).
    pub fn failed_calls(&self) -> u32 {
        self.failed.load(Ordering::SeqCst)
    }

    /// How many calls were recorded.
    pub fn recorded_calls(&self) -> usize {
        self.new_entries.lock().expect("cassette lock").len()
    }

    /// Writes the calls recorded so far, ordered by repeat and sequence so the file does not
    /// depend on which run finished first: whole (temp file and rename) and private. A cassette on
    /// disk that covers more repeats than this recording is kept, not shrunk.
    pub fn save(&self, path: &Path) -> Result<(), CassetteError> {
        let mut entries = self.new_entries.lock().expect("cassette lock").clone();
        entries.sort_by_key(|e| (e.repeat, e.seq));
        let recorded = distinct_repeats(entries.iter().map(|e| e.repeat));
        if let Ok(old) = Cassette::load(path, &self.header.name, BTreeMap::new()) {
            let kept = distinct_repeats(old.entries.values().map(|e| e.repeat));
            if kept > recorded {
                return Err(CassetteError::WouldShrink {
                    path: path.to_path_buf(),
                    kept,
                    recorded,
                });
            }
        }
        let mut out = serde_json::to_string(&self.header).expect("header serialises");
        out.push('\n');
        for e in &entries {
            out.push_str(&serde_json::to_string(e).expect("entry serialises"));
            out.push('\n');
        }
        crate::files::write_atomic(path, out.as_bytes()).map_err(|cause| CassetteError::Io {
            path: path.to_path_buf(),
            cause,
        })
    }

    fn miss(&self) -> LlmError {
        let stale = self.stale();
        let why = if self.recorded_with.is_none() {
            " (no cassette recorded yet)".to_string()
        } else if stale.is_empty() {
            " (no recorded call matches this request)".to_string()
        } else {
            format!(
                " (the cassette is stale: recorded with other {})",
                stale.join(" and ")
            )
        };
        LlmError::NoReply(format!("re-record needed: {}{why}", self.header.name))
    }
}

/// What a [`CassetteModel`] does with a call.
#[derive(Clone)]
pub enum Mode {
    /// Answer from the cassette; a miss is an error.
    Replay,
    /// Call `inner` and keep the call, scrubbed.
    Record {
        /// The model actually called.
        inner: Arc<dyn ChatModel>,
        /// What to scrub (the configured key; key shapes always).
        scrubber: Scrubber,
    },
}

/// One run's view of a cassette: replays or records calls for repeat `repeat`.
pub struct CassetteModel {
    cassette: Arc<Cassette>,
    mode: Mode,
    model_id: String,
    repeat: u32,
    calls: Mutex<(u32, HashMap<String, u32>)>,
}

impl CassetteModel {
    /// A view for repeat `repeat`, keyed on `model_id`.
    pub fn new(cassette: Arc<Cassette>, mode: Mode, model_id: &str, repeat: u32) -> Self {
        Self {
            cassette,
            mode,
            model_id: model_id.to_string(),
            repeat,
            calls: Mutex::new((0, HashMap::new())),
        }
    }

    /// The key of `request` for this run, and its place in the run.
    fn key(&self, request: &ChatRequest) -> (String, u32) {
        let body = serde_json::json!({
            "model": self.model_id,
            "messages": request.messages.iter().map(|m| {
                let content = Scrubber::default().scrub(&m.content).into_owned();
                serde_json::json!([m.role, super::fence::mask(&content)])
            }).collect::<Vec<_>>(),
            "temperature": request.temperature,
            "max_tokens": request.max_tokens,
            "seed": request.seed,
            "json_schema": request.json_schema,
            "repeat": self.repeat,
        });
        let base = fingerprint(body.to_string().as_bytes());
        let mut calls = self.calls.lock().expect("cassette lock");
        let seq = calls.0;
        calls.0 += 1;
        let seen = calls.1.entry(base.clone()).or_insert(0);
        let occurrence = *seen;
        *seen += 1;
        (format!("{base}-{occurrence}"), seq)
    }
}

/// 64-bit FNV-1a of `bytes` as 16 hex digits: stable across Rust releases and platforms (unlike
/// `DefaultHasher`), which is what a key stored in a file needs. A change detector, not security.
pub fn fingerprint(bytes: &[u8]) -> String {
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{h:016x}")
}

fn distinct_repeats(repeats: impl Iterator<Item = u32>) -> usize {
    repeats.collect::<std::collections::BTreeSet<_>>().len()
}

fn excerpt(text: &str) -> String {
    let t: String = text.chars().take(EXCERPT_CHARS).collect();
    t.replace('\n', " ")
}

impl ChatModel for CassetteModel {
    fn model_id(&self) -> &str {
        &self.model_id
    }

    fn complete<'a>(
        &'a self,
        request: &'a ChatRequest,
        sink: TokenSink<'a>,
        cancel: &'a CancellationToken,
    ) -> BoxFuture<'a, Result<Completion, LlmError>> {
        Box::pin(async move {
            let (key, seq) = self.key(request);
            match &self.mode {
                Mode::Replay => {
                    let e = self
                        .cassette
                        .entries
                        .get(&key)
                        .ok_or_else(|| self.cassette.miss())?;
                    sink(&e.text);
                    Ok(Completion {
                        text: e.text.clone(),
                        reasoning: e.reasoning.clone(),
                        finish: e.finish.clone(),
                        usage: e.usage,
                        model: e.provider_model.clone(),
                        latency: Duration::from_millis(e.latency_ms),
                        first_token: e.first_token_ms.map(Duration::from_millis),
                    })
                }
                Mode::Record { inner, scrubber } => {
                    let done = match inner.complete(request, sink, cancel).await {
                        Ok(done) => done,
                        Err(e) => {
                            self.cassette.failed.fetch_add(1, Ordering::SeqCst);
                            return Err(e);
                        }
                    };
                    let clean = |s: &str| scrubber.scrub(s).into_owned();
                    let finish = match &done.finish {
                        Finish::Cut { reason } => Finish::Cut {
                            reason: clean(reason),
                        },
                        other => other.clone(),
                    };
                    let entry = Entry {
                        key,
                        repeat: self.repeat,
                        seq,
                        model: self.model_id.clone(),
                        last: excerpt(&super::fence::mask(&clean(
                            request.messages.last().map_or("", |m| m.content.as_str()),
                        ))),
                        text: clean(&done.text),
                        reasoning: done.reasoning.as_deref().map(clean),
                        finish,
                        usage: done.usage,
                        provider_model: done.model.as_deref().map(clean),
                        latency_ms: done.latency.as_millis() as u64,
                        first_token_ms: done.first_token.map(|d| d.as_millis() as u64),
                    };
                    // What the run sees is what a replay will see: the recorded latency and the
                    // scrubbed text, so a recorded run and its replays report the same.
                    let replayed = Completion {
                        text: entry.text.clone(),
                        reasoning: entry.reasoning.clone(),
                        finish: entry.finish.clone(),
                        usage: entry.usage,
                        model: entry.provider_model.clone(),
                        latency: Duration::from_millis(entry.latency_ms),
                        first_token: entry.first_token_ms.map(Duration::from_millis),
                    };
                    self.cassette
                        .new_entries
                        .lock()
                        .expect("cassette lock")
                        .push(entry);
                    Ok(replayed)
                }
            }
        })
    }
}

#[cfg(test)]
mod tests;
