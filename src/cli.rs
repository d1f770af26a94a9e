//! The whole argument model. Every flag is documented here, so `--help`, the man page and the
//! shell completions come from one place.

use crate::query::TagsLogic;
use crate::sandbox;
use crate::sign::Algorithm;
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const ABOUT: &str = "Query the customers of an NXCloud CDP tenant";

const EXAMPLES: &str = "\
Examples:
  nxcdp --sandbox customers query --tag vip --limit 5
  nxcdp customers query --all -o jsonl | jq -r .email
  nxcdp customers query --source-type excel-import -o csv > customers.csv
  nxcdp sandbox --port 8080";

#[derive(Parser, Debug)]
#[command(name = "nxcdp", version = env!("NXCDP_LONG_VERSION"), about = ABOUT, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Where to send requests and who signs them. Each value comes from the flag, else the
/// environment variable, else the profile in the config file.
#[derive(Args, Debug, Clone, Default)]
pub struct Global {
    /// Start the built-in sandbox in-process and point nxcdp at it (no account needed)
    #[arg(long, global = true)]
    pub sandbox: bool,
    /// Profile in the config file [env: NXCDP_PROFILE] [default: default]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// API base URL [env: NXCDP_BASE_URL] [default: https://api.nxcloud.com]
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,
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
    #[arg(long, global = true, value_name = "ID")]
    pub tenant_id: Option<i64>,
    /// App key [env: NXCDP_APP_KEY]
    #[arg(long, global = true, value_name = "KEY")]
    pub app_key: Option<String>,
    /// Hash for the request signature
    #[arg(long, global = true, value_enum, default_value_t = Algorithm::Md5)]
    pub sign_algorithm: Algorithm,
    /// Seconds to wait for each response
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
    /// Retries of a request after a network error, a timeout, HTTP 429 or 5xx
    #[arg(long, global = true, value_name = "N", default_value_t = 3)]
    pub retries: u32,
    /// Print each request and response to stderr; twice adds headers and bodies
    #[arg(short, long, global = true, action = ArgAction::Count)]
    pub verbose: u8,
    /// Print no progress, hints or warnings
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print the first request (method, URL, headers with `sign`, body) instead of sending it
    #[arg(long, global = true)]
    pub dry_run: bool,
    /// Print the first request as a curl command line instead of sending it
    #[arg(long, global = true, conflicts_with = "dry_run")]
    pub curl: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Query and export customers
    #[command(subcommand)]
    Customers(CustomersCommand),
    /// Run a local emulator of the CDP API (no account needed)
    #[command(after_help = "\
Examples:
  nxcdp sandbox                       # http://127.0.0.1:8080, 1000 customers
  nxcdp sandbox --port 0 --customers 100000 --seed 7
  nxcdp sandbox --latency-ms 20       # study paging over a slow network")]
    Sandbox(sandbox::Config),
    /// Show and change the config file's profiles
    #[command(
        subcommand,
        after_help = "\
Examples:
  nxcdp config init                        # asks for each value
  nxcdp config set tenant_id 123 --profile staging
  nxcdp config list
  nxcdp config path"
    )]
    Config(ConfigCommand),
    /// Print a shell completion script
    #[command(after_help = "\
Examples:
  nxcdp completions bash > ~/.local/share/bash-completion/completions/nxcdp
  nxcdp completions zsh > \"${fpath[1]}/_nxcdp\"
  nxcdp completions fish > ~/.config/fish/completions/nxcdp.fish")]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    #[command(after_help = "\
Examples:
  nxcdp man | man -l -
  nxcdp man > /usr/local/share/man/man1/nxcdp.1")]
    Man,
}

#[derive(Subcommand, Debug)]
pub enum ConfigCommand {
    /// Print the config file's path
    Path,
    /// Print the profile's values (the secret masked)
    List,
    /// Print one value of the profile
    Get {
        #[arg(value_enum)]
        key: ConfigKey,
    },
    /// Set one value of the profile, creating the file (mode 0600) if needed
    Set {
        #[arg(value_enum)]
        key: ConfigKey,
        value: String,
    },
    /// List the profiles in the file
    Profiles,
    /// Ask for every value of the profile (reads lines from stdin when it is not a terminal)
    Init,
}

/// The keys of a profile, named as in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ConfigKey {
    #[value(name = "base_url")]
    BaseUrl,
    #[value(name = "access_key")]
    AccessKey,
    #[value(name = "access_secret")]
    AccessSecret,
    #[value(name = "tenant_id")]
    TenantId,
    #[value(name = "app_key")]
    AppKey,
}

#[derive(Subcommand, Debug)]
pub enum CustomersCommand {
    /// Query customers by filters, walking every page needed
    #[command(after_help = "\
Examples:
  nxcdp customers query --tag vip --limit 50
  nxcdp customers query --all -o jsonl | jq -r .email
  nxcdp customers query --since 7d --source-type form -o csv > new.csv
  nxcdp customers query --limit 100 --after 1021110718827683840")]
    Query(Box<QueryArgs>),
    /// List the tenant's customer fields, custom fields included
    #[command(after_help = "\
Examples:
  nxcdp customers fields
  nxcdp customers fields --custom -o json
  nxcdp customers fields --jq 'select(.field_type == 4) | .name'")]
    Fields(FieldsArgs),
    /// Export customers to a file that appears only when complete; resumable
    #[command(after_help = "\
Examples:
  nxcdp customers export --file customers.csv
  nxcdp customers export -o jsonl --file vip.jsonl --tag vip
  nxcdp customers export --file customers.csv --resume   # after a failure or Ctrl-C")]
    Export(Box<ExportArgs>),
}

#[derive(Args, Debug, Clone)]
pub struct ExportArgs {
    /// The file to write; it appears only when the last page has arrived
    #[arg(long, value_name = "PATH")]
    pub file: PathBuf,
    /// Continue an export that failed or was interrupted, from PATH.partial
    #[arg(long)]
    pub resume: bool,
    /// Customers per request (1..50)
    #[arg(long, value_name = "N", default_value_t = 50,
          value_parser = clap::value_parser!(u32).range(1..=50))]
    pub page_size: u32,
    #[command(flatten)]
    pub parallel: ParallelArgs,
    /// File format
    #[arg(short, long, value_enum, default_value_t = ExportFormat::Csv)]
    pub output: ExportFormat,
    #[command(flatten)]
    pub shape: Shape,
    // Last: the filters' help heading would otherwise cover the options above.
    #[command(flatten)]
    pub filters: Filters,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Jsonl,
}

impl ExportArgs {
    /// The same choices as output flags, so one check serves `query` and `export`.
    pub fn output_args(&self) -> OutputArgs {
        OutputArgs {
            output: Some(match self.output {
                ExportFormat::Csv => Format::Csv,
                ExportFormat::Jsonl => Format::Jsonl,
            }),
            jq: None,
            shape: self.shape.clone(),
        }
    }
}

#[derive(Args, Debug, Clone)]
pub struct FieldsArgs {
    /// Only the preset fields
    #[arg(long)]
    pub preset: bool,
    /// Only the custom fields
    #[arg(long, conflicts_with = "preset")]
    pub custom: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args, Debug, Clone)]
pub struct QueryArgs {
    #[command(flatten)]
    pub filters: Filters,
    #[command(flatten)]
    pub paging: PagingArgs,
    #[command(flatten)]
    pub output: OutputArgs,
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
    /// Created within this long before now: 30m, 12h, 7d, 2w
    #[arg(long, value_name = "DURATION", conflicts_with = "start_time",
          value_parser = crate::time::parse_since)]
    pub since: Option<String>,
    /// Has this tag, by name (repeatable)
    #[arg(long, value_name = "NAME", value_parser = non_empty)]
    pub tag: Vec<String>,
    /// Has this tag, by id (repeatable)
    #[arg(long, value_name = "ID")]
    pub tag_id: Vec<i64>,
    /// Ever had this tag, by name (repeatable)
    #[arg(long, value_name = "NAME", value_parser = non_empty)]
    pub his_tag: Vec<String>,
    /// Ever had this tag, by id (repeatable)
    #[arg(long, value_name = "ID")]
    pub his_tag_id: Vec<i64>,
    /// How several tags combine [default: the server's]
    #[arg(long, value_enum, value_name = "LOGIC")]
    pub tags_logic: Option<TagsLogic>,
    /// Where the customer came from: 0..15 or a name (excel-import, form, sms-bulk, ...; see README)
    #[arg(long, value_name = "TYPE", value_parser = crate::customer::parse_source_type)]
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

#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Paging")]
pub struct PagingArgs {
    /// How many customers to print in all
    #[arg(long, value_name = "N", default_value_t = 50, conflicts_with = "all",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: u64,
    /// Walk every page to the end
    #[arg(long)]
    pub all: bool,
    /// Customers per request (1..50)
    #[arg(long, value_name = "N", default_value_t = 50,
          value_parser = clap::value_parser!(u32).range(1..=50))]
    pub page_size: u32,
    /// Start after this customer id (older customers; continues a listing)
    #[arg(long, value_name = "ID", conflicts_with = "before")]
    pub after: Option<i64>,
    /// Walk backwards: customers newer than this id, page by page
    #[arg(long, value_name = "ID")]
    pub before: Option<i64>,
    #[command(flatten)]
    pub parallel: ParallelArgs,
}

/// `--parallel`: several cursors at once, for `--all` queries and exports.
#[derive(Args, Debug, Clone)]
pub struct ParallelArgs {
    /// Walk N time windows of created_at at once (every customer once; order given up)
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=64))]
    pub parallel: u32,
    /// With --parallel, print newest first as without it (later windows wait in memory)
    #[arg(long)]
    pub sorted: bool,
}

#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// Output format [default: table, or jsonl with --jq]
    #[arg(short, long, value_enum)]
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
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table when stdout is a terminal, tab-separated text otherwise
    Table,
    /// RFC 4180 CSV with every documented field
    Csv,
    /// One JSON array
    Json,
    /// One JSON object per line
    Jsonl,
}

fn non_empty(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        Err("must not be empty".into())
    } else {
        Ok(text.to_string())
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
    use clap::CommandFactory;

    #[test]
    fn the_argument_model_is_consistent() {
        Cli::command().debug_assert();
    }
}
