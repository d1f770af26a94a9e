//! The way to the API, one hop at a time: the name resolved, a TCP connection, a tunnel through
//! a proxy, a TLS handshake (and which trust store accepted the server), and the server's clock
//! from the `Date` of a plain `HEAD /`. Each step returns what it found or why it failed, so the
//! report can say which hop breaks.

use crate::error::server_text;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Where a connection goes: host and port, and whether it speaks TLS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub host: String,
    pub port: u16,
    pub tls: bool,
}

impl Endpoint {
    /// The API's endpoint, from its base URL.
    pub fn of(url: &str) -> Option<Endpoint> {
        let url = reqwest::Url::parse(url).ok()?;
        Some(Endpoint {
            host: url.host_str()?.trim_matches(['[', ']']).to_string(),
            port: url.port_or_known_default()?,
            tls: url.scheme() == "https",
        })
    }
}

/// The names a host resolves to.
pub async fn resolve(host: &str, port: u16, within: Duration) -> Result<Vec<SocketAddr>, String> {
    let lookup = tokio::net::lookup_host((host, port));
    match tokio::time::timeout(within, lookup).await {
        Err(_) => Err(format!("no answer within {} s", within.as_secs())),
        Ok(Err(e)) => Err(e.to_string()),
        Ok(Ok(found)) => {
            let found: Vec<SocketAddr> = found.collect();
            match found.is_empty() {
                true => Err("no address".into()),
                false => Ok(found),
            }
        }
    }
}

/// A TCP connection to the first address that takes one, and how long it took.
pub async fn connect(
    addrs: &[SocketAddr],
    within: Duration,
) -> Result<(TcpStream, SocketAddr, Duration), String> {
    let mut last = String::from("no address to connect to");
    for &addr in addrs {
        let started = Instant::now();
        match tokio::time::timeout(within, TcpStream::connect(addr)).await {
            Ok(Ok(stream)) => return Ok((stream, addr, started.elapsed())),
            Ok(Err(e)) => last = format!("{addr}: {e}"),
            Err(_) => last = format!("{addr}: no answer within {} s", within.as_secs()),
        }
    }
    Err(last)
}

/// Asks an HTTP proxy for a tunnel to `to` (`CONNECT`); `auth` is the `Proxy-Authorization`
/// value. The proxy's answer, when it is not 200, is the error.
pub async fn tunnel<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut S,
    to: &Endpoint,
    auth: Option<&str>,
) -> Result<(), String> {
    let target = format!("{}:{}", to.host, to.port);
    let mut request = format!("CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n");
    if let Some(auth) = auth {
        request.push_str(&format!("Proxy-Authorization: {auth}\r\n"));
    }
    request.push_str("\r\n");
    stream
        .write_all(request.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let head = read_head(stream).await?;
    let status = head.first().map(String::as_str).unwrap_or_default();
    match status.split_whitespace().nth(1) {
        Some("200") => Ok(()),
        Some("407") => Err(format!("{} (HTTP 407)", crate::transport::AUTH_REQUIRED)),
        _ => Err(format!("the proxy answered {:?}", server_text(status))),
    }
}

/// The lines of an HTTP answer's head, up to the blank line; at most 64 KiB.
async fn read_head<S: AsyncRead + Unpin>(stream: &mut S) -> Result<Vec<String>, String> {
    let mut reader = BufReader::new(stream);
    let mut lines = Vec::new();
    let mut read = 0;
    loop {
        let mut line = String::new();
        let n = reader
            .read_line(&mut line)
            .await
            .map_err(|e| e.to_string())?;
        read += n;
        if n == 0 || read > 64 * 1024 {
            return Err("the answer ended before its head did".into());
        }
        let line = line.trim_end().to_string();
        if line.is_empty() {
            return Ok(lines);
        }
        lines.push(line);
    }
}

/// A trust store nxcdp uses, by the name the report gives it.
pub struct Store {
    pub name: String,
    pub roots: rustls::RootCertStore,
}

/// The stores nxcdp trusts, in the order the report names them: the CA given (and where:
/// `--ca-cert`, `NXCDP_CA_CERT`, the profile), the system's, Mozilla's built-in roots.
pub fn stores(ca_cert: Option<(&Path, &str)>) -> Vec<Store> {
    let mut stores = Vec::new();
    if let Some((path, from)) = ca_cert {
        let mut roots = rustls::RootCertStore::empty();
        // A pipe or a device would never end: as the client reads it, or nothing.
        let pem = crate::config::read_small(path, from).unwrap_or_default();
        for der in CertificateDer::pem_slice_iter(&pem).flatten() {
            let _ = roots.add(der);
        }
        stores.push(Store {
            name: format!("the CA of {from} {}", crate::error::shown(path)),
            roots,
        });
    }
    let mut system = rustls::RootCertStore::empty();
    let native = rustls_native_certs::load_native_certs();
    let (count, _) = system.add_parsable_certificates(native.certs);
    stores.push(Store {
        name: format!("the system's certificate store ({count} certificates)"),
        roots: system,
    });
    stores.push(Store {
        name: "Mozilla's roots built into nxcdp".into(),
        roots: rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        },
    });
    stores
}

/// What a TLS handshake found: the protocol, and the store whose roots accepted the server.
pub struct Handshake {
    pub version: String,
    pub store: String,
}

/// Handshakes with `to` over a fresh connection from `open` per store, until a store's roots
/// accept its certificate. The error of the last store says why none did.
pub async fn handshake<F, Fut, S>(
    to: &Endpoint,
    stores: Vec<Store>,
    open: F,
) -> Result<(Handshake, tokio_rustls::client::TlsStream<S>), String>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<S, String>>,
    S: AsyncRead + AsyncWrite + Unpin,
{
    let name = ServerName::try_from(to.host.clone()).map_err(|e| e.to_string())?;
    let mut last = String::from("no trust store");
    for store in stores {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .with_root_certificates(store.roots)
            .with_no_client_auth();
        let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
        let stream = open().await?;
        match connector.connect(name.clone(), stream).await {
            Ok(tls) => {
                let version = tls.get_ref().1.protocol_version();
                let version = version.map_or("TLS".into(), |v| format!("{v:?}"));
                let found = Handshake {
                    version: version.replace("TLSv1_", "TLS 1.").replace('_', "."),
                    store: store.name,
                };
                return Ok((found, tls));
            }
            Err(e) => last = certificate_text(&e),
        }
    }
    Err(last)
}

fn certificate_text(e: &std::io::Error) -> String {
    let inner = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>());
    match inner {
        Some(rustls::Error::InvalidCertificate(problem)) => {
            format!("the certificate is not trusted ({problem:?})")
        }
        _ => server_text(&e.to_string()),
    }
}

/// The server's `Date` and this machine's clock, in Unix milliseconds.
pub struct ServerDate {
    pub theirs_ms: i64,
    /// This machine's clock halfway through the exchange.
    pub ours_ms: i64,
    /// The header as sent, escaped.
    pub text: String,
}

/// The server's clock: the `Date` of its answer to `HEAD /`. Any year a date can be written
/// with is read (judging it is the caller's). Through a proxy (plain HTTP), the request line
/// holds the whole URL and `auth` goes with it.
pub async fn server_clock<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut S,
    to: &Endpoint,
    proxied: bool,
    auth: Option<&str>,
) -> Result<ServerDate, String> {
    let target = match proxied {
        true => format!("http://{}:{}/", to.host, to.port),
        false => "/".into(),
    };
    let mut request = format!(
        "HEAD {target} HTTP/1.1\r\nHost: {}\r\nUser-Agent: nxcdp-doctor\r\nConnection: close\r\n",
        to.host
    );
    if let Some(auth) = auth {
        request.push_str(&format!("Proxy-Authorization: {auth}\r\n"));
    }
    request.push_str("\r\n");
    let sent = crate::wire::now_ms();
    stream
        .write_all(request.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let head = read_head(stream).await?;
    let ours = (sent + crate::wire::now_ms()) / 2;
    if head.first().and_then(|l| l.split_whitespace().nth(1)) == Some("407") {
        return Err(format!(
            "{}: the proxy answered HTTP 407",
            crate::transport::AUTH_REQUIRED
        ));
    }
    let date = head.iter().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.eq_ignore_ascii_case("date")
            .then(|| value.trim().to_string())
    });
    let date = date.ok_or("the server's answer has no Date header")?;
    let text = server_text(&date);
    let theirs_ms = crate::transport::http_date_ms(&date)
        .ok_or_else(|| format!("the server's Date is not a date: {text}"))?;
    Ok(ServerDate {
        theirs_ms,
        ours_ms: ours,
        text,
    })
}
