//! Reasoning kept apart from the reply: reasoning models wrap their thinking in `<think>` ...
//! `</think>` (DeepSeek-R1, Qwen3, QwQ and their distillations, as served by llama.cpp, Ollama,
//! vLLM without a reasoning parser). [`ThinkSplitter`] takes the reply as it streams and sends
//! only what lies outside those blocks on, holding back a piece that may be the start of a tag
//! until the next piece says whether it is one.
//!
//! Some chat templates open the block themselves, so the reply starts inside it and only the
//! closing tag arrives: everything before an unopened `</think>` is reasoning too. That text may
//! already have streamed out by the time the tag shows it was reasoning; [`ThinkSplitter::finish`]
//! still moves it out of the reply, so it is never stored as the model's words. Callers that show
//! replies to a person check the whole reply first (the interviewer's guard does).

/// Tags that open a reasoning block.
const OPENERS: [&str; 3] = ["<think>", "<thinking>", "<reasoning>"];
/// Tags that close one.
const CLOSERS: [&str; 3] = ["</think>", "</thinking>", "</reasoning>"];

/// Splits streamed text into the reply and the reasoning.
#[derive(Debug, Default, Clone)]
pub struct ThinkSplitter {
    inside: bool,
    /// Text held back because it may be the start of a tag.
    pending: String,
    text: String,
    reasoning: String,
}

impl ThinkSplitter {
    /// A splitter at the start of a reply.
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes the next piece of the reply; returns what of it is safe to show now (possibly "").
    pub fn push(&mut self, piece: &str) -> String {
        let mut buf = std::mem::take(&mut self.pending);
        buf.push_str(piece);
        let mut shown = String::new();
        loop {
            if self.inside {
                match find_any(&buf, &CLOSERS) {
                    Some((at, len)) => {
                        self.reasoning.push_str(&buf[..at]);
                        buf.drain(..at + len);
                        self.inside = false;
                    }
                    None => {
                        let keep = partial_tag_suffix(&buf, &CLOSERS);
                        self.reasoning.push_str(&buf[..buf.len() - keep]);
                        self.pending = buf[buf.len() - keep..].to_string();
                        return shown;
                    }
                }
            } else {
                let open = find_any(&buf, &OPENERS);
                let close = find_any(&buf, &CLOSERS);
                match (open, close) {
                    (_, Some((c, len))) if open.is_none_or(|(o, _)| c < o) => {
                        // A block the template opened: all the reply so far was reasoning.
                        self.reasoning.push_str(&std::mem::take(&mut self.text));
                        self.reasoning.push_str(&buf[..c]);
                        buf.drain(..c + len);
                    }
                    (Some((o, len)), _) => {
                        shown.push_str(&buf[..o]);
                        self.text.push_str(&buf[..o]);
                        buf.drain(..o + len);
                        self.inside = true;
                    }
                    _ => {
                        let keep = partial_tag_suffix(&buf, &OPENERS)
                            .max(partial_tag_suffix(&buf, &CLOSERS));
                        let ready = &buf[..buf.len() - keep];
                        shown.push_str(ready);
                        self.text.push_str(ready);
                        self.pending = buf[buf.len() - keep..].to_string();
                        return shown;
                    }
                }
            }
        }
    }

    /// Whether the reply is inside a reasoning block right now.
    pub fn thinking(&self) -> bool {
        self.inside
    }

    /// Ends the reply: (the reply, the reasoning). A block never closed is all reasoning.
    pub fn finish(mut self) -> (String, String) {
        let rest = std::mem::take(&mut self.pending);
        if self.inside {
            self.reasoning.push_str(&rest);
        } else {
            self.text.push_str(&rest);
        }
        (self.text, self.reasoning)
    }

    /// Splits a whole reply at once: (the reply, the reasoning).
    pub fn split(text: &str) -> (String, String) {
        let mut s = Self::new();
        s.push(text);
        s.finish()
    }
}

/// The earliest of `tags` in `buf` (ASCII case-insensitive): (byte offset, tag length).
fn find_any(buf: &str, tags: &[&str]) -> Option<(usize, usize)> {
    let lower = buf.to_ascii_lowercase();
    tags.iter()
        .filter_map(|t| lower.find(t).map(|at| (at, t.len())))
        .min()
}

/// How many bytes at the end of `buf` could be the start of one of `tags`.
fn partial_tag_suffix(buf: &str, tags: &[&str]) -> usize {
    let Some(lt) = buf.rfind('<') else {
        return 0;
    };
    let tail = buf[lt..].to_ascii_lowercase();
    if tags
        .iter()
        .any(|t| t.len() > tail.len() && t.starts_with(&tail))
    {
        buf.len() - lt
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(pieces: &[&str]) -> (String, String, String) {
        let mut s = ThinkSplitter::new();
        let shown: String = pieces.iter().map(|p| s.push(p)).collect();
        let (text, reasoning) = s.finish();
        (shown, text, reasoning)
    }

    #[test]
    fn a_think_block_never_reaches_the_reply() {
        let (shown, text, reasoning) = stream(&[
            "<think>The sheet says 500k QPS",
            " but they did not ask.</think>",
            "What scale do you expect?",
        ]);
        assert_eq!(shown, "What scale do you expect?");
        assert_eq!(text, shown);
        assert!(reasoning.contains("500k QPS"));
    }

    #[test]
    fn tags_split_across_pieces_are_still_found() {
        let (shown, text, reasoning) =
            stream(&["Hi <th", "ink>secret</th", "ink> there", " <b>bold</b>"]);
        assert_eq!(shown, "Hi  there <b>bold</b>");
        assert_eq!(text, shown);
        assert_eq!(reasoning, "secret");
    }

    #[test]
    fn a_block_the_template_opened_is_reasoning_too() {
        let (_, text, reasoning) = stream(&["let me think about the sheet", "</think>", "Go on."]);
        assert_eq!(text, "Go on.");
        assert_eq!(reasoning, "let me think about the sheet");
    }

    #[test]
    fn an_unclosed_block_leaves_an_empty_reply() {
        let (shown, text, reasoning) = stream(&["<think>still thinking when the tokens ran out"]);
        assert_eq!((shown.as_str(), text.as_str()), ("", ""));
        assert!(reasoning.starts_with("still thinking"));
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        assert_eq!(
            ThinkSplitter::split("latency < 50 ms and x<y"),
            ("latency < 50 ms and x<y".to_string(), String::new())
        );
        assert_eq!(
            ThinkSplitter::split("ends with <"),
            ("ends with <".to_string(), String::new())
        );
    }
}
