//! Effects: what a claim does to a quality of the system, in which direction, and whether it
//! carries a magnitude. A trade-off is read from effects, not from marker words: a gain and a
//! price on different qualities ("batching adds 8 ms but each GPU serves three times as many
//! requests"), or a choice against a named alternative with what it wins or costs.
//!
//! Rules read the canonical sentence (lower case, misspellings put right).

use std::sync::LazyLock;

use regex::RegexSet;
use serde::{Deserialize, Serialize};

use super::matcher::{compile, set};

/// A quality of a system a design choice can move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quality {
    /// How long an answer takes.
    Latency,
    /// Money spent.
    Cost,
    /// Work done per machine or per second.
    Throughput,
    /// Quality of answers: accuracy, relevance, precision, recall.
    Accuracy,
    /// How up to date data, features or answers are.
    Freshness,
    /// Availability, durability, reliability.
    Availability,
    /// Complexity to build and run: moving parts, ops load, lock-in.
    Complexity,
    /// Memory, storage and disk footprint.
    Footprint,
    /// Where data goes and who can see it.
    Privacy,
}

/// Whether an effect is a gain or a price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Valence {
    /// The quality gets better (lower latency, lower cost, more throughput, ...).
    Gain,
    /// The quality gets worse.
    Price,
}

/// One effect a sentence claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Effect {
    /// What it moves.
    pub quality: Quality,
    /// Gain or price.
    pub valence: Valence,
}

/// (pattern, quality, valence): phrases that claim an effect.
#[rustfmt::skip]
const EFFECTS: &[(&str, Quality, Valence)] = {
    use Quality::*;
    use Valence::*;
    &[
        (r"\badds? (?:\S+ ){0,4}?(?:ms|milliseconds?|seconds?|latency|delay|lag|(?:a|an|one|another) (?:extra )?(?:network )?(?:hop|round[- ]trip|network call)|overhead)\b", Latency, Price),
        (r"\b(?:slower|laggier|more latency|higher latency|extra latency|latency (?:goes|will go|would go|creeps) up|(?:increases?|raises?|hurts?|bumps?|worsens?) (?:the |our )?(?:p\d+ |tail |end-to-end )?latency|latency (?:hit|penalty)|(?:an|one|an extra|another|extra) (?:hop|round[- ]trip|network call)|cold starts?|waits? longer|(?:extra|more|added|some) (?:delay|lag)|slow(?:s)? (?:it |things |us )?down)\b", Latency, Price),
        (r"\b\d+(?:\.\d+)? ?(?:ms|milliseconds?|seconds?|s) (?:more|slower|extra|worse|added|longer)\b|(?:\+|plus )\d+ ?ms\b|\bmore like \d+ ?(?:ms|seconds)\b", Latency, Price),
        (r"\b(?:faster|quicker|snappier|lower latency|less latency|latency (?:drops|goes down|improves)|(?:cuts?|reduces?|lowers?|saves?|shaves?|halves?|trims?) (?:\S+ ){0,3}?(?:latency|ms|milliseconds|seconds|time to first token|ttft|p\d+|wait)|instant(?:ly)?|sub-?second|(?:skips?|avoids?|saves?) (?:a|the|one|an) (?:network )?(?:hop|round[- ]trip|network call)|speeds? (?:it |things |us )?up)\b", Latency, Gain),
        (r"\b(?:more expensive|pricier|costlier|costs? (?:\S+ ){0,3}?more|higher (?:cost|costs|bill|spend)|(?:increases?|raises?|doubles?|triples?|inflates?) (?:the |our )?(?:\S+ )?(?:cost|costs|bill|spend)|(?:cost|costs|bill|spend) (?:goes|go|will go|would go) up|we pay (?:for|more)|(?:extra|more) (?:gpus?|machines|servers|hardware|replicas|nodes|instances|spend|money|dollars)|adds? (?:\S+ ){0,3}?(?:cost|dollars|to the bill)|burns? (?:more )?(?:money|cash|gpu[- ]hours)|expensive|(?:premium|paying) for)\b", Cost, Price),
        (r"\b(?:cheaper|cheap|(?:cuts?|reduces?|lowers?|saves?|halves?|slashes?|trims?) (?:\S+ ){0,3}?(?:cost|costs|bill|spend|money|dollars|\$|gpu[- ]hours)|saves? (?:us )?(?:\$|money)|lower (?:cost|costs|bill|spend)|fewer (?:gpus|machines|servers|nodes|replicas|instances|boxes)|costs? (?:\S+ ){0,3}?less|less (?:money|spend)|(?:cost|costs|bill) (?:drops?|goes down))\b", Cost, Gain),
        (r"\b(?:(?:serves?|handles?|processes?|pushes?|gets?|fits?) (?:\S+ ){0,4}?(?:more|twice|three times|four times|ten times|(?:\d+|two|three|four|five|ten) ?x|double|triple)|more (?:throughput|requests|qps|tokens)|higher throughput|throughput (?:goes up|doubles|triples|improves)|(?:doubles?|triples?|boosts?|increases?|improves?) (?:the |our )?(?:gpu )?(?:throughput|utili[sz]ation)|(?:better|higher) (?:gpu )?utili[sz]ation)\b", Throughput, Gain),
        (r"\b(?:lower throughput|less throughput|throughput (?:drops|suffers|goes down)|(?:fewer|less) (?:requests|tokens) per|(?:lower|worse) utili[sz]ation|idle gpus?)\b", Throughput, Price),
        (r"\b(?:more accurate|(?:better|higher) (?:quality|accuracy|answers|results|recall|precision|relevance|ranking|recommendations)|improves? (?:the |our )?(?:accuracy|quality|recall|precision|relevance)|smarter|fewer (?:errors|mistakes|hallucinations|false positives|false negatives|wrong answers))\b", Accuracy, Gain),
        (r"\b(?:less accurate|(?:worse|lower) (?:quality|accuracy|answers|results|recall|precision|relevance|ranking)|(?:loses?|lose|losing|sacrifices?|drops?|gives? up) (?:\S+ ){0,2}?(?:accuracy|quality|recall|precision|relevance)|dumber|(?:accuracy|quality|recall|precision|relevance) (?:drops?|dips?|hit|loss|suffers|goes down|takes a hit)|more (?:errors|mistakes|hallucinations|false positives|false negatives|wrong answers)|hallucinates? more)\b", Accuracy, Price),
        (r"\b(?:staler?|staleness|(?:minutes|hours|seconds|a day|a few minutes) (?:old|behind|stale|out of date|late)|eventual(?:ly)? consisten\w*|out of date|lags? behind)\b", Freshness, Price),
        (r"\b(?:fresher|(?:real[- ]time|instant) (?:updates|features|data)|up to date|strongly consistent)\b", Freshness, Gain),
        (r"\b(?:single point of failure|less (?:reliable|available|durable)|(?:lose|losing|drop|dropping) (?:some )?(?:data|messages|writes|events)|more downtime|(?:could|might|will|would) go down|outages?)\b", Availability, Price),
        (r"\b(?:more (?:reliable|available|resilient|durable)|survives?|no single point|(?:higher|better) (?:availability|durability|reliability|uptime)|fault[- ]tolerant|keeps? (?:working|serving))\b", Availability, Gain),
        (r"\b(?:more (?:complex|complicated|moving parts|ops|operational|work|code|overhead|maintenance|engineering|to (?:run|maintain|operate|build))|complexity|complicated|harder (?:to|for)|(?:ops|operational|maintenance|engineering) (?:burden|overhead|cost|work|effort|load)|on-?call|we (?:have to |now )?own (?:the|it|that|them)|another (?:system|service|thing|cluster|component|piece) to (?:run|maintain|operate|babysit|manage)|babysit|takes? (?:longer|more time|weeks|months) to build|(?:vendor )?lock-?in|operational pain)\b", Complexity, Price),
        (r"\b(?:simpler|simple|easier|less (?:ops|code|work|complexity|overhead|maintenance)|zero ops|no ops|(?:fully )?managed|fewer moving parts|off the shelf|out of the box)\b", Complexity, Gain),
        (r"\b(?:more (?:memory|storage|disk|ram|vram|space)|(?:memory|storage|disk|index) (?:overhead|grows|doubles|blows up)|(?:bigger|larger) (?:index|model|footprint)|(?:doubles?|triples?) (?:the )?(?:storage|memory))\b", Footprint, Price),
        (r"\b(?:less (?:memory|storage|disk|ram|vram|space)|(?:smaller|tiny) (?:index|footprint|model)|compress\w*|(?:cuts?|halves?|saves?) (?:\S+ ){0,2}?(?:memory|storage|ram|vram|disk))\b", Footprint, Gain),
        (r"\b(?:data leaves|(?:send|sending|ship|shipping) (?:\S+ ){0,3}?to (?:a |the )?(?:third[- ]party|vendor|openai|external)|(?:vendor|provider|third party) sees|privacy risk)\b", Privacy, Price),
        (r"\b(?:stays? on (?:the )?(?:device|phone|prem|premises)|never leaves|data stays)\b", Privacy, Gain),
    ]
};

static EFFECT_SET: LazyLock<RegexSet> = LazyLock::new(|| {
    let rules: Vec<_> = EFFECTS
        .iter()
        .map(|(p, _, _)| super::matcher::Rule::new(&[*p]))
        .collect();
    set(rules.iter())
});

/// The effects sentence `s` (canonical) claims, each (quality, valence) once, in table order.
pub(crate) fn effects(s: &str) -> Vec<Effect> {
    let mut out: Vec<Effect> = Vec::new();
    for k in EFFECT_SET.matches(s).iter() {
        let (_, quality, valence) = EFFECTS[k];
        let e = Effect { quality, valence };
        if !out.contains(&e) {
            out.push(e);
        }
    }
    out
}

/// Whether a list of effects weighs something: a gain and a price on different qualities.
pub(crate) fn opposing(effects: &[Effect]) -> bool {
    effects.iter().any(|a| {
        a.valence == Valence::Gain
            && effects
                .iter()
                .any(|b| b.valence == Valence::Price && b.quality != a.quality)
    })
}

/// A named alternative or a weighing marker: "instead of", "rather than", "vs", "over", "the
/// downside", "on the other hand", "we could ... but".
static ALTERNATIVE: LazyLock<regex::Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:trade[- ]?offs?|vs|versus|instead of|rather than|compared (?:to|with)|as opposed to|over (?:a|an|the)?\s?[a-z0-9-]+ (?:because|since|as)|alternatively|the alternative|an alternative|another option|the other option|other approach|pros and cons|downsides?|drawbacks?|the catch|the price|the cost is|on the other hand|in exchange|at the (?:cost|expense) of|we give up|we lose|sacrific\w*|but then|upside|the benefit|the win|(?:we|i) could (?:also )?[a-z]+|or we could|either [a-z]+|if we (?:instead|went with|used|use|go with|do)|otherwise|worth it|not worth)\b",
    )
});

/// Whether sentence `s` names an alternative or a weighing marker.
pub(crate) fn names_alternative(s: &str) -> bool {
    ALTERNATIVE.is_match(s)
}

/// A sentence that opens by answering the one before with a price or a gain: "But ...",
/// "The downside is ...", "In exchange ...".
static CONTINUES: LazyLock<regex::Regex> = LazyLock::new(|| {
    compile(
        r"^[\s'(*•-]*(?:(?:um+|uh+|so|and|well|yeah|okay|ok)\b[\s,]*)*(?:but|though|however|on the other hand|the (?:downside|drawback|catch|price|cost|upside|benefit|flip side|trade[- ]?off)|in exchange|that said|then again|we lose|we give up|we gain|we get|in return|the other side)\b",
    )
});

/// Whether sentence `s` continues the weighing of the sentence before it.
pub(crate) fn continues(s: &str) -> bool {
    CONTINUES.is_match(s)
}

/// A magnitude in words: "halves", "doubles", "ten times", "an order of magnitude", "a third".
static MAGNITUDE: LazyLock<regex::Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:halv(?:e|es|ed|ing)|in half|doubl(?:e|es|ed|ing)|tripl(?:e|es|ed|ing)|quadrupl\w+|twice|thrice|(?:two|three|four|five|six|seven|eight|nine|ten|a hundred|hundred|\d+) ?(?:times|x|fold)|(?:an|one|two) orders? of magnitude|(?:a|one|two) (?:third|quarter|fifth|tenth|half)s?|half (?:the|of)|(?:two|three) (?:thirds|quarters)|a fraction of)\b|\b\d+(?:\.\d+)?x\b|~\d",
    )
});

/// Whether sentence `s` carries a magnitude in words.
pub(crate) fn has_magnitude(s: &str) -> bool {
    MAGNITUDE.is_match(s)
}

/// Quality nouns: a weighing marker needs one of these nearby to weigh anything.
static QUALITY_WORD: LazyLock<regex::Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:latency|latencies|speed|fast|slow|cost|costs|money|price|bill|spend|cheap|expensive|throughput|accuracy|accurate|quality|recall|precision|relevance|fresh|freshness|stale|consisten\w*|availability|available|durab\w*|reliab\w*|complex\w*|simple|simpler|ops|operational|maintenance|memory|storage|privacy|security|scal\w*|flexib\w*|control|lock-?in|risk\w*|effort|time to market|ux|user experience|hallucinat\w*)\b",
    )
});

/// Whether sentence `s` names a quality of the system.
pub(crate) fn names_quality(s: &str) -> bool {
    QUALITY_WORD.is_match(s)
}
