//! What each sentence does, beyond asking: pleading for help, talking about the interview
//! itself, telling an anecdote, and dismissing or deferring a concern.
//!
//! Dismissal has scope: it covers the clause around its cue ("we don't really need drift
//! monitoring for v1, but ..."), so a concern named inside a dismissal is not credited, while
//! the same concern decided elsewhere in the sentence still is. Every rule reads the canonical
//! sentence (lower case, misspellings put right).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::matcher::compile;

/// Asking the interviewer for the answer, a hint or a verdict on a guess, or saying one is lost.
#[rustfmt::skip]
static PLEA: LazyLock<Regex> = LazyLock::new(|| {
    compile(&[
        r"\b(?:what|which one|which)\b[^.?!]{0,40}\bwould you (?:do|use|pick|choose|go with|recommend|suggest|guess|say|expect|prefer|start with)\b",
        r"\bwhat do you (?:think|suggest|recommend)\b[^.?!]{0,40}\b(?:i|we) (?:should|need to|ought to)\b",
        r"\bwhat do you think\s*(?:[-—–,]\s*)?(?:should|would|do|is)\b",
        r"\b(?:can|could|would) you (?:just |please |maybe )?(?:give|tell|show|point|walk|explain|help)\b[^.?!]{0,50}\b(?:hint|direction|answer|right (?:number|answer|way|approach)|correct|you(?:'d| would) expect|looking for|through it|the trick|a clue|some help|where to start|what i should|which (?:part|one) (?:i|is the most))",
        r"\b(?:can|could) you (?:give|tell) (?:me )?(?:a|one|some|any) (?:hint|clue|pointer|direction)",
        r"\b(?:any|a|one|some) (?:hints?|clues?|pointers?)\b[^.?!]{0,30}\?",
        r"\b(?:i'm|i am|im|i feel|i'm kind of|i'm a (?:little|bit)) (?:a (?:little|bit) )?(?:kind of |kinda |really |so |totally |completely )?(?:stuck|lost|blanking|confused)\b",
        r"\bi(?:'m| am) (?:not sure|unsure) (?:how to|where to|what to|were to)\b[^.?!]{0,60}\b(?:can|could|would) you\b",
        r"\bi (?:really |honestly )?(?:don't|dont|do not) (?:really )?know (?:how|what|which|where)\b[^.?!]{0,80}\b(?:you|your|yours)\b",
        r"\b(?:just )?tell me (?:what|the|which|how|if)\b[^.?!]{0,30}\b(?:answer|right|correct|wrong|looking for|should|trick|number)",
        r"\bwhat(?:'s| is) the (?:right|correct|expected|standard|best) (?:answer|number|approach|way|design)\b",
        r"\b(?:is there|what's) (?:a|the) (?:standard|textbook|typical|canonical|usual) (?:answer|way|design|approach|solution)\b",
        r"\bwhat (?:are you|you're|you are) looking for\b",
        r"\bwhat would a good answer\b", r"\bwhat (?:number|value|batch size|size|model|database|queue|approach) should (?:i|we) (?:use|pick|choose|go with)\b",
        r"\bi (?:honestly |really )?(?:don't|dont|do not) know (?:what|which|how) (?:the )?(?:right|correct|best|good)\b", r"\bwhat's the trick\b", r"\bplease tell me if i(?:'m| am) wrong\b",
        r"\bwould (?:a|an) (?:senior|staff|good|experienced|strong) (?:engineer|candidate|person)\b",
        r"\bis that (?:wrong|right|what you want|what you're looking for)\s*\?",
        r"\bwhere (?:it|i) went (?:off|wrong)\b",
        r"\b(?:i'm|i am|im|i feel|feeling) (?:a (?:little|bit) |kind of |kinda |totally |completely |honestly |so |really )?(?:not sure (?:how|what|where|which|if|whether)|unsure (?:how|what|where)|drawing a blank|out of ideas|going in circles|confused)\b",
        r"\bi (?:really |honestly )?(?:don't|dont|do not) (?:really )?know (?:how|what|where|which) (?:to|i should|we should|would)\b",
        r"\b(?:any|some) (?:hints?|tips?|clues?|pointers?|suggestions?|ideas?)\b[^.?!]{0,30}(?:\?|$)",
        r"\bhelp me (?:out|here|with)\b", r"\b(?:can|could) you (?:help|nudge|steer)\b",
        r"\b(?:give|throw) me (?:a |some )?(?:nudge|hint|clue|pointer|push)\b", r"\b(?:a|some) (?:nudge|push) (?:on|with|in)\b",
        r"\b(?:is there )?(?:a|some) (?:trick|catch|gotcha) (?:i'm|im|i am) (?:missing|not seeing)\b", r"\bwhat am i missing\b",
        r"\b(?:tell|show) me (?:which|what|how) (?:\w+ ){0,3}(?:you(?:'d| would)|to)\b", r"\b(?:which|what) (?:\w+ ){0,3}(?:would|do) you (?:choose|pick|use|take|go with|prefer)\b",
        r"\byou (?:probably |surely )?know (?:this )?better\b", r"\bremind me (?:how|what|which)\b",
        r"\bwhat would you (?:do|use|pick|choose|go with|recommend|suggest)\b",
        r"\bis (?:this|that|my (?:design|answer|approach)) (?:right|correct|wrong|ok|okay|good|what you (?:want|expect|had in mind))\s*\?",
        r"\b(?:am i|are we) (?:on the right track|going in the right direction|heading the right way)\b",
    ].join("|"))
});

/// Talk about the interview itself: time, format, the interviewer, how it is going, logistics.
#[rustfmt::skip]
static META: LazyLock<Regex> = LazyLock::new(|| {
    compile(&[
        r"\bhow (?:much|long) (?:time )?(?:do (?:we|i) have|is left|have we got|are we at|left)\b",
        r"\bhow (?:much|long) (?:time )?do i have\b", r"\b(?:minutes|time) (?:left|remaining)\b",
        r"\bhow am i doing\b", r"\bhow (?:did|do) i do\b", r"\bhow (?:is|was) (?:i|my|that|this) (?:doing|going|answer)",
        r"\b(?:your|the interviewer's) team\b", r"\bwhich team\b", r"\b(?:this|the) role\b",
        r"\bhow long have you been\b", r"\bwhat (?:do you|does your team) (?:actually )?work on\b",
        r"\b(?:last|next|final|another) (?:interview|round)\b", r"\bcoding (?:part|round|question)\b",
        r"\brepeat (?:the|your|that) question\b", r"\b(?:can|could) you repeat\b", r"\b(?:my )?(?:audio|internet|connection|mic) (?:cut|dropped|is|was)\b",
        r"\bcan you hear me\b", r"\bshare my screen\b", r"\bwhiteboard\b", r"\btake notes\b", r"\bthink out loud\b",
        r"\bgrab (?:some )?(?:water|coffee)\b", r"\b(?:a|short) break\b",
        r"\bhow (?:do|will) you (?:usually )?(?:evaluate|score|grade|rate|judge) (?:candidates|me|this|people)\b",
        r"\b(?:do|would) you (?:want|prefer|like) (?:me to|that i|i)\b", r"\bdo you prefer (?:i|me|that)\b",
        r"\bshould i (?:start|go|draw|talk|spend|focus|cover|continue|move|dive|write|sketch|begin|jump|do the)\b[^.?!]{0,40}\b(?:or|first|now)\b[^.?!]{0,40}\?",
        r"\bshould i (?:speed up|slow down|move on|go deeper|keep going|continue|start over|draw|skip)\b",
        r"\bis it (?:ok(?:ay)?|fine|alright|normal) (?:if|that) i\b", r"\bis okay if i\b",
        r"\b(?:are we|we're) (?:doing|moving to|going to do|still (?:on|doing|staying)) (?:the )?(?:deep dive|high level|next part|coding)",
        r"\bstaying high level\b", r"\bswitch topics\b", r"\bthe \d+-minute mark\b",
        r"\binterviewed a candidate\b", r"\bthis always happens to me in interviews\b",
        // The candidate on their own pace and focus: "am I on a tangent?", "I'm rambling".
        r"\b(?:on a tangent|off (?:on )?a tangent|going off (?:track|topic)|(?:i'm|im|i am|i was) (?:just )?rambling|rambling a (?:little|bit)|getting ahead of myself)\b",
        r"\b(?:was i|am i|i was|i'm|im|i am|i) (?:probably |maybe |definitely |kind of )?(?:going|talking|speaking|moving|went) (?:a (?:little|bit) )?(?:too (?:fast|slow|quickly|slowly|much)|slower|faster)\b",
        r"\bshould(?:'ve| have) (?:spent|taken) (?:less|more) time\b", r"\b(?:the|my) pacing\b",
        r"\bwhere you want me to go\b", r"\bcan i assume i have\b", r"\bbreadth across\b",
        r"\bthat's my background\b", r"\bbe honest\b[^.?!]{0,5}$",
        r"\b(?:you|your)\b[^.?!]{0,30}\b(?:team|role|company|job|day to day|work on|working on|been (?:here|at)|like (?:it|working)|enjoy|manager|org)\b",
        r"\b(?:interview|interviews|interviewer|recruiter|hiring (?:manager|committee|process)|leveling|onsite|interview loop)\b",
        r"\b(?:how much|how many minutes|how long) (?:\w+ )?(?:time|minutes)?\s?(?:is |do |have )?(?:left|we have|i have|remain)",
        r"\b(?:time check|running (?:out of|short on) time|over time|on time\?)",
        r"\b(?:am i|are we) (?:going|doing|spending)?\s?(?:too (?:deep|fast|slow|long|high[- ]level|much detail)|on track|ok on time|behind)\b",
        r"\b(?:should|shall|can|may) i (?:now )?(?:move on|go (?:deeper|on|ahead|back)|start (?:over|drawing|with)|skip|switch|draw|sketch|share|use the|take|think out loud|jump)\b",
        r"\b(?:do|would) you (?:want|prefer|like) (?:me|us|that i)\b", r"\bwhere (?:should|do you want me to) (?:i )?(?:start|go|focus)\b",
        r"\b(?:can|could) you (?:hear|see) (?:me|my)\b", r"\b(?:screen|audio|mic|microphone|camera|connection|internet|wifi)\b[^.?!]{0,20}\b(?:cut|drop|froze|frozen|lag|bad|back|share|sharing|working)\b",
        r"\b(?:bathroom|water|coffee|quick break|a minute to think|a second to think|a moment to think)\b",
        r"\b(?:what|which) (?:part|section|level) (?:are we|is this|should i)\b",
    ].join("|"))
});

/// Telling what happened elsewhere, in the past, at another job or from something read.
#[rustfmt::skip]
static ANECDOTE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&[
        r"\b(?:at|in) my (?:last|previous|old|former|current|first|past|prior|startup|other) (?:job|company|compny|role|team|gig|employer|place|project|startup|work)\b",
        r"\b(?:at|in) (?:a|one) (?:previous|past|prior|former) (?:job|company|role|team|project)\b",
        r"\bin a previous role\b", r"\bat my startup\b", r"\bback when i was\b", r"\bwhen i was at\b",
        r"\bat (?:google|amazon|meta|facebook|microsoft|uber|netflix|stripe|airbnb|linkedin|twitter|apple|lyft|spotify|shopify|salesforce|oracle|ibm) (?:we|i|they)\b",
        r"\b(?:i|we) (?:once|used to) (?:had|have|run|ran|build|built|use|used|work|worked|see|saw|deal|dealt)\b",
        r"\bi (?:read|saw) (?:a|an|this) (?:blog|article|paper|post|talk)\b", r"\bfamously\b",
        r"\bi interviewed a candidate\b", r"\bin my experience\b", r"\bfrom my experience\b",
        r"\bat my old job\b", r"\bmy old job\b", r"\bmy last job\b", r"\bmy previous company\b",
        r"\bmy last company\b",
        r"\b(?:at|in|on|for) my (?:\w+ ){0,2}(?:job|company|compny|role|team|gig|employer|project|startup|work|internship|place)\b",
        r"\b(?:years? ago|back then|back in (?:\d{4}|the day)|back when|at the time|one time (?:we|i))\b",
        r"\bi(?:'ve| have) (?:seen|worked|built|run|had|dealt|been burned|watched|done this)\b",
        r"\b(?:i|we) (?:remember|recall) (?:when|that|how|one)\b", r"\b(?:reminds me|true story|funny (?:enough|story)|war story|horror story)\b",
        r"\b(?:when|while) i (?:was|worked) (?:at|on|in|with)\b",
        r"\bi (?:read|saw|heard|watched) (?:a|an|this|that|somewhere|about|once)\b",
        r"\b(?:we|they|i) (?:had|ran|used|tried|built|migrated|launched|shipped|got|lost)\b[^.?!]{0,80}\b(?:last (?:year|job|company|time)|previous|before|ago|back then)\b",
    ].join("|"))
});

/// A decision made here and now: what lifts an anecdote's sentence back into the design.
static DECIDES_HERE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:so|therefore|which is why) (?:here )?(?:i'd|i would|i'll|we'd|we'll|we should|let's|i want|i'm going)\b|\b(?:here|for this|in this design|this time),? (?:i'd|i would|i'll|we'd|we'll|we should|let's)\b",
    )
});

/// A cue that rules out, waves away or postpones what follows it in its clause.
#[rustfmt::skip]
static DISMISS_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&[
        r"\b(?:don't|dont|do not|won't|wont|will not|wouldn't|wouldnt|would not|shouldn't|needn't) (?:really |even |actually |necessarily )?(?:need|bother|worry|care|go into|get into|think|focus|want to (?:bother|spend time))\b",
        r"\bno (?:real )?need (?:for|to)\b", r"\b(?:don't|dont|do not|won't|wont) (?:really )?(?:have|need) to (?:\w+ ){0,2}?(?:evaluate|monitor|retrain|cache|test|secure|encrypt|scale|worry|care|think)\b", r"\bnot (?:going to|gonna) (?:bother|worry|go into|do|cover|design|get into)\b",
        r"\b(?:let's|lets|we can|i'll|i will|i'm going to|we'll) (?:just )?(?:skip|ignore|not worry about|not bother with|leave out|leave|punt on|park|table|drop|hand-?wave|assume away)\b",
        r"\b(?:i'll|i will|we'll|we can|let's) (?:just )?(?:leave|hand) (?:\w+ ){0,3}to (?:the|a|another|some|our) \w+ team\b",
        r"\b(?:skip(?:ping)?|ignor(?:e|ing)|not worry(?:ing)? about|forget about|won't go into|wont go into)\b",
        r"\bi (?:don't|dont|do not) think\b[^.?!,;]{0,40}\b(?:matters?|is (?:needed|necessary|important|a (?:big )?(?:deal|problem|concern)))\b",
        r"\b(?:i'll|i will) (?:just )?assume (?:the )?(?:\w+ ){0,3}(?:handles?|takes care of|covers?|owns)\b",
        r"\bassume (?:the )?(?:\w+ )?(?:platform|infra|security|privacy|data|ml|ops|sre) team\b",
        r"\b(?:let's|lets) (?:just )?say the \w+(?:'s| is) there\b",
        r"\bwe can (?:\w+ ){0,2}(?:bolt (?:it |that )?on|add (?:it |that )?|figure (?:it |that )?out|deal with (?:it|that)|think about (?:it|that)|worry about (?:it|that)|handle (?:it|that))\b[^.?!,;]{0,20}\b(?:later|after|afterwards|eventually)\b",
        r"\blet's come back to\b", r"\bcome back to (?:\w+ ){0,2}later\b",
        r"\b(?:we|i) (?:can|could) live without\b", r"\blet's not\b", r"\b(?:we're|we are|i'm|i am) not (?:going to|gonna) (?:worry|bother|do|build|add|cover|go into|handle)\b",
        r"\b(?:won't|will not|don't|do not) (?:really )?need (?:any|a|an|the)?\b", r"\bno (?:need|point) (?:for|in|to)\b",
        r"\bforget (?:about )?\b", r"\b(?:keep it simple|keeping it simple) and (?:skip|not|drop|leave out)\b",
    ].join("|"))
});

/// A cue that dismisses the clause before it: "X isn't needed", "X is just config", "X is a
/// detail, we can figure it out after", "X, meh".
#[rustfmt::skip]
static DISMISS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    compile(&[
        r"\b(?:is|are|isn't|aren't|'s|s|would be|seems|feels)\s+(?:not |really |probably |just |pretty |kind of |honestly )*(?:not (?:needed|necessary|important|a (?:big |real )?(?:deal|problem|concern|priority)|core|my area|something i (?:really )?know|in scope|relevant|big problem)|overkill|unnecessary|out of scope|premature|someone else's (?:problem|job)|somebody else's (?:problem|job)|(?:a|an) (?:minor )?(?:detail|implementation detail|optimi[sz]ation for later|afterthought|finance problem|v2 thing|nice[- ]to[- ]have)|standard stuff|(?:just )?(?:config|plumbing|boilerplate|etl)|not (?:really )?(?:a thing|an issue))",
        r"\bisn't (?:a )?(?:big |real )?(?:deal|problem|concern|issue|priority|something)\b", r"\bisnt (?:a )?(?:big )?(?:deal|problem)\b",
        r"\bnot something i need to design\b", r"\b(?:is|are|it's|its|gets|get) (?:already |probably |just )?(?:handled|taken care of|covered|solved) (?:elsewhere|by (?:someone|somebody|another|the (?:platform|infra|security|data|ml|sre|ops)))\b", r"\bnot (?:my|our) (?:area|problem|job)\b",
        r"\b(?:doesn't|does not|don't|do not) (?:really )?matter\b", r"\bnice[- ]to[- ]have\b", r"\bcan wait\b", r"\bpremature\b",
        r"\b(?:is|are|'s|seems|feels) (?:not |probably not |really not )?(?:important|relevant|critical|required|needed|necessary) (?:right now|for now|here|yet|at this (?:point|stage))\b",
        r"\b(?:isn't|is not|aren't|not) (?:that |really |very |super )?(?:important|relevant|critical|required|a priority|needed|necessary)\b",
        r"\b(?:is|are|'s) (?:somebody|someone) else's\b", r"\bnah\b",
        r"\b(?:later|after|afterwards|eventually),? not (?:v1|now|the mvp)\b", r"\bfor later\b", r"\bcan wait\b",
        r"\bnothing (?:interesting|intresting|special|fancy)\b", r"\bmeh\b", r"\bwhatever\b",
        r"\b(?:we|i)(?: can| could| will|'ll| should| might) (?:\w+ ){0,4}(?:later|after (?:lau?nch|v1|the mvp|go-?live)|once it's in prod|once its in prod|in v2|v2|down the road|afterwards|post-?launch|eventually|when we need (?:it|to))\b",
        r"\b(?:later|after lau?nch),? (?:it's|its) not core\b",
    ].join("|"))
});

/// Words that make a dismissal a deferral.
static DEFERS: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:later|after|afterwards|eventually|come back|v2|down the road|once it's|once its|for now|phase 2|next quarter)\b",
    )
});

/// What one sentence does besides asking, read from its canonical text.
#[derive(Debug, Clone, Default)]
pub(crate) struct SentenceActs {
    /// Asks for the answer or for help.
    pub(crate) plea: bool,
    /// Talks about the interview itself.
    pub(crate) meta: bool,
    /// Tells a story from elsewhere with no decision here.
    pub(crate) anecdote: bool,
    /// Byte ranges of the canonical sentence a dismissal or deferral covers.
    pub(crate) dismissed: Vec<Range<usize>>,
    /// Whether the dismissals put things off ("later", "after launch") rather than rule them out.
    pub(crate) defers: bool,
}

impl SentenceActs {
    /// Whether byte `at` of the canonical sentence lies inside a dismissal.
    pub(crate) fn dismisses(&self, at: usize) -> bool {
        self.dismissed.iter().any(|r| r.contains(&at))
    }
}

/// Where clauses break: punctuation and the conjunctions that start a new claim.
static CLAUSE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"[,;:—–()]|\s-\s|\b(?:but|though|although|however|whereas|while|because|since|so that|instead)\b|\band (?:then |instead )?(?:focus|go|move|spend|jump|talk|look|use|put|add|build|keep)\b",
    )
});

/// Reads what sentence `s` (canonical) does.
pub(crate) fn acts(s: &str) -> SentenceActs {
    // One pass says which lists may match; only those are run (most sentences match none).
    let may: Vec<usize> = ACT_SET.matches(s).into_iter().collect();
    let has = |k: usize| may.contains(&k);
    let mut out = SentenceActs {
        plea: has(0),
        meta: has(1),
        anecdote: has(2) && !DECIDES_HERE.is_match(s),
        dismissed: Vec::new(),
        defers: has(5),
    };
    if !(has(3) || has(4)) {
        return out;
    }
    let breaks: Vec<Range<usize>> = CLAUSE_BREAK.find_iter(s).map(|m| m.range()).collect();
    let clause_end = |from: usize| {
        breaks
            .iter()
            .find(|b| b.start >= from)
            .map_or(s.len(), |b| b.start)
    };
    let clause_start = |to: usize| {
        breaks
            .iter()
            .rev()
            .find(|b| b.end <= to)
            .map_or(0, |b| b.end)
    };
    // A short fronted topic ("Security, I'm not an expert, so I'll skip it") belongs to a
    // dismissal later in the sentence.
    let fronted = breaks
        .first()
        .filter(|b| s[b.start..b.end].trim() == "," && s[..b.start].split_whitespace().count() <= 4)
        .map(|b| 0..b.start);
    if has(3) {
        for m in DISMISS_BEFORE.find_iter(s) {
            // The zone runs to the end of the clause the cue is in.
            out.dismissed
                .push(clause_start(m.start())..clause_end(m.end()));
        }
    }
    if has(4) {
        for m in DISMISS_AFTER.find_iter(s) {
            // "X, I'll handle that later": the clause before the cue's own clause too.
            let own = clause_start(m.start());
            let from = if own > 0 && s[..own].trim_end().ends_with(',') {
                clause_start(own.saturating_sub(1))
            } else {
                own
            };
            out.dismissed.push(from..m.end());
        }
    }
    if !out.dismissed.is_empty()
        && let Some(f) = fronted
    {
        out.dismissed.push(f);
    }
    out
}

/// PLEA, META, ANECDOTE, DISMISS_BEFORE, DISMISS_AFTER and DEFERS in one set, in that order.
static ACT_SET: LazyLock<regex::RegexSet> = LazyLock::new(|| {
    regex::RegexSet::new(
        [
            &*PLEA,
            &*META,
            &*ANECDOTE,
            &*DISMISS_BEFORE,
            &*DISMISS_AFTER,
            &*DEFERS,
        ]
        .map(|r| r.as_str().to_string()),
    )
    .expect("act lists compile as a set")
});
