//! The wire format of the CDP API (API.md): paths, headers, the envelope, paging, tags, the
//! business error codes and the time formats. The client and the sandbox both speak it through
//! this module, so neither depends on the other.

use serde::{Deserialize, Serialize};
use std::time::{SystemTime, UNIX_EPOCH};

pub const QUERY_PATH: &str = "/saas/cdp/openapi/customers/query";
pub const FIELDS_PATH: &str = "/saas/cdp/openapi/customers/fields";
pub const BATCH_CREATE_PATH: &str = "/saas/cdp/openapi/customers/batch_create";

/// The signed headers, by name (API.md section 1).
pub const ACCESS_KEY: &str = "accessKey";
pub const TS: &str = "ts";
pub const BIZ_TYPE: &str = "bizType";
pub const ACTION: &str = "action";
pub const SIGN: &str = "sign";
pub const ALGORITHM: &str = "algorithm";
/// Every header a request must carry, in the order the sandbox checks them.
pub const REQUIRED_HEADERS: [&str; 5] = [ACCESS_KEY, TS, BIZ_TYPE, ACTION, SIGN];

/// `bizType` and `action` of the CDP endpoints.
pub const CDP_BIZ_TYPE: &str = "2";
pub const CDP_ACTION: &str = "mt";

/// The server rejects a `ts` further than this from its clock.
pub const TS_WINDOW_MS: i64 = 60_000;

/// Request bodies' times (`start_time`, `end_time`): `YYYY-MM-DD HH:MM:SS`.
pub const TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";
/// Customers' `created_at` and `updated_at`: `YYYY-MM-DDTHH:MM:SS`.
pub const CREATED_AT_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// Every answer: `{"code": 0, "message": null, "traceId": "...", "data": ...}`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Envelope<D> {
    pub code: Option<i64>,
    pub message: Option<String>,
    #[serde(rename = "traceId")]
    pub trace_id: Option<String>,
    pub data: Option<D>,
}

/// `data.paging` of a query answer. `next` is `null` on the last page, `previous` on the first.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paging {
    pub after: Option<i64>,
    pub before: Option<i64>,
    pub next: Option<i64>,
    pub previous: Option<i64>,
}

/// One entry of `tags` / `his_tags`: a tag named by id or by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TagRef {
    Id { id: i64 },
    Name { tag_name: String },
}

impl TagRef {
    /// Whether this reference names the tag with this id and name.
    pub fn names(&self, id: i64, name: &str) -> bool {
        match self {
            TagRef::Id { id: wanted } => *wanted == id,
            TagRef::Name { tag_name } => tag_name == name,
        }
    }
}

/// `tags_logic_type`: how several `tags` combine. Unset (`""`) behaves as `or`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum TagsLogic {
    And,
    #[default]
    Or,
}

impl TagsLogic {
    /// Whether a customer matches `wanted` tags, given which of them it `has`.
    pub fn matches<T>(self, wanted: &[T], has: impl Fn(&T) -> bool) -> bool {
        wanted.is_empty()
            || match self {
                TagsLogic::And => wanted.iter().all(has),
                TagsLogic::Or => wanted.iter().any(has),
            }
    }
}

/// The business errors of API.md section 4.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiCode {
    MissingParameters = 1001,
    ParameterError = 1002,
    InvalidSignature = 1003,
    TimestampExpired = 1004,
    InsufficientPermissions = 1005,
}

impl ApiCode {
    pub fn from_code(code: i64) -> Option<ApiCode> {
        use ApiCode::*;
        [
            MissingParameters,
            ParameterError,
            InvalidSignature,
            TimestampExpired,
            InsufficientPermissions,
        ]
        .into_iter()
        .find(|c| c.code() == code)
    }

    pub fn code(self) -> i64 {
        self as i64
    }

    /// Everything but 1002 says the credentials or the signature are wrong.
    pub fn is_auth(self) -> bool {
        self != ApiCode::ParameterError
    }

    /// What the code means, as the API documents it.
    pub fn meaning(self) -> &'static str {
        match self {
            ApiCode::MissingParameters => "missing parameters",
            ApiCode::ParameterError => "parameter error",
            ApiCode::InvalidSignature => "invalid signature",
            ApiCode::TimestampExpired => "timestamp expired",
            ApiCode::InsufficientPermissions => "insufficient permissions",
        }
    }

    /// What a user should check.
    pub fn hint(self) -> &'static str {
        match self {
            ApiCode::MissingParameters => {
                "a required header was not sent; this is a bug in nxcdp if it persists"
            }
            ApiCode::ParameterError => {
                "check the values sent (-v shows the request) and the tenant id and app key"
            }
            ApiCode::InvalidSignature => {
                "check the access secret (--access-secret-file, NXCDP_ACCESS_SECRET or the profile); \
                 the signed body must be the sent body (see --dry-run)"
            }
            ApiCode::TimestampExpired => {
                "check this machine's clock: it must be within 60 s of the server's"
            }
            ApiCode::InsufficientPermissions => {
                "check the access key, and that the account has the CDP business enabled"
            }
        }
    }
}

/// batch_create (API.md section 8): `type`, what becomes of a customer that already exists (one
/// with an equal identity key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OnExisting {
    /// 0: drop the old data and use the new
    Replace = 0,
    /// 1: update or add the new fields on top of the old data
    Merge = 1,
    /// 2: keep the old data and drop the new
    Keep = 2,
}

impl OnExisting {
    pub fn from_type(n: i64) -> Option<OnExisting> {
        [OnExisting::Replace, OnExisting::Merge, OnExisting::Keep]
            .into_iter()
            .find(|t| *t as i64 == n)
    }
}

/// A batch_create body. `customers` are written as given: each an object of [`NEW_CUSTOMER_KEYS`]
/// (note `whats_app_phone`, where the query says `whatsApp_phone`).
#[derive(Debug, Serialize)]
pub struct BatchCreate<'a, C: Serialize> {
    #[serde(rename = "type")]
    pub on_existing: u8,
    pub tenant_id: i64,
    pub app_key: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strict_binding: Option<bool>,
    pub customers: &'a [C],
}

/// A batch holds 1 to this many customers.
pub const BATCH_MAX_CUSTOMERS: usize = 100;

/// The keys that identify a customer in batch_create: a new customer needs one, and an incoming
/// customer with any of them equal to an existing customer's is that customer.
pub const IDENTITY_KEYS: [&str; 6] = [
    "sms_phone",
    "whats_app_phone",
    "email",
    "viber_phone",
    "messenger",
    "instagram",
];

/// What a string value of a new customer may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// At most this many characters.
    Chars(usize),
    /// ASCII digits only, at most this many.
    Digits(usize),
    /// A date, `yyyy-MM-dd`.
    Date,
    /// A JSON object encoded as a string (`customize_field`).
    JsonObject,
    /// Names separated by commas (`tagStr`).
    TagNames,
}

/// The string keys of a batch_create customer and their limits (API.md section 8). `gender`
/// (0 or 1) is the one number. The revisions differ on `remark` (100 or 2000 characters): this
/// is the stricter, which every revision accepts.
pub const NEW_CUSTOMER_KEYS: [(&str, Text); 19] = [
    ("full_name", Text::Chars(255)),
    ("first_name", Text::Chars(128)),
    ("last_name", Text::Chars(128)),
    ("sms_phone", Text::Digits(30)),
    ("whats_app_phone", Text::Digits(30)),
    ("viber_phone", Text::Digits(30)),
    ("messenger", Text::Digits(32)),
    ("instagram", Text::Digits(32)),
    ("zalo", Text::Digits(32)),
    ("line", Text::Chars(50)),
    ("country", Text::Chars(50)),
    ("email", Text::Chars(50)),
    ("address", Text::Chars(100)),
    ("remark", Text::Chars(100)),
    ("birthday", Text::Date),
    ("tagStr", Text::TagNames),
    ("customize_field", Text::JsonObject),
    ("time_zone", Text::Chars(128)),
    ("belong_seat_user", Text::Chars(128)),
];

/// Unix time in milliseconds: what `ts` carries.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Where JSON text stands, byte by byte: inside a string or not. For the scans that must not
/// take a bracket, a comma or white space inside a string for the JSON around it.
#[derive(Clone, Copy, Debug, Default)]
pub struct JsonStrings {
    inside: bool,
    escaped: bool,
}

impl JsonStrings {
    /// Takes the next byte; whether it belongs to a string, its quotes included.
    pub fn step(&mut self, b: u8) -> bool {
        if !self.inside {
            self.inside = b == b'"';
            return self.inside;
        }
        match (self.escaped, b) {
            (true, _) => self.escaped = false,
            (false, b'\\') => self.escaped = true,
            (false, b'"') => self.inside = false,
            _ => {}
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for code in 1001..=1005 {
            assert_eq!(ApiCode::from_code(code).map(ApiCode::code), Some(code));
        }
        assert_eq!(ApiCode::from_code(1006), None);
        assert!(!ApiCode::ParameterError.is_auth() && ApiCode::InvalidSignature.is_auth());
    }

    #[test]
    fn tag_logic() {
        let has = |t: &i64| *t < 3;
        assert!(TagsLogic::Or.matches(&[1, 5], has));
        assert!(!TagsLogic::And.matches(&[1, 5], has));
        assert!(TagsLogic::And.matches(&[], has));
    }

    #[test]
    fn brackets_and_quotes_inside_strings_are_the_strings() {
        let text = br#"{"a":"x\"]}\\",[1]}"#;
        let mut strings = JsonStrings::default();
        let outside: String = text
            .iter()
            .filter(|&&b| !strings.step(b))
            .map(|&b| b as char)
            .collect();
        assert_eq!(outside, "{:,[1]}");
    }
}
