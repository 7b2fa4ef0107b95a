//! The value of a quantity the candidate wrote, normalised so two figures can be compared:
//! "20k QPS" and "1.7 billion requests a day" are both rates per second; "$2.50 an hour" and
//! "4k a month" are dollars per period; "150 ms" is 0.15 s; "2 TB" is bytes.
//!
//! The reader in `numbers` decides where a quantity starts and ends and what it measures; this
//! file only works out how much it is. Anything it cannot read is `None`, never a guess.

use super::QuantityKind;
use super::tokens::Tok;
use super::units::spelled_value;

/// The count a price can be "per" ("$0.50 per million", "$2 per 1k"): what to divide it by.
fn per_count(w: &str) -> Option<f64> {
    match w {
        "thousand" | "1k" | "k" | "1000" | "1,000" => Some(1e3),
        "million" | "1m" | "mil" | "1000000" | "1,000,000" => Some(1e6),
        "billion" | "1b" => Some(1e9),
        _ => None,
    }
}

/// Seconds in the periods a rate or a price can be "per".
fn period_seconds(w: &str) -> Option<f64> {
    Some(match w.trim_end_matches('s') {
        "m" | "ms" | "msec" | "millisecond" | "milli" => 1e-3,
        "" | "sec" | "second" => 1.0,
        "min" | "minute" => 60.0,
        "h" | "hr" | "hour" => 3_600.0,
        "day" | "daily" | "night" | "nightly" => 86_400.0,
        "week" | "weekly" | "wk" => 604_800.0,
        "mo" | "month" | "monthly" => 2_592_000.0,
        "yr" | "year" | "yearly" | "annual" | "annually" => 31_536_000.0,
        _ => return None,
    })
}

/// A multiplier word or suffix: "k" → 1,000, "million" → 1,000,000.
fn multiplier(w: &str) -> Option<f64> {
    Some(match w {
        "k" | "thousand" | "thousands" | "grand" => 1e3,
        "m" | "mm" | "mil" | "million" | "millions" => 1e6,
        "b" | "bn" | "billion" | "billions" => 1e9,
        "t" | "trillion" | "trillions" => 1e12,
        "hundred" | "hundreds" => 1e2,
        "dozen" | "dozens" => 12.0,
        "lakh" | "lakhs" => 1e5,
        "crore" | "crores" => 1e7,
        _ => return None,
    })
}

/// Whether a suffix glued to digits is a power or a fraction: "⁶" ("10⁶"), "e6" ("1e6"),
/// "½" ("2½").
pub(crate) fn glued_factor(s: &str) -> Option<()> {
    let power = superscript_digits(s).is_some()
        || s.strip_prefix('e')
            .and_then(|e| e.parse::<u8>().ok())
            .is_some_and(|e| e <= 18);
    (power || glued_addend(s).is_some()).then_some(())
}

/// A vulgar fraction glued to digits ("2½"), as the amount it adds.
pub(crate) fn glued_addend(s: &str) -> Option<f64> {
    Some(match s {
        "½" => 0.5,
        "¼" => 0.25,
        "¾" => 0.75,
        "⅓" => 1.0 / 3.0,
        "⅔" => 2.0 / 3.0,
        _ => return None,
    })
}

/// The exponent written in superscript digits ("⁶" → 6), when the whole suffix is one.
fn superscript_digits(s: &str) -> Option<u32> {
    let mut exp: u32 = 0;
    let mut any = false;
    for c in s.chars() {
        let d = match c {
            '⁰' => 0,
            '¹' => 1,
            '²' => 2,
            '³' => 3,
            '⁴' => 4,
            '⁵' => 5,
            '⁶' => 6,
            '⁷' => 7,
            '⁸' => 8,
            '⁹' => 9,
            _ => return None,
        };
        exp = exp.checked_mul(10)?.checked_add(d)?;
        any = true;
    }
    (any && exp <= 18).then_some(exp)
}

/// How much one unit word is in base units (seconds, bytes, dollars), for the kinds that scale.
fn unit_scale(kind: QuantityKind, w: &str) -> Option<f64> {
    match kind {
        QuantityKind::Time => match w {
            "ns" | "nanosecond" | "nanoseconds" => Some(1e-9),
            "µs" | "us" | "microsecond" | "microseconds" => Some(1e-6),
            _ => period_seconds(w),
        },
        QuantityKind::Size => Some(match w.trim_end_matches('s') {
            "b" | "byte" => 1.0,
            "kb" | "kib" | "kilobyte" => 1e3,
            "mb" | "mib" | "megabyte" | "meg" => 1e6,
            "gb" | "gib" | "gigabyte" | "gig" => 1e9,
            "tb" | "tib" | "terabyte" => 1e12,
            "pb" | "pib" | "petabyte" => 1e15,
            "eb" | "exabyte" => 1e18,
            _ => return None,
        }),
        QuantityKind::Money => match w {
            "cent" | "cents" | "¢" => Some(0.01),
            _ => None,
        },
        QuantityKind::Percent => match w {
            "%" | "percent" | "pct" => Some(0.01),
            _ => None,
        },
        _ => None,
    }
}

/// The number at the start of a quantity's tokens, multipliers and fractions included, and the
/// index of the first token after it.
fn leading_number(toks: &[Tok<'_>]) -> Option<(f64, usize)> {
    let mut i = 0;
    while toks
        .get(i)
        .is_some_and(|t| matches!(t.raw, "$" | "€" | "£" | "~" | "≈"))
    {
        i += 1;
    }
    let t = toks.get(i)?;
    if t.low.starts_with(|c: char| c.is_ascii_digit()) {
        let split = t
            .low
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(t.low.len());
        let mut value: f64 = t.low[..split].replace(',', "").parse().ok()?;
        let suffix = &t.low[split..];
        if let Some(add) = glued_addend(suffix) {
            value += add;
        } else if let Some(exp) = superscript_digits(suffix) {
            value = value.powi(exp as i32);
        } else if let Some(exp) = suffix.strip_prefix('e').and_then(|e| e.parse::<u8>().ok()) {
            value *= 10f64.powi(i32::from(exp));
        } else if let Some(m) = multiplier(suffix).or_else(|| {
            // "1.5kb" → 1.5 with unit "kb"; "12kqps" → 12k with unit "qps".
            let first = suffix.chars().next()?;
            let m = multiplier(&suffix[..first.len_utf8()])?;
            super::units::unit_kind(suffix).is_none().then_some(m)
        }) {
            value *= m;
        }
        let mut j = i + 1;
        while let Some(m) = toks.get(j).and_then(|n| multiplier(n.low)) {
            value *= m;
            j += 1;
        }
        return Some((value, j));
    }
    spelled(toks, i)
}

/// A spelled number from token `i`: "two hundred and fifty", "a hundred k", "half a million",
/// "one point five million", "a couple thousand".
fn spelled(toks: &[Tok<'_>], i: usize) -> Option<(f64, usize)> {
    let mut total = 0.0;
    let mut group = 0.0;
    let mut any = false;
    let mut j = i;
    let mut fraction: Option<f64> = None;
    while let Some(t) = toks.get(j) {
        let w = t.low;
        if let Some(v) = spelled_value(w) {
            match fraction.as_mut() {
                Some(scale) => {
                    group += f64::from(v) * *scale;
                    *scale /= 10.0;
                }
                None => group += f64::from(v),
            }
            any = true;
        } else if let Some(m) = multiplier(w) {
            if group == 0.0 {
                group = 1.0;
            }
            if m == 100.0 {
                group *= m;
            } else {
                total += group * m;
                group = 0.0;
            }
            any = true;
        } else if matches!(w, "a" | "an") {
            if group == 0.0 {
                group = 1.0;
            }
        } else if w == "half" {
            group = 0.5;
            any = true;
        } else if w == "couple" {
            group = 2.0;
            any = true;
        } else if w == "few" {
            group = 3.0;
            any = true;
        } else if w == "several" {
            group = 5.0;
            any = true;
        } else if w == "tens" {
            group = 10.0;
            any = true;
        } else if w == "point" {
            fraction = Some(0.1);
        } else if !matches!(w, "and" | "of") {
            break;
        }
        j += 1;
    }
    any.then_some((total + group, j))
}

/// The value of a quantity (its tokens, first to last) in base units, and for rates and prices
/// the period they are per, in seconds.
///
/// Base units: seconds for [`QuantityKind::Time`], bytes for `Size`, dollars for `Money`, a
/// fraction for `Percent` ("30%" → 0.3, "3x" → 3, "100 to 1" → 100), a plain count otherwise. A
/// range ("10-20 ms") reads as its midpoint.
pub(crate) fn figure(toks: &[Tok<'_>], kind: QuantityKind) -> (Option<f64>, Option<f64>) {
    let Some((mut value, mut j)) = leading_number(toks) else {
        return (None, None);
    };
    // A ratio: "100 to 1" (reads to writes) is 100, as "100x" is.
    if kind == QuantityKind::Percent
        && toks.get(j).is_some_and(|t| t.low == "to")
        && let Some((one, k)) = leading_number(&toks[j + 1..])
        && (one - 1.0).abs() < f64::EPSILON
    {
        j += 1 + k;
    } else if toks
        .get(j)
        .is_some_and(|t| matches!(t.low, "-" | "–" | "to" | "or"))
        && let Some((upper, k)) = leading_number(&toks[j + 1..])
    {
        // A range: "10-20 ms", "2 to 3 seconds", "3 or 4 replicas".
        value = (value + upper) / 2.0;
        j += 1 + k;
    }
    let mut per = None;
    let mut scaled = false;
    let rest = &toks[j.min(toks.len())..];
    // The unit may be glued to the last number token ("150ms", "2TB").
    let glued = toks.get(j.saturating_sub(1)).map(|t| {
        let split = t
            .low
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(t.low.len());
        &t.low[split..]
    });
    if let Some(g) = glued.filter(|g| !g.is_empty())
        && let Some(s) = unit_scale(kind, g).or_else(|| {
            let first = g.chars().next()?.len_utf8();
            multiplier(&g[..first]).and(unit_scale(kind, &g[first..]))
        })
    {
        value *= s;
        scaled = true;
    }
    let mut k = 0;
    while k < rest.len() {
        let w = rest[k].low;
        if !scaled && let Some(s) = unit_scale(kind, w) {
            value *= s;
            scaled = true;
        } else if matches!(w, "qps" | "rps" | "tps" | "eps" | "mps") {
            per = Some(1.0);
        } else if matches!(w, "qpm" | "rpm") {
            per = Some(60.0);
        } else if kind == QuantityKind::Money
            && matches!(w, "per" | "a" | "an" | "/" | "every" | "each")
            && let Some(d) = rest.get(k + 1).and_then(|n| per_count(n.low))
        {
            // "$0.50 per million (tokens)" is a price per one: 5e-7 dollars.
            value /= d;
            k += 1;
        } else if matches!(w, "per" | "a" | "an" | "/" | "every" | "each")
            && let Some(p) = rest.get(k + 1).and_then(|n| period_seconds(n.low))
            && !(kind == QuantityKind::Time && per.is_none() && !scaled)
        {
            per = Some(p);
            k += 1;
        } else if matches!(kind, QuantityKind::Rate | QuantityKind::Money)
            && let Some(p) = matches!(w, "daily" | "hourly" | "weekly" | "monthly" | "nightly")
                .then(|| period_seconds(w))
                .flatten()
        {
            per = Some(p);
        }
        k += 1;
    }
    if !value.is_finite() {
        return (None, None);
    }
    (Some(value), per)
}
