//! Naming a component as a person would: products by their own names ("Kafka"), generic parts
//! only in the words the candidate used for them ("the vector database"), and nothing at all for
//! hardware counted in an estimate. Steering asks "why X?" only about what can be named this way.

use regex::Regex;

use crate::transcript::{Speaker, Turn};

/// Products said by their own names.
const PRODUCTS: [(&str, &str); 34] = [
    ("kafka", "Kafka"),
    ("kubernetes", "Kubernetes"),
    ("k8s", "Kubernetes"),
    ("redis", "Redis"),
    ("memcached", "Memcached"),
    ("cassandra", "Cassandra"),
    ("spark", "Spark"),
    ("flink", "Flink"),
    ("hadoop", "Hadoop"),
    ("istio", "Istio"),
    ("zookeeper", "ZooKeeper"),
    ("airflow", "Airflow"),
    ("snowflake", "Snowflake"),
    ("bigquery", "BigQuery"),
    ("pinecone", "Pinecone"),
    ("faiss", "FAISS"),
    ("milvus", "Milvus"),
    ("triton", "Triton"),
    ("vllm", "vLLM"),
    ("tensorrt", "TensorRT"),
    ("torchserve", "TorchServe"),
    ("elasticsearch", "Elasticsearch"),
    ("dynamodb", "DynamoDB"),
    ("postgres", "Postgres"),
    ("postgresql", "PostgreSQL"),
    ("mysql", "MySQL"),
    ("mongodb", "MongoDB"),
    ("s3", "S3"),
    ("sqs", "SQS"),
    ("rabbitmq", "RabbitMQ"),
    ("pubsub", "Pub/Sub"),
    ("kinesis", "Kinesis"),
    ("lambda", "Lambda"),
    ("sagemaker", "SageMaker"),
];

/// What a component does, for telling "why Kafka?" and "why the queue?" apart as one question:
/// products and generic parts with the same job share a role.
const ROLES: [(&str, &[&str]); 4] = [
    (
        "queue",
        &[
            "kafka",
            "sqs",
            "rabbitmq",
            "pubsub",
            "kinesis",
            "queue",
            "message queue",
            "event bus",
            "stream",
            "message broker",
        ],
    ),
    ("cache", &["redis", "memcached", "cache"]),
    (
        "database",
        &[
            "postgres",
            "postgresql",
            "mysql",
            "dynamodb",
            "cassandra",
            "mongodb",
            "database",
            "sql database",
        ],
    ),
    ("orchestrator", &["kubernetes", "k8s"]),
];

/// Whether two components do the same job (Kafka and "the queue"), or are the same.
pub fn same_role(a: &str, b: &str) -> bool {
    let role = |n: &str| {
        ROLES
            .iter()
            .find(|(_, names)| names.contains(&n))
            .map(|(r, _)| *r)
    };
    a == b || role(a).is_some_and(|r| role(b) == Some(r))
}

/// Parts that are hardware counted in an estimate, not a choice to ask "why" about.
const NOT_A_CHOICE: [&str; 1] = ["gpu"];

/// A component as a person says it: products by their names ("Kafka", "vLLM"), generic parts
/// with an article ("the cache", "the vector database").
pub fn display_component(name: &str) -> String {
    match PRODUCTS.iter().find(|(k, _)| *k == name) {
        Some((_, shown)) => (*shown).to_string(),
        None if name.is_empty() => String::new(),
        None => format!("the {name}"),
    }
}

/// A component in the candidate's own words: a product by its name, a generic part only when
/// the candidate said it in those words ("the vector database"), else nothing (the line that
/// needs no component is spoken instead).
pub fn spoken_component(name: &str, history: &[Turn]) -> String {
    if PRODUCTS.iter().any(|(k, _)| *k == name) {
        return display_component(name);
    }
    // A plural ("microservices") does not fit "Is {{ component }} justified?".
    if name.is_empty() || NOT_A_CHOICE.contains(&name) || name.ends_with('s') {
        return String::new();
    }
    let Ok(re) = Regex::new(&format!(r"(?i)\b{}s?\b", regex::escape(name))) else {
        return String::new();
    };
    history
        .iter()
        .rev()
        .filter(|t| t.role == Speaker::Candidate)
        .find_map(|t| re.find(&t.text))
        .filter(|m| !m.as_str().ends_with('s'))
        .map(|m| format!("the {}", m.as_str()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(text: &str) -> Vec<Turn> {
        let turn = serde_json::json!({
            "n": 2, "role": "candidate", "text": text, "at_ms": 0, "phase": "clarify"
        });
        vec![serde_json::from_value(turn).unwrap()]
    }

    #[test]
    fn a_component_is_said_in_the_candidates_words_or_not_at_all() {
        let h = said("We keep the chunks in a vector database, and GPUs do the rest.");
        assert_eq!(
            spoken_component("vector database", &h),
            "the vector database"
        );
        assert_eq!(spoken_component("gpu", &h), "");
        assert_eq!(spoken_component("sql database", &said("a SQL DB")), "");
        assert_eq!(spoken_component("kafka", &h), "Kafka");
        assert_eq!(spoken_component("redis", &h), "Redis");
        assert_eq!(
            spoken_component("microservices", &said("microservices")),
            ""
        );
    }
}
