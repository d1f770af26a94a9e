//! One profile: its keys, what each accepts, and the check of a profile as the file holds it.
//! No message here quotes a value: a value typed in the wrong place may be the secret.

use super::check_base_url;
use crate::error::Error;
use crate::region::{Region, REGIONS};

/// The keys of a profile, named as in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
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
    #[value(name = "region")]
    Region,
    #[value(name = "ca_cert")]
    CaCert,
}

/// One `[name]` table of the config file; the keys are the ones `nxcdp config` takes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    pub base_url: Option<String>,
    pub access_key: Option<String>,
    pub access_secret: Option<String>,
    pub tenant_id: Option<i64>,
    pub app_key: Option<String>,
    pub region: Option<String>,
    pub ca_cert: Option<String>,
}

impl Profile {
    pub fn get(&self, key: ConfigKey) -> Option<String> {
        match key {
            ConfigKey::BaseUrl => self.base_url.clone(),
            ConfigKey::AccessKey => self.access_key.clone(),
            ConfigKey::AccessSecret => self.access_secret.clone(),
            ConfigKey::TenantId => self.tenant_id.map(|t| t.to_string()),
            ConfigKey::AppKey => self.app_key.clone(),
            ConfigKey::Region => self.region.clone(),
            ConfigKey::CaCert => self.ca_cert.clone(),
        }
    }

    /// Sets a key from text (`config set`, `config init`), checked as the file's value would
    /// be; the error names the key and what is wrong, never the value.
    pub fn set(&mut self, key: ConfigKey, value: &str) -> Result<(), Error> {
        let name = key_name(key);
        let value = if key == ConfigKey::AccessSecret {
            value.trim_end_matches(['\r', '\n'])
        } else {
            value.trim()
        };
        if value.is_empty() {
            return Err(Error::Usage(format!("{name} must not be empty")));
        }
        let value = check(key, value).map_err(|why| Error::Usage(format!("{name} {why}")))?;
        self.store(key, value);
        Ok(())
    }

    /// Stores a checked value.
    fn store(&mut self, key: ConfigKey, value: String) {
        let text = Some(value.clone());
        match key {
            ConfigKey::BaseUrl => self.base_url = text,
            ConfigKey::AccessKey => self.access_key = text,
            ConfigKey::AccessSecret => self.access_secret = text,
            ConfigKey::AppKey => self.app_key = text,
            ConfigKey::Region => self.region = text,
            ConfigKey::CaCert => self.ca_cert = text,
            // `check` lets only an integer through.
            ConfigKey::TenantId => self.tenant_id = value.parse().ok(),
        }
    }

    /// A profile from one table of the file: every key known and of its type. The error names
    /// the key (and its line), not the value.
    pub fn from_table(table: &dyn toml_edit::TableLike, text: &str) -> Result<Profile, String> {
        let mut profile = Profile::default();
        for (key, item) in table.iter() {
            let line = table
                .get_key_value(key)
                .and_then(|(k, _)| k.span())
                .map_or(String::new(), |at| {
                    format!(" (line {})", line_of(text, at.start))
                });
            let Some(which) = ALL_KEYS.into_iter().find(|k| key_name(*k) == key) else {
                let known: Vec<&str> = ALL_KEYS.into_iter().map(key_name).collect();
                let near = crate::error::near(key, known.iter().copied())
                    .map_or(String::new(), |k| format!(" (did you mean {k}?)"));
                return Err(format!(
                    "unknown key {}{line}{near}; the keys are {}",
                    crate::error::shown(key),
                    known.join(", ")
                ));
            };
            let value = match (which, item.as_value()) {
                (ConfigKey::TenantId, Some(v)) => v.as_integer().map(|i| i.to_string()),
                (_, Some(v)) => v.as_str().map(str::to_string),
                (_, None) => None,
            };
            let Some(value) = value else {
                let kind = match which {
                    ConfigKey::TenantId => "an integer (without quotes)",
                    _ => "a string (in quotes)",
                };
                return Err(format!("{key}{line} must be {kind}"));
            };
            let value = match value.trim().is_empty() {
                true => Err("must not be empty".to_string()),
                false => check(which, &value),
            };
            profile.store(which, value.map_err(|why| format!("{key}{line} {why}"))?);
        }
        Ok(profile)
    }
}

/// What `key` accepts; the value as stored, or why not.
fn check(key: ConfigKey, value: &str) -> Result<String, String> {
    match key {
        ConfigKey::BaseUrl => check_base_url(value)
            .map(|_| value.to_string())
            .map_err(|_| {
                "must be an http:// or https:// URL with a host, and no query or fragment".into()
            }),
        ConfigKey::Region => Region::parse(value)
            .map(|r| r.name().to_string())
            .map_err(|_| format!("must be one of {}", region_names())),
        ConfigKey::TenantId => match value.parse::<i64>() {
            Ok(_) => Ok(value.to_string()),
            Err(_) => Err("must be an integer".into()),
        },
        // Both travel as they are, in a header or a body: a line break cannot.
        ConfigKey::AccessKey | ConfigKey::AppKey
            if !value.bytes().all(|b| (0x20..0x7f).contains(&b)) =>
        {
            Err("holds a character a request cannot carry (a line break, a control character or non-ASCII); check how it was copied".into())
        }
        ConfigKey::AccessSecret if value.chars().any(char::is_control) => {
            Err("holds a line break or a control character".into())
        }
        _ => Ok(value.to_string()),
    }
}

/// `default, hk, americas, idn`.
pub fn region_names() -> String {
    let names: Vec<&str> = REGIONS.iter().map(|r| r.name()).collect();
    names.join(", ")
}

/// The line (from 1) of a byte offset.
pub fn line_of(text: &str, at: usize) -> usize {
    let before = &text.as_bytes()[..at.min(text.len())];
    before.iter().filter(|b| **b == b'\n').count() + 1
}

pub fn key_name(key: ConfigKey) -> &'static str {
    match key {
        ConfigKey::BaseUrl => "base_url",
        ConfigKey::AccessKey => "access_key",
        ConfigKey::AccessSecret => "access_secret",
        ConfigKey::TenantId => "tenant_id",
        ConfigKey::AppKey => "app_key",
        ConfigKey::Region => "region",
        ConfigKey::CaCert => "ca_cert",
    }
}

/// Every key of a profile, as `config list` shows them.
pub const ALL_KEYS: [ConfigKey; 7] = [
    ConfigKey::BaseUrl,
    ConfigKey::Region,
    ConfigKey::AccessKey,
    ConfigKey::AccessSecret,
    ConfigKey::TenantId,
    ConfigKey::AppKey,
    ConfigKey::CaCert,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rejected_value_is_never_quoted() {
        let mut p = Profile::default();
        for (key, value, says) in [
            (
                ConfigKey::TenantId,
                "MYSECRETVALUE",
                "tenant_id must be an integer",
            ),
            (
                ConfigKey::BaseUrl,
                "MYSECRETVALUE",
                "base_url must be an http",
            ),
            (
                ConfigKey::Region,
                "MYSECRETVALUE",
                "region must be one of default, hk",
            ),
            (
                ConfigKey::AccessKey,
                "MYSECRET\u{1b}VALUE",
                "access_key holds",
            ),
            (ConfigKey::AppKey, "  ", "app_key must not be empty"),
        ] {
            let err = p.set(key, value).unwrap_err().to_string();
            assert!(err.contains(says), "{err}");
            assert!(!err.contains("MYSECRET"), "{err}");
        }
        p.set(ConfigKey::Region, " HK ").unwrap();
        assert_eq!(p.region.as_deref(), Some("hk"));
        p.set(ConfigKey::TenantId, "7").unwrap();
        assert_eq!(p.tenant_id, Some(7));
    }

    #[test]
    fn a_table_is_checked_key_by_key_naming_the_key_and_its_line() {
        let text = "[p]\naccess_key = \"k\"\ntenant_id = \"MYSECRET\"\n";
        let doc = toml_edit::ImDocument::parse(text).unwrap();
        let table = doc["p"].as_table_like().unwrap();
        let err = Profile::from_table(table, text).unwrap_err();
        assert_eq!(
            err,
            "tenant_id (line 3) must be an integer (without quotes)"
        );
        let text = "[p]\ncolour = \"red\"\n";
        let doc = toml_edit::ImDocument::parse(text).unwrap();
        let err = Profile::from_table(doc["p"].as_table_like().unwrap(), text).unwrap_err();
        assert!(
            err.starts_with("unknown key colour (line 2); the keys are base_url"),
            "{err}"
        );
    }
}
