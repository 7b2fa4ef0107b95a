//! A scripted raw HTTP server on 127.0.0.1: it replays exact bytes, so a test can send what a real
//! server sent (a byte-order mark, keep-alive comments, a connection closed under a kept-alive
//! client) where wiremock would tidy it up.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What the server does after reading one request.
#[derive(Debug, Clone)]
pub enum Step {
    /// Writes these bytes.
    Write(String),
    /// Writes these bytes `times` times, `every` apart (heartbeats), stopping if the client left.
    Repeat {
        bytes: String,
        every: Duration,
        times: u32,
    },
    /// Keeps the connection open, silent, until the client goes away.
    Hang,
}

/// A connection's script: for each request read on it, in order, the steps that answer it. A
/// request beyond the script is met by closing the connection without an answer.
pub type Conn = Vec<Vec<Step>>;

/// The running server: its base URL (with `/v1`) and how many requests it has read.
pub struct Raw {
    pub base: String,
    pub requests: Arc<AtomicUsize>,
}

impl Raw {
    /// Requests read so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

/// Serves `conns`, one script per accepted connection, in order.
pub fn serve(conns: Vec<Conn>) -> Raw {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let requests = Arc::new(AtomicUsize::new(0));
    let counter = requests.clone();
    std::thread::spawn(move || {
        for script in conns {
            let Ok((conn, _)) = listener.accept() else {
                return;
            };
            let counter = counter.clone();
            std::thread::spawn(move || run(conn, script, &counter));
        }
    });
    Raw {
        base: format!("http://{addr}/v1"),
        requests,
    }
}

fn run(mut conn: TcpStream, script: Conn, counter: &AtomicUsize) {
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    for answer in script {
        if !read_request(&mut reader) {
            return;
        }
        counter.fetch_add(1, Ordering::SeqCst);
        for step in answer {
            match step {
                Step::Write(bytes) => {
                    if conn.write_all(bytes.as_bytes()).is_err() {
                        return;
                    }
                    let _ = conn.flush();
                }
                Step::Repeat {
                    bytes,
                    every,
                    times,
                } => {
                    for _ in 0..times {
                        std::thread::sleep(every);
                        if conn.write_all(bytes.as_bytes()).is_err() {
                            return;
                        }
                    }
                }
                Step::Hang => {
                    let _ = conn.set_read_timeout(Some(Duration::from_secs(30)));
                    let started = Instant::now();
                    let mut buf = [0u8; 64];
                    while started.elapsed() < Duration::from_secs(30)
                        && matches!(conn.read(&mut buf), Ok(n) if n > 0)
                    {}
                    return;
                }
            }
        }
    }
    // Requests beyond the script: read one, then close without answering (a server that had
    // closed the kept-alive connection under the client).
    if read_request(&mut reader) {
        counter.fetch_add(1, Ordering::SeqCst);
    }
    let _ = conn.shutdown(std::net::Shutdown::Both);
}

/// Reads one request (head and body); `false` when the client closed the connection.
fn read_request(reader: &mut BufReader<TcpStream>) -> bool {
    let mut length = 0;
    let mut any = false;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return false,
            Ok(_) => {}
        }
        if line == "\r\n" {
            break;
        }
        any = true;
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    any && reader.read_exact(&mut body).is_ok()
}

/// A response head for a chunked event stream.
pub const SSE_HEAD: &str = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\
                            transfer-encoding: chunked\r\nconnection: keep-alive\r\n\r\n";

/// One HTTP/1.1 chunk.
pub fn chunk(data: &str) -> String {
    format!("{:x}\r\n{data}\r\n", data.len())
}

/// The last chunk of a chunked body.
pub const LAST_CHUNK: &str = "0\r\n\r\n";

/// A whole response with a content length, kept alive.
pub fn response(status: &str, content_type: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\
         connection: keep-alive\r\n\r\n{body}",
        body.len()
    )
}
