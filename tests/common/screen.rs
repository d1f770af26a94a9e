//! What a person sees of a table on a terminal: the columns by where the header puts them, in
//! terminal cells (a wide character takes two), and each row's cells cut at those places.

use super::{on_terminal, Sandbox, TempDir};
use unicode_width::UnicodeWidthChar;

/// The cells `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// A table and the notes beside it, as shown on a terminal `cols` wide.
pub struct Screen {
    pub cols: usize,
    /// stdout's lines, without colour.
    pub lines: Vec<String>,
    /// stderr's lines.
    pub notes: Vec<String>,
}

impl Screen {
    /// `nxcdp ARGS` on a terminal `cols` wide, stdout on the terminal and stderr apart.
    pub fn of(sb: &Sandbox, cols: usize, args: &str) -> Screen {
        let dir = TempDir::new();
        let err = dir.join("stderr");
        let shown = on_terminal(
            sb,
            cols as u32,
            true,
            &format!("{args} 2>{}", err.display()),
        );
        let lines = shown.lines().map(|l| l.trim_end_matches('\r').to_string());
        let notes = std::fs::read_to_string(&err).unwrap();
        Screen {
            cols,
            lines: lines.filter(|l| !l.is_empty()).collect(),
            notes: notes.lines().map(str::to_string).collect(),
        }
    }

    /// The header's names and the cell each starts at: names are two cells or more apart.
    pub fn columns(&self) -> Vec<(String, usize)> {
        let mut columns: Vec<(String, usize)> = Vec::new();
        let (mut at, mut blanks) = (0, 2);
        for c in self.lines[0].chars() {
            match c {
                ' ' => blanks += 1,
                _ if blanks >= 2 => columns.push((c.to_string(), at)),
                _ => {
                    let name = &mut columns.last_mut().unwrap().0;
                    name.push_str(&" ".repeat(blanks));
                    name.push(c);
                }
            }
            if c != ' ' {
                blanks = 0;
            }
            at += width(&c.to_string());
        }
        columns
    }

    /// The cells of each row under the header, checked to stay in their columns: no character
    /// across a column's start, two blank cells before each.
    pub fn rows(&self) -> Vec<Vec<String>> {
        let starts: Vec<usize> = self.columns().iter().map(|(_, at)| *at).collect();
        let rows = self.lines[1..].iter().map(|line| {
            assert!(width(line) <= self.cols, "wider than the terminal: {line}");
            let mut cells = vec![String::new(); starts.len()];
            let mut at = 0;
            for c in line.chars() {
                let w = width(&c.to_string());
                let column = starts.iter().rposition(|&s| s <= at).unwrap_or(0);
                let crosses = starts.iter().any(|&s| at < s && s < at + w);
                let in_gap = starts.iter().any(|&s| s >= 2 && (s - 2..s).contains(&at));
                assert!(
                    !crosses && (c == ' ' || !in_gap),
                    "out of its column: {line}"
                );
                cells[column].push(c);
                at += w;
            }
            cells.iter().map(|c| c.trim().to_string()).collect()
        });
        rows.collect()
    }

    /// The cells each column has room for (the last one: as wide as the terminal leaves).
    pub fn widths(&self) -> Vec<usize> {
        let starts: Vec<usize> = self.columns().iter().map(|(_, at)| *at).collect();
        let ends = starts.iter().skip(1).map(|s| s - 2).chain([self.cols]);
        starts.iter().zip(ends).map(|(s, e)| e - s).collect()
    }
}
