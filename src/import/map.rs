//! `--map`: its text read into pairs of a column and the field it holds, every `--map` given as
//! one list, and a pair written back as a hint shows it, in a form that reads back the same.

use super::row::shown;
use crate::error::{escape_control, Error};

/// Every `--map` given, as one list; a column mapped to two fields is refused (exit 2), since
/// which of the two it holds cannot be told.
pub fn one_map(maps: &[Vec<(String, String)>]) -> Result<Vec<(String, String)>, Error> {
    let all: Vec<(String, String)> = maps.iter().flatten().cloned().collect();
    for (i, (from, to)) in all.iter().enumerate() {
        let again = all[..i].iter().find(|(earlier, other)| {
            earlier.eq_ignore_ascii_case(from) && !other.eq_ignore_ascii_case(to)
        });
        if let Some((_, other)) = again {
            return Err(Error::Usage(format!(
                "--map: column {} is mapped twice, to {} and to {}; map it once",
                shown(from),
                shown(other),
                shown(to)
            )));
        }
    }
    Ok(all)
}

/// `--map 'Phone=sms_phone,Name=full_name'`: pairs of a column and the name it stands for. A
/// field's name never holds `=`, so the last `=` of a pair separates, and a pair ends at the
/// first comma after an `=`: a column may hold `=` (`Mail=Work=email`) or a comma before it
/// (`Phone, mobile=sms_phone`). A pair in double quotes, as in CSV (`""` a quote inside), may
/// hold anything (`"a=b,c=email"`); [`map_arg`] writes a pair so.
pub fn parse_map(text: &str) -> Result<Vec<(String, String)>, String> {
    let wrong = |pair: &str| {
        format!("{pair:?} is not COLUMN=FIELD; write e.g. --map 'Phone=sms_phone,Name=full_name'")
    };
    let mut pairs = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
        if rest.is_empty() {
            return Ok(pairs);
        }
        let pair = match rest.strip_prefix('"') {
            Some(quoted) => {
                let (pair, after) = unquote(quoted).ok_or_else(|| wrong(rest))?;
                let after = after.trim_start();
                if !after.is_empty() && !after.starts_with(',') {
                    return Err(wrong(rest));
                }
                rest = after;
                pair
            }
            None => {
                let end = rest
                    .find('=')
                    .and_then(|eq| rest[eq..].find(',').map(|c| eq + c));
                let (pair, after) = rest.split_at(end.unwrap_or(rest.len()));
                rest = after;
                pair.to_string()
            }
        };
        match pair.rsplit_once('=') {
            Some((from, to)) if !from.trim().is_empty() && !to.trim().is_empty() => {
                pairs.push((from.trim().to_string(), to.trim().to_string()))
            }
            _ => return Err(wrong(&pair)),
        }
    }
}

/// The text of a CSV-quoted string whose opening quote is gone, and what follows its closing
/// quote; `None` when it never closes.
fn unquote(text: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' if chars.peek().is_some_and(|(_, next)| *next == '"') => {
                out.push('"');
                chars.next();
            }
            '"' => return Some((out, &text[i + 1..])),
            c => out.push(c),
        }
    }
    None
}

/// A pair as `--map` takes it back ([`parse_map`]): as it is when it reads back so, else in
/// double quotes.
pub fn pair_text(column: &str, field: &str) -> String {
    let plain = format!("{column}={field}");
    let wanted = [(column.trim().to_string(), field.to_string())];
    match parse_map(&plain) {
        Ok(read) if read == wanted => plain,
        _ => format!("\"{}\"", plain.replace('"', "\"\"")),
    }
}

/// `--map COLUMN=FIELD` as a POSIX shell reads it, for a hint: [`pair_text`] in single quotes.
pub fn map_arg(column: &str, field: &str) -> String {
    let pair = pair_text(column, field);
    format!("--map '{}'", escape_control(&pair.replace('\'', "'\\''")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_read_and_a_column_mapped_twice_is_refused() {
        assert!(parse_map("a").is_err() && parse_map("=x").is_err());
        assert_eq!(parse_map("a=b,").unwrap().len(), 1);
        let maps = |texts: &[&str]| {
            one_map(
                &texts
                    .iter()
                    .map(|t| parse_map(t).unwrap())
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            maps(&["Name=full_name", "name=FULL_NAME"]).unwrap().len(),
            2
        );
        let err = maps(&["Name=full_name,Phone=sms_phone", " NAME =email"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--map: column \"NAME\" is mapped twice, to \"full_name\" and to \"email\"; map it once"
        );
    }

    #[test]
    fn a_column_may_hold_commas_equals_and_quotes() {
        let pairs = |text: &str| parse_map(text).unwrap();
        let owned = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        assert_eq!(
            pairs("Phone, mobile=sms_phone, Mail=Work=email,Name=full_name"),
            owned(&[
                ("Phone, mobile", "sms_phone"),
                ("Mail=Work", "email"),
                ("Name", "full_name")
            ])
        );
        assert_eq!(
            pairs(r#""a=b,c=email", "say ""hi""=remark""#),
            owned(&[("a=b,c", "email"), (r#"say "hi""#, "remark")])
        );
        assert!(parse_map(r#""a=b"x"#).is_err() && parse_map(r#""a=b"#).is_err());
        // What a hint prints reads back as the column it names.
        for column in [
            "Phone, mobile",
            "E-Mail",
            "a=b,c",
            r#""q" x"#,
            "it's",
            " Name ",
        ] {
            let arg = map_arg(column, "FIELD");
            let text = arg
                .strip_prefix("--map '")
                .unwrap()
                .strip_suffix('\'')
                .unwrap();
            let text = text.replace("'\\''", "'");
            assert_eq!(pairs(&text), owned(&[(column.trim(), "FIELD")]), "{arg}");
        }
        assert_eq!(
            map_arg("Phone, mobile", "FIELD"),
            "--map 'Phone, mobile=FIELD'"
        );
        assert_eq!(map_arg("a=b,c", "FIELD"), r#"--map '"a=b,c=FIELD"'"#);
    }
}
