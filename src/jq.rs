//! `--jq EXPR`: an embedded jq (jaq) that keeps 64-bit integers exact, unlike jq 1.6, which
//! turns `1021110718827683840` into `1021110718827683800`.

use anyhow::Result;
use jaq_core::load::{Arena, File, Loader};
use jaq_core::{data, unwrap_valr, Compiler, Ctx, Vars};
use jaq_json::Val;
use std::io::Write;

pub struct Jq {
    filter: jaq_core::compile::Filter<jaq_core::Native<data::JustLut<Val>>>,
    /// Strings are printed raw, as `jq -r` does; on a terminal their control characters are
    /// escaped, since they are server data.
    pub escape: bool,
}

impl std::fmt::Debug for Jq {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Jq")
    }
}

impl Jq {
    /// Compiles EXPR; the error says where it is wrong.
    pub fn compile(expr: &str) -> Result<Jq, String> {
        let defs = jaq_core::defs()
            .chain(jaq_std::defs())
            .chain(jaq_json::defs());
        // A filter over customers, not a way to read this machine: no `env` (which would show
        // the access secret) and no `$ENV` (never defined).
        let funs = jaq_core::funs()
            .chain(jaq_std::funs().filter(|f| f.0 != "env"))
            .chain(jaq_json::funs().filter(|f| f.0 != "fromjson"))
            .chain([fromjson()]);
        let arena = Arena::default();
        let modules = Loader::new(defs)
            .load(
                &arena,
                File {
                    code: expr,
                    path: (),
                },
            )
            .map_err(|errors| {
                let messages: Vec<String> = errors
                    .into_iter()
                    .map(|(_, e)| {
                        let (what, at) = load_error(&e, expr);
                        describe(expr, &what, at)
                    })
                    .collect();
                messages.join("; ")
            })?;
        let filter = Compiler::default()
            .with_funs(funs)
            .compile(modules)
            .map_err(|errors| {
                let messages: Vec<String> = errors
                    .into_iter()
                    .flat_map(|(_, errs)| errs.into_iter())
                    .map(|(name, undefined)| {
                        let at = offset(expr, name);
                        describe(
                            expr,
                            &format!("{} {name} is not defined", undefined.as_str()),
                            at,
                        )
                    })
                    .collect();
                messages.join("; ")
            })?;
        Ok(Jq {
            filter,
            escape: false,
        })
    }

    /// Runs on one JSON input and writes each result on its own line: strings raw, other values
    /// as compact JSON.
    pub fn run(&self, json: &[u8], out: &mut dyn Write) -> Result<()> {
        let input = jaq_json::read::parse_single(json).map_err(|e| {
            crate::error::Error::Malformed(format!(
                "jq cannot read an item ({e}): {}",
                crate::error::excerpt(json)
            ))
        })?;
        let ctx = Ctx::<data::JustLut<Val>>::new(&self.filter.lut, Vars::new([]));
        for result in self.filter.id.run((ctx, input)).map(unwrap_valr) {
            let value = result.map_err(|e| {
                crate::error::Error::Output(format!(
                    "jq: {}",
                    crate::error::server_text(&e.to_string())
                ))
            })?;
            match &value {
                Val::TStr(s) | Val::BStr(s) if self.escape => {
                    let text = String::from_utf8_lossy(s);
                    out.write_all(crate::error::escape_control(&text).as_bytes())?
                }
                Val::TStr(s) | Val::BStr(s) => out.write_all(s)?,
                other if self.escape => {
                    let text = other.to_string();
                    out.write_all(crate::error::json_for_terminal(&text).as_bytes())?
                }
                other => write!(out, "{other}")?,
            }
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// `fromjson`, refusing text nested deeper than the items nxcdp accepts: `customize_field` is JSON
/// a server sends in a string, and `fromjson` on ten thousand brackets would overflow the stack.
fn fromjson() -> jaq_core::native::Fun<data::JustLut<Val>> {
    jaq_core::native::run(("fromjson", jaq_core::native::v(0), |cv| {
        let text = match &cv.1 {
            Val::TStr(s) | Val::BStr(s) => s.clone(),
            other => {
                let e = jaq_json::Error::str(format_args!("cannot parse {other} as JSON"));
                return jaq_core::native::bome(Err(e));
            }
        };
        let deep = std::str::from_utf8(&text)
            .map(crate::transport::depth)
            .unwrap_or(0);
        if deep > crate::transport::MAX_DEPTH {
            let e = jaq_json::Error::str(format_args!(
                "fromjson: the text nests arrays or objects {deep} levels deep; at most {} are read",
                crate::transport::MAX_DEPTH
            ));
            return jaq_core::native::bome(Err(e));
        }
        let values: Vec<_> = jaq_json::read::parse_many(&text)
            .map(|r| {
                r.map_err(|e| {
                    let e =
                        jaq_json::Error::str(format_args!("cannot parse the text as JSON: {e}"));
                    jaq_core::Exn::from(e)
                })
            })
            .collect();
        Box::new(values.into_iter())
    }))
}

/// What a load error expected, and where in EXPR.
fn load_error(e: &jaq_core::load::Error<&str>, expr: &str) -> (String, Option<usize>) {
    use jaq_core::load::Error;
    let first = match e {
        Error::Lex(errs) => errs
            .first()
            .map(|(expect, at)| (expect.as_str().to_string(), *at)),
        Error::Parse(errs) => errs
            .first()
            .map(|(expect, at)| (expect.as_str().to_string(), *at)),
        _ => None,
    };
    match first {
        Some((expected, at)) => (
            format!("syntax error: expected {expected}"),
            offset(expr, at),
        ),
        None => ("cannot load the expression".to_string(), None),
    }
}

/// Where the slice `part` (borrowed from `expr`) starts in it.
fn offset(expr: &str, part: &str) -> Option<usize> {
    let start = part.as_ptr() as usize;
    let base = expr.as_ptr() as usize;
    (base..=base + expr.len())
        .contains(&start)
        .then(|| start - base)
}

fn describe(expr: &str, what: &str, at: Option<usize>) -> String {
    match at {
        Some(at) => {
            let column = expr[..at.min(expr.len())].chars().count() + 1;
            format!(
                "{what} at column {column}:\n  {}\n  {}^",
                crate::error::escape_control(expr),
                " ".repeat(column - 1)
            )
        }
        None => what.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(expr: &str, input: &str) -> String {
        let mut out = Vec::new();
        Jq::compile(expr)
            .unwrap()
            .run(input.as_bytes(), &mut out)
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn ids_stay_exact_and_strings_are_raw() {
        let c = r#"{"id":1021110718827683840,"email":"a@b","tags":[{"tag_name":"vip"}]}"#;
        assert_eq!(run(".id", c), "1021110718827683840\n");
        assert_eq!(run(".email", c), "a@b\n");
        assert_eq!(
            run("{id, email}", c),
            "{\"id\":1021110718827683840,\"email\":\"a@b\"}\n"
        );
        assert_eq!(run("select(any(.tags[]; .tag_name == \"x\")) | .id", c), "");
        assert_eq!(run(".[] | .id", r#"[{"id":1},{"id":2}]"#), "1\n2\n");
    }

    #[test]
    fn syntax_errors_say_where() {
        let e = Jq::compile(".id | (").unwrap_err();
        assert!(e.contains("column"), "{e}");
        let e = Jq::compile("nosuchfn(1)").unwrap_err();
        assert!(e.contains("nosuchfn"), "{e}");
    }
}
