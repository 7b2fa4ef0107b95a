//! Where candidate turns come from: rustyline when a person types (on a thread of its own, since
//! readline blocks), one line per turn when stdin is piped.
//!
//! Nothing typed is lost between lines: rustyline keeps bytes that arrived ahead of the current
//! line (its `buffer-redux` feature), a byte that is not UTF-8 rejects that one line (at a
//! keyboard) or is replaced (in a pipe) instead of ending the round, and a terminal that goes away
//! is [`Input::Hangup`], not the end of input.

use std::io::BufRead;
use std::path::PathBuf;

use tokio::sync::{mpsc, oneshot};

/// What the candidate typed, or why nothing came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A line (or a pasted block).
    Line(String),
    /// Ctrl-C at the prompt.
    Interrupted,
    /// Ctrl-D or end of input.
    Eof,
    /// A line that could not be read (a byte that is not UTF-8), and why; the round goes on.
    Rejected(String),
    /// The terminal went away (SIGHUP): the round is left as with `/quit`.
    Hangup,
}

/// Where candidate turns come from.
pub enum Source {
    /// A person at a terminal, through rustyline on its own thread.
    Terminal(ReadlineThread),
    /// Piped stdin: each line one turn.
    Piped(mpsc::Receiver<Input>),
}

impl Source {
    /// Stdin as the source: rustyline when it is a terminal (with `history` made private first;
    /// without it when that fails), lines otherwise.
    pub fn stdin(history: Option<PathBuf>) -> Self {
        use std::io::IsTerminal;
        super::hangup::install();
        if std::io::stdin().is_terminal() {
            let history = history.filter(|h| match private_file(h) {
                Ok(()) => true,
                Err(e) => {
                    tracing::warn!("no input history at {}: {e}", h.display());
                    false
                }
            });
            Source::Terminal(ReadlineThread::spawn(history))
        } else {
            let (tx, rx) = mpsc::channel(16);
            std::thread::spawn(move || {
                let mut stdin = std::io::stdin().lock();
                let mut n = 0;
                loop {
                    let mut bytes = Vec::new();
                    match stdin.read_until(b'\n', &mut bytes) {
                        Ok(0) | Err(_) => break,
                        Ok(_) => {}
                    }
                    n += 1;
                    let line = match String::from_utf8(bytes) {
                        Ok(line) => line,
                        Err(e) => {
                            eprintln!(
                                "(input line {n} holds bytes that are not UTF-8; they are kept as \u{FFFD})"
                            );
                            String::from_utf8_lossy(e.as_bytes()).into_owned()
                        }
                    };
                    let line = line.trim_end_matches(['\n', '\r']).to_string();
                    if tx.blocking_send(Input::Line(line)).is_err() {
                        return;
                    }
                }
                let _ = tx.blocking_send(Input::Eof);
            });
            Source::Piped(rx)
        }
    }

    /// Whether a person is typing (as opposed to a script).
    pub fn interactive(&self) -> bool {
        matches!(self, Source::Terminal(_))
    }

    /// The next input, showing `prompt` at a terminal.
    pub async fn next(&mut self, prompt: &str) -> Input {
        use super::hangup;
        if hangup::hung_up() {
            return Input::Hangup;
        }
        let input = match self {
            Source::Terminal(t) => tokio::select! {
                input = t.read(prompt) => input,
                _ = hangup::wait() => Input::Hangup,
            },
            Source::Piped(rx) => tokio::select! {
                line = rx.recv() => line.unwrap_or(Input::Eof),
                _ = tokio::signal::ctrl_c() => Input::Interrupted,
                _ = hangup::wait() => Input::Hangup,
            },
        };
        // A terminal that goes away reads as end of input, a moment before its signal lands.
        let grace = match self {
            Source::Terminal(_) => std::time::Duration::from_millis(100),
            Source::Piped(_) => std::time::Duration::ZERO,
        };
        match input {
            Input::Eof if hangup::hung_up_within(grace).await => Input::Hangup,
            other => other,
        }
    }

    /// Whether the input has ended (Ctrl-D, or the end of piped input): nothing more will come.
    pub fn closed(&self) -> bool {
        match self {
            Source::Terminal(t) => t.closed.load(std::sync::atomic::Ordering::SeqCst),
            Source::Piped(rx) => rx.is_closed() && rx.is_empty(),
        }
    }
}

/// Makes sure `path` exists and only its owner can read it (0600, in a 0700 folder when the folder
/// is new): the input history holds every answer typed.
pub fn private_file(path: &std::path::Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::files::create_private_dir_all(dir)?;
    }
    // Created 0600 and never through a link: rustyline writes to whatever this path names.
    crate::files::open_append(path, true).map(drop)
}

/// rustyline on a thread of its own, driven through channels so the async side never blocks.
pub struct ReadlineThread {
    requests: std::sync::mpsc::Sender<(String, oneshot::Sender<Input>)>,
    closed: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Prints above the prompt while the candidate is typing (time warnings).
    printer: std::sync::Mutex<Option<Printer>>,
}

/// The terminal wraps a long typed line at the last column, mid-word and flush left; once it is
/// sent, the rows it took are cleared and it is written again wrapped by word under the prompt,
/// like the interviewer's lines. Only on a terminal, and only when the line took more than one row
/// and fits on the screen (the rows to clear must all still be visible).
fn rewrap_echo(prompt: &str, line: &str) {
    use std::io::{IsTerminal, Write};
    let mut out = std::io::stdout();
    if !out.is_terminal() {
        return;
    }
    let Some((terminal_size::Width(cols), terminal_size::Height(rows))) =
        terminal_size::terminal_size()
    else {
        return;
    };
    let (cols, rows) = (usize::from(cols), usize::from(rows));
    if let Some(text) = rewrapped(prompt, line, cols, rows) {
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }
}

/// What [`rewrap_echo`] writes for `prompt` + `line` typed on a `cols` x `rows` terminal: cursor
/// up over the rows the echo took, clear to the end of the screen, the line wrapped by word with
/// a hanging indent; `None` when the echo took one row or more rows than the screen shows.
fn rewrapped(prompt: &str, line: &str, cols: usize, rows: usize) -> Option<String> {
    if cols == 0 || line.contains('\n') {
        return None;
    }
    let typed = crate::layout::display_width(prompt) + crate::layout::display_width(line);
    let taken = typed.div_ceil(cols).max(1);
    if taken < 2 || taken >= rows {
        return None;
    }
    let wrapped = crate::layout::hang(prompt, line.trim_end(), cols);
    Some(format!("\x1b[{taken}A\r\x1b[J{wrapped}\n"))
}

/// Writes a line above rustyline's prompt without disturbing what is being typed.
pub type Printer = Box<dyn rustyline::ExternalPrinter + Send>;

impl ReadlineThread {
    /// Starts the thread; history is loaded from and saved to `history` when given.
    pub fn spawn(history: Option<PathBuf>) -> Self {
        let (tx, rx) = std::sync::mpsc::channel::<(String, oneshot::Sender<Input>)>();
        let (printer_tx, printer_rx) = std::sync::mpsc::channel::<Option<Printer>>();
        std::thread::spawn(move || {
            let Ok(mut editor) = rustyline::DefaultEditor::new() else {
                let _ = printer_tx.send(None);
                for (_, reply) in rx {
                    let _ = reply.send(Input::Eof);
                }
                return;
            };
            let printer = editor
                .create_external_printer()
                .ok()
                .map(|p| Box::new(p) as Printer);
            let _ = printer_tx.send(printer);
            if let Some(h) = &history {
                let _ = editor.load_history(h);
            }
            for (prompt, reply) in rx {
                let input = match editor.readline(&prompt) {
                    Ok(line) => {
                        rewrap_echo(&prompt, &line);
                        if !line.trim().is_empty() {
                            let _ = editor.add_history_entry(line.as_str());
                            if let Some(h) = &history {
                                let _ = editor.append_history(h);
                            }
                        }
                        Input::Line(line)
                    }
                    Err(rustyline::error::ReadlineError::Interrupted) => Input::Interrupted,
                    Err(rustyline::error::ReadlineError::Io(e))
                        if e.kind() == std::io::ErrorKind::InvalidData =>
                    {
                        Input::Rejected(
                            "that line held a byte that is not UTF-8 and was dropped; type it again"
                                .into(),
                        )
                    }
                    Err(rustyline::error::ReadlineError::Eof) => Input::Eof,
                    // The terminal is gone (EIO after a hangup) or unusable.
                    Err(_) => Input::Hangup,
                };
                let _ = reply.send(input);
            }
        });
        Self {
            requests: tx,
            closed: Default::default(),
            printer: std::sync::Mutex::new(printer_rx.recv().ok().flatten()),
        }
    }

    /// Takes the printer for lines above the prompt (once; `None` if the terminal has none).
    pub fn take_printer(&self) -> Option<Printer> {
        self.printer.lock().ok().and_then(|mut p| p.take())
    }

    async fn read(&self, prompt: &str) -> Input {
        let (tx, rx) = oneshot::channel();
        let input = if self.requests.send((prompt.to_string(), tx)).is_err() {
            Input::Eof
        } else {
            rx.await.unwrap_or(Input::Eof)
        };
        if matches!(input, Input::Eof | Input::Hangup) {
            self.closed.store(true, std::sync::atomic::Ordering::SeqCst);
        }
        input
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_long_typed_line_is_wrapped_again_by_word() {
        let line = "Before I design: how many ad requests a second at peak, and what latency budget does ranking get?";
        let out = rewrapped("you> ", line, 80, 24).unwrap();
        assert!(out.starts_with("\x1b[2A\r\x1b[J"), "{out:?}");
        let body = out.trim_start_matches("\x1b[2A\r\x1b[J");
        let lines: Vec<&str> = body.lines().collect();
        assert_eq!(lines.len(), 2, "{body}");
        assert!(lines.iter().all(|l| crate::layout::display_width(l) <= 80));
        assert!(
            lines[1].starts_with("     ") && !lines[0].ends_with("bu"),
            "{body}"
        );
        assert_eq!(
            body.split_whitespace().collect::<Vec<_>>()[1..].join(" "),
            line,
            "every word kept whole"
        );
        // One row, or more rows than the screen shows: left as the terminal drew it.
        assert_eq!(rewrapped("you> ", "Short answer.", 80, 24), None);
        assert_eq!(rewrapped("you> ", &"word ".repeat(400), 80, 24), None);
    }

    #[test]
    fn history_is_private_new_or_old() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("sessions/history.txt");
        private_file(&fresh).unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&fresh), 0o600);
        assert_eq!(mode(fresh.parent().unwrap()), 0o700);
        let old = dir.path().join("old.txt");
        std::fs::write(&old, "an answer\n").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
        private_file(&old).unwrap();
        assert_eq!(mode(&old), 0o600);
        assert_eq!(std::fs::read_to_string(&old).unwrap(), "an answer\n");
    }
}
