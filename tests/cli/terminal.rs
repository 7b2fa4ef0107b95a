//! The round at a real terminal (a pseudo-terminal the test drives): lines typed ahead are all
//! kept, a byte that is not UTF-8 rejects one line without ending the round, and closing the
//! terminal leaves the round resumable.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::util::*;

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    // Process synchronisation, not a timing assertion: poll until the child has written.
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Candidate turns on disk so far.
fn said(sb: &Sandbox) -> Vec<String> {
    if !sb.sessions().is_dir() || std::fs::read_dir(sb.sessions()).unwrap().count() == 0 {
        return Vec::new();
    }
    let Some(dir) = std::fs::read_dir(sb.sessions())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.join("transcript.jsonl").is_file())
    else {
        return Vec::new();
    };
    let text = std::fs::read_to_string(dir.join("transcript.jsonl")).unwrap_or_default();
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|e| e["type"] == "turn" && e["role"] == "candidate")
        .map(|e| e["text"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn typed_ahead_lines_a_bad_byte_and_a_closed_terminal() {
    let sb = Sandbox::new();
    let (mut master, slave) = pty();
    let fd = |f: &OwnedFd| Stdio::from(f.try_clone().unwrap());
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("hotseat"));
    cmd.args([
        "interview",
        "--offline",
        "--seed",
        "1",
        "--question",
        "url-shortener",
    ])
    .arg("--sessions-dir")
    .arg(sb.sessions())
    .env_remove("OPENAI_API_KEY")
    .env_remove("OPENAI_BASE_URL")
    .env("HOTSEAT_CONFIG", sb.dir.path().join("none.toml"))
    .env("TERM", "xterm")
    .stdin(fd(&slave))
    .stdout(fd(&slave))
    .stderr(fd(&slave));
    // SAFETY: setsid and TIOCSCTTY are async-signal-safe; the child takes the terminal as its
    // controlling one, so closing it sends SIGHUP as a real terminal would.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    drop(cmd);
    drop(slave);
    // The screen is read on a thread that lets go of its copy of the terminal when told, so that
    // dropping `master` afterwards really closes it.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut reader = master.try_clone().unwrap();
    let screen = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut all = Vec::new();
            let mut buf = [0u8; 4096];
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let mut poll = libc::pollfd {
                    fd: reader.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd, 50 ms.
                if unsafe { libc::poll(&mut poll, 1, 50) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(n) if n > 0 => all.extend_from_slice(&buf[..n]),
                    _ => break,
                }
            }
            String::from_utf8_lossy(&all).into_owned()
        })
    };

    wait_for("the prompt", || sb.sessions().is_dir());
    std::thread::sleep(Duration::from_millis(300));
    // Two lines in one write, as a fast typist or a terminal without bracketed paste sends them.
    master
        .write_all(b"What is the peak QPS?\rHow many users are there?\r")
        .unwrap();
    wait_for("both typed-ahead lines", || said(&sb).len() == 2);
    master.write_all(b"bad \xff byte\r").unwrap();
    std::thread::sleep(Duration::from_millis(500));
    master
        .write_all(b"Still here after the bad byte\r")
        .unwrap();
    wait_for("the line after the bad byte", || said(&sb).len() == 3);

    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let shown = screen.join().unwrap();
    drop(master);
    let status = child.wait().unwrap();
    assert!(status.success(), "ended on its own terms: {status:?}");
    assert!(shown.contains("not UTF-8"), "{shown}");
    assert_eq!(
        said(&sb),
        [
            "What is the peak QPS?",
            "How many users are there?",
            "Still here after the bad byte"
        ]
    );
    let last = events(&sb.only_session()).last().unwrap().clone();
    assert_eq!(last["type"], "end");
    assert_eq!(last["reason"], "quit", "left resumable");
}

/// A pseudo-terminal: (master, slave).
fn pty() -> (File, OwnedFd) {
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two fds into valid pointers; no name buffer, no termios.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // Not inherited by the child (beyond the stdio it is given): a master left open in the child
    // would keep the terminal from ever closing.
    for fd in [master, slave] {
        // SAFETY: fcntl on an fd this function owns.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    // SAFETY: both fds were just opened and are owned here alone.
    unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}
