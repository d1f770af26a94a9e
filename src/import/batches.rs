//! The batches an input makes, as its check pass finds them (`--batch-size` valid rows each, in
//! order: the send pass makes the same), held against what a journal records of them. A journal
//! line fits when its batch is one the input makes, it names that batch's first and last lines,
//! its accepted and rejected rows are the batch's rows, and each row it rejects is one of the
//! batch's. A line that does not fit (a journal edited by hand) would count rows that were
//! never sent, or skip rows never sent: the resume is refused instead.

use super::journal::{Earlier, Entry};

/// The batch being made, and the first journal line found not to fit.
pub struct Fit<'j> {
    earlier: Option<&'j Earlier>,
    size: u64,
    /// Batches made so far.
    made: u64,
    /// The batch being made: its rows, the lines of its first and last, and how many of the
    /// rows its journal line rejects are among them.
    rows: u64,
    lines: [u64; 2],
    found: usize,
    misfit: Option<String>,
}

impl<'j> Fit<'j> {
    /// Batches of `size` rows, held against `earlier` when a journal is resumed.
    pub fn new(size: usize, earlier: Option<&'j Earlier>) -> Fit<'j> {
        Fit {
            earlier,
            size: size as u64,
            made: 0,
            rows: 0,
            lines: [0, 0],
            found: 0,
            misfit: None,
        }
    }

    /// A valid row, on `line`: the next row of the batch being made.
    pub fn row(&mut self, line: u64) {
        if self.rows == 0 {
            self.lines[0] = line;
        }
        self.rows += 1;
        self.lines[1] = line;
        let rejects = |(_, entry): &(usize, Entry)| entry.rejected.iter().any(|(l, _)| *l == line);
        if self.recorded(self.made).is_some_and(rejects) {
            self.found += 1;
        }
        if self.rows == self.size {
            self.close();
        }
    }

    /// What the journal records of batch `n`, with its journal line.
    fn recorded(&self, n: u64) -> Option<&'j (usize, Entry)> {
        self.earlier.and_then(|e| e.done.get(&n))
    }

    fn close(&mut self) {
        let n = self.made;
        if let Some((at, entry)) = self.recorded(n) {
            let counted = entry.accepted + entry.rejected.len() as u64;
            let why = if entry.lines != self.lines {
                Some(format!(
                    "its line {at} says batch {n} holds the rows of lines {} to {}, but the input's batch {n} holds lines {} to {}",
                    entry.lines[0], entry.lines[1], self.lines[0], self.lines[1]
                ))
            } else if counted != self.rows {
                Some(format!(
                    "its line {at} counts {} accepted and {} rejected rows in batch {n}, which holds {}",
                    entry.accepted,
                    entry.rejected.len(),
                    self.rows
                ))
            } else if self.found != entry.rejected.len() {
                Some(format!(
                    "its line {at} rejects rows that are not rows of batch {n} (or a row twice)"
                ))
            } else {
                None
            };
            self.misfit = self.misfit.take().or(why);
        }
        self.made += 1;
        self.rows = 0;
        self.found = 0;
    }

    /// The first journal line that does not fit the input's batches, if any, as a reason.
    pub fn finish(mut self) -> Option<String> {
        if self.rows > 0 {
            self.close();
        }
        let made = self.made;
        let past = self.earlier.and_then(|e| {
            let mut past: Vec<&(usize, Entry)> = e
                .done
                .values()
                .filter(|(_, entry)| entry.batch >= made)
                .collect();
            past.sort_by_key(|(at, _)| *at);
            past.first().copied()
        });
        let past = past.map(|(at, entry)| {
            let batches = match made {
                0 => "no batch".to_string(),
                1 => "one batch, 0".to_string(),
                n => format!("{n} batches, 0 to {}", n - 1),
            };
            format!(
                "its line {at} records batch {}, but the input makes {batches}",
                entry.batch
            )
        });
        self.misfit.or(past)
    }
}
