//! What the generated customers are made of: the tenant's tags, and names, countries and
//! remarks chosen to trouble a client (non-ASCII, commas, quotes, line breaks, a formula, an
//! ANSI escape).

use super::data::TagDef;

pub const TAGS: &[TagDef] = &[
    TagDef {
        id: 27237,
        name: "vip",
        group: Some((11, "tier")),
    },
    TagDef {
        id: 27238,
        name: "new",
        group: None,
    },
    TagDef {
        id: 27239,
        name: "churn-risk",
        group: Some((12, "health")),
    },
    TagDef {
        id: 27240,
        name: "wholesale",
        group: Some((11, "tier")),
    },
    TagDef {
        id: 27241,
        name: "retail",
        group: Some((11, "tier")),
    },
    TagDef {
        id: 27242,
        name: "beta tester",
        group: None,
    },
    TagDef {
        id: 27243,
        name: "营销",
        group: Some((13, "市场")),
    },
    TagDef {
        id: 27244,
        name: "test",
        group: None,
    },
];

pub const FIRST_NAMES: &[&str] = &[
    "Simon",
    "Ana",
    "José",
    "Zoë",
    "牛小信",
    "李雷",
    "Дмитрий",
    "محمد",
    "Aarav",
    "Chidi",
    "Siti",
    "Nguyễn",
    "O'Neil",
    "Anna \"Annie\"",
    "Smith, Jr.",
    "=HYPERLINK(\"http://x\")",
    "+44 team",
    "@admin",
    "Multi\nLine",
    "Ünal",
    "Kwame",
    "Mei",
    "Lucía",
    "Tomás",
];
pub const LAST_NAMES: &[&str] = &[
    "Kang",
    "Silva",
    "García",
    "Müller",
    "王",
    "Иванов",
    "Okafor",
    "Rahman",
    "Wijaya",
    "Tran",
    "Doe, PhD",
    "Smith",
    "Nakamura",
    "d'Arc",
    "\u{1b}[31mRed\u{1b}[0m",
    "Costa",
    "Kim",
    "Patel",
];
pub const COUNTRIES: &[(&str, &str)] = &[
    ("CN", "86"),
    ("US", "1"),
    ("BR", "55"),
    ("IN", "91"),
    ("ID", "62"),
    ("NG", "234"),
    ("DE", "49"),
    ("MX", "52"),
    ("PH", "63"),
    ("VN", "84"),
    ("GB", "44"),
    ("RU", "7"),
];
pub const REMARKS: &[&str] = &[
    "called back, wants a quote",
    "prefers WhatsApp; no calls after 6pm",
    "VIP since 2023 — handle with care",
    "line one\nline two",
    "tab\tseparated",
    "said \"maybe\" twice",
    "备注：重要客户",
];
pub const STAGES: &[&str] = &["lead", "prospect", "customer", "churned"];
