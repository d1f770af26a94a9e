//! Stand-in for what `wire.rs` gets from the sandbox's batch_create work (branch `sandbox`):
//! the same names and values, removed when that lands on main.

pub const BATCH_CREATE_PATH: &str = "/saas/cdp/openapi/customers/batch_create";

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

/// A batch holds 1 to this many customers.
pub const BATCH_MAX_CUSTOMERS: usize = 100;

/// The keys that identify a customer in batch_create.
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
    Chars(usize),
    Digits(usize),
    Date,
    JsonObject,
    TagNames,
}

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
