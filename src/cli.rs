//! The argument groups that several commands share: how to reach the API, filters, paging and
//! output. Every flag is documented here or in its command's file under `commands/`, so `--help`,
//! the man pages and the shell completions come from one place.

use crate::region::Region;
use crate::sign::Algorithm;
use crate::wire::TagsLogic;
use clap::{ArgAction, Args, ValueEnum, ValueHint};
use std::path::PathBuf;

/// Where requests go and who signs them. Each value comes from the flag, else the environment
/// variable, else the profile in the config file.
#[derive(Args, Debug, Clone, Default)]
#[command(next_help_heading = "Connection")]
pub struct Connection {
    /// API base URL; beats --region [env: NXCDP_BASE_URL] [default: the region's]
    #[arg(long, global = true, value_name = "URL", value_hint = ValueHint::Url)]
    pub base_url: Option<String>,
    /// API region, which sets the base URL [env: NXCDP_REGION] [default: default]
    #[arg(
        long,
        global = true,
        value_enum,
        ignore_case = true,
        value_name = "REGION"
    )]
    pub region: Option<Region>,
    /// Also trust this CA certificate (PEM), e.g. your company's [env: NXCDP_CA_CERT]
    #[arg(long, global = true, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub ca_cert: Option<PathBuf>,
    /// Access key [env: NXCDP_ACCESS_KEY]
    #[arg(long, global = true, value_name = "KEY")]
    pub access_key: Option<String>,
    /// Access secret; visible to other processes, prefer the environment or a file [env: NXCDP_ACCESS_SECRET]
    #[arg(long, global = true, value_name = "SECRET")]
    pub access_secret: Option<String>,
    /// Read the access secret from this file ("-" for stdin)
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        conflicts_with = "access_secret"
    )]
    pub access_secret_file: Option<PathBuf>,
    /// Tenant id [env: NXCDP_TENANT_ID]
    #[arg(long, global = true, value_name = "ID", value_parser = id)]
    pub tenant_id: Option<i64>,
    /// App key [env: NXCDP_APP_KEY]
    #[arg(long, global = true, value_name = "KEY")]
    pub app_key: Option<String>,
}

/// How requests are sent, for the commands that send them.
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Requests")]
pub struct RequestArgs {
    /// Start the built-in sandbox in-process and point nxcdp at it (no account needed)
    #[arg(long, global = true)]
    pub sandbox: bool,
    /// Hash for the request signature
    #[arg(long, global = true, value_enum, ignore_case = true, default_value_t = Algorithm::Md5)]
    pub sign_algorithm: Algorithm,
    /// Seconds to wait for each response
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 30,
          value_parser = number::<u64>(1, u64::MAX))]
    pub timeout: u64,
    /// Retries of a request after a network error, a timeout or HTTP 5xx; waiting out a 429 or a
    /// Retry-After spends none
    #[arg(long, global = true, value_name = "N", default_value_t = 3,
          value_parser = number::<u32>(0, u64::from(u32::MAX)))]
    pub retries: u32,
    /// At most N requests per second, for all requests of the run together (your quota)
    #[arg(long, global = true, value_name = "N", value_parser = positive_rate)]
    pub rate: Option<f64>,
    /// Print each request and response to stderr; twice adds headers and bodies
    #[arg(short, long, global = true, action = ArgAction::Count)]
    pub verbose: u8,
    /// Print the first request (method, URL, headers with `sign`, body) instead of sending it
    #[arg(long, global = true)]
    pub dry_run: bool,
    /// Print the first request as a curl command line instead of sending it
    #[arg(long, global = true, conflicts_with = "dry_run")]
    pub curl: bool,
    #[command(flatten)]
    pub connection: Connection,
}

/// One flag per body key of API.md section 1.
#[derive(Args, Debug, Clone, Default)]
#[command(next_help_heading = "Filters")]
pub struct Filters {
    /// Created at or after: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339
    #[arg(long, value_name = "TIME", value_parser = crate::time::parse_time)]
    pub start_time: Option<String>,
    /// Created before: YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339
    #[arg(long, value_name = "TIME", value_parser = crate::time::parse_time)]
    pub end_time: Option<String>,
    /// Created within this long before now: 30m, 12h, 7d, 2w, 1y
    #[arg(long, value_name = "DURATION", conflicts_with = "start_time", value_parser = since)]
    pub since: Option<Since>,
    /// Has this tag, by name (repeatable)
    #[arg(long, value_name = "NAME", value_parser = non_empty)]
    pub tag: Vec<String>,
    /// Has this tag, by id (repeatable)
    #[arg(long, value_name = "ID", value_parser = tag_id)]
    pub tag_id: Vec<i64>,
    /// Ever had this tag, by name (repeatable)
    #[arg(long, value_name = "NAME", value_parser = non_empty)]
    pub his_tag: Vec<String>,
    /// Ever had this tag, by id (repeatable)
    #[arg(long, value_name = "ID", value_parser = tag_id)]
    pub his_tag_id: Vec<i64>,
    /// How several tags combine [default: the server's]
    #[arg(long, value_enum, ignore_case = true, value_name = "LOGIC")]
    pub tags_logic: Option<TagsLogic>,
    /// Where the customer came from: 0 to 15, or one of these names
    #[arg(long, value_name = "TYPE", value_parser = SOURCE_TYPES)]
    pub source_type: Option<u8>,
    /// Name contains this text
    #[arg(long, value_parser = non_empty)]
    pub name: Option<String>,
    /// Source channel key
    #[arg(long, value_name = "KEY", value_parser = non_empty)]
    pub source_channel_key: Option<String>,
    /// SMS phone: digits with country code, e.g. 8618593272678
    #[arg(long, value_name = "PHONE", value_parser = phone)]
    pub sms_phone: Option<String>,
    /// WhatsApp phone: digits with country code
    #[arg(long, value_name = "PHONE", value_parser = phone)]
    pub whatsapp_phone: Option<String>,
    /// Email address
    #[arg(long, value_parser = non_empty)]
    pub email: Option<String>,
    /// Viber phone: digits with country code
    #[arg(long, value_name = "PHONE", value_parser = phone)]
    pub viber_phone: Option<String>,
}

impl Filters {
    /// The columns these filters constrain: a table keeps them however narrow the terminal.
    pub fn columns(&self) -> Vec<&'static str> {
        let tags = !(self.tag.is_empty()
            && self.tag_id.is_empty()
            && self.his_tag.is_empty()
            && self.his_tag_id.is_empty());
        let times = self.start_time.is_some() || self.end_time.is_some() || self.since.is_some();
        [
            ("tags", tags),
            ("created_at", times),
            ("full_name", self.name.is_some()),
            ("source_type", self.source_type.is_some()),
            ("source_channel_key", self.source_channel_key.is_some()),
            ("sms_phone", self.sms_phone.is_some()),
            ("whatsApp_phone", self.whatsapp_phone.is_some()),
            ("viber_phone", self.viber_phone.is_some()),
            ("email", self.email.is_some()),
        ]
        .into_iter()
        .filter_map(|(column, filtered)| filtered.then_some(column))
        .collect()
    }
}

#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Paging")]
pub struct PagingArgs {
    /// How many customers to print in all
    #[arg(long, value_name = "N", default_value_t = 50, conflicts_with = "all",
          value_parser = number::<u64>(1, u64::MAX))]
    pub limit: u64,
    /// Walk every page to the end
    #[arg(long)]
    pub all: bool,
    /// Customers per request, 1 to 50
    #[arg(long, value_name = "N", default_value_t = 50,
          value_parser = number::<u32>(1, 50))]
    pub page_size: u32,
    /// Start after this customer id (older customers; continues a listing)
    #[arg(long, value_name = "ID", conflicts_with = "before", value_parser = id)]
    pub after: Option<i64>,
    /// Walk backwards: customers newer than this id, page by page
    #[arg(long, value_name = "ID", value_parser = id)]
    pub before: Option<i64>,
    #[command(flatten)]
    pub parallel: ParallelArgs,
}

/// `--parallel`: several cursors at once, for `--all` queries and exports.
#[derive(Args, Debug, Clone)]
pub struct ParallelArgs {
    /// Walk N cursors at once over windows of ids (every customer once; order given up)
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = number::<u32>(1, 64))]
    pub parallel: u32,
    /// With --parallel, print newest first as without it (later windows wait in memory)
    #[arg(long)]
    pub sorted: bool,
}

#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// Output format [default: table, or jsonl with --jq]
    #[arg(short, long, value_enum, ignore_case = true)]
    pub output: Option<Format>,
    /// Filter each item with a jq expression (embedded; ids stay exact); with -o json, the array
    #[arg(long, value_name = "EXPR")]
    pub jq: Option<String>,
    #[command(flatten)]
    pub shape: Shape,
}

/// What goes into each row or object, for printed output and exported files alike.
#[derive(Args, Debug, Clone, Default)]
pub struct Shape {
    /// Columns of table and csv, keys of json and jsonl, in this order: id,full_name,email,...
    #[arg(long, value_name = "NAMES", value_delimiter = ',',
          value_parser = column_names(|| names(crate::customer::FIELDS)), hide_possible_values = true)]
    pub columns: Vec<String>,
    /// Keep customize_field as the API's JSON string in table and csv
    #[arg(long)]
    pub raw_custom_fields: bool,
    /// Write 64-bit ids as JSON strings (for jq 1.6, JavaScript, spreadsheets)
    #[arg(long)]
    pub ids_as_strings: bool,
    /// In csv, neutralize cells a spreadsheet would run as formulas (=, +, -, @, tab, CR)
    #[arg(long)]
    pub csv_safe: bool,
    /// In csv, start with the UTF-8 byte order mark, which Excel needs to show CJK text
    #[arg(long)]
    pub bom: bool,
    /// Head custom-field columns with their English or Chinese label, or their key
    /// [default: zh when the locale is Chinese, else en]
    #[arg(long, value_enum, ignore_case = true, value_name = "LANG")]
    pub field_labels: Option<crate::customer::Labels>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table fitted to the terminal (the columns that fit, by importance), tab-separated text
    /// when stdout is not a terminal
    Table,
    /// The table with none of its columns left out and every cell whole, lines as long as they
    /// need; piped, as table
    Wide,
    /// RFC 4180 CSV with every documented field
    Csv,
    /// An Excel workbook: ids and phones as text, times as dates, numbers as numbers (to a file
    /// or a pipe, never a terminal)
    Xlsx,
    /// Apache Parquet: typed columns (ids exact, times as timestamps, tags as a list) for
    /// DuckDB, Polars, pandas or Spark (to a file or a pipe, never a terminal)
    Parquet,
    /// One JSON array
    Json,
    /// One JSON object per line
    Jsonl,
}

impl Format {
    /// A file's format by its extension, what an import of it will take it for: `.jsonl` and
    /// `.ndjson` are JSON lines, `.xlsx`, `.parquet` and `.json` theirs, anything else CSV.
    pub fn of_file(path: &std::path::Path) -> Format {
        let extension = path.extension().and_then(|e| e.to_str());
        match extension.map(str::to_ascii_lowercase).as_deref() {
            Some("jsonl" | "ndjson") => Format::Jsonl,
            Some("xlsx") => Format::Xlsx,
            Some("parquet") => Format::Parquet,
            Some("json") => Format::Json,
            _ => Format::Csv,
        }
    }

    /// The name `-o` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Wide => "wide",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Parquet => "parquet",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
        }
    }
}

/// A value parser that also lists the values it knows, so that `--help` and the shell
/// completions offer them; what it accepts is `parse`'s to decide.
#[derive(Clone, Copy, Debug)]
pub struct Offered<P> {
    pub parse: P,
    pub values: fn() -> Vec<clap::builder::PossibleValue>,
}

impl<P: clap::builder::TypedValueParser> clap::builder::TypedValueParser for Offered<P> {
    type Value = P::Value;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<P::Value, clap::Error> {
        self.parse.parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new((self.values)().into_iter()))
    }
}

/// A parser written as a plain function.
pub type ParseFn<T> = fn(&str) -> Result<T, String>;

/// `--source-type`: a number or a name ([`crate::customer::parse_source_type`]); the names are
/// offered.
pub const SOURCE_TYPES: Offered<ParseFn<u8>> = Offered {
    parse: crate::customer::parse_source_type,
    values: || {
        let names = crate::customer::SOURCE_TYPES.iter();
        let names = names.map(|(n, name, about)| {
            clap::builder::PossibleValue::new(*name).help(format!("{n}: {about}"))
        });
        names.collect()
    },
};

/// `--columns` names: any passes here (custom fields are `customize_...`; the output spec checks
/// them); the known ones are offered.
pub fn column_names(
    values: fn() -> Vec<clap::builder::PossibleValue>,
) -> Offered<clap::builder::StringValueParser> {
    Offered {
        parse: clap::builder::StringValueParser::new(),
        values,
    }
}

/// The possible values of a list of names.
pub fn names(list: &'static [&'static str]) -> Vec<clap::builder::PossibleValue> {
    list.iter()
        .map(|n| clap::builder::PossibleValue::new(*n))
        .collect()
}

fn positive_rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(r) if (0.01..=100_000.0).contains(&r) => Ok(r),
        _ => Err(format!(
            "{text:?} is not a rate: use requests per second from 0.01 to 100000"
        )),
    }
}

/// A whole number from `least` to `most`, refused in words: "a whole number from 1 to 50", "a
/// positive whole number" (clap's own ranges print Rust's `1..=50`).
pub fn number<T: TryFrom<u64> + Clone + Send + Sync + 'static>(
    least: u64,
    most: u64,
) -> impl Fn(&str) -> Result<T, String> + Clone + Send + Sync + 'static {
    move |text: &str| {
        let wanted = match (least, most) {
            (1, u64::MAX) => "a positive whole number".to_string(),
            (least, u64::MAX) => format!("a whole number of at least {least}"),
            (least, most) => format!("a whole number from {least} to {most}"),
        };
        text.trim()
            .parse::<u64>()
            .ok()
            .filter(|n| (least..=most).contains(n))
            .and_then(|n| T::try_from(n).ok())
            .ok_or_else(|| format!("expected {wanted}, got {text:?}"))
    }
}

/// An id (a customer's, a tenant's): a whole number from 0 to 2^63 - 1, refused in words.
pub fn id(text: &str) -> Result<i64, String> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .ok_or_else(|| {
            format!(
                "expected an id, a whole number from 0 to {}, got {text:?}",
                i64::MAX
            )
        })
}

/// `--since` as typed and as the time it meant when it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Since {
    /// `7d`, as typed: an export's state keeps it, to reuse the time on `--resume`.
    pub text: String,
    /// `YYYY-MM-DD HH:MM:SS`, counted back from when the command started.
    pub time: String,
}

fn since(text: &str) -> Result<Since, String> {
    Ok(Since {
        text: text.trim().to_string(),
        time: crate::time::parse_since(text)?,
    })
}

fn non_empty(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        Err("must not be empty".into())
    } else {
        Ok(text.to_string())
    }
}

/// Tag ids are positive, as customer ids are.
fn tag_id(text: &str) -> Result<i64, String> {
    match text.trim().parse::<i64>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(format!(
            "{text:?} is not a tag id (a positive integer, such as 1001)"
        )),
    }
}

/// Phones are digits with the country code; a leading `+` is dropped.
fn phone(text: &str) -> Result<String, String> {
    let digits = text.trim().trim_start_matches('+');
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(digits.to_string())
    } else {
        Err(format!(
            "{text:?} is not a phone number: use digits with the country code, e.g. 8618593272678"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_digits_with_the_country_code() {
        assert_eq!(phone(" +8618593272678"), Ok("8618593272678".into()));
        assert!(phone("86-185").is_err() && phone("+").is_err());
        assert!(non_empty("  ").is_err());
        assert_eq!(tag_id("7"), Ok(7));
        for bad in ["0", "-3", "x", "99999999999999999999"] {
            assert!(tag_id(bad).is_err(), "{bad}");
        }
    }
}
