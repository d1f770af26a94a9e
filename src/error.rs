//! The failures a user must tell apart, each with its exit code (README "Exit codes").

use crate::wire::ApiCode;
use std::fmt;

#[derive(Debug)]
pub enum Error {
    /// Bad flags or missing configuration: exit 2, nothing was sent.
    Usage(String),
    /// The API answered with a non-zero `code`.
    Api {
        code: i64,
        message: String,
        trace_id: Option<String>,
        status: u16,
    },
    /// The request did not get an answer: connection refused, timeout, TLS.
    Network(String),
    /// An answer came, but not one the API would give.
    Malformed(String),
    /// What was asked for does not exist (`customers get` with an unknown id): exit 4.
    NotFound(String),
    /// Rows of an import were rejected (each with its line and reason): exit 4.
    Rejected(String),
    /// A file could not be read or written (an export's file, its state): exit 1.
    Io {
        what: String,
        source: std::io::Error,
    },
    /// Output could not be produced (a `--jq` filter failed on an item): exit 1.
    Output(String),
    /// Ctrl-C.
    Interrupted,
    /// `nxcdp doctor`: a check failed (the report says which); exits with that check's code.
    Checks(u8),
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            Error::Api { code, .. } if is_auth_code(*code) => 3,
            Error::Api { .. } | Error::NotFound(_) | Error::Rejected(_) => 4,
            Error::Network(_) | Error::Malformed(_) => 5,
            Error::Io { .. } | Error::Output(_) | Error::Interrupted => 1,
            Error::Checks(code) => *code,
        }
    }
}

/// 1001, 1003, 1004 and 1005 say the credentials or the signature are wrong; so do HTTP 401
/// and 403 without an API code, whose status stands for the code.
pub fn is_auth_code(code: i64) -> bool {
    ApiCode::from_code(code).is_some_and(ApiCode::is_auth) || matches!(code, 401 | 403)
}

/// What to check, per API.md section 4.
fn hint(code: i64) -> &'static str {
    match code {
        401 | 403 => "check the access key and the access secret (--access-secret-file, NXCDP_ACCESS_SECRET or the profile), and that --base-url or --region is the API's",
        _ => ApiCode::from_code(code).map_or(
            "see the message above; --verbose shows the request",
            ApiCode::hint,
        ),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) => f.write_str(m),
            Error::Api {
                code,
                message,
                trace_id,
                status,
            } => {
                let message = server_text(message);
                write!(f, "API error {code}: {message} (HTTP {status}")?;
                if let Some(t) = trace_id {
                    write!(f, ", traceId {}", server_text(t))?;
                }
                write!(f, ")\nhint: {}", hint(*code))
            }
            Error::Network(m) => write!(f, "network error: {m}"),
            Error::Malformed(m) => write!(f, "unexpected response: {m}"),
            // The cause follows in the error's chain (`{:#}`).
            Error::Io { what, .. } => f.write_str(what),
            Error::Output(m) | Error::NotFound(m) | Error::Rejected(m) => f.write_str(m),
            Error::Interrupted => f.write_str("interrupted"),
            Error::Checks(_) => f.write_str("a check failed; see the report above"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The exit code for any failure: [`Error::exit_code`], else 1.
pub fn exit_code(e: &anyhow::Error) -> u8 {
    e.chain()
        .find_map(|c| c.downcast_ref::<Error>())
        .map_or(1, Error::exit_code)
}

/// Whether the failure is a reader that stopped reading (`| head`): a normal way to finish.
/// The one place that decides it, whatever wrapped the `EPIPE` (csv, an export, a formatter).
pub fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<csv::Error>().is_some_and(|csv| {
                matches!(csv.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}

/// Writes a line on stderr, as `eprintln!` would, but never panics when stderr is closed or full
/// (a reader that left, `2>/dev/full`): a message that cannot be shown is no reason to fail.
/// Every line is escaped as [`escape_control`] escapes, so no text nxcdp prints there, local or
/// from a server, can act on a terminal.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::error::say(format_args!($($arg)*))
    };
}

/// The function behind [`say!`].
pub fn say(args: fmt::Arguments) {
    use std::io::Write;
    let text = args.to_string();
    let lines: Vec<std::borrow::Cow<str>> = text.split('\n').map(escape_control).collect();
    let _ = writeln!(std::io::stderr().lock(), "{}", lines.join("\n"));
}

/// How much of one piece of server text (a message, a trace id, an excerpt) reaches stderr.
pub const SERVER_TEXT_CHARS: usize = 300;

/// Server text made safe for a terminal: escaped as [`escape_control`] does, and cut to
/// [`SERVER_TEXT_CHARS`] characters. Everything a server sends goes through this before it is
/// printed to stderr: API messages and trace ids, `-v` lines, excerpts of bodies.
pub fn server_text(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(SERVER_TEXT_CHARS).collect();
    let rest = chars.count();
    let mut out = escape_control(&head).into_owned();
    if rest > 0 {
        out.push_str(&format!("… ({rest} more characters)"));
    }
    out
}

/// A short, printable excerpt of a response body.
pub fn excerpt(body: &[u8]) -> String {
    if body.is_empty() {
        return "(empty body)".into();
    }
    server_text(&String::from_utf8_lossy(body))
}

/// Characters that change how a terminal shows what follows: control characters (ESC, BEL, CR,
/// ...), bidirectional overrides, isolates and marks, and the Unicode line and paragraph
/// separators.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The candidate nearest to `name` (whatever their case and spaces around them), if one is
/// near enough to be what was meant: the `did you mean` of a message. Of equals, the first.
pub fn near<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name = name.trim().to_lowercase();
    let mut best = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(&candidate.trim().to_lowercase(), &name);
        if score > 0.85 && best.is_none_or(|(_, s)| score > s) {
            best = Some((candidate, score));
        }
    }
    best.map(|(candidate, _)| candidate)
}

/// Data is never terminal commands: control characters, bidi overrides and line separators
/// become visible escapes. Text without them is borrowed, not copied.
pub fn escape_control(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' => "\\n".to_string(),
                '\r' => "\\r".to_string(),
                '\t' => "\\t".to_string(),
                c if is_unsafe(c) => c.escape_unicode().to_string(),
                c => c.to_string(),
            })
            .collect(),
    )
}

/// JSON text as it may meet a terminal: the characters [`escape_control`] escapes become JSON's
/// `\uXXXX`, so the text still reads as the same JSON (valid JSON holds them only inside
/// strings). Line breaks and tabs stay: outside strings they are JSON's whitespace.
pub fn json_for_terminal(json: &str) -> std::borrow::Cow<'_, str> {
    use std::fmt::Write;
    let unsafe_here = |c: char| is_unsafe(c) && !matches!(c, '\n' | '\r' | '\t');
    if !json.chars().any(unsafe_here) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match unsafe_here(c) {
            true => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            false => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A local path or name (a file, a profile) as it may be printed: as it is when every character
/// is safe; otherwise quoted as a shell's `$'...'`, so that it can be pasted back, with the
/// characters [`escape_control`] escapes and the bytes that are not UTF-8 written as `\xNN`,
/// `\uNNNN` or `\n`. The same rule as for server text: a file name cannot repaint the terminal.
pub fn shown(text: impl AsRef<std::ffi::OsStr>) -> String {
    use std::fmt::Write;
    let bytes = text.as_ref().as_encoded_bytes();
    if let Ok(plain) = std::str::from_utf8(bytes) {
        if !plain.chars().any(is_unsafe) {
            return plain.to_string();
        }
    }
    let mut out = String::from("$'");
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\'' => out.push_str("\\'"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if is_unsafe(c) && (c as u32) < 0x80 => {
                    let _ = write!(out, "\\x{:02x}", c as u32);
                }
                c if is_unsafe(c) => {
                    let _ = write!(out, "\\u{:04x}", c as u32);
                }
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    out.push('\'');
    out
}

/// The URL as it may be printed: a password in it becomes `***`, and control characters are
/// escaped as in server text (a URL from the environment is text nxcdp did not write).
/// A user name alone (`https://TOKEN@host`) may be a token too: it becomes `***`. A URL that
/// does not parse is masked by its text: whatever stands before an `@` in its authority.
pub fn masked_url(url: &str) -> std::borrow::Cow<'_, str> {
    match masked(url) {
        std::borrow::Cow::Borrowed(text) => escape_control(text),
        std::borrow::Cow::Owned(text) => {
            std::borrow::Cow::Owned(escape_control(&text).into_owned())
        }
    }
}

/// The URL with its password (or token) masked, its other characters as they are.
fn masked(url: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    match reqwest::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            Cow::Owned(parsed.to_string())
        }
        Ok(mut parsed) if !parsed.username().is_empty() => {
            let _ = parsed.set_username("***");
            Cow::Owned(parsed.to_string())
        }
        Ok(_) => Cow::Borrowed(url),
        Err(_) => {
            let start = url.find("://").map_or(0, |i| i + 3);
            let authority = url[start..]
                .split(['/', '?', '#'])
                .next()
                .unwrap_or_default();
            match authority.rfind('@') {
                Some(at) => Cow::Owned(format!("{}***{}", &url[..start], &url[start + at..])),
                None => Cow::Borrowed(url),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        for (text, shown) in [
            ("\u{1b}[31mRed\u{7}\nx\ty", "\\u{1b}[31mRed\\u{7}\\nx\\ty"),
            ("牛小信", "牛小信"),
            ("a\u{202E}b\u{2028}", "a\\u{202e}b\\u{2028}"),
            ("\u{200F}\u{061C}", "\\u{200f}\\u{61c}"),
        ] {
            assert_eq!(escape_control(text), shown);
        }
    }

    #[test]
    fn server_text_is_escaped_and_capped() {
        let long = format!("\u{1b}]52;c;{}\u{7}", "x".repeat(5000));
        let safe = server_text(&long);
        assert!(!safe.contains('\u{1b}') && !safe.contains('\u{7}'));
        assert!(
            safe.chars().count() < SERVER_TEXT_CHARS + 40,
            "{}",
            safe.len()
        );
        assert!(safe.ends_with("more characters)"));
        assert_eq!(excerpt(b""), "(empty body)");
    }

    #[test]
    fn json_on_a_terminal_escapes_what_a_terminal_would_act_on() {
        let json = "{\"n\":\"a\u{9b}31m\u{202e}b\u{2028}\"}\n";
        assert_eq!(
            json_for_terminal(json),
            "{\"n\":\"a\\u009b31m\\u202eb\\u2028\"}\n"
        );
        let back: serde_json::Value = serde_json::from_str(&json_for_terminal(json)).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(json).unwrap()
        );
        assert!(matches!(
            json_for_terminal("[1,\n2]"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn local_names_are_shown_as_a_shell_can_take_them_back() {
        assert_eq!(shown("out/customers.csv"), "out/customers.csv");
        assert_eq!(shown("牛 小信.csv"), "牛 小信.csv");
        assert_eq!(
            shown("w\u{1b}]0;TITLE\u{7}\n'.jsonl"),
            "$'w\\x1b]0;TITLE\\x07\\n\\'.jsonl'"
        );
        assert_eq!(shown("a\u{202e}b\\"), "$'a\\u202eb\\\\'");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let name = std::ffi::OsStr::from_bytes(b"caf\xe9.csv");
            assert_eq!(shown(name), "$'caf\\xe9.csv'");
        }
    }

    #[test]
    fn passwords_in_urls_are_masked() {
        for (url, shown) in [
            (
                "https://user:pa55@h:1/gw/saas?x=1",
                "https://user:***@h:1/gw/saas?x=1",
            ),
            ("http://h/gw", "http://h/gw"),
            ("http://TOKEN@h/gw", "http://***@h/gw"),
            (
                "http://u:PW9@127.0.0.1:99999/",
                "http://***@127.0.0.1:99999/",
            ),
            ("http://u:PW9@[::1", "http://***@[::1"),
            ("http://u:PW9@", "http://***@"),
            ("http://h:1/\u{1b}]0;T\u{7}", "http://h:1/\\u{1b}]0;T\\u{7}"),
        ] {
            assert_eq!(masked_url(url), shown);
        }
    }
}
