//! The `hotseat` command line: parses flags, wires the library together, maps failures to exit
//! codes (0 ok, 1 a check or the model failed, 2 bad usage or bad input) and one clear line.

mod cmd;

use std::process::ExitCode;

use clap::Parser;

use cmd::{Cli, Failure};

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.verbose);
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
            eprintln!("error: {error:#}");
            ExitCode::from(code)
        }
    }
}

/// Logs go to stderr (or `HOTSEAT_LOG_FILE`), never into the streamed reply on stdout.
fn init_logging(verbose: u8) {
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
    if let Ok(path) = std::env::var("HOTSEAT_LOG_FILE")
        && let Ok(file) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
    {
        builder
            .with_ansi(false)
            .with_writer(std::sync::Mutex::new(file))
            .init();
        return;
    }
    builder.with_writer(std::io::stderr).init();
}
