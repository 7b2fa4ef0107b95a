//! The `hotseat` command line: parses flags, wires the library together, maps failures to exit
//! codes (0 ok, 1 a check or the model failed, 2 bad usage or bad input) and one clear line.

mod cmd;

use std::process::ExitCode;

use clap::Parser;

use cmd::{Cli, Failure};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let scrubber = hotseat::llm::Scrubber::from_env(&|k| std::env::var(k).ok());
    if let Err(e) = init_logging(cli.verbose, &scrubber) {
        eprintln!("error: {}", scrubber.scrub(&format!("{e:#}")));
        return ExitCode::from(2);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(cmd::run(cli)) {
        Ok(code) => code,
        Err(Failure { code, error }) => {
            let message = format!("{error:#}");
            eprintln!(
                "error: {}",
                hotseat::data::one_line(&scrubber.scrub(&message))
            );
            ExitCode::from(code)
        }
    }
}

/// Logs go to stderr (or `HOTSEAT_LOG_FILE`, appended, created 0600, never through a link),
/// never into the streamed reply on stdout; every line passes the scrubber first, whatever library
/// wrote it.
fn init_logging(verbose: u8, scrubber: &hotseat::llm::Scrubber) -> anyhow::Result<()> {
    use tracing_subscriber::EnvFilter;
    let default = match verbose {
        // async-openai logs every retry and malformed chunk itself; we report those as one line.
        0 => "warn,async_openai=off",
        1 => "info,hotseat=debug,async_openai=warn",
        _ => "debug",
    };
    let filter = EnvFilter::try_from_env("HOTSEAT_LOG").unwrap_or_else(|_| EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    if let Some(path) = std::env::var_os("HOTSEAT_LOG_FILE").filter(|p| !p.is_empty()) {
        let path = std::path::PathBuf::from(path);
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
        let file = parent
            .map_or(Ok(()), hotseat::files::create_private_dir_all)
            .and_then(|()| hotseat::files::open_append(&path, true))
            .map_err(|e| {
                anyhow::anyhow!("HOTSEAT_LOG_FILE: cannot open {}: {e}", path.display())
            })?;
        builder
            .with_ansi(false)
            .with_writer(ScrubbedLog::new(file, scrubber.clone()))
            .init();
        return Ok(());
    }
    builder
        .with_writer(ScrubbedLog::new(std::io::stderr(), scrubber.clone()))
        .init();
    Ok(())
}

/// A log sink that scrubs each formatted event before it is written.
struct ScrubbedLog<W> {
    out: std::sync::Arc<std::sync::Mutex<W>>,
    scrubber: hotseat::llm::Scrubber,
}

impl<W> ScrubbedLog<W> {
    fn new(out: W, scrubber: hotseat::llm::Scrubber) -> Self {
        Self {
            out: std::sync::Arc::new(std::sync::Mutex::new(out)),
            scrubber,
        }
    }
}

/// One event's bytes, collected, scrubbed and written whole when the formatter is done with it.
struct LogLine<W: std::io::Write> {
    buf: Vec<u8>,
    out: std::sync::Arc<std::sync::Mutex<W>>,
    scrubber: hotseat::llm::Scrubber,
}

impl<W: std::io::Write> std::io::Write for LogLine<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<W: std::io::Write> Drop for LogLine<W> {
    fn drop(&mut self) {
        let text = String::from_utf8_lossy(&self.buf);
        let clean = self.scrubber.scrub(&text);
        if let Ok(mut out) = self.out.lock() {
            let _ = out.write_all(clean.as_bytes());
            let _ = out.flush();
        }
    }
}

impl<'a, W: std::io::Write + 'static> tracing_subscriber::fmt::MakeWriter<'a> for ScrubbedLog<W> {
    type Writer = LogLine<W>;

    fn make_writer(&'a self) -> Self::Writer {
        LogLine {
            buf: Vec::new(),
            out: self.out.clone(),
            scrubber: self.scrubber.clone(),
        }
    }
}
