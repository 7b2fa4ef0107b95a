//! Finds the infrastructure a turn commits to, under canonical names.
//!
//! One regex with a group per table row finds every mention in a single pass. A mention the
//! candidate rules out ("we don't need Kafka", "Kubernetes would be overkill") is not a
//! commitment, so it is dropped: the critique flags heavy machinery named before any sizing, and
//! must not flag a candidate for rejecting it.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use super::Component;
use super::matcher::compile;

/// (phrases, canonical name, heavy). Within a row, and between rows that can start at the same
/// word, longer phrases come first: the regex takes the first alternative that matches.
const TABLE: &[(&str, &str, bool)] = &[
    ("kafka streams|ksql(?:db)?", "kafka streams", true),
    ("kafka", "kafka", true),
    ("kinesis", "kinesis", true),
    ("kubernetes|k8s|eks|gke|aks", "kubernetes", true),
    ("service mesh(?:es)?|istio|linkerd", "service mesh", true),
    ("micro-?services?", "microservices", true),
    (
        "shard(?:s|ed|ing)?|horizontal(?:ly)? partition(?:ing|ed)?",
        "sharding",
        true,
    ),
    ("cassandra|scylla(?:db)?", "cassandra", true),
    ("spark|pyspark|databricks", "spark", true),
    ("flink", "flink", true),
    (
        "(?:multi[- ]region )?active[- ]active(?: multi[- ]region)?|multi[- ]master",
        "multi-region active-active",
        true,
    ),
    ("hadoop|hdfs|map ?reduce", "hadoop", true),
    (
        "(?:elastic ?search|opensearch) clusters?",
        "elasticsearch",
        true,
    ),
    ("elastic ?search|opensearch|solr", "elasticsearch", false),
    ("event[- ]sourc(?:ing|ed)", "event sourcing", true),
    ("cqrs", "cqrs", true),
    ("data ?lakes?|lakehouse|delta lake", "data lake", true),
    ("zookeeper", "zookeeper", true),
    (
        "load[- ]balanc(?:er|ers|ing)|[ean]lbs?|nginx|haproxy",
        "load balancer",
        false,
    ),
    ("redis(?: cache| cluster)?", "redis", false),
    ("memcached?", "memcached", false),
    (
        "(?:a|an|the|our|this|that|distributed|in-memory|local|lru|write-through|write-back|read-through|shared|edge|application|app|result|response|embedding|semantic|separate|some|dedicated|prompt|query|feature) cache|cach(?:e|ing) (?:layer|tier|cluster|servers?|nodes?|service)",
        "cache",
        false,
    ),
    ("cdn|cloudfront|akamai|fastly|cloudflare", "cdn", false),
    ("postgres(?:ql)?|psql", "postgres", false),
    ("mysql|mariadb", "mysql", false),
    (
        "(?:sql|relational) (?:database|db)s?|rdbms|aurora",
        "sql database",
        false,
    ),
    ("mongo(?:db)?", "mongodb", false),
    ("nosql(?: (?:database|db|store))?", "nosql", false),
    ("dynamo(?:db)?", "dynamodb", false),
    (
        "s3|gcs|object stor(?:e|age)|blob stor(?:e|age)|azure blob",
        "object storage",
        false,
    ),
    (
        "(?:message|task|job|work|durable|async|request|retry|dead[- ]letter|in-memory) queues?|(?:a|an|the|simple|fifo|priority|distributed|persistent|separate) queues?|sqs|rabbit ?mq|pub/?sub|pubsub|celery|nats|activemq|service bus",
        "queue",
        false,
    ),
    ("api[- ]gateways?|kong|apigee", "api gateway", false),
    (
        "vector (?:database|db|store|index|search)(?:es|s)?|pinecone|faiss|milvus|weaviate|qdrant|pgvector|chroma(?:db)?|vespa",
        "vector database",
        false,
    ),
    ("feature stores?|feast|tecton", "feature store", false),
    (
        "model serv(?:er|ers|ing layer)|inference servers?|triton(?: inference server)?|vllm|tensorrt(?:-llm)?|torchserve|tgi|text generation inference|kserve|ray serve|bentoml|seldon|sagemaker endpoints?",
        "model server",
        false,
    ),
    ("gpus?|h100s?|a100s?|h200s?|a10gs?|tpus?", "gpu", false),
    (
        "embedding (?:service|servers?|api|model server)",
        "embedding service",
        false,
    ),
    ("rate[- ]limit(?:er|ers|ing)", "rate limiter", false),
    ("web ?sockets?", "websocket", false),
    (
        "serverless|aws lambda|lambda functions?|lambdas?|cloud functions|cloud run",
        "serverless",
        false,
    ),
    (
        "data warehouses?|bigquery|snowflake|redshift|clickhouse",
        "data warehouse",
        false,
    ),
    ("airflow|dagster", "airflow", false),
];

/// Every row as one alternation, to find mentions in one pass without capture groups (resolving
/// groups on every match costs more than the search itself).
static ANY: LazyLock<Regex> = LazyLock::new(|| {
    let rows: Vec<&str> = TABLE.iter().map(|(p, _, _)| *p).collect();
    compile(&format!(r"\b(?:{})\b", rows.join("|")))
});

/// Each row anchored, to tell which row a found mention belongs to: the first row that matches
/// all of it is the one the alternation took.
static ROWS: LazyLock<RegexSet> = LazyLock::new(|| {
    let rows = TABLE.iter().map(|(p, _, _)| format!("^(?:{p})$"));
    RegexSet::new(rows).expect("component rows compile")
});

/// Whether `phrase` (lower case) is itself the name of a component ("feature store", "airflow").
pub(crate) fn is_component_phrase(phrase: &str) -> bool {
    ROWS.is_match(phrase.trim())
}

/// A rejection just before a mention: "no", "without", "instead of", "don't need a"; `gap` is
/// what stands between the rejection and the mention.
static RULED_OUT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:no|not|don't|dont|do not|without|skip|skipping|avoid|instead of|rather than|than|no need for|wouldn't|won't|never|nor|neither|ditch|drop)\b(?<gap>[^.?!,;:]{0,25})$",
    )
});

/// The loser of a stated preference: "I'd go with DynamoDB over Cassandra".
static PASSED_OVER: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:pick|picking|choose|choosing|prefer|go with|going with|favou?r|take)\b[^.?!,;:]{1,30}?\bover\s+(?:the\s+|a\s+|an\s+)?$",
    )
});

/// A turn back to committing inside that gap: "skip Kafka and use SQS".
static RECOMMITS: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"\b(?:and|but|use|using|go with|pick|choose|then|so|just|only|put)\b")
});

/// A rejection just after a mention: "is overkill", "'s not needed", "would be premature", or
/// "Kafka is great but for 500 QPS it's overkill" (overkill anywhere later in the sentence).
static RULED_OUT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(?:'s|[^.?!,;]{0,25}?\b(?:is|would be|feels|seems|are|sounds|seem|isn't|aren't|'s))\s+(?:(?:probably|definitely|totally|way|just|a bit|kind of|clearly|really|not)\s+)*(?:overkill|unnecessary|needed|necessary|required|too heavy|too complex|premature|excessive|too much|not worth|worth it)|^[^.?!;]{0,60}?\boverkill\b",
    )
});

/// Any word the rule-out checks need; found once per turn so the detailed checks only run near
/// one (most mentions have none nearby).
static RULE_OUT_CUES: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"n't\b|\b(?:no|not|dont|never|nor|neither|without|skip|skipping|avoid|instead|rather|than|ditch|drop|over|overkill|unnecessary|needed|necessary|required|premature|excessive|worth|too)\b",
    )
});

/// Every committed mention in `text` with the index of its sentence, once per component and
/// sentence, in order.
pub(crate) fn mentions(
    text: &str,
    sentences: &[Range<usize>],
    skip: &[Range<usize>],
) -> Vec<(Component, usize)> {
    let mut out: Vec<(Component, usize)> = Vec::new();
    let cues: Vec<usize> = RULE_OUT_CUES.find_iter(text).map(|m| m.start()).collect();
    let cue_in = |r: Range<usize>| {
        let i = cues.partition_point(|&p| p < r.start);
        cues.get(i).is_some_and(|&p| p < r.end)
    };
    for m in ANY.find_iter(text) {
        let Some(row) = ROWS.matches(m.as_str()).iter().next() else {
            continue;
        };
        if skip.iter().any(|r| r.contains(&m.start())) {
            continue;
        }
        let si = sentences.partition_point(|r| r.end <= m.start());
        let Some(sentence) = sentences.get(si).filter(|r| r.start <= m.start()) else {
            continue;
        };
        let before =
            next_boundary(text, m.start().saturating_sub(48).max(sentence.start))..m.start();
        let after = m.end()..prev_boundary(text, (m.end() + 64).min(sentence.end));
        let ruled_out_before = cue_in(before.clone()) && {
            let before = &text[before];
            let negated = RULED_OUT_BEFORE
                .captures(before)
                .and_then(|c| c.name("gap"))
                .is_some_and(|gap| !RECOMMITS.is_match(gap.as_str()));
            negated || PASSED_OVER.is_match(before)
        };
        let ruled_out_after = cue_in(after.clone()) && RULED_OUT_AFTER.is_match(&text[after]);
        if ruled_out_before || ruled_out_after {
            continue;
        }
        let (_, name, heavy) = TABLE[row];
        let head = &text[sentence.start..m.start()];
        let tail = &text[m.end()..sentence.end];
        // Hardware counted in a sum ("that's 36 GPUs") is sizing, and "GPU batching" or "GPU
        // memory" names something about GPUs: neither is a design choice.
        if name == "gpu" && (counted(head) || GPU_MODIFIER.is_match(tail)) {
            continue;
        }
        // A claim about a component ("Redis can handle any load", "Cassandra has pros and
        // cons") and options left open ("we could use Flink or Spark") commit to nothing.
        if (CLAIM_HEAD.is_match(head) && CLAIM_TAIL.is_match(tail))
            || OPTIONS.is_match(&text[sentence.clone()])
        {
            continue;
        }
        match out.iter_mut().find(|(c, s)| c.name == name && *s == si) {
            Some((seen, _)) => seen.heavy |= heavy,
            None => out.push((
                Component {
                    name: name.to_string(),
                    heavy,
                },
                si,
            )),
        }
    }
    out
}

/// What follows "GPU" when it modifies another noun.
static GPU_MODIFIER: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^s?\s*(?:batching|utili[sz]ation|util|memory|time|hours?|bill|costs?|seconds|slices|capacity|fleet sizing|budget|usage|math|count)\b",
    )
});

/// A mention at the start of its clause: what a claim is about.
static CLAIM_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:^|[,;:]\s*|\b(?:and|so|but|yeah|honestly|i think|i guess)\s+)(?:the |a |an |our |um,? |uh,? |like,? )*$",
    )
});

/// A claim about a component's nature rather than its use: "is super fast", "can handle
/// basically any load", "has pros and cons".
static CLAIM_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(?: (?:cluster|cache|nodes?|instances?|shard))?\s*(?:is|are|'s|can|could|has|have|will|would|scales?|handles?|does|do|was|were)\b(?:\s+(?:\w+)){0,3}\s*(?:super|really|very|pretty|basically|fast|quick|slow|great|good|bad|fine|reliable|pros|cons|handle|easily|any|infinite|cheap|expensive|overkill|known|popular|mature|battle|designed|built|made|a (?:great|good|solid|nice))",
    )
});

/// Options named with none chosen: "we could use Flink or Spark Streaming, both are fine", "the
/// cache can be Redis, or Memcached", "something like Kafka or RabbitMQ".
static OPTIONS: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:could|might|can) (?:use|go with|pick|try) [^.?!,;]{1,40}\bor\b[^.?!]{0,40}(?:both|either|any of|whichever|doesn't matter|don't care|fine)|\beither [^.?!]{1,40}\bor\b|\b(?:both|either) (?:are|is|would be|work) (?:fine|ok|okay|good)|\b(?:could|can|might|may) (?:be|use|go with) (?:something like |some(?:thing)? (?:like )?)?[\w-]+(?: [\w-]+)?,? or (?:a |an )?[\w-]+(?: [\w-]+)?\s*(?:[.?!]|,? (?:something like that|or something|whichever|either)|$)|\b(?:could|can|might|may)\b[^.?!;]{0,25}\bsomething like [\w-]+(?: [\w-]+)?,? or [\w-]+",
    )
});

/// Whether the words just before a mention count it ("36 GPUs", "eight A100", "2x H100").
fn counted(before: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    let mut last = words.next().unwrap_or("");
    // "8 A100 GPUs", "four H100 GPUs": skip one model name.
    if last.starts_with(['a', 'h', 'l', 't'])
        && last[1..].bytes().all(|b| b.is_ascii_digit())
        && last.len() > 1
    {
        last = words.next().unwrap_or("");
    }
    let last = last.trim_end_matches(['x', '×']);
    !last.is_empty()
        && (last
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.' || b == b'~')
            || super::units::spelled_value(last).is_some()
            || matches!(
                last,
                "dozen"
                    | "hundred"
                    | "thousand"
                    | "few"
                    | "couple"
                    | "more"
                    | "extra"
                    | "fewer"
                    | "additional"
                    | "each"
                    | "per"
                    | "every"
                    | "single"
            ))
}

/// The nearest char boundary at or after `i`.
fn next_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The nearest char boundary at or before `i`.
fn prev_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
