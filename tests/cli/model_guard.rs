//! What a weak or reasoning model says never reaches the candidate raw: the reply guard, the
//! one regeneration, the offline line, reasoning kept apart, and a message layout that strict chat
//! templates accept. Each mock answers like a model that broke things in the wild.

use std::sync::Mutex;

use serde_json::{Value, json};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::model::{assert_no_secret, bodies, run, sse};
use super::util::*;

/// Answers with these replies in turn (the last one again once they run out).
struct Replies(Mutex<Vec<ResponseTemplate>>);

impl Replies {
    fn new(replies: Vec<ResponseTemplate>) -> Self {
        let mut r = replies;
        r.reverse();
        Self(Mutex::new(r))
    }
}

impl Respond for Replies {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let mut left = self.0.lock().unwrap();
        if left.len() > 1 {
            left.pop().unwrap()
        } else {
            left[0].clone()
        }
    }
}

async fn serve(replies: Vec<ResponseTemplate>) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(Replies::new(replies))
        .mount(&server)
        .await;
    server
}

fn said(text: &str) -> ResponseTemplate {
    sse(&[text], Some((100, 10)))
}

/// A stream of raw delta objects, then `finish`.
fn deltas(deltas: &[Value], finish: &str) -> ResponseTemplate {
    let mut body = String::new();
    for d in deltas {
        let c = json!({"choices": [{"index": 0, "delta": d, "finish_reason": null}]});
        body.push_str(&format!("data: {c}\n\n"));
    }
    let end = json!({"choices": [{"index": 0, "delta": {}, "finish_reason": finish}]});
    body.push_str(&format!("data: {end}\n\ndata: [DONE]\n\n"));
    ResponseTemplate::new(200)
        .insert_header("content-type", "text/event-stream")
        .set_body_string(body)
}

const NARRATION: &str = "The candidate is asked to explain the requirements of the customer \
    support assistant. The interviewer will then evaluate the answer and ask about the budget.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn weak_model_narration_never_reaches_the_candidate() {
    let server = serve(vec![said(NARRATION)]).await;
    let sb = Sandbox::new();
    let out = run(
        &server,
        &sb,
        "How many conversations a day at peak?\nI'd shard by tenant.\n/end\n",
        &[],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    let s = stdout(&out);
    assert!(!s.contains("The candidate is asked"), "{s}");
    let replies = turns_by(&sb.only_session(), "interviewer");
    // Both model turns fell back to the offline line, which reveals the fact asked for.
    for r in &replies[1..3] {
        assert_eq!(r["guard"]["spoken"], "offline", "{r}");
        assert_eq!(r["guard"]["rejected"].as_array().unwrap().len(), 2, "{r}");
        assert!(
            !r["text"].as_str().unwrap().contains("The candidate"),
            "{r}"
        );
    }
    assert!(
        replies[1]["text"].as_str().unwrap().contains("400,000"),
        "{}",
        replies[1]
    );
    assert_eq!(replies[1]["intent"]["revealed"], json!(["scale"]));
    // The regeneration was told what broke.
    let b = bodies(&server.received_requests().await.unwrap());
    assert_eq!(b.len(), 4, "a draft and a regeneration per turn");
    let retry = b[1]["messages"].as_array().unwrap().last().unwrap()["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(retry.contains("Draft not used"), "{retry}");
    assert!(retry.contains("stepped out of the interview"), "{retry}");
    assert_no_secret(&sb, &out);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rejected_draft_then_a_good_one_is_regenerated() {
    let good = "Around 400,000 conversations a day, peaking at 15,000 concurrent chats, roughly 300 model calls a second. Where would you start?";
    let server = serve(vec![
        said("What scale? What latency? What budget?"),
        said(good),
        said("Go on."),
    ])
    .await;
    let sb = Sandbox::new();
    let out = run(&server, &sb, "What's the peak load?\n/end\n", &[]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = stdout(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(shown.contains(good), "{shown}");
    let replies = turns_by(&sb.only_session(), "interviewer");
    assert_eq!(replies[1]["text"], good);
    assert_eq!(replies[1]["guard"]["spoken"], "regenerated");
    let rejected = replies[1]["guard"]["rejected"][0].as_str().unwrap();
    assert!(rejected.contains("asked 3 questions"), "{rejected}");
    // Both drafts' tokens are counted.
    assert_eq!(replies[1]["tokens"]["completion_tokens"], 20);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hidden_figure_leak_is_never_shown() {
    let leak = "Keep the $150k a month inference cap in mind. What would you build first?";
    let server = serve(vec![said(leak)]).await;
    let sb = Sandbox::new();
    let out = run(
        &server,
        &sb,
        "I'd start with a retrieval service.\n/end\n",
        &[],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).contains("150k"), "{}", stdout(&out));
    let replies = turns_by(&sb.only_session(), "interviewer");
    assert_eq!(replies[1]["guard"]["spoken"], "offline");
    let why = replies[1]["guard"]["rejected"][0].as_str().unwrap();
    assert!(why.contains("$150k") && why.contains("budget"), "{why}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn think_block_is_never_shown_nor_stored_as_words() {
    let server = serve(vec![said(
        "<think>The sheet says $150k a month for inference; they did not ask.</think>\
         Good. What would you build first?",
    )])
    .await;
    let sb = Sandbox::new();
    let out = run(
        &server,
        &sb,
        "I'd start with a retrieval service.\n/end\n",
        &[],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    let s = stdout(&out);
    assert!(!s.contains("150k") && !s.contains("think"), "{s}");
    assert!(s.contains("Good. What would you build first?"), "{s}");
    let reply = &turns_by(&sb.only_session(), "interviewer")[1];
    assert_eq!(reply["text"], "Good. What would you build first?");
    assert!(
        reply["reasoning"].as_str().unwrap().contains("$150k"),
        "{reply}"
    );
    assert_eq!(reply["guard"]["spoken"], "model");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn null_content_speaks_the_offline_line_not_a_blank_turn() {
    let empty = deltas(&[json!({"role": "assistant", "content": null})], "stop");
    let server = serve(vec![empty]).await;
    let sb = Sandbox::new();
    let out = run(
        &server,
        &sb,
        "What's the budget per conversation?\n/end\n",
        &[],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    let reply = &turns_by(&sb.only_session(), "interviewer")[1];
    let text = reply["text"].as_str().unwrap();
    assert!(
        text.contains("$0.05"),
        "the fact asked for still comes: {reply}"
    );
    assert_eq!(reply["guard"]["spoken"], "offline");
    assert_eq!(
        reply["guard"]["rejected"],
        json!(["it was empty", "it was empty"])
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reasoning_that_spends_the_budget_gets_room_on_the_retry() {
    let thinking = deltas(
        &[json!({"content": null, "reasoning_content": "Let me think about the sheet..."})],
        "length",
    );
    let server = serve(vec![thinking, said("Good. What would you build first?")]).await;
    let sb = Sandbox::new();
    let out = run(
        &server,
        &sb,
        "I'd start with a retrieval service.\n/end\n",
        &[],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    let reply = &turns_by(&sb.only_session(), "interviewer")[1];
    assert_eq!(reply["text"], "Good. What would you build first?");
    assert_eq!(reply["guard"]["spoken"], "regenerated");
    assert!(
        reply["reasoning"]
            .as_str()
            .unwrap()
            .contains("Let me think")
    );
    let b = bodies(&server.received_requests().await.unwrap());
    let budget = |i: usize| b[i]["max_tokens"].as_u64().unwrap();
    assert!(
        budget(1) > budget(0) + 1000,
        "{} then {}",
        budget(0),
        budget(1)
    );
}

/// Refuses any request that breaks strict alternation, as Mistral's and Gemma's templates do.
struct StrictTemplate;

impl Respond for StrictTemplate {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&req.body).unwrap();
        let roles: Vec<&str> = body["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["role"].as_str().unwrap())
            .collect();
        let rest = roles.strip_prefix(&["system"]).unwrap_or(&roles);
        let ok = !rest.is_empty()
            && rest.last() == Some(&"user")
            && rest
                .iter()
                .enumerate()
                .all(|(i, r)| *r == ["user", "assistant"][i % 2]);
        if ok {
            said("Go on.")
        } else {
            ResponseTemplate::new(500).set_body_json(json!({"error": {"code": 500,
                "message": "Conversation roles must alternate user/assistant/user/assistant/...",
                "type": "server_error"}}))
        }
    }
}

/// A four-turn round against a server with a strict chat template; the round must end well.
async fn strict_round(sb: &Sandbox) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(StrictTemplate)
        .mount(&server)
        .await;
    let out = run(
        &server,
        sb,
        "I'd start with retrieval.\nThen a model gateway.\nThen caching.\nThen evals.\n/end\n",
        &[],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    server
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strict_chat_template_accepts_every_turn() {
    let sb = Sandbox::new();
    let server = strict_round(&sb).await;
    let replies = turns_by(&sb.only_session(), "interviewer");
    assert!(
        replies[1..5].iter().all(|r| r["text"] == "Go on."),
        "{replies:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
}

/// Every turn used to repeat the analysis' whole summary in its notes; kept in the history, the
/// same lines piled up turn after turn, and each turn's uncached tail on a prompt-caching server
/// grew with them. Now a summary line already sent is not sent again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notes_do_not_repeat_what_earlier_notes_said() {
    let sb = Sandbox::new();
    let server = strict_round(&sb).await;
    let reqs = server.received_requests().await.unwrap();
    let last = bodies(&reqs).pop().unwrap();
    let notes: Vec<&str> = last["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "user")
        .flat_map(|m| m["content"].as_str().unwrap().lines())
        .filter(|l| l.starts_with("- "))
        .collect();
    assert!(notes.len() >= 3, "{notes:?}");
    let mut seen = std::collections::BTreeSet::new();
    for line in &notes {
        assert!(seen.insert(*line), "said twice in one prompt: {line}");
    }
}
