//! A progress line on stderr for long walks, only when stderr is a terminal. It is redrawn
//! a few times a second, so that a pause the server asked for shows while it lasts.

use crate::transport::Client;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub struct Progress {
    bar: Option<ProgressBar>,
    pages: Arc<AtomicU64>,
}

impl Progress {
    pub fn new(wanted: bool, client: &Arc<Client>) -> Progress {
        Progress::resumed(wanted, client, 0)
    }

    /// A resumed export's: it counts from the `saved` customers already in the file, and says
    /// it is resuming; the rate counts only this run's.
    pub fn resumed(wanted: bool, client: &Arc<Client>, saved: u64) -> Progress {
        let pages = Arc::new(AtomicU64::new(0));
        let bar = (wanted && std::io::stderr().is_terminal()).then(|| {
            let style =
                ProgressStyle::with_template("{spinner} {prefix}{pos} customers, {msg}, {elapsed}")
                    .expect("the template is valid");
            let bar = ProgressBar::new_spinner().with_style(style);
            if saved > 0 {
                bar.set_prefix("resumed: ");
                bar.set_position(saved);
            }
            let (shown, pages, client) = (bar.clone(), pages.clone(), client.clone());
            std::thread::spawn(move || {
                while !shown.is_finished() {
                    let pages = pages.load(Ordering::Relaxed);
                    shown.set_message(message(&shown, saved, pages, &client));
                    std::thread::sleep(Duration::from_millis(200));
                }
            });
            bar
        });
        Progress { bar, pages }
    }

    pub fn page(&self, customers: usize) {
        if let Some(bar) = &self.bar {
            self.pages.fetch_add(1, Ordering::Relaxed);
            bar.inc(customers as u64);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn message(bar: &ProgressBar, saved: u64, pages: u64, client: &Client) -> String {
    let this_run = bar.position().saturating_sub(saved);
    let rate = this_run as f64 / bar.elapsed().as_secs_f64().max(0.001);
    let pace = client.pace();
    let throttle = match (pace.paused_for, pace.throttled) {
        (Some(wait), n) => format!(
            ", throttled by the server: waiting {:.0} s ({n} times so far)",
            wait.as_secs_f64().ceil()
        ),
        (None, 0) => String::new(),
        (None, n) => match pace.rate {
            Some(rate) => format!(", throttled {n} times, sending {rate:.1} requests/s"),
            None => format!(", throttled {n} times"),
        },
    };
    format!("{pages} pages, {rate:.0}/s{throttle}")
}

/// The status line of `customers watch` on stderr when it is a terminal: the last poll, the customers printed, and
/// any waiting. Lines said meanwhile are printed above it.
pub struct Status {
    bar: Option<ProgressBar>,
    line: Arc<Mutex<String>>,
    quiet: bool,
}

impl Status {
    pub fn new(wanted: bool, quiet: bool, client: &Arc<Client>) -> Status {
        let line = Arc::new(Mutex::new("starting".to_string()));
        let bar = (wanted && std::io::stderr().is_terminal()).then(|| {
            let style = ProgressStyle::with_template("{spinner} {msg}").expect("a valid template");
            let bar = ProgressBar::new_spinner().with_style(style);
            let (shown, line, client) = (bar.clone(), line.clone(), client.clone());
            std::thread::spawn(move || {
                while !shown.is_finished() {
                    let mut text = line.lock().map(|l| l.clone()).unwrap_or_default();
                    if let Some(wait) = client.pace().paused_for {
                        let secs = wait.as_secs_f64().ceil();
                        text.push_str(&format!("; throttled by the server: waiting {secs} s"));
                    }
                    shown.set_message(text);
                    shown.tick();
                    std::thread::sleep(Duration::from_millis(200));
                }
            });
            bar
        });
        Status { bar, line, quiet }
    }

    fn set(&self, text: String) {
        if let Ok(mut line) = self.line.lock() {
            *line = text;
        }
    }

    pub fn polled(&self, requests: u32, new: u64, total: u64) {
        let at = jiff::Zoned::now().strftime("%H:%M:%S");
        let requests = self::requests(requests);
        self.set(format!(
            "last poll {at}: {requests}, {new} new; {total} new customers in all"
        ));
    }

    pub fn waiting(&self, why: &str) {
        self.set(format!("waiting: {why}"));
    }

    pub fn say(&self, line: &str) {
        if self.quiet {
            return;
        }
        self.suspend(|| crate::say!("{line}"));
    }

    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

pub fn requests(n: u32) -> String {
    match n {
        1 => "1 request".into(),
        n => format!("{n} requests"),
    }
}
