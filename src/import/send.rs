//! Batches in flight: rows are read, grouped into batches of `--batch-size` valid customers
//! (the same batches on every run of the same input and options, so the journal can name them)
//! and sent, `--parallel` at a time, through the client's shared pace. A batch refused with
//! 1002 is split in halves and each half sent again, until every refused row is alone: that row
//! is rejected with the server's message, every other row gets in (about 2·log2(batch)
//! requests per refused row). Any other refusal stops the import, the journal kept; so does an
//! answer that is not the API's envelope with `code` 0, which acknowledges nothing.
//!
//! Until the server has accepted a customer, batches go one at a time: if the first
//! [`WHOLE_REFUSAL`] rows or more are each refused alone, the server refuses the import itself (a
//! wrong tenant or app key), and it stops there. That is decided by those batches alone,
//! whichever order a server answers in, and no other batch is split meanwhile.

use super::journal::{Entry, Journal};
use super::records::Record;
use super::rejects::Rejects;
use super::scan::{Row, Scan};
use crate::error::{excerpt, server_text, Error};
use crate::transport::{Answer, Client};
use crate::wire::{ApiCode, BatchCreate, Envelope, BATCH_CREATE_PATH};
use serde_json::value::RawValue;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokio::task::JoinSet;

/// The counts of an import, for its progress line and its summary.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Totals {
    pub read: u64,
    /// Rows sent by this run.
    pub sent: u64,
    /// Rows accepted, by this run and the ones it resumes.
    pub accepted: u64,
    pub rejected_locally: u64,
    /// Rows the server refused, in this run and the ones it resumes.
    pub rejected_by_server: u64,
    /// Batches sent by this run.
    pub batches: u64,
    /// Batches an earlier run had done.
    pub earlier: u64,
    pub requests: u64,
}

impl Totals {
    pub fn rejected(&self) -> u64 {
        self.rejected_locally + self.rejected_by_server
    }
}

/// How many rows, each refused alone with none accepted before, say that the server refuses the
/// import as a whole: fewer are rows that may be wrong in themselves, and go to the rejects.
pub const WHOLE_REFUSAL: u64 = 10;

/// A batch's rows, each with its customer as batch_create takes it.
type Rows = Vec<(Record, Box<RawValue>)>;
/// The rows of a batch the server refused: their indexes, with its message.
type Refused = Vec<(usize, String)>;
/// A batch sent: its number, its rows, and the rows refused or the error that stops the import.
type Sent = (u64, Rows, Result<Refused, Error>);

/// How batches are sent.
pub struct Sender {
    pub client: Arc<Client>,
    /// batch_create's `type`.
    pub on_existing: u8,
    pub parallel: usize,
    pub batch_size: usize,
}

impl Sender {
    /// A batch's request body: the customers as they were serialized when checked.
    pub fn body(&self, customers: &[&RawValue]) -> Vec<u8> {
        let target = self.client.target();
        let body = BatchCreate {
            on_existing: self.on_existing,
            tenant_id: target.tenant_id,
            app_key: &target.app_key,
            strict_binding: None,
            customers,
        };
        serde_json::to_vec(&body).expect("a batch serializes")
    }

    /// The next batch of valid rows; rows rejected on the way go to `rejects`. Empty at the end.
    pub fn next_batch(
        &self,
        scan: &mut Scan,
        rejects: &mut Rejects,
        totals: &mut Totals,
    ) -> Result<Rows, Error> {
        let mut rows = Vec::with_capacity(self.batch_size);
        while rows.len() < self.batch_size {
            match scan.next_row()? {
                None => break,
                Some(Row::Valid { record, customer }) => {
                    totals.read += 1;
                    rows.push((record, customer));
                }
                Some(Row::Rejected { record, reason }) => {
                    totals.read += 1;
                    totals.rejected_locally += 1;
                    rejects.write(&record, &reason)?;
                }
            }
        }
        Ok(rows)
    }

    /// Sends the rest of `scan`, skipping the batches `journal` has, until every row is
    /// accepted or rejected, or an error stops it (the journal holds every batch done).
    /// `watch` sees the totals after every step.
    pub async fn run(
        self: Arc<Self>,
        scan: &mut Scan<'_>,
        mut journal: Option<&mut Journal>,
        rejects: &mut Rejects,
        stop: impl Future<Output = Error>,
        watch: &dyn Fn(&Totals),
    ) -> Result<Totals, Error> {
        let requests = Arc::new(AtomicU64::new(0));
        let mut totals = Totals::default();
        let mut tasks: JoinSet<Sent> = JoinSet::new();
        let (mut number, mut end) = (0u64, false);
        tokio::pin!(stop);
        loop {
            // One batch at a time until the server has taken a customer (above).
            let parallel = match totals.accepted {
                0 => 1,
                _ => self.parallel,
            };
            while !end && tasks.len() < parallel {
                let rows = self.next_batch(scan, rejects, &mut totals)?;
                if rows.is_empty() {
                    end = true;
                    break;
                }
                let n = number;
                number += 1;
                if let Some(entry) = journal.as_deref().and_then(|j| j.done(n)) {
                    totals.earlier += 1;
                    account(&mut totals, &rows, entry, rejects)?;
                    continue;
                }
                totals.sent += rows.len() as u64;
                totals.batches += 1;
                let (sender, requests) = (self.clone(), requests.clone());
                tasks.spawn(async move {
                    let customers: Vec<&RawValue> = rows.iter().map(|(_, c)| &**c).collect();
                    let result = sender.deliver(&customers, 0, &requests).await;
                    (n, rows, result)
                });
            }
            totals.requests = requests.load(Ordering::Relaxed);
            watch(&totals);
            if tasks.is_empty() {
                return Ok(totals);
            }
            let joined = tokio::select! {
                biased;
                error = &mut stop => {
                    tasks.abort_all();
                    return Err(error);
                }
                joined = tasks.join_next() => joined,
            };
            let Some(joined) = joined else { continue };
            let (n, rows, result) =
                joined.map_err(|e| Error::Output(format!("a batch's task failed: {e}")))?;
            let refused = match result {
                Ok(refused) => refused,
                Err(e) => {
                    tasks.abort_all();
                    return Err(e);
                }
            };
            let alone = totals.rejected_by_server + refused.len() as u64;
            if refused.len() == rows.len() && totals.accepted == 0 && alone >= WHOLE_REFUSAL {
                let why = refused
                    .last()
                    .map(|(_, why)| why.as_str())
                    .unwrap_or_default();
                return Err(Error::Rejected(format!(
                    "the server refused each of the first {alone} customers alone, and has accepted none: it refuses the import as a whole ({why}); check the tenant id and the app key (if those rows are wrong in themselves, fix or remove them and run again)"
                )));
            }
            let lines = [&rows[0], &rows[rows.len() - 1]].map(|(record, _)| record.line);
            let entry = Entry {
                batch: n,
                lines,
                accepted: (rows.len() - refused.len()) as u64,
                rejected: refused
                    .into_iter()
                    .map(|(i, why)| (rows[i].0.line, why))
                    .collect(),
            };
            account(&mut totals, &rows, &entry, rejects)?;
            if let Some(journal) = journal.as_deref_mut() {
                journal.record(entry)?;
            }
        }
    }

    /// Sends `customers` (the rows from `first` on, in the batch) and returns the indexes of the
    /// rows the server refused, with its message.
    fn deliver<'a>(
        &'a self,
        customers: &'a [&'a RawValue],
        first: usize,
        requests: &'a AtomicU64,
    ) -> Pin<Box<dyn Future<Output = Result<Refused, Error>> + Send + 'a>> {
        Box::pin(async move {
            let body = self.body(customers);
            let answer = self
                .client
                .send_raw(|| {
                    requests.fetch_add(1, Ordering::Relaxed);
                    self.client
                        .prepare(reqwest::Method::POST, BATCH_CREATE_PATH, body.clone())
                })
                .await?;
            match answer.verdict {
                None => acknowledged(&answer).map(|()| Vec::new()),
                Some(Error::Api { code, message, .. })
                    if code == ApiCode::ParameterError.code() =>
                {
                    if customers.len() == 1 {
                        return Ok(vec![(
                            first,
                            format!("refused by the server: {}", server_text(&message)),
                        )]);
                    }
                    let half = customers.len() / 2;
                    let mut refused = self.deliver(&customers[..half], first, requests).await?;
                    refused.extend(
                        self.deliver(&customers[half..], first + half, requests)
                            .await?,
                    );
                    Ok(refused)
                }
                Some(error) => Err(error),
            }
        })
    }
}

/// Whether a successful answer is batch_create's: the API's envelope with `code` 0, a number.
/// Anything else (`{}`, `"0"`, a gateway's own JSON) says nothing of the customers.
fn acknowledged(answer: &Answer) -> Result<(), Error> {
    match serde_json::from_slice::<Envelope<&RawValue>>(&answer.body) {
        Ok(Envelope { code: Some(0), .. }) => Ok(()),
        _ => Err(Error::Malformed(format!(
            "HTTP {}, not batch_create's answer (the API's envelope with code 0), so no customer of the batch is known to be created: {}",
            answer.status,
            excerpt(&answer.body)
        ))),
    }
}

/// Counts a batch done, and writes the rows the server refused to `rejects`.
fn account(
    totals: &mut Totals,
    rows: &Rows,
    entry: &Entry,
    rejects: &mut Rejects,
) -> Result<(), Error> {
    totals.accepted += entry.accepted;
    for (line, why) in &entry.rejected {
        totals.rejected_by_server += 1;
        if let Some((record, _)) = rows.iter().find(|(r, _)| r.line == *line) {
            rejects.write(record, why)?;
        }
    }
    Ok(())
}
