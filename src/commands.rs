//! Wires each command's arguments to the stages that do the work.

use crate::cli::{Cli, Command, CustomersCommand, Global, QueryArgs};
use crate::config::{self, Target};
use crate::error::Error;
use crate::output::{self, Terminal};
use crate::paginator::{self, Cursor, Event, Walk};
use crate::query::QueryBody;
use crate::sandbox;
use crate::sign::Secret;
use crate::transport::Client;
use anyhow::Result;
use std::io::{BufWriter, Write};
use std::sync::Arc;
use std::time::Duration;

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Sandbox(config) => serve_sandbox(config),
        Command::Customers(CustomersCommand::Query(args)) => query(&cli.global, &args),
    }
}

/// A runtime and a client pointed at the configured API, or at an in-process sandbox.
struct Session {
    runtime: tokio::runtime::Runtime,
    client: Arc<Client>,
}

impl Session {
    fn open(global: &Global) -> Result<Session> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let target = if global.sandbox {
            let config = sandbox::Config::default();
            let (addr, server) = runtime.block_on(sandbox::bind(config.clone()))?;
            runtime.spawn(server);
            Target {
                base_url: format!("http://{addr}"),
                access_key: config.access_key,
                secret: Secret::new(config.access_secret),
                tenant_id: config.tenant_id,
                app_key: config.app_key,
            }
        } else {
            let (target, warnings) = config::resolve(global)?;
            if !global.quiet {
                for w in warnings {
                    eprintln!("warning: {w}");
                }
            }
            target
        };
        let timeout = Duration::from_secs(global.timeout);
        let client = Client::new(target, global.sign_algorithm, timeout, global.verbose)?;
        Ok(Session {
            runtime,
            client: Arc::new(client),
        })
    }
}

fn query(global: &Global, args: &QueryArgs) -> Result<()> {
    let session = Session::open(global)?;
    let target = session.client.target();
    let paging = &args.paging;
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
    let mut pages = paginator::spawn(session.client.clone(), walk, session.runtime.handle());
    let stdout = std::io::stdout();
    let mut out = output::formatter(
        args.output.output,
        BufWriter::new(stdout.lock()),
        Terminal::stdout(),
    );
    let mut more = None;
    while let Some(event) = pages.blocking_recv() {
        match event? {
            Event::Page(customers) => out.page(&customers)?,
            Event::More(cursor) => more = Some(cursor),
        }
    }
    out.finish()?;
    drop(out);
    if let (Some(cursor), false) = (more, global.quiet) {
        eprintln!("more customers: continue with {cursor}, or use --all");
    }
    session.runtime.shutdown_background();
    Ok(())
}

fn serve_sandbox(config: sandbox::Config) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let (addr, server) = sandbox::bind(config.clone()).await?;
        let mut stdout = std::io::stdout().lock();
        for line in sandbox::env_lines(addr, &config) {
            writeln!(stdout, "{line}")?;
        }
        stdout.flush()?;
        drop(stdout);
        eprintln!(
            "nxcdp sandbox: {} customers (seed {}), listening until Ctrl-C",
            config.customers, config.seed
        );
        tokio::select! {
            result = server => result.map_err(|e| Error::Network(format!("sandbox server failed: {e}")))?,
            _ = tokio::signal::ctrl_c() => {}
        }
        Ok(())
    })
}
