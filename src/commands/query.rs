//! `nxcdp customers query`: filters in, every page needed walked, customers printed as they come.

use super::progress::Progress;
use super::{check_parallel, check_times, print_warnings, Context, Session};
use crate::cli::{Filters, OutputArgs, PagingArgs};
use crate::output::{self, Catalog, Spec, Terminal};
use crate::paginator::{Cursor, Event, Walk};
use crate::query::QueryBody;
use anyhow::Result;
use clap::Args;
use std::io::Write;

pub const EXAMPLES: &str = "\
Examples:
  nxcdp customers query --tag vip --limit 50
  nxcdp customers query --all -o jsonl | jq -r .email
  nxcdp customers query --since 7d --source-type form -o csv > new.csv
  nxcdp customers query --limit 100 --after 1021110718827683840

Guide: docs/query.md (in the source and in each release archive)";

#[derive(Args, Debug, Clone)]
pub struct QueryArgs {
    #[command(flatten)]
    pub filters: Filters,
    #[command(flatten)]
    pub paging: PagingArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Context, args: &QueryArgs, out: &mut dyn Write, terminal: Terminal) -> Result<()> {
    let paging = &args.paging;
    check_parallel(
        &paging.parallel,
        paging.all,
        paging.after.is_some() || paging.before.is_some(),
    )?;
    check_times(&args.filters)?;
    let mut spec = Spec::from_args(&args.output, &Catalog::CUSTOMERS)?;
    spec.check_stream(terminal)?;
    spec.priority.keep_also(&args.filters.columns());
    let session = Session::open(ctx, paging.parallel.parallel)?;
    let target = session.client.target();
    let walk = Walk {
        body: QueryBody::new(target.tenant_id, &target.app_key, &args.filters),
        start: match (paging.after, paging.before) {
            (Some(id), _) => Cursor::After(id),
            (_, Some(id)) => Cursor::Before(id),
            _ => Cursor::First,
        },
        limit: (!paging.all).then_some(paging.limit),
        page_size: paging.page_size,
    };
    if session.show_request(ctx, out, |c| c.prepare_query(&walk.first_body()))? {
        return Ok(());
    }
    session.label_custom_fields(ctx, &mut spec, args.output.shape.raw_custom_fields)?;
    let long = walk.limit.is_none_or(|l| l > u64::from(walk.page_size));
    let progress = Progress::new(long && !ctx.global.quiet, &session.client);
    let plan = session.plan(&walk, &paging.parallel)?;
    let mut pages = session.spawn(walk, plan, &paging.parallel);
    let mut out = output::formatter(spec, out, terminal);
    let result = (|| -> Result<()> {
        let mut more = None;
        while let Some(event) = pages.blocking_recv() {
            match event {
                Ok(Event::Page { customers, .. }) => {
                    progress.page(customers.len());
                    out.page(&customers)?;
                    print_warnings(ctx, &mut *out);
                }
                Ok(Event::More(cursor)) => more = Some(cursor),
                Ok(Event::Split(_)) => {}
                Err(e) => {
                    progress.finish();
                    out.abort()?;
                    return Err(e.into());
                }
            }
        }
        progress.finish();
        out.finish()?;
        print_warnings(ctx, &mut *out);
        if let (Some(cursor), false) = (more, ctx.global.quiet) {
            crate::say!("more customers: continue with {cursor}, or use --all");
        }
        Ok(())
    })();
    drop((out, pages));
    session.end(result)
}
