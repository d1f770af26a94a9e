//! Whom the client trusts, and what it says when a certificate is not trusted.
//!
//! rustls (no OpenSSL) with the operating system's certificate store (rustls-native-certs, which
//! honours `SSL_CERT_FILE` and `SSL_CERT_DIR`) and Mozilla's roots built in, both through
//! reqwest's features; `--ca-cert` adds a CA, such as a company's that inspects HTTPS.

use crate::config::{check_small, read_small};
use crate::error::{shown, Error};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use std::path::{Path, PathBuf};

/// Adds the CA certificates of `ca_cert` (PEM, one or more) to the roots the client trusts.
/// An unreadable file, or one without a valid certificate, is a usage error: nothing is sent.
/// So is an `SSL_CERT_FILE` that is not a regular file of a few MiB: the system's store is
/// read from it when the client is built, and a pipe or a device would never end.
pub fn trust(
    builder: reqwest::ClientBuilder,
    ca_cert: Option<&(PathBuf, &'static str)>,
) -> Result<reqwest::ClientBuilder, Error> {
    if let Some(file) = std::env::var_os("SSL_CERT_FILE").filter(|f| !f.is_empty()) {
        let path = Path::new(&file);
        if std::fs::metadata(path).is_ok() {
            check_small(path, "SSL_CERT_FILE")?;
        }
    }
    let Some((path, from)) = ca_cert else {
        return Ok(builder);
    };
    let fail = |what: String| Error::Usage(format!("{from} {}: {what}", shown(path)));
    let pem = read_small(path, from)?;
    let certs = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| fail(format!("not a PEM file: {e}")))?;
    if certs.is_empty() {
        return Err(fail(
            "holds no certificate (a PEM file with -----BEGIN CERTIFICATE-----)".into(),
        ));
    }
    let mut builder = builder;
    for der in certs {
        // The same check rustls makes when it loads the roots, made here to say which file.
        let mut check = rustls::RootCertStore::empty();
        check
            .add(der.clone())
            .map_err(|e| fail(format!("not a valid CA certificate: {e}")))?;
        let cert = reqwest::Certificate::from_der(&der)
            .map_err(|e| fail(format!("not a valid CA certificate: {e}")))?;
        builder = builder.add_root_certificate(cert);
    }
    Ok(builder)
}

/// The certificate problem behind a failed request, if that is what failed it.
pub fn certificate_problem(e: &reqwest::Error) -> Option<String> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        // rustls's error travels inside io::Errors (two deep), whose `source` skips it.
        let mut inner = s;
        while let Some(io) = inner.downcast_ref::<std::io::Error>() {
            match io.get_ref() {
                Some(wrapped) => inner = wrapped,
                None => break,
            }
        }
        if let Some(rustls::Error::InvalidCertificate(problem)) =
            inner.downcast_ref::<rustls::Error>()
        {
            return Some(format!("{problem:?}"));
        }
        source = s.source();
    }
    None
}

/// The message of a certificate error: what failed, and what to do.
pub fn explain(base_url: &str, problem: &str) -> String {
    format!(
        "TLS: the certificate of {base_url} is not trusted ({problem})\n\
         hint: if your network inspects HTTPS with its own CA (a company proxy or firewall), \
         trust that CA: --ca-cert PATH (PEM), NXCDP_CA_CERT or ca_cert in the profile, or add it \
         to the system's certificate store (or SSL_CERT_FILE); behind a proxy, set HTTPS_PROXY \
         (and NO_PROXY for hosts to reach directly)"
    )
}
