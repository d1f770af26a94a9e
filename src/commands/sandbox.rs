//! `nxcdp sandbox`, and `--sandbox`'s address: the only place the client meets the emulator.

use crate::config::Target;
use crate::error::Error;
use crate::sandbox::{self, Config};
use crate::sign::Secret;
use anyhow::Result;
use std::io::Write;
use std::net::SocketAddr;

pub const EXAMPLES: &str = "\
Examples:
  nxcdp sandbox                       # http://127.0.0.1:8080, 1000 customers
  nxcdp sandbox --port 0 --customers 100000 --seed 7
  nxcdp sandbox --latency-ms 20       # study paging over a slow network";

/// A sandbox's address and credentials (`--sandbox`, and tests with an in-process sandbox).
pub fn target(addr: SocketAddr, config: &Config) -> Target {
    Target {
        base_url: format!("http://{addr}"),
        base_from: "the in-process sandbox".into(),
        access_key: config.access_key.clone(),
        secret: Secret::new(config.access_secret.clone()),
        tenant_id: config.tenant_id,
        app_key: config.app_key.clone(),
    }
}

/// Serves until Ctrl-C; first prints the base URL and the lines that point a shell at it.
pub fn run(config: Config, out: &mut dyn Write) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let (addr, server) = sandbox::bind(config.clone()).await?;
        for line in sandbox::env_lines(addr, &config) {
            writeln!(out, "{line}")?;
        }
        out.flush()?;
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
