//! `nxcdp sandbox --tls`: HTTPS, with a certificate for 127.0.0.1 and localhost signed by a CA
//! made at start (rcgen), or with a certificate and key the user gives (`--tls-cert`,
//! `--tls-key`). The handshakes run in their own tasks, so a slow client holds up nobody.

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose,
};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;

/// How long a client may take over its handshake before the sandbox hangs up.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone, Debug, Default, clap::Args)]
#[command(next_help_heading = "HTTPS")]
pub struct TlsArgs {
    /// Serve HTTPS, with a certificate for 127.0.0.1 and localhost from a CA made at start; prints
    /// the CA's path as NXCDP_CA_CERT
    #[arg(long)]
    pub tls: bool,
    /// Serve HTTPS with this certificate chain (PEM, the leaf first) instead of a generated one
    #[arg(long, value_name = "PATH", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The private key (PEM) of --tls-cert
    #[arg(long, value_name = "PATH", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// A certificate and key to serve, given in code (the command layer's generated one).
    #[arg(skip)]
    pub identity: Option<Identity>,
}

/// A certificate chain and its private key, both PEM.
#[derive(Clone)]
pub struct Identity {
    pub cert_pem: String,
    pub key_pem: String,
}

/// The key stays out of logs.
impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity").finish_non_exhaustive()
    }
}

/// A CA made for one run, and a leaf it signed for 127.0.0.1 and localhost.
pub struct Generated {
    /// The CA certificate (PEM), for clients to trust.
    pub ca_pem: String,
    pub identity: Identity,
}

impl TlsArgs {
    /// Whether the sandbox speaks HTTPS.
    pub fn enabled(&self) -> bool {
        self.tls || self.tls_cert.is_some() || self.identity.is_some()
    }

    /// The acceptor for the identity given in code, else the files; `None` for plain HTTP.
    pub fn acceptor(&self) -> Result<Option<TlsAcceptor>, String> {
        let identity = match (&self.identity, &self.tls_cert, &self.tls_key) {
            (Some(identity), _, _) => identity.clone(),
            (None, Some(cert), Some(key)) => {
                let read = |path: &PathBuf| {
                    std::fs::read_to_string(path)
                        .map_err(|e| format!("cannot read {}: {e}", path.display()))
                };
                Identity {
                    cert_pem: read(cert)?,
                    key_pem: read(key)?,
                }
            }
            (None, None, _) if self.tls => {
                return Err("--tls: no certificate was made (a bug in nxcdp)".into())
            }
            _ => return Ok(None),
        };
        acceptor(&identity).map(Some)
    }
}

/// Makes a CA and a leaf certificate for 127.0.0.1 and localhost signed by it (ECDSA P-256).
pub fn generate() -> Result<Generated, rcgen::Error> {
    let ca_key = KeyPair::generate()?;
    let mut ca = CertificateParams::new(Vec::<String>::new())?;
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name.push(
        DnType::CommonName,
        "nxcdp sandbox CA (made at start, for this run)",
    );
    ca.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_cert = ca.self_signed(&ca_key)?;
    let leaf_key = KeyPair::generate()?;
    let mut leaf = CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()])?;
    leaf.distinguished_name
        .push(DnType::CommonName, "nxcdp sandbox");
    leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let leaf_cert = leaf.signed_by(&leaf_key, &ca_cert, &ca_key)?;
    Ok(Generated {
        ca_pem: ca_cert.pem(),
        identity: Identity {
            cert_pem: leaf_cert.pem(),
            key_pem: leaf_key.serialize_pem(),
        },
    })
}

/// A rustls server (ring, TLS 1.2 and 1.3, HTTP/1.1) for a certificate chain and key.
pub fn acceptor(identity: &Identity) -> Result<TlsAcceptor, String> {
    let certs = CertificateDer::pem_slice_iter(identity.cert_pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("the certificate is not PEM: {e}"))?;
    if certs.is_empty() {
        return Err("no certificate in the certificate file".into());
    }
    let key = PrivateKeyDer::from_pem_slice(identity.key_pem.as_bytes())
        .map_err(|e| format!("no private key in the key file: {e}"))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| format!("the certificate and key do not make a server identity: {e}"))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// Accepts TCP connections and hands on those whose TLS handshake succeeded.
pub struct TlsListener {
    incoming: mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    addr: SocketAddr,
}

impl TlsListener {
    /// Starts accepting at once (call inside a runtime). A failed handshake (a client that does
    /// not trust the certificate, or speaks plain HTTP) closes that connection only.
    pub fn new(listener: TcpListener, acceptor: TlsAcceptor) -> std::io::Result<TlsListener> {
        let addr = listener.local_addr()?;
        let (tx, incoming) = mpsc::channel(64);
        tokio::spawn(async move {
            while !tx.is_closed() {
                let (tcp, peer) = match listener.accept().await {
                    Ok(connection) => connection,
                    // Out of file descriptors and the like: let them free up, as axum does.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                // No Nagle delay, as over plain HTTP.
                let _ = tcp.set_nodelay(true);
                let (acceptor, tx) = (acceptor.clone(), tx.clone());
                tokio::spawn(async move {
                    let handshake = tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(tcp));
                    if let Ok(Ok(tls)) = handshake.await {
                        let _ = tx.send((tls, peer)).await;
                    }
                });
            }
        });
        Ok(TlsListener { incoming, addr })
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.incoming.recv().await {
            Some(connection) => connection,
            // The accepting task never ends while this receiver lives.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        Ok(self.addr)
    }
}
