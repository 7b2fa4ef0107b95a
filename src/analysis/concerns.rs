//! The phrases that raise each design concern (the hotspots an interviewer probes).
//!
//! Matching is on word boundaries, with skip-lists for lookalikes ("if I recall" is not recall as
//! a metric, "at scale in the US" is not scaling in). Lists are `#[rustfmt::skip]` so each reads
//! as one vocabulary rather than a column of single phrases.

use std::sync::LazyLock;

use super::matcher::{Rule, stems, words};
use crate::question::Concern;

/// Each concern's plain names, read only inside a dismissal or deferral ("cost isn't a big
/// deal", "monitoring we can add later"), where a name is all a candidate says.
#[rustfmt::skip]
pub(crate) static CONCERN_NAMES: LazyLock<Vec<(Concern, regex::Regex)>> = LazyLock::new(|| {
    use Concern::*;
    let r = |list: &[&str]| super::matcher::compile(&words(list));
    vec![
        (ModelServing, r(&["serving", "which model", "the model (?:endpoint|choice)", "model endpoint", "hosting"])),
        (Autoscaling, r(&["autoscal\\w*", "auto-?scal\\w*", "scaling", "cold[- ]starts?", "scale to zero", "warm pools?", "scale (?:up|down|out|in)", "elastic(?:ity)?", "spot instances"])),
        (GpuBatching, r(&["batching", "batch sizes?", "gpu utili[sz]ation"])),
        (Caching, r(&["cach(?:e|es|ed|ing)", "semantic cache"])),
        (DriftRetraining, r(&["drift", "retrain(?:ing)?", "skew"])),
        (Evaluation, r(&["eval(?:s|uation)?", "golden set", "a/b tests?", "testing", "hallucination checks?", "offline metrics"])),
        (Rollout, r(&["rollouts?", "roll-?out strategy", "canar(?:y|ies)", "deployment strategy", "rollbacks?", "versioning"])),
        (CostPerRequest, r(&["costs?", "spend", "the bill", "pricing", "cost per \\w+", "budget", "money", "spend caps?", "(?:gpu|inference|token|cloud|api) (?:bill|costs?|spend)", "unit economics", "margins?"])),
        (PrivacySecurity, r(&["security", "privacy", "auth", "encryption", "pii", "permissions?", "compliance", "access control", "abuse", "gdpr"])),
        (DataPipeline, r(&["pipelines?", "etl", "ingestion", "backfills?", "feature backfill", "data pipeline", "analytics", "feature store"])),
        (Observability, r(&["monitoring", "observability", "metrics", "logging", "alerting", "dashboards?", "tracing"])),
        (Fallback, r(&["fallbacks?", "failures?", "degradation", "failover", "retries", "what if it fails", "outages?", "graceful degradation", "backup (?:model|plan)", "circuit breakers?", "(?:when|if) (?:it|the model|the api|the service) (?:fails|goes down|is down)"])),
    ]
});

/// Each concern's category words alone ("security", "the pipeline", "monitoring"): a sentence
/// that names a concern only by these, with no reason, effect or figure, mentions it without
/// deciding anything.
#[rustfmt::skip]
pub(crate) static CATEGORY_NAMES: LazyLock<Vec<(Concern, regex::Regex)>> = LazyLock::new(|| {
    use Concern::*;
    let r = |list: &[&str]| super::matcher::compile(&words(list));
    vec![
        (ModelServing, r(&["(?:model )?serving", "inference", "hosting"])),
        (Autoscaling, r(&["autoscal\\w*", "auto-?scal\\w*", "scaling"])),
        (GpuBatching, r(&["batching", "gpu utili[sz]ation"])),
        (Caching, r(&["cach(?:e|es|ed|ing)"])),
        (DriftRetraining, r(&["drift", "retrain(?:ing)?"])),
        (Evaluation, r(&["eval(?:s|uation)?", "testing"])),
        (Rollout, r(&["rollouts?", "deployments?", "versioning"])),
        (CostPerRequest, r(&["costs?", "spend", "pricing", "cost per \\w+"])),
        (PrivacySecurity, r(&["security", "privacy", "auth", "secure", "compliance", "gdpr", "pii"])),
        (DataPipeline, r(&["(?:data )?pipelines?", "etl", "ingestion", "analytics", "feature stores?", "airflow"])),
        (Observability, r(&["monitoring", "observability", "metrics", "logging", "alerting", "dashboards?", "tracing"])),
        (Fallback, r(&["fallbacks?", "failover", "retries"])),
    ]
});

/// Each concern with the phrases that raise it.
#[rustfmt::skip]
pub(crate) static CONCERNS: LazyLock<Vec<(Concern, Rule)>> = LazyLock::new(|| {
    use Concern::*;
    vec![
        (ModelServing, Rule::with_skips(&[
            &words(&[
                "model serving", "serv(?:e|es|ing) (?:the|our|a|this|that) (?:[a-z0-9-]+ )?models?",
                "inference (?:servers?|service|endpoints?|cluster|fleet|layer|stack)", "triton", "vllm",
                "tensorrt(?:-llm)?", "torchserve", "tgi", "text generation inference", "model size",
                "(?:replicas|copies) of the model", "model replicas", "endpoint for the model",
                "model endpoints?", "kserve", "seldon", "sagemaker(?: endpoints?)?", "bentoml", "ray serve",
                "onnx(?: runtime)?", "host(?:ing)? (?:the|our|a|an|it) (?:[a-z0-9-]+ )?(?:model|llm)?", "(?:smaller|bigger|larger|distilled|tiny|small|cheap|cheaper|heavy|big|first-stage|in-house|open|open-weights?|frontier|fallback) (?:[a-z0-9-]+ )?models?",
                "model servers?", "int8", "int4", "fp16", "fp8", "speculative decoding", "lora adapters?",
                "self-?host(?:ed|ing)?", "host(?:ed|ing)? (?:it |them )?ourselves", "hosted (?:api|model|llm|endpoint)",
                "(?:vendor|frontier|provider|openai|anthropic|third-party|external) (?:api|model|endpoint)s?",
                "on-?device (?:inference|model|asr|nlu)", "(?:runs?|running|inference) on (?:the )?(?:device|phone|speaker|car|edge)",
                "\\d+(?:\\.\\d+)?b(?: parameter)? models?", "(?:route|routing|router) (?:to|between|requests to) (?:a |the )?(?:smaller|cheaper|bigger|larger|right|different) (?:model|llm)s?",
                "model rout(?:er|ing)", "(?:llama|mistral|qwen|gemma|phi)(?: \\d+)?(?: \\d+b| [a-z]+ b)?",
                // A small model scored on CPUs is a serving decision too.
                "cpu inference",
                "(?:models?|trees?|classifiers?|xgboost|lightgbm|gbdts?|inference|scoring)[^.?!]{0,60} on (?:the )?cpus?",
                "(?:runs?|serve[sd]?|score[sd]?)[^.?!]{0,30} fast on (?:the )?cpus?",
            ]),
            &stems(&["quantiz", "quantis", "distill"]),
        ], &[&words(&["product quantis\\w*", "product quantiz\\w*"])])),
        (Autoscaling, Rule::with_skips(
            &[
                &words(&[
                    "(?:scale|scales|scaling) (?:it |them |that |the )?(?:[a-z]+ )?(?:out|in|down|up)(?: and (?:in|out|down|up))? (?:automatically|on|based on|with|when|as|by|to zero|off)",
                    "(?:scale|scales|scaling) (?:out|in|down) (?:the |our )?[a-z]+ (?:automatically|on|based on|with|when|as)",
                    // "As we scale up to millions of users" is growth, not autoscaling.
                    "(?:scale|scales|scaling) (?:it |them )?up (?:and down|when|automatically|based on|with (?:load|traffic|demand))",
                    "hpa", "keda", "cold[- ]starts?", "warm pools?", "pre-?warm(?:ed|ing)?", "scale to zero",
                    "provisioned concurrency", "spot (?:instances|gpus|nodes|capacity|fleet|pricing|vms?)",
                    "add (?:more )?(?:replicas|nodes|servers|gpus|machines|instances) (?:as|when)",
                    "queue depth", "(?:key|keys|keyed) off (?:the )?queue",
                ]),
                &stems(&["autoscal", "auto-scal", "auto scal"]),
            ],
            &[&words(&["at scale in", "scale in (?:the|a|an|our|this|terms)"])],
        )),
        (GpuBatching, Rule::new(&[&words(&[
            "dynamic batch(?:ing|es)?", "continuous batch(?:ing|es)?", "in-flight batching",
            "micro-?batch(?:ing|es)?", "gpu utili[sz]ation", "utili[sz]ation of the gpus?", "gpu util",
            "batch sizes?", "throughput per gpu", "tokens per second per gpu", "tokens/s(?:ec)?/gpu", "mig",
            "multi-instance gpu", "keep the gpus? busy", "saturate the gpus?", "pack the gpus?(?: full)?",
            "batch(?:ing)? (?:the |incoming |those |up )?(?:requests|prompts|queries|inference|calls|tokens|generations|images)",
            "pack(?:ing)? requests", "batching (?:on the|the) (?:gpu|model)", "(?:gpus?|model|inference)[^.?!]{0,40}\\bbatching\\b", "\\bbatching\\b[^.?!]{0,40}(?:gpus?|model|inference|throughput|tokens)",
        ])])),
        (Caching, Rule::new(&[
            &words(&[
                "kv cache", "(?:semantic|prompt|prefix|kv|embedding|result|response|answer|feature|prediction|inference|completion|llm|model|query|exact[- ]match) cach(?:e|es|ing)",
                "cach(?:e|es|ed|ing) (?:the |those |their |every |common |popular |top |frequent |repeated )?(?:[a-z0-9-]+ )?(?:answers?|responses?|results?|embeddings?|prompts?|completions?|predictions?|features?|scores?|outputs?|chunks?|vectors?|recommendations?|translations?|transcripts?|generations?|images?|suggestions?|rankings?)",
                "cache hits?(?: rate)?", "cache (?:the|those|every) (?:answer|response|result|embedding)s?",
            ]),
            &stems(&["memoi[sz]"]),
        ])),
        (DriftRetraining, Rule::with_skips(&[
            &words(&[
                "retrain(?:s|ed|ing)?", "re-train(?:ing)?", "stale models?", "model staleness",
                "refresh(?:ing)? the model", "continuous training", "continual learning",
                "monitor(?:ing)? the (?:input |data |feature |prediction |output )?distributions?",
                "distribution shift", "feedback loops?", "online learning", "model decay",
                "(?:weekly|nightly|daily|periodic) (?:re-?)?training",
                "fine-?tun(?:e|ing) (?:it )?(?:again|periodically|weekly|nightly)",
                "training[- ]serving skew", "skew", "(?:decline|approval|click|acceptance|handoff|fraud|error|score) rates? (?:moves?|shifts?|changes?|drops?|jumps?)",
                "(?:prediction|score|output|feature) distributions?",
            ]),
            &stems(&["drift"]),
        ], &[&words(&["drifts? (?:out of sync|apart)", "drifting (?:out of sync|apart)"])])),
        (Evaluation, Rule::with_skips(
            &[
                &words(&[
                    "evals?", "eval sets?", "golden (?:sets?|datasets?)", "offline metrics", "offline eval",
                    "a/b tests?", "a/b testing", "a/b tested", "ab tests?", "online experiments?", "online metrics?",
                    "human (?:review|labels?|raters?|eval|evaluation|annotators?)",
                    "human-rated", "audited sample", "judged set", "llm judge", "(?:an|the) judge",
                    "benchmark(?:ing)? the model", "llm[- ]as[- ](?:an? )?judge",
                    "win[- ]rates?", "holdouts?", "hold-outs?", "held-out", "hold back", "test sets?", "validation sets?",
                    "bleu", "rouge", "interleaving", "compare (?:their|its|the) (?:outputs?|results?|accuracy|metrics?)",
                    "compare [^.?!]{0,40} (?:against|with|to) the (?:old|current|production) (?:model|version|ranker|prompt)",
                    "(?:acceptance|resolution|wrong-answer|thumbs-down|apply) rates?", "groundedness", "hallucination (?:checks?|rate|monitoring|detection)",
                    "judge (?:the|it|them) on", "grades?", "csat",
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
            "behind a flag", "before widening", "ramp(?:s|ing)? (?:it )?up", "hold(?:ing)? back \\d+",
            "(?:to|on) (?:\\d+|one|five|ten|a few)(?: ?%| percent) of (?:the )?(?:users|tenants|traffic|devices|uploads|cars|requests|customers|fleet)",
            "(?:ships?|shipped) only if", "flip (?:readers|traffic|users) over", "one (?:surface|region|cohort) at a time",
            "new (?:[a-z]+ )?(?:versions?|models?|prompts?) (?:go|goes|are sent|get sent|ship)", "after every release",
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
            &words(&[
                "(?:spend|cost|budget) (?:counters?|caps?|limits?) per (?:team|tenant|user|customer)",
                "(?:monthly|daily|per-team|per-tenant|spend) caps?", "(?:the|our) (?:model|inference|gpu|llm|openai|api) bill",
                "off the bill", "(?:cheaper|pricier|costlier|more expensive) per (?:token|call|request|query|image|conversation|suggestion)",
                "per (?:token|call|request|query|image|conversation|suggestion|answer|million tokens)[^.?!]{0,30}[$€£]",
                "[$€£][^.?!]{0,40} per (?:token|call|request|query|image|conversation|suggestion|answer|million tokens)",
                "(?:each|a|per) (?:conversation|request|call|suggestion|query)[^.?!]{0,30}(?:dollars?|cents?)",
                "cents? each", "(?:dollars?|cents?) (?:a|per) (?:conversation|request|call|suggestion|query|image|user)",
            ]),
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
                "data residency", "safety (?:classifiers?|filters?|checks?|models?)", "guardrails?", "blocklists?",
                "malware", "exfiltrat\\w*", "poison(?:ed|ing)?", "content (?:filters?|moderation)", "moderation",
                "(?:no|never) (?:audio|data|pii|code|documents?) (?:leaves?|is stored|are stored|gets stored)",
                "(?:isn't|is not|never|aren't) stored", "scrub(?:bed|s|bing)?", "(?:allowed|permitted) to see",
                "refusals?", "blocked prompts", "prompt[- ]injection", "pin (?:inference|data|processing) to",
                "tenant(?:'s)? (?:data|boundar(?:y|ies)|isolation)", "row-level",
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
                "nightly batch(?:es)?", "streaming jobs?", "flink", "spark (?:reads|writes|job|jobs|scores)",
                "(?:online|offline) stores?", "change (?:log|feed|stream)s?", "re-?embed(?:ded|ding)?",
                "point-in-time", "training (?:set|data) (?:grows|is built|comes from)", "(?:train|trained) on (?:the|those)? ?logged",
                "log(?:ged)? the (?:exact )?(?:feature|values)", "snapshots? from the (?:warehouse|lake)",
                "serving table", "(?:send|route)s? (?:those |the )?(?:clips|samples|examples) to (?:the )?label",
                "(?:kafka|event) topics?", "replay (?:them|it|events)",
            ]),
            &stems(&["ingest"]),
        ])),
        (Observability, Rule::with_skips(
            &[
                &words(&[
                    "monitor(?:s|ed|ing)? (?:the |our |every |each |per-|for )?(?:[a-z0-9-]+ ){0,2}(?:latency|errors?|error rates?|p\\d+|throughput|queues?|lag|gpus?|memory|usage|health|quality|metrics|costs?|spend|traffic|saturation|uptime|slos?|psi|distributions?|drift|hit rates?|handoff|rates?)",
                    "(?:monitor(?:s|ed|ing)?|dashboards?) (?:in|with|via|on) (?:prometheus|grafana|datadog|cloudwatch|new relic|honeycomb)",
                    "monitor(?:s|ed|ing)? (?:how|when|whether|if|what|which|for) ", "mean time to (?:response|respond|recovery|detect)",
                    "dashboards?", "alert(?:s|ing|ed)? (?:on|when|if)", "page (?:on|when|if)", "tracing", "distributed traces?",
                    "opentelemetry", "otel", "slos?", "slis?", "on-?call rotation",
                    "(?:emit|collect|export|track|ship|watch|graph|chart)(?:s|ed|ing)? (?:[a-z0-9-]+ ){0,3}(?:metrics|logs|traces|latency|error rates?|p\\d+)",
                    "(?:structured|request|access|audit) logs", "(?:metrics|latency|error rate|p\\d+) (?:dashboards?|alerts?|per)",
                    "prometheus", "grafana", "datadog", "pagerduty", "paging", "error budgets?",
                    "page (?:someone|the on-call|us|if|when)", "we page", "graphs?", "consumer lag",
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
            "circuit[- ]breakers?", "retr(?:y|ies|ying) (?:with|on|against|the other|another)", "backup models?",
            "fail ?overs?", "failing over", "default responses?", "canned responses?",
            "serve (?:a )?stale", "static fallback", "kill[- ]switch(?:es)?", "load[- ]shedding", "shed load",
            "fail (?:open|closed)", "if (?:the |a |an |our )?(?:[a-z0-9-]+ ){0,3}(?:fails|dies|is down|goes down|is unreachable|errors|errors out|times out|crashes|is unavailable)",
            "when (?:the |a |an |our )?(?:[a-z0-9-]+ ){0,3}(?:fails|dies|is down|goes down|is unreachable|errors|times out|crashes)",
            "continues? with", "(?:gets?|is) rematched", "offers? (?:a |to )?(?:human|person|agent)", "hand(?:s|ing)? (?:it )?off to (?:a )?(?:human|person|agent)",
            "human handoff", "(?:a )?hand-?off to (?:a )?(?:human|person|agent)", "says it (?:doesn't|does not|didn't) (?:know|catch)", "step-up verification", "rather than blocking",
        ])])),
    ]
});
