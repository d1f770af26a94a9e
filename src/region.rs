//! The regions the vendor runs the API in (API.md section 5), and the rule that picks the base URL
//! from `--base-url`/`--region`, their `NXCDP_*` variables and the profile.

use std::fmt;

/// An API region: the same paths and signing, another host.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Region {
    /// https://api.nxcloud.com
    Default,
    /// APAC, Hong Kong: https://api-hk.nxlink.ai
    Hk,
    /// Americas: https://chl-api.nxlink.ai
    Americas,
    /// APAC, Indonesia: https://api-idn.nxlink.ai
    Idn,
}

pub const REGIONS: [Region; 4] = [Region::Default, Region::Hk, Region::Americas, Region::Idn];

impl Region {
    pub fn name(self) -> &'static str {
        match self {
            Region::Default => "default",
            Region::Hk => "hk",
            Region::Americas => "americas",
            Region::Idn => "idn",
        }
    }

    pub fn base_url(self) -> &'static str {
        match self {
            Region::Default => "https://api.nxcloud.com",
            Region::Hk => "https://api-hk.nxlink.ai",
            Region::Americas => "https://chl-api.nxlink.ai",
            Region::Idn => "https://api-idn.nxlink.ai",
        }
    }

    /// The region whose API `base_url` is, if any.
    pub fn of_base_url(base_url: &str) -> Option<Region> {
        REGIONS.into_iter().find(|r| r.base_url() == base_url)
    }

    /// A region by name, as `NXCDP_REGION` and the profile give it; the error lists the names.
    pub fn parse(text: &str) -> Result<Region, String> {
        let wanted = text.trim().to_ascii_lowercase();
        REGIONS
            .into_iter()
            .find(|r| r.name() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = REGIONS.iter().map(|r| r.name()).collect();
                format!(
                    "unknown region {text:?}; valid regions: {}",
                    names.join(", ")
                )
            })
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What one level (the flags, the environment, the profile) says about the base URL.
#[derive(Clone, Debug, Default)]
pub struct Level {
    /// How the user names this level's base URL: "--base-url", "NXCDP_BASE_URL", ...
    pub base_url_name: String,
    /// How the user names this level's region, `{}` standing for it: "--region {}", ...
    pub region_name: String,
    pub base_url: Option<String>,
    pub region: Option<Region>,
}

/// The base URL in use and where it came from, for `-v` and `config list`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base {
    pub url: String,
    /// "--region hk", "NXCDP_BASE_URL", "base_url in profile \"default\"", "the default".
    pub from: String,
}

/// The rule: the levels are read from the highest (flags) to the lowest (profile); the first
/// level that sets a base URL or a region decides. Within that level an explicit base URL beats
/// the region. So a base URL beats a region at its own level and below, and a region beats a
/// base URL at a lower level. When no level sets either: the default region.
pub fn pick(levels: &[Level]) -> Base {
    for level in levels {
        if let Some(url) = &level.base_url {
            return Base {
                url: url.clone(),
                from: level.base_url_name.clone(),
            };
        }
        if let Some(region) = level.region {
            return Base {
                url: region.base_url().to_string(),
                from: level.region_name.replace("{}", region.name()),
            };
        }
    }
    Base {
        url: Region::Default.base_url().to_string(),
        from: "the default".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(base_url: Option<&str>, region: Option<Region>) -> Level {
        Level {
            base_url_name: "url".into(),
            region_name: "region {}".into(),
            base_url: base_url.map(str::to_string),
            region,
        }
    }

    #[test]
    fn the_first_level_that_says_anything_decides_and_a_url_beats_its_region() {
        let url = |levels: &[Level]| pick(levels).url;
        let none = level(None, None);
        assert_eq!(url(&[]), "https://api.nxcloud.com");
        assert_eq!(
            url(&[none.clone(), level(None, Some(Region::Hk))]),
            "https://api-hk.nxlink.ai"
        );
        assert_eq!(
            url(&[level(Some("http://a"), Some(Region::Hk))]),
            "http://a"
        );
        assert_eq!(
            url(&[
                level(None, Some(Region::Idn)),
                level(Some("http://b"), None)
            ]),
            "https://api-idn.nxlink.ai"
        );
        assert_eq!(
            url(&[level(Some("http://c"), None), level(None, Some(Region::Hk))]),
            "http://c"
        );
        assert_eq!(
            pick(&[level(None, Some(Region::Americas))]).from,
            "region americas"
        );
    }

    #[test]
    fn names_parse_and_unknown_ones_list_the_valid_ones() {
        assert_eq!(Region::parse(" HK "), Ok(Region::Hk));
        let err = Region::parse("eu").unwrap_err();
        assert!(err.contains("default, hk, americas, idn"), "{err}");
        for r in REGIONS {
            assert_eq!(Region::parse(r.name()), Ok(r));
        }
    }
}
