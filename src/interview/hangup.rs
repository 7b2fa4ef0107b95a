//! Closing the terminal (SIGHUP) leaves the round as `/quit` does: saved, resumable, the process
//! ending on its own terms instead of being killed between two writes.
//!
//! The signal's own handler does only what is safe there: it sets a flag and points stdout and
//! stderr, when they were the terminal that went away, at `/dev/null`, so nothing printed after the
//! hangup fails (a failed `println!` would panic). The round loop sees the hangup as
//! [`super::input::Input::Hangup`] and ends the round with a `quit`.

use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::Duration;

static HUNG_UP: AtomicBool = AtomicBool::new(false);
static DEV_NULL: AtomicI32 = AtomicI32::new(-1);
static STDOUT_IS_TTY: AtomicBool = AtomicBool::new(false);
static STDERR_IS_TTY: AtomicBool = AtomicBool::new(false);
static INSTALL: Once = Once::new();

/// Takes over SIGHUP for this process (once; later calls do nothing).
pub fn install() {
    INSTALL.call_once(|| {
        #[cfg(unix)]
        {
            use std::io::IsTerminal;
            use std::os::fd::IntoRawFd;
            STDOUT_IS_TTY.store(std::io::stdout().is_terminal(), Ordering::SeqCst);
            STDERR_IS_TTY.store(std::io::stderr().is_terminal(), Ordering::SeqCst);
            if let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") {
                DEV_NULL.store(null.into_raw_fd(), Ordering::SeqCst);
            }
            // SAFETY: the action only stores to atomics and calls dup2, both async-signal-safe.
            let registered = unsafe {
                signal_hook_registry::register(libc::SIGHUP, || {
                    HUNG_UP.store(true, Ordering::SeqCst);
                    let null = DEV_NULL.load(Ordering::SeqCst);
                    if null >= 0 {
                        if STDOUT_IS_TTY.load(Ordering::SeqCst) {
                            libc::dup2(null, libc::STDOUT_FILENO);
                        }
                        if STDERR_IS_TTY.load(Ordering::SeqCst) {
                            libc::dup2(null, libc::STDERR_FILENO);
                        }
                    }
                })
            };
            if let Err(e) = registered {
                tracing::warn!(error = %e, "cannot handle SIGHUP; closing the terminal will end the process");
            }
        }
    });
}

/// Whether the terminal hung up.
pub fn hung_up() -> bool {
    HUNG_UP.load(Ordering::SeqCst)
}

/// Whether the terminal hung up, waiting up to `grace` for the signal: a terminal that goes away
/// shows as end of input on the reading thread, possibly a moment before the signal is handled.
pub async fn hung_up_within(grace: Duration) -> bool {
    let step = Duration::from_millis(10);
    let mut waited = Duration::ZERO;
    while !hung_up() && waited < grace {
        tokio::time::sleep(step).await;
        waited += step;
    }
    hung_up()
}

/// Resolves once the terminal has hung up.
pub async fn wait() {
    while !hung_up() {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
