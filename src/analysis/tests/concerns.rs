//! Concerns, positive and negative, with the first sentence as evidence.

use super::{concerns, turn};
use crate::question::Concern::{self, *};

fn raises(text: &str, concern: Concern) {
    assert!(
        concerns(text).contains(&concern),
        "{text:?} should raise {concern:?}, got {:?}",
        concerns(text)
    );
}

fn not_raises(text: &str, concern: Concern) {
    assert!(
        !concerns(text).contains(&concern),
        "{text:?} should not raise {concern:?}"
    );
}

#[test]
fn each_concern_from_typical_phrasing() {
    let cases: &[(&str, Concern)] = &[
        (
            "We serve the model with Triton and quantize it to int8.",
            ModelServing,
        ),
        (
            "I'd distill it into a smaller model for the endpoint.",
            ModelServing,
        ),
        (
            "um we'd need like four replicas of the model behind a SageMaker endpoint",
            ModelServing,
        ),
        (
            "it runs a gradient boosted tree model that is fast on cpu like a few milliseconds",
            ModelServing,
        ),
        ("The GPU pool autoscales on queue depth.", Autoscaling),
        ("Keep a warm pool so cold starts don't hurt.", Autoscaling),
        (
            "we scale out the workers when the backlog grows",
            Autoscaling,
        ),
        (
            "Continuous batching keeps GPU utilization high.",
            GpuBatching,
        ),
        (
            "we'd tune the batch size for throughput per GPU",
            GpuBatching,
        ),
        ("Put a semantic cache in front of the LLM.", Caching),
        (
            "We monitor for data drift and retrain weekly.",
            DriftRetraining,
        ),
        ("there's a feedback loop from user clicks", DriftRetraining),
        (
            "We need a golden set and offline eval before launch.",
            Evaluation,
        ),
        ("then we A/B test it against the current ranker", Evaluation),
        ("Track precision and recall on a holdout.", Evaluation),
        (
            "Ship it as a canary to 1% and roll back on regression.",
            Rollout,
        ),
        ("run the new model in shadow mode first", Rollout),
        ("keep versions in a model registry", Rollout),
        ("The cost per request is about two cents.", CostPerRequest),
        ("unit economics: $0.002 per query", CostPerRequest),
        ("per-token pricing dominates at scale", CostPerRequest),
        (
            "if the model times out we return the last good answer",
            Fallback,
        ),
        (
            "Encrypt PII at rest and enforce tenant isolation.",
            PrivacySecurity,
        ),
        (
            "We need auth on every endpoint and guard against prompt injection.",
            PrivacySecurity,
        ),
        (
            "An ingestion pipeline writes features to the feature store.",
            DataPipeline,
        ),
        ("we backfill embeddings with a nightly ETL", DataPipeline),
        (
            "Dashboards and alerting on the p99, with an SLO per endpoint.",
            Observability,
        ),
        ("add tracing so on-call can debug", Observability),
        (
            "If the model times out we fall back to the cached answer.",
            Fallback,
        ),
        (
            "A circuit breaker trips and we degrade gracefully.",
            Fallback,
        ),
    ];
    for (text, concern) in cases {
        raises(text, *concern);
    }
}

#[test]
fn lookalikes_do_not_raise_concerns() {
    not_raises("the author of the doc", PrivacySecurity);
    not_raises("She is an authority on the topic.", PrivacySecurity);
    not_raises("If I recall, you said 10M users.", Evaluation);
    not_raises("It needs to work at scale in the US and EU.", Autoscaling);
    not_raises("We evaluate the options and pick one.", Evaluation);
    not_raises(
        "Business metrics like retention matter to the PM.",
        Observability,
    );
    not_raises("The data degrades in quality over time.", Fallback);
    not_raises(
        "I'll put Kafka in front and run everything on Kubernetes",
        DataPipeline,
    );
    not_raises("We'll call the model.", ModelServing);
    not_raises("The web servers run on cheap CPUs.", ModelServing);
    not_raises("A batch of users signed up.", GpuBatching);
    not_raises("The cost is mostly storage.", CostPerRequest);
    not_raises("Each user gets a feed.", Caching);
    // A CDN or a bare web cache is not the model path's caching (docs/SIGNALS.md).
    not_raises("static assets go through a CDN", Caching);
    not_raises("We add a cache.", Caching);
    not_raises("That's a weak spot in the design.", Autoscaling);
    raises("Run the batch jobs on spot instances.", Autoscaling);
}

#[test]
fn evidence_is_the_first_sentence_that_raised_it() {
    let t = turn("We cache the answers. Later the cache gets a TTL. We monitor hit rate.");
    assert_eq!(t.concerns[&Caching].quote, "We cache the answers.");
    assert_eq!(t.concerns[&Observability].quote, "We monitor hit rate.");
}
