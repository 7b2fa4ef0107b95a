//! End-to-end tests: the real binary in a temp dir, as a user runs it.

mod cli;
mod spine;
