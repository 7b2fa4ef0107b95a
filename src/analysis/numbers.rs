//! Reads the quantities in one sentence: digits with multipliers and units ("12k QPS", "$0.03",
//! "1.5TB"), spelled numbers from speech ("two hundred milliseconds", "a hundred k") and ranges
//! ("10-20 ms"), each with its text exactly as written.
//!
//! Labels that look like numbers are skipped on purpose: model and version names ("GPT-4",
//! "Llama 3", "H100", "p99"), list markers, years, ordinals, "24/7" and idioms ("5 whys"), because
//! the critique counts numbers as evidence of quantitative thinking.

use super::figures::figure;
use super::tokens::{Tok, tokenize};
use super::units::{
    is_hardware_modifier, is_hardware_noun, is_label_after, is_label_before, is_magnitude_word,
    is_multiplier_suffix, is_multiplier_token, is_population_modifier, is_population_noun,
    is_rate_noun, is_time_unit, spelled_value, unit_kind,
};
use super::{Quantity, QuantityKind};

/// A number found at some tokens, before its unit is read.
struct Num {
    /// Token index where the quantity's text starts (a currency sign if there is one).
    first: usize,
    /// Last token of the number itself, multipliers included.
    last: usize,
    multiplied: bool,
    glued_unit: Option<QuantityKind>,
    currency: bool,
    spelled: bool,
    /// A plural count ("millions", "100s") whose unit may follow "of".
    plural: bool,
}

/// The quantities in `s`, in order; `lower` is `s` in ASCII lower case.
pub(crate) fn quantities(s: &str, lower: &str) -> Vec<Quantity> {
    let mut out = Vec::new();
    // Cheap reject: most sentences of design talk carry no number at all.
    if !s.bytes().any(|b| b.is_ascii_digit()) && !has_number_word(s) {
        return out;
    }
    let toks = tokenize(s, lower);
    let mut i = 0;
    while i < toks.len() {
        match read_quantity(&toks, i) {
            Some((kind, first, last)) => {
                let (value, per_seconds) = figure(&toks[first..=last], kind);
                out.push(Quantity {
                    text: s[toks[first].start..toks[last].end].to_string(),
                    kind,
                    value,
                    per_seconds,
                });
                i = last + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Whether `s` has a word that can start or make up a spelled number, checked without
/// allocating so that number-free sentences cost one pass.
fn has_number_word(s: &str) -> bool {
    s.split(|c: char| !(c.is_ascii_alphabetic() || c == '-'))
        .any(|w| {
            let mut buf = [0u8; 16];
            let Some(dst) = buf.get_mut(..w.len()) else {
                return false;
            };
            dst.copy_from_slice(w.as_bytes());
            dst.make_ascii_lowercase();
            let lower = std::str::from_utf8(dst).unwrap_or("");
            w.len() >= 3 && (spelled_value(lower).is_some() || is_magnitude_word(lower))
        })
}

/// Reads a quantity starting at token `i`: its kind and first and last token.
fn read_quantity(toks: &[Tok<'_>], i: usize) -> Option<(QuantityKind, usize, usize)> {
    let num = digit_number(toks, i).or_else(|| spelled_number(toks, i))?;
    let after = num.last + 1;
    let unit = match num.glued_unit {
        Some(k) => Some((k, num.last)),
        None => unit_at(toks, after, num.currency, num.plural),
    };
    let bare = unit.is_none() && !num.multiplied && !num.currency;
    if bare {
        // "100 to 1" (reads to writes) is a ratio.
        if toks.get(after).is_some_and(|t| t.low == "to")
            && toks
                .get(after + 1)
                .is_some_and(|t| matches!(t.low, "1" | "one"))
        {
            return Some((QuantityKind::Percent, num.first, after + 1));
        }
        // "10-20 ms", "2 to 3 seconds", "3 or 4 replicas": the range takes the second unit.
        if let Some(link) = toks.get(after)
            && matches!(link.low, "-" | "–" | "to" | "or")
            && let Some((kind, _, last)) = read_quantity(toks, after + 1)
            && kind != QuantityKind::Other
        {
            return Some((kind, num.first, last));
        }
        if num.spelled || is_label(toks, &num) {
            return None;
        }
    }
    // "I have ten minutes left" is about the interview clock, not the design.
    if let Some((QuantityKind::Time, u)) = unit
        && toks
            .get(u + 1)
            .is_some_and(|t| matches!(t.low, "left" | "remaining"))
    {
        return None;
    }
    // "Give me one second" and "one day we'll shard" are idioms, not durations.
    if num.spelled && num.first == num.last && toks[num.first].low == "one" {
        let prev = num.first.checked_sub(1).map(|p| toks[p].low);
        let idiom_unit =
            unit.is_some_and(|(_, u)| matches!(toks[u].low, "day" | "second" | "sec" | "minute"));
        if idiom_unit
            && (toks[after].low == "day"
                || matches!(prev, Some("me" | "just" | "wait" | "on" | "hold")))
        {
            return None;
        }
    }
    let (kind, last) = match unit {
        // "2 dollars an hour" keeps its period as "$2 an hour" does.
        Some((_, last)) if num.currency || matches!(unit, Some((QuantityKind::Money, _))) => (
            QuantityKind::Money,
            money_suffix(toks, last + 1).unwrap_or(last),
        ),
        Some((k, last)) => (k, last),
        None if num.currency => (
            QuantityKind::Money,
            money_suffix(toks, after).unwrap_or(num.last),
        ),
        None => (QuantityKind::Other, num.last),
    };
    Some((kind, num.first, last))
}

/// A number written with digits at token `i`, with a glued or following multiplier.
fn digit_number(toks: &[Tok<'_>], i: usize) -> Option<Num> {
    // A range cut short ("we need 0-") asks for the token after the last.
    let t = *toks.get(i)?;
    if !t.low.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let split = t
        .low
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(t.low.len());
    let suffix = &t.low[split..];
    let next = toks.get(i + 1).map_or("", |n| n.low);
    let mut plural = false;
    let (mut multiplied, glued_unit) = match suffix {
        "" => (false, None),
        // "100s of users" is hundreds, not seconds.
        "s" if next == "of" => {
            plural = true;
            (true, None)
        }
        "st" | "nd" | "rd" | "th" => return None,
        // "10⁶", "1e6", "2½": a power of ten or a fraction glued to the digits.
        s if super::figures::glued_factor(s).is_some() => (true, None),
        // A glued "b" is billions ("7B"), never bytes.
        "b" => (true, None),
        s if unit_kind(s).is_some() => (false, unit_kind(s)),
        s if is_multiplier_suffix(s) => (true, None),
        s => {
            // Split after the first character, not the first byte: "10⁶" or "4ｘ" glue a
            // multi-byte character to the digits.
            let first = s.chars().next().map_or(0, char::len_utf8);
            let (m, rest) = s.split_at(first);
            match unit_kind(rest) {
                Some(k) if is_multiplier_suffix(m) => (true, Some(k)),
                _ => return None,
            }
        }
    };
    let mut last = i;
    if glued_unit.is_none() {
        while toks
            .get(last + 1)
            .is_some_and(|n| n.word && is_multiplier_token(n.raw))
        {
            multiplied = true;
            last += 1;
        }
    }
    let currency = i > 0 && matches!(toks[i - 1].raw, "$" | "€" | "£");
    Some(Num {
        first: if currency { i - 1 } else { i },
        last,
        multiplied,
        glued_unit,
        currency,
        spelled: false,
        plural,
    })
}

/// A spelled number at token `i` ("two hundred", "a hundred k", "tens of millions", "one point
/// five million"). Connectors ("a", "and", "of", "point") only count between number words.
fn spelled_number(toks: &[Tok<'_>], i: usize) -> Option<Num> {
    let w = |k: usize| toks.get(k).map_or("", |t| t.low);
    let mut k = i;
    let mut last_good = None;
    let mut multiplied = false;
    while k < toks.len() {
        let x = w(k);
        let prev_mag = last_good.is_some_and(|g: usize| is_magnitude_word(w(g)) || w(g) == "k");
        if spelled_value(x).is_some() {
            last_good = Some(k);
        } else if is_magnitude_word(x) || (x == "k" && last_good.is_some()) {
            multiplied = true;
            last_good = Some(k);
        } else if (matches!(x, "a" | "an") && (k == i || w(k - 1) == "half"))
            || (k == i && matches!(x, "half" | "couple" | "few" | "several" | "tens"))
            || (matches!(x, "couple" | "few") && k > i && matches!(w(k - 1), "a" | "an"))
            || (x == "of"
                && k > i
                && matches!(w(k - 1), "couple" | "tens" | "hundreds" | "dozens")
                && is_magnitude_word(w(k + 1)))
            || (x == "and" && prev_mag && spelled_value(w(k + 1)).is_some())
            || (x == "point" && last_good == Some(k - 1) && spelled_value(w(k + 1)).is_some())
        {
            // A connector: keep reading, but it cannot end the number.
        } else {
            break;
        }
        k += 1;
    }
    let last = last_good?;
    // "a"/"couple" with no number word after them is not a number ("a lot", "a couple of"), and
    // a lone singular magnitude is a unit of pricing ("per million tokens"), not an amount.
    let span = &toks[i..=last];
    let valued = span.iter().any(|t| spelled_value(t.low).is_some());
    let magnitude = span.iter().any(|t| is_magnitude_word(t.low));
    let lone_singular = !valued && span.len() == 1 && !span[0].low.ends_with('s');
    if !(valued || magnitude) || lone_singular {
        return None;
    }
    Some(Num {
        first: i,
        last,
        multiplied,
        glued_unit: None,
        currency: false,
        spelled: !multiplied,
        plural: is_magnitude_word(toks[last].low) && toks[last].low.ends_with('s'),
    })
}

/// Whether a bare number (no unit, no multiplier) is a label rather than a quantity.
fn is_label(toks: &[Tok<'_>], num: &Num) -> bool {
    let i = num.first;
    let t = toks[i];
    let prev = i.checked_sub(1).map(|p| toks[p]);
    let next = toks.get(i + 1);
    let adjacent = |a: &Tok<'_>, b: &Tok<'_>| a.end == b.start;
    // A year such as "2024", unless it has a unit (then "2000 QPS" is a figure).
    let year = t.low.len() == 4
        && t.low
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2099).contains(&y));
    // "1." or "2)" opening a line, and "(3)" or ": 1)" numbering items inside one.
    let closes = |raw: &str| next.is_some_and(|n| n.raw == raw && adjacent(&t, n));
    let marker =
        (i == 0 && (closes(".") || closes(")"))) || (closes(")") && prev.is_some_and(|p| !p.word));
    // "24/7", "9:30", "1:1", "HTTP/2": glued to another word by '/' or ':'.
    let sep = |s: &Tok<'_>| matches!(s.raw, "/" | ":");
    let glued_before = i >= 2
        && prev.is_some_and(|p| sep(&p) && adjacent(&p, &t))
        && toks[i - 2].word
        && adjacent(&toks[i - 2], &toks[i - 1]);
    let glued_after = next.is_some_and(|n| sep(n) && adjacent(&t, n))
        && toks.get(i + 2).is_some_and(|o| {
            o.word && o.low.starts_with(|c: char| c.is_ascii_digit()) && adjacent(&toks[i + 1], o)
        });
    year || marker
        || glued_before
        || glued_after
        || prev.is_some_and(|p| is_label_before(p.low))
        || next.is_some_and(|n| is_label_after(n.low))
}

/// Reads a unit starting at token `j`: its kind and last token.
fn unit_at(
    toks: &[Tok<'_>],
    j: usize,
    currency: bool,
    of_allowed: bool,
) -> Option<(QuantityKind, usize)> {
    let w = |k: usize| toks.get(k).map_or("", |t| t.low);
    let first = toks.get(j)?;
    if first.raw == "%" {
        return Some((QuantityKind::Percent, j));
    }
    if w(j) == "per" && w(j + 1) == "cent" {
        return Some((QuantityKind::Percent, j + 1));
    }
    // A lone "x" before another number is multiplication ("10M x 20"); otherwise it is a ratio
    // as speech-to-text writes it ("three x at peak").
    if w(j) == "x" {
        let next = toks.get(j + 1);
        let operand = next.is_some_and(|n| {
            n.low.starts_with(|c: char| c.is_ascii_digit()) || spelled_value(n.low).is_some()
        });
        return (!operand).then_some((QuantityKind::Percent, j));
    }
    if first.word
        && let Some(kind) = unit_kind(w(j))
    {
        return Some((kind, j));
    }
    if let Some(end) = rate_suffix(toks, j) {
        return Some((
            if currency {
                QuantityKind::Money
            } else {
                QuantityKind::Rate
            },
            end,
        ));
    }
    let mut k = if of_allowed && w(j) == "of" { j + 1 } else { j };
    for _ in 0..3 {
        let x = w(k);
        let next_is_hw = is_hardware_noun(w(k + 1));
        if is_population_noun(x) {
            return Some((QuantityKind::Population, k));
        }
        if is_hardware_noun(x) && !is_hardware_noun(w(k + 1)) {
            return Some((QuantityKind::Hardware, k));
        }
        if is_rate_noun(x) && !(next_is_hw && is_hardware_modifier(x)) && x != "like" {
            // A compound noun: "search queries a day", "inference requests per second".
            if rate_suffix(toks, k + 1).is_none() && is_rate_noun(w(k + 1)) {
                k += 1;
                continue;
            }
            return Some(match rate_suffix(toks, k + 1) {
                Some(end) => (QuantityKind::Rate, end),
                None if matches!(
                    w(k + 1),
                    "daily" | "hourly" | "weekly" | "monthly" | "nightly"
                ) =>
                {
                    (QuantityKind::Rate, k + 1)
                }
                None => (QuantityKind::Other, k),
            });
        }
        if is_population_modifier(x) || is_hardware_modifier(x) {
            k += 1;
            continue;
        }
        // One describing word before the noun: "6,000 copilot requests", "300 model calls".
        let next = w(k + 1);
        if k == j
            && x.bytes().all(|b| b.is_ascii_lowercase())
            // Two-letter modifiers are domain words ("500k ad requests", "40 ML jobs").
            && (x.len() > 2 || matches!(x, "ad" | "ml" | "ai" | "db" | "io" | "ui"))
            && (is_rate_noun(next) || is_population_noun(next) || is_hardware_noun(next))
            && !matches!(
                x,
                "of" | "the" | "and" | "or" | "per" | "more" | "than" | "to" | "in"
            )
        {
            k += 1;
            continue;
        }
        break;
    }
    None
}

/// "per second", "a day", "/s", "per user per day", "each day": the end token of a rate's time
/// part starting at `k`, if there is one.
fn rate_suffix(toks: &[Tok<'_>], k: usize) -> Option<usize> {
    let w = |k: usize| toks.get(k).map_or("", |t| t.low);
    let mut k = k;
    // "per user" / "each" before the time part: "10 requests per user per day".
    if matches!(w(k), "per" | "a" | "an" | "every")
        && matches!(
            w(k + 1),
            "user" | "person" | "customer" | "dau" | "device" | "tenant" | "member" | "account"
        )
        && matches!(w(k + 2), "per" | "a" | "an" | "every" | "each" | "/")
    {
        k += 2;
    }
    if w(k) == "per-second" || w(k) == "per-day" {
        return Some(k);
    }
    if matches!(w(k), "per" | "a" | "an" | "every" | "each" | "/") && is_time_unit(w(k + 1)) {
        return Some(k + 1);
    }
    None
}

/// "per request", "a month", "/month", "per GPU hour" after a money amount.
fn money_suffix(toks: &[Tok<'_>], k: usize) -> Option<usize> {
    let w = |k: usize| toks.get(k).map_or("", |t| t.low);
    if !matches!(w(k), "per" | "a" | "an" | "/" | "each") {
        return None;
    }
    let x = w(k + 1);
    if x == "gpu" && matches!(w(k + 2), "hour" | "hr") {
        return Some(k + 2);
    }
    (is_time_unit(x)
        || is_rate_noun(x)
        || is_population_noun(x)
        || matches!(x, "1k" | "1m" | "million" | "thousand"))
    .then_some(k + 1)
}
