//! Reading the judge's answer leniently: servers without structured output, and small models, wrap
//! the JSON in prose or a code fence, send a bare array, or break the outer object while the
//! verdicts inside are fine. Every verdict that parses is kept; the rest count as failed.

use super::JudgeVerdict;

/// The verdicts in `text`, in order (possibly none).
pub fn verdicts(text: &str) -> Vec<JudgeVerdict> {
    #[derive(serde::Deserialize)]
    struct Wrapped {
        verdicts: Vec<JudgeVerdict>,
    }
    let (text, _) = crate::llm::think::ThinkSplitter::split(text);
    let t = text.trim();
    if let Ok(w) = serde_json::from_str::<Wrapped>(t) {
        return w.verdicts;
    }
    if let Ok(list) = serde_json::from_str::<Vec<JudgeVerdict>>(t) {
        return list;
    }
    if let Ok(one) = serde_json::from_str::<JudgeVerdict>(t) {
        return vec![one];
    }
    // Prose, fences or a broken wrapper: every object that reads as a verdict, in order.
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = t[from..].find('{').map(|i| from + i) {
        let mut stream = serde_json::Deserializer::from_str(&t[at..]).into_iter::<JudgeVerdict>();
        match stream.next() {
            Some(Ok(v)) => {
                out.push(v);
                from = at + stream.byte_offset();
            }
            _ => from = at + 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(id: &str) -> String {
        format!(r#"{{"criterion":"{id}","verdict":false,"quote":"","reason":"r"}}"#)
    }

    #[test]
    fn the_schema_shape_a_bare_array_and_one_verdict_read() {
        let wrapped = format!(r#"{{"verdicts":[{},{}]}}"#, v("a"), v("b"));
        assert_eq!(verdicts(&wrapped).len(), 2);
        assert_eq!(verdicts(&format!("[{}]", v("a"))).len(), 1);
        assert_eq!(verdicts(&v("a"))[0].criterion, "a");
    }

    #[test]
    fn prose_fences_think_blocks_and_a_broken_wrapper_are_tolerated() {
        let text = format!(
            "<think>Let me weigh each {{criterion}}.</think>Here are my verdicts:\n```json\n\
             {{\"verdicts\": [{}, {}, {{\"criterion\": \"c\", \"verdict\": maybe}}\n```",
            v("a"),
            v("b")
        );
        let got: Vec<String> = verdicts(&text).into_iter().map(|v| v.criterion).collect();
        assert_eq!(got, ["a", "b"]);
        assert!(verdicts("I cannot judge this.").is_empty());
    }
}
