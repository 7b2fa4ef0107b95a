//! Listings: saved sessions, personas, questions.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use hotseat::clock::mmss;
use hotseat::config::Overrides;
use hotseat::layout::{self, Table};
use hotseat::question::{Level, Track};
use hotseat::transcript::SessionStore;

use super::Failure;

/// Flags of `hotseat sessions`.
#[derive(Debug, Args)]
pub struct SessionsArgs {
    /// Where rounds are saved (default: the user's data dir).
    #[arg(long, env = "HOTSEAT_SESSIONS_DIR")]
    pub sessions_dir: Option<PathBuf>,
}

/// Flags of `hotseat questions`.
#[derive(Debug, Args)]
pub struct QuestionsArgs {
    /// Only questions in this company's flavour (google, meta, amazon, microsoft).
    #[arg(long)]
    pub company: Option<String>,
    /// Only this track (ai-pm, ml, swe).
    #[arg(long, value_parser = parse_track)]
    pub track: Option<Track>,
    /// Only questions pitched at this level (mid, senior, staff, director).
    #[arg(long, value_parser = super::parse_level)]
    pub level: Option<Level>,
}

fn parse_track(s: &str) -> Result<Track, String> {
    match s {
        "ai-pm" => Ok(Track::AiPm),
        "ml" => Ok(Track::Ml),
        "swe" => Ok(Track::Swe),
        other => Err(format!("unknown track `{other}` (ai-pm, ml, swe)")),
    }
}

fn track_name(t: Track) -> &'static str {
    match t {
        Track::AiPm => "ai-pm",
        Track::Ml => "ml",
        Track::Swe => "swe",
    }
}

/// `hotseat sessions`.
pub fn sessions(args: SessionsArgs, config: Option<PathBuf>) -> Result<ExitCode, Failure> {
    let flags = Overrides {
        sessions_dir: args.sessions_dir,
        offline: true,
        ..Overrides::default()
    };
    let settings = super::settings(config, flags)?;
    let store = SessionStore::new(&settings.sessions_dir);
    let (found, broken) = store.list();
    let width = layout::stdout_width();
    if found.is_empty() {
        let none = format!("No saved rounds in {}.", store.root().display());
        println!("{}", layout::fill(&none, width, "", "  "));
    } else {
        // Narrow terminals drop the date (the id carries it) and then the engine.
        let mut table = Table::new([
            "id", "date", "persona", "question", "time", "engine", "status",
        ])
        .align_right(4)
        .optional(1)
        .optional(5);
        for s in &found {
            let h = &s.header;
            let date: String = h
                .started_at
                .chars()
                .take(16)
                .collect::<String>()
                .replace('T', " ");
            let status = match s.end {
                Some(reason) => format!("{reason:?}").to_lowercase(),
                None => "unfinished (--resume)".into(),
            };
            table.row([
                h.session_id.clone(),
                date,
                h.persona.clone(),
                h.question.clone(),
                mmss(s.duration),
                h.engine.to_string(),
                status,
            ]);
        }
        print!("{}", table.render(width));
    }
    for e in broken {
        eprintln!("warning: skipped unreadable session: {e}");
    }
    Ok(ExitCode::SUCCESS)
}

/// `hotseat personas`.
pub fn personas(config: Option<PathBuf>) -> Result<ExitCode, Failure> {
    let settings = super::settings(config, offline())?;
    let set = super::personas(&settings)?;
    let mut table = Table::new(["id", "company", "hints", "interviewer", "style"]);
    for p in set.iter() {
        table.row([
            p.id.clone(),
            p.company.clone(),
            format!("{:?}", p.hint_policy).to_lowercase(),
            p.interviewer.clone(),
            p.style.clone(),
        ]);
    }
    print!("{}", table.render(layout::stdout_width()));
    Ok(ExitCode::SUCCESS)
}

/// `hotseat questions`.
pub fn questions(args: QuestionsArgs, config: Option<PathBuf>) -> Result<ExitCode, Failure> {
    let settings = super::settings(config, offline())?;
    let bank = super::questions(&settings)?;
    // Narrow terminals drop `ai` (the track says it), then the mode, then the levels.
    let mut table = Table::new(["id", "track", "ai", "mode", "companies", "levels", "title"])
        .optional(2)
        .optional(3)
        .optional(5);
    let mut shown = 0;
    for q in bank.iter() {
        if args.track.is_some_and(|t| t != q.track) || !q.fits(args.company.as_deref(), args.level)
        {
            continue;
        }
        shown += 1;
        table.row([
            q.id.clone(),
            track_name(q.track).to_string(),
            if q.ai_workload { "yes" } else { "no" }.to_string(),
            q.mode.as_deref().unwrap_or("-").to_string(),
            any_or(q.companies.iter().map(String::as_str)),
            any_or(q.levels.iter().map(|l| l.name())),
            q.title.clone(),
        ]);
    }
    let width = layout::stdout_width();
    print!("{}", table.render(width));
    println!("{shown} of {} questions", bank.len());
    Ok(ExitCode::SUCCESS)
}

/// A list for a table cell, `any` when empty; spaces after the commas so the cell can wrap.
fn any_or<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<&str> = items.collect();
    if v.is_empty() {
        "any".to_string()
    } else {
        v.join(", ")
    }
}

fn offline() -> Overrides {
    Overrides {
        offline: true,
        ..Overrides::default()
    }
}
