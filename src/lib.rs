//! hotseat: a big-tech system-design interviewer in the terminal, a critique of the round
//! afterwards, and regression evals of the interviewer personas.
//!
//! Module map (arrows point down): `interview` runs the round over a [`clock::Clock`], an
//! [`interview::Interviewer`] (offline rules or an [`llm::ChatModel`]) and a durable
//! [`transcript`]; [`analysis`] is the pure spine every layer reads.

pub mod analysis;
pub mod clock;
pub mod config;
pub mod critique;
pub mod data;
pub mod embedded;
pub mod evals;
pub mod files;
pub mod interview;
pub mod layout;
pub mod llm;
pub mod persona;
pub mod question;
pub mod serde_ms;
pub mod template;
pub mod transcript;
