//! The statistics behind a verdict: k passes of N runs, the Wilson score interval around k/N, and
//! the one-sided Fisher exact test that tells a real drop against a baseline from noise.
//!
//! Why these two: evals run a handful of repeats, where the normal approximation lies (3/3 is not
//! "100 % ± 0"); Wilson stays inside [0, 1] and is honest at small N, and Fisher's test is exact
//! for the 2x2 table a baseline comparison is.

use serde::{Deserialize, Serialize};

/// z for a two-sided 95 % interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Significance level of a baseline drop.
pub const DROP_ALPHA: f64 = 0.05;

/// Passes out of runs, with what follows from them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PassRate {
    /// Runs that passed.
    pub k: u32,
    /// Runs in all.
    pub n: u32,
}

impl PassRate {
    /// `k` of `n`.
    pub fn new(k: u32, n: u32) -> Self {
        Self { k, n }
    }

    /// k/N (0 when there were no runs).
    pub fn rate(self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            f64::from(self.k) / f64::from(self.n)
        }
    }

    /// The 95 % Wilson score interval, `(lower, upper)`; `(0, 1)` with no runs.
    pub fn wilson(self) -> (f64, f64) {
        wilson(self.k, self.n, Z95)
    }

    /// Flaky: it passed some runs and failed others.
    pub fn flaky(self) -> bool {
        self.k > 0 && self.k < self.n
    }

    /// `stable` or `flaky`, for reports.
    pub fn stability(self) -> &'static str {
        if self.flaky() { "flaky" } else { "stable" }
    }

    /// Whether the pass rate is shown to be at least `min`: the interval's lower bound reaches it.
    pub fn meets(self, min: f64) -> bool {
        // A hair of tolerance so 0.5 written in a case is met by a bound computed as 0.4999999.
        self.wilson().0 + 1e-9 >= min
    }
}

/// The Wilson score interval for `k` successes in `n` trials at `z`.
pub fn wilson(k: u32, n: u32, z: f64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let n = f64::from(n);
    let p = f64::from(k) / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let margin = z * ((p * (1.0 - p) + z2 / (4.0 * n)) / n).sqrt() / denom;
    ((centre - margin).max(0.0), (centre + margin).min(1.0))
}

/// The fewest repeats at which `min` can be shown at all (every run passing), capped at 10,000.
pub fn repeats_needed(min: f64) -> u32 {
    (1..=10_000)
        .find(|&n| PassRate::new(n, n).meets(min))
        .unwrap_or(10_000)
}

/// One-sided Fisher exact test: the probability of a current pass count this low or lower if the
/// baseline and the current runs shared one pass rate. Small means a real drop.
pub fn drop_p_value(baseline: PassRate, current: PassRate) -> f64 {
    let (a, b) = (baseline.k, baseline.n.saturating_sub(baseline.k));
    let (c, d) = (current.k, current.n.saturating_sub(current.k));
    let passes = a + c;
    let total = a + b + c + d;
    let n_cur = c + d;
    if n_cur == 0 || baseline.n == 0 {
        return 1.0;
    }
    // X = current passes ~ Hypergeometric(total, passes, n_cur); P(X <= c).
    let lo = passes.saturating_sub(total - n_cur);
    (lo..=c.min(passes))
        .map(|x| hypergeometric(total, passes, n_cur, x))
        .sum::<f64>()
        .min(1.0)
}

/// Whether `current` dropped significantly below `baseline`.
pub fn dropped(baseline: PassRate, current: PassRate) -> bool {
    current.rate() < baseline.rate() && drop_p_value(baseline, current) < DROP_ALPHA
}

fn hypergeometric(total: u32, successes: u32, draws: u32, x: u32) -> f64 {
    (ln_choose(successes, x) + ln_choose(total - successes, draws - x) - ln_choose(total, draws))
        .exp()
}

fn ln_choose(n: u32, k: u32) -> f64 {
    if k > n {
        return f64::NEG_INFINITY;
    }
    ln_factorial(n) - ln_factorial(k) - ln_factorial(n - k)
}

fn ln_factorial(n: u32) -> f64 {
    (2..=n).map(|i| f64::from(i).ln()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-3
    }

    #[test]
    fn wilson_matches_published_values() {
        // 3/3: the textbook case where "100 %" is only shown down to 44 %.
        let (lo, hi) = PassRate::new(3, 3).wilson();
        assert!(close(lo, 0.4385) && close(hi, 1.0), "{lo} {hi}");
        let (lo, hi) = PassRate::new(8, 10).wilson();
        assert!(close(lo, 0.4902) && close(hi, 0.9433), "{lo} {hi}");
        assert_eq!(PassRate::new(0, 0).wilson(), (0.0, 1.0));
    }

    #[test]
    fn flaky_is_strictly_between() {
        assert!(PassRate::new(2, 5).flaky());
        assert!(!PassRate::new(5, 5).flaky());
        assert!(!PassRate::new(0, 5).flaky());
    }

    #[test]
    fn repeats_needed_for_a_threshold() {
        assert_eq!(repeats_needed(0.5), 4);
        assert!(PassRate::new(5, 5).meets(0.5));
        assert!(!PassRate::new(4, 5).meets(0.5));
        assert!(repeats_needed(0.9) > 30);
    }

    #[test]
    fn fisher_tells_a_drop_from_noise() {
        // 5/5 → 0/5 is p = 1/252.
        assert!(close(
            drop_p_value(PassRate::new(5, 5), PassRate::new(0, 5)),
            1.0 / 252.0
        ));
        assert!(dropped(PassRate::new(5, 5), PassRate::new(0, 5)));
        assert!(!dropped(PassRate::new(5, 5), PassRate::new(4, 5)));
        assert!(!dropped(PassRate::new(3, 5), PassRate::new(5, 5)));
        // Different N on each side.
        assert!(dropped(PassRate::new(10, 10), PassRate::new(1, 5)));
        assert_eq!(drop_p_value(PassRate::new(5, 5), PassRate::new(0, 0)), 1.0);
    }
}
