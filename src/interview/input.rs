//! Where candidate turns come from: rustyline when a person types (on a thread of its own, since
//! readline blocks), one line per turn when stdin is piped.

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
}

/// Where candidate turns come from.
pub enum Source {
    /// A person at a terminal, through rustyline on its own thread.
    Terminal(ReadlineThread),
    /// Piped stdin: each line one turn.
    Piped(mpsc::Receiver<Input>),
}

impl Source {
    /// Stdin as the source: rustyline when it is a terminal, lines otherwise.
    pub fn stdin(history: Option<PathBuf>) -> Self {
        use std::io::IsTerminal;
        if std::io::stdin().is_terminal() {
            Source::Terminal(ReadlineThread::spawn(history))
        } else {
            let (tx, rx) = mpsc::channel(16);
            std::thread::spawn(move || {
                for line in std::io::stdin().lock().lines() {
                    let Ok(line) = line else { break };
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
        match self {
            Source::Terminal(t) => t.read(prompt).await,
            Source::Piped(rx) => tokio::select! {
                line = rx.recv() => line.unwrap_or(Input::Eof),
                _ = tokio::signal::ctrl_c() => Input::Interrupted,
            },
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

/// rustyline on a thread of its own, driven through channels so the async side never blocks.
pub struct ReadlineThread {
    requests: std::sync::mpsc::Sender<(String, oneshot::Sender<Input>)>,
    closed: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Prints above the prompt while the candidate is typing (time warnings).
    printer: std::sync::Mutex<Option<Printer>>,
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
                        if !line.trim().is_empty() {
                            let _ = editor.add_history_entry(line.as_str());
                            if let Some(h) = &history {
                                let _ = editor.append_history(h);
                            }
                        }
                        Input::Line(line)
                    }
                    Err(rustyline::error::ReadlineError::Interrupted) => Input::Interrupted,
                    Err(_) => Input::Eof,
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
        if input == Input::Eof {
            self.closed.store(true, std::sync::atomic::Ordering::SeqCst);
        }
        input
    }
}
