//! A signed request as data: sent by the client, or shown by `--dry-run` and `--curl`.

use crate::error::masked_url;
use std::borrow::Cow;

/// A request with its signed headers, ready to send or to show (`--dry-run`, `--curl`).
#[derive(Debug, Clone)]
pub struct Prepared {
    pub method: reqwest::Method,
    pub url: String,
    pub headers: Vec<(Cow<'static, str>, String)>,
    pub body: Vec<u8>,
}

/// `--dry-run`: the request as text, headers in the order sent, then the body.
impl std::fmt::Display for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{} {}", self.method, masked_url(&self.url))?;
        for (name, value) in &self.headers {
            writeln!(f, "{name}: {value}")?;
        }
        if !self.body.is_empty() {
            writeln!(f, "\n{}", String::from_utf8_lossy(&self.body))?;
        }
        Ok(())
    }
}

impl Prepared {
    /// Sets a header (`nxcdp api -H`), replacing one of the same name whatever its case.
    pub fn set_header(&mut self, name: &str, value: &str) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers
            .push((Cow::Owned(name.to_string()), value.to_string()));
    }

    /// An equivalent curl command line, every argument quoted for a POSIX shell.
    pub fn to_curl(&self) -> String {
        let mut words = vec!["curl".to_string()];
        if self.method != reqwest::Method::GET {
            words.push(format!("-X {}", self.method));
        }
        words.push(shell_quote(&masked_url(&self.url)));
        for (name, value) in &self.headers {
            words.push(format!("-H {}", shell_quote(&format!("{name}: {value}"))));
        }
        if !self.body.is_empty() {
            words.push(format!(
                "--data-raw {}",
                shell_quote(&String::from_utf8_lossy(&self.body))
            ));
        }
        words.join(" ")
    }
}

/// Single quotes keep everything literal in a POSIX shell; a quote inside becomes `'\''`.
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// Percent-encodes a query parameter value (RFC 3986 unreserved characters pass).
pub fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_quoting_survives_quotes_and_dollars() {
        assert_eq!(shell_quote("it's $HOME"), "'it'\\''s $HOME'");
    }
}
