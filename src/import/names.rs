//! Which batch_create key each column (CSV) or key (JSON) of the input is. Names are matched
//! without regard to case and surrounding spaces: batch_create's own (`whats_app_phone`,
//! `tagStr`), the query's (`whatsApp_phone`, `tags`, `customize_field`), the columns that
//! `customers query -o csv` writes for custom fields (their labels, in either language, or their
//! keys, and `other_custom_fields`), and `--map`'s. The field list is fetched only when a name
//! is none of the fixed ones.

use super::map::map_arg;
#[cfg(test)]
use super::map::parse_map;
use super::row::shown;
use crate::customer::{CustomField, Labels, FIELDS};
use crate::error::Error;
use crate::output::OTHER_CUSTOM_FIELDS;
use crate::wire::NEW_CUSTOMER_KEYS;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// What a column or key becomes.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A batch_create key (`full_name`, `whats_app_phone`, `tagStr`), by its place in
    /// [`NEW_CUSTOMER_KEYS`].
    Key(usize),
    /// `gender`, batch_create's one number.
    Gender,
    /// The query's `tags`: names (`;` between them in a cell) or tag objects; into `tagStr`.
    Tags,
    /// A JSON object, or its text, whose keys go into `customize_field` (`customize_field`
    /// itself, `other_custom_fields`).
    CustomObject,
    /// One custom field.
    Custom(Arc<FieldDef>),
    /// A custom field's key that the field list does not name (`customize_9_99`, which `-o csv`
    /// gives a column of its own): its value goes into `customize_field` under that key, read
    /// as [`crate::customer::unlisted_value`].
    Unlisted(Arc<str>),
    /// A field batch_create cannot set (`id`, `created_at`, ...): dropped, named in a note.
    Dropped,
    /// The columns a rejects file adds: left out.
    Ignored,
    /// A column under no name (a header cell left empty): its cells hold nothing, or the row
    /// is rejected (a cell's text with no field to go to).
    Nameless,
    /// A name nxcdp does not know.
    Unknown,
}

/// A custom field of the tenant's field list.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDef {
    /// Its key inside `customize_field`.
    pub key: String,
    /// 2 number, 3 single choice, 4 multiple choice; others hold text.
    pub field_type: i64,
    /// (id, label) of a choice field's options.
    pub options: Vec<(String, String)>,
}

/// The columns a rejects file adds to the rows it holds.
pub const REJECT_LINE: &str = "input_line";
pub const REJECT_REASON: &str = "reject_reason";
/// A sheet's rejects file in JSON lines: the cells of a rejected row that were under no name in
/// the header, by their place in Excel (`{"D2": "note"}`); left out, with a note, when imported.
pub const REJECT_CELLS: &str = "reject_cells_without_header";

/// The place of a batch_create key in [`NEW_CUSTOMER_KEYS`]; a name that is none is a bug.
pub const fn at(name: &str) -> usize {
    let mut i = 0;
    while i < NEW_CUSTOMER_KEYS.len() {
        let (key, name) = (NEW_CUSTOMER_KEYS[i].0.as_bytes(), name.as_bytes());
        let mut same = key.len() == name.len();
        let mut j = 0;
        while same && j < key.len() {
            same = key[j] == name[j];
            j += 1;
        }
        if same {
            return i;
        }
        i += 1;
    }
    panic!("not a batch_create key")
}

/// `customize_field`'s place.
pub const CUSTOMIZE_FIELD: usize = at("customize_field");

/// The target of a batch_create key by its name.
pub fn key(name: &str) -> Target {
    Target::Key(at(name))
}

/// The names of fixed meaning, `None` for the others.
fn fixed(name: &str) -> Option<Target> {
    let is = |known: &str| known.eq_ignore_ascii_case(name);
    if let Some(at) = NEW_CUSTOMER_KEYS.iter().position(|(key, _)| is(key)) {
        return Some(match at {
            CUSTOMIZE_FIELD => Target::CustomObject,
            at => Target::Key(at),
        });
    }
    Some(match name {
        _ if is("gender") => Target::Gender,
        _ if is("whatsApp_phone") => key("whats_app_phone"),
        _ if is("tags") => Target::Tags,
        _ if is(OTHER_CUSTOM_FIELDS) => Target::CustomObject,
        _ if is(REJECT_LINE) || is(REJECT_REASON) => Target::Ignored,
        _ if name.trim().is_empty() => Target::Nameless,
        _ if is(REJECT_CELLS) => Target::Dropped,
        _ if FIELDS.iter().any(|f| is(f)) => Target::Dropped,
        _ => return None,
    })
}

/// A custom field found by a label (or, for a preset field, the key it stands for).
struct Labelled {
    labels: Vec<String>,
    target: Target,
}

/// Fetches the tenant's field list.
type Fetch<'a> = Box<dyn FnMut() -> Result<Vec<Box<RawValue>>, Error> + 'a>;

/// Resolves names, fetching the field list the first time a name is not a fixed one.
pub struct Names<'a> {
    /// `--map`: (column, target name).
    map: Vec<(String, String)>,
    /// Which of `map`'s columns a name of the input was.
    used: Vec<bool>,
    fields: Option<Vec<Labelled>>,
    fetch: Option<Fetch<'a>>,
    /// Names already resolved, as written in the input.
    cache: HashMap<String, Target>,
}

impl<'a> Names<'a> {
    pub fn new(
        map: Vec<(String, String)>,
        fetch: impl FnMut() -> Result<Vec<Box<RawValue>>, Error> + 'a,
    ) -> Names<'a> {
        Names {
            used: vec![false; map.len()],
            map,
            fields: None,
            fetch: Some(Box::new(fetch)),
            cache: HashMap::new(),
        }
    }

    /// The same names, resolved as far as they are, without a way to fetch the field list: for
    /// reading the input again, when every name it holds was resolved the first time.
    pub fn settled(self) -> Names<'static> {
        Names {
            map: self.map,
            used: self.used,
            fields: self.fields,
            fetch: None,
            cache: self.cache,
        }
    }

    /// Whether a name resolved so far needed the field list.
    #[cfg(test)]
    pub fn fetched(&self) -> bool {
        self.fields.is_some()
    }

    /// `name`'s target. `Ok(None)` when it is not known and the field list cannot be fetched
    /// here ([`Names::settled`]).
    pub fn resolve(&mut self, name: &str) -> Result<Option<Target>, Error> {
        if let Some(target) = self.cache.get(name) {
            return Ok(Some(target.clone()));
        }
        let trimmed = name.trim();
        let is = |from: &String| from.trim().eq_ignore_ascii_case(trimmed);
        let mapped = self.map.iter().position(|(from, _)| is(from));
        // A column given twice by `--map` (to the same field) is used by each.
        for (used, (from, _)) in self.used.iter_mut().zip(&self.map) {
            *used |= is(from);
        }
        let target = match mapped.map(|i| self.map[i].1.clone()) {
            Some(to) => match self.lookup(&to)? {
                Some(Target::Unknown) => {
                    return Err(Error::Usage(format!(
                        "--map: {} is not a field nxcdp can import; name a batch_create key \
                         (full_name, sms_phone, whats_app_phone, email, tagStr, ...), a query \
                         field or a custom field (`nxcdp customers fields` lists them)",
                        shown(&to)
                    )))
                }
                found => found,
            },
            None => self.lookup(trimmed)?,
        };
        if let Some(target) = &target {
            self.cache.insert(name.to_string(), target.clone());
        }
        Ok(target)
    }

    /// `name`'s target when it is known without the field list: a fixed name, or one resolved
    /// before. `None` otherwise, and for a name `--map` mentions. A fixed name is remembered, so
    /// that a key every row repeats is looked up once.
    pub fn known(&mut self, name: &str) -> Option<Target> {
        if let Some(target) = self.cache.get(name) {
            return Some(target.clone());
        }
        let target = (!self.mapped(name)).then(|| fixed(name.trim())).flatten()?;
        self.cache.insert(name.to_string(), target.clone());
        Some(target)
    }

    /// A `--map` column that no column (or key) of the input is: refused (exit 2), with the
    /// input's name nearest to it.
    pub fn unused_map(&self) -> Result<(), Error> {
        let Some(i) = self.used.iter().position(|used| !used) else {
            return Ok(());
        };
        let column = &self.map[i].0;
        let mut names: Vec<&str> = self.cache.keys().map(String::as_str).collect();
        names.sort_unstable();
        let near = crate::error::near(column, names)
            .map(|n| format!(" (did you mean {}?)", shown(n)))
            .unwrap_or_default();
        Err(Error::Usage(format!(
            "--map: the input has no column {}{near}; name a column of its header (or a key of its rows), whatever its case",
            shown(column)
        )))
    }

    /// Whether `--map` names this column.
    pub fn mapped(&self, name: &str) -> bool {
        let name = name.trim();
        self.map
            .iter()
            .any(|(from, _)| from.trim().eq_ignore_ascii_case(name))
    }

    fn lookup(&mut self, name: &str) -> Result<Option<Target>, Error> {
        if let Some(target) = fixed(name) {
            return Ok(Some(target));
        }
        if self.fields.is_none() {
            let Some(fetch) = self.fetch.as_mut() else {
                return Ok(None);
            };
            // An API or network error keeps its own kind (and exit code).
            let list = fetch().map_err(|e| match e {
                Error::Usage(why) => Error::Usage(format!(
                    "column {} is not a customer field, and the field list that could name it as a custom field cannot be fetched: {why}",
                    shown(name)
                )),
                other => other,
            })?;
            self.fields = Some(field_defs(&list));
        }
        let fields = self.fields.as_deref().unwrap_or_default();
        let found: Vec<&Labelled> = fields
            .iter()
            .filter(|f| f.labels.iter().any(|l| l.trim().eq_ignore_ascii_case(name)))
            .collect();
        match found.as_slice() {
            [] => Ok(Some(unlisted(name).unwrap_or(Target::Unknown))),
            [one] => Ok(Some(one.target.clone())),
            [first, ..] if found.iter().all(|f| f.target == first.target) => {
                Ok(Some(first.target.clone()))
            }
            several => {
                let keys: Vec<String> = several.iter().map(|f| f.labels[0].clone()).collect();
                Err(Error::Usage(format!(
                    "column {} is the label of several custom fields ({}); say which with {}",
                    shown(name),
                    keys.join(", "),
                    map_arg(name, "KEY")
                )))
            }
        }
    }
}

/// A custom field's key by its shape, `customize_` and numbers joined by `_` (`customize_9_99`),
/// whatever the case of `customize_`.
fn unlisted(name: &str) -> Option<Target> {
    let prefix = name.get(.."customize_".len())?;
    let numbers = &name[prefix.len()..];
    let shaped = prefix.eq_ignore_ascii_case("customize_")
        && numbers
            .split('_')
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    shaped.then(|| Target::Unlisted(format!("customize_{numbers}").into()))
}

/// The fields of a field list as names lead to them: a custom field by its key and its labels,
/// a preset field (`Phone`) by its labels to the fixed name it stands for (`sms_phone`).
fn field_defs(list: &[Box<RawValue>]) -> Vec<Labelled> {
    list.iter()
        .filter_map(|raw| {
            let field: Map<String, Value> = serde_json::from_str(raw.get()).ok()?;
            let key = field.get("name")?.as_str()?.to_string();
            let labels = ["display_en_name", "display_name"]
                .iter()
                .filter_map(|k| field.get(*k).and_then(Value::as_str))
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string);
            let labels: Vec<String> = std::iter::once(key.clone()).chain(labels).collect();
            let target = match field.get("is_preset").and_then(Value::as_bool) {
                Some(false) => {
                    let options = CustomField::from_api(raw.get(), Labels::Key)?.options;
                    Target::Custom(Arc::new(FieldDef {
                        key,
                        field_type: field.get("field_type").and_then(Value::as_i64).unwrap_or(1),
                        options,
                    }))
                }
                _ => fixed(&key).filter(|t| !matches!(t, Target::Dropped | Target::Ignored))?,
            };
            Some(Labelled { labels, target })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_list() -> Vec<Box<RawValue>> {
        let fields = [
            r#"{"name":"sms_phone","display_name":"手机号","display_en_name":"Phone","is_preset":true,"field_type":1}"#,
            r#"{"name":"customize_3_17","display_name":"套餐","display_en_name":"Plan","is_preset":false,"field_type":3,"field_type_info":"[{\"id\":\"1\",\"name\":\"Free\"},{\"id\":\"2\",\"name\":\"Pro\"}]"}"#,
            r#"{"name":"customize_1_1","display_name":"公司","display_en_name":"Company","is_preset":false,"field_type":1}"#,
            r#"{"name":"customize_1_2","display_name":"X","display_en_name":"Company","is_preset":false,"field_type":1}"#,
        ];
        fields
            .iter()
            .map(|f| RawValue::from_string(f.to_string()).unwrap())
            .collect()
    }

    #[test]
    fn fixed_names_need_no_field_list() {
        let mut names = Names::new(vec![], || panic!("no fetch"));
        for (name, target) in [
            (" WhatsApp_Phone ", key("whats_app_phone")),
            ("whats_app_phone", key("whats_app_phone")),
            ("tagstr", key("tagStr")),
            ("Tags", Target::Tags),
            ("customize_field", Target::CustomObject),
            ("other_custom_fields", Target::CustomObject),
            ("created_at", Target::Dropped),
            ("input_line", Target::Ignored),
            ("gender", Target::Gender),
        ] {
            assert_eq!(names.resolve(name).unwrap(), Some(target), "{name}");
        }
        assert!(!names.fetched());
    }

    #[test]
    fn labels_keys_and_map_through_the_field_list_fetched_once() {
        let mut fetched = 0;
        let map = parse_map("Handy = sms_phone, Tarif=Plan").unwrap();
        let mut names = Names::new(map, || {
            fetched += 1;
            Ok(field_list())
        });
        let plan = names.resolve("plan").unwrap().unwrap();
        assert!(
            matches!(&plan, Target::Custom(f) if f.key == "customize_3_17" && f.options.len() == 2)
        );
        assert_eq!(names.resolve("套餐").unwrap(), Some(plan.clone()));
        assert_eq!(names.resolve("CUSTOMIZE_3_17").unwrap(), Some(plan.clone()));
        assert_eq!(names.resolve("tarif").unwrap(), Some(plan));
        assert_eq!(names.resolve("Phone").unwrap(), Some(key("sms_phone")));
        assert_eq!(names.resolve("handy").unwrap(), Some(key("sms_phone")));
        assert_eq!(names.resolve("nope").unwrap(), Some(Target::Unknown));
        // A key the field list lost is still a custom field's; a name only like one is not.
        let lost = Target::Unlisted("customize_9_99".into());
        assert_eq!(names.resolve(" Customize_9_99").unwrap(), Some(lost));
        for other in ["customize_9_", "customize_x", "customize_", "customize__1"] {
            assert_eq!(
                names.resolve(other).unwrap(),
                Some(Target::Unknown),
                "{other}"
            );
        }
        let ambiguous = names.resolve("Company").unwrap_err().to_string();
        assert!(ambiguous.contains("several custom fields"), "{ambiguous}");
        let mut later = names.settled();
        assert_eq!(later.resolve("Handy").unwrap(), Some(key("sms_phone")));
        drop(later);
        assert_eq!(fetched, 1);
    }

    #[test]
    fn a_map_to_an_unknown_field_is_refused() {
        let mut names = Names::new(parse_map("a=nope").unwrap(), || Ok(field_list()));
        let err = names.resolve("A").unwrap_err().to_string();
        assert!(err.starts_with("--map: \"nope\" is not a field"), "{err}");
        // A --map column the input does not have.
        let mut names = Names::new(parse_map("Phone mobile=sms_phone").unwrap(), || {
            Ok(field_list())
        });
        assert_eq!(
            names.resolve("Phone, mobile").unwrap(),
            Some(Target::Unknown)
        );
        let err = names.unused_map().unwrap_err().to_string();
        let mut twice = Names::new(parse_map("Name=full_name,name =FULL_NAME").unwrap(), || {
            Ok(field_list())
        });
        assert_eq!(twice.resolve("NAME").unwrap(), Some(key("full_name")));
        assert!(
            twice.unused_map().is_ok(),
            "a column given twice is used by both"
        );
        assert!(
            err.starts_with(
                "--map: the input has no column \"Phone mobile\" (did you mean \"Phone, mobile\"?)"
            ),
            "{err}"
        );
    }
}
