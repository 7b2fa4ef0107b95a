//! `hotseat interview`: one mock round in the terminal.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::anyhow;
use clap::Args;
use hotseat::clock::{Clock, Pace, RealClock, VirtualClock};
use hotseat::config::{Engine, Overrides, Settings};
use hotseat::critique::render::{Format, render_at};
use hotseat::interview::llm::ModelInterviewer;
use hotseat::interview::offline::OfflineInterviewer;
use hotseat::interview::round::header;
use hotseat::interview::terminal::{self, Source, TerminalOptions};
use hotseat::interview::{Interviewer, Round, RoundError, RoundSetup};
use hotseat::layout;
use hotseat::question::{Level, Question, QuestionBank};
use hotseat::transcript::{EndReason, SessionStore, Transcript, TranscriptWriter};

use super::Failure;

/// Flags of `hotseat interview`.
#[derive(Debug, Args)]
pub struct InterviewArgs {
    /// Interviewer persona: google, meta, amazon, microsoft, or a path to a persona .toml.
    #[arg(long, default_value = "google")]
    pub persona: String,
    /// Question id (see `hotseat questions`) or `random`.
    #[arg(long, default_value = "random")]
    pub question: String,
    /// Continue an unfinished round where it stopped.
    #[arg(long, value_name = "SESSION_ID")]
    pub resume: Option<String>,
    /// Flags every round takes.
    #[command(flatten)]
    pub round: RoundFlags,
}

/// Flags shared by `interview` and `loop`.
#[derive(Debug, Args)]
pub struct RoundFlags {
    /// Level the round is pitched at: mid, senior, staff, director.
    #[arg(long, default_value = "senior", value_parser = super::parse_level)]
    pub level: Level,
    /// Length of a round in minutes (the phase plan scales with it).
    #[arg(long, default_value_t = 45.0)]
    pub minutes: f64,
    /// Model name for the OpenAI-compatible engine (else HOTSEAT_MODEL or the config file).
    #[arg(long)]
    pub model: Option<String>,
    /// Use the offline interviewer even when a model is configured.
    #[arg(long)]
    pub offline: bool,
    /// Seed for the offline interviewer's phrasing and the question choice.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Where rounds are saved (default: the user's data dir).
    #[arg(long, env = "HOTSEAT_SESSIONS_DIR")]
    pub sessions_dir: Option<PathBuf>,
    /// Run on a virtual clock that moves N minutes per candidate turn (scripted rounds).
    #[arg(long, value_name = "N", conflicts_with_all = ["words_per_minute", "think_seconds"])]
    pub turn_minutes: Option<f64>,
    /// Run on a virtual clock that charges what was said: the interviewer's line and the answer at
    /// WPM words a minute, plus --think-seconds per turn (default 150).
    #[arg(long, value_name = "WPM")]
    pub words_per_minute: Option<f64>,
    /// Seconds of thinking charged before each answer on the spoken virtual clock (default 20;
    /// alone, it turns that clock on).
    #[arg(long, value_name = "S")]
    pub think_seconds: Option<f64>,
}

impl RoundFlags {
    /// Checks the numbers, then resolves the settings these flags override.
    pub fn settings(&self, config: Option<PathBuf>) -> Result<Settings, Failure> {
        if !(self.minutes.is_finite() && self.minutes >= 5.0 && self.minutes <= 180.0) {
            return Err(Failure::input(anyhow!(
                "--minutes must be between 5 and 180"
            )));
        }
        self.pace()?;
        let flags = Overrides {
            offline: self.offline,
            model: self.model.clone(),
            sessions_dir: self.sessions_dir.clone(),
        };
        super::settings(config, flags)
    }

    /// The virtual clock's pace these flags ask for; `None` runs on the real clock.
    pub fn pace(&self) -> Result<Option<Pace>, Failure> {
        match (self.turn_minutes, self.words_per_minute, self.think_seconds) {
            (Some(m), _, _) => Pace::per_turn_minutes(m)
                .map(Some)
                .map_err(|e| Failure::input(anyhow!("--turn-minutes: {e}"))),
            (None, None, None) => Ok(None),
            (None, wpm, think) => Pace::spoken(wpm, think)
                .map(Some)
                .map_err(|e| Failure::input(anyhow!("--words-per-minute / --think-seconds: {e}"))),
        }
    }
}

/// Runs the round.
pub async fn run(args: InterviewArgs, config: Option<PathBuf>) -> Result<ExitCode, Failure> {
    let flags = &args.round;
    let settings = flags.settings(config)?;
    let mut personas = super::personas(&settings)?;
    let bank = super::questions(&settings)?;
    let mut session = Session::new(settings, flags.seed, flags.pace()?);
    if looks_like_path(&args.persona) {
        session.persona_path = Some(PathBuf::from(&args.persona));
    }

    let start = match &args.resume {
        Some(id) => {
            // No such session, a bad id, one in use or ended: all the user's to fix (exit 2).
            let (t, writer) = session.store.resume(id).map_err(Failure::input)?;
            // A round played with a persona file finds it again through --persona PATH.
            if looks_like_path(&args.persona) {
                super::persona(&mut personas, &args.persona)?;
            }
            let persona = super::persona(&mut personas, &t.header.persona).map_err(|f| {
                Failure::input(anyhow!(
                    "{:#} (the session was played with persona `{}`; pass --persona PATH if it came from a file)",
                    f.error,
                    t.header.persona
                ))
            })?;
            let question = bank.get(&t.header.question).cloned().ok_or_else(|| {
                Failure::input(anyhow!(
                    "session names unknown question `{}`",
                    t.header.question
                ))
            })?;
            // A scripted round resumes on the clock it was played on, unless told otherwise.
            if session.pace.is_none() {
                session.pace = t.header.pace.and_then(|p| p.checked().ok());
            }
            let setup = RoundSetup {
                persona,
                question,
                level: t.header.level,
                plan: t.header.plan.clone(),
            };
            Start {
                setup,
                session_id: id.clone(),
                resumed: Some((t, writer)),
                loop_tag: None,
            }
        }
        None => {
            let persona = super::persona(&mut personas, &args.persona)?;
            let question = pick_question(
                &bank,
                &args.question,
                &persona.id,
                flags.level,
                session.seed,
                &session.store,
            )?;
            if let Some(why) = question.misfit(&persona.id, &persona.company, flags.level) {
                eprintln!("warning: {why}");
            }
            let plan = persona.time_plan.scaled_to(flags.minutes);
            Start::new(RoundSetup {
                persona,
                question,
                level: flags.level,
                plan,
            })
        }
    };
    let mut source = Source::stdin(Some(history_file(&session.settings.sessions_dir)));
    let played = play(&session, start, &mut source).await?;
    if played.reason == EndReason::Quit {
        println!(
            "Left early; the round is saved. Continue with: {}",
            session.resume_hint(&played.session_id)
        );
    }
    played.saved.map(|()| ExitCode::SUCCESS)
}

fn looks_like_path(name: &str) -> bool {
    name.ends_with(".toml") || name.contains(std::path::MAIN_SEPARATOR)
}

/// What every round of one invocation shares: settings, where rounds go, the seed, the clock mode.
pub struct Session {
    /// Resolved settings.
    pub settings: Settings,
    /// Where rounds are saved.
    pub store: SessionStore,
    /// Seed for phrasing and question choice.
    pub seed: u64,
    /// How the virtual clock moves with each candidate turn; `None` runs on the real clock.
    pub pace: Option<Pace>,
    /// The persona file the round was played with, when it came from one (for the resume hint).
    pub persona_path: Option<PathBuf>,
}

impl Session {
    /// A session; without a seed, one is taken from the clock.
    pub fn new(settings: Settings, seed: Option<u64>, pace: Option<Pace>) -> Self {
        Self {
            store: SessionStore::new(&settings.sessions_dir),
            settings,
            seed: seed
                .unwrap_or_else(|| time::OffsetDateTime::now_utc().unix_timestamp_nanos() as u64),
            pace,
            persona_path: None,
        }
    }

    /// The command that continues session `id`, as it can be pasted into a shell: with the
    /// sessions folder when it is not the default one, and the persona file when there was one.
    pub fn resume_hint(&self, id: &str) -> String {
        let mut cmd = format!("hotseat interview --resume {id}");
        let dir = &self.settings.sessions_dir;
        if SessionStore::default_root().as_deref() != Some(dir.as_path()) {
            cmd.push_str(&format!(" --sessions-dir {}", shell_quote(dir)));
        }
        if let Some(p) = &self.persona_path {
            cmd.push_str(&format!(" --persona {}", shell_quote(p)));
        }
        cmd
    }
}

/// A path as one shell word: as is when it is plain, else in single quotes.
fn shell_quote(path: &std::path::Path) -> String {
    let s = path.display().to_string();
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+,:@%".contains(c));
    if plain {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// A round about to be played: new, resumed, or one round of a loop.
pub struct Start {
    /// Persona, question, level, plan.
    pub setup: RoundSetup,
    /// The session id (new or resumed).
    pub session_id: String,
    /// The transcript so far and its writer (holding the session's lock), when resuming.
    pub resumed: Option<(Transcript, TranscriptWriter)>,
    /// The loop this round belongs to, and its number in it.
    pub loop_tag: Option<(String, u32)>,
}

impl Start {
    /// A new round.
    pub fn new(setup: RoundSetup) -> Self {
        Self {
            setup,
            session_id: SessionStore::new_id(time::OffsetDateTime::now_utc()),
            resumed: None,
            loop_tag: None,
        }
    }
}

/// A round that was played to its end.
pub struct Played {
    /// Its session id.
    pub session_id: String,
    /// Its folder.
    pub dir: PathBuf,
    /// How it ended.
    pub reason: EndReason,
    /// The round itself (turns, analysis) for what comes after.
    pub round: Round,
    /// The critique, for a round that finished.
    pub report: Option<hotseat::critique::report::Report>,
    /// Whether the critique was saved: an error (exit 1) when it could not be, after the report
    /// was shown.
    pub saved: Result<(), Failure>,
}

/// Plays one round in the terminal, from its opening (or where it stopped) to its end.
pub async fn play(session: &Session, start: Start, source: &mut Source) -> Result<Played, Failure> {
    let Start {
        setup,
        session_id,
        resumed,
        loop_tag,
    } = start;
    let (interviewer, engine_line) = build_interviewer(&session.settings, session.seed)?;
    let start_at = resumed
        .as_ref()
        .map_or(Duration::ZERO, |(t, _)| t.last_at());
    let (clock, virtual_clock): (Arc<dyn Clock>, _) = match session.pace {
        Some(pace) => {
            let c = VirtualClock::starting_at(start_at);
            (Arc::new(c.clone()), Some((c, pace)))
        }
        None => (Arc::new(RealClock::starting_at(start_at)), None),
    };
    let dir = session.store.dir_of(&session_id);
    let (resumed, mut writer) = match resumed {
        Some((t, w)) => (Some(t), w),
        None => {
            let mut h = header(
                &setup,
                &session_id,
                interviewer.engine(),
                interviewer.model(),
                Some(session.seed),
            );
            h.pace = session.pace;
            if let Some((id, n)) = &loop_tag {
                h.loop_id = Some(id.clone());
                h.loop_round = Some(*n);
            }
            (None, session.store.create(&h).map_err(Failure::input)?)
        }
    };
    writer.scrub_with(session.settings.scrubber.clone());
    let transcript_path = writer.path().to_path_buf();

    let width = layout::stdout_width();
    let clock_line = match &virtual_clock {
        Some((_, pace)) => format!("virtual, {}", pace.describe()),
        None => "real".to_string(),
    };
    let banner = format!(
        "hotseat · {} interviewer ({}) · {} · {} level · {} min",
        setup.persona.company,
        setup.persona.interviewer,
        setup.question.id,
        setup.level.name(),
        (setup.plan.total().as_secs_f64() / 60.0).round(),
    );
    let banner = format!("{banner}\nengine: {engine_line} · clock: {clock_line}");
    println!("{}", layout::fill(&banner, width, "", "  "));
    println!(
        "{}",
        layout::fill(
            &format!("session {session_id} · /help for commands"),
            width,
            "",
            "  "
        )
    );
    println!(
        "{}",
        layout::labelled_path("transcript: ", &transcript_path, width)
    );
    println!();

    let mut round = match &resumed {
        Some(t) => {
            Round::resume(setup, t, clock, interviewer, Some(writer)).map_err(Failure::input)?
        }
        None => Round::new(setup, clock, interviewer, Some(writer)),
    };
    let opts = TerminalOptions {
        seed: session.seed,
        virtual_clock,
        scrubber: session.settings.scrubber.clone(),
    };
    match terminal::run(&mut round, source, &opts).await {
        Ok(reason) => {
            println!();
            println!(
                "{}",
                layout::labelled_path("transcript: ", &transcript_path, layout::stdout_width())
            );
            // A finished round gets its critique beside the transcript; one left to resume does not.
            let mut report = None;
            let mut saved = Ok(());
            if reason != EndReason::Quit {
                let scrubber = &session.settings.scrubber;
                match super::critique::critique_session(&session.settings, &transcript_path).await {
                    Ok(r) => {
                        println!();
                        print!(
                            "{}",
                            scrubber.scrub(&render_at(&r, Format::Text, layout::stdout_width()))
                        );
                        saved = super::critique::save_beside(&r, &transcript_path, scrubber)
                            .map_err(Failure::failed);
                        if saved.is_ok() {
                            println!(
                                "{}",
                                layout::labelled_path(
                                    "critique: ",
                                    &dir.join("critique.md"),
                                    layout::stdout_width()
                                )
                            );
                        }
                        report = Some(r);
                    }
                    // A round with nothing to judge (no candidate turn) has no critique: said, not
                    // an error.
                    Err(e) => eprintln!(
                        "note: no critique for this round: {}",
                        scrubber.scrub(&format!("{e:#}"))
                    ),
                }
            }
            Ok(Played {
                session_id,
                dir,
                reason,
                round,
                report,
                saved,
            })
        }
        Err(RoundError::Model(e)) => Err(Failure::failed(anyhow!(
            "{e}; the round is saved, continue with: {}",
            session.resume_hint(&session_id)
        ))),
        Err(e) => Err(Failure::failed(e)),
    }
}

/// The interviewer and the line that tells the user which engine runs.
type Built = (Box<dyn Interviewer>, String);

fn build_interviewer(settings: &Settings, seed: u64) -> Result<Built, Failure> {
    match &settings.engine {
        Engine::Offline { reason } => Ok((
            Box::new(OfflineInterviewer::new(seed)),
            format!("offline ({reason})"),
        )),
        Engine::OpenAi(provider) => {
            let model = super::critique::model(provider, &settings.scrubber)?;
            let line = format!("{} at {}", provider.model, provider.base_url);
            Ok((Box::new(ModelInterviewer::new(model, seed)), line))
        }
    }
}

/// The question named, or for `random` one that fits the persona and level and was not among
/// the user's last few rounds.
fn pick_question(
    bank: &QuestionBank,
    name: &str,
    persona: &str,
    level: Level,
    seed: u64,
    store: &SessionStore,
) -> Result<Question, Failure> {
    if name != "random" {
        return bank.get(name).cloned().ok_or_else(|| {
            Failure::input(anyhow!(
                "unknown question `{name}` (see `hotseat questions`)"
            ))
        });
    }
    let (done, _) = store.list();
    let recent: Vec<&str> = done
        .iter()
        .rev()
        .take(8)
        .map(|s| s.header.question.as_str())
        .collect();
    let fitting: Vec<&Question> = bank
        .iter()
        .filter(|q| q.fits(Some(persona), Some(level)))
        .collect();
    let fresh: Vec<&Question> = fitting
        .iter()
        .copied()
        .filter(|q| !recent.contains(&q.id.as_str()))
        .collect();
    let pool = if !fresh.is_empty() {
        fresh
    } else if !fitting.is_empty() {
        fitting
    } else {
        bank.iter().collect()
    };
    if pool.is_empty() {
        return Err(Failure::input(anyhow!("the question bank is empty")));
    }
    Ok(pool[(seed as usize) % pool.len()].clone())
}

/// The readline history (every answer typed): `history.txt` in the sessions folder, made 0600
/// before use. A history left by older versions beside the default sessions folder moves in.
pub fn history_file(sessions_dir: &std::path::Path) -> PathBuf {
    let file = sessions_dir.join("history.txt");
    if SessionStore::default_root().as_deref() == Some(sessions_dir)
        && !file.exists()
        && let Some(old) = sessions_dir.parent().map(|p| p.join("history.txt"))
        && old.is_file()
        && std::fs::create_dir_all(sessions_dir).is_ok()
    {
        let _ = std::fs::rename(&old, &file);
    }
    file
}
