//! The pages read as they write their blocks: fenced blocks, the commands of a shell block, what
//! each must do.

use crate::shell::CONFIG_ANSWERS;
use std::path::{Path, PathBuf};

/// A page of the docs: README.md or one of docs/*.md.
pub struct Page {
    /// Its path from the repository's root, as messages name it (`docs/query.md`).
    pub name: String,
    pub text: String,
}

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md, then every page of docs/, by name.
pub fn pages() -> Vec<Page> {
    let mut names = vec!["README.md".to_string()];
    let mut docs: Vec<String> = std::fs::read_dir(root().join("docs"))
        .expect("docs/ is there")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .map(|n| format!("docs/{n}"))
        .collect();
    docs.sort();
    names.extend(docs);
    names
        .into_iter()
        .map(|name| Page {
            text: std::fs::read_to_string(root().join(Path::new(&name))).unwrap(),
            name,
        })
        .collect()
}

/// A fenced block of the README.
#[derive(Debug)]
pub struct Block {
    /// 1-based line of its opening fence.
    pub line: usize,
    pub lang: String,
    pub lines: Vec<String>,
    /// `skip: why`, from a `<!-- test: ... -->` comment on the line before the fence.
    pub note: Option<String>,
}

pub fn blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(lang) = lines[i].trim_start().strip_prefix("```") else {
            i += 1;
            continue;
        };
        let indent = lines[i].len() - lines[i].trim_start().len();
        let note = lines[..i]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .and_then(|l| l.trim().strip_prefix("<!-- test:"))
            .and_then(|l| l.strip_suffix("-->"))
            .map(|l| l.trim().to_string());
        let start = i;
        i += 1;
        let mut body = Vec::new();
        while i < lines.len() && lines[i].trim() != "```" {
            body.push(lines[i].get(indent..).unwrap_or("").to_string());
            i += 1;
        }
        found.push(Block {
            line: start + 1,
            lang: lang.trim().to_string(),
            lines: body,
            note,
        });
        i += 1;
    }
    found
}

/// The commands of a shell block: continuation lines joined, comment lines and blank lines left
/// out.
pub fn commands(block: &Block) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in &block.lines {
        let trimmed = line.trim();
        if current.is_empty() && (trimmed.is_empty() || trimmed.starts_with('#')) {
            continue;
        }
        match trimmed.strip_suffix('\\') {
            Some(part) => current.push_str(part),
            None => {
                current.push_str(trimmed);
                out.push(std::mem::take(&mut current));
            }
        }
    }
    out
}

/// What one command must do.
pub struct Expect {
    /// Fed to its stdin.
    pub stdin: Option<&'static str>,
    /// Its exit code.
    pub code: i32,
    /// Prints nothing on stdout by design (it writes a file or changes the config).
    pub quiet: bool,
    /// Text its stdout must hold.
    pub holds: Option<&'static str>,
}

/// The command as the test runs it: `cargo run --release --` is the binary under test.
pub fn runnable(command: &str) -> String {
    command.replace("cargo run --release --", "nxcdp")
}

pub fn expect(command: &str) -> Expect {
    let mut e = Expect {
        stdin: None,
        code: 0,
        quiet: false,
        holds: None,
    };
    let words: Vec<&str> = command.split_whitespace().collect();
    match words.as_slice() {
        ["nxcdp", "config", "init", ..] => {
            e.stdin = Some(CONFIG_ANSWERS);
            e.quiet = true;
        }
        ["nxcdp", "config", "set", "access_secret", ..] => {
            e.stdin = Some("a-secret\n");
            e.quiet = true;
        }
        ["nxcdp", "config", "set", ..] | ["mkdir", ..] | ["cp", ..] | ["printf", ..] => {
            e.quiet = true
        }
        _ => {}
    }
    if command.contains("--biz-type 100") {
        // The README promises the sandbox's 1002 for another product: exit 4, the answer printed.
        e.code = 4;
        e.holds = Some("1002");
    }
    e
}

#[test]
fn blocks_are_read_as_the_readme_writes_them() {
    let text = "a\n<!-- test: skip: needs an account -->\n```sh\nnxcdp x \\\n  --y   # z\n# only a comment\n\nnxcdp w\n```\n   ```sh\n   nxcdp v\n   ```\n";
    let found = blocks(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].note.as_deref(), Some("skip: needs an account"));
    assert_eq!(commands(&found[0]), ["nxcdp x --y   # z", "nxcdp w"]);
    assert_eq!(found[1].line, 10);
    assert_eq!(commands(&found[1]), ["nxcdp v"]);
}
