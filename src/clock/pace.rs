//! How a virtual clock moves in a scripted round or an eval: a fixed time per candidate turn, or
//! the time it takes to say what was said (words at a speaking rate, plus a pause to think).

use std::time::Duration;

/// Words spoken a minute when charging by what was said (the critique estimates times at the same
/// rate).
pub const DEFAULT_WORDS_PER_MINUTE: f64 = 150.0;

/// Seconds of thinking charged before each candidate turn when charging by what was said.
pub const DEFAULT_THINK_SECONDS: f64 = 20.0;

/// What one candidate turn costs on a virtual clock. Written in a transcript's header so a
/// resumed round keeps its clock (checked again with [`Pace::checked`] when read back).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pace {
    /// The same time for every turn, whatever was said (`--turn-minutes`).
    PerTurn(#[serde(with = "crate::serde_ms")] Duration),
    /// The time to say it: the interviewer's line the candidate answers and the answer itself, at
    /// `words_per_minute`, plus `thinking` before the answer.
    Spoken {
        /// Speaking rate, words a minute (both speakers).
        words_per_minute: f64,
        /// Pause before each candidate turn.
        #[serde(rename = "thinking_ms", with = "crate::serde_ms")]
        thinking: Duration,
    },
}

impl Pace {
    /// A fixed `minutes` per turn, more than 0 and at most 60.
    pub fn per_turn_minutes(minutes: f64) -> Result<Self, String> {
        if !(minutes.is_finite() && minutes > 0.0 && minutes <= 60.0) {
            return Err("minutes per turn must be between 0 and 60".into());
        }
        Ok(Pace::PerTurn(Duration::from_secs_f64(minutes * 60.0)))
    }

    /// Charging by words: `words_per_minute` 30-600 (default 150) and `think_seconds` 0-600
    /// (default 20). The error names what is out of range.
    pub fn spoken(
        words_per_minute: Option<f64>,
        think_seconds: Option<f64>,
    ) -> Result<Self, String> {
        let wpm = words_per_minute.unwrap_or(DEFAULT_WORDS_PER_MINUTE);
        if !(30.0..=600.0).contains(&wpm) {
            return Err("words per minute must be between 30 and 600".into());
        }
        let think = think_seconds.unwrap_or(DEFAULT_THINK_SECONDS);
        if !(0.0..=600.0).contains(&think) {
            return Err("thinking time must be between 0 and 600 seconds".into());
        }
        Ok(Pace::Spoken {
            words_per_minute: wpm,
            thinking: Duration::from_secs_f64(think),
        })
    }

    /// The same pace, if it is within what the constructors allow (a pace read from a file).
    pub fn checked(self) -> Result<Self, String> {
        match self {
            Pace::PerTurn(d) => Pace::per_turn_minutes(d.as_secs_f64() / 60.0),
            Pace::Spoken {
                words_per_minute,
                thinking,
            } => Pace::spoken(Some(words_per_minute), Some(thinking.as_secs_f64())),
        }
    }

    /// The time the candidate's turn `said`, answering the interviewer's line `heard`, takes.
    pub fn charge(&self, heard: &str, said: &str) -> Duration {
        match *self {
            Pace::PerTurn(d) => d,
            Pace::Spoken {
                words_per_minute,
                thinking,
            } => {
                let words = heard.split_whitespace().count() + said.split_whitespace().count();
                thinking + Duration::from_secs_f64(words as f64 * 60.0 / words_per_minute)
            }
        }
    }

    /// One line for the round's header: `3 min a turn` or `150 words a minute + 20 s a turn`.
    pub fn describe(&self) -> String {
        match *self {
            Pace::PerTurn(d) => format!("{} min a turn", trim(d.as_secs_f64() / 60.0)),
            Pace::Spoken {
                words_per_minute,
                thinking,
            } => format!(
                "{} words a minute + {} s a turn",
                trim(words_per_minute),
                trim(thinking.as_secs_f64())
            ),
        }
    }
}

fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_pace_ignores_what_was_said() {
        let p = Pace::per_turn_minutes(3.0).unwrap();
        assert_eq!(p.charge("", "ok"), Duration::from_secs(180));
        assert_eq!(
            p.charge("a b c", &"word ".repeat(500)),
            Duration::from_secs(180)
        );
    }

    #[test]
    fn a_spoken_pace_charges_words_and_thinking() {
        let p = Pace::spoken(Some(150.0), Some(20.0)).unwrap();
        // 30 words heard + 45 said = 75 words = 30 s, plus 20 s thinking.
        let heard = "w ".repeat(30);
        let said = "w ".repeat(45);
        assert_eq!(p.charge(&heard, &said), Duration::from_secs(50));
        // Five one-line questions after 40-word interviewer lines: under five minutes, not 15.
        let five: Duration = (0..5)
            .map(|_| p.charge(&"w ".repeat(40), "What is the peak QPS we should plan for?"))
            .sum();
        assert!(five < Duration::from_secs(5 * 60), "{five:?}");
    }

    #[test]
    fn out_of_range_paces_are_refused() {
        assert!(Pace::per_turn_minutes(0.0).is_err());
        assert!(Pace::per_turn_minutes(61.0).is_err());
        assert!(Pace::per_turn_minutes(f64::NAN).is_err());
        assert!(Pace::spoken(Some(5.0), None).is_err());
        assert!(Pace::spoken(None, Some(-1.0)).is_err());
        assert!(Pace::spoken(None, Some(f64::NAN)).is_err());
        assert!(Pace::spoken(None, Some(601.0)).is_err());
        assert!(Pace::spoken(None, None).is_ok());
    }

    #[test]
    fn paces_describe_themselves() {
        assert_eq!(
            Pace::per_turn_minutes(2.5).unwrap().describe(),
            "2.5 min a turn"
        );
        assert_eq!(
            Pace::spoken(None, None).unwrap().describe(),
            "150 words a minute + 20 s a turn"
        );
    }
}
