//! `console` blocks: commands after `$ ` and what a terminal shows of each, run on a
//! pseudo-terminal (util-linux `script`) 80 columns wide, `NO_COLOR` set, against a sandbox of
//! their own. In what a block shows, `[..]` stands for any text within a line (a time, a
//! duration) and a line `...` for any lines. A command exits 0 unless it ends with a comment
//! `# exit N`.

use crate::blocks::Block;
use crate::common::{scrubbed, Sandbox};
use crate::shell::Shell;

/// One command of a block and what it shows.
#[derive(Debug, PartialEq)]
pub struct Step {
    pub command: String,
    pub shows: Vec<String>,
}

pub fn steps(block: &Block) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    for line in &block.lines {
        match (line.strip_prefix("$ "), steps.last_mut()) {
            (Some(command), _) => steps.push(Step {
                command: command.to_string(),
                shows: Vec::new(),
            }),
            (None, Some(step)) => step.shows.push(line.clone()),
            (None, None) => {}
        }
    }
    steps
}

/// The exit code a command's `# exit N` comment gives it, else 0.
fn code(command: &str) -> i32 {
    command
        .rsplit_once("# exit ")
        .and_then(|(_, rest)| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .unwrap_or(0)
}

/// What a terminal shows of bytes written to it: a carriage return goes back to the start of the
/// line (the progress line is overwritten), escape sequences draw nothing, trailing spaces and
/// blank lines at the end are not seen.
pub fn screen(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let line = line.trim_end_matches('\r');
            let shown = line.rsplit('\r').next().unwrap_or("");
            without_escapes(shown).trim_end().to_string()
        })
        .collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

fn without_escapes(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        if chars.next_if_eq(&'[').is_some() {
            // CSI: parameters, then one final byte in @..~.
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
    }
    out
}

/// Whether `line` is what `shown` shows, `[..]` standing for any text.
fn line_matches(shown: &str, line: &str) -> bool {
    let parts: Vec<&str> = shown.trim_end().split("[..]").collect();
    let Some((first, rest)) = parts.split_first() else {
        return line.is_empty();
    };
    let Some(mut left) = line.strip_prefix(first) else {
        return false;
    };
    let Some((last, middle)) = rest.split_last() else {
        return left.is_empty();
    };
    for part in middle {
        match left.find(part) {
            Some(at) => left = &left[at + part.len()..],
            None => return false,
        }
    }
    left.len() >= last.len() && left.ends_with(last)
}

/// Whether `lines` are what `shown` shows, a line `...` standing for any lines.
pub fn matches(shown: &[String], lines: &[String]) -> bool {
    match shown.split_first() {
        None => lines.is_empty(),
        Some((first, rest)) if first.trim() == "..." => {
            (0..=lines.len()).any(|skip| matches(rest, &lines[skip..]))
        }
        Some((first, rest)) => lines
            .split_first()
            .is_some_and(|(line, more)| line_matches(first, line) && matches(rest, more)),
    }
}

/// Runs a block's commands in one directory, against a new sandbox, each on a terminal.
pub fn check(block: &Block) -> Result<(), String> {
    let sandbox = Sandbox::start(&[]);
    let shell = Shell::new(&sandbox);
    let steps = steps(block);
    if steps.is_empty() {
        return Err("a console block without a `$ ` command".into());
    }
    for step in steps {
        let mut cmd = scrubbed("script").cmd;
        cmd.args([
            "-qec",
            &format!("stty rows 50 cols 80; {}", step.command),
            "/dev/null",
        ])
        .current_dir(shell.dir.path())
        .envs(shell.env.iter().map(|(k, v)| (k, v)))
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null());
        let out = cmd.output().expect("script(1) from util-linux runs");
        let lines = screen(&out.stdout);
        let shown: Vec<String> = step
            .shows
            .iter()
            .map(|l| l.trim_end().to_string())
            .collect();
        let wanted = code(&step.command);
        if out.status.code() != Some(wanted) || !matches(&shown, &lines) {
            return Err(format!(
                "`{}` exited {:?} (the page means {wanted}) and showed:\n{}\nthe page shows:\n{}",
                step.command,
                out.status.code(),
                lines.join("\n"),
                shown.join("\n")
            ));
        }
    }
    Ok(())
}

#[test]
fn what_a_console_block_shows_is_matched_as_written() {
    let lines = |t: &str| -> Vec<String> { t.lines().map(str::to_string).collect() };
    assert!(matches(
        &lines("a [..] c\n...\nz"),
        &lines("a b c\nx\ny\nz")
    ));
    assert!(matches(&lines("a [..] c\n...\nz"), &lines("a  c\nz")));
    assert!(!matches(&lines("a [..] c"), &lines("a b d")));
    assert!(!matches(&lines("a"), &lines("a\nb")));
    assert!(!matches(&lines("ab[..]ba"), &lines("aba")));
    assert_eq!(
        screen(b"\x1b[1mID\x1b[0m  x  \r\n50 rows\r\x1b[2Kwrote 3\r\n\r\n"),
        ["ID  x", "wrote 3"]
    );
    assert_eq!(code("nxcdp x   # exit 4: a row was rejected"), 4);
    assert_eq!(code("nxcdp x"), 0);
}
