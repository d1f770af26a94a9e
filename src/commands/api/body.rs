//! The answer's body as `nxcdp api` prints it: as it came when piped; on a terminal, JSON
//! indented without parsing a number, and server text escaped.

use crate::output::Terminal;
use serde_json::value::RawValue;
use std::io::Write;

/// The body: on a terminal, JSON indented (ids untouched) and anything else with its control
/// characters escaped; piped, the bytes as they came.
pub fn print(body: &[u8], terminal: Terminal, out: &mut dyn Write) -> std::io::Result<()> {
    if !terminal.is_tty {
        return out.write_all(body);
    }
    if body.is_empty() {
        return Ok(());
    }
    // Indenting costs a line per level: a body nested deeper than any answer is shown as sent.
    match serde_json::from_slice::<&RawValue>(body) {
        Ok(json) if crate::transport::depth(json.get()) <= crate::transport::MAX_DEPTH => {
            // Server text: what a JSON string may hold raw (bidi overrides, C1 controls) is
            // escaped on a terminal, line by line as indented.
            for line in pretty(json.get()).lines() {
                writeln!(out, "{}", crate::error::escape_control(line))?;
            }
            Ok(())
        }
        _ => writeln!(
            out,
            "{}",
            crate::error::escape_control(&String::from_utf8_lossy(body))
        ),
    }
}

/// Indents JSON text two spaces a level, copying every string and number as written: no value
/// is parsed, so ids above 2^53 stay exact. The input must be valid JSON.
pub fn pretty(json: &str) -> String {
    let mut out = String::with_capacity(json.len() * 2);
    let mut depth = 0usize;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    let mut chars = json.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push('"');
                while let Some(c) = chars.next() {
                    out.push(c);
                    match c {
                        '\\' => out.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '{' | '[' => {
                while chars.next_if(|c| c.is_ascii_whitespace()).is_some() {}
                let close = if c == '{' { '}' } else { ']' };
                out.push(c);
                if chars.next_if_eq(&close).is_some() {
                    out.push(close);
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_ascii_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_indents_and_keeps_every_value_as_written() {
        let raw =
            r#"{"id":1021110718827683841,"a":[],"b":{ },"s":"x,\"{[: ]}","n":[1.50,-2e3,null]}"#;
        let shown = pretty(raw);
        assert_eq!(
            shown,
            "{\n  \"id\": 1021110718827683841,\n  \"a\": [],\n  \"b\": {},\n  \"s\": \"x,\\\"{[: ]}\",\n  \"n\": [\n    1.50,\n    -2e3,\n    null\n  ]\n}"
        );
        let back: serde_json::Value = serde_json::from_str(&shown).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(raw).unwrap()
        );
    }

    #[test]
    fn a_terminal_sees_server_text_escaped_and_deep_bodies_as_sent() {
        let tty = Terminal {
            is_tty: true,
            ..Terminal::PLAIN
        };
        let shown = |body: &str| {
            let mut out = Vec::new();
            print(body.as_bytes(), tty, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        let evil = shown("{\"name\":\"evil\u{202e}txt\u{2028}x\u{9b}2J\"}");
        assert!(!evil.contains(['\u{202e}', '\u{2028}', '\u{9b}']), "{evil}");
        assert!(evil.contains("\\u{202e}"), "{evil}");
        let deep = format!("{}{}", "[".repeat(20_000), "]".repeat(20_000));
        assert_eq!(shown(&deep).trim_end(), deep, "as sent, not indented");
    }
}
