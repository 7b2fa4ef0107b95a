//! Components: canonical names, heaviness, order, and mentions that are not commitments.

use super::turn;

fn names(text: &str) -> Vec<(String, bool)> {
    turn(text)
        .components
        .into_iter()
        .map(|c| (c.name, c.heavy))
        .collect()
}

fn expect(text: &str, want: &[(&str, bool)]) {
    let want: Vec<(String, bool)> = want.iter().map(|(n, h)| (n.to_string(), *h)).collect();
    assert_eq!(names(text), want, "{text:?}");
}

#[test]
fn heavy_components_in_order_of_mention() {
    let t = turn("I'll put Kafka in front and run everything on Kubernetes");
    assert!(t.questions.is_empty() && t.sizing.is_empty());
    expect(
        "I'll put Kafka in front and run everything on Kubernetes",
        &[("kafka", true), ("kubernetes", true)],
    );
    expect(
        "We split it into microservices behind an Istio service mesh on k8s.",
        &[
            ("microservices", true),
            ("service mesh", true),
            ("kubernetes", true),
        ],
    );
    expect(
        "Shard Cassandra by user id, and stream changes through Flink.",
        &[("sharding", true), ("cassandra", true), ("flink", true)],
    );
    expect(
        "Run it multi-region active-active.",
        &[("multi-region active-active", true)],
    );
    expect(
        "Spark jobs land data in the data lake; Kafka Streams does the joins.",
        &[
            ("spark", true),
            ("data lake", true),
            ("kafka streams", true),
        ],
    );
    expect(
        "Use event sourcing with CQRS and Zookeeper for leader election.",
        &[
            ("event sourcing", true),
            ("cqrs", true),
            ("zookeeper", true),
        ],
    );
}

#[test]
fn light_components_with_canonical_names() {
    expect(
        "Requests go through the load balancer to the API gateway, then Postgres with a Redis cache, and images in S3 behind a CDN.",
        &[
            ("load balancer", false),
            ("api gateway", false),
            ("postgres", false),
            ("redis", false),
            ("object storage", false),
            ("cdn", false),
        ],
    );
    expect(
        "Embeddings go to Pinecone; we serve the model with vLLM on GPUs.",
        &[
            ("vector database", false),
            ("model server", false),
            ("gpu", false),
        ],
    );
    expect(
        "Push jobs on SQS, a feature store for features, Airflow for the DAGs, BigQuery for analytics.",
        &[
            ("queue", false),
            ("feature store", false),
            ("airflow", false),
            ("data warehouse", false),
        ],
    );
    expect(
        "A rate limiter in front, websockets for live updates, Lambda for thumbnails.",
        &[
            ("rate limiter", false),
            ("websocket", false),
            ("serverless", false),
        ],
    );
    expect(
        "DynamoDB or a NoSQL store for sessions, MySQL for billing.",
        &[("dynamodb", false), ("nosql", false), ("mysql", false)],
    );
}

#[test]
fn repeats_collapse_to_the_first_mention() {
    expect(
        "Redis here, Redis there, and more redis.",
        &[("redis", false)],
    );
    expect(
        "Elasticsearch for search; later an Elasticsearch cluster per region.",
        &[("elasticsearch", true)],
    );
}

#[test]
fn cache_as_a_thing_not_a_verb() {
    expect("We'll add a cache in front of the DB.", &[("cache", false)]);
    expect("a caching layer absorbs the reads", &[("cache", false)]);
    expect("We cache the results for five minutes.", &[]);
    expect("the KV cache grows with context length", &[]);
}

#[test]
fn ruled_out_components_are_not_commitments() {
    expect(
        "We don't need Kafka at this scale, a simple queue is enough.",
        &[("queue", false)],
    );
    expect("Kubernetes would be overkill here.", &[]);
    expect(
        "Instead of microservices I'd start with a monolith on Postgres.",
        &[("postgres", false)],
    );
    expect("no sharding yet", &[]);
    expect("I'd skip Kafka and use SQS.", &[("queue", false)]);
}

#[test]
fn requirement_questions_do_not_commit() {
    let t = turn("How many GPUs do we have? I'll run vLLM on them.");
    let got: Vec<_> = t.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(got, ["model server"]);
}

#[test]
fn lookalike_words_are_not_components() {
    for text in [
        "Sparkling ideas, shardless thinking.",
        "The warehouse robots pick orders.",
        "The user queues up songs.",
        "We cache aggressively.",
        "A stateless service.",
    ] {
        assert_eq!(names(text), vec![], "{text:?}");
    }
}

#[test]
fn preferences_and_overkill_rule_out_the_loser() {
    expect(
        "I'd go with DynamoDB over Cassandra since the team already runs it.",
        &[("dynamodb", false)],
    );
    expect(
        "Kafka is great but honestly for 500 QPS it's overkill.",
        &[],
    );
    expect(
        "Let's not over-engineer: one Postgres primary with two read replicas.",
        &[("postgres", false)],
    );
    expect("We talk to the workers over Kafka.", &[("kafka", true)]);
}
