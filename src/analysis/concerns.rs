//! The phrases that raise each design concern (the hotspots an interviewer probes).
//!
//! Matching is on word boundaries, with skip-lists for lookalikes ("if I recall" is not recall as
//! a metric, "at scale in the US" is not scaling in). Lists are `#[rustfmt::skip]` so each reads
//! as one vocabulary rather than a column of single phrases.

use std::sync::LazyLock;

use super::matcher::{Rule, stems, words};
use crate::question::Concern;

/// Each concern with the phrases that raise it.
#[rustfmt::skip]
pub(crate) static CONCERNS: LazyLock<Vec<(Concern, Rule)>> = LazyLock::new(|| {
    use Concern::*;
    vec![
        (ModelServing, Rule::new(&[
            &words(&[
                "model serving", "serv(?:e|es|ing) (?:the|our|a|this|that) (?:[a-z0-9-]+ )?models?",
                "inference (?:servers?|service|endpoints?|cluster|fleet|layer|stack)", "triton", "vllm",
                "tensorrt(?:-llm)?", "torchserve", "tgi", "text generation inference", "model size",
                "(?:replicas|copies) of the model", "model replicas", "endpoint for the model",
                "model endpoints?", "kserve", "seldon", "sagemaker(?: endpoints?)?", "bentoml", "ray serve",
                "onnx(?: runtime)?", "host(?:ing)? the model", "(?:smaller|bigger|larger|distilled) model",
                "model servers?", "int8", "int4", "fp16", "fp8", "speculative decoding", "lora adapters?",
                // A small model scored on CPUs is a serving decision too.
                "cpu inference",
                "(?:models?|trees?|classifiers?|xgboost|lightgbm|gbdts?|inference|scoring)[^.?!]{0,60} on (?:the )?cpus?",
                "(?:runs?|serve[sd]?|score[sd]?)[^.?!]{0,30} fast on (?:the )?cpus?",
            ]),
            &stems(&["quantiz", "quantis", "distill"]),
        ])),
        (Autoscaling, Rule::with_skips(
            &[
                &words(&[
                    "(?:scale|scales|scaling) (?:it |them |that )?(?:out|in|down)",
                    // "As we scale up to millions of users" is growth, not autoscaling.
                    "(?:scale|scales|scaling) (?:it |them )?up (?:and down|when|automatically|based on|with (?:load|traffic|demand))",
                    "hpa", "keda", "cold[- ]starts?", "warm pools?", "pre-?warm(?:ed|ing)?", "scale to zero",
                    "provisioned concurrency", "spot (?:instances|gpus|nodes|capacity|fleet|pricing|vms?)",
                    "add (?:more )?(?:replicas|nodes|servers|gpus|machines|instances) (?:as|when)",
                ]),
                &stems(&["autoscal", "auto-scal", "auto scal", "horizontal(?:ly)? scal"]),
            ],
            &[&words(&["at scale in", "scale in (?:the|a|an|our|this|terms)"])],
        )),
        (GpuBatching, Rule::new(&[&words(&[
            "batching", "dynamic batch(?:ing|es)?", "continuous batch(?:ing|es)?", "in-flight batching",
            "micro-?batch(?:ing|es)?", "gpu utili[sz]ation", "utili[sz]ation of the gpus?", "gpu util",
            "batch sizes?", "throughput per gpu", "tokens per second per gpu", "tokens/s(?:ec)?/gpu", "mig",
            "multi-instance gpu", "keep the gpus? busy", "saturate the gpus?",
            "batch (?:the |incoming |those )?(?:requests|prompts|queries)", "pack(?:ing)? requests",
        ])])),
        (Caching, Rule::new(&[
            &words(&["cach(?:e|es|ed|ing)", "kv cache", "semantic cache", "cdn", "memcached?"]),
            &stems(&["memoi[sz]"]),
        ])),
        (DriftRetraining, Rule::new(&[
            &words(&[
                "retrain(?:s|ed|ing)?", "re-train(?:ing)?", "stale models?", "model staleness",
                "refresh(?:ing)? the model", "continuous training", "continual learning",
                "monitor(?:ing)? the (?:input |data |feature |prediction |output )?distributions?",
                "distribution shift", "feedback loops?", "online learning", "model decay",
                "(?:weekly|nightly|daily|periodic) (?:re-?)?training",
                "fine-?tun(?:e|ing) (?:it )?(?:again|periodically|weekly|nightly)",
            ]),
            &stems(&["drift"]),
        ])),
        (Evaluation, Rule::with_skips(
            &[
                &words(&[
                    "evals?", "eval sets?", "golden (?:sets?|datasets?)", "offline metrics", "offline eval",
                    "a/b tests?", "a/b testing", "ab tests?", "online experiments?", "precision", "recall",
                    "auc", "roc", "ndcg", "mrr", "human (?:review|labels?|raters?|eval|evaluation|annotators?)",
                    "labell?ers", "benchmark(?:ing)? the model", "llm[- ]as[- ](?:an? )?judge",
                    "win[- ]rates?", "holdouts?", "hold-outs?", "held-out", "test sets?", "validation sets?",
                    "bleu", "rouge", "f1", "interleaving",
                ]),
                &stems(&["evaluat"]),
            ],
            &[&words(&[
                "(?:if|as) i recall", "i recall", "recall (?:that|correctly|the interviewer)",
                "evaluate (?:the |our |these |both )?(?:options|trade-?offs|alternatives)",
            ])],
        )),
        (Rollout, Rule::new(&[&words(&[
            "canar(?:y|ies)", "shadow(?:ing)?", "rollbacks?", "roll(?:ing)? (?:it )?back", "blue[/ -]green",
            "model registry", "versioning", "versioned models?", "model versions?",
            "gradual(?:ly)? roll(?:out|ing out)?", "staged rollouts?", "rollouts?", "roll(?:ing)? (?:it )?out",
            "feature flags?", "champion[/ -]challenger", "dark launch(?:es)?", "percentage rollout",
        ])])),
        (CostPerRequest, Rule::new(&[
            &words(&[
                "cost per (?:request|query|call|conversation|user|inference|token|prediction|1k|thousand|million|search|message|session|image|answer)",
                "per[- ](?:request|query|user|conversation|token|inference|call) (?:costs?|pricing|prices?)",
                "unit (?:cost|economics)", "tokens? costs?", "cost of (?:the )?tokens", "token costs?",
                "cents? (?:per|a|an|for each)", "price per (?:token|request|call|query)",
                "costs? (?:us )?(?:about |around |roughly )?[$€£]?[0-9.]+ ?(?:cents? )?(?:per|a|an) (?:request|query|call|user|conversation)",
            ]),
            r"[$€£][0-9.]+[km]? ?(?:per|a|an|/) ?(?:request|query|call|user|conversation|1k|thousand|million)",
        ])),
        // Word boundaries keep "auth" from matching "author" and "authority".
        (PrivacySecurity, Rule::new(&[
            &words(&[
                "security", "secure", "auth", "authn", "authz", "acls?", "permissions?", "pii", "gdpr",
                "hipaa", "tenant isolation", "isolat(?:e|ion) (?:the )?tenants", "access control", "rbac",
                "prompt injections?", "jailbreaks?", "abuse", "abusive", "threat model(?:ing)?", "tls",
                "ssl", "mtls", "audit logs?", "audit trail", "secrets",
                "secrets? (?:manager|management|store|vault)", "iam", "oauth2?", "sso", "privacy",
                "sensitive data", "ddos", "kms", "jwt", "row-level security", "least privilege",
                "data residency",
            ]),
            &stems(&["encrypt", "authenticat", "authori[sz]", "redact", "anonymi[sz]", "pseudonymi[sz]"]),
        ])),
        // Kafka only counts as a pipeline when used as one: "Kafka in front" is a component.
        (DataPipeline, Rule::new(&[
            &words(&[
                "pipelines?", "etl", "elt", "feature stores?", "(?:streaming|stream) (?:vs\\.?|versus|or) batch",
                "batch (?:vs\\.?|versus|or) (?:streaming|stream)", "backfill(?:s|ing)?",
                "labell?ing pipeline", "data warehouse", "embeddings? pipeline",
                "kafka (?:topics?|streams?|pipeline|consumers?)", "event streams?",
                "streaming (?:job|ingest|pipeline|data)", "cdc", "change data capture", "airflow",
                "data lake", "batch jobs?", "nightly jobs?", "spark jobs?", "flink jobs?",
            ]),
            &stems(&["ingest"]),
        ])),
        (Observability, Rule::with_skips(
            &[
                &words(&[
                    "monitor(?:s|ed|ing)?", "metrics", "dashboards?", "alert(?:s|ing)?", "tracing",
                    "traces?", "opentelemetry", "otel", "logging", "logs", "slos?", "slis?", "on-?call",
                    "prometheus", "grafana", "datadog", "pagerduty", "paging", "error budgets?",
                ]),
                &stems(&["observab"]),
            ],
            // Product metrics are evaluation and quality, not production telemetry.
            &[&words(&[
                "offline metrics", "success metrics?", "business metrics", "metrics? for success",
                "north star metrics?",
            ])],
        )),
        (Fallback, Rule::new(&[&words(&[
            "fallbacks?", "fall(?:s|ing)? back", "degrade(?:s|d)? gracefully",
            "graceful(?:ly)? degrad(?:e|es|ed|ation)", "degraded mode", "degrade to",
            "circuit[- ]breakers?", "retr(?:y|ies|ying)", "timeouts?", "time(?:s|d)? out", "backup models?",
            "fail ?overs?", "failing over", "default responses?", "canned responses?",
            "serve (?:a )?stale", "static fallback", "kill[- ]switch(?:es)?", "load[- ]shedding", "shed load",
        ])])),
    ]
});
