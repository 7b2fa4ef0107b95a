//! Word tables for reading quantities: spelled numbers, multipliers and units, each mapped to what
//! it measures. Kept apart from the parser so the lists can grow without touching its logic.
//!
//! Every word is lower case (the parser lower-cases tokens first). The tables are
//! `#[rustfmt::skip]` so each vocabulary stays a readable block instead of one word per line.

use super::QuantityKind;

/// The value of a spelled number word ("seven" → 7, "twenty-five" → 25), for the small words
/// that build spoken numbers. A `match` rather than a table scan: it runs on every token of
/// every sentence that holds a number.
#[rustfmt::skip]
pub(crate) fn spelled_value(w: &str) -> Option<u32> {
    Some(match w {
        "zero" => 0, "one" => 1, "two" => 2, "three" => 3, "four" => 4, "five" => 5, "six" => 6,
        "seven" => 7, "eight" => 8, "nine" => 9, "ten" => 10, "eleven" => 11, "twelve" => 12,
        "thirteen" => 13, "fourteen" => 14, "fifteen" => 15, "sixteen" => 16, "seventeen" => 17,
        "eighteen" => 18, "nineteen" => 19, "twenty" => 20, "thirty" => 30, "forty" => 40,
        "fifty" => 50, "sixty" => 60, "seventy" => 70, "eighty" => 80, "ninety" => 90,
        // Speech-to-text often hyphenates compounds: "twenty-five".
        _ => {
            let (tens, unit) = w.split_once('-')?;
            let (t, u) = (spelled_value(tens)?, spelled_value(unit)?);
            if t < 20 || t % 10 != 0 || !(1..=9).contains(&u) {
                return None;
            }
            t + u
        }
    })
}

/// Spoken magnitudes, singular or plural ("thousand", "millions").
#[rustfmt::skip]
pub(crate) fn is_magnitude_word(w: &str) -> bool {
    matches!(w,
        "hundred" | "hundreds" | "thousand" | "thousands" | "million" | "millions" | "billion"
        | "billions" | "trillion" | "trillions" | "dozen" | "dozens" | "grand")
}

/// A multiplier written as its own token after a number ("20 k", "1.5 million", "3 B"). Single
/// capital "M"/"B" count; lower-case "m"/"b" alone are too often metres or typos.
pub(crate) fn is_multiplier_token(raw: &str) -> bool {
    let w = raw.to_ascii_lowercase();
    is_magnitude_word(&w)
        || matches!(w.as_str(), "k" | "mm" | "bn" | "mil")
        || matches!(raw, "M" | "B")
}

/// A multiplier glued to digits ("12k", "1.5M", "7B", "2bn").
pub(crate) fn is_multiplier_suffix(s: &str) -> bool {
    matches!(s, "k" | "m" | "b" | "bn" | "mm" | "t")
}

/// A unit glued to digits or standing alone right after a number, with its kind.
#[rustfmt::skip]
pub(crate) fn unit_kind(w: &str) -> Option<QuantityKind> {
    use QuantityKind::*;
    Some(match w {
        "ms" | "msec" | "msecs" | "millisecond" | "milliseconds" | "millis" | "s" | "sec" | "secs"
        | "second" | "seconds" | "min" | "mins" | "minute" | "minutes" | "h" | "hr" | "hrs" | "hour"
        | "hours" | "day" | "days" | "week" | "weeks" | "month" | "months" | "year" | "years" | "yr"
        | "yrs" | "µs" | "microsecond" | "microseconds" | "ns" | "nanoseconds" => Time,
        "b" | "byte" | "bytes" | "kb" | "mb" | "gb" | "tb" | "pb" | "eb" | "kib" | "mib" | "gib"
        | "tib" | "pib" | "kilobyte" | "kilobytes" | "megabyte" | "megabytes" | "gigabyte"
        | "gigabytes" | "terabyte" | "terabytes" | "petabyte" | "petabytes" | "exabytes" | "gigs"
        | "megs" => Size,
        "qps" | "rps" | "tps" | "qpm" | "rpm" | "kbps" | "mbps" | "gbps" | "tbps" | "eps" | "mps" => Rate,
        "dollar" | "dollars" | "usd" | "bucks" | "cent" | "cents" | "eur" | "euros" => Money,
        "%" | "percent" | "pct" | "x" | "nines" | "fold" | "-fold" => Percent,
        _ => return None,
    })
}

/// Whether `w` names a unit of time that can follow "per" / "a" / "/" in a rate.
#[rustfmt::skip]
pub(crate) fn is_time_unit(w: &str) -> bool {
    matches!(w,
        "s" | "sec" | "second" | "minute" | "min" | "hour" | "hr" | "h" | "day" | "week" | "month"
        | "mo" | "year" | "yr" | "ms")
}

/// Things counted per unit of time: "20 queries a day" is a rate, "20 queries" a count. Matched
/// without a trailing "s", so "queries" is "querie".
#[rustfmt::skip]
pub(crate) fn is_rate_noun(w: &str) -> bool {
    matches!(w.trim_end_matches('s'),
        "request" | "req" | "querie" | "query" | "call" | "event" | "message" | "msg" | "write"
        | "read" | "transaction" | "txn" | "op" | "operation" | "token" | "searche" | "search"
        | "upload" | "download" | "click" | "lookup" | "prediction" | "inference" | "post" | "tweet"
        | "ride" | "order" | "job" | "image" | "video" | "photo" | "notification" | "email" | "push"
        | "pushe" | "update" | "view" | "impression" | "login" | "session" | "conversation" | "chat"
        | "prompt" | "completion" | "generation" | "document" | "doc" | "file" | "item" | "record"
        | "row" | "page" | "song" | "stream" | "trip" | "payment" | "booking" | "vote" | "comment"
        | "edit" | "visit" | "hit" | "pageview" | "check" | "scan" | "insert" | "log" | "batche"
        | "batch" | "task" | "frame" | "sample" | "vector" | "embedding" | "param" | "parameter"
        | "product" | "listing")
}

/// People and tenants a system serves.
#[rustfmt::skip]
pub(crate) fn is_population_noun(w: &str) -> bool {
    matches!(w,
        "user" | "users" | "dau" | "daus" | "mau" | "maus" | "wau" | "customers" | "customer"
        | "tenants" | "tenant" | "people" | "persons" | "subscribers" | "accounts" | "members"
        | "devices" | "merchants" | "drivers" | "riders" | "sellers" | "buyers" | "creators"
        | "employees" | "clients" | "viewers" | "players" | "readers" | "students" | "patients"
        | "advertisers" | "businesses" | "companies" | "organizations" | "orgs" | "developers"
        | "followers" | "visitors" | "shoppers" | "listeners" | "doctors" | "agents" | "seats"
        | "licenses" | "households" | "homes" | "cars" | "vehicles")
}

/// Words that sit between a number and a population noun ("10M daily active users").
#[rustfmt::skip]
pub(crate) fn is_population_modifier(w: &str) -> bool {
    matches!(w,
        "daily" | "monthly" | "weekly" | "active" | "concurrent" | "simultaneous" | "paying"
        | "registered" | "unique" | "total" | "new" | "enterprise" | "online" | "peak" | "logged-in"
        | "signed-in" | "end" | "internal" | "external" | "b2b" | "mobile")
}

/// Machines and accelerators, matched without a trailing "s".
#[rustfmt::skip]
pub(crate) fn is_hardware_noun(w: &str) -> bool {
    matches!(w.trim_end_matches('s'),
        "gpu" | "server" | "machine" | "node" | "replica" | "shard" | "instance" | "pod" | "host"
        | "box" | "boxe" | "core" | "cpu" | "vcpu" | "partition" | "broker" | "container" | "worker"
        | "cluster" | "rack" | "tpu" | "accelerator" | "h100" | "a100" | "h200" | "a10g" | "l40"
        | "card" | "vm")
}

/// Words that may stand between a number and a hardware noun ("8 A100 GPUs", "3 redis nodes").
#[rustfmt::skip]
pub(crate) fn is_hardware_modifier(w: &str) -> bool {
    is_hardware_noun(w)
        || matches!(w,
            "more" | "extra" | "additional" | "big" | "beefy" | "large" | "small" | "database" | "db"
            | "cache" | "redis" | "kafka" | "web" | "app" | "api" | "read" | "write" | "inference"
            | "serving" | "model" | "gpu" | "cpu" | "physical" | "virtual" | "spot" | "dedicated"
            | "worker" | "storage" | "compute" | "ec2" | "k8s")
}

/// Words just before a bare number that make it a label, not a quantity ("Llama 3",
/// "version 2", "step 1", and "p 99" as speech-to-text writes "p99").
#[rustfmt::skip]
pub(crate) fn is_label_before(w: &str) -> bool {
    matches!(w,
        "llama" | "gpt" | "claude" | "gemini" | "mistral" | "qwen" | "phi" | "version" | "v"
        | "python" | "java" | "ipv" | "http" | "html" | "css" | "tier" | "layer" | "level" | "stage"
        | "step" | "phase" | "option" | "chapter" | "section" | "question" | "part" | "type"
        | "round" | "number" | "no" | "#" | "slide" | "iphone" | "windows" | "ios" | "android"
        | "grade" | "item" | "figure" | "fig" | "approach" | "idea" | "point" | "page" | "line" | "p"
        | "series" | "gen" | "generation" | "category" | "class" | "model" | "plan" | "case"
        | "scenario" | "s" | "l" | "t" | "h" | "a" | "oauth" | "tls" | "ssl" | "ec" | "web")
}

/// Words just after a bare number that make it an idiom or a name ("5 whys", "2 pizza team",
/// "9 am", "5 g").
pub(crate) fn is_label_after(w: &str) -> bool {
    matches!(
        w,
        "whys" | "pizza" | "d" | "g" | "fa" | "star" | "stars" | "am" | "pm"
    )
}
