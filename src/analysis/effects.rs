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
        (r"\b(?:slower|laggier|more latency|higher latency|extra latency|latency (?:goes|will go|would go|creeps) up|(?:increases?|raises?|hurts?|bumps?|worsens?) (?:the |our )?(?:p\d+ |tail |end-to-end )?latency|latency (?:hit|penalty)|(?:an|one|an extra|another|extra) (?:hop|round[- ]trip|network call)|waits? longer|(?:extra|more|added|some) (?:delay|lag)|slows? (?:\S+ )?down|waits? (?:up to |about |for |like |maybe |around )*\d+ ?(?:ms|millis|milliseconds|seconds))\b", Latency, Price),
        (r"\b\d+(?:\.\d+)? ?(?:ms|milliseconds?|seconds?|s) (?:more|slower|extra|worse|added|longer)\b|(?:\+|plus )\d+ ?ms\b|\bmore like \d+ ?(?:ms|seconds)\b", Latency, Price),
        (r"\b(?:faster|quicker|snappier|lower latency|less latency|latency (?:drops|goes down|improves)|(?:cuts?|reduces?|lowers?|saves?|shaves?|halves?|trims?) (?:\S+ ){0,3}?(?:latency|ms|milliseconds|seconds|time to first token|ttft|p\d+|wait)|sub-?second|(?:skips?|avoids?|saves?) (?:a|the|one|an) (?:network )?(?:hop|round[- ]trip|network call)|speeds? (?:it |things |us )?up|saves? (?:us )?(?:\S+ ){0,4}?(?:lookups|reads|round[- ]trips|hops|network calls|disk (?:reads|seeks)))\b", Latency, Gain),
        (r"\b(?:(?:\d+|two|three|four|five|six|eight|ten|twice|double|triple) ?(?:times|x) (?:the |as much |more )?(?:gpus?|cost|spend|bill|hardware|servers|machines)|more expensive|pricier|costlier|costs? (?:\S+ ){0,3}?more|higher (?:cost|costs|bill|spend)|(?:increases?|raises?|doubles?|triples?|inflates?) (?:the |our )?(?:\S+ )?(?:cost|costs|bill|spend)|(?:cost|costs|bill|spend) (?:goes|go|will go|would go) up|we pay (?:for|more)|(?:extra|more) (?:gpus?|hardware|spend|money|dollars)|adds? (?:\S+ ){0,3}?(?:cost|dollars|to the bill)|burns? (?:more )?(?:money|cash|gpu[- ]hours)|expensive|(?:premium|paying) for)\b", Cost, Price),
        (r"\b(?:cheaper|cheap|(?:cuts?|reduces?|lowers?|saves?|halves?|slashes?|trims?) (?:\S+ ){0,3}?(?:cost|costs|bill|spend|money|dollars|\$|gpu[- ]hours)|saves? (?:us )?(?:\$|money)|lower (?:cost|costs|bill|spend)|fewer (?:gpus|machines|servers|nodes|replicas|instances|boxes)|costs? (?:\S+ ){0,3}?less|less (?:money|spend)|(?:cost|costs|bill) (?:drops?|goes down))\b", Cost, Gain),
        (r"\b(?:(?:serves?|handles?|processes?|pushes?|gets?|fits?|does|do|doing|runs?) (?:\S+ ){0,4}?(?:more|twice|three times|four times|ten times|(?:\d+|two|three|four|five|ten) ?x|double|triple)|more (?:throughput|requests|qps|tokens)|higher throughput|throughput (?:goes up|doubles|triples|improves)|(?:doubles?|triples?|boosts?|increases?|improves?) (?:the |our )?(?:gpu )?(?:throughput|utili[sz]ation)|(?:better|higher) (?:gpu )?utili[sz]ation)\b", Throughput, Gain),
        (r"\b(?:(?:\d+|two|three|four|five|six|eight|ten|twice|double|triple) ?(?:times|x) (?:the |as much |more )?compute|lower throughput|less throughput|throughput (?:drops|suffers|goes down)|(?:fewer|less) (?:requests|tokens) per|(?:lower|worse) utili[sz]ation|idle gpus?)\b", Throughput, Price),
        (r"\b(?:more accurate|(?:better|higher) (?:quality|accuracy|answers|results|recall|precision|relevance|ranking|recommendations)|improves? (?:the |our )?(?:accuracy|quality|recall|precision|relevance)|smarter|fewer (?:errors|mistakes|hallucinations|false positives|false negatives|wrong answers))\b", Accuracy, Gain),
        (r"\b(?:less accurate|(?:worse|lower) (?:quality|accuracy|answers|results|recall|precision|relevance|ranking)|(?:loses?|lose|losing|sacrifices?|drops?|gives? up) (?:\S+ ){0,2}?(?:accuracy|quality|recall|precision|relevance)|dumber|(?:accuracy|quality|recall|precision|relevance) (?:drops?|dips?|hit|loss|suffers|goes down|takes a hit)|more (?:errors|mistakes|hallucinations|false positives|false negatives|wrong answers)|hallucinates? more)\b", Accuracy, Price),
        (r"\b(?:staler?|staleness|outdated|(?:minutes|hours|seconds|a day|a few minutes) (?:old|behind|stale|out of date|late)|eventual(?:ly)? consisten\w*|out of date|lags? behind)\b", Freshness, Price),
        (r"\b(?:fresher|(?:real[- ]time|instant) (?:updates|features|data)|up to date|strongly consistent|strong consistency|always fresh)\b", Freshness, Gain),
        (r"\b(?:single point of failure|less (?:reliable|available|durable)|(?:lose|losing|drop|dropping) (?:some )?(?:data|messages|writes|events)|more downtime|(?:could|might|will|would) go down|outages?)\b", Availability, Price),
        (r"\b(?:more (?:reliable|available|resilient|durable)|survives?|no single point|(?:higher|better) (?:availability|durability|reliability|uptime)|fault[- ]tolerant|keeps? (?:working|serving))\b", Availability, Gain),
        (r"\b(?:more (?:complex|complicated|moving parts|ops|operational|work|code|overhead|maintenance|engineering|to (?:run|maintain|operate|build))|complexity|complicated|harder (?:to|for)|(?:ops|operational|maintenance|engineering) (?:burden|overhead|cost|work|effort|load)|on-?call|we (?:have to |now )?own (?:the|it|that|them)|another (?:system|service|thing|cluster|component|piece) to (?:run|maintain|operate|babysit|manage)|babysit|takes? (?:longer|more time|weeks|months) to build|(?:vendor )?lock-?in|operational pain)\b", Complexity, Price),
        (r"\b(?:simpler|simple|easier|less (?:ops|code|work|complexity|overhead|maintenance)|zero ops|no ops|(?:fully )?managed|fewer moving parts|off the shelf|out of the box)\b", Complexity, Gain),
        (r"\b(?:more (?:memory|storage|disk|ram|vram|space)|(?:memory|storage|disk|index) (?:overhead|grows|doubles|blows up)|(?:bigger|larger) (?:index|model|footprint)|(?:doubles?|triples?) (?:the )?(?:storage|memory)|costs? (?:\S+ ){0,3}?(?:mb|gb|kb|tb|bytes|memory|ram|storage)|uses? more (?:storage|memory|disk|ram))\b", Footprint, Price),
        (r"\b(?:less (?:memory|storage|disk|ram|vram|space)|(?:smaller|tiny) (?:index|footprint|model)|compress\w*|(?:cuts?|halves?|saves?) (?:\S+ ){0,2}?(?:memory|storage|ram|vram|disk))\b", Footprint, Gain),
        (r"\b(?:data leaves|(?:send|sending|ship|shipping) (?:\S+ ){0,3}?to (?:a |the )?(?:third[- ]party|vendor|openai|external)|(?:vendor|provider|third party) sees|privacy risk)\b", Privacy, Price),
        (r"\b(?:stays? on (?:the )?(?:device|phone|prem|premises)|never leaves|data stays|keeps? (?:the |all )?(?:data|everything|it|audio|photos) on (?:the )?(?:device|phone|prem|premises|laptop))\b", Privacy, Gain),
    ]
};

static EFFECT_SET: LazyLock<RegexSet> = LazyLock::new(|| {
    let rules: Vec<_> = EFFECTS
        .iter()
        .map(|(p, _, _)| super::matcher::Rule::new(&[*p]))
        .collect();
    set(rules.iter())
});

/// The effects sentence `s` (canonical) claims, each (quality, valence) once: the phrase table
/// first, then quality words paired with the direction words of their clause.
pub(crate) fn effects(s: &str) -> Vec<Effect> {
    let mut out: Vec<Effect> = Vec::new();
    for k in EFFECT_SET.matches(s).iter() {
        let (_, quality, valence) = EFFECTS[k];
        let e = Effect { quality, valence };
        if !out.contains(&e) {
            out.push(e);
        }
    }
    for e in composed(s) {
        if !out.contains(&e) {
            out.push(e);
        }
    }
    out
}

/// Which way is better for a quality.
fn lower_is_better(q: Quality) -> bool {
    matches!(
        q,
        Quality::Latency | Quality::Cost | Quality::Complexity | Quality::Footprint
    )
}

/// A word's part in an effect: the quality it names, or the direction it gives.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Names(Quality),
    Up,
    Down,
    Good,
    Bad,
    /// A word that is both: "slower" is latency up.
    Both(Quality, Valence),
    Negation,
}

/// The role of one canonical word, if it has one.
#[rustfmt::skip]
fn role(w: &str) -> Option<Role> {
    use Quality::*;
    use Role::*;
    Some(match w {
        "latency" | "latencies" | "ttft" | "p50" | "p95" | "p99" | "wait" | "waiting" | "delay"
        | "lag" | "hop" | "hops" | "ms" | "millis" | "milliseconds" | "speed" | "responsiveness" => Names(Latency),
        "cost" | "costs" | "bill" | "spend" | "spending" | "money" | "dollars" | "compute" | "markup"
        | "fees" | "fee" | "egress" | "price" | "pricing" | "infra" => Names(Cost),
        "throughput" | "qps" | "rps" | "volume" | "capacity" | "utilisation" | "utilization"
        | "traffic" | "writes" => Names(Throughput),
        "accuracy" | "quality" | "relevance" | "recall" | "precision" | "auc" | "ndcg" | "ctr"
        | "detail" | "answers" | "translation" | "errors" | "mistakes" | "hallucinations"
        | "results" | "ranking" | "coverage" | "personalisation" | "personalization" => Names(Accuracy),
        "freshness" | "staleness" | "consistency" => Names(Freshness),
        "availability" | "uptime" | "durability" | "reliability" | "outages" | "downtime" => Names(Availability),
        "complexity" | "ops" | "pager" | "maintenance" | "burden" | "toil" | "overhead" => Names(Complexity),
        "memory" | "ram" | "vram" | "storage" | "disk" | "footprint" | "space" => Names(Footprint),
        "privacy" | "exposure" => Names(Privacy),
        "more" | "higher" | "increase" | "increases" | "increased" | "adds" | "add" | "added"
        | "extra" | "bigger" | "larger" | "grows" | "grow" | "doubles" | "triples" | "spikes"
        | "jumps" | "inflates" | "multiplies" | "raises" | "up" => Up,
        "less" | "lower" | "fewer" | "cut" | "cuts" | "reduce" | "reduces" | "reduced" | "save"
        | "saves" | "shrinks" | "shrink" | "drops" | "drop" | "dips" | "halves" | "trims" | "smaller"
        | "down" | "lowers" | "slashes" | "frees" | "half" | "halved" => Down,
        "better" | "improves" | "improve" | "improved" | "wins" | "gains" | "boosts" | "great"
        | "nicer" | "best" => Good,
        "worse" | "hurts" | "hurt" | "suffers" | "suffer" | "loses" | "lose" | "losing" | "degrades"
        | "degrade" | "kills" | "sacrifice" | "sacrifices" | "jarring" | "softer" | "overshoot"
        | "overshoots" | "penalty" | "worst" | "painful" | "blurrier" => Bad,
        "faster" | "quicker" | "sooner" | "snappier" => Both(Latency, Valence::Gain),
        "slower" | "laggier" | "sluggish" => Both(Latency, Valence::Price),
        "cheaper" | "cheap" | "cheapest" => Both(Cost, Valence::Gain),
        "pricier" | "costlier" | "expensive" | "pricey" => Both(Cost, Valence::Price),
        "fresher" => Both(Freshness, Valence::Gain),
        "staler" | "stale" => Both(Freshness, Valence::Price),
        "simpler" | "easier" | "simple" | "managed" => Both(Complexity, Valence::Gain),
        "harder" | "complex" | "complicated" | "nightmare" | "babysit" | "fragile" => Both(Complexity, Valence::Price),
        "accurate" => Both(Accuracy, Valence::Gain),
        "inaccurate" | "dumber" | "wrong" => Both(Accuracy, Valence::Price),
        "reliable" | "durable" | "resilient" => Both(Availability, Valence::Gain),
        "never" | "not" | "no" | "don't" | "won't" | "without" | "isn't" | "doesn't" | "never'll" => Negation,
        _ => return None,
    })
}

/// Punctuation that ends a clause.
const CLAUSE_MARKS: [char; 7] = [',', ';', ':', '—', '–', '(', ')'];

/// Words that end a clause for pairing purposes.
fn breaks_clause(w: &str) -> bool {
    matches!(
        w,
        "but"
            | "though"
            | "although"
            | "whereas"
            | "while"
            | "so"
            | "which"
            | "however"
            | "because"
            | "since"
            | "if"
            | "when"
            | "then"
            | "vs"
            | "versus"
            | "against"
    )
}

/// Effects read by pairing quality words with the direction words of their clause ("relevance
/// on long queries is way better", "six times the compute", "we never lose an entry").
fn composed(s: &str) -> Vec<Effect> {
    let mut out = Vec::new();
    // Words with their clause number; punctuation that ends a clause bumps it.
    let mut words: Vec<(Role, usize, usize)> = Vec::new(); // (role, clause, position)
    let mut clause = 0;
    let mut pos = 0;
    for piece in s.split_inclusive(CLAUSE_MARKS) {
        for raw in
            piece.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '$' || c == '%'))
        {
            if raw.is_empty() {
                continue;
            }
            pos += 1;
            if breaks_clause(raw) {
                clause += 1;
                continue;
            }
            // "At the cost of overshoot" prices something else, not money.
            if raw == "cost" && s.contains("at the cost of") {
                continue;
            }
            let r = if raw.starts_with('$') {
                Some(Role::Names(Quality::Cost))
            } else if raw.len() > 2
                && raw.ends_with("ms")
                && raw[..raw.len() - 2].bytes().all(|b| b.is_ascii_digit())
            {
                Some(Role::Names(Quality::Latency))
            } else {
                role(raw)
            };
            if let Some(r) = r {
                words.push((r, clause, pos));
            }
        }
        if piece.ends_with(CLAUSE_MARKS) {
            clause += 1;
        }
    }
    let negated = |at: usize, clause_no: usize| {
        words
            .iter()
            .any(|(r, c, p)| *r == Role::Negation && *c == clause_no && *p < at && at - *p <= 3)
    };
    let flip = |v: Valence| match v {
        Valence::Gain => Valence::Price,
        Valence::Price => Valence::Gain,
    };
    for &(r, c, p) in &words {
        match r {
            Role::Both(quality, valence) => {
                let valence = if negated(p, c) {
                    flip(valence)
                } else {
                    valence
                };
                out.push(Effect { quality, valence });
            }
            Role::Names(quality) => {
                // The nearest direction word in the same clause, within six words.
                let dir = words
                    .iter()
                    .filter(|(r2, c2, p2)| {
                        *c2 == c
                            && p2.abs_diff(p) <= 6
                            && matches!(r2, Role::Up | Role::Down | Role::Good | Role::Bad)
                    })
                    .min_by_key(|(_, _, p2)| p2.abs_diff(p));
                let Some(&(d, _, dp)) = dir else { continue };
                let valence = match d {
                    Role::Good => Valence::Gain,
                    Role::Bad => Valence::Price,
                    Role::Up if lower_is_better(quality) => Valence::Price,
                    Role::Up => Valence::Gain,
                    Role::Down if lower_is_better(quality) => Valence::Gain,
                    _ => Valence::Price,
                };
                let valence = if negated(dp, c) {
                    flip(valence)
                } else {
                    valence
                };
                out.push(Effect { quality, valence });
            }
            _ => {}
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
        r"\b(?:trade[- ]?offs?|vs|versus|instead of|rather than|compared (?:to|with)|as opposed to|over (?:a|an|the)?\s?[a-z0-9-]+ (?:because|since|as)|alternatively|the alternative|an alternative|another option|the other option|other approach|pros and cons|downsides?|drawbacks?|the catch|the price we pay|on the other hand|in exchange|at the (?:cost|expense) of|we give up|we lose|sacrific\w*|but then|upside|the benefit|the win|(?:we|i) could (?:also|instead|alternatively) [a-z]+|or (?:we|i) could|if we (?:instead|went with|used|use|go with|do)|otherwise|worth it|not worth)\b",
    )
});

/// Magnitudes compared, not options: "seconds rather than minutes".
static MERE_COMPARISON: LazyLock<regex::Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:\d+|ms|milliseconds|seconds|minutes|hours|days|weeks) (?:rather than|instead of|vs|versus|compared to)\b",
    )
});

/// Whether sentence `s` names an alternative or a weighing marker.
pub(crate) fn names_alternative(s: &str) -> bool {
    ALTERNATIVE.is_match(s) && !MERE_COMPARISON.is_match(s)
}

/// The words that say a trade-off is being weighed, whatever is weighed.
static WEIGHING: LazyLock<regex::Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:trade[- ]?offs?|downsides?|drawbacks?|the catch|at the (?:cost|expense) of|in exchange|we give up|we lose|sacrific\w*|worth it|not worth|pros and cons|on the other hand|the price (?:we pay|is)|the cost is|vs|versus|instead of|rather than|over)\b",
    )
});

/// The strongest weighing markers, and what follows them.
static STRONG_MARKER: LazyLock<regex::Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:trade[- ]?offs? (?:is|are|here is)|the (?:main |big |one )?(?:downside|drawback|catch|cost|price|con|cons|disadvantage|risk) (?:is|are|being|here is|would be)|at the (?:cost|expense|price) of|in exchange (?:for|we)|we give up|we lose|would work(?: fine)?,? but|is (?:fine|ok|okay|enough) (?:for now|at first|until)[^.?!]{0,40}\bbut|(?:is|are|'s|would be) (?:much |way |far |a lot )?(?:worse|better|riskier|safer) than|trad(?:e|ing) (?:off )?(?:some|a bit of|a little(?: bit of)?|a little|more|less)? ?\w+ (?:for|against)|(?:we |i'd |we'd |i )?accept(?:ing)? (?:\S+ ){0,5}?(?:more|less|higher|lower|worse|extra|slower|some|a bit of) [^.?!]{0,40}?\b(?:to|for|so|in exchange)\b)",
    )
});

/// What is about the speaker, not the design: "the downside is I haven't used Azure much".
static ABOUT_THE_SPEAKER: LazyLock<regex::Regex> = LazyLock::new(|| {
    compile(
        r"^[\s,:]*(?:(?:uh|um|erm|like|well|honestly|basically)[\s,]+)*(?:that |just |probably |maybe )?(?:i|i've|i'm|i'd|i haven't|my|me|myself)\b",
    )
});

/// Whether a strong weighing marker in `s` weighs the design (something follows it that is not
/// about the speaker): "the downside is codes are guessable", "instead of hashing, which needs
/// collision checks, ...".
pub(crate) fn weighs_the_design(s: &str) -> bool {
    STRONG_MARKER.find_iter(s).any(|m| {
        let rest = &s[m.end()..];
        rest.split_whitespace().count() >= 2 && !ABOUT_THE_SPEAKER.is_match(rest)
    })
}

/// Whether sentence `s` says outright that it weighs something.
pub(crate) fn weighing_marker(s: &str) -> bool {
    WEIGHING.is_match(s)
}

/// A sentence that opens by answering the one before with a price or a gain: "But ...",
/// "The downside is ...", "In exchange ...".
static CONTINUES: LazyLock<regex::Regex> = LazyLock::new(|| {
    compile(
        r"^[\s'(*•-]*(?:(?:um+|uh+|so|and|well|yeah|okay|ok)\b[\s,]*)*(?:but|though|however|on the other hand|the (?:downside|drawback|catch|price|cost|upside|benefit|flip side|trade[- ]?off)|in exchange|that said|then again|we lose|we give up|we gain|we get|in return|the other side|the (?:risk|problem|trouble|con|bad part|good part) is|(?:it|that|this|they)(?:'s| is| are| would be| will be| does|'d be) also|also (?:means|costs|adds|makes))\b",
    )
});

/// Whether sentence `s` continues the weighing of the sentence before it.
pub(crate) fn continues(s: &str) -> bool {
    CONTINUES.is_match(s)
}

/// A magnitude in words: "halves", "doubles", "ten times", "an order of magnitude", "a third".
static MAGNITUDE: LazyLock<regex::Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:halv(?:e|es|ed|ing)|in half|doubl(?:e|es|ed|ing)|tripl(?:e|es|ed|ing)|quadrupl\w+|twice|thrice|(?:two|three|four|five|six|seven|eight|nine|ten|a hundred|hundred|\d+) ?(?:times|x|fold)|(?:an|one|two) orders? of magnitude|(?:a|one|two) (?:third|quarter|fifth|tenth|half)s?|half (?:the|of)|(?:two|three) (?:thirds|quarters)|a fraction of|(?:one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred)(?:[- ][a-z]+)? percent)\b|\b\d+(?:\.\d+)?x\b|~\d",
    )
});

/// Whether sentence `s` carries a magnitude in words.
pub(crate) fn has_magnitude(s: &str) -> bool {
    MAGNITUDE.is_match(s)
}

/// Where a sentence turns from one side of a weighing to the other.
static CONTRAST: LazyLock<regex::Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:but|while|whereas|though|although|however|at the (?:cost|expense|price) of|in exchange|in return|against|worth it|is the (?:downside|catch|price)|the (?:downside|catch|flip side|risk|problem|trouble|con) is|even (?:if|though)|despite)\b|;",
    )
});

/// Words that make a clause a gain or a price even without naming a quality: "we'd lose click
/// counts", "someone else gets paged", "fits in RAM", "nobody maintains anything".
#[rustfmt::skip]
static GAIN_WORD: LazyLock<regex::Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:fast|faster|sooner|instant(?:ly)?|quick|quicker|cheaper|cheap|free|for free|simple|simpler|easier|better|best|wins?|saves?|saving|cuts?|reduces?|trims?|shrinks?|halves?|fits? in|live in|keeps? (?:working|moving|serving|each|every|it|latency|p\d+)|never lose|no (?:server )?bill|nobody (?:here )?maintains|skip owning|someone else gets paged|under a millisecond|off our servers|scale[sd]? better|more accurate|higher (?:recall|precision|quality|accuracy)|worth it|robust|safer|more control|flexib\w+|ship (?:faster|sooner|in)|gets? us live|(?:gives?|gets?|buys?|lets?) us|catch(?:es)? (?:\S+ ){0,2}?(?:more|twice|double|most)|fresher|keeps? (?:\S+ )?(?:local|consistent|fresh|simple|small|cheap)|replay|fewer|offload\w*|safer|fresh|always fresh|strong(?:ly)? consisten\w+|more accurate|answers? better)\b",
    )
});

#[rustfmt::skip]
static PRICE_WORD: LazyLock<regex::Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:lose|loses|losing|lost|can't|cant|cannot|kills?|eats?|overshoots?|wrong|pay|pays|paying|carr(?:y|ies)|worse|risks?|risky|breaks?|pager|paged|on-?call|maintain|owning|preemptions?|markup|jarring|stale|staler|drops?|slower|suffers?|hurts?|penalty|downside|annoying|confusing|complex|complexity|harder|lock-?in|waste[sd]?|miss(?:es|ed)?|errors?|pricier|costlier|expensive|more (?:per|expensive|work|ops)|extra|overhead|burden|fragile|blurr?ier|softer|degrad\w+|inconsisten\w+|duplicates?|delay(?:ed|s)?|lag|blocks? (?:\S+ ){0,2}?(?:more|good|real|legit\w*)|one more (?:\S+ )?(?:cluster|system|service|thing|component|hop|dependency)|another (?:cluster|system|service|thing|component|dependency)|fan-?outs?|false positives|(?:more|extra) (?:work|writes|reads|calls|hops|storage|memory)|outdated|turns? (?:\S+ ){0,4}?into (?:\d+|a (?:thousand|million)|thousands|millions|hundreds)|(?:slightly |a bit )?(?:different|wrong|irrelevant) (?:answers?|questions?|results?)|needs? (?:\S+ ){0,2}?(?:more|\d+|two|three|four|five|eight|ten) (?:gpus|machines|nodes|servers|replicas|cards)|slows? (?:\S+ )?down|suffers?)\b",
    )
});

/// Whether sentence `s` weighs two sides of a contrast: a gain on one side of "but" (or "while",
/// "at the cost of", ";") and a price on the other, named by effects or by words that carry a
/// gain or a price.
pub(crate) fn contrasted(s: &str) -> bool {
    if let Some(m) = CONTRAST.find(s)
        && weighs_sides(&s[..m.start()], &s[m.end()..], false)
    {
        return true;
    }
    // Spoken weighing often has no "but": "sharding keeps writes local, cross-user queries become
    // a fan-out". At a plain comma or dash both sides must name what they move.
    s.match_indices([',', '—', '–'])
        .any(|(at, mark)| weighs_sides(&s[..at], &s[at + mark.len()..], true))
}

/// Whether `left` and `right` carry opposite valences, and name what they move (`both`: each side
/// does; otherwise at least one).
fn weighs_sides(left: &str, right: &str, both: bool) -> bool {
    let side = |t: &str| {
        let e = effects(t);
        let gain = e.iter().any(|x| x.valence == Valence::Gain) || GAIN_WORD.is_match(t);
        let price = e.iter().any(|x| x.valence == Valence::Price) || PRICE_WORD.is_match(t);
        (gain, price)
    };
    let named = |t: &str| {
        !effects(t).is_empty()
            || names_quality(t)
            || has_magnitude(t)
            || t.bytes().any(|b| b.is_ascii_digit())
    };
    if left.split_whitespace().count() < 2 || right.split_whitespace().count() < 2 {
        return false;
    }
    let (lg, lp) = side(left);
    let (rg, rp) = side(right);
    // Opposite ways, and what is moved (or by how much) is named.
    let opposite =
        (lg && !lp && rp) || (lp && !lg && rg) || (lg && rp && !both) || (lp && rg && !both);
    opposite
        && if both {
            named(left) && named(right)
        } else {
            named(left) || named(right)
        }
}

/// Quality nouns: a weighing marker needs one of these nearby to weigh anything.
static QUALITY_WORD: LazyLock<regex::Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:latency|latencies|speed|fast|slow|instant\w*|cost|costs|money|price|bill|spend|pager|on-?call|maintain\w*|toil|markup|servers?|load|cheap|expensive|throughput|accuracy|accurate|quality|recall|precision|relevance|fresh|freshness|stale|consisten\w*|availability|available|durab\w*|reliab\w*|complex\w*|simple|simpler|ops|operational|maintenance|memory|storage|privacy|security|scal\w*|flexib\w*|control|lock-?in|risk\w*|effort|time to market|ux|user experience|hallucinat\w*)\b",
    )
});

/// Moving the talk along, not weighing: "on the other hand, let me move on to storage".
static MOVES_ON: LazyLock<regex::Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:let me|let's|lets|i'll|i will|i want to|i'd like to|now i'll) (?:\w+ )?(?:move on|go on|go back|talk|jump|switch|turn|get|come back|start|cover|look)\b",
    )
});

/// Whether sentence `s` only moves the talk along (and claims no effect).
pub(crate) fn moves_on(s: &str) -> bool {
    MOVES_ON.is_match(s) && effects(s).is_empty()
}

/// Whether sentence `s` names a quality of the system.
pub(crate) fn names_quality(s: &str) -> bool {
    QUALITY_WORD.is_match(s)
}
