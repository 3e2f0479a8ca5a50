//! How long each stage of a build took and how much memory the process had needed by its
//! end: `katalog build --timings`, read by the benchmark (bench/bench.py).

use std::time::Instant;

/// One finished stage.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Stage {
    pub stage: &'static str,
    pub seconds: f64,
    /// The process's peak resident memory (VmHWM) at the end of this stage, in MB; 0
    /// where /proc is not available.
    pub peak_rss_mb_so_far: u64,
    /// The resident memory (VmRSS) at the end of this stage, in MB: what the next stage
    /// starts from.
    pub rss_mb: u64,
}

/// A stopwatch lapped at the end of each stage.
pub struct Timings {
    started: Instant,
    lap: Instant,
    pub stages: Vec<Stage>,
}

impl Default for Timings {
    fn default() -> Self {
        let now = Instant::now();
        Timings { started: now, lap: now, stages: Vec::new() }
    }
}

impl Timings {
    /// Ends the stage called `stage` and starts the next.
    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        let seconds = now.duration_since(self.lap).as_secs_f64();
        self.stages.push(Stage { stage, seconds, peak_rss_mb_so_far: peak_rss_mb(), rss_mb: status_mb("VmRSS:") });
        self.lap = now;
    }

    /// The report as one JSON object: total seconds, overall peak and every stage.
    pub fn to_json(&self) -> String {
        serde_json::json!({
            "total_seconds": self.started.elapsed().as_secs_f64(),
            "peak_rss_mb": peak_rss_mb(),
            "stages": self.stages,
        })
        .to_string()
    }
}

/// VmHWM of this process in MB (Linux), else 0.
pub fn peak_rss_mb() -> u64 {
    status_mb("VmHWM:")
}

/// A line of /proc/self/status in MB (Linux), else 0.
fn status_mb(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse::<u64>().ok()))
        })
        .map_or(0, |kb| kb / 1024)
}
