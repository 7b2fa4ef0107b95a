//! The eval content compiled into the binary: the simulated candidates' profiles and phrasebook
//! (`evals/candidates/`) and the judge and candidate prompts (`evals/prompts/`). Embedded so a team
//! can run the built-in profiles against its own personas from any folder; a `candidates/` folder
//! next to the cases adds or overrides profiles by id.

/// `evals/candidates/*.toml`: (file name, contents). `phrasebook.toml` is the shared phrasebook;
/// every other file is a profile.
pub const CANDIDATES: &[(&str, &str)] = &[
    (
        "diver.toml",
        include_str!("../../evals/candidates/diver.toml"),
    ),
    (
        "injector.toml",
        include_str!("../../evals/candidates/injector.toml"),
    ),
    (
        "overengineer.toml",
        include_str!("../../evals/candidates/overengineer.toml"),
    ),
    (
        "phrasebook.toml",
        include_str!("../../evals/candidates/phrasebook.toml"),
    ),
    (
        "rambler.toml",
        include_str!("../../evals/candidates/rambler.toml"),
    ),
    (
        "silent.toml",
        include_str!("../../evals/candidates/silent.toml"),
    ),
    (
        "strong.toml",
        include_str!("../../evals/candidates/strong.toml"),
    ),
    (
        "template.toml",
        include_str!("../../evals/candidates/template.toml"),
    ),
];

/// The judge's instructions (the system message): one yes/no question over fenced transcript data.
pub const JUDGE_PROMPT: &str = include_str!("../../evals/prompts/judge.j2");

/// The judge's data (the user message): the transcript inside its per-call fence.
pub const JUDGE_DATA: &str = include_str!("../../evals/prompts/judge-data.j2");

/// The LLM-simulated candidate's system prompt.
pub const CANDIDATE_PROMPT: &str = include_str!("../../evals/prompts/candidate.j2");

/// Every eval prompt, by file name (for the prompts fingerprint).
pub const PROMPTS: &[(&str, &str)] = &[
    ("eval-candidate.j2", CANDIDATE_PROMPT),
    ("eval-judge.j2", JUDGE_PROMPT),
    ("eval-judge-data.j2", JUDGE_DATA),
];
