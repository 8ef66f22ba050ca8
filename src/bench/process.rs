//! Measuring one child process: wall time, CPU time (user + system, from
//! the `cutime`/`cstime` fields of `/proc/self/stat`, which count children
//! once they are waited for) and peak resident memory (the child's
//! `VmHWM`, its high-water mark, polled from `/proc/PID/status` while it
//! runs, and the largest `RssAnon` seen: its own allocations, without the
//! pages of files it maps, such as a SQLite database). Linux only;
//! elsewhere CPU and memory are reported as unknown.

use crate::error::{Error, Result};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run of a child cost.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    pub wall_s: f64,
    /// User + system CPU seconds of the child (10 ms resolution).
    pub cpu_s: Option<f64>,
    /// Peak resident set in kB, as last seen while the child ran.
    pub peak_kb: Option<u64>,
    /// The largest anonymous resident set seen while the child ran, in kB
    /// (sampled: a peak shorter than the polling pause can be missed).
    pub peak_anon_kb: Option<u64>,
    pub success: bool,
    pub timed_out: bool,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Clock ticks per second of `/proc` times (USER_HZ, 100 on Linux).
const TICKS: f64 = 100.0;

/// CPU seconds of this process's waited-for children so far.
fn children_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which ends with the last ')'.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // rest[0] is field 3 (state); cutime and cstime are fields 16 and 17.
    let cutime: f64 = fields.get(13)?.parse().ok()?;
    let cstime: f64 = fields.get(14)?.parse().ok()?;
    Some((cutime + cstime) / TICKS)
}

/// The `VmHWM` and `RssAnon` of a process, in kB.
fn memory(pid: u32) -> (Option<u64>, Option<u64>) {
    let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
        return (None, None);
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    };
    (field("VmHWM:"), field("RssAnon:"))
}

/// The larger of a running maximum and a new sample.
fn max_of(peak: Option<u64>, seen: Option<u64>) -> Option<u64> {
    match (peak, seen) {
        (Some(p), Some(s)) => Some(p.max(s)),
        (p, s) => p.or(s),
    }
}

fn drain(mut r: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = r.read_to_end(&mut buf);
        buf
    })
}

/// Runs `cmd` to completion (or until `timeout`, then kills it), capturing
/// its output, and measures it.
pub fn measure(cmd: &mut Command, timeout: Option<Duration>) -> Result<Measured> {
    let what = format!("{cmd:?}");
    let io = |source| Error::Io {
        path: what.clone(),
        source,
    };
    let cpu_before = children_cpu();
    let started = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(io)?;
    let out = child.stdout.take().map(drain);
    let err = child.stderr.take().map(drain);
    let pid = child.id();
    let (mut peak, mut peak_anon) = (None, None);
    let mut timed_out = false;
    let mut pause = Duration::from_micros(200);
    let status = loop {
        if let Some(status) = child.try_wait().map_err(io)? {
            break status;
        }
        let (hwm, anon) = memory(pid);
        peak = max_of(peak, hwm);
        peak_anon = max_of(peak_anon, anon);
        if timeout.is_some_and(|t| started.elapsed() > t) {
            timed_out = true;
            let _ = child.kill();
            break child.wait().map_err(io)?;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    let wall_s = started.elapsed().as_secs_f64();
    let cpu_s = cpu_before
        .zip(children_cpu())
        .map(|(a, b)| (b - a).max(0.0));
    Ok(Measured {
        wall_s,
        cpu_s,
        peak_kb: peak,
        peak_anon_kb: peak_anon,
        success: status.success() && !timed_out,
        timed_out,
        stdout: out.and_then(|h| h.join().ok()).unwrap_or_default(),
        stderr: err.and_then(|h| h.join().ok()).unwrap_or_default(),
    })
}

/// The `q`-quantile (0..=1) of `xs` by the nearest-rank method.
pub fn quantile(xs: &[f64], q: f64) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = (q * v.len() as f64).ceil().max(1.0) as usize;
    v.get(rank.min(v.len()) - 1).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_by_nearest_rank() {
        let xs: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(quantile(&xs, 0.5), Some(10.0));
        assert_eq!(quantile(&xs, 0.95), Some(19.0));
        assert_eq!(quantile(&xs, 1.0), Some(20.0));
        assert_eq!(quantile(&[3.0], 0.95), Some(3.0));
        assert_eq!(quantile(&[], 0.5), None);
    }

    #[test]
    fn measures_a_child_that_works_and_one_that_sleeps_too_long() {
        let m = measure(
            Command::new("sh").args([
                "-c",
                "echo hello; i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done",
            ]),
            None,
        )
        .expect("sh runs");
        assert!(m.success);
        assert_eq!(m.stdout, b"hello\n");
        assert!(m.wall_s > 0.0);
        if cfg!(target_os = "linux") {
            assert!(m.cpu_s.is_some());
            assert!(m.peak_kb.is_some_and(|kb| kb > 0));
            assert!(
                m.peak_anon_kb
                    .is_some_and(|kb| kb > 0 && Some(kb) <= m.peak_kb)
            );
        }
        let slow = measure(
            Command::new("sleep").arg("5"),
            Some(Duration::from_millis(100)),
        )
        .expect("sleep runs");
        assert!(slow.timed_out && !slow.success);
        assert!(slow.wall_s < 4.0);
    }
}
