//! Whether a sentence's cost words are about money.
//!
//! "Cost", "expensive", "cheap", "pay" and "spend" are as often about time, effort or harm as
//! about money: "it costs us a round trip", "the cost of a miss is one database read", "expensive
//! in time", "we pay for it with latency", "the price of getting this wrong". Such uses are
//! blanked out before the money words are read again; what is left decides. A sentence that also
//! names money outright ("$", "bill", "per token") keeps its cost.

use std::sync::LazyLock;

use regex::Regex;

use super::effects::{self, Quality};
use super::lexicon::COST;
use super::matcher::compile;

/// What a cost word can be measured in other than money.
const MEASURE: &str = r"(?:(?:(?:one|two|three|four|five|ten|a couple of|a few|several|half an?) )?(?:ms|milliseconds?|seconds?|minutes?|hours?|days?|weeks?)\b|wall[- ]?clock|complexity|(?:engineering|dev|developer|human) (?:time|effort)|effort|on-?call|\d+(?:\.\d+)? ?(?:ms|msecs?|milliseconds?|s|secs?|seconds?|minutes?|mins?|hours?|days?|bytes?|kb|mb|gb|tb|x)\b|(?:network )?round[- ]?trips?|(?:network )?hops?|network calls?|latency|milliseconds|seconds|minutes|hours|days|(?:request |wall[- ]clock |extra |more )?time|(?:database |db |disk |extra |more )?(?:reads?|writes?|lookups?|seeks?|queries)|iops|bytes|cpu cycles|accuracy|recall|precision|trust|freshness|staleness|consistency)";

/// Uses of a cost word that are not about money.
static NOT_MONEY: LazyLock<Regex> = LazyLock::new(|| {
    compile(&[
        // "costs us a round trip", "costs about 12 ms", "we pay 5 ms more", "spend 30 ms".
        format!(r"\b(?:costs?|costing|pays?|paying|spends?|spending|saves?|saving|savings? in)\b (?:(?:us|you|it|them|about|roughly|around|approximately|like|maybe|only|just|an?|one|another|extra|additional|some|a few|few|a bit of|a little|at least|up to|most of|much of|all of|half of|the|our|\d+(?:\.\d+)?|more|less),? )*{MEASURE}"),
        // "the main cost here is complexity", "the cost of retraining is mostly the two days".
        format!(r"\b(?:cost|price)s? (?:of [^,.;]{{1,40}}? )?(?:here |we pay |you pay )?(?:is|are|would be|will be|being)(?: mostly| mainly| just| really| basically)? (?:(?:the|an?|one|extra|some|more|added|additional)\s)*(?:\w+ ){{0,2}}?{MEASURE}"),
        format!(r"\b(?:cost|price) (?:we|you) pay (?:for [^,.;]{{1,40}})?[,:—-]? ?(?:(?:the|an?|one|extra|some|more)\s)*(?:\w+ ){{0,2}}?{MEASURE}"),
        format!(r"\b{MEASURE} (?:is|are|would be) (?:the |our )?(?:main |real |big |biggest |only |hidden )?(?:cost|price)\b"),
        // "we can't afford to lose messages", "afford downtime".
        r"\bafford (?:to (?:lose|drop|miss|be|go|wait|block|get|have|let|show|serve|break|fail|ignore|skip|double)|(?:\w+ ){0,2}(?:downtime|outages?|data loss|errors?|mistakes?|latency|delays?|staleness|inconsisten\w+|duplicates?|double[- ]\w+))\b".to_string(),
        // A price as a field of the product, not a cost of the design.
        r"\b(?:by|on|has an?|have an?|stores?|with (?:a|the|its|their)|the item's|the product's|product|item|listing|its|their) prices?\b|\bprices? (?:range|field|column|filter|history|alerts?|drops?|changes?|updates?|and (?:category|title|stock|availability|description|name))\b".to_string(),
        r"\b(?:retry|crawl|rate[- ]limit|attempt|hop|recursion|depth|step|iteration|search|query|call) budgets?\b".to_string(),
        // "we pay for that with extra latency", "we pay a latency penalty".
        format!(r"\b(?:pay|pays|paying) (?:for (?:it|that|this) )?(?:with|in) (?:(?:a|an|some|extra|more|bit of|little|slightly|higher|the)\s)*{MEASURE}"),
        r"\b(?:pay|pays|paying) (?:a |the |an? extra )?(?:latency|time|freshness|accuracy|consistency|memory) (?:penalty|price|tax|hit|cost)".to_string(),
        // "expensive in time", "costly in terms of IOPS".
        format!(r"\b(?:expensive|costly|cheap|cheaper|pricey) (?:in terms of|in|on|for) (?:(?:the|our|wall[- ]clock|extra)\s)*{MEASURE}"),
        // "the latency cost", "the opportunity cost".
        r"\b(?:latency|time|performance|accuracy|quality|cognitive|opportunity|complexity|ux|user|trust|freshness|consistency|switching|context|token|compute[- ]time|network|io|i/o|disk|write|read) (?:costs?|price|penalty)\b".to_string(),
        // "the cost of a cache miss is ...", "the price of getting this wrong".
        r"\b(?:the|a|that|this) (?:real |main |big |hidden )?(?:cost|price) of (?:a |an |the |one |each |every )?(?:cache )?(?:miss(?:es)?|mistakes?|errors?|failures?|(?:being|getting (?:it|this|that|them)?) ?wrong|false (?:positives?|negatives?)|downtime|an outage|outages|a bug|bugs|delay|latency|staleness)\b".to_string(),
        // "false positives are costly", "mistakes are expensive": harm, not spend.
        r"\b(?:false (?:positives?|negatives?|declines?|alarms?)|mistakes?|errors?|misses|wrong answers?|outages?|downtime|bugs?|failures?) (?:are|is|get|gets|would be|can be|will be) (?:really |very |super |pretty |extremely )?(?:costly|expensive)\b".to_string(),
        // Ranking by cost and other cost-as-score uses, and time spent.
        r"\b(?:cheap|cheaper|expensive|costly) (?:to (?:compute|calculate|evaluate|check|run|score|read|look up|lookup))\b".to_string(),
        r"\bcheap (?:checks?|lookups?|features?|operations?|ops|filters?|heuristics?|first[- ]stage|pass)\b".to_string(),
        r"\b(?:expensive|costly) (?:joins?|queries|query|scans?|lookups?|operations?|ops|features?|calls?|steps?|parts?|fan-?outs?|computations?|re-?ranking|recomputes?)\b".to_string(),
        r"\b(?:pay|paying|pays) (?:close )?attention\b".to_string(),
        r"\b(?:times|x) (?:the |as much |more )?compute\b".to_string(),
        r"\bspend(?:s|ing)? (?:\w+ ){0,4}(?:time|effort|cycles|minutes|a minute|a moment|a bit)\b".to_string(),
        r"\b(?:context|context[- ]window|prompt|token|memory|latency|error|time|power|battery|compute[- ]time|complexity) budgets?\b".to_string(),
    ]
    .join("|"))
});

/// Money said outright: with one of these the sentence is about money whatever else it says.
static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"[$€£]\s?\d|\b(?:dollars?|bucks|cents?|grand|usd|euros?|bills?|billing|billed|invoices?|pricier|costlier|markup|opex|capex|tco|monthly spend|cloud (?:cost|spend|bill)|(?:gpu|aws|gcp|azure|cloud|vendor|api|infra|inference|compute|hardware|server|egress|storage) (?:costs?|spend|bill|budget|pricing)|per[- ](?:token|seat|call|request|query|conversation|user|month|gpu[- ]hour|hour) (?:cost|price|pricing)|(?:cost|price|pricing|pay|paying|charged?) per[- ](?:token|seat|call|request|query|conversation|user|month|hour|gpu)|\d+(?:\.\d+)? ?k (?:a|per) (?:month|year))\b",
    )
});

/// Whether canonical sentence `s`, where a cost word was heard, is about money.
pub(crate) fn is_money(s: &str) -> bool {
    if !NOT_MONEY.is_match(s) || MONEY.is_match(s) {
        return true;
    }
    let mut blanked = s.to_string();
    for m in NOT_MONEY.find_iter(s) {
        blanked.replace_range(m.range(), &" ".repeat(m.len()));
    }
    COST.is_match(&blanked)
        || effects::effects(&blanked)
            .iter()
            .any(|e| e.quality == Quality::Cost)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(s: &str) -> bool {
        is_money(&s.to_ascii_lowercase())
    }

    #[test]
    fn time_memory_and_harm_are_not_money() {
        for s in [
            "it costs us an extra round trip to the cache",
            "the cost of a cache miss is one extra database read, around 5 ms",
            "we pay for that with a bit of extra latency on writes",
            "the price of being wrong here is a user sees a stale balance",
            "false positives are costly because real customers get blocked",
            "re-embedding everything is pretty expensive in time",
        ] {
            assert!(!money(s), "{s}");
        }
    }

    #[test]
    fn money_said_outright_stays_money() {
        for s in [
            "the hosted API is pricier but costs us a round trip",
            "it costs $3 an hour and a round trip",
            "memory in the online store is expensive",
            "this is about 4k a month for the cluster",
        ] {
            assert!(money(s), "{s}");
        }
    }
}
