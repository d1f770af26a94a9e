//! The blocks of output the pages show, compared with what nxcdp prints; every command block run.

use crate::blocks::blocks;
use crate::blocks::commands;
use crate::blocks::pages;
use crate::blocks::Block;
use crate::common::{nxcdp_bin, scrubbed, Sandbox};
use crate::shell::Shell;

/// The blocks of output the pages show (but `console` blocks, which hold their commands), each with the command that prints it and what may
/// differ (a port, a trace id). A new block of output must be added here, or the test fails.
pub fn check_output(block: &Block, sandbox: &Sandbox) -> Result<(), String> {
    let shown = block.lines.join("\n");
    let first = block.lines.first().map(String::as_str).unwrap_or("");
    let (printed, wanted) = if first.starts_with("http://127.0.0.1:8080") {
        // What `nxcdp sandbox` prints, on the port it got.
        let mut shell = Shell::new(sandbox);
        let printed = shell.serve("nxcdp sandbox --port 0")?;
        let base = printed[0].clone();
        (
            printed.join("\n"),
            shown.replace("http://127.0.0.1:8080", &base),
        )
    } else if first.starts_with("error: API error 1003") {
        let out = scrubbed(nxcdp_bin())
            .cmd
            .envs(&sandbox.env)
            .env("NXCDP_ACCESS_SECRET", "wrong")
            .args(["customers", "query", "--limit", "1"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).trim_end().to_string();
        let trace = |t: &str| t.split("traceId ").nth(1).map(|r| r[..32].to_string());
        let mine = trace(&stderr).ok_or(format!("no traceId in {stderr}"))?;
        let theirs = trace(&shown).unwrap();
        (stderr, shown.replace(&theirs, &mine))
    } else if first.starts_with("error: network error: TLS: the certificate of") {
        let mut shell = Shell::new(sandbox);
        let printed = shell.serve("nxcdp sandbox --port 0 --tls")?;
        let base = printed[0].clone();
        let out = scrubbed(nxcdp_bin())
            .cmd
            .envs(&sandbox.env)
            .env("NXCDP_BASE_URL", &base)
            .args(["customers", "query", "--limit", "1"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).trim_end().to_string();
        (stderr, shown.replace("https://api.nxcloud.com", &base))
    } else {
        return Err("a block of output this test does not know: add how to print it".into());
    };
    match printed.trim_end() == wanted.trim_end() {
        true => Ok(()),
        false => Err(format!(
            "nxcdp printed:\n{printed}\nthe page shows:\n{wanted}"
        )),
    }
}

#[test]
fn every_command_block_of_every_page_runs_as_it_says() {
    let sandbox = Sandbox::start(&[]);
    let mut failures = Vec::new();
    let mut ran = 0;
    for page in pages() {
        for block in blocks(&page.text) {
            let at = format!("{} line {}", page.name, block.line);
            if let Some(note) = &block.note {
                assert!(
                    note.strip_prefix("skip:")
                        .is_some_and(|why| !why.trim().is_empty()),
                    "{at}: a test note is `skip: why`, not {note:?}"
                );
                continue;
            }
            match block.lang.as_str() {
                "sh" => {
                    let mut shell = Shell::new(&sandbox);
                    for command in commands(&block) {
                        ran += 1;
                        if let Err(why) = shell.run(&command) {
                            failures.push(format!("{at}: `{command}`: {why}"));
                        }
                    }
                }
                "console" => {
                    ran += 1;
                    if let Err(why) = crate::console::check(&block) {
                        failures.push(format!("{at} (console): {why}"));
                    }
                }
                "" | "text" => {
                    ran += 1;
                    if let Err(why) = check_output(&block, &sandbox) {
                        failures.push(format!("{at} (output): {why}"));
                    }
                }
                // The config file example is used above; other languages are not commands.
                _ => {}
            }
        }
    }
    assert!(ran > 40, "the test saw the pages' blocks ({ran})");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
