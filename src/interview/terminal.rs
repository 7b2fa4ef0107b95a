//! The terminal front end: the round's loop around the candidate's input, slash commands, the
//! status line, streamed replies with Ctrl-C cancelling just the reply, and time announcements.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use tokio_util::sync::CancellationToken;

pub use super::input::{Input, Printer, ReadlineThread, Source};
use super::round::{Round, RoundError};
use super::summary::round_summary;
use crate::clock::{Pace, TimeEvent, VirtualClock, mmss};
use crate::layout::{self, StreamWrap};
use crate::transcript::{EndReason, Speaker};

/// How the terminal session runs.
#[derive(Debug, Clone, Default)]
pub struct TerminalOptions {
    /// Seed for the offline engine's phrasing and the opening/closing choice.
    pub seed: u64,
    /// Advance this virtual clock at this pace with each candidate turn (scripted rounds).
    pub virtual_clock: Option<(VirtualClock, Pace)>,
    /// Scrubs secrets from the candidate's lines echoed back in a scripted round.
    pub scrubber: crate::llm::Scrubber,
}

const HELP: &str = "\
Commands:
  /time   elapsed, remaining and phase
  /help   this help
  /end    finish the round now (the interviewer closes; the critique follows)
  /quit   leave now (the transcript is kept; resume with --resume)
Keys: Enter sends; pasted text arrives whole; Ctrl-C cancels a reply being streamed; Ctrl-D ends the round.";

/// Runs a round in the terminal until it ends. Returns how it ended; a model failure is returned
/// as an error after the transcript records it.
pub async fn run(
    round: &mut Round,
    source: &mut Source,
    opts: &TerminalOptions,
) -> Result<EndReason, RoundError> {
    let name = speaker_label(round);
    if round.turns().is_empty() {
        let open = round.open(opts.seed)?.text.clone();
        say(&name, &open);
    } else if let Some(last) = round
        .turns()
        .iter()
        .rev()
        .find(|t| t.role == Speaker::Interviewer)
    {
        note(&format!(
            "(resumed at {}; the interviewer last said:)",
            mmss(round.elapsed())
        ));
        say(&name, &last.text.clone());
    }
    if round.awaiting_reply() {
        reply(round, &name, |r, sink, cancel| {
            Box::pin(r.answer_pending(sink, cancel))
        })
        .await?;
    }
    let interactive = source.interactive();
    // At a keyboard on the real clock, warnings and phase changes show above the prompt as they
    // happen; the interviewer still says them on the next turn.
    let announced = Arc::new(AtomicU64::new(round.elapsed().as_millis() as u64));
    let streaming = Arc::new(AtomicBool::new(false));
    let ticker = match (&*source, &opts.virtual_clock) {
        (Source::Terminal(t), None) => t.take_printer().map(|printer| {
            tokio::spawn(announce_time(
                printer,
                round.clock(),
                round.setup().plan.clone(),
                Arc::clone(&announced),
                Arc::clone(&streaming),
            ))
        }),
        _ => None,
    };
    while round.ended().is_none() {
        println!("{}", status(round));
        let input = source.next("you> ").await;
        let line = match input {
            Input::Eof => {
                finish(round, EndReason::Ended, opts.seed, &name)?;
                break;
            }
            Input::Interrupted if interactive => {
                note(
                    "(Ctrl-C cancels a reply while it streams; /end or Ctrl-D finishes the round)",
                );
                continue;
            }
            Input::Interrupted => {
                finish(round, EndReason::Ended, opts.seed, &name)?;
                break;
            }
            // The terminal went away: leave the round resumable, as /quit does.
            Input::Hangup => {
                finish(round, EndReason::Quit, opts.seed, &name)?;
                break;
            }
            Input::Rejected(why) => {
                println!("({why})");
                continue;
            }
            Input::Line(line) => line,
        };
        let text = line.trim();
        if text.is_empty() {
            // Past time, Enter brings the interviewer's close.
            if round.remaining().is_zero() {
                finish(round, EndReason::TimeUp, opts.seed, &name)?;
                break;
            }
            // Enter on an empty line retries a reply the model failed to give.
            if round.awaiting_reply() {
                let retry = reply(round, &name, |r, sink, cancel| {
                    Box::pin(r.answer_pending(sink, cancel))
                })
                .await;
                hold_on_transient(retry, interactive)?;
            }
            continue;
        }
        if !interactive {
            let shown = opts.scrubber.scrub(text);
            println!("{}", layout::hang("you> ", &shown, layout::stdout_width()));
        }
        match text {
            "/time" => {
                let phase = round.phase();
                let (start, end) = round.setup().plan.span_of(phase).unwrap_or_default();
                note(&format!(
                    "{} elapsed, {} left; phase: {} ({}-{})",
                    mmss(round.elapsed()),
                    mmss(round.remaining()),
                    phase.label(),
                    mmss(start),
                    mmss(end)
                ));
                continue;
            }
            "/help" => {
                println!("{}", help(layout::stdout_width()));
                continue;
            }
            "/end" => {
                finish(round, EndReason::Ended, opts.seed, &name)?;
                break;
            }
            "/quit" => {
                finish(round, EndReason::Quit, opts.seed, &name)?;
                break;
            }
            cmd if cmd.starts_with('/') && !cmd.contains(' ') => {
                note(&format!("unknown command {cmd}; /help lists them"));
                continue;
            }
            _ => {}
        }
        if let Some((clock, pace)) = &opts.virtual_clock {
            let heard = round
                .turns()
                .iter()
                .rev()
                .find(|t| t.role == Speaker::Interviewer)
                .map_or("", |t| t.text.as_str());
            clock.advance(pace.charge(heard, text));
        }
        let owned = text.to_string();
        streaming.store(true, Ordering::SeqCst);
        let step = reply(round, &name, move |r, sink, cancel| {
            Box::pin(async move { r.candidate(&owned, sink, cancel).await })
        })
        .await;
        announced.store(round.elapsed().as_millis() as u64, Ordering::SeqCst);
        streaming.store(false, Ordering::SeqCst);
        let step = hold_on_transient(step, interactive)?;
        if step.is_some_and(|s| s.ended.is_some()) {
            println!("(time is up)");
        }
    }
    if let Some(t) = ticker {
        t.abort();
    }
    let setup = round.setup();
    println!();
    print!(
        "{}",
        round_summary(
            round.analysis(),
            &setup.question,
            &setup.plan,
            round.turns(),
            layout::stdout_width(),
        )
    );
    Ok(round.ended().unwrap_or(EndReason::Ended))
}

type StepFuture<'a> = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<super::round::Step, RoundError>> + Send + 'a>,
>;

/// Streams one interviewer reply to stdout, with Ctrl-C cancelling just the reply.
async fn reply<F>(
    round: &mut Round,
    name: &str,
    call: F,
) -> Result<Option<super::round::Step>, RoundError>
where
    F: for<'a> FnOnce(
        &'a mut Round,
        crate::llm::TokenSink<'a>,
        &'a CancellationToken,
    ) -> StepFuture<'a>,
{
    let cancel = CancellationToken::new();
    let watcher = {
        let cancel = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                cancel.cancel();
            }
        })
    };
    let mut wrap = StreamWrap::new(
        std::io::stdout(),
        &format!("{name}: "),
        layout::stdout_width(),
    );
    let mut sink = |piece: &str| wrap.push(piece);
    let result = call(round, &mut sink, &cancel).await;
    watcher.abort();
    wrap.finish();
    let step = result?;
    if let Some(why) = &step.reply.partial {
        note(&format!("[reply cut short: {why}]"));
    }
    Ok(Some(step))
}

/// Prints the time events the clock crosses while the candidate is typing, above the prompt.
/// `announced` is the round time up to which events were already said (the round moves it after
/// each reply); nothing is printed while a reply streams.
async fn announce_time(
    mut printer: Printer,
    clock: Arc<dyn crate::clock::Clock>,
    plan: crate::clock::TimePlan,
    announced: Arc<AtomicU64>,
    streaming: Arc<AtomicBool>,
) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        tick.tick().await;
        if streaming.load(Ordering::SeqCst) {
            continue;
        }
        let now = clock.elapsed();
        let since = Duration::from_millis(announced.swap(now.as_millis() as u64, Ordering::SeqCst));
        for event in plan.events_between(since, now) {
            let line = match event {
                TimeEvent::PhaseChange { phase } => {
                    format!("[{} · time for the {}]", mmss(now), phase.label())
                }
                TimeEvent::Warning { minutes_left } => {
                    format!("[{} · {minutes_left} minutes left]", mmss(now))
                }
                TimeEvent::TimeUp => {
                    "[time is up: press Enter for the interviewer's close]".to_string()
                }
            };
            if printer.print(line).is_err() {
                return;
            }
        }
    }
}

/// A person at the keyboard keeps the round through a passing model failure (timeout, refused
/// connection, rate limit, server error): the turn is saved, Enter retries. A script, or a failure
/// that retrying cannot fix (bad key, unknown model), ends the round.
fn hold_on_transient(
    result: Result<Option<super::round::Step>, RoundError>,
    interactive: bool,
) -> Result<Option<super::round::Step>, RoundError> {
    match result {
        Err(RoundError::Model(e)) if interactive && e.is_transient() => {
            note(&format!("[the interviewer's model failed: {e}]"));
            note("(your turn is saved: press Enter to try again, or /quit and --resume later)");
            Ok(None)
        }
        other => other,
    }
}

fn finish(round: &mut Round, reason: EndReason, seed: u64, name: &str) -> Result<(), RoundError> {
    if let Some(turn) = round.end(reason, seed)? {
        let text = turn.text.clone();
        say(name, &text);
    }
    Ok(())
}

/// An interviewer line said whole (the opening, the close), wrapped like a streamed one.
fn say(name: &str, text: &str) {
    println!(
        "{}",
        layout::hang(&format!("{name}: "), text, layout::stdout_width())
    );
}

/// A line from hotseat itself, wrapped to the terminal.
fn note(text: &str) {
    println!("{}", layout::hang("", text, layout::stdout_width()));
}

/// The commands, each description wrapped under its own column.
fn help(width: usize) -> String {
    let mut out = String::new();
    for line in HELP.lines() {
        // "  /time   what it does": continuations go under "what"; "Keys: ..." under the text.
        let body = line.trim_start();
        let lead = line.len() - body.len();
        let prefix_len = if lead > 0 {
            body.find(' ').map_or(0, |cmd| {
                let rest = &body[cmd..];
                lead + cmd + (rest.len() - rest.trim_start().len())
            })
        } else {
            line.find(": ").map_or(0, |i| i + 2)
        };
        let (prefix, text) = line.split_at(prefix_len);
        layout::push_hang(&mut out, prefix, text, width);
    }
    out.pop();
    out
}

fn speaker_label(round: &Round) -> String {
    let p = &round.setup().persona;
    format!("{} ({})", p.interviewer, p.company)
}

/// The status line: elapsed, remaining, phase.
pub fn status(round: &Round) -> String {
    format!(
        "[{} elapsed · {} left · {}]",
        mmss(round.elapsed()),
        mmss(round.remaining()),
        round.phase().label()
    )
}
