//! `nxcdp config`: show and change the config file's profiles.

use super::Global;
use crate::cli::Connection;
use crate::config::{
    base_levels, key_name, load, path, profile_name, save, ConfigKey, Profile, ALL_KEYS,
    DEFAULT_BASE_URL, KEYS,
};
use crate::error::{masked_url, Error};
use crate::region;
use anyhow::Result;
use clap::Subcommand;
use std::io::Write;
use std::path::Path;

pub const EXAMPLES: &str = "\
Examples:
  nxcdp config init                        # asks for each value
  nxcdp config set tenant_id 123 --profile staging
  nxcdp config set access_secret           # asks for it without echo; or pipe it in
  nxcdp config set region hk               # default, hk, americas or idn
  nxcdp config list
  nxcdp config path";

#[derive(Subcommand, Debug)]
pub enum ConfigCommand {
    /// Print the config file's path
    Path,
    /// Print the profile's values (the secret masked) and the base URL in use
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
        /// The value; access_secret is never an argument: it is read from stdin, or asked for
        /// without echo on a terminal
        value: Option<String>,
    },
    /// List the profiles in the file
    Profiles,
    /// Ask for every value of the profile (reads lines from stdin when it is not a terminal)
    Init,
}

pub fn run(global: &Global, command: ConfigCommand, out: &mut dyn Write) -> Result<()> {
    let path = path()?;
    let name = profile_name(global.profile.as_deref());
    match command {
        ConfigCommand::Path => writeln!(out, "{}", path.display())?,
        ConfigCommand::Profiles => {
            for profile in load(&path)?.keys() {
                writeln!(out, "{profile}")?;
            }
        }
        ConfigCommand::List => {
            let profiles = load(&path)?;
            let profile = profiles
                .get(&name)
                .ok_or_else(|| no_profile(&name, &path))?;
            let base = region::pick(&base_levels(&Connection::default(), &name, profile)?);
            for key in ALL_KEYS {
                if let Some(value) = profile.get(key) {
                    let shown = match key {
                        ConfigKey::AccessSecret => "********".to_string(),
                        ConfigKey::BaseUrl => masked_url(&value).into_owned(),
                        _ => value,
                    };
                    writeln!(out, "{} = {shown}", key_name(key))?;
                }
            }
            // As a TOML comment, so that the output still reads as the profile.
            let url = masked_url(&base.url);
            writeln!(out, "# base URL in use: {url} (from {})", base.from)?;
        }
        ConfigCommand::Get { key } => {
            let profiles = load(&path)?;
            let profile = profiles
                .get(&name)
                .ok_or_else(|| no_profile(&name, &path))?;
            let value = profile.get(key).ok_or_else(|| {
                Error::Usage(format!("{} is not set in profile {name:?}", key_name(key)))
            })?;
            if key == ConfigKey::AccessSecret {
                return Err(Error::Usage(format!(
                    "the access secret is set in profile {name:?}; nxcdp never prints it"
                ))
                .into());
            }
            match key {
                ConfigKey::BaseUrl => writeln!(out, "{}", masked_url(&value))?,
                _ => writeln!(out, "{value}")?,
            }
        }
        ConfigCommand::Set { key, value } => {
            let value = set_value(key, value)?;
            let mut profile = load(&path)?.remove(&name).unwrap_or_default();
            profile.set(key, &value)?;
            // A profile names its API by base_url or by region, not both: the newer one stays.
            let other = match key {
                ConfigKey::Region => profile.base_url.take().map(|_| ConfigKey::BaseUrl),
                ConfigKey::BaseUrl => profile.region.take().map(|_| ConfigKey::Region),
                _ => None,
            };
            let keys: Vec<ConfigKey> = [Some(key), other].into_iter().flatten().collect();
            save(&path, &name, &profile, &keys)?;
            if let (Some(other), false) = (other, global.quiet) {
                eprintln!(
                    "note: removed {} from profile {name:?}: {} now sets the base URL",
                    key_name(other),
                    key_name(key)
                );
            }
        }
        ConfigCommand::Init => {
            let mut profile = load(&path)?.remove(&name).unwrap_or_default();
            init(&mut profile)?;
            save(&path, &name, &profile, &ALL_KEYS)?;
            eprintln!("wrote profile {name:?} to {}", path.display());
        }
    }
    Ok(())
}

/// The value to set: the argument, except for the secret, which an argument would leave in the
/// shell's history and show to other processes: it comes from stdin, or a prompt without echo.
fn set_value(key: ConfigKey, value: Option<String>) -> Result<String, Error> {
    use std::io::{IsTerminal, Read};
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
                let mut text = String::new();
                std::io::stdin()
                    .read_to_string(&mut text)
                    .map_err(|e| Error::Usage(format!("cannot read the secret from stdin: {e}")))?;
                text
            };
            let secret = secret.trim_end_matches(['\r', '\n']).to_string();
            if secret.is_empty() {
                return Err(Error::Usage(format!("no {name} given: the value read was empty")));
            }
            Ok(secret)
        }
        (_, Some(value)) => Ok(value),
        (_, None) => Err(Error::Usage(format!(
            "config set {name} needs a value: nxcdp config set {name} VALUE"
        ))),
    }
}

fn no_profile(name: &str, path: &Path) -> Error {
    Error::Usage(format!(
        "profile {name:?} is not in {}; create it with `nxcdp config init --profile {name}`",
        path.display()
    ))
}

/// Asks for each value on a terminal (the secret without echo); reads one line per value, in
/// the order of `KEYS`, when stdin is not a terminal. An empty answer keeps the current value.
fn init(profile: &mut Profile) -> Result<(), Error> {
    use std::io::{BufRead, IsTerminal};
    let interactive = std::io::stdin().is_terminal();
    let mut lines = std::io::stdin().lock().lines();
    for key in KEYS {
        let current = match (key, profile.get(key)) {
            (ConfigKey::AccessSecret, Some(_)) => " [keep]".to_string(),
            (ConfigKey::BaseUrl, None) => match &profile.region {
                Some(region) => format!(" [region {region}'s]"),
                None => format!(" [{DEFAULT_BASE_URL}]"),
            },
            (_, Some(v)) => format!(" [{v}]"),
            (_, None) => String::new(),
        };
        let prompt = format!("{}{current}: ", key_name(key));
        let answer = if interactive && key == ConfigKey::AccessSecret {
            rpassword::prompt_password(prompt)
                .map_err(|e| Error::Usage(format!("cannot read the secret: {e}")))?
        } else {
            if interactive {
                eprint!("{prompt}");
            }
            match lines.next() {
                Some(line) => line.map_err(|e| Error::Usage(format!("cannot read stdin: {e}")))?,
                None => String::new(),
            }
        };
        if !answer.trim().is_empty() {
            profile.set(key, &answer)?;
            if key == ConfigKey::BaseUrl {
                profile.region = None;
            }
        } else if key == ConfigKey::BaseUrl
            && profile.base_url.is_none()
            && profile.region.is_none()
        {
            profile.base_url = Some(DEFAULT_BASE_URL.to_string());
        }
    }
    Ok(())
}
