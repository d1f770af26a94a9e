//! A progress line on stderr for long walks, only when stderr is a terminal.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

pub struct Progress {
    bar: Option<ProgressBar>,
    pages: std::cell::Cell<u64>,
}

impl Progress {
    pub fn new(wanted: bool) -> Progress {
        let bar = (wanted && std::io::stderr().is_terminal()).then(|| {
            let style = ProgressStyle::with_template("{spinner} {pos} customers, {msg}, {elapsed}")
                .expect("the template is valid");
            ProgressBar::new_spinner().with_style(style)
        });
        Progress {
            bar,
            pages: Default::default(),
        }
    }

    pub fn page(&self, customers: usize) {
        if let Some(bar) = &self.bar {
            self.pages.set(self.pages.get() + 1);
            bar.inc(customers as u64);
            let rate = bar.position() as f64 / bar.elapsed().as_secs_f64().max(0.001);
            bar.set_message(format!("{} pages, {rate:.0}/s", self.pages.get()));
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
