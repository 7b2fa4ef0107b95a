//! Helpers: a clean `hotseat` command and readers for what it leaves on disk.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// A temp folder for one test, holding its sessions.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn sessions(&self) -> PathBuf {
        self.dir.path().join("sessions")
    }

    /// `hotseat` with no model configured from the outside, sessions in the sandbox.
    pub fn cmd(&self) -> Command {
        self.clean(Command::cargo_bin("hotseat").unwrap())
    }

    /// `sh -c SCRIPT` in the sandbox's clean environment; `$HOTSEAT` is the binary.
    pub fn sh(&self, script: &str) -> Command {
        let mut cmd = self.clean(Command::new("sh"));
        cmd.arg("-c")
            .arg(script)
            .env("HOTSEAT", assert_cmd::cargo::cargo_bin("hotseat"));
        cmd
    }

    fn clean(&self, mut cmd: Command) -> Command {
        cmd.current_dir(self.dir.path())
            .env_remove("OPENAI_API_KEY")
            .env_remove("OPENAI_BASE_URL")
            .env_remove("HOTSEAT_MODEL")
            .env_remove("HOTSEAT_SESSIONS_DIR")
            .env_remove("COLUMNS")
            .env("HOTSEAT_CONFIG", self.dir.path().join("no-config.toml"))
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"));
        cmd
    }

    /// `hotseat interview` with the sandbox's sessions dir and these extra args.
    pub fn interview(&self, args: &[&str]) -> Command {
        let mut cmd = self.cmd();
        cmd.arg("interview")
            .arg("--sessions-dir")
            .arg(self.sessions())
            .args(args);
        cmd
    }

    /// The only session folder.
    pub fn only_session(&self) -> PathBuf {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(self.sessions())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        assert_eq!(dirs.len(), 1, "expected one session, found {dirs:?}");
        dirs.pop().unwrap()
    }
}

/// Every event of a transcript, as JSON.
pub fn events(session: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(session.join("transcript.jsonl")).unwrap();
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The turns of a transcript.
pub fn turns(session: &Path) -> Vec<Value> {
    events(session)
        .into_iter()
        .filter(|e| e["type"] == "turn")
        .collect()
}

/// The turns by one role.
pub fn turns_by(session: &Path, role: &str) -> Vec<Value> {
    turns(session)
        .into_iter()
        .filter(|t| t["role"] == role)
        .collect()
}

/// stdout of a finished command as text.
pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// stderr of a finished command as text.
pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
