//! Settings, layered: built-in defaults < config file < environment < command-line flags.
//!
//! The config file is TOML at `$HOTSEAT_CONFIG` or the user's config dir
//! (`~/.config/hotseat/config.toml` on Linux). Keys come from the environment only
//! (`OPENAI_API_KEY`), never from a file we write.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::data::{self, DataError};
use crate::llm::{ApiKey, Scrubber};

/// The model used against api.openai.com when none is named.
pub const DEFAULT_OPENAI_MODEL: &str = "gpt-4o-mini";
/// The OpenAI endpoint.
pub const OPENAI_BASE_URL: &str = "https://api.openai.com/v1";

/// What the config file may say.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Where it was read from and its text, so a bad value is reported at its line.
    #[serde(skip)]
    pub origin: Option<(String, String)>,
    /// Model name for the OpenAI-compatible engine.
    pub model: Option<String>,
    /// Endpoint base URL (Ollama, vLLM, llama.cpp server, LM Studio, ...).
    pub base_url: Option<String>,
    /// Seconds to wait for a connection.
    pub connect_timeout_secs: Option<u64>,
    /// Seconds to wait between bytes of a reply.
    pub read_timeout_secs: Option<u64>,
    /// Seconds one model call may take in all (retries and waits included).
    pub call_timeout_secs: Option<u64>,
    /// The model's context window in tokens, when the server does not report it.
    pub context_tokens: Option<u32>,
    /// Where rounds are saved.
    pub sessions_dir: Option<PathBuf>,
    /// A folder of extra or overriding personas.
    pub personas_dir: Option<PathBuf>,
    /// A folder of extra or overriding questions.
    pub questions_dir: Option<PathBuf>,
}

impl FileConfig {
    /// Where the config file is looked for: `$HOTSEAT_CONFIG`, else the user config dir.
    pub fn default_path(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
        if let Some(p) = env("HOTSEAT_CONFIG") {
            return Some(PathBuf::from(p));
        }
        directories::ProjectDirs::from("", "", "hotseat")
            .map(|d| d.config_dir().join("config.toml"))
    }

    /// Reads the file at `path`; a missing file is an empty config, a bad one an error.
    pub fn load(path: &Path) -> Result<Self, DataError> {
        if !path.exists() {
            return Ok(Self::default());
        }
        let label = path.display().to_string();
        let text = data::read_text(path)?;
        let mut config: Self = data::parse_toml(&label, &text)?;
        config.origin = Some((label, text));
        Ok(config)
    }

    /// An error about `key`'s value in this file, at its line.
    fn invalid(&self, key: &str, cause: String) -> ConfigError {
        match &self.origin {
            Some((file, text)) => {
                ConfigError::File(data::locate_key(file, text, key, format!("{key}: {cause}")))
            }
            None => ConfigError::Invalid(format!("{key} in the config file: {cause}")),
        }
    }
}

/// The flags that override everything else.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--offline`.
    pub offline: bool,
    /// `--model`.
    pub model: Option<String>,
    /// `--sessions-dir`.
    pub sessions_dir: Option<PathBuf>,
}

/// Where the interviewer's words come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Engine {
    /// The built-in rule-driven interviewer.
    Offline {
        /// Why it was chosen, said to the user.
        reason: String,
    },
    /// An OpenAI-compatible endpoint.
    OpenAi(Provider),
}

/// An OpenAI-compatible endpoint and how to talk to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Provider {
    /// Base URL, ending in `/v1`.
    pub base_url: String,
    /// Model name.
    pub model: String,
    /// The key, when the endpoint needs one.
    pub api_key: Option<ApiKey>,
    /// Connect timeout.
    pub connect_timeout: Duration,
    /// Read timeout.
    pub read_timeout: Duration,
    /// The most one model call may take.
    pub call_timeout: Duration,
    /// The model's context window in tokens, when configured.
    pub context_window: Option<u32>,
}

/// Everything resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The interviewer engine.
    pub engine: Engine,
    /// Where rounds are saved.
    pub sessions_dir: PathBuf,
    /// Extra personas folder, if any.
    pub personas_dir: Option<PathBuf>,
    /// Extra questions folder, if any.
    pub questions_dir: Option<PathBuf>,
    /// Scrubs the API key (whatever engine runs) from everything written or shown.
    pub scrubber: Scrubber,
}

/// A setting that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The config file is bad.
    #[error(transparent)]
    File(#[from] DataError),
    /// A value is missing or inconsistent (shown on one line, whatever value it quotes).
    #[error("{}", data::one_line(.0))]
    Invalid(String),
}

impl Settings {
    /// Resolves defaults < file < environment (`env`) < flags. A bad value is reported where it
    /// was set: the flag, the environment variable, or the config file's line.
    pub fn resolve(
        file: FileConfig,
        env: &dyn Fn(&str) -> Option<String>,
        flags: Overrides,
    ) -> Result<Self, ConfigError> {
        let scrubber = Scrubber::from_env(env);
        let env = |k: &str| env(k).filter(|v| !v.trim().is_empty());
        let sessions_dir = flags
            .sessions_dir
            .or_else(|| env("HOTSEAT_SESSIONS_DIR").map(PathBuf::from))
            .or(file.sessions_dir.clone())
            .or_else(crate::transcript::SessionStore::default_root)
            .ok_or_else(|| {
                ConfigError::Invalid("no data directory found; pass --sessions-dir".into())
            })?;
        let key = env("OPENAI_API_KEY").map(ApiKey::new);
        // (value, where it came from) for the base URL, so an error can point at it.
        let base = match env("OPENAI_BASE_URL") {
            Some(b) => Some((b, None)),
            None => file.base_url.clone().map(|b| (b, Some(&file))),
        };
        let model = flags
            .model
            .or_else(|| env("HOTSEAT_MODEL"))
            .or(file.model.clone());
        let engine = if flags.offline {
            Engine::Offline {
                reason: "--offline".into(),
            }
        } else if key.is_none() && base.is_none() {
            Engine::Offline {
                reason: "no OPENAI_API_KEY or OPENAI_BASE_URL set".into(),
            }
        } else {
            let bad_base = |cause: String| match &base {
                Some((_, Some(f))) => f.invalid("base_url", cause),
                _ => ConfigError::Invalid(format!("OPENAI_BASE_URL: {cause}")),
            };
            let model = match (model, &base) {
                (Some(m), _) => m,
                (None, None) => DEFAULT_OPENAI_MODEL.to_string(),
                (None, Some((b, _))) => {
                    return Err(bad_base(format!(
                        "the endpoint is {b} but no model is named: pass --model or set HOTSEAT_MODEL"
                    )));
                }
            };
            let base_url = base
                .as_ref()
                .map_or(OPENAI_BASE_URL.to_string(), |(b, _)| b.clone());
            if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
                return Err(bad_base(format!(
                    "`{base_url}` must start with http:// or https://"
                )));
            }
            Engine::OpenAi(Provider {
                base_url: base_url.trim_end_matches('/').to_string(),
                model,
                api_key: key,
                connect_timeout: timeout(
                    &env,
                    "HOTSEAT_CONNECT_TIMEOUT",
                    &file,
                    "connect_timeout_secs",
                    file.connect_timeout_secs,
                    10,
                )?,
                read_timeout: timeout(
                    &env,
                    "HOTSEAT_READ_TIMEOUT",
                    &file,
                    "read_timeout_secs",
                    file.read_timeout_secs,
                    60,
                )?,
                call_timeout: timeout(
                    &env,
                    "HOTSEAT_CALL_TIMEOUT",
                    &file,
                    "call_timeout_secs",
                    file.call_timeout_secs,
                    300,
                )?,
                context_window: env("HOTSEAT_CONTEXT_TOKENS")
                    .and_then(|v| v.parse().ok())
                    .or(file.context_tokens),
            })
        };
        Ok(Self {
            engine,
            sessions_dir,
            personas_dir: env("HOTSEAT_PERSONAS_DIR")
                .map(PathBuf::from)
                .or(file.personas_dir),
            questions_dir: env("HOTSEAT_QUESTIONS_DIR")
                .map(PathBuf::from)
                .or(file.questions_dir),
            scrubber,
        })
    }
}

/// Longest timeout accepted, in seconds (a day: past that it is a typo, not a wish).
const MAX_TIMEOUT_SECS: f64 = 86_400.0;

/// A timeout from the environment (seconds, fractions allowed), else the file, else `default`;
/// a value that is not a positive number of seconds is an error naming where it was set.
fn timeout(
    env: &dyn Fn(&str) -> Option<String>,
    var: &'static str,
    file: &FileConfig,
    key: &str,
    from_file: Option<u64>,
    default: u64,
) -> Result<Duration, ConfigError> {
    let valid = |secs: f64| secs.is_finite() && secs > 0.0 && secs <= MAX_TIMEOUT_SECS;
    let range = format!("a number of seconds above 0 and at most {MAX_TIMEOUT_SECS}");
    if let Some(raw) = env(var) {
        return match raw.trim().parse::<f64>() {
            Ok(secs) if valid(secs) => Ok(Duration::from_secs_f64(secs)),
            _ => Err(ConfigError::Invalid(format!(
                "{var} is `{}`: it must be {range}",
                raw.chars().take(40).collect::<String>()
            ))),
        };
    }
    match from_file {
        Some(secs) if valid(secs as f64) => Ok(Duration::from_secs(secs)),
        Some(secs) => Err(file.invalid(key, format!("{secs} is not {range}"))),
        None => Ok(Duration::from_secs(default)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    fn flags() -> Overrides {
        Overrides {
            sessions_dir: Some("/tmp/s".into()),
            ..Overrides::default()
        }
    }

    #[test]
    fn no_key_means_offline() {
        let s = Settings::resolve(FileConfig::default(), &env_of(&[]), flags()).unwrap();
        assert!(matches!(s.engine, Engine::Offline { .. }));
    }

    #[test]
    fn key_selects_openai_with_default_model() {
        let s = Settings::resolve(
            FileConfig::default(),
            &env_of(&[("OPENAI_API_KEY", "sk-1")]),
            flags(),
        )
        .unwrap();
        let Engine::OpenAi(p) = s.engine else {
            panic!("not openai")
        };
        assert_eq!(p.model, DEFAULT_OPENAI_MODEL);
        assert_eq!(p.base_url, OPENAI_BASE_URL);
    }

    #[test]
    fn flag_beats_env_beats_file() {
        let file = FileConfig {
            model: Some("file-model".into()),
            base_url: Some("http://localhost:11434/v1/".into()),
            ..FileConfig::default()
        };
        let env = env_of(&[("HOTSEAT_MODEL", "env-model")]);
        let s = Settings::resolve(file.clone(), &env, flags()).unwrap();
        let Engine::OpenAi(p) = s.engine else {
            panic!()
        };
        assert_eq!(p.model, "env-model");
        assert_eq!(p.base_url, "http://localhost:11434/v1");
        let mut f = flags();
        f.model = Some("flag-model".into());
        let Engine::OpenAi(p) = Settings::resolve(file, &env, f).unwrap().engine else {
            panic!()
        };
        assert_eq!(p.model, "flag-model");
    }

    #[test]
    fn offline_flag_wins_over_a_key() {
        let mut f = flags();
        f.offline = true;
        let s = Settings::resolve(
            FileConfig::default(),
            &env_of(&[("OPENAI_API_KEY", "sk-1")]),
            f,
        )
        .unwrap();
        assert!(matches!(s.engine, Engine::Offline { .. }));
    }

    #[test]
    fn local_endpoint_without_model_is_an_error() {
        let err = Settings::resolve(
            FileConfig::default(),
            &env_of(&[("OPENAI_BASE_URL", "http://localhost:8000/v1")]),
            flags(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("--model"), "{err}");
    }
}
