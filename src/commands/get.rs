//! `nxcdp customers get ID...`: customers by id, in every output format. The API has no
//! lookup by id; `after: ID+1, limit: 1` returns the customer ID when it exists (ids are the
//! cursor), and anything else means it does not.

use super::{Context, Session};
use crate::cli::{Filters, OutputArgs};
use crate::customer;
use crate::error::Error;
use crate::output::{self, Catalog, Spec, Terminal};
use crate::query::QueryBody;
use anyhow::Result;
use clap::Args;
use std::io::Write;

pub const EXAMPLES: &str = "\
Examples:
  nxcdp customers get 1021110718827683840
  nxcdp customers get 1021110718827683840 1021110718827683841 -o json
  nxcdp customers query --tag vip --jq .id | nxcdp customers get - -o csv

Guide: docs/api-command.md (in the source and in each release archive)";

#[derive(Args, Debug, Clone)]
pub struct GetArgs {
    /// Customer ids; - reads more from stdin (separated by spaces or lines)
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Context, args: &GetArgs, out: &mut dyn Write, terminal: Terminal) -> Result<()> {
    let secret_file = ctx.request.connection.access_secret_file.as_deref();
    crate::config::one_stdin_reader(&[
        ("customers get -", args.ids.iter().any(|id| id == "-")),
        (
            "--access-secret-file -",
            crate::config::is_stdin(secret_file),
        ),
    ])?;
    let ids = ids(&args.ids)?;
    let mut spec = Spec::from_args(&args.output, &Catalog::CUSTOMERS)?;
    spec.check_stream(terminal)?;
    let session = Session::open(ctx, 1)?;
    let target = session.client.target();
    let body = |id: i64| {
        let mut body = QueryBody::new(target.tenant_id, &target.app_key, &Filters::default());
        // The one id with no id above it: the customers newer than ID-1, the nearest first.
        match id.checked_add(1) {
            Some(after) => body.after = Some(after),
            None => body.before = Some(id - 1),
        }
        body.limit = Some(1);
        body
    };
    let Some(&first) = ids.first() else {
        return Err(Error::Usage("no customer id given".into()).into());
    };
    if session.show_request(ctx, out, |c| c.prepare_query(&body(first)))? {
        return Ok(());
    }
    session.label_custom_fields(ctx, &mut spec, args.output.shape.raw_custom_fields)?;
    let mut out = output::formatter(spec, out, terminal);
    let mut missing = Vec::new();
    for id in ids {
        let page = match session
            .runtime
            .block_on(session.client.query_page(&body(id)))
        {
            Ok(page) => page,
            Err(e) => {
                out.abort()?;
                return Err(e.into());
            }
        };
        match page
            .customers
            .into_iter()
            .find(|c| customer::id(c) == Some(id))
        {
            Some(found) => out.page(&[found])?,
            None => missing.push(id.to_string()),
        }
    }
    out.finish()?;
    drop(out);
    session.runtime.shutdown_background();
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::NotFound(format!(
        "not found: customer{} {}",
        if missing.len() > 1 { "s" } else { "" },
        missing.join(", ")
    ))
    .into())
}

/// The ids in the order given, each once; `-` adds those on stdin. Checked before anything is
/// sent.
fn ids(args: &[String]) -> Result<Vec<i64>, Error> {
    let mut words = Vec::new();
    for arg in args {
        if arg == "-" {
            let text = crate::config::read_stdin("customers get")?;
            let text = String::from_utf8_lossy(&text);
            words.extend(text.split_whitespace().map(str::to_string));
        } else {
            words.push(arg.clone());
        }
    }
    let mut ids = Vec::new();
    for word in words {
        // Digits only: i64's parser would also take `+5`.
        let digits = word.trim_matches('"');
        let id = Some(digits)
            .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|d| d.parse::<i64>().ok())
            .filter(|id| *id > 0)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "{word:?} is not a customer id (a positive integer, such as 1021110718827683840)"
                ))
            })?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(Error::Usage(
            "no customer id given (stdin was empty)".into(),
        ));
    }
    Ok(ids)
}
