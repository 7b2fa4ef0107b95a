//! Quantities: digits, multipliers, units, spelled numbers, and lookalikes that are not numbers.

use super::numbers;
use crate::analysis::QuantityKind::{self, *};

fn expect(text: &str, want: &[(&str, QuantityKind)]) {
    let got = numbers(text);
    let want: Vec<(String, QuantityKind)> = want.iter().map(|(t, k)| (t.to_string(), *k)).collect();
    assert_eq!(got, want, "{text:?}");
}

#[test]
fn digits_with_multipliers_and_units() {
    expect("We need to handle 20k QPS", &[("20k QPS", Rate)]);
    expect(
        "about 1.5M requests per second at peak",
        &[("1.5M requests per second", Rate)],
    );
    expect("100M DAU", &[("100M DAU", Population)]);
    expect(
        "p99 of 150 ms and 2s timeouts",
        &[("150 ms", Time), ("2s", Time)],
    );
    expect(
        "each item is about 2 KB, so 10 TB total",
        &[("2 KB", Size), ("10 TB", Size)],
    );
    expect("a 1.5TB index", &[("1.5TB", Size)]);
    expect(
        "It costs $0.03 per request",
        &[("$0.03 per request", Money)],
    );
    expect("the bill is $10k/month", &[("$10k/month", Money)]);
    expect("cache hit rate of 80%", &[("80%", Percent)]);
    expect(
        "we'd need 8 A100 GPUs and 3 redis nodes",
        &[("8 A100 GPUs", Hardware), ("3 redis nodes", Hardware)],
    );
    expect("run 4 read replicas", &[("4 read replicas", Hardware)]);
    expect("10,000 tenants", &[("10,000 tenants", Population)]);
    expect("500 writes/s", &[("500 writes/s", Rate)]);
    expect("keep logs for 30 days", &[("30 days", Time)]);
    expect("32 shards", &[("32 shards", Hardware)]);
    expect("1B events a day", &[("1B events a day", Rate)]);
    expect(
        "10 requests per user per day",
        &[("10 requests per user per day", Rate)],
    );
    expect(
        "3 cents per conversation",
        &[("3 cents per conversation", Money)],
    );
    expect("99.9% uptime", &[("99.9%", Percent)]);
    expect("100 Gbps of egress", &[("100 Gbps", Rate)]);
}

#[test]
fn spelled_numbers_from_speech() {
    expect(
        "um about ten thousand requests per second",
        &[("ten thousand requests per second", Rate)],
    );
    expect(
        "like two hundred milliseconds",
        &[("two hundred milliseconds", Time)],
    );
    expect("a hundred k users", &[("a hundred k users", Population)]);
    expect(
        "maybe a hundred million DAU",
        &[("a hundred million DAU", Population)],
    );
    expect("fifty percent of traffic", &[("fifty percent", Percent)]);
    expect("three nines", &[("three nines", Percent)]);
    expect(
        "one point five million users",
        &[("one point five million users", Population)],
    );
    expect(
        "tens of millions of users",
        &[("tens of millions of users", Population)],
    );
    expect("a billion a day", &[("a billion a day", Rate)]);
    expect(
        "two hundred and fifty GPUs",
        &[("two hundred and fifty GPUs", Hardware)],
    );
    expect("twenty-five servers", &[("twenty-five servers", Hardware)]);
}

#[test]
fn ranges_take_the_unit_of_their_end() {
    expect("10-20 ms", &[("10-20 ms", Time)]);
    expect("2 to 3 seconds", &[("2 to 3 seconds", Time)]);
    expect("3 or 4 replicas", &[("3 or 4 replicas", Hardware)]);
}

#[test]
fn model_names_versions_and_labels_are_not_numbers() {
    for text in [
        "We could use GPT-4 or GPT-4o",
        "Llama 3 is fine",
        "on H100 or A100 cards",
        "store blobs in S3",
        "an L4 load balancer",
        "p99 matters most",
        "p95 and p50",
        "use the 5 whys",
        "first, second, third",
        "the second approach",
        "it's up 24/7",
        "we launched in 2024",
        "HTTP/2 and OAuth 2.0",
        "version 2 of the API",
        "step 3 is the cache",
        "the 99th percentile",
        "5G phones",
        "one of the options",
        "give me one second",
        "that's a lot of users",
        "a couple of options",
        "two options here",
        "9:30 standup",
    ] {
        assert_eq!(numbers(text), vec![], "{text:?}");
    }
}

#[test]
fn list_markers_are_skipped_but_their_content_is_read() {
    expect(
        "1. Users: 10M DAU\n2. Latency: 200ms",
        &[("10M DAU", Population), ("200ms", Time)],
    );
    expect("Questions: 1) how many users? (2) what latency?", &[]);
}

#[test]
fn model_sizes_are_figures_not_populations() {
    let got = numbers("Llama 3 70B on 8 H100s");
    assert_eq!(
        got,
        vec![
            ("70B".to_string(), Other),
            ("8 H100s".to_string(), Hardware)
        ]
    );
}

#[test]
fn bare_figures_count_as_other() {
    expect("maybe 30k at peak", &[("30k", Other)]);
    expect("multiply by 86400", &[("86400", Other)]);
    expect("4k tokens of context", &[("4k tokens", Other)]);
    expect("hundreds of GPUs", &[("hundreds of GPUs", Hardware)]);
    expect("100s of users", &[("100s of users", Population)]);
}

#[test]
fn spoken_ratios_and_idioms() {
    expect("and maybe three x at peak", &[("three x", Percent)]);
    expect(
        "10M x 20 requests",
        &[("10M", Other), ("20 requests", Other)],
    );
    expect("one day we might shard", &[]);
    expect("within one hour", &[("one hour", Time)]);
    expect("twenty k QPS at peak", &[("twenty k QPS", Rate)]);
    expect(
        "a few thousand writes per second",
        &[("a few thousand writes per second", Rate)],
    );
    expect(
        "half a million users",
        &[("half a million users", Population)],
    );
    expect("$2.5M a year", &[("$2.5M a year", Money)]);
    expect("$3 per GPU hour", &[("$3 per GPU hour", Money)]);
    expect("on c5.4xlarge and m5.large boxes", &[]);
    expect(
        "fifty cents per million tokens",
        &[("fifty cents per million", Money)],
    );
    expect("a million-dollar question", &[]);
    expect("ok I have ten minutes left so let me cover monitoring", &[]);
}

#[test]
fn ratios_written_as_n_to_one() {
    expect(
        "read heavy, like 100 to 1 reads to writes",
        &[("100 to 1", Percent)],
    );
    expect("2 to 3 seconds", &[("2 to 3 seconds", Time)]);
}

#[test]
fn a_range_cut_short_at_the_end_does_not_panic() {
    for text in [
        "0-",
        "We need 0-",
        "it is 10-",
        "5 to",
        "3 or",
        "10⁶-",
        "2½-",
    ] {
        let _ = numbers(text);
    }
}

#[test]
fn a_rate_with_a_short_or_compound_noun_is_still_a_rate() {
    // Read as a bare count before: a two-letter modifier ("ad") or a noun before the counted noun
    // ("search queries") hid the time part, and a per-second load never reached the checks.
    expect(
        "We expect 500,000 ad requests a second at peak.",
        &[("500,000 ad requests a second", QuantityKind::Rate)],
    );
    expect(
        "about 3 million search queries a day",
        &[("3 million search queries a day", QuantityKind::Rate)],
    );
    expect(
        "it's 200 page views per second",
        &[("200 page views per second", QuantityKind::Rate)],
    );
}
