//! The OpenAI-compatible chat model (async-openai). Written in full by the LLM work; placeholder
//! module so the crate compiles while it is in progress.
