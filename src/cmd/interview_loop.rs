//! `hotseat loop`: two or three rounds back to back, as a company's onsite loop runs them.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::anyhow;
use clap::Args;
use hotseat::critique::debrief::debrief;
use hotseat::critique::report::Report;
use hotseat::interview::RoundSetup;
use hotseat::interview::terminal::Source;
use hotseat::question::{Concern, Level, Question, QuestionBank, Track};

use super::Failure;
use super::interview::{RoundFlags, Session, Start, history_file, play};

/// Flags of `hotseat loop`.
#[derive(Debug, Args)]
pub struct LoopArgs {
    /// The company whose loop to run: google, meta, amazon, microsoft.
    #[arg(long)]
    pub company: String,
    /// How many rounds (2 or 3).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(2..=3))]
    pub rounds: u32,
    /// Flags every round takes.
    #[command(flatten)]
    pub round: RoundFlags,
}

/// What a round of the loop is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// AI system design end to end.
    AiDesign,
    /// Scalability under a heavy AI workload: serving, GPUs, autoscaling, caching, cost.
    Scalability,
    /// Classic system design (or a second AI design when the company has none).
    Classic,
}

impl Focus {
    fn label(self) -> &'static str {
        match self {
            Focus::AiDesign => "AI system design",
            Focus::Scalability => "scalability under a heavy AI workload",
            Focus::Classic => "system design",
        }
    }
}

/// Runs the loop.
pub async fn run(args: LoopArgs, config: Option<PathBuf>) -> Result<ExitCode, Failure> {
    let flags = &args.round;
    let settings = flags.settings(config)?;
    let mut personas = super::personas(&settings)?;
    let bank = super::questions(&settings)?;
    let persona = super::persona(&mut personas, &args.company)?;
    let session = Session::new(settings, flags.seed, flags.pace()?);
    let plan = plan_loop(&bank, &persona.id, flags.level, args.rounds, session.seed)?;
    let loop_id = format!(
        "loop-{}",
        hotseat::transcript::SessionStore::new_id(time::OffsetDateTime::now_utc())
    );
    println!(
        "{} loop · {} rounds · {} level",
        persona.company,
        plan.len(),
        format!("{:?}", flags.level).to_lowercase()
    );
    for (i, (q, focus)) in plan.iter().enumerate() {
        println!("  round {}: {} ({})", i + 1, focus.label(), q.id);
    }
    println!();
    let mut source = Source::stdin(Some(history_file(&session.settings.sessions_dir)));
    let mut played = Vec::new();
    for (i, (question, focus)) in plan.into_iter().enumerate() {
        if source.closed() {
            println!("(input ended; the rest of the loop is not played)");
            break;
        }
        println!(
            "── Round {} of {}: {} ──",
            i + 1,
            args.rounds,
            focus.label()
        );
        let mut start = Start::new(RoundSetup {
            persona: persona.clone(),
            question,
            level: flags.level,
            plan: persona.time_plan.scaled_to(flags.minutes),
        });
        start.loop_tag = Some((loop_id.clone(), i as u32 + 1));
        let round = play(&session, start, &mut source).await?;
        println!();
        let quit = round.reason == hotseat::transcript::EndReason::Quit;
        if quit {
            println!(
                "Left the loop; the round is saved. Continue it with: {}",
                session.resume_hint(&round.session_id)
            );
        }
        if let Err(e) = &round.saved {
            eprintln!(
                "error: {:#}",
                session.settings.scrubber.scrub(&format!("{:#}", e.error))
            );
        }
        played.push((round, focus));
        if quit {
            break;
        }
    }
    println!(
        "Loop {loop_id}: {} of {} rounds played.",
        played.len(),
        args.rounds
    );
    let width = hotseat::layout::stdout_width();
    for (i, (p, focus)) in played.iter().enumerate() {
        let line = format!(
            "{} · {} · {} turns",
            focus.label(),
            p.round.setup().question.id,
            p.round.turns().len(),
        );
        println!(
            "{}",
            hotseat::layout::hang(&format!("  round {}: ", i + 1), &line, width)
        );
        println!("{}", hotseat::layout::labelled_path("    ", &p.dir, width));
    }
    let finished: Vec<(String, &Report)> = played
        .iter()
        .filter_map(|(p, focus)| p.report.as_ref().map(|r| (focus.label().to_string(), r)))
        .collect();
    if let Some(d) = debrief(&finished) {
        let scrubber = &session.settings.scrubber;
        let text = d.markdown();
        println!();
        print!("{}", scrubber.scrub(&text));
        let dir = session.store.dir_of(&loop_id);
        let json = serde_json::to_string_pretty(&d).unwrap_or_default();
        super::save_text(&dir.join("debrief.md"), &text, scrubber)?;
        super::save_text(&dir.join("debrief.json"), &json, scrubber)?;
        println!(
            "{}",
            hotseat::layout::labelled_path("debrief: ", &dir.join("debrief.md"), width)
        );
    }
    // A round whose critique could not be saved fails the loop (exit 1), after the rest was shown.
    match played.into_iter().find_map(|(p, _)| p.saved.err()) {
        Some(failure) => Err(failure),
        None => Ok(ExitCode::SUCCESS),
    }
}

/// Chooses the loop's questions: an AI design round, a scalability round under a heavy AI
/// workload (its scale hotspots probed first), and for three rounds a classic one; all fitting the
/// company and level, none repeated.
pub fn plan_loop(
    bank: &QuestionBank,
    company: &str,
    level: Level,
    rounds: u32,
    seed: u64,
) -> Result<Vec<(Question, Focus)>, Failure> {
    let fitting: Vec<&Question> = bank
        .iter()
        .filter(|q| q.fits(Some(company), Some(level)))
        .collect();
    let scale_concerns = [Concern::Autoscaling, Concern::GpuBatching];
    let heavy = |q: &&Question| {
        q.ai_workload
            && q.hotspots
                .iter()
                .any(|h| scale_concerns.contains(&h.concern))
    };
    let pick = |pool: Vec<&Question>, taken: &[String], salt: u64| -> Option<Question> {
        let pool: Vec<&Question> = pool
            .into_iter()
            .filter(|q| !taken.contains(&q.id))
            .collect();
        (!pool.is_empty()).then(|| pool[((seed ^ salt) as usize) % pool.len()].clone())
    };
    let mut taken: Vec<String> = Vec::new();
    let mut out = Vec::new();

    let scale = pick(
        fitting.iter().copied().filter(heavy).collect(),
        &taken,
        0x5ca1e,
    )
    .ok_or_else(|| {
        Failure::input(anyhow!(
            "no scalability question fits {company} at this level"
        ))
    })?;
    taken.push(scale.id.clone());
    let design = pick(
        fitting.iter().copied().filter(|q| q.ai_workload).collect(),
        &taken,
        0xa1,
    )
    .ok_or_else(|| {
        Failure::input(anyhow!(
            "no AI design question fits {company} at this level"
        ))
    })?;
    taken.push(design.id.clone());
    out.push((design, Focus::AiDesign));
    out.push((scalability_first(scale), Focus::Scalability));
    if rounds == 3 {
        let classic = pick(
            fitting
                .iter()
                .copied()
                .filter(|q| q.track == Track::Swe)
                .collect(),
            &taken,
            0xc1,
        )
        .or_else(|| pick(fitting.clone(), &taken, 0xc2))
        .ok_or_else(|| {
            Failure::input(anyhow!(
                "not enough questions fit {company} for three rounds"
            ))
        })?;
        out.push((classic, Focus::Classic));
    }
    Ok(out)
}

/// The same question with its scale hotspots first, so the deep dive goes there.
fn scalability_first(mut q: Question) -> Question {
    let rank = |c: Concern| match c {
        Concern::Autoscaling => 0,
        Concern::GpuBatching => 1,
        Concern::Caching => 2,
        Concern::CostPerRequest => 3,
        Concern::ModelServing => 4,
        _ => 5,
    };
    q.hotspots.sort_by_key(|h| rank(h.concern));
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_company_gets_a_scalability_round_with_scale_probes_first() {
        let bank = QuestionBank::embedded().unwrap();
        for company in hotseat::persona::BUILT_IN {
            let plan = plan_loop(&bank, company, Level::Senior, 3, 7).ok().unwrap();
            assert_eq!(plan.len(), 3);
            let (q, _) = plan.iter().find(|(_, f)| *f == Focus::Scalability).unwrap();
            assert!(matches!(
                q.hotspots[0].concern,
                Concern::Autoscaling | Concern::GpuBatching
            ));
            let mut ids: Vec<&str> = plan.iter().map(|(q, _)| q.id.as_str()).collect();
            ids.dedup();
            assert_eq!(ids.len(), 3, "no question twice");
        }
    }
}
