//! `nxcdp config`: show and change the config file's profiles. No message quotes a value that
//! was refused: typed in the wrong place, it may be the secret.

mod init;

use super::Global;
use crate::cli::Connection;
use crate::config::{
    base_levels, key_name, path, profile_name, region_names, save, ConfigFile, ConfigKey, ALL_KEYS,
};
use crate::error::{masked_url, shown, Error};
use crate::region::{self, Region};
use anyhow::Result;
use clap::Subcommand;
use std::io::Write;

pub const EXAMPLES: &str = "\
Examples:
  nxcdp config init                        # asks for each value
  nxcdp config set tenant_id 123 --profile staging
  nxcdp config set access_secret           # asks for it without echo; or pipe it in
  nxcdp config set region hk               # default, hk, americas or idn
  nxcdp config list
  nxcdp config path

Guide: docs/config.md (in the source and in each release archive)";

/// The guide page of every `config` command.
const GUIDE: &str = "Guide: docs/config.md (in the source and in each release archive)";

/// `config init --help`: what it asks, in the order piped answers must follow.
pub const INIT_ANSWERS: &str = "\
Answers, in this order (one line each when piped):
  1. region: default, hk, americas or idn, or a base URL (https://...) [default: default]
  2. access_key
  3. access_secret (asked without echo on a terminal)
  4. tenant_id (an integer)
  5. app_key
An empty answer keeps the profile's current value. Each answer is checked as it is given: on a
terminal a wrong one is asked again; piped, a wrong or missing one is exit 2 and nothing is
written.

Examples:
  nxcdp config init --profile staging
  printf 'hk\\nKEY\\nSECRET\\n123\\nAPPKEY\\n' | nxcdp config init
  nxcdp config init --profile staging < answers.txt

Guide: docs/config.md (in the source and in each release archive)";

#[derive(Subcommand, Debug)]
pub enum ConfigCommand {
    /// Print the config file's path
    #[command(after_help = GUIDE)]
    Path,
    /// Print the profile's values (the secret masked) and the base URL in use
    #[command(after_help = GUIDE)]
    List,
    /// Print one value of the profile (base_url: the region's when a region is set)
    #[command(after_help = GUIDE)]
    Get {
        #[arg(value_enum, ignore_case = true)]
        key: ConfigKey,
    },
    /// Set one value of the profile, creating the file (mode 0600) if needed
    #[command(after_help = GUIDE)]
    Set {
        #[arg(value_enum, ignore_case = true)]
        key: ConfigKey,
        /// The value; access_secret is never an argument: it is read from stdin, or asked for
        /// without echo on a terminal
        value: Option<String>,
    },
    /// List the profiles in the file
    #[command(after_help = GUIDE)]
    Profiles,
    /// Ask for the region and the credentials, checking each answer (piped: one line each)
    #[command(after_help = INIT_ANSWERS)]
    Init,
}

pub fn run(global: &Global, command: ConfigCommand, out: &mut dyn Write) -> Result<()> {
    let path = path()?;
    let name = || profile_name(global.profile.as_deref());
    let warn = |warnings: Vec<String>| {
        for w in warnings.into_iter().filter(|_| !global.quiet) {
            crate::say!("warning: {w}");
        }
    };
    match command {
        ConfigCommand::Path => writeln!(out, "{}", shown(&path))?,
        ConfigCommand::Profiles => {
            let file = ConfigFile::load(&path)?;
            warn(file.warnings(""));
            for profile in file.profiles.keys() {
                writeln!(out, "{}", shown(profile))?;
            }
        }
        ConfigCommand::List => {
            let name = name()?;
            let file = ConfigFile::load(&path)?;
            warn(file.warnings(&name));
            let profile = file.profile(&name)?.ok_or_else(|| file.no_profile(&name))?;
            let base = region::pick(&base_levels(&Connection::default(), &name, profile)?);
            for key in ALL_KEYS {
                if let Some(value) = profile.get(key) {
                    writeln!(out, "{} = {}", key_name(key), printed(key, &value))?;
                }
            }
            // As a TOML comment, so that the output still reads as the profile.
            let url = masked_url(&base.url);
            writeln!(out, "# base URL in use: {url} (from {})", base.from)?;
        }
        ConfigCommand::Get { key } => {
            let name = name()?;
            let file = ConfigFile::load(&path)?;
            warn(file.warnings(&name));
            let profile = file.profile(&name)?.ok_or_else(|| file.no_profile(&name))?;
            if key == ConfigKey::AccessSecret && profile.access_secret.is_some() {
                return Err(Error::Usage(format!(
                    "the access secret is set in profile {}; nxcdp never prints it",
                    shown(&name)
                ))
                .into());
            }
            // A profile with a region has the region's base URL.
            let region = profile
                .region
                .as_deref()
                .and_then(|r| Region::parse(r).ok());
            let value = match (key, profile.get(key), region) {
                (_, Some(value), _) => value,
                (ConfigKey::BaseUrl, None, Some(region)) => region.base_url().to_string(),
                _ => {
                    return Err(Error::Usage(format!(
                        "{} is not set in profile {}",
                        key_name(key),
                        shown(&name)
                    ))
                    .into())
                }
            };
            writeln!(out, "{}", printed(key, &value))?;
        }
        ConfigCommand::Set { key, value } => {
            let name = name()?;
            let value = set_value(key, value)?;
            let file = ConfigFile::load(&path)?;
            // Setting a key may be how a broken profile is mended: only the keys set are
            // written, whatever else the profile holds.
            let mut profile = file
                .profile(&name)
                .ok()
                .flatten()
                .cloned()
                .unwrap_or_default();
            profile.set(key, &value)?;
            // A profile names its API by base_url or by region, not both: the newer one stays.
            let mut keys = vec![key];
            match key {
                ConfigKey::Region => {
                    profile.base_url = None;
                    keys.push(ConfigKey::BaseUrl);
                }
                ConfigKey::BaseUrl => {
                    profile.region = None;
                    keys.push(ConfigKey::Region);
                }
                _ => {}
            }
            let removed = save(&path, &name, &profile, &keys)?;
            if key == ConfigKey::AccessSecret {
                warn(
                    crate::config::spaced_secret(&value, "access_secret in the profile")
                        .into_iter()
                        .collect(),
                );
            }
            if !global.quiet {
                for gone in removed {
                    crate::say!(
                        "note: removed {} from profile {}: {} now sets the base URL",
                        key_name(gone),
                        shown(&name),
                        key_name(key)
                    );
                }
            }
            if let Err(e) = ConfigFile::load(&path)?.profile(&name) {
                warn(vec![format!("{e}; `nxcdp config set` each key named")]);
            }
        }
        ConfigCommand::Init => {
            let name = name()?;
            let file = ConfigFile::load(&path)?;
            let mut profile = file.profile(&name)?.cloned().unwrap_or_default();
            init::ask(&mut profile)?;
            save(&path, &name, &profile, &ALL_KEYS)?;
            let secret = profile.access_secret.as_deref().unwrap_or_default();
            warn(
                crate::config::spaced_secret(secret, "access_secret in the profile")
                    .into_iter()
                    .collect(),
            );
            if !global.quiet {
                crate::say!("wrote profile {} to {}", shown(&name), shown(&path));
            }
        }
    }
    Ok(())
}

/// A value as `list` and `get` print it: the secret masked, a password in a URL masked, a path
/// escaped.
fn printed(key: ConfigKey, value: &str) -> String {
    match key {
        ConfigKey::AccessSecret => "********".to_string(),
        ConfigKey::BaseUrl => masked_url(value).into_owned(),
        ConfigKey::CaCert => shown(value),
        _ => value.to_string(),
    }
}

/// The value to set: the argument, except for the secret, which an argument would leave in the
/// shell's history and show to other processes: it comes from stdin, or a prompt without echo.
fn set_value(key: ConfigKey, value: Option<String>) -> Result<String, Error> {
    use std::io::IsTerminal;
    let name = key_name(key);
    match (key, value) {
        (ConfigKey::AccessSecret, Some(_)) => Err(Error::Usage(format!(
            "{name} is not taken as an argument (it would stay in the shell's history and be visible to other processes)\nhint: run `nxcdp config set {name}` and type it, or pipe it in: `nxcdp config set {name} < secret.txt`"
        ))),
        (ConfigKey::AccessSecret, None) => {
            let secret = if std::io::stdin().is_terminal() {
                rpassword::prompt_password(format!("{name}: "))
                    .map_err(|e| Error::Usage(format!("cannot read the secret: {e}")))?
            } else {
                let bytes = crate::config::read_stdin(&format!("config set {name}"))?;
                String::from_utf8(bytes)
                    .map_err(|_| Error::Usage(format!("{name}: stdin is not UTF-8 text")))?
            };
            let secret = secret.trim_end_matches(['\r', '\n']).to_string();
            if secret.is_empty() {
                return Err(Error::Usage(format!("no {name} given: the value read was empty")));
            }
            Ok(secret)
        }
        (_, Some(value)) => Ok(value),
        (ConfigKey::Region, None) => Err(Error::Usage(format!(
            "config set region needs a value: one of {}",
            region_names()
        ))),
        (_, None) => Err(Error::Usage(format!(
            "config set {name} needs a value: nxcdp config set {name} VALUE"
        ))),
    }
}
