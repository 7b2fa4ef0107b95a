//! A small OpenAI-compatible chat server for manual runs and benchmarks: no model, no network.
//!
//! ```text
//! cargo run --example mock_openai -- --port 8089 --latency-ms 400 --tokens-per-sec 30
//! # then point hotseat at http://127.0.0.1:8089/v1 (any model name, no key)
//! ```
//!
//! Serves `POST /v1/chat/completions` (streaming SSE with the final usage chunk when asked, or a
//! plain JSON reply) and `GET /v1/models`. One thread per connection, HTTP/1.1 keep-alive.
//! `--error-rate 0.1` answers every tenth request (spread evenly, deterministic) with a 500.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clap::Parser;
use serde_json::{Value, json};

const DEFAULT_REPLY: &str = "Good, that gives us a baseline. Before we pick a datastore: how many \
                             reads per second do you expect at peak, and how stale may a read be?";

/// A mock OpenAI-compatible chat completions server.
#[derive(Parser, Debug)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8089)]
    port: u16,
    /// Time before the first token, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Tokens (words) per second after the first; 0 sends them all at once.
    #[arg(long, default_value_t = 0.0)]
    tokens_per_sec: f64,
    /// Fraction of requests answered with HTTP 500 (0.0 to 1.0).
    #[arg(long, default_value_t = 0.0)]
    error_rate: f64,
    /// The reply to send to every request.
    #[arg(long, default_value = DEFAULT_REPLY)]
    reply: String,
}

struct Server {
    args: Args,
    requests: AtomicU64,
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let listener = TcpListener::bind((args.host.as_str(), args.port))?;
    println!(
        "mock OpenAI server listening on http://{}/v1",
        listener.local_addr()?
    );
    let server = Arc::new(Server {
        args,
        requests: AtomicU64::new(0),
    });
    for conn in listener.incoming() {
        let Ok(conn) = conn else { continue };
        let server = server.clone();
        thread::spawn(move || {
            if let Err(e) = server.serve(conn) {
                eprintln!("connection ended: {e}");
            }
        });
    }
    Ok(())
}

/// One parsed HTTP request.
struct Request {
    method: String,
    path: String,
    body: Vec<u8>,
    close: bool,
}

fn read_request(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<Request>> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default().to_string();
    let (mut length, mut close) = (0usize, false);
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
            match name.as_str() {
                "content-length" => length = value.parse().unwrap_or(0),
                "connection" => close = value.eq_ignore_ascii_case("close"),
                _ => {}
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(Some(Request {
        method,
        path,
        body,
        close,
    }))
}

fn respond_json(conn: &mut TcpStream, status: &str, body: &Value) -> std::io::Result<()> {
    let body = body.to_string();
    write!(
        conn,
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )?;
    conn.flush()
}

fn error_body(message: &str, kind: &str) -> Value {
    json!({"error": {"message": message, "type": kind, "param": null, "code": null}})
}

impl Server {
    fn serve(&self, conn: TcpStream) -> std::io::Result<()> {
        conn.set_nodelay(true)?;
        let mut reader = BufReader::new(conn.try_clone()?);
        let mut conn = conn;
        while let Some(req) = read_request(&mut reader)? {
            let path = req.path.split('?').next().unwrap_or_default();
            match (req.method.as_str(), path) {
                ("POST", "/v1/chat/completions" | "/chat/completions") => {
                    self.chat(&mut conn, &req.body)?
                }
                ("GET", "/v1/models" | "/models") => respond_json(
                    &mut conn,
                    "200 OK",
                    &json!({"object": "list", "data": [{"id": "mock", "object": "model",
                            "created": 0, "owned_by": "hotseat"}]}),
                )?,
                _ => respond_json(
                    &mut conn,
                    "404 Not Found",
                    &error_body(&format!("no route for {} {path}", req.method), "not_found"),
                )?,
            }
            if req.close {
                break;
            }
        }
        Ok(())
    }

    fn chat(&self, conn: &mut TcpStream, body: &[u8]) -> std::io::Result<()> {
        let Ok(request) = serde_json::from_slice::<Value>(body) else {
            let err = error_body("the body is not JSON", "invalid_request_error");
            return respond_json(conn, "400 Bad Request", &err);
        };
        // Deterministic, evenly spread failures: the fractional parts of n·φ are equidistributed.
        let n = self.requests.fetch_add(1, Ordering::Relaxed) + 1;
        if (n as f64 * 0.618_033_988_749_895).fract() < self.args.error_rate {
            let err = error_body("mock: injected failure", "server_error");
            return respond_json(conn, "500 Internal Server Error", &err);
        }
        let model = request["model"].as_str().unwrap_or("mock").to_string();
        let prompt_tokens: usize = request["messages"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| m["content"].as_str())
            .map(|c| c.split_whitespace().count())
            .sum();
        let tokens: Vec<&str> = self.args.reply.split_inclusive(' ').collect();
        let usage = json!({
            "prompt_tokens": prompt_tokens,
            "completion_tokens": tokens.len(),
            "total_tokens": prompt_tokens + tokens.len(),
        });
        let created = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let id = format!("chatcmpl-mock-{n}");
        let gap = if self.args.tokens_per_sec > 0.0 {
            Duration::from_secs_f64(1.0 / self.args.tokens_per_sec)
        } else {
            Duration::ZERO
        };
        thread::sleep(Duration::from_millis(self.args.latency_ms));

        if request["stream"].as_bool() != Some(true) {
            thread::sleep(gap * tokens.len().saturating_sub(1) as u32);
            let reply = json!({
                "id": id, "object": "chat.completion", "created": created, "model": model,
                "choices": [{"index": 0, "finish_reason": "stop", "logprobs": null,
                             "message": {"role": "assistant", "content": self.args.reply}}],
                "usage": usage,
            });
            return respond_json(conn, "200 OK", &reply);
        }

        write!(
            conn,
            "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n\
             transfer-encoding: chunked\r\n\r\n"
        )?;
        let chunk = |choices: Value, usage: Value| {
            json!({"id": id, "object": "chat.completion.chunk", "created": created,
                   "model": model, "choices": choices, "usage": usage})
        };
        for (i, token) in tokens.iter().enumerate() {
            if i > 0 {
                thread::sleep(gap);
            }
            let delta = if i == 0 {
                json!({"role": "assistant", "content": token})
            } else {
                json!({"content": token})
            };
            let choices = json!([{"index": 0, "delta": delta, "finish_reason": null}]);
            send_event(conn, &chunk(choices, Value::Null).to_string())?;
        }
        let last = json!([{"index": 0, "delta": {}, "finish_reason": "stop"}]);
        send_event(conn, &chunk(last, Value::Null).to_string())?;
        if request["stream_options"]["include_usage"].as_bool() == Some(true) {
            send_event(conn, &chunk(json!([]), usage).to_string())?;
        }
        send_event(conn, "[DONE]")?;
        conn.write_all(b"0\r\n\r\n")?;
        conn.flush()
    }
}

/// Writes one SSE event as one HTTP chunk.
fn send_event(conn: &mut TcpStream, data: &str) -> std::io::Result<()> {
    let event = format!("data: {data}\n\n");
    write!(conn, "{:x}\r\n{event}\r\n", event.len())?;
    conn.flush()
}
