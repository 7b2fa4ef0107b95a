//! Listings: saved sessions, personas, questions.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use hotseat::clock::mmss;
use hotseat::config::Overrides;
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
    if found.is_empty() {
        println!("No saved rounds in {}.", store.root().display());
    } else {
        println!(
            "{:<24} {:<20} {:<10} {:<28} {:>8} {:<8} status",
            "id", "date", "persona", "question", "duration", "engine"
        );
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
            println!(
                "{:<24} {:<20} {:<10} {:<28} {:>8} {:<8} {status}",
                h.session_id,
                date,
                h.persona,
                h.question,
                mmss(s.duration),
                h.engine
            );
        }
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
    println!(
        "{:<10} {:<10} {:<8} {:<10} style",
        "id", "company", "hints", "interviewer"
    );
    for p in set.iter() {
        println!(
            "{:<10} {:<10} {:<8} {:<10} {}",
            p.id,
            p.company,
            format!("{:?}", p.hint_policy).to_lowercase(),
            p.interviewer,
            p.style
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `hotseat questions`.
pub fn questions(args: QuestionsArgs, config: Option<PathBuf>) -> Result<ExitCode, Failure> {
    let settings = super::settings(config, offline())?;
    let bank = super::questions(&settings)?;
    let mut shown = 0;
    println!(
        "{:<34} {:<6} {:<3} {:<10} {:<28} title",
        "id", "track", "ai", "mode", "companies"
    );
    for q in bank.iter() {
        if args.track.is_some_and(|t| t != q.track) || !q.fits(args.company.as_deref(), args.level)
        {
            continue;
        }
        shown += 1;
        let companies = if q.companies.is_empty() {
            "any".to_string()
        } else {
            q.companies.join(",")
        };
        println!(
            "{:<34} {:<6} {:<3} {:<10} {:<28} {}",
            q.id,
            track_name(q.track),
            if q.ai_workload { "yes" } else { "no" },
            q.mode.as_deref().unwrap_or("-"),
            companies,
            q.title
        );
    }
    println!("{shown} of {} questions", bank.len());
    Ok(ExitCode::SUCCESS)
}

fn offline() -> Overrides {
    Overrides {
        offline: true,
        ..Overrides::default()
    }
}
