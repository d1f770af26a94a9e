//! `nxcdp sandbox`, and `--sandbox`'s address: the only place the client meets the emulator.

use crate::config::Target;
use crate::error::{shown, Error};
use crate::sandbox::{self, tls, Config, StartError};
use crate::sign::Secret;
use crate::stop::Stop;
use anyhow::Result;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

pub const EXAMPLES: &str = "\
Examples:
  nxcdp sandbox                       # http://127.0.0.1:8080, 1000 customers
  nxcdp sandbox --port 0 --customers 100000 --seed 7
  nxcdp sandbox --latency-ms 20       # study paging over a slow network
  nxcdp sandbox --tls                 # https://127.0.0.1:8080, prints NXCDP_CA_CERT
  nxcdp sandbox --port 0 --arrivals 5 --late 0.3 --log created.jsonl

Guide: docs/sandbox.md (in the source and in each release archive)";

/// A sandbox's address and credentials (`--sandbox`, and tests with an in-process sandbox).
pub fn target(addr: SocketAddr, config: &Config) -> Target {
    Target {
        base_url: sandbox::base_url(addr, config),
        base_from: "the in-process sandbox".into(),
        ca_cert: None,
        access_key: config.access_key.clone(),
        secret: Secret::new(config.access_secret.clone()),
        tenant_id: config.tenant_id,
        app_key: config.app_key.clone(),
    }
}

/// Serves until Ctrl-C, SIGTERM or SIGHUP; first prints the base URL and the lines that point a
/// shell at it.
pub fn run(mut config: Config, out: &mut dyn Write) -> Result<()> {
    let ca_file = prepare_tls(&mut config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    // Listening for the signals before the address is printed: whoever reads it may stop the
    // sandbox at once.
    let stop = Stop::install(runtime.handle())?;
    let served = runtime.block_on(async {
        let (addr, server) = sandbox::bind(config.clone()).await.map_err(start_error)?;
        for line in sandbox::env_lines(addr, &config) {
            writeln!(out, "{line}")?;
        }
        if let Some(ca) = &ca_file {
            writeln!(out, "export NXCDP_CA_CERT={}", ca.0.display())?;
        }
        out.flush()?;
        // Not eprintln!: a closed stderr must not stop the server.
        let mut stderr = std::io::stderr();
        let _ = writeln!(
            stderr,
            "nxcdp sandbox: {} customers (seed {}) at {}, listening until Ctrl-C",
            config.customers,
            config.seed,
            sandbox::base_url(addr, &config)
        );
        if let Some(path) = &config.new_customers.log {
            let _ = writeln!(
                stderr,
                "nxcdp sandbox: every customer created goes to {}, one JSON line each",
                shown(path)
            );
        }
        if let Some(ca) = &ca_file {
            let _ = writeln!(
                stderr,
                "nxcdp sandbox: HTTPS; trust the CA made for this run with --ca-cert {} (removed at Ctrl-C)",
                ca.0.display()
            );
        }
        tokio::select! {
            result = server => result.map_err(|e| Error::Network(format!("sandbox server failed: {e}")))?,
            _ = stop.wait() => {}
        }
        Ok(())
    });
    // Answers still held (--latency-ms, --stall-ms) do not keep a stopped sandbox alive.
    runtime.shutdown_background();
    served
}

/// What the sandbox's start errors mean for a user: a port or a log file that cannot be used is
/// a usage error (exit 2), as an unusable value of any flag is.
fn start_error(e: anyhow::Error) -> anyhow::Error {
    let usage = match e.downcast_ref::<StartError>() {
        Some(StartError::Listen { port, source }) => {
            let why = match source.kind() {
                std::io::ErrorKind::AddrInUse => {
                    format!("port {port} is taken (by another nxcdp sandbox?); ")
                }
                _ => String::new(),
            };
            format!(
                "cannot listen on 127.0.0.1:{port}: {source}\nhint: {why}`--port 0` picks a free port, and the first line printed names it"
            )
        }
        Some(StartError::Log { path, source }) => {
            format!("cannot create the --log file {}: {source}", shown(path))
        }
        None => return e,
    };
    Error::Usage(usage).into()
}

/// The CA certificate `--tls` wrote for its run; removed when the sandbox stops.
struct CaFile(PathBuf);

impl Drop for CaFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// `--tls-cert`/`--tls-key`: read and checked before anything listens (exit 2 when wrong).
/// `--tls`: a CA and a leaf made now; the CA is written to the temp dir for clients to trust.
fn prepare_tls(config: &mut Config) -> Result<Option<CaFile>> {
    let args = &mut config.tls;
    if let (Some(cert), Some(key)) = (&args.tls_cert, &args.tls_key) {
        let read = |path: &PathBuf| {
            std::fs::read_to_string(path)
                .map_err(|e| Error::Usage(format!("cannot read {}: {e}", path.display())))
        };
        let identity = tls::Identity {
            cert_pem: read(cert)?,
            key_pem: read(key)?,
        };
        tls::acceptor(&identity).map_err(|e| {
            Error::Usage(format!(
                "--tls-cert {} and --tls-key {}: {e}",
                cert.display(),
                key.display()
            ))
        })?;
        args.identity = Some(identity);
        return Ok(None);
    }
    if !args.tls {
        return Ok(None);
    }
    let generated = tls::generate()?;
    let path = write_ca(&generated.ca_pem)?;
    args.identity = Some(generated.identity);
    Ok(Some(CaFile(path)))
}

/// Writes the CA into the temp dir under a new name: created, never opened through a link
/// someone else left at a name they could guess.
fn write_ca(pem: &str) -> Result<std::path::PathBuf, Error> {
    use std::io::Write as _;
    let mut last = None;
    for n in 0..100 {
        let name = format!("nxcdp-sandbox-{}-{n}-ca.pem", std::process::id());
        let path = std::env::temp_dir().join(name);
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path);
        match file.and_then(|mut f| f.write_all(pem.as_bytes())) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => {
                return Err(Error::Io {
                    what: format!("cannot write the sandbox's CA to {}", path.display()),
                    source: e,
                })
            }
        }
    }
    Err(Error::Io {
        what: "cannot write the sandbox's CA: 100 names in the temp dir are taken".into(),
        source: last.unwrap_or_else(|| std::io::Error::other("taken")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_ca_is_never_written_through_a_link_at_a_guessable_name() {
        let dir = std::env::temp_dir();
        let victim = dir.join(format!("nxcdp-victim-{}", std::process::id()));
        std::fs::write(&victim, "keep me").unwrap();
        let guess = dir.join(format!("nxcdp-sandbox-{}-0-ca.pem", std::process::id()));
        let _ = std::fs::remove_file(&guess);
        std::os::unix::fs::symlink(&victim, &guess).unwrap();
        let written = write_ca("PEM").unwrap();
        let kept = std::fs::read_to_string(&victim).unwrap();
        for path in [&victim, &guess, &written] {
            let _ = std::fs::remove_file(path);
        }
        assert_eq!(kept, "keep me");
        assert_ne!(written, guess);
    }
}
