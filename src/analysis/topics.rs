//! The requirement topics a question asks about, by keyword.
//!
//! Each topic has a strong list that always counts and, for users, a weak list ("users",
//! "customers") that is skipped in self-directed design questions: "what happens when users
//! upload a video?" is not asking who the users are. Lists are `#[rustfmt::skip]` so each reads
//! as one vocabulary.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use super::matcher::{Rule, compile, set, words};
use super::questions::OPENERS;
use crate::question::Topic;

/// One topic's keyword list; `weak` lists only count outside self-directed design questions.
struct TopicRule {
    topic: Topic,
    weak: bool,
    rule: Rule,
}

/// Every topic's lists, strong and weak.
#[rustfmt::skip]
static TOPICS: LazyLock<Vec<TopicRule>> = LazyLock::new(|| {
    use Topic::*;
    let strong = |topic, rule| TopicRule { topic, weak: false, rule };
    let r = |list: &[&str]| Rule::new(&[&words(list)]);
    vec![
        strong(Users, r(&[
            "dau", "mau", "daus", "maus", "tenants?", "audience", "user ?base", "customer base",
            "how many (?:[a-z]+ ){0,2}(?:people|users|customers|subscribers|accounts|members|tenants|drivers|riders|merchants|sellers|creators|employees|devices)",
            "who (?:uses|will use|is using|are the (?:users|customers)|is the (?:user|customer|audience))",
            "who's (?:using|the (?:user|customer))", "daily active", "monthly active", "active users",
            "number of (?:users|customers|people)", "internal or external", "b2b", "b2c",
            "consumers? or (?:business|enterprise)", "(?:what|which) (?:kind|type|sort)s? of (?:users|customers)",
        ])),
        // "Users" alone is in half of all questions; only asking who or how many counts.
        strong(Users, r(&[
            "(?:how many|how much|number of|count of|how big is the) (?:[a-z]+ ){0,2}(?:users?|people|customers?|accounts|members|tenants|teams|companies|orgs|organi[sz]ations|merchants|drivers|riders|sellers|creators|employees|devices|students|players|agents)",
            "are (?:the |our |these |they )?(?:users|customers|people) (?:mostly |all |going to be )?(?:internal|external|enterprise|businesses|consumers|developers|employees|paying|free|kids|professionals|analysts|engineers|b2b|b2c|individuals|teams)",
            "(?:users|customers) (?:are|is) (?:who|internal|external)", "user (?:count|base)", "users count",
            "who (?:are|is|will be) (?:the|our) (?:main |primary |target )?(?:users?|customers?|audience)",
            "what (?:kind|type|sort)s? of (?:users?|customers?|people)", "who (?:is|are) (?:it|this) for",
            "how (?:many|much) (?:of them|people)", "(?:users|customers|people|tenants|accounts|subscribers)\\b[^.?!]{0,20}\\bhow (?:many|much)",
        ])),
        strong(Freshness, Rule::with_skips(&[&words(&[
            "fresh(?:ness)?", "how fresh", "stale(?:ness)?", "up[- ]to[- ]date", "how (?:often|quickly|soon|fast) (?:do|does|is|are|should|must|will) (?:[a-z-]+ ){0,4}(?:change|changes|update|updated|updates|refresh|refreshed|retrain|retrained|re-?embed|re-?index|reflect|show up|propagate|sync)",
            "how often (?:do|does|should|must) (?:we|it|they|the model) (?:retrain|refresh|update|re-?embed|re-?index|rebuild)",
            "(?:real[- ]time|realtime|live) or (?:batch|daily|delayed|hourly|nightly|near[- ]real[- ]time)",
            "(?:batch|daily|nightly|hourly) or (?:real[- ]time|realtime|live|streaming)",
            "(?:within|in) (?:minutes|seconds|an hour|a day) (?:or|of)", "how (?:old|recent|current)", "(?:delay|lag) of",
            "(?:reflect|show up|propagate|visible)[^.?!]{0,40}(?:how (?:fast|quickly|soon)|within)", "how long (?:until|before|till) (?:[a-z]+ ){0,3}(?:shows? up|reflects?|is visible|propagates?|updates?)",
            "(?:daily|nightly|weekly|hourly) (?:refresh|update|run|batch) (?:ok|okay|enough|fine)", "(?:strong|eventual)(?:ly)? consisten\\w*",
            "how long (?:time )?(?:do )?we have for (?:that|the re-?embed|re-?index)",
            "how often (?:[a-z-]+ ){0,5}(?:re-?[a-z]+|refresh(?:ed)?|updated?|rebuil[a-z]+|sync(?:ed)?|recomput[a-z]+)",
            "(?:reflect|show up|appear|visible|propagate|updated?)[^.?!]{0,40}(?:right away|immediately|instantly|at once|quickly)",
        ])], &[&words(&["fresh (?:graduates?|start|eyes)"])])),
        // "Should I put a load balancer in front?" is not about load.
        strong(Scale, Rule::with_skips(&[&words(&[
            "qps", "rps", "tps", "q ?p ?s", "requests? (?:per|a|/) ?(?:second|sec|s|minute|day)",
            "queries per second", "throughput", "traffic", "peak", "concurren[a-z]*", "load", "volume",
            "how many (?:requests|queries|calls|writes|reads|events|messages|uploads|searches|orders|rides|transactions)",
            "growth", "grow(?:ing|s)?", "scale", "read[- ]heavy", "write[- ]heavy", "read/write",
            "read[- ]to[- ]write", "ratio of reads", "spik(?:e|es|y)", "bursty", "request rate", "per day", "a day",
            "how many (?:new )?[a-z]+ (?:a|per) (?:day|second|minute|hour|month)", "how much requests", "redirects",
        ])], &[&words(&["load[- ]balanc[a-z]*"])])),
        strong(Latency, r(&[
            "latenc[a-z]*", "p50", "p90", "p95", "p99", "p999", "response times?", "how fast", "how quickly",
            "real[- ]time", "milliseconds", "ms", "ttft", "(?:time to )?first token", "slos?", "delay", "waits? (?:before|for)", "tolerate",
            "within (?:a|one|two|five|ten|\\d+) (?:minutes?|seconds?)", "milliseconds? (?:do we get|per)",
            "sla on (?:time|latency|response)", "interactive", "synchronous", "async(?:hronous)?",
            "how long (?:can|should|does|will) (?:it|a request|the user|users)", "speed", "snappy",
        ])),
        // A "latency budget" is a latency question, not a money one.
        strong(Budget, Rule::with_skips(&[
            &words(&[
                "budgets?", "costs?", "spend(?:ing)?", "money", "prices?", "pricing", "dollars?",
                "cost target", "cheap(?:er)?", "expensive", "afford", "financial", "gpu hours",
            ]),
            r"\$",
        ], &[&words(&["(?:latency|error|time|token|context|memory|compute time) budgets?"])])),
        strong(Data, r(&[
            "data size", "how much data", "storage", "(?:do|should|can) we (?:store|keep)", "records", "documents?", "docs",
            "corpus", "retention", "retain", "training data", "labels?", "delete (?:them|it|after)",
            "labell?ed", "how big", "datasets?", "data sets?", "data volume", "data sources?", "what data",
            "how many (?:items|products|videos|images|files|documents|records|rows|posts|songs|photos|listings|urls|pages|messages|tweets)",
            "size of the (?:data|catalog|index|corpus)", "catalog", "(?:do we have|is there|how much|years of|months of|any) (?:[a-z]+ ){0,2}history",
            "how many keys", "value sizes?", "how much (?:total )?memory",
            "how long (?:do|should) we keep", "keep (?:the )?data", "schema", "unstructured",
            "structured data", "ground truth",
        ])),
        strong(Regions, Rule::with_skips(&[&words(&[
            "regions?", "regional", "global(?:ly)?", "geograph[a-z]*", "countr(?:y|ies)", "multi-region",
            "edge", "where are (?:the |our |most )?(?:users|customers)", "located", "locations?",
            "international", "worldwide", "continents?", "data cent(?:er|re)s?", "on-?prem(?:ise|ises)?",
            "latam", "emea", "apac", "europe", "european", "asia", "north america", "time ?zones?", "cross-region", "markets?",
        ])], &[&words(&["edge cases?"])])),
        strong(Compliance, r(&[
            "gdpr", "hipaa", "complian[a-z]*", "regulat[a-z]*", "privacy", "pii", "residency", "soc ?2",
            "soc", "sox", "pci(?:-dss)?", "ccpa", "legal", "audit(?:s|ing|ability)?", "sovereignty",
            "consent", "coppa", "fedramp", "right to be forgotten", "data protection", "ferpa",
            "contractual(?:ly)?", "off limits", "allowed to (?:use|train|store|keep)", "(?:health|medical|financial) (?:records|data)",
        ])),
        strong(Availability, r(&[
            "availability", "highly available", "how available", "uptime", "nines", "durab[a-z]*",
            "downtime", "slas?", "slos?", "failover", "fail over", "disaster recovery", "dr", "rpo", "rto",
            "redundan[a-z]*", "fault[- ]toleran[a-z]*", "(?:can|could) we (?:lose|drop)", "data loss",
            "lose data", "go(?:es)? down", "outages?", "resilien[a-z]*", "(?:is|are) (?:down|unavailable|unreachable)",
            "degraded", "keep working (?:without|if|when|offline)", "offline", "zero loss", "lose (?:a|any) ",
        ])),
        strong(Scope, Rule::with_skips(&[&words(&[
            "features?", "in scope", "out of scope", "scope", "mvp", "use cases?", "functional requirements",
            "what should (?:it|the system|the service|the product|we) (?:do|support|cover)",
            "which platforms?", "platforms?", "mobile", "web app", "ios", "android",
            "(?:should|does|do|will) (?:it|we|the system|the app|the service|users) (?:need to )?support",
            "v1", "first version", "core (?:flows?|features?)", "user stories", "focus on", "prioriti[sz]e",
            "what (?:does|do) (?:it|the product|users) need to do",
            "should (?:i|we) (?:include|cover|handle|design for)",
            "do (?:i|we) need to (?:handle|build|cover|design|support|block)",
            "(?:should|does|do|can|will) (?:the )?(?:bot|system|app|service|product|copilot|assistant|model|users?) (?:also )?(?:handle|support|do|cover|answer|block|allow|let|get to|have to)",
            "(?:mobile|web|ios|android|desktop) (?:only|too|as well)", "(?:per|by) (?:api key|user|ip|tenant|account)[^.?!]{0,30}\\bor\\b",
            "(?:languages?|multilingual|english only|locales?)", "expected behaviou?r", "both in scope",
            "custom aliases?", "which (?:features|flows|surfaces)",
            "log(?:s)? in", "login", "sign[- ]?(?:in|on|up)", "sso", "part of (?:this|the (?:design|scope|mvp|v1|system))",
            "should (?:i|we) also (?:include|cover|handle|design for|support|build)",
        ])], &[&words(&["non-functional requirements"])])),
        strong(Quality, r(&[
            "accura[a-z]*", "precision", "recall", "quality", "error rates?", "false positives?",
            "false negatives?", "hallucinat[a-z]*", "acceptable (?:mistakes?|errors?|error rate)", "mistakes?",
            "metrics? for success", "success metrics?", "how (?:good|accurate|correct|reliable)", "f1", "auc",
            "good enough", "wrong answers?", "(?:measure|define) success", "north star", "kpis?", "ndcg",
            "relevance", "baseline", "bar for", "(?:what|which) metrics?", "acceptable rate", "correct citations?",
            "how (?:do|will|would) we (?:know|measure|judge) (?:it|if|whether)",
        ])),
        strong(Hardware, r(&[
            "gpus?", "hardware", "devices?", "on-?device", "phones?", "memory on (?:the )?device",
            "accelerators?", "tpus?", "cpus?", "h100s?", "a100s?", "how much compute",
            "compute (?:do we have|available|budget|constraints?)", "ram", "vram", "chips?",
            "machines? (?:do we have|available)", "instances? available",
            "memory (?:constraints?|limits?|budget)", "laptops?", "embedded", "iot", "npu",
            "compute (?:is )?(?:in|on) the", "tops", "(?:own|our) data cent(?:er|re)s", "public cloud", "on-?prem(?:ise|ises)?",
            "on the (?:speaker|device|phone|car|edge)", "versus (?:needing )?the cloud", "cloud or (?:on|the)",
        ])),
    ]
});

/// All topic lists in one set, so a question is scanned once.
static TOPIC_SET: LazyLock<RegexSet> = LazyLock::new(|| set(TOPICS.iter().map(|t| &t.rule)));

/// Questions that ask what the system must do.
static SCOPE_FALLBACK: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"^[\s'(*•-]*(?:{OPENERS}\b[\s,.:;—–-]*)*(?:[a-z' ]{{0,40}}?\b)?(?:do we (?:need|have) to|do (?:we|you) (?:support|offer)\b|do we (?:need|want) [a-z' -]{{1,30}}\bsupport\b|does (?:it|the system|the \w+) (?:need|have) to|should (?:it|we|there|the \w+|users?) (?:be|support|allow|let|handle|show|have|also)|is (?:it|that|this) (?:going to be|gonna be|just|only|supposed to)|are (?:we|they|these) (?:going to|gonna|supporting|building|handling|allowing|assuming)|can (?:we|i) assume|will (?:users?|it|we|the \w+) (?:be able|need|have|get|see)|is that the only|what (?:are|is) the (?:functional|main|core|key) (?:requirements?|features?|use cases?)|(?:is|are) [a-z ]{{1,30}} (?:in|out of) scope)"
    ))
});

/// Design questions asked of oneself ("what happens when users upload?", "how do we store it?").
static FLOW: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"^[\s'(*•-]*(?:{OPENERS}\b[\s,.:;—–-]*)*(?:what happens|what if|why\b|how (?:do|does|would|will|should|can|could|did) (?:we|i|it|this|that|the system|the service|you)\b)"
    ))
});

/// Questions about how to run the interview ("do you want me to estimate storage first?"): they
/// name topics without asking about requirements.
static NAVIGATION: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"^[\s'(*•-]*(?:{OPENERS}\b[\s,.:;—–-]*)*(?:(?:do|would) you (?:want|like) me to|want me to|shall i|should i (?:start|go|begin|dive|move|continue|draw|sketch|walk|jump|talk|spend)|can i (?:start|go|begin|draw|sketch|jump|move|use (?:a|the) (?:whiteboard|board|diagram|editor))|is it ok(?:ay)? if i|do you mind if i|where (?:should i|do you want me to) start)\b"
    ))
});

/// The requirement topics `question` (in ASCII lower case) asks about.
pub(crate) fn topics(question: &str) -> BTreeSet<Topic> {
    let mut out = BTreeSet::new();
    if NAVIGATION.is_match(question) {
        return out;
    }
    let mut flow = None;
    // Each topic's hit spans; a topic whose every hit lies inside another topic's longer hit is
    // not what is asked ("how many images per day" asks about load, not about the data).
    let mut spans: Vec<(Topic, Vec<std::ops::Range<usize>>)> = Vec::new();
    for k in TOPIC_SET.matches(question).iter() {
        let t = &TOPICS[k];
        if t.weak && *flow.get_or_insert_with(|| FLOW.is_match(question)) {
            continue;
        }
        let hits: Vec<_> = t.rule.hits(question).collect();
        if !hits.is_empty() {
            spans.push((t.topic, hits));
        }
    }
    // A question about what the system must do, with no other topic, asks about scope ("do we
    // need to implement authentication?", "is that going to be anonymous or signed in?").
    if spans.is_empty() && SCOPE_FALLBACK.is_match(question) && !FLOW.is_match(question) {
        out.insert(Topic::Scope);
        return out;
    }
    for (topic, hits) in &spans {
        let swallowed = hits.iter().all(|h| {
            spans.iter().any(|(other, oh)| {
                other != topic
                    && oh
                        .iter()
                        .any(|o| o.start <= h.start && h.end <= o.end && o.len() > h.len())
            })
        });
        if !swallowed {
            out.insert(*topic);
        }
    }
    out
}
