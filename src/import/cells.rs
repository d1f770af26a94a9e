//! A workbook cell's text as the person who typed it meant it, and as Excel shows it: a whole
//! number its digits (a phone typed as a number is `8613912345678`, never `8.613912345678E12`),
//! a date its `yyyy-MM-dd` (and its time when it has one), a boolean `TRUE` or `FALSE`, and a
//! number with a format Excel applies ([`shown`]) the text that format shows: a phone formatted
//! `00000000000` keeps its leading zero, `0.5` formatted `0%` is `50%`, `3.1` formatted `0.00`
//! is `3.10`. A number past what a spreadsheet holds exactly, a date outside Excel's, or a cell
//! holding an error, has no text to send: why, instead, with the text a rejects file keeps.

use calamine::{Data, ExcelDateTime};

/// The largest whole number a spreadsheet's double holds exactly: 2^53.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// Why a cell has no text to send, and its text as a rejects file keeps it (as Excel shows it,
/// or its raw value), so that it can be fixed there and imported back.
#[derive(Clone, Debug, PartialEq)]
pub struct Unsent {
    pub why: String,
    pub kept: String,
}

/// A cell's text, or why it has none to send.
pub type Cell = Result<String, Unsent>;

fn unsent(why: String, kept: String) -> Cell {
    Err(Unsent { why, kept })
}

/// A cell's text, or why it has none to send; and the number format it was not shown in, when
/// nxcdp does not render that format (its plain value is sent).
pub fn text(cell: &Data, format: Option<&str>) -> (Cell, Option<String>) {
    let value = match cell {
        Data::Int(n) => *n as f64,
        Data::Float(f) => *f,
        Data::DateTime(t) => return (date_time(t, format), None),
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
fn plain(cell: &Data) -> Cell {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        // -0 (a formula's result) is 0, as Excel shows it.
        Data::Float(f) if *f == 0.0 => "0".into(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < EXACT => format!("{f:.0}"),
        Data::Float(f) if f.fract() == 0.0 || !f.is_finite() => {
            return unsent(format!(
                "holds the number {f:e}, past the 15 to 16 digits a spreadsheet keeps exactly, so its last digits were never typed; enter it as text (a ' before it) and save again"
            ), general_big(*f))
        }
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => match b {
            true => "TRUE".into(),
            false => "FALSE".into(),
        },
        Data::DateTime(t) => return date_time(t, None),
        // An .ods date: its date alone when it has no time.
        Data::DateTimeIso(t) => match t.strip_suffix("T00:00:00") {
            Some(date) => date.to_string(),
            None => t.replace('T', " "),
        },
        Data::DurationIso(t) => t.clone(),
        Data::Error(e) => return unsent(format!("holds the error {e}"), e.to_string()),
    })
}

/// A number too big for its digits as Excel's General shows it: six significant digits
/// (`1.02111E+18`), `#NUM!` for no number.
fn general_big(f: f64) -> String {
    if !f.is_finite() {
        return "#NUM!".into();
    }
    let shown = format!("{f:.5E}");
    let (mantissa, exponent) = shown.split_once('E').expect("a float's E notation");
    let mantissa = match mantissa.contains('.') {
        true => mantissa.trim_end_matches('0').trim_end_matches('.'),
        false => mantissa,
    };
    match exponent.strip_prefix('-') {
        Some(e) => format!("{mantissa}E-{e:0>2}"),
        None => format!("{mantissa}E+{exponent:0>2}"),
    }
}

/// The day after Excel's last date, 9999-12-31, as its serial.
const PAST_LAST_DATE: f64 = 2_958_466.0;

/// A cell Excel shows as a date or a time: `yyyy-MM-dd` (with its time when it has one), or
/// the time alone when its format shows no date (`h:mm`, `[h]:mm`, `mm:ss`): a time is never
/// made a date of 1899-12-31. A serial outside Excel's dates (before 1900-01-01, where Excel
/// shows `####`, or past 9999-12-31) is none: calamine would clamp it to a date nobody typed.
fn date_time(t: &ExcelDateTime, format: Option<&str>) -> Cell {
    let serial = t.as_f64();
    let kept = || match serial.abs() < 1e15 {
        true => serial.to_string(),
        false => general_big(serial),
    };
    let time_only = t.is_duration()
        || match format {
            Some(format) => time_format(format),
            // An .xls's format is not read: a serial under a day is a time of day.
            None => (0.0..1.0).contains(&serial),
        };
    if !serial.is_finite() || serial < 0.0 {
        return unsent(
            format!("holds the date or time serial {}, before Excel's first date, 1900-01-01 (Excel shows ####); type the date as yyyy-MM-dd", kept()),
            kept(),
        );
    }
    if time_only {
        return Ok(time(serial, format.unwrap_or(""), t.is_duration()));
    }
    if !(1.0..PAST_LAST_DATE).contains(&serial) {
        return unsent(
            format!("holds the date serial {}, outside Excel's dates (1900-01-01 to 9999-12-31); type the date as yyyy-MM-dd", kept()),
            kept(),
        );
    }
    let (y, mo, d, h, mi, s, _) = t.to_ymd_hms_milli();
    Ok(match (h, mi, s) {
        (0, 0, 0) => format!("{y:04}-{mo:02}-{d:02}"),
        _ => format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}"),
    })
}

/// A number format's codes, lowercase, without its quoted text, escaped characters and
/// `[...]` parts (colours, conditions, locales; an elapsed `[h]` is told by calamine).
fn codes(format: &str) -> String {
    let (mut out, mut quoted, mut bracket, mut escaped) = (String::new(), false, false, false);
    for c in format.chars() {
        match c {
            _ if escaped => escaped = false,
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' => escaped = true,
            '[' => bracket = true,
            ']' => bracket = false,
            _ if bracket => {}
            c => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

/// A format of a time alone: hours or seconds, and no day, month name or year.
fn time_format(format: &str) -> bool {
    let codes = codes(format);
    let has = |c: char| codes.contains(c);
    (has('h') || has('s')) && !has('d') && !has('y') && !codes.contains("mmm")
}

/// The time `serial` (days, not negative) as its format `format` shows it: hours (`hh` two
/// digits; past 24 when elapsed, `[h]`, else the time of day; 12 a day with `AM/PM`), minutes,
/// seconds when it shows them; minutes and seconds alone (`mm:ss`) when it shows no hours.
fn time(serial: f64, format: &str, elapsed: bool) -> String {
    let seconds = (serial * 86_400.0).round() as u64;
    let codes = codes(format);
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let h = if elapsed { h } else { h % 24 };
    let twelve = codes.contains("am/pm") || codes.contains("a/p");
    let shows_seconds = codes.contains('s') || format.is_empty() && s != 0;
    let hours = codes.contains('h') || format.to_ascii_lowercase().contains("[h");
    let mut text = match hours || format.is_empty() {
        false if elapsed => format!("{}:{s:02}", seconds / 60),
        false => format!("{m:02}:{s:02}"),
        true => {
            let hour = match twelve {
                true if h % 12 == 0 => 12,
                true => h % 12,
                false => h,
            };
            let width = if codes.contains("hh") { 2 } else { 1 };
            let mut text = format!("{hour:0width$}:{m:02}");
            if shows_seconds {
                text.push_str(&format!(":{s:02}"));
            }
            text
        }
    };
    if twelve {
        text.push_str(if h % 24 < 12 { " AM" } else { " PM" });
    }
    text
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

    fn general(cell: &Data) -> Cell {
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
            .why
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

    #[test]
    fn times_are_shown_as_their_format_shows_them_and_dates_kept_in_excels_range() {
        use calamine::ExcelDateTimeType::{DateTime, TimeDelta};
        let at = |v: f64, f: &str, kind| {
            text(&Data::DateTime(ExcelDateTime::new(v, kind, false)), Some(f)).0
        };
        assert_eq!(at(0.5, "h:mm", DateTime).unwrap(), "12:00");
        assert_eq!(at(0.75, "hh:mm:ss AM/PM", DateTime).unwrap(), "06:00:00 PM");
        assert_eq!(at(1.5, "[h]:mm", TimeDelta).unwrap(), "36:00");
        assert_eq!(at(0.00625, "mm:ss", DateTime).unwrap(), "09:00");
        assert_eq!(at(33058.0, "yyyy-mm-dd", DateTime).unwrap(), "1990-07-04");
        assert_eq!(
            at(33058.5, "d/m/yy h:mm", DateTime).unwrap(),
            "1990-07-04 12:00:00"
        );
        for (serial, kept) in [
            (3e6, "3000000"),
            (1e300, "1E+300"),
            (0.0, "0"),
            (-5.0, "-5"),
        ] {
            let unsent = at(serial, "yyyy-mm-dd", DateTime).unwrap_err();
            assert_eq!(unsent.kept, kept);
            assert!(unsent.why.contains("Excel's"), "{}", unsent.why);
        }
        assert_eq!(
            general(&Data::Float(1.0211e18)).unwrap_err().kept,
            "1.0211E+18"
        );
        assert_eq!(general(&Data::Float(1e20)).unwrap_err().kept, "1E+20");
    }
}
