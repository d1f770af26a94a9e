//! `nxcdp customers import FILE`: customers from CSV, JSON lines or a JSON array into the
//! tenant through batch_create, every row accepted or rejected with its line and reason,
//! resumable from a journal. The input is read twice: first all of it is checked (nothing is
//! sent while a column is unknown), then it is sent; `--dry-run` stops after the first.

mod report;

use super::{Context, Session};
use crate::error::{shown, Error};
use crate::import::batches::Fit;
use crate::import::input::{self, by_extension, Input};
use crate::import::journal::{Earlier, Journal, Options};
use crate::import::map::{one_map, parse_map};
use crate::import::names::Names;
use crate::import::paths;
use crate::import::rejects::Rejects;
use crate::import::scan::Scan;
use crate::import::send::{Sender, Totals};
use crate::import::text::Reading;
use crate::import::Format;
use crate::lock::Lock;
use crate::place::{place, Place};
use crate::stop::Stop;
use crate::wire::OnExisting;
use anyhow::Result;
use clap::{Args, ValueHint};
use report::{notes, progress, rejected, summary, unknown, where_rejects};
use serde_json::value::RawValue;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

pub const EXAMPLES: &str = "\
Examples:
  nxcdp customers import customers.csv --rejects rejects.csv
  nxcdp customers import fair.csv --map 'Phone=sms_phone,Name=full_name' --normalize-phones
  nxcdp customers import customers.jsonl --on-conflict merge --parallel 8
  nxcdp customers import customers.csv --dry-run          # check every row, send nothing
  nxcdp customers import customers.csv --resume           # after a failure, Ctrl-C or kill -9

Guide: docs/import.md (in the source and in each release archive)";

#[derive(Args, Debug, Clone)]
pub struct ImportArgs {
    /// The customers: CSV, JSON lines or a JSON array, as `customers query` and `export` write
    /// them ("-" for stdin)
    #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
    /// The input's format [default: by the extension, else by the first character]
    #[arg(long, value_enum, ignore_case = true)]
    pub format: Option<Format>,
    /// The text's encoding (gbk, shift_jis, big5, euc-kr, windows-1252, utf-16le, ...)
    /// [default: UTF-8, or as a byte order mark says, else guessed]
    #[arg(long, value_name = "NAME", value_parser = crate::import::text::parse_encoding)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// A workbook's sheet, by name or by number from 1 [default: the first]
    #[arg(long, value_name = "NAME|N")]
    pub sheet: Option<String>,
    /// The CSV's delimiter: , ; | or tab [default: the commonest of them in the header line]
    #[arg(long, value_name = "CHAR", value_parser = crate::import::text::parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Your columns, as the fields they hold: 'Phone=sms_phone,Name=full_name' (any case)
    #[arg(long, value_name = "COLUMN=FIELD,...", value_parser = parse_map)]
    pub map: Vec<Vec<(String, String)>>,
    /// Drop the columns nxcdp does not know, instead of refusing the file
    #[arg(long)]
    pub ignore_unknown: bool,
    /// Strip +, spaces, dashes, dots and parentheses from sms_phone, whats_app_phone and
    /// viber_phone
    #[arg(long)]
    pub normalize_phones: bool,
    /// What becomes of a customer that already exists (one with an equal phone, email, ...)
    #[arg(long, value_enum, ignore_case = true, value_name = "MODE", default_value_t = OnExisting::Keep)]
    pub on_conflict: OnExisting,
    /// Write each rejected row as it was, with its line and reason, to PATH (the input's format;
    /// none rejected: no file, an earlier one removed when the import ends; /dev/stderr: as they
    /// come)
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub rejects: Option<PathBuf>,
    /// Where the journal of acknowledged batches is kept [default: FILE.journal]
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub journal: Option<PathBuf>,
    /// Continue an import that stopped (an error, Ctrl-C, kill -9) from its journal
    #[arg(long)]
    pub resume: bool,
    /// Customers per request, 1 to 100
    #[arg(long, value_name = "N", default_value_t = 100,
          value_parser = crate::cli::number::<u32>(1, 100))]
    pub batch_size: u32,
    /// Batches in flight at once; the server's throttling still slows them all
    #[arg(long, value_name = "N", default_value_t = 4,
          value_parser = crate::cli::number::<u32>(1, 64))]
    pub parallel: u32,
}

pub fn run(ctx: &Context, args: &ImportArgs, out: &mut dyn Write) -> Result<()> {
    let started = Instant::now();
    let (dry_run, quiet) = (ctx.request.dry_run, ctx.global.quiet);
    let stdin = args.file.as_os_str() == "-";
    let secret_file = ctx.request.connection.access_secret_file.as_deref();
    crate::config::one_stdin_reader(&[
        ("customers import -", stdin),
        (
            "--access-secret-file -",
            crate::config::is_stdin(secret_file),
        ),
    ])?;
    // --curl prints the first batch, which a resume may have sent already.
    if let Some(flag) = [(dry_run, "--dry-run"), (ctx.request.curl, "--curl")]
        .into_iter()
        .find_map(|(on, flag)| (on && args.resume).then_some(flag))
    {
        return Err(Error::Usage(format!(
            "{flag} sends nothing, so there is nothing to --resume"
        ))
        .into());
    }
    let map = one_map(&args.map)?;
    let journal_path = match (&args.journal, stdin) {
        (Some(path), _) => Some(path.clone()),
        (None, false) => Some(paths::default_journal(&args.file)),
        (None, true) if args.resume => {
            return Err(Error::Usage(
                "--resume of stdin needs --journal PATH, the journal the first run kept".into(),
            )
            .into())
        }
        (None, true) => None,
    };
    // The input first (a pipe, a device: refused), then the files written beside it. A rejects
    // file is the file its links lead to; a stream (`--rejects /dev/stderr`) is written straight,
    // with no lock and nothing renamed over it.
    input::check(&args.file)?;
    if let Some(path) = &args.rejects {
        crate::import::rejects::named(path)?;
    }
    let rejects_file = match args.rejects.as_deref().map(place) {
        Some(Place::File(file)) => Some(file),
        _ => None,
    };
    paths::check(
        (!stdin).then_some(args.file.as_path()),
        rejects_file.as_deref(),
        journal_path.as_deref().filter(|_| !dry_run),
    )?;
    // One importer per journal and one writer of the rejects file, then one per input (by any
    // name: `Input::open`), before anything is read or sent.
    let _locks = [
        journal_path.as_deref().filter(|_| !dry_run),
        rejects_file.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(Lock::acquire)
    .collect::<Result<Vec<_>, _>>()?;
    let input = Input::open(&args.file, !dry_run)?;
    let mut session = match dry_run {
        true => None,
        false => Some(open(ctx, args)?),
    };
    let fetch = |session: &mut Option<Session>| -> Result<_, Error> {
        if session.is_none() {
            *session = Some(open(ctx, args).map_err(as_error)?);
        }
        let session = session.as_ref().expect("opened above");
        session.runtime.block_on(session.client.fields(None))
    };
    let names = Names::new(map.clone(), || fetch(&mut session));
    let told = args.format.or_else(|| by_extension(&args.file));
    let reading = Reading {
        encoding: args.encoding,
        delimiter: args.delimiter,
        sheet: args.sheet.clone(),
    };
    let mut scan = Scan::new(&input, told, reading, names, args.normalize_phones, None)?;
    let format = scan.format();
    let reading = scan.reading();
    if let (Some(note), false) = (&scan.detected, quiet) {
        crate::say!("note: {note}");
    }
    unknown(&scan.report, args.ignore_unknown, quiet, true)?;
    // Pass 1: every row checked before anything is sent; --dry-run ends here.
    let mut rejects = match (&args.rejects, dry_run) {
        (Some(path), true) => Rejects::create(path, format, scan.header())?,
        _ => Rejects::stderr(),
    };
    rejects.sheet = reading.sheet.clone();
    // A journal resumed is read first: each of its lines is held against the batches made.
    let earlier = match (&journal_path, args.resume) {
        (Some(path), true) => Some(Earlier::read(path)?),
        _ => None,
    };
    let mut batches = Fit::new(args.batch_size as usize, earlier.as_ref());
    let checked = scan.check_all(
        |record, why| match dry_run {
            true => rejects.write(record, why),
            false => Ok(()),
        },
        |line| batches.row(line),
    );
    let checked = checked.and_then(|counts| {
        unknown(&scan.report, args.ignore_unknown, quiet, false)?;
        scan.unused_map().map(|()| counts)
    });
    let (read, valid) = match checked {
        Ok(counts) => counts,
        Err(e) => {
            rejects.abandon();
            return Err(e.into());
        }
    };
    notes(&scan.report, quiet);
    let (checked, names) = scan.finish()?;
    let names = names.settled();
    if dry_run {
        rejects.finish(false)?;
        let batches = valid.div_ceil(u64::from(args.batch_size));
        if !quiet {
            crate::say!(
                "dry run: {read} rows read; {valid} would be sent in {}, {} rejected{}; nothing was sent",
                report::counted(batches, "batch", "batches"),
                read - valid,
                where_rejects(&args.rejects, read - valid)
            );
        }
        return rejected(read, read - valid);
    }
    let session = session.expect("opened before the first pass");
    let client = session.client.clone();
    let sender = Arc::new(Sender {
        client: client.clone(),
        on_existing: args.on_conflict as u8,
        parallel: args.parallel as usize,
        batch_size: args.batch_size as usize,
    });
    let mut scan = Scan::new(
        &input,
        Some(format),
        reading.clone(),
        names,
        args.normalize_phones,
        Some(&checked),
    )?;
    if ctx.request.curl {
        if valid == 0 {
            let why = match read {
                0 => "the input holds no rows".to_string(),
                n => format!("each of the {n} rows read is rejected (--dry-run says why)"),
            };
            crate::say!("no row would be sent: {why}");
            return rejected(read, read);
        }
        let mut totals = Totals::default();
        let rows = sender.next_batch(&mut scan, &mut Rejects::stderr(), &mut totals)?;
        let customers: Vec<&RawValue> = rows.iter().map(|(_, c)| &**c).collect();
        let body = sender.body(&customers);
        let path = crate::wire::BATCH_CREATE_PATH;
        session.show_request(ctx, out, |c| c.prepare(reqwest::Method::POST, path, body))?;
        return Ok(());
    }
    let target = client.target();
    let options = Options {
        format,
        on_conflict: clap::ValueEnum::to_possible_value(&args.on_conflict)
            .expect("every mode has a name")
            .get_name()
            .to_string(),
        batch_size: args.batch_size as usize,
        encoding: reading.encoding.map(|e| e.name().to_string()),
        delimiter: reading.delimiter.map(|d| d as char),
        sheet: reading.sheet.clone(),
        map,
        ignore_unknown: args.ignore_unknown,
        normalize_phones: args.normalize_phones,
        // As an export's state keeps it: a password in the URL is not written down.
        base_url: crate::error::masked_url(&target.base_url).into_owned(),
        tenant_id: target.tenant_id,
        app_key: target.app_key.clone(),
        rejects: args.rejects.as_ref().map(|path| {
            let file = rejects_file.clone().unwrap_or_else(|| path.clone());
            shown(std::path::absolute(&file).unwrap_or(file))
        }),
    };
    // The rejects file first: one that cannot be written leaves no journal behind.
    let mut rejects = match &args.rejects {
        Some(path) => Rejects::create(path, format, scan.header())?,
        None => Rejects::stderr(),
    };
    rejects.sheet = reading.sheet.clone();
    let misfit = batches.finish();
    let opened = match (&journal_path, earlier) {
        (_, Some(earlier)) => Journal::resume(earlier, &checked.digest, &options, misfit).map(Some),
        (Some(path), None) => Journal::create(path, checked.digest.clone(), options).map(Some),
        (None, None) => {
            if !quiet {
                crate::say!("note: an import of stdin keeps no journal unless --journal PATH names one; it cannot be resumed");
            }
            Ok(None)
        }
    };
    // A journal refused leaves no rejects file begun.
    let mut journal = match opened {
        Ok(journal) => journal,
        Err(e) => {
            rejects.abandon();
            return Err(e.into());
        }
    };
    let stop = Stop::install(session.runtime.handle())?;
    let progress = progress(!quiet, read);
    let watch = |t: &Totals| {
        if let Some(bar) = &progress {
            bar.set_position(t.accepted + t.rejected());
            let pace = client.pace();
            let throttled = match pace.throttled {
                0 => String::new(),
                n => format!(", throttled {n} times"),
            };
            let rate = t.accepted as f64 / bar.elapsed().as_secs_f64().max(0.001);
            bar.set_message(format!(
                "{rate:.0} rows/s, {} rejected{throttled}",
                t.rejected()
            ));
        }
    };
    let stopping = async {
        stop.wait().await;
        Error::Interrupted
    };
    let result = session.runtime.block_on(sender.run(
        &mut scan,
        journal.as_mut(),
        &mut rejects,
        stopping,
        &watch,
    ));
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    let finished = rejects.finish(result.is_ok());
    let totals = match result {
        Ok(totals) => totals,
        Err(e) => {
            let by = stop.signal().map_or(String::new(), |s| format!(" by {s}"));
            match journal {
                // Nothing to resume: a batch in flight may have got in, and sending it again
                // is harmless (API.md section 8).
                Some(j) if j.count() == 0 && !args.resume => {
                    j.remove()?;
                    crate::say!("import stopped{by} before the server acknowledged any batch; run the same command again");
                }
                Some(j) if input.changed() => crate::say!(
                    "import stopped: {} batches of the file as it was checked are done, recorded in {}; --resume continues only with that file; to import the file as it is now, delete {} and run the same command",
                    j.count(),
                    shown(j.path()),
                    shown(j.path())
                ),
                Some(j) => crate::say!(
                    "import stopped{by}: {} batches are done, recorded in {}; run the same command with --resume to continue",
                    j.count(),
                    shown(j.path())
                ),
                None => crate::say!("import stopped{by}"),
            }
            return Err(e.into());
        }
    };
    let removed = finished?;
    if let Some(journal) = journal {
        journal.remove()?;
    }
    if !quiet {
        summary(&totals, started, &args.rejects);
        if let Some(path) = removed {
            crate::say!(
                "note: no row was rejected, so the earlier rejects file {} was removed",
                shown(path)
            );
        }
    }
    session.runtime.shutdown_background();
    rejected(totals.read, totals.rejected())
}

/// The session that fetches the field list and sends: `--dry-run` belongs to the import here
/// (nothing is sent at all), so it does not stop `--sandbox`.
fn open(ctx: &Context, args: &ImportArgs) -> Result<Session> {
    let mut request = ctx.request.clone();
    request.dry_run = false;
    let ctx = Context {
        global: ctx.global,
        request: &request,
    };
    Session::open(&ctx, args.parallel)
}

fn as_error(e: anyhow::Error) -> Error {
    match e.downcast::<Error>() {
        Ok(e) => e,
        Err(e) => Error::Usage(format!("{e:#}")),
    }
}
