//! `POST /saas/cdp/openapi/customers/batch_create` (API.md section 8): 1 to 100 customers, each
//! checked against the documented limits (and `--refuse-names`, a rule only the server knows).
//! One invalid customer refuses the whole batch with 1002 and nothing of it is applied. An
//! incoming customer with an identity key equal to a stored customer's is that customer, and
//! `type` decides: replace it, merge into it, or keep it.

use super::arrivals::MAX_NEW_TAGS;
use super::data::{datetime, tag_objects, Customer, Lifecycle, TagDef, TAGS};
use super::{Refusal, Sandbox};
use crate::wire::{
    ApiCode, OnExisting, Text, BATCH_MAX_CUSTOMERS, IDENTITY_KEYS, NEW_CUSTOMER_KEYS,
};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method};
use axum::response::Response;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// A batch, checked.
struct Batch {
    on_existing: OnExisting,
    tenant_id: i64,
    app_key: String,
    customers: Vec<Incoming>,
}

/// One customer of a batch, checked: its non-empty string values by key, and its gender.
struct Incoming {
    values: HashMap<&'static str, String>,
    gender: Option<u8>,
}

impl Incoming {
    fn identity(&self) -> [Option<&String>; 6] {
        IDENTITY_KEYS.map(|key| self.values.get(key))
    }

    /// The names in `tagStr`, each once.
    fn tag_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        let all = self.values.get("tagStr").map_or("", String::as_str);
        for name in all.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }
}

pub(super) async fn batch_create(
    State(sb): State<Arc<Sandbox>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(fault) = sb.begin().await {
        return fault;
    }
    let create = || {
        sb.authenticate(&Method::POST, &headers, &body)?;
        let refuse_names = sb.config.new_customers.refuse_names.as_deref();
        let batch = parse(&body, refuse_names).map_err(|m| Refusal(ApiCode::ParameterError, m))?;
        sb.check_tenant(batch.tenant_id, &batch.app_key)?;
        sb.apply(&batch)
    };
    match create() {
        // The API's answer lists nothing: no ids, no per-customer results.
        Ok(()) => sb.reply(0, Some(String::new()), Some("")),
        Err(Refusal(code, message)) => sb.reply::<()>(code.code(), Some(message), None),
    }
}

fn parse(body: &[u8], refuse_names: Option<&str>) -> Result<Batch, String> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| format!("body is not valid JSON: {e}"))?;
    let Value::Object(map) = value else {
        return Err("body must be a JSON object".into());
    };
    let get = |key: &str| map.get(key).filter(|v| !v.is_null());
    let on_existing = match get("type") {
        None => return Err("type is required: 0 (replace), 1 (merge) or 2 (keep)".into()),
        Some(v) => v
            .as_i64()
            .and_then(OnExisting::from_type)
            .ok_or_else(|| format!("type must be 0, 1 or 2, got {v}"))?,
    };
    let tenant_id = match get("tenant_id") {
        None => return Err("tenant_id is required".into()),
        Some(v) => v.as_i64().ok_or("tenant_id must be an integer")?,
    };
    let app_key = match get("app_key") {
        None => return Err("app_key is required".into()),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err("app_key must be a string".into()),
    };
    if get("strict_binding").is_some_and(|v| !v.is_boolean()) {
        return Err("strict_binding must be true or false".into());
    }
    let Some(Value::Array(list)) = get("customers") else {
        return Err(format!(
            "customers is required: an array of 1 to {BATCH_MAX_CUSTOMERS} customers"
        ));
    };
    if list.is_empty() || list.len() > BATCH_MAX_CUSTOMERS {
        return Err(format!(
            "customers must hold 1 to {BATCH_MAX_CUSTOMERS} customers, got {}",
            list.len()
        ));
    }
    let customers = list
        .iter()
        .enumerate()
        .map(|(i, c)| incoming(c, refuse_names).map_err(|why| format!("customers[{i}]{why}")))
        .collect::<Result<_, _>>()?;
    Ok(Batch {
        on_existing,
        tenant_id,
        app_key,
        customers,
    })
}

/// One customer; the error goes after `customers[i]`.
fn incoming(value: &Value, refuse_names: Option<&str>) -> Result<Incoming, String> {
    let Value::Object(map) = value else {
        return Err(" must be an object".into());
    };
    let mut values = HashMap::new();
    for (key, text) in NEW_CUSTOMER_KEYS {
        let given = match map.get(key) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) => s,
            Some(_) => return Err(format!(".{key} must be a string")),
        };
        // An empty cell of a spreadsheet is no value.
        if given.is_empty() {
            continue;
        }
        check(text, given).map_err(|why| format!(".{key} {why}"))?;
        values.insert(key, given.clone());
    }
    let gender = match map.get("gender") {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_i64() {
            Some(g @ 0..=1) => Some(g as u8),
            _ => return Err(".gender must be 0 (female) or 1 (male)".into()),
        },
    };
    let Some(full_name) = values.get("full_name") else {
        return Err(".full_name is required".into());
    };
    if refuse_names.is_some_and(|text| full_name.contains(text)) {
        return Err(" cannot be created".into());
    }
    if IDENTITY_KEYS.iter().all(|key| !values.contains_key(key)) {
        return Err(format!(" needs one of {}", IDENTITY_KEYS.join(", ")));
    }
    Ok(Incoming { values, gender })
}

/// Whether a value keeps its key's limit; the error says what the limit is.
fn check(text: Text, given: &str) -> Result<(), String> {
    let ok = match text {
        Text::Chars(n) => given.chars().count() <= n,
        Text::Digits(n) => given.len() <= n && given.bytes().all(|b| b.is_ascii_digit()),
        Text::Date => given.len() == 10 && jiff::civil::Date::strptime("%Y-%m-%d", given).is_ok(),
        Text::JsonObject => serde_json::from_str::<Map<String, Value>>(given).is_ok(),
        Text::TagNames => true,
    };
    if ok {
        return Ok(());
    }
    Err(match text {
        Text::Chars(n) => format!("must be at most {n} characters"),
        Text::Digits(n) => format!("must be digits only, at most {n}"),
        Text::Date => "must be a date, yyyy-MM-dd".into(),
        Text::JsonObject => "must be a JSON object encoded as a string".into(),
        Text::TagNames => "must be tag names separated by commas".into(),
    })
}

impl Sandbox {
    /// Applies a checked batch, all of it, under the locks: no query sees half a batch.
    fn apply(&self, batch: &Batch) -> Result<(), Refusal> {
        let mut maker = self.maker.lock().expect("the maker is never poisoned");
        let mut store = self.store.write().expect("the store is never poisoned");
        let known = |name: &str, made: &[&'static TagDef]| {
            TAGS.iter()
                .chain(made.iter().copied())
                .find(|t| t.name == name)
        };
        // New tags are made before anything changes, so that too many refuses the whole batch.
        let mut unknown: Vec<&str> = Vec::new();
        for name in batch.customers.iter().flat_map(Incoming::tag_names) {
            if known(name, &maker.tags).is_none() && !unknown.contains(&name) {
                unknown.push(name);
            }
        }
        if maker.tags.len() + unknown.len() > MAX_NEW_TAGS {
            return Err(Refusal(
                ApiCode::ParameterError,
                format!("this sandbox makes at most {MAX_NEW_TAGS} new tags in a run"),
            ));
        }
        let first_id = TAGS.iter().map(|t| t.id).max().unwrap_or(0) + 1;
        for name in unknown {
            // Kept for the run, as customers are; bounded by MAX_NEW_TAGS.
            let tag = TagDef {
                id: first_id + maker.tags.len() as i64,
                name: Box::leak(name.to_string().into_boxed_str()),
                group: None,
            };
            maker.tags.push(Box::leak(Box::new(tag)));
        }
        let now = self.now_ms();
        for new in &batch.customers {
            let tags: Vec<&'static TagDef> = new
                .tag_names()
                .into_iter()
                .filter_map(|name| known(name, &maker.tags))
                .collect();
            match (store.existing(&new.identity()), batch.on_existing) {
                (None, _) => {
                    let id = maker.id(&store, now);
                    let mut c = blank(id, now, self.config.tenant_id);
                    update(&mut c, new, tags, true, now);
                    maker.store(&mut store, c, now, "batch_create");
                }
                (Some(_), OnExisting::Keep) => {}
                (Some(i), kind) => {
                    let mut c = store.get(i).into_owned();
                    update(&mut c, new, tags, kind == OnExisting::Replace, now);
                    store.replace(i, c);
                }
            }
        }
        Ok(())
    }
}

/// A customer created now through the API: `source_type` 6, nothing else known yet.
fn blank(id: i64, created_ms: i64, tenant_id: i64) -> Customer {
    Customer {
        id,
        first_name: None,
        last_name: None,
        full_name: None,
        sms_phone: None,
        whatsapp_phone: None,
        viber_phone: None,
        line: None,
        messenger: None,
        instagram: None,
        email: None,
        country: None,
        birthday: None,
        remark: None,
        source_type: 6,
        source_channel_key: None,
        gender: None,
        created_at: datetime(created_ms),
        status: 1,
        updated_at: datetime(created_ms),
        tags: Vec::new(),
        whatsapp_subscribe: "1",
        sms_subscribe: "1",
        customize_field: None,
        tenant_id,
        weight: 0,
        lifecycle: Lifecycle {
            stage: "lead",
            score: 0.0,
        },
        tag_defs: Vec::new(),
        his_tags: Vec::new(),
    }
}

/// Writes `new` into `c`: every field when `replace` (those not given become null, the tags
/// those of `tagStr`), else only the fields given (tags and custom fields added to the old).
/// The id, `created_at`, `source_type` and the tags ever held stay.
fn update(c: &mut Customer, new: &Incoming, tags: Vec<&'static TagDef>, replace: bool, now: i64) {
    let set = |field: &mut Option<String>, key: &str| match new.values.get(key) {
        Some(v) => *field = Some(v.clone()),
        None if replace => *field = None,
        None => {}
    };
    set(&mut c.full_name, "full_name");
    set(&mut c.first_name, "first_name");
    set(&mut c.last_name, "last_name");
    set(&mut c.sms_phone, "sms_phone");
    set(&mut c.whatsapp_phone, "whats_app_phone");
    set(&mut c.viber_phone, "viber_phone");
    set(&mut c.messenger, "messenger");
    set(&mut c.instagram, "instagram");
    set(&mut c.line, "line");
    set(&mut c.email, "email");
    set(&mut c.birthday, "birthday");
    set(&mut c.remark, "remark");
    let mut country = c.country.as_ref().map(|s| s.to_string());
    set(&mut country, "country");
    c.country = country.map(Into::into);
    if new.gender.is_some() || replace {
        c.gender = new.gender;
    }
    let merged_fields = match (
        replace,
        &c.customize_field,
        new.values.get("customize_field"),
    ) {
        (false, Some(old), Some(given)) => merge_objects(old, given),
        (false, old, None) => old.clone(),
        (_, _, given) => given.cloned(),
    };
    c.customize_field = merged_fields;
    if replace {
        c.tag_defs.clear();
    }
    for tag in tags {
        if !c.tag_defs.iter().any(|t| t.id == tag.id) {
            c.tag_defs.push(tag);
        }
        if !c.his_tags.iter().any(|t| t.id == tag.id) {
            c.his_tags.push(tag);
        }
    }
    c.tags = tag_objects(&c.tag_defs, c.id, c.tenant_id);
    c.updated_at = datetime(now);
}

/// The keys of the JSON object `given` set on top of those of `old` (the new one alone when the
/// old is not an object).
fn merge_objects(old: &str, given: &str) -> Option<String> {
    let parse = |s: &str| serde_json::from_str::<Map<String, Value>>(s).ok();
    let (Some(mut merged), Some(given)) = (parse(old), parse(given)) else {
        return Some(given.to_string());
    };
    merged.extend(given);
    serde_json::to_string(&merged).ok()
}
