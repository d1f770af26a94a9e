//! A workbook cell's text as the person who typed it meant it, and as Excel shows it: a whole
//! number its digits (a phone typed as a number is `8613912345678`, never `8.613912345678E12`),
//! a date its `yyyy-MM-dd` (and its time when it has one), a boolean `TRUE` or `FALSE`, and a
//! number with a format Excel applies ([`shown`]) the text that format shows: a phone formatted
//! `00000000000` keeps its leading zero, `0.5` formatted `0%` is `50%`, `3.1` formatted `0.00`
//! is `3.10`. A number past what a spreadsheet holds exactly, or a cell holding an error, has
//! no text to send: why, instead.

use calamine::Data;

/// The largest whole number a spreadsheet's double holds exactly: 2^53.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// A cell's text, or why it has none to send; and the number format it was not shown in, when
/// nxcdp does not render that format (its plain value is sent).
pub fn text(cell: &Data, format: Option<&str>) -> (Result<String, String>, Option<String>) {
    let value = match cell {
        Data::Int(n) => *n as f64,
        Data::Float(f) => *f,
        _ => return (plain(cell), None),
    };
    let format = format
        .map(str::trim)
        .filter(|f| !f.is_empty() && !f.eq_ignore_ascii_case("general") && *f != "@");
    let (Some(format), true) = (format, value.is_finite() && value.abs() < EXACT) else {
        return (plain(cell), None);
    };
    match shown(value, format) {
        Some(text) => (Ok(text), None),
        None => (plain(cell), Some(format.to_string())),
    }
}

/// A cell's text with no number format applied (Excel's "General").
fn plain(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < EXACT => format!("{f:.0}"),
        Data::Float(f) if f.fract() == 0.0 || !f.is_finite() => {
            return Err(format!(
                "holds the number {f:e}, past the 15 to 16 digits a spreadsheet keeps exactly, so its last digits were never typed; enter it as text (a ' before it) and save again"
            ))
        }
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => match b {
            true => "TRUE".into(),
            false => "FALSE".into(),
        },
        Data::DateTime(t) => {
            let (y, mo, d, h, mi, s, _) = t.to_ymd_hms_milli();
            match (h, mi, s) {
                (0, 0, 0) => format!("{y:04}-{mo:02}-{d:02}"),
                _ => format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}"),
            }
        }
        // An .ods date: its date alone when it has no time.
        Data::DateTimeIso(t) => match t.strip_suffix("T00:00:00") {
            Some(date) => date.to_string(),
            None => t.replace('T', " "),
        },
        Data::DurationIso(t) => t.clone(),
        Data::Error(e) => return Err(format!("holds the error {e}")),
    })
}

/// `value` as the number format `format` shows it, for the formats of digits alone: `0` and
/// `00000000000` (zero-padded to that many digits), `0.00` (that many decimals), `#,##0` and
/// `#,##0.00`, `#.##` (up to that many), each with a `%` at its end (a percentage). Grouping
/// commas are left out: where they fall and what they are (`,` `.` a space) is the reader's
/// locale, not the cell's, and the digits are what was typed (a phone or an id with a comma in
/// it is no longer one). The decimal point is `.`, as in CSV. `None` for any other format.
pub fn shown(value: f64, format: &str) -> Option<String> {
    let (format, percent) = match format.strip_suffix('%') {
        Some(format) => (format, true),
        None => (format, false),
    };
    let (whole, decimals) = format.split_once('.').unwrap_or((format, ""));
    let digits = |part: &str, more: &str| {
        part.chars()
            .all(|c| c == '0' || c == '#' || more.contains(c))
    };
    // A trailing comma divides by a thousand: not a format of digits alone.
    if !digits(whole, ",") || !digits(decimals, "") || whole.ends_with(',') || format.is_empty() {
        return None;
    }
    let least_whole = whole.matches('0').count();
    let (least, most) = (decimals.matches('0').count(), decimals.len());
    let value = if percent { value * 100.0 } else { value };
    let (int, mut frac) = rounded(value.abs(), most);
    while frac.len() > least && frac.ends_with('0') {
        frac.pop();
    }
    let int = match int.as_str() {
        "0" if least_whole == 0 => String::new(),
        int => format!("{int:0>least_whole$}"),
    };
    let point = if format.contains('.') { "." } else { "" };
    let sign = if value < 0.0 && (int.bytes().chain(frac.bytes()).any(|b| b != b'0')) {
        "-"
    } else {
        ""
    };
    Some(format!(
        "{sign}{int}{point}{frac}{}",
        if percent { "%" } else { "" }
    ))
}

/// `value` (not negative) rounded to `places` decimals as Excel rounds: on the 15 significant
/// digits it shows, half away from zero (`1.005` is `1.01`, `2.5` is `3`); its whole and its
/// decimal digits.
fn rounded(value: f64, places: usize) -> (String, String) {
    let scientific = format!("{value:.14e}");
    let (mantissa, exponent) = scientific.split_once('e').expect("a float's e notation");
    let exponent: i64 = exponent.parse().expect("an exponent");
    let mut digits: Vec<u8> = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|d| d - b'0')
        .collect();
    // The digits before the point: `digits` is 0.d1d2... × 10^(exponent + 1).
    let mut before = exponent + 1;
    let keep = before + places as i64;
    if keep < 0 {
        digits.clear();
    } else if (keep as usize) < digits.len() {
        let up = digits[keep as usize] >= 5;
        digits.truncate(keep as usize);
        if up {
            let mut at = digits.len();
            loop {
                if at == 0 {
                    digits.insert(0, 1);
                    before += 1;
                    break;
                }
                at -= 1;
                if digits[at] == 9 {
                    digits[at] = 0;
                } else {
                    digits[at] += 1;
                    break;
                }
            }
        }
    }
    let digit = |i: i64| match i {
        i if i >= 0 && (i as usize) < digits.len() => (b'0' + digits[i as usize]) as char,
        _ => '0',
    };
    let mut whole: String = (0..before.max(0)).map(digit).collect();
    if whole.is_empty() {
        whole.push('0');
    }
    let frac = (before..before + places as i64).map(digit).collect();
    (whole, frac)
}

/// A column's letters as Excel heads it: A, ..., Z, AA, ...
pub fn column_name(mut col: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn general(cell: &Data) -> Result<String, String> {
        text(cell, None).0
    }

    #[test]
    fn cells_are_the_text_a_person_meant() {
        assert_eq!(
            general(&Data::Float(8613912345678.0)).unwrap(),
            "8613912345678"
        );
        assert_eq!(general(&Data::Float(1.5)).unwrap(), "1.5");
        assert_eq!(general(&Data::Int(-7)).unwrap(), "-7");
        assert_eq!(general(&Data::Bool(true)).unwrap(), "TRUE");
        assert!(general(&Data::Float(1.0211e18))
            .unwrap_err()
            .contains("past the 15"));
        assert_eq!(
            general(&Data::DateTimeIso("1990-05-01T00:00:00".into())).unwrap(),
            "1990-05-01"
        );
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
    }

    #[test]
    fn numbers_are_shown_as_their_format_shows_them() {
        let shown = |v: f64, f: &str| text(&Data::Float(v), Some(f));
        let ok = |v: f64, f: &str| shown(v, f).0.unwrap();
        assert_eq!(ok(1391234567.0, "00000000000"), "01391234567");
        assert_eq!(ok(0.5, "0%"), "50%");
        assert_eq!(ok(0.1234, "0.00%"), "12.34%");
        assert_eq!(ok(3.1, "0.00"), "3.10");
        assert_eq!(ok(-3.456, "0.00"), "-3.46");
        assert_eq!(ok(1234567.0, "#,##0"), "1234567");
        assert_eq!(ok(1234.5, "#,##0.00"), "1234.50");
        assert_eq!(ok(2.5, "0"), "3");
        assert_eq!(ok(0.5, "#.##"), ".5");
        assert_eq!(ok(3.0, "0.##"), "3.");
        assert_eq!(ok(8613912345678.0, "@"), "8613912345678");
        assert_eq!(ok(8613912345678.0, "General"), "8613912345678");
        // A format of more than digits: the plain value, and the format named.
        assert_eq!(
            shown(12345.0, "0.00E+00"),
            (Ok("12345".into()), Some("0.00E+00".into()))
        );
        assert_eq!(shown(7.0, "\"+\"0").1.as_deref(), Some("\"+\"0"));
        assert_eq!(shown(7.0, "#,##0,").1.as_deref(), Some("#,##0,"));
        // Past 2^53 a format does not make up digits.
        assert!(shown(1.0211e18, "0").0.is_err());
    }
}
