//! A server-sent-events decoder that takes what real servers send, not only what the spec says:
//! a UTF-8 byte-order mark before the first event, `\r\n` or bare `\r` line ends, comment lines
//! used as keep-alives, `data:` with or without the space, several `data:` lines in one event,
//! and a last event with no blank line after it when the body ends.

/// One thing the stream said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SseEvent {
    /// An event's data (its `data:` lines joined with `\n`), with its `event:` name if it had one.
    Data {
        /// The `event:` field, when sent (`error` on some servers).
        name: Option<String>,
        /// The payload.
        data: String,
    },
    /// A comment line (`: ping`): a keep-alive, no content.
    KeepAlive,
}

/// Turns body bytes into events, piece by piece.
#[derive(Debug, Default)]
pub struct SseDecoder {
    /// Bytes of an unfinished line (kept as bytes so a UTF-8 character split across two network
    /// reads is decoded whole).
    line: Vec<u8>,
    started: bool,
    /// The last byte seen was `\r`: a `\n` right after it ends nothing new.
    after_cr: bool,
    name: Option<String>,
    data: Vec<String>,
    /// Every byte received so far, up to a limit, for a body that turns out not to be SSE.
    raw: Vec<u8>,
}

/// How much of the body is kept in case it is a plain JSON document rather than a stream.
const RAW_LIMIT: usize = 4 << 20;

impl SseDecoder {
    /// A decoder at the start of a body.
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds the next bytes; returns the events they completed.
    pub fn feed(&mut self, mut bytes: &[u8]) -> Vec<SseEvent> {
        if self.raw.len() < RAW_LIMIT {
            self.raw.extend_from_slice(bytes);
        }
        if !self.started {
            // The BOM may arrive split over reads: wait for three bytes before deciding.
            self.line.extend_from_slice(bytes);
            if self.line.len() < 3 && b"\xEF\xBB\xBF".starts_with(&self.line) {
                return Vec::new();
            }
            self.started = true;
            let held = std::mem::take(&mut self.line);
            let held = held.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&held).to_vec();
            return self.feed_lines(&held);
        }
        let mut out = Vec::new();
        while !bytes.is_empty() {
            let n = bytes.len().min(64 * 1024);
            out.extend(self.feed_lines(&bytes[..n]));
            bytes = &bytes[n..];
        }
        out
    }

    fn feed_lines(&mut self, bytes: &[u8]) -> Vec<SseEvent> {
        let mut out = Vec::new();
        for &b in bytes {
            match b {
                b'\n' if self.after_cr => self.after_cr = false,
                b'\n' | b'\r' => {
                    self.after_cr = b == b'\r';
                    let line = std::mem::take(&mut self.line);
                    if let Some(e) = self.line_done(&String::from_utf8_lossy(&line)) {
                        out.push(e);
                    }
                }
                _ => {
                    self.after_cr = false;
                    self.line.push(b);
                }
            }
        }
        out
    }

    /// Keeps bytes of a body that is not an event stream (a JSON document), without decoding.
    pub fn keep_raw(&mut self, bytes: &[u8]) {
        if self.raw.len() < RAW_LIMIT {
            self.raw.extend_from_slice(bytes);
        }
    }

    /// The body ended: the event in progress, if any.
    pub fn finish(&mut self) -> Vec<SseEvent> {
        let mut out = Vec::new();
        if !self.started {
            self.started = true;
            let held = std::mem::take(&mut self.line);
            let held = held.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&held).to_vec();
            self.line = held;
        }
        if !self.line.is_empty() {
            let line = std::mem::take(&mut self.line);
            out.extend(self.line_done(&String::from_utf8_lossy(&line)));
        }
        out.extend(self.dispatch());
        out
    }

    /// The body as received (BOM removed), for a server that answered a streaming request with
    /// one JSON document.
    pub fn raw_text(&self) -> String {
        let raw = self.raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&self.raw);
        String::from_utf8_lossy(raw).into_owned()
    }

    fn line_done(&mut self, line: &str) -> Option<SseEvent> {
        if line.is_empty() {
            return self.dispatch();
        }
        if line.starts_with(':') {
            return Some(SseEvent::KeepAlive);
        }
        let (field, value) = match line.split_once(':') {
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (line, ""),
        };
        match field {
            "data" => self.data.push(value.to_string()),
            "event" => self.name = Some(value.to_string()),
            _ => {}
        }
        None
    }

    fn dispatch(&mut self) -> Option<SseEvent> {
        let name = self.name.take();
        if self.data.is_empty() {
            return None;
        }
        let data = std::mem::take(&mut self.data).join("\n");
        Some(SseEvent::Data { name, data })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(s: &str) -> SseEvent {
        SseEvent::Data {
            name: None,
            data: s.into(),
        }
    }

    fn all(pieces: &[&[u8]]) -> Vec<SseEvent> {
        let mut d = SseDecoder::new();
        let mut out: Vec<SseEvent> = pieces.iter().flat_map(|p| d.feed(p)).collect();
        out.extend(d.finish());
        out
    }

    #[test]
    fn a_bom_split_over_reads_is_dropped() {
        assert_eq!(
            all(&[b"\xEF", b"\xBB", b"\xBFdata: {}\n\n"]),
            vec![data("{}")]
        );
        assert_eq!(all(&[b"\xEF\xBB\xBFdata:x\r\n\r\n"]), vec![data("x")]);
    }

    #[test]
    fn line_ends_comments_and_fields_as_servers_send_them() {
        let events = all(&[
            b": keep-alive\r\n\r\ndata:a\rdata: b\r\r",
            b"event: error\ndata: {\"error\":1}\n\n",
            b"id: 3\nretry: 10\ndata: tail",
        ]);
        assert_eq!(
            events,
            vec![
                SseEvent::KeepAlive,
                data("a\nb"),
                SseEvent::Data {
                    name: Some("error".into()),
                    data: "{\"error\":1}".into()
                },
                data("tail"),
            ]
        );
    }

    #[test]
    fn a_character_split_across_reads_stays_whole() {
        let bytes = "data: café\n\n".as_bytes();
        let (a, b) = bytes.split_at(10);
        assert_eq!(all(&[a, b]), vec![data("café")]);
    }

    #[test]
    fn a_plain_json_body_is_kept_raw() {
        let mut d = SseDecoder::new();
        assert!(d.feed(b"{\"choices\": []}").is_empty());
        assert!(d.finish().is_empty());
        assert_eq!(d.raw_text(), "{\"choices\": []}");
    }
}
