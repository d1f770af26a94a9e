//! New customers while the sandbox runs (API.md section 9): `--arrivals` and `--arrival-burst`
//! create them, `--late` holds some back from queries for a few seconds, and `--log` writes down
//! every customer created (by arrivals and by batch_create) for a test to compare with what a
//! client saw.

use super::data::{self, Customer, Draws, Numbers, Rng, TagDef};
use super::store::Store;
use super::{Config, Sandbox, StartError};
use serde::Serialize;
use std::fs::File;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone, Debug, Default, clap::Args)]
#[command(next_help_heading = "New customers")]
pub struct NewCustomers {
    /// Create customers while running, RATE a second on average at random moments, with ids and
    /// created_at of the moment
    #[arg(long, value_name = "RATE", value_parser = rate)]
    pub arrivals: Option<f64>,
    /// Now and then (every 1 to 5 s, drawn from --seed) create N customers at once, in one
    /// millisecond with consecutive ids, as a bulk import does (source_type 2)
    #[arg(long, value_name = "N", value_parser = super::within::<u32>(1, 10_000))]
    pub arrival_burst: Option<u32>,
    /// Make this share (0 to 1) of new customers (arrivals and batch_create) visible to queries
    /// only 1 to 4 s after they were created, while customers with larger ids already are
    #[arg(long, value_name = "SHARE", default_value_t = 0.0, value_parser = super::shape::share)]
    pub late: f64,
    /// Refuse with 1002 any batch_create batch that holds a customer whose full_name contains
    /// TEXT: a rule only the server knows
    #[arg(long, value_name = "TEXT")]
    pub refuse_names: Option<String>,
    /// Write one JSON line per customer created (arrivals and batch_create) to FILE, created
    /// anew: id, created_at, created_ms, visible_ms, late, by. Each line is written before its
    /// customer is visible
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
}

fn rate(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.001..=10_000.0).contains(&x) => Ok(x),
        _ => Err(format!(
            "expected customers per second, from 0.001 to 10000, got {s:?}"
        )),
    }
}

/// Most tags batch_create may add to those the sandbox knows.
pub const MAX_NEW_TAGS: usize = 1000;

/// Makes new customers: draws their content, their ids' low bits and whether they are late, and
/// logs them. Locked before the store.
pub struct Maker {
    rng: Rng,
    /// The phone numbers and handles of the seed's customers, by serial.
    numbers: Numbers,
    /// Numbers new customers' emails and phones, after the generated ones.
    serial: usize,
    late: f64,
    log: Option<File>,
    /// Tags that batch_create named and the sandbox did not know, made once and kept for the run
    /// (at most [`MAX_NEW_TAGS`]).
    pub tags: Vec<&'static TagDef>,
}

#[derive(Serialize)]
struct LogLine<'a> {
    id: i64,
    created_at: &'a str,
    created_ms: i64,
    visible_ms: i64,
    late: bool,
    by: &'a str,
}

impl Maker {
    pub fn new(config: &Config) -> Result<Maker, StartError> {
        let log = match &config.new_customers.log {
            None => None,
            Some(path) => Some(File::create(path).map_err(|source| StartError::Log {
                path: path.clone(),
                source,
            })?),
        };
        Ok(Maker {
            rng: Rng::new(config.seed ^ 0x0A44_17A1),
            numbers: Numbers::new(config.seed),
            serial: config.customers,
            late: config.new_customers.late,
            log,
            tags: Vec::new(),
        })
    }

    /// An id for a customer created at `created_ms`: of the moment, above every other.
    pub fn id(&mut self, store: &Store, created_ms: i64) -> i64 {
        store.next_id(created_ms, self.rng.below(1 << 22) as i64)
    }

    /// Stores the new customer `c`, created at `created_ms` by `by`, visible at once or
    /// (`--late`) 1 to 4 s later; logs it first.
    pub fn store(&mut self, store: &mut Store, c: Customer, created_ms: i64, by: &str) {
        let late = self.late > 0.0 && (self.rng.below(1_000_000) as f64) < self.late * 1e6;
        let visible_ms = match late {
            true => created_ms + 1000 + self.rng.below(3001) as i64,
            false => created_ms,
        };
        let line = LogLine {
            id: c.id,
            created_at: &c.created_at,
            created_ms,
            visible_ms,
            late,
            by,
        };
        self.log(&line);
        store.push(c, visible_ms);
    }

    /// One write per line, unbuffered: a reader sees whole lines as they come. A log that cannot
    /// be written stops the log, not the sandbox.
    fn log(&mut self, line: &LogLine) {
        let Some(file) = &mut self.log else {
            return;
        };
        let mut text = serde_json::to_vec(line).expect("a log line serializes");
        text.push(b'\n');
        if let Err(e) = file.write_all(&text) {
            let _ = writeln!(
                std::io::stderr(),
                "nxcdp sandbox: cannot write the --log file ({e}); logging stops"
            );
            self.log = None;
        }
    }
}

impl Sandbox {
    /// `n` customers arrive now, in one millisecond.
    fn arrive(&self, n: u32, burst: bool) {
        let mut maker = self.maker.lock().expect("the maker is never poisoned");
        let mut store = self.store.write().expect("the store is never poisoned");
        let created_ms = self.now_ms();
        for k in 0..n {
            // A burst's ids are consecutive: low bits drawn for the first, each next one above.
            let id = match k {
                0 => maker.id(&store, created_ms),
                _ => store.next_id(created_ms, 0),
            };
            maker.serial += 1;
            let (serial, tenant_id) = (maker.serial, self.config.tenant_id);
            let draws = Draws::from(&mut maker.rng);
            let mut c = data::arrival(&maker.numbers, draws, serial, id, created_ms, tenant_id);
            let by = match burst {
                true => {
                    c.source_type = 2;
                    "arrival-burst"
                }
                false => "arrivals",
            };
            maker.store(&mut store, c, created_ms, by);
        }
    }
}

/// Seconds to the next arrival of a Poisson process of `rate` a second.
fn gap(rng: &mut Rng, rate: f64) -> Duration {
    let uniform = rng.below(1 << 53) as f64 / (1u64 << 53) as f64;
    Duration::from_secs_f64(-(1.0 - uniform).ln() / rate)
}

/// Seconds to the next burst: 1 to 5.
fn burst_gap(rng: &mut Rng) -> Duration {
    Duration::from_millis(1000 + rng.below(4000))
}

/// Creates the `--arrivals` and `--arrival-burst` customers as long as the server runs.
pub(super) async fn run(sb: Arc<Sandbox>) -> std::convert::Infallible {
    let args = &sb.config.new_customers;
    // The schedule's own stream: the customers' content comes from the maker's.
    let mut rng = Rng::new(sb.config.seed ^ 0x5C4E_D01E);
    let start = tokio::time::Instant::now();
    let mut next_one = args
        .arrivals
        .map(|rate| (start + gap(&mut rng, rate), rate));
    let mut next_burst = args.arrival_burst.map(|n| (start + burst_gap(&mut rng), n));
    loop {
        let one_first = match (next_one, next_burst) {
            (None, None) => return std::future::pending().await,
            (Some((one, _)), Some((burst, _))) => one <= burst,
            (one, _) => one.is_some(),
        };
        if let (true, Some((at, rate))) = (one_first, next_one) {
            tokio::time::sleep_until(at).await;
            sb.arrive(1, false);
            // From the time it was due, so that the rate holds when the sandbox is busy.
            next_one = Some((at + gap(&mut rng, rate), rate));
        } else if let Some((at, n)) = next_burst {
            tokio::time::sleep_until(at).await;
            sb.arrive(n, true);
            next_burst = Some((at + burst_gap(&mut rng), n));
        }
    }
}
