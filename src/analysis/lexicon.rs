//! Word lists the sentence detectors match against, compiled once.
//!
//! Each list favours precision: a missed phrase costs one signal, while a false one puts a wrong
//! claim in a critique. Skip-lists name the lookalikes ("at the cost of" is not about money).
//! Concerns, topics, questions and components keep their lists next to their own logic.
//!
//! The lists are `#[rustfmt::skip]`: rustfmt would put every phrase on its own line, which makes a
//! vocabulary hard to scan and review as a whole.

use std::sync::LazyLock;

use super::matcher::{Rule, stems, words};

/// Weighing an alternative or naming the price of a choice.
#[rustfmt::skip]
pub(crate) static TRADEOFF: LazyLock<Rule> = LazyLock::new(|| {
    Rule::with_skips(&[
        &words(&[
            "trade[- ]?offs?", "vs", "versus", "instead of", "rather than", "at the (?:cost|expense|price) of",
            "(?:is|are|'s|would be) (?:much |way |far |a lot )?(?:worse|better|riskier|safer) than",
            "trad(?:e|ing) (?:off )?(?:some|a bit of|a little|more|less)? ?[a-z]+ for", "accept(?:ing)? (?:[a-z0-9%]+ ){0,5}?(?:more|less|higher|lower|worse|extra|slower) [^.?!]{0,40}?(?:to|for|so)",
            "(?:the|a|one|big|main) downsides?", "downsides? (?:is|are|of|here)", "drawbacks?",
            "the cost is", "the catch is", "on the other hand", "alternatively", "the alternative",
            "an alternative", "another option", "the other option", "pros and cons", "we give up",
            "give up some", "in exchange", "compared (?:to|with)", "as opposed to",
            "the price (?:we pay|is)", "we lose", "we sacrifice", "sacrificing", "not worth",
            "but (?:it|that|this|they|we|you)(?: (?:might|would|could|will|may|can|do))? (?:adds?|costs?|means|increases|hurts|requires|makes|introduces|loses?|complicates|needs|reduces|sacrifices?|gives? up|degrades?)",
            "(?:cheaper|faster|simpler|easier|slower|costlier|safer|smaller|bigger|worse|better|riskier|more [a-z]+|less [a-z]+)(?: [a-z0-9-]+){0,6},? but",
            "but (?:it |that |this )?(?:gives us|we get|buys us)",
            "(?:pick|choose|prefer|go with|favou?r|i'd take) [^.?!,]{1,40}? over",
        ]),
        &stems(&["sacrific"]),
    ],
    // "The cost is dominated by GPUs" states a cost; it weighs nothing.
    &[&words(&["the cost is (?:dominated|mostly|mainly|about|around|roughly|approximately|driven|\\$|\\d)"])])
});

/// Money and cost.
#[rustfmt::skip]
pub(crate) static COST: LazyLock<Rule> = LazyLock::new(|| {
    Rule::with_skips(
        &[
            &words(&[
                "costs?", "costly", "cheap(?:er|est|ly)?", "expensive", "pricey", "dollars?", "cents?",
                "budgets?", "spend(?:ing)?", "pricing", "prices?", "gpu[- ]hours?",
                // A bare "bill" is as often a name as an invoice.
                "(?:the|our|a|no|cloud|aws|gcp|azure|monthly|compute|gpu|inference|server|huge|big) bills?",
                "(?:more|less) per (?:token|call|request|query|seat|user|conversation|gpu)",
                "pay(?:ing)? (?:the |a |an )?(?:vendor|provider|openai|anthropic|api|cloud)",
                "reserved (?:instances|capacity)", "spot (?:instances|gpus|nodes|capacity|pricing)",
                "frugal", "tco", "total cost", "savings?", "save money", "opex", "capex", "margins?",
                "afford(?:able)?", "economical", "roi", "cost-effective", "per[- ]token pricing",
                "bucks", "grand a (?:month|year)", "invoices?", "billing", "billed", "markup", "per seat",
                "(?:give|gives|giving) (?:[a-z]+ )?money", "money away", "(?:save|saves|saving|costs?|burn|burns|burning|spend|spending|waste|wasting|lose|losing|more|less|a lot of|extra) money",
                "(?:egress|transfer|api|usage|overage|vendor|licen[cs]e|hosting|subscription) (?:charges|fees?)",
                "charges? (?:us|per|by the)", "pricier", "costlier", "budget[- ]friendly",
            ]),
            r"\b\d+(?:\.\d+)? ?k (?:a|per) (?:month|year)\b",
            r"[$€£]\s?\d",
        ],
        &[&words(&[
            "at the cost of", "at all costs?", "bill of materials", "(?:cost|loss|objective) functions?",
            "budget(?:ed|ing|s)? (?:\\S+ ){0,2}(?:ms|milliseconds|seconds|of the \\d+)", "(?:just|only|multiple|in|other) (?:dollars|currencies|euros)", "currenc(?:y|ies)",
            "spend (?:some |more |a lot of |too much |less )?time", "budget (?:some |more )?time",
            // Margins of error or safety are not money.
            "margins? (?:of|for) (?:error|safety|accuracy)", "(?:safety|error|accuracy) margins?",
            // A latency or error budget is about time and reliability, not money.
            "(?:latency|error|time|token|context|memory|compute time|power|battery) budgets?",
        ])],
    )
});

/// Latency and response time.
#[rustfmt::skip]
pub(crate) static LATENCY: LazyLock<Rule> = LazyLock::new(|| {
    Rule::with_skips(
        &[
            &words(&[
                "latenc(?:y|ies)", "p50", "p90", "p95", "p99", "p999", "p99\\.9", "milliseconds?", "ms",
                "response times?", "ttft", "time to first (?:token|byte)", "round[- ]trips?", "rtt",
                "slow(?:er|est|ness|down)?", "fast responses?", "respond (?:fast|quickly)", "snappy",
                "laggy", "lag", "real[- ]time", "sub-?second", "under (?:a|one) second", "how fast",
                "time to interactive",
                "(?:reads?|writes?|lookups?|responses?|respond|answers?|loads?|queries|querys|search(?:es)?|ranking|inference|retrieval|api|page|feed|bot|model|service|redirects?|checks?)[^.?!,]{0,20}\\b(?:super |really |very |pretty |so |blazing )?(?:fast|quick|snappy)\\b",
                "(?:fast|quick|slow) enough", "how long (?:the |a )?(?:users?|customers?|people|riders?|drivers?) (?:wait|waits|waiting)",
                "waits? (?:before|around|longer)", "won't wait", "wont wait", "(?:notice|any) delay", "within (?:a|one|\\d+) (?:minute|second)s? of", "take much time",
            ]),
            r"\b\d+(?:\.\d+)?\s?(?:ms|msecs?|s|secs?|seconds?)\b",
            &words(&["(?:one|two|three|five|ten|fifty|hundred|few|couple of) (?:milliseconds|seconds)"]),
        ],
        // "100s of users" is hundreds, not seconds; staleness, refresh periods, TTLs and timeouts
        // are durations, not how fast anyone gets an answer.
        &[
            r"\b\d+s of\b",
            r"\b(?:consumer|replication|kafka|pipeline|ingest(?:ion)?) lag\b", r"\bevery (?:\w+ )?(?:seconds?|minutes?|hours?|few seconds)\b",
            r"\b\d+(?:\.\d+)? ?(?:s|secs?|seconds?) each\b", r"\blast few seconds\b",
            r"\b(?:a )?few seconds(?:,)? (?:behind|to (?:update|show|appear|propagate)|stale|old|late|maybe)\b", r"\bfor a few seconds\b",
            r"\breal[- ]time(?:,)? (?:or|analytics|updates|data|features|dashboards?|counts?|reporting|feeds?)\b", r"\bin real[- ]time,? or\b",
            r"\b(?:every|ttl(?: is| of)?|timeout of|times? out after|expires? after|stale for|refresh(?:ed)? every) \d+(?:\.\d+)?\s?(?:ms|msecs?|s|secs?|seconds?)\b",
            r"\b\d+(?:\.\d+)?\s?(?:s|secs?|seconds?) (?:behind|stale|old|of staleness|ttl)\b",
            r"\b(?:a few|few|couple of|several) seconds (?:behind|stale|old|of staleness)\b",
        ],
    )
});

/// Vague claims; only counted in sentences with no number and no question.
#[rustfmt::skip]
pub(crate) static VAGUE: LazyLock<Rule> = LazyLock::new(|| {
    Rule::new(&[&words(&[
        "(?:really|super|very|extremely|crazy|insanely) (?:fast|quick)", "blazing(?:ly)?(?: fast)?",
        "lightning[- ]fast", "(?:very |super |ultra[- ]?|really |extremely )?low[- ]latency",
        "(?:highly|infinitely|massively|extremely|super|very|really|hugely) scal(?:able|es)",
        "scales? (?:easily|infinitely|effortlessly|to anything|really well|very well)", "scale easily",
        "a lot of (?:users|traffic|data|requests|load|people|qps|queries|volume|storage|compute)",
        "lots of (?:users|traffic|data|requests|load|people|queries)", "tons of", "a ton of", "huge",
        "massive(?: scale)?", "(?:web|internet|planet|google)[- ]scale",
        "handle any (?:load|scale|amount)", "unlimited", "(?:really|very|super) (?:big|large|high)",
        // Claims that something will be fine, with nothing behind them.
        "(?:won't|wont|will not|isn't|is not|not gonna|shouldn't|should not|never) (?:really )?(?:be )?(?:a |an )?(?:big )?(?:problem|issue|bottleneck|concern|expensive|slow)",
        "(?:scale|scales|handle|handles|support|supports|cope|copes)[^.?!]{0,30}(?:no problem|just fine|really well|easily|any load|anything|way more|without (?:any )?limits?|basically any|no sweat)",
        "(?:fast|cheap|quick|big|good|snappy) enough", "(?:capacity|cost|latency|storage|throughput|performance) (?:is|will be|should be) fine",
        "(?:we're|were|we are|it's|its) fine (?:there|on that)", "throw more (?:servers|machines|hardware|gpus|nodes) at it", "not worried",
        "(?:feel|be|is|are|will be|load|loads) (?:super |really |basically |pretty |very )?(?:instant|instantly|snappy|negligible|lightweight|fast|quick|cheap)",
        "(?:realy|really|super|crazy|insanely|pretty) (?:fast|quick|cheap|expensive|snappy|big|small)", "hudge|huge amounts?", "basically instant",
        "(?:not|isn't|won't be) (?:gonna be )?(?:that |very |too |super )?(?:expensive|slow|much (?:time|cost|money))", "pretty cheap",
        "(?:milions|millions|billions) of (?:users|requests|people) no problem",
    ])])
});

/// Text aimed at a grader or a model instead of the interviewer. "System prompt" alone is not
/// here: candidates designing LLM products talk about system prompts all the time.
#[rustfmt::skip]
pub(crate) static INJECTION: LazyLock<Rule> = LazyLock::new(|| {
    Rule::new(&[&words(&[
        "ignore (?:all |any |the |your |my |of )*(?:previous|prior|above|preceding|earlier|former|foregoing|other) (?:instructions|prompts?|rules|directions|messages|context|guidelines)",
        "disregard (?:all |any |the |your |my )*(?:previous |prior |above |preceding |earlier )?(?:instructions|prompts?|rules|directions|guidelines|rubric)",
        "forget (?:all |any |the |your )*(?:previous |prior |earlier )?(?:instructions|rules|rubric)",
        "you are now (?:a|an|the|my|acting|in (?:developer|god|dan) mode|dan)",
        "as an ai language model",
        "(?:reveal|print|show|ignore|override|update|new|change) (?:your |the )?system prompt",
        "system prompt\\s*:",
        "rate (?:this|me|the|my)(?: candidate| answer| response| interview| performance| round)? (?:as )?(?:an? )?(?:strong|definite|clear) (?:hire|yes)",
        "(?:give|award|assign|grant) (?:me|this candidate|the candidate|this answer|this response|them|this) (?:an? )?(?:perfect|high|full|maximum|max|top|10/10|5/5) (?:score|marks?|rating|grade)",
        "note to (?:the |any )?(?:grader|evaluator|reviewer|judge|ai|llm|model|assessor|scorer)s?",
        "(?:grader|evaluator|reviewer|judge)s? (?:should|must) (?:give|rate|score|mark|pass)",
        "(?:this candidate|the candidate|i) (?:is|am|should be|deserves?) (?:an? )?(?:strong|definite) hire",
        "new instructions\\s*:",
    ])])
});

/// Fake chat-role lines ("SYSTEM:", "<|im_start|>"). They match at a sentence start; the caller
/// confirms the sentence also starts a line, since "Overview. System: ..." is prose.
#[rustfmt::skip]
pub(crate) static ROLE_LINE: LazyLock<Rule> = LazyLock::new(|| {
    Rule::new(&[
        r"^(?:system\s*:|\[system\]|<\|im_start\|>|<\|system\|>|<\|im_end\|>|###\s*(?:system|instruction)|\[inst\]|<<sys>>)",
    ])
});

/// Reasons given for a choice.
#[rustfmt::skip]
pub(crate) static JUSTIFICATION: LazyLock<Rule> = LazyLock::new(|| {
    Rule::with_skips(
        &[
            &words(&[
                "because", "cuz", "coz", "since", "so that", "in order to", "the reason", "reason is",
                "which lets us", "which allows", "that lets us", "this lets us", "that allows",
                "this allows", "that way", "this way we", "so we can", "so we don't", "so it can",
                "which means we", "given that", "due to", "the rationale", "the idea is",
                "the point is", "that's why", "this is why", "which is why",
            ]),
            r"'cause\b",
            // A purpose after the choice: "stateless, so every call knows its deadline", "a
            // queue to avoid dropping writes" (not the filler "okay so the ...").
            r"(?:^\W*|\w,? )so (?:every|each|only|nothing|no|users?|clients?|callers?)\b",
            r"\bto (?:avoid|prevent|limit|protect|guarantee|ensure|make sure)\b",
        ],
        // "Since 2020" and "since then" tell time, not reasons.
        &[&words(&["since (?:\\d+|then|last|yesterday|the (?:beginning|start)|day one)"])],
    )
});

/// Arithmetic and derivation words that turn two numbers into an estimate.
#[rustfmt::skip]
pub(crate) static SIZING_CUE: LazyLock<Rule> = LazyLock::new(|| {
    Rule::with_skips(
        &[
            &words(&[
                "times", "x", "divided by", "divide by", "dividing", "multipl(?:y|ied|ying)", "that's",
                "thats", "that is", "which is", "which gives", "which comes", "which works",
                "which means", "gives us", "gives you", "works out", "comes (?:to|out)", "adds up",
                "so (?:roughly|about|around|approximately|like|maybe|call it|that's)", "roughly",
                "approximately", "ballpark", "back[- ]of[- ](?:the[- ])?envelope", "call it", "in total",
                "total of", "that'd be", "that would be", "would be (?:about|around|roughly)",
                "is (?:about|around|roughly|like)", "means (?:about|around|roughly)", "each",
                // Per-head figures multiply a population; "per request" alone is a unit price.
                "per (?:user|person|customer|dau|device|tenant|account)",
                "peak (?:factor|multiplier)", "(?:a|per) day[^.?!]{0,80}(?:per second|a second|qps|rps)",
            ]),
            // A share of a figure worked out: "3% of 20 million is 600k".
            r"\d+(?:\.\d+)? ?(?:%|percent) of [^.?!]{1,30}? (?:is|are|gives|means)\b",
            r"[×*=~≈→]|->|\s/\s|\b\d+(?:\.\d+)?x (?:at |during |for )?peak",
        ],
        // "Response times" and "at peak times" are not multiplication.
        &[&words(&[
            "(?:response|load|wait|query|round[- ]trip|startup|boot|build|access|read|write|lookup|processing|latency|many|few|several|some|all|at|other|peak|busy|quiet|compute|training|inference|run) times",
        ])],
    )
});

/// The strongest derivation words: enough, with a number, to continue an estimate begun in the
/// previous sentence ("Say 100M DAU. So that's about 1B requests a day.").
#[rustfmt::skip]
pub(crate) static SIZING_FOLLOW_ON: LazyLock<Rule> = LazyLock::new(|| {
    Rule::new(&[
        &words(&[
            "that's", "thats", "that is", "which gives", "which is", "which comes", "works out", "comes (?:to|out)", "adds up", "in total", "divided", "multipl(?:y|ied)",
            "so (?:roughly|about|around|approximately|like|that's|we need|we'd need)",
        ]),
        r"[=≈~→]|->",
    ])
});
