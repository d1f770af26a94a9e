//! The sandbox's customers: generated from a seed, the same seed giving the same data on every
//! machine and release (a fixed SplitMix64 generator, not a library whose stream may change).
//! Customer `i` is drawn from the seed and `i` alone, each group of its fields from a stream of
//! its own (see `population`).

pub use super::draws::{mix, Affine, Draws, Numbers, Stream, HANDLE_FROM, PHONE_FROM};
pub use super::population::Population;
use super::shape::{Shape, SPAN_MS};
pub use super::words::TAGS;
use super::words::{COUNTRIES, FIRST_NAMES, LAST_NAMES, REMARKS, STAGES};
use crate::wire::{TagRef, CREATED_AT_FORMAT};
use serde::Serialize;
use std::borrow::Cow;
use std::sync::OnceLock;

/// SplitMix64: tiny, fast, and its output is fixed forever.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Tag {
    pub id: i64,
    pub user_id: i64,
    pub tenant_id: i64,
    pub group_id: i64,
    pub group_name: Option<&'static str>,
    pub tag_name: &'static str,
    pub note: &'static str,
    pub created_at: &'static str,
    pub updated_at: &'static str,
    pub customer_id: i64,
}

/// A customer as the API returns it, plus the sandbox-only history of tags.
#[derive(Clone, Debug, Serialize)]
pub struct Customer {
    pub id: i64,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub full_name: Option<String>,
    pub sms_phone: Option<String>,
    #[serde(rename = "whatsApp_phone")]
    pub whatsapp_phone: Option<String>,
    pub viber_phone: Option<String>,
    pub line: Option<String>,
    pub messenger: Option<String>,
    pub instagram: Option<String>,
    pub email: Option<String>,
    pub country: Option<Cow<'static, str>>,
    pub birthday: Option<String>,
    pub remark: Option<String>,
    pub source_type: u8,
    pub source_channel_key: Option<String>,
    pub gender: Option<u8>,
    pub created_at: String,
    pub status: u8,
    pub updated_at: String,
    pub tags: Vec<Tag>,
    /// Spelled as the API spells it.
    #[serde(rename = "whatApp_subscribe")]
    pub whatsapp_subscribe: &'static str,
    pub sms_subscribe: &'static str,
    /// A JSON object encoded as a string, as the API sends it.
    pub customize_field: Option<String>,
    pub tenant_id: i64,
    pub weight: i64,
    /// Not in the vendor's document: proves that unknown fields survive JSON output.
    pub lifecycle: Lifecycle,
    #[serde(skip)]
    pub tag_defs: Vec<&'static TagDef>,
    #[serde(skip)]
    pub his_tags: Vec<&'static TagDef>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Lifecycle {
    pub stage: &'static str,
    pub score: f64,
}

#[derive(Debug)]
pub struct TagDef {
    pub id: i64,
    pub name: &'static str,
    pub group: Option<(i64, &'static str)>,
}

impl TagDef {
    pub fn matches(&self, tag: &TagRef) -> bool {
        tag.names(self.id, self.name)
    }
}

/// Ids have the shape of Snowflake ids (API.md section 9): the milliseconds since the data's
/// origin (its oldest possible time) above 22 low bits. The base puts the README's customer, a
/// year after the origin, at exactly 1021110718827683840, and every id far above 2^53. Ids
/// depend on the seed alone, not on when the sandbox started.
pub const ID_BASE: i64 = 211_915_766_688 << 22;

/// The id of a customer created `since_origin` ms after the origin, with these low bits.
pub fn id_at(since_origin: i64, low: i64) -> i64 {
    // Saturating: a clock skewed by centuries (`--clock-skew-secs`) must not wrap around.
    ID_BASE
        .saturating_add(since_origin.saturating_mul(1 << 22))
        .saturating_add(low)
}

/// The moment the generated data is relative to (Unix ms): `NXCDP_SANDBOX_AS_OF` when it holds
/// an RFC 3339 time, else the first time this process asked (a sandbox's start). The newest
/// customers were created within the hours before it.
pub fn anchor_ms() -> i64 {
    static ANCHOR: OnceLock<i64> = OnceLock::new();
    *ANCHOR.get_or_init(|| {
        let given = std::env::var(super::AS_OF_ENV).ok();
        given
            .and_then(|t| parse_as_of(&t).ok())
            .unwrap_or_else(crate::wire::now_ms)
    })
}

/// `--as-of`: an RFC 3339 time, as Unix ms.
pub fn parse_as_of(text: &str) -> Result<i64, String> {
    text.parse::<jiff::Timestamp>()
        .map(|t| t.as_millisecond())
        .map_err(|_| {
            format!("expected an RFC 3339 time such as 2026-01-31T08:00:00Z, got {text:?}")
        })
}

/// The data's origin, Unix ms: two years before the anchor.
pub fn origin_ms() -> i64 {
    anchor_ms() - SPAN_MS
}

/// The default shape: customers spread evenly over two years, `created_at` in id order.
pub fn generate(count: usize, seed: u64, tenant_id: i64) -> Vec<Customer> {
    generate_shaped(count, seed, tenant_id, &Shape::default())
}

/// Customers newest first, the README's among them (see `planted`), relative to [`anchor_ms`].
pub fn generate_shaped(count: usize, seed: u64, tenant_id: i64, shape: &Shape) -> Vec<Customer> {
    generate_from(count, seed, tenant_id, shape, origin_ms())
}

/// Every customer of the population, newest first, created after `origin` (Unix ms): what a
/// sandbox of these arguments serves, made all at once (for tests and small counts).
pub fn generate_from(
    count: usize,
    seed: u64,
    tenant_id: i64,
    shape: &Shape,
    origin: i64,
) -> Vec<Customer> {
    let population = Population::new(count, seed, tenant_id, shape, origin);
    (0..count).rev().map(|i| population.customer(i)).collect()
}

/// A customer's first and last names.
pub fn names(d: Draws) -> (Option<&'static str>, Option<&'static str>) {
    let mut rng = d.stream(Stream::Name);
    let first = rng.chance(95).then(|| *rng.pick(FIRST_NAMES));
    let last = rng.chance(80).then(|| *rng.pick(LAST_NAMES));
    (first, last)
}

/// Whether a generated customer's name may hold `text` (lower case), as `--name` looks: a
/// first name, a last name, or both with the space between. A text none can hold spares the
/// look at every generated customer (ten million of them: seconds a page).
pub fn a_name_may_hold(text: &str) -> bool {
    let holds = |name: &str| name.to_lowercase().contains(text);
    FIRST_NAMES.iter().chain(LAST_NAMES).any(|n| holds(n))
        || FIRST_NAMES
            .iter()
            .any(|f| LAST_NAMES.iter().any(|l| holds(&format!("{f} {l}"))))
}

pub fn full_name(first: Option<&str>, last: Option<&str>) -> Option<String> {
    match (first, last) {
        (Some(f), Some(l)) => Some(format!("{f} {l}")),
        (Some(n), None) | (None, Some(n)) => Some(n.to_string()),
        (None, None) => None,
    }
}

/// A customer's country and its one phone number, and which of the phone fields hold it.
pub struct Phone {
    pub country: Option<&'static str>,
    code: &'static str,
    digits: u64,
    /// sms, WhatsApp, Viber.
    pub holds: [bool; 3],
}

impl Phone {
    pub fn number(&self) -> String {
        format!("{}{}", self.code, self.digits)
    }

    /// The phone field `k` (sms, WhatsApp, Viber).
    pub fn field(&self, k: usize) -> Option<String> {
        self.holds[k].then(|| self.number())
    }
}

pub fn phone(numbers: &Numbers, d: Draws, i: usize) -> Phone {
    let mut rng = d.stream(Stream::Phone);
    let (country, code) = *rng.pick(COUNTRIES);
    let holds = [rng.chance(70), rng.chance(60), rng.chance(20)];
    Phone {
        country: rng.chance(90).then_some(country),
        code,
        digits: PHONE_FROM + numbers.phone.at(i as u64),
        holds,
    }
}

pub fn email(d: Draws, i: usize) -> Option<String> {
    d.stream(Stream::Email)
        .chance(75)
        .then(|| format!("user{i}@example.com"))
}

/// `source_type` (every one appears: the first 16 customers take one each; a bulk import's are
/// 2) and `source_channel_key`.
pub fn source(d: Draws, i: usize, imported: bool) -> (u8, Option<String>) {
    let mut rng = d.stream(Stream::Source);
    let drawn = rng.below(16) as u8;
    let source_type = match i {
        0..16 => i as u8,
        _ if imported => 2,
        _ => drawn,
    };
    let key = rng
        .chance(60)
        .then(|| format!("{}", 18_500_000_000 + rng.below(1_000_000)));
    (source_type, key)
}

/// The tags a customer holds, and those it ever held.
pub fn tags(d: Draws) -> (Vec<&'static TagDef>, Vec<&'static TagDef>) {
    let mut rng = d.stream(Stream::Tags);
    let mut tags: Vec<&'static TagDef> = Vec::new();
    for _ in 0..rng.below(4) {
        let t = rng.pick(TAGS);
        if !tags.iter().any(|x| x.id == t.id) {
            tags.push(t);
        }
    }
    let mut his_tags = tags.clone();
    for _ in 0..rng.below(3) {
        let t = rng.pick(TAGS);
        if !his_tags.iter().any(|x| x.id == t.id) {
            his_tags.push(t);
        }
    }
    (tags, his_tags)
}

/// A customer made the moment it is created (arrivals): `serial` numbers its email and phone,
/// after the generated ones.
pub fn arrival(
    numbers: &Numbers,
    d: Draws,
    serial: usize,
    id: i64,
    created_ms: i64,
    tenant_id: i64,
) -> Customer {
    customer(
        numbers, d, serial, id, created_ms, tenant_id, created_ms, false,
    )
}

/// Customer `i` of its draws; `updated_ms` is the latest its `updated_at` may be.
#[allow(clippy::too_many_arguments)]
pub fn customer(
    numbers: &Numbers,
    d: Draws,
    i: usize,
    id: i64,
    created_ms: i64,
    tenant_id: i64,
    updated_ms: i64,
    imported: bool,
) -> Customer {
    let (first, last) = names(d);
    let phone = phone(numbers, d, i);
    let (source_type, source_channel_key) = source(d, i, imported);
    let (tags, his_tags) = self::tags(d);
    let mut rng = d.stream(Stream::Rest);
    let line = rng.chance(10).then(|| format!("h{}", rng.below(1_000_000)));
    // Digits, as batch_create requires of these two: what the sandbox serves, it also takes.
    let handle = |rng: &mut Rng, numbers: &Affine| {
        rng.chance(15)
            .then(|| format!("{}", HANDLE_FROM + numbers.at(i as u64)))
    };
    let messenger = handle(&mut rng, &numbers.messenger);
    let instagram = handle(&mut rng, &numbers.instagram);
    let birthday = rng.chance(40).then(|| {
        format!(
            "{}-{:02}-{:02}",
            1950 + rng.below(55),
            1 + rng.below(12),
            1 + rng.below(28)
        )
    });
    let remark = rng.chance(30).then(|| rng.pick(REMARKS).to_string());
    let gender = match rng.below(3) {
        0 => Some(0),
        1 => Some(1),
        _ => None,
    };
    let created_at = datetime(created_ms);
    let updated = created_ms + rng.below(30 * 86_400_000) as i64;
    let updated_at = datetime(updated.min(updated_ms.max(created_ms)));
    let customize_field = match rng.below(5) {
        0 => None,
        1 => Some("{}".to_string()),
        _ => Some(
            serde_json::json!({
                "customize_1_1": format!("Company {}", rng.below(100)),
                "customize_3_17": [(1 + rng.below(3)).to_string()],
                "customize_4_52": (1..=3).filter(|_| rng.chance(50)).map(|n: u64| n.to_string()).collect::<Vec<_>>(),
            })
            .to_string(),
        ),
    };

    Customer {
        id,
        first_name: first.map(String::from),
        last_name: last.map(String::from),
        full_name: full_name(first, last),
        sms_phone: phone.field(0),
        whatsapp_phone: phone.field(1),
        viber_phone: phone.field(2),
        line,
        messenger,
        instagram,
        email: email(d, i),
        country: phone.country.map(Cow::Borrowed),
        birthday,
        remark,
        source_type,
        source_channel_key,
        gender,
        created_at,
        status: u8::from(rng.chance(90)),
        updated_at,
        tags: tag_objects(&tags, id, tenant_id),
        whatsapp_subscribe: if rng.chance(70) { "1" } else { "0" },
        sms_subscribe: if rng.chance(70) { "1" } else { "0" },
        customize_field,
        tenant_id,
        weight: rng.below(10) as i64,
        lifecycle: Lifecycle {
            stage: STAGES[rng.below(STAGES.len() as u64) as usize],
            score: rng.below(100) as f64 / 100.0,
        },
        tag_defs: tags,
        his_tags,
    }
}

/// The tag objects a customer is served with.
pub fn tag_objects(tags: &[&'static TagDef], customer_id: i64, tenant_id: i64) -> Vec<Tag> {
    tags.iter()
        .map(|t| Tag {
            id: t.id,
            user_id: 195,
            tenant_id,
            group_id: t.group.map_or(0, |g| g.0),
            group_name: t.group.map(|g| g.1),
            tag_name: t.name,
            note: "",
            created_at: "2023-02-15T16:45:30",
            updated_at: "2023-02-15T16:45:30",
            customer_id,
        })
        .collect()
}

/// `YYYY-MM-DDTHH:MM:SS` for Unix milliseconds (UTC), the API's timestamp format.
pub fn datetime(unix_ms: i64) -> String {
    jiff::Timestamp::from_millisecond(unix_ms)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .strftime(CREATED_AT_FORMAT)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_data_and_ids_above_2_pow_53() {
        let a = generate(300, 7, 1);
        let b = generate(300, 7, 1);
        let c = generate(300, 8, 1);
        let json = |v: &[Customer]| serde_json::to_string(v).unwrap();
        assert_eq!(json(&a), json(&b));
        assert_ne!(json(&a), json(&c));
        assert!(a.iter().all(|c| c.id > 1 << 53));
        assert!(a
            .windows(2)
            .all(|w| w[0].id > w[1].id && w[0].created_at >= w[1].created_at));
        assert_eq!(a.len(), 300);
        let sources: std::collections::HashSet<u8> = a.iter().map(|c| c.source_type).collect();
        assert_eq!(sources.len(), 16);
        assert!(a.first().unwrap().created_at[..4] > a.last().unwrap().created_at[..4]);
    }
}
