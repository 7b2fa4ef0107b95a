//! Agreement with human interviewers on real mock interviews (`../shared/realdata/interviewing-io`,
//! labelled from each interviewer's written feedback in its `labels.toml`): false alarms on the
//! codes the human's feedback contradicts, problems the human named that the critique finds, and
//! every labelled hire scored hire or better. Read at test time only (the texts are not ours and
//! never enter the repository); skipped cleanly where the folder is absent. `HOTSEAT_REALDATA`
//! points elsewhere.

use std::path::Path;

use super::realdata::{Label, folder, labels, transcript};
use hotseat::critique::{Dialogue, FlagCode, Profile, Report, Setup, Verdict, critique};
use hotseat::question::{Level, QuestionBank};
use hotseat::transcript::import::import_str;

/// What the real rounds must reach (the bar).
const MAX_FALSE_ALARMS: f64 = 0.05;
const MIN_FOUND: f64 = 0.8;

fn report(dir: &Path, name: &str, label: &Label, bank: &QuestionBank) -> Result<Report, String> {
    let (file, text) = transcript(dir, name).ok_or_else(|| format!("{name}: unreadable"))?;
    let imported = import_str(&file, &text).map_err(|e| e.to_string())?;
    let d = Dialogue::from_imported(imported, Some(&label.candidate)).map_err(|e| e.to_string())?;
    Ok(critique(
        &d,
        &Setup::new(Profile::infer(&d, bank), Level::Senior).with_stated_level(&d),
    ))
}

fn codes(list: &[String]) -> Vec<FlagCode> {
    list.iter()
        .map(|c| FlagCode::parse(c).unwrap_or_else(|| panic!("unknown flag code `{c}`")))
        .collect()
}

#[test]
fn real_rounds_agree_with_their_interviewers() {
    let Some(dir) = folder() else {
        println!("skipped: ../shared/realdata/interviewing-io is absent");
        return;
    };
    let labels = labels(&dir);
    let bank = QuestionBank::embedded().unwrap();
    let (mut found, mut expected, mut alarms, mut not_expected) = (0, 0, 0, 0);
    let mut hires_below = Vec::new();
    let mut refused = Vec::new();
    println!(
        "\n{:<40} {:>5} {:<13} {:>8} {:>9}  human",
        "round", "score", "verdict", "found", "alarms"
    );
    for (name, label) in &labels.files {
        let rep = match report(&dir, name, label, &bank) {
            Ok(r) => r,
            Err(e) => {
                refused.push(e);
                continue;
            }
        };
        let raised = rep.codes();
        let want = codes(&label.expected);
        let not = codes(&label.not_expected);
        let hit = want.iter().filter(|c| raised.contains(c)).count();
        let wrong: Vec<&FlagCode> = not.iter().filter(|c| raised.contains(c)).collect();
        found += hit;
        expected += want.len();
        alarms += wrong.len();
        not_expected += not.len();
        let human = label.verdict.as_deref().unwrap_or("-");
        if human == "hire" && rep.verdict < Verdict::Hire {
            hires_below.push(format!("{name} ({} {})", rep.score, rep.verdict.as_str()));
        }
        println!(
            "{:<40} {:>5} {:<13} {:>4}/{:<3} {:>4}/{:<3}  {human}{}",
            name,
            rep.score,
            rep.verdict.as_str(),
            hit,
            want.len(),
            wrong.len(),
            not.len(),
            if wrong.is_empty() {
                String::new()
            } else {
                format!(
                    "  raised {}",
                    wrong
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        );
    }
    let found_share = found as f64 / expected.max(1) as f64;
    let alarm_share = alarms as f64 / not_expected.max(1) as f64;
    println!(
        "\nreal rounds: {} read, {} refused\n  expected found: {found} of {expected} ({found_share:.2}; floor {MIN_FOUND})\n  false alarms: {alarms} of {not_expected} not expected ({alarm_share:.3}; ceiling {MAX_FALSE_ALARMS})\n  labelled hires below hire: {}",
        labels.files.len() - refused.len(),
        refused.len(),
        if hires_below.is_empty() {
            "none".to_string()
        } else {
            hires_below.join(", ")
        }
    );
    assert!(refused.is_empty(), "refused: {}", refused.join("; "));
    if std::env::var_os("HOTSEAT_REALDATA_STRICT").is_some() {
        assert!(found_share >= MIN_FOUND, "expected found {found_share:.2}");
        assert!(
            alarm_share <= MAX_FALSE_ALARMS,
            "false alarms {alarm_share:.3}"
        );
        assert!(hires_below.is_empty(), "hires scored below hire");
    }
}
