use std::path::Path;

use futures::future::BoxFuture;
use tokio_util::sync::CancellationToken;

use super::*;
use crate::evals::candidate::Profiles;
use crate::evals::load::load_case;
use crate::llm::{ChatRequest, Completion, TokenSink};
use crate::persona::PersonaSet;
use crate::question::QuestionBank;

/// A model that panics on every call, as a bug deep in a run would.
struct Panics;

impl ChatModel for Panics {
    fn model_id(&self) -> &str {
        "panics"
    }

    fn complete<'a>(
        &'a self,
        _: &'a ChatRequest,
        _: TokenSink<'a>,
        _: &'a CancellationToken,
    ) -> BoxFuture<'a, Result<Completion, LlmError>> {
        Box::pin(async { panic!("a bug deep in the run") })
    }
}

const CASE: &str = "persona = \"google\"\nquestion = \"url-shortener\"\nrepeats = 3\n\
    min_pass_rate = 0.0\n[engine]\nkind = \"model\"\nmodel = \"m\"\n\
    [candidate]\nlines = [\"What's the peak QPS?\"]\n[[assert]]\nreveals-fact = \"scale\"\n";

const OFFLINE: &str = "persona = \"google\"\nquestion = \"url-shortener\"\nrepeats = 2\n\
    min_pass_rate = 0.0\n[candidate]\nlines = [\"What's the peak QPS?\"]\n\
    [[assert]]\nreveals-fact = \"scale\"\n";

#[tokio::test]
async fn a_run_that_panics_is_an_error_of_its_case_not_a_lost_case() {
    let personas = PersonaSet::embedded().unwrap();
    let questions = QuestionBank::embedded().unwrap();
    let catalog = Catalog {
        personas: &personas,
        questions: &questions,
    };
    let profiles = Profiles::embedded().unwrap();
    let cases = vec![
        load_case(Path::new("panics.toml"), CASE, &catalog, &profiles).unwrap(),
        load_case(Path::new("fine.toml"), OFFLINE, &catalog, &profiles).unwrap(),
    ];
    let factory: ModelFactory = Arc::new(|_: &str| Ok(Arc::new(Panics) as Arc<dyn ChatModel>));
    let opts = Options {
        repeat: None,
        jobs: 4,
        mode: ModelMode::Live(factory),
        model: None,
        default_model: None,
        transcripts: None,
        scrubber: Scrubber::default(),
    };
    let suite = run_suite(cases, &catalog, &opts, |_| {}).await;
    assert_eq!(suite.cases.len(), 2, "no case vanishes");
    let panicked = suite.cases.iter().find(|c| c.id == "panics").unwrap();
    assert_eq!(panicked.status, CaseStatus::Error);
    assert_eq!(panicked.errored, 3);
    assert_eq!(panicked.runs.n, 0, "no errored run counts in k/N");
    assert!(
        panicked.errors[0].contains("panicked: a bug deep in the run"),
        "{:?}",
        panicked.errors
    );
    assert_eq!(suite.failed(), 1);
    assert_eq!(suite.errored(), 1);
    let fine = suite.cases.iter().find(|c| c.id == "fine").unwrap();
    assert_eq!(fine.status, CaseStatus::Pass);
}
