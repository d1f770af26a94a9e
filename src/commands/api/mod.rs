//! `nxcdp api`: a signed request to any NXCloud endpoint, as `gh api` does for GitHub. The
//! signing, retries, pace, `-v`, `--dry-run` and `--curl` are the client's, as for every command;
//! this file turns the arguments into a method, a path and body bytes, and prints the answer.

mod body;

use super::{Context, Session};
use crate::cli::RequestArgs;
use crate::error::escape_control;
use crate::error::Error;
use crate::output::Terminal;
use crate::transport::{url_encode, Client, Prepared};
use crate::wire;
use anyhow::Result;
use clap::{Args, ValueEnum, ValueHint};
use serde_json::value::RawValue;
use std::io::Write;
use std::path::PathBuf;

pub const EXAMPLES: &str = "\
Examples:
  nxcdp api -X GET /saas/cdp/openapi/customers/fields -f tenant_id={tenant_id} -f app_key={app_key}
  nxcdp api /saas/cdp/openapi/customers/query -F tenant_id={tenant_id} -f app_key={app_key} -F limit=2
  nxcdp api /saas/cdp/openapi/customers/batch_create --input customers.json
  nxcdp api /openapi/agent/chat --biz-type 100 --action nxai -f question=hello --dry-run

Guide: docs/api-command.md (in the source and in each release archive)";

#[derive(Args, Debug)]
pub struct ApiArgs {
    /// The endpoint's path under the base URL, e.g. /saas/cdp/openapi/customers/fields;
    /// {tenant_id} and {app_key} are replaced by the configured values
    #[arg(value_name = "PATH")]
    pub path: String,
    /// HTTP method [default: POST with fields or --input, else GET]
    #[arg(
        short = 'X',
        long,
        value_enum,
        ignore_case = true,
        value_name = "METHOD"
    )]
    pub method: Option<Method>,
    /// A string field, KEY=VALUE: a key of the JSON body, or of the query string of a GET
    /// (repeatable). A VALUE that is exactly {tenant_id} or {app_key} is the configured value with
    /// its type (a number, a string), with -f and -F alike; inside a longer value, its text
    #[arg(short = 'f', long = "raw-field", value_name = "KEY=VALUE", value_parser = key_value)]
    pub raw_fields: Vec<(String, String)>,
    /// A typed field, KEY=JSON: 2, true, null, [1,2], {"a":1}, "text" (repeatable; after the -f
    /// fields in the body)
    #[arg(short = 'F', long = "field", value_name = "KEY=JSON", value_parser = key_value)]
    pub fields: Vec<(String, String)>,
    /// The request body, sent and signed byte for byte: a file, or - for stdin (fields then go
    /// to the query string)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub input: Option<PathBuf>,
    /// The product's bizType header, digits (2: the CDP; see the vendor's API pages for others)
    #[arg(long, value_name = "N", default_value = wire::CDP_BIZ_TYPE, value_parser = digits)]
    pub biz_type: String,
    /// The product's action header (mt: the CDP)
    #[arg(long, value_name = "NAME", default_value = wire::CDP_ACTION, value_parser = token)]
    pub action: String,
    /// An extra header, "Name: value" (repeatable); the signed headers are nxcdp's
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE", value_parser = header)]
    pub headers: Vec<(String, String)>,
    #[command(flatten)]
    pub request: RequestArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Method {
    #[value(name = "GET")]
    Get,
    #[value(name = "POST")]
    Post,
    #[value(name = "PUT")]
    Put,
    #[value(name = "PATCH")]
    Patch,
    #[value(name = "DELETE")]
    Delete,
}

impl Method {
    fn http(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        }
    }
}

/// One field with its value as JSON text (a `-f` string already quoted).
struct Field {
    key: String,
    json: Box<RawValue>,
}

/// The request, ready to sign: what the arguments mean once the target is known.
struct Request {
    method: reqwest::Method,
    path_and_query: String,
    body: Vec<u8>,
}

pub fn run(ctx: &Context, args: &ApiArgs, out: &mut dyn Write, terminal: Terminal) -> Result<()> {
    check_path(&args.path)?;
    if let (Some(Method::Get), Some(_)) = (args.method, &args.input) {
        return Err(Error::Usage("--input sends a body: not with --method GET".into()).into());
    }
    let secret_file = args.request.connection.access_secret_file.as_deref();
    crate::config::one_stdin_reader(&[
        ("--input -", crate::config::is_stdin(args.input.as_deref())),
        (
            "--access-secret-file -",
            crate::config::is_stdin(secret_file),
        ),
    ])?;
    let input = args.input.as_deref().map(read_input).transpose()?;
    let session = Session::open(ctx, 1)?;
    let request = build(args, input, session.client.target())?;
    let prepare = |client: &Client| -> Prepared {
        let mut prepared = client.prepare_with(
            (&args.biz_type, &args.action),
            request.method.clone(),
            &request.path_and_query,
            request.body.clone(),
        );
        for (name, value) in &args.headers {
            prepared.set_header(name, value);
        }
        prepared
    };
    if session.show_request(ctx, out, prepare)? {
        return Ok(());
    }
    let client = &session.client;
    let answer = session
        .runtime
        .block_on(client.send_raw(|| prepare(client)))?;
    body::print(&answer.body, terminal, out)?;
    out.flush()?;
    session.runtime.shutdown_background();
    match answer.verdict {
        Some(error) => Err(error.into()),
        None => Ok(()),
    }
}

/// The method, path and body: fields go to the body, or to the query string of a GET and when
/// `--input` is the body.
fn build(
    args: &ApiArgs,
    input: Option<Vec<u8>>,
    target: &crate::config::Target,
) -> Result<Request, Error> {
    let tenant_id = target.tenant_id.to_string();
    let fill = |text: &str, encode: bool| {
        let app_key = match encode {
            true => url_encode(&target.app_key),
            false => target.app_key.clone(),
        };
        text.replace("{tenant_id}", &tenant_id)
            .replace("{app_key}", &app_key)
    };
    // A value that is a placeholder alone is the configured value, typed as the API takes it.
    let typed = |value: &str| match value.trim() {
        "{tenant_id}" => RawValue::from_string(tenant_id.clone()).ok(),
        "{app_key}" => serde_json::value::to_raw_value(&target.app_key).ok(),
        _ => None,
    };
    let mut fields = Vec::new();
    for (key, value) in &args.raw_fields {
        let json = match typed(value) {
            Some(json) => json,
            None => serde_json::value::to_raw_value(&fill(value, false))
                .map_err(|e| Error::Usage(format!("-f {}: {e}", escape_control(key))))?,
        };
        fields.push(Field {
            key: key.clone(),
            json,
        });
    }
    for (key, value) in &args.fields {
        if let Some(json) = typed(value) {
            fields.push(Field {
                key: key.clone(),
                json,
            });
            continue;
        }
        let text = fill(value, false);
        let json = serde_json::from_str::<Box<RawValue>>(text.trim()).map_err(|e| {
            Error::Usage(format!(
                "-F {}={}: not a JSON value ({e}); a string needs quotes, or use -f",
                escape_control(key),
                escape_control(&text)
            ))
        })?;
        fields.push(Field {
            key: key.clone(),
            json,
        });
    }
    for (i, field) in fields.iter().enumerate() {
        if fields[..i].iter().any(|f| f.key == field.key) {
            return Err(Error::Usage(format!(
                "field {:?} is given twice",
                field.key
            )));
        }
    }
    let has_body = input.is_some() || !fields.is_empty();
    let method = args
        .method
        .unwrap_or(if has_body { Method::Post } else { Method::Get });
    let mut path_and_query = fill(&args.path, true);
    let (body, query) = match (input, method) {
        (Some(bytes), _) => (bytes, fields),
        (None, Method::Get | Method::Delete) if fields.is_empty() => (Vec::new(), fields),
        (None, Method::Get) => (Vec::new(), fields),
        // The API's POST, PUT and PATCH take a JSON object: `{}` when no field is given.
        (None, _) => (json_object(&fields), Vec::new()),
    };
    for field in &query {
        let separator = if path_and_query.contains('?') {
            '&'
        } else {
            '?'
        };
        let value = query_value(&field.json);
        path_and_query.push_str(&format!(
            "{separator}{}={}",
            url_encode(&field.key),
            url_encode(&value)
        ));
    }
    // What an HTTP request line can carry (http's limit for a URI).
    const MAX_URL: usize = 65534;
    let length = target.base_url.len() + path_and_query.len();
    if length > MAX_URL {
        return Err(Error::Usage(format!(
            "the URL would be {length} characters long; at most {MAX_URL} can be sent: put \
             long values in the body (-X POST, or --input)"
        )));
    }
    Ok(Request {
        method: method.http(),
        path_and_query,
        body,
    })
}

/// `{"key":value,...}` in the order given, each value's JSON text as it is.
fn json_object(fields: &[Field]) -> Vec<u8> {
    let mut body = String::from("{");
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        // A string always serializes.
        body.push_str(&serde_json::to_string(&field.key).unwrap_or_default());
        body.push(':');
        body.push_str(field.json.get());
    }
    body.push('}');
    body.into_bytes()
}

/// A field in a query string: a JSON string's text, any other value's JSON.
fn query_value(json: &RawValue) -> String {
    serde_json::from_str::<String>(json.get()).unwrap_or_else(|_| json.get().to_string())
}

/// `--input`: a file of a few MiB, or stdin.
fn read_input(path: &std::path::Path) -> Result<Vec<u8>, Error> {
    match path.as_os_str() == "-" {
        true => crate::config::read_stdin("--input"),
        false => crate::config::read_small(path, "--input"),
    }
}

fn check_path(path: &str) -> Result<(), Error> {
    if path.starts_with("http://") || path.starts_with("https://") {
        return Err(Error::Usage(format!(
            "PATH is a path under the base URL, not a URL: {path:?}; choose the host with \
             --region or --base-url"
        )));
    }
    if !path.starts_with('/') || path.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::Usage(format!(
            "PATH must start with / and hold no spaces, e.g. /saas/cdp/openapi/customers/fields; got {path:?}"
        )));
    }
    // `..` would climb out of the base URL's own path (a gateway's prefix).
    let segments = path.split(['?', '#']).next().unwrap_or_default().split('/');
    if segments.into_iter().any(|s| s == ".." || s == ".") {
        return Err(Error::Usage(format!(
            "PATH must not hold . or .. segments: it is appended to the base URL as it is; got {path:?}"
        )));
    }
    Ok(())
}

/// `-f`/`-F`: KEY=VALUE with a non-empty key.
fn key_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_string(), value.to_string())),
        _ => Err(format!("expected KEY=VALUE, got {text:?}")),
    }
}

/// `--action`: it is signed as `name=value&...`, so no `&`, `=` or spaces.
fn token(text: &str) -> Result<String, String> {
    let ok = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_graphic() && c != '&' && c != '=');
    match ok {
        true => Ok(text.to_string()),
        false => Err(format!(
            "{text:?}: use letters and digits (no spaces, & or =)"
        )),
    }
}

/// `--biz-type`: the API's product numbers are digits.
fn digits(text: &str) -> Result<String, String> {
    match !text.is_empty() && text.len() <= 18 && text.bytes().all(|b| b.is_ascii_digit()) {
        true => Ok(text.to_string()),
        false => Err(format!(
            "{text:?} is not a bizType: use digits, such as 2 or 100"
        )),
    }
}

/// `-H "Name: value"`: a header name and a value on one line; not one of the signed headers.
fn header(text: &str) -> Result<(String, String), String> {
    let (name, value) = text
        .split_once(':')
        .ok_or_else(|| format!("expected \"Name: value\", got {text:?}"))?;
    let name = name.trim();
    let tchar = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(tchar) {
        return Err(format!("{name:?} is not a header name"));
    }
    if value.chars().any(|c| c.is_control() && c != '\t') {
        return Err(format!(
            "the value of {name} holds a line break or control character"
        ));
    }
    let signed = [
        wire::ACCESS_KEY,
        wire::TS,
        wire::BIZ_TYPE,
        wire::ACTION,
        wire::SIGN,
        wire::ALGORITHM,
    ];
    if signed.iter().any(|s| s.eq_ignore_ascii_case(name)) {
        return Err(format!(
            "{name} is set by nxcdp when it signs (see --biz-type, --action, --sign-algorithm)"
        ));
    }
    // The HTTP framing is the client's: another length or host would send other bytes than
    // the ones signed, or to another place.
    let framing = ["Content-Length", "Transfer-Encoding", "Host", "Connection"];
    if framing.iter().any(|f| f.eq_ignore_ascii_case(name)) {
        return Err(format!("{name} is set by the HTTP client, not by -H"));
    }
    Ok((name.to_string(), value.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_headers_and_tokens_are_checked() {
        assert_eq!(key_value("a=b=c"), Ok(("a".into(), "b=c".into())));
        assert!(key_value("=x").is_err() && key_value("x").is_err());
        assert_eq!(
            header("X-Trace:  abc "),
            Ok(("X-Trace".into(), "abc".into()))
        );
        assert!(header("sign: 1").is_err() && header("Bad Name: 1").is_err());
        assert!(header("X: a\r\nInjected: 1").is_err());
        assert!(token("100").is_ok() && token("a&b").is_err() && token("").is_err());
        assert!(digits("100").is_ok() && digits("1a").is_err() && digits("").is_err());
        assert!(digits("-2").is_err() && digits("+2").is_err() && digits("２").is_err());
        assert!(check_path("/x?y=1").is_ok());
        assert!(check_path("https://api.nxcloud.com/x").is_err() && check_path("x").is_err());
    }

    #[test]
    fn a_body_is_the_fields_in_order_with_values_as_given() {
        let field = |key: &str, json: &str| Field {
            key: key.into(),
            json: RawValue::from_string(json.into()).unwrap(),
        };
        let body = json_object(&[field("a\"", "\"牛\""), field("id", "1021110718827683841")]);
        assert_eq!(
            String::from_utf8(body).unwrap(),
            r#"{"a\"":"牛","id":1021110718827683841}"#
        );
        assert_eq!(query_value(&field("k", "\"a b\"").json), "a b");
        assert_eq!(query_value(&field("k", "true").json), "true");
    }
}
