//! Kinds of speech the corpus showed the spine missing or over-crediting: weighing without a
//! marker word, cost words that are about time, pleas and dismissals in plain words.

use super::turn;

#[test]
fn weighing_without_a_marker_word() {
    for s in [
        "a 7B model fits on one gpu and is half the cost, 70B needs four gpus but answers better",
        "i'd trade some accuracy for speed here since it's autocomplete",
        "we accept about 1% more false positives to keep the check under 10 ms",
        "kafka gives us replay, but it's one more cluster to babysit",
        "the big model is way more accurate. It is also 10 times more expensive per call.",
        "sync replication is safer for durability, it does slow down every write though",
    ] {
        assert!(!turn(s).tradeoffs.is_empty(), "{s}");
    }
    for s in [
        "on the other hand, let me move on to storage",
        "we could use Redis or Memcached",
    ] {
        assert!(turn(s).tradeoffs.is_empty(), "{s}");
    }
}

#[test]
fn cost_words_about_time_are_not_money() {
    for s in [
        "it costs us an extra round trip to the cache",
        "we can't afford to lose any messages here",
        "retraining costs us two days of wall clock each time",
        "users can filter listings by price range",
    ] {
        assert!(turn(s).cost.is_empty(), "{s}");
    }
    for s in [
        "egress charges between regions would add up fast",
        "this comes to about 4k a month for the cluster",
        "the hosted API is pricier but it costs us a round trip less",
    ] {
        assert!(!turn(s).cost.is_empty(), "{s}");
    }
}

#[test]
fn pleas_and_dismissals_in_plain_words() {
    for s in [
        "could you give me a nudge on the storage part",
        "is there a trick I'm missing here",
        "tell me which database you would choose",
    ] {
        assert!(!turn(s).pleas.is_empty(), "{s}");
    }
    let t = turn("PII? I'll assume it's handled elsewhere");
    assert_eq!(t.dismissed.len(), 1);
    assert!(t.concerns.is_empty());
}
