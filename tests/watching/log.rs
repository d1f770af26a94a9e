//! The sandbox's `--log`, read by the watch tests: what it created, to compare with what a
//! watch printed.

use std::path::PathBuf;

/// One customer the sandbox created.
#[derive(Clone, Debug)]
pub struct Created {
    pub id: i64,
    pub created_ms: i64,
    pub visible_ms: i64,
    pub late: bool,
}

/// The sandbox's `--log`: one JSON line per customer created, written before it is visible.
pub struct Log(PathBuf);

impl Log {
    pub fn at(path: PathBuf) -> Log {
        Log(path)
    }

    pub fn read(&self) -> Vec<Created> {
        let text = std::fs::read_to_string(&self.0).unwrap_or_default();
        // A line is whole once its newline is written.
        let whole = text.rfind('\n').map_or("", |end| &text[..end]);
        whole
            .lines()
            .map(|line| {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                Created {
                    id: v["id"].as_i64().unwrap(),
                    created_ms: v["created_ms"].as_i64().unwrap(),
                    visible_ms: v["visible_ms"].as_i64().unwrap(),
                    late: v["late"].as_bool().unwrap(),
                }
            })
            .collect()
    }

    /// Waits until the log holds what `enough` asks for; returns it.
    pub fn wait(&self, enough: impl Fn(&[Created]) -> bool) -> Vec<Created> {
        let mut created = Vec::new();
        crate::common::wait_until("customers in the sandbox's log", || {
            created = self.read();
            enough(&created)
        });
        created
    }

    /// Waits until every customer of `due` is visible: the sandbox created one after that.
    pub fn wait_visible(&self, due: &[Created]) {
        let last = due.iter().map(|c| c.visible_ms).max().unwrap_or(0);
        self.wait(|c| c.last().is_some_and(|c| c.created_ms > last));
    }
}
