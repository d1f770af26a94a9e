//! Request signing, API.md section 3.
//!
//! `sign = hex(HASH(headersStr + "&body=" + body + "&accessSecret=" + secret))`. The client signs with
//! it and the sandbox verifies with it: one implementation, so the two cannot drift apart.

use crate::wire;
use md5::Md5;
use sha2::{Digest, Sha256};
use std::fmt;

/// Which hash `sign` uses; sent in the optional `algorithm` header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Algorithm {
    #[default]
    Md5,
    Sha256,
}

impl Algorithm {
    pub fn header_value(self) -> &'static str {
        match self {
            Algorithm::Md5 => "md5",
            Algorithm::Sha256 => "sha256",
        }
    }

    /// Reads the `algorithm` header; an absent header means MD5.
    pub fn from_header(value: Option<&str>) -> Option<Self> {
        match value.map(str::to_ascii_lowercase).as_deref() {
            None | Some("md5") => Some(Algorithm::Md5),
            Some("sha256") => Some(Algorithm::Sha256),
            Some(_) => None,
        }
    }
}

/// The access secret. It is only ever fed to the hash: `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(secret: impl Into<String>) -> Self {
        Secret(secret.into())
    }

    /// The secret's text, for the hash and for writing the config file the user asked to write.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The signed headers of one request, as named on the wire.
#[derive(Clone, Copy, Debug)]
pub struct HeaderFields<'a> {
    pub access_key: &'a str,
    pub action: &'a str,
    pub biz_type: &'a str,
    pub ts: &'a str,
}

/// Computes `sign` for the headers, the body exactly as sent (empty for GET) and the secret.
pub fn signature(
    algorithm: Algorithm,
    headers: &HeaderFields<'_>,
    body: &[u8],
    secret: &Secret,
) -> String {
    match algorithm {
        Algorithm::Md5 => digest::<Md5>(headers, body, secret),
        Algorithm::Sha256 => digest::<Sha256>(headers, body, secret),
    }
}

fn digest<D: Digest>(h: &HeaderFields<'_>, body: &[u8], secret: &Secret) -> String {
    let mut d = D::new();
    // headersStr: the signed header names in ASCII order: accessKey < action < bizType < ts.
    for (i, (key, value)) in [
        (wire::ACCESS_KEY, h.access_key),
        (wire::ACTION, h.action),
        (wire::BIZ_TYPE, h.biz_type),
        (wire::TS, h.ts),
    ]
    .into_iter()
    .enumerate()
    {
        if i > 0 {
            d.update(b"&");
        }
        d.update(key.as_bytes());
        d.update(b"=");
        d.update(value.as_bytes());
    }
    if !body.is_empty() {
        d.update(b"&body=");
        d.update(body);
    }
    d.update(b"&accessSecret=");
    d.update(secret.expose().as_bytes());
    hex::encode(d.finalize())
}

/// Compares a received signature with the expected one in time independent of where they differ.
pub fn verify(expected: &str, received: &str) -> bool {
    let (a, b) = (expected.as_bytes(), received.to_ascii_lowercase());
    a.len() == b.len()
        && a.iter()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const VECTOR: HeaderFields<'static> = HeaderFields {
        access_key: "fme2na3kdi3ki",
        action: "send",
        biz_type: "1",
        ts: "1655710885431",
    };
    const BODY: &str = r#"{"name":"牛小信","id":10001}"#;
    const PLAIN: &str = "accessKey=fme2na3kdi3ki&action=send&bizType=1&ts=1655710885431&body={\"name\":\"牛小信\",\"id\":10001}&accessSecret=abciiiko2k3";

    fn secret() -> Secret {
        Secret::new("abciiiko2k3")
    }

    #[test]
    fn public_vector_md5() {
        let sign = signature(Algorithm::Md5, &VECTOR, BODY.as_bytes(), &secret());
        assert_eq!(sign, "87c3560d3331ae23f1021e2025722354");
    }

    #[test]
    fn sha256_hashes_the_same_string() {
        let sign = signature(Algorithm::Sha256, &VECTOR, BODY.as_bytes(), &secret());
        assert_eq!(sign, hex::encode(Sha256::digest(PLAIN.as_bytes())));
        assert_eq!(sign.len(), 64);
    }

    #[test]
    fn empty_body_has_no_body_part() {
        let plain = "accessKey=fme2na3kdi3ki&action=send&bizType=1&ts=1655710885431&accessSecret=abciiiko2k3";
        let sign = signature(Algorithm::Md5, &VECTOR, b"", &secret());
        assert_eq!(sign, hex::encode(Md5::digest(plain.as_bytes())));
    }

    #[test]
    fn non_ascii_body_is_hashed_as_utf8_bytes_not_escapes() {
        let escaped = r#"{"name":"\u725b\u5c0f\u4fe1","id":10001}"#;
        let a = signature(Algorithm::Md5, &VECTOR, BODY.as_bytes(), &secret());
        let b = signature(Algorithm::Md5, &VECTOR, escaped.as_bytes(), &secret());
        assert_ne!(
            a, b,
            "the same JSON written differently must sign differently"
        );
    }

    #[test]
    fn secret_is_not_debug_printed() {
        assert!(!format!("{:?}", secret()).contains("abciiiko2k3"));
    }

    #[test]
    fn verify_is_exact_and_case_insensitive_on_hex() {
        let sign = signature(Algorithm::Md5, &VECTOR, BODY.as_bytes(), &secret());
        assert!(verify(&sign, &sign.to_uppercase()));
        assert!(!verify(&sign, &sign[1..]));
        assert!(!verify(&sign, "87c3560d3331ae23f1021e2025722355"));
    }

    #[test]
    fn algorithm_header() {
        assert_eq!(Algorithm::from_header(None), Some(Algorithm::Md5));
        assert_eq!(
            Algorithm::from_header(Some("SHA256")),
            Some(Algorithm::Sha256)
        );
        assert_eq!(Algorithm::from_header(Some("sha1")), None);
    }
}
