//! Text as a terminal shows it: the cells it takes (an East Asian wide character two, a combining
//! mark none), cut to a width with `…`, and notes wrapped between words.

use unicode_width::UnicodeWidthChar;

/// The cells `text` takes on a terminal. Control characters take none: cells reach a table
/// escaped.
pub fn width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `text` in at most `cells` cells: whole when it fits, else as much of it as fits before `…`.
/// Returns the text and the cells it takes (one less than `cells` when a wide character did not
/// fit beside the `…`).
pub fn cut(text: &str, cells: usize) -> (std::borrow::Cow<'_, str>, usize) {
    let whole = width(text);
    if whole <= cells {
        return (text.into(), whole);
    }
    if cells == 0 {
        return ("".into(), 0);
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > cells - 1 {
            break;
        }
        kept.push(c);
        used += w;
    }
    kept.push('…');
    (kept.into(), used + 1)
}

/// `text` as lines of at most `cells` cells, broken between words; a word longer than a line
/// stays whole on its own.
pub fn wrap(text: &str, cells: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = width(word);
        if !line.is_empty() && used + 1 + w > cells {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if !line.is_empty() {
            line.push(' ');
            used += 1;
        }
        line.push_str(word);
        used += w;
    }
    lines.push(line);
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_terminal_cells() {
        assert_eq!(width("牛小信 Иванов"), 13);
        assert_eq!(width("e\u{301}"), 1, "a combining accent takes no cell");
        assert_eq!(width("营销"), 4);
    }

    #[test]
    fn a_cut_uses_the_whole_width_and_ends_in_an_ellipsis() {
        assert_eq!(
            cut("beta tester;wholesale", 21),
            ("beta tester;wholesale".into(), 21)
        );
        assert_eq!(
            cut("beta tester;wholesale", 19),
            ("beta tester;wholes…".into(), 19)
        );
        // A wide character that would overrun the width gives way to the `…`.
        assert_eq!(cut("牛小信 Иванов", 6), ("牛小…".into(), 5));
        assert_eq!(cut("牛小信 Иванов", 7), ("牛小信…".into(), 7));
        assert_eq!(cut("abc", 1), ("…".into(), 1));
    }

    #[test]
    fn notes_wrap_between_words() {
        let text = "note: left out to fit 30 columns: whatsApp_phone, country";
        let wrapped = wrap(text, 30);
        assert_eq!(
            wrapped,
            "note: left out to fit 30\ncolumns: whatsApp_phone,\ncountry"
        );
        assert!(wrapped.lines().all(|l| width(l) <= 30));
        assert_eq!(wrap("a verylongword b", 5), "a\nverylongword\nb");
    }
}
