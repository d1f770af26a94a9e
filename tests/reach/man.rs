//! Man pages: one per command, rendered with groff.

use crate::common::{nxcdp, run_ok, TempDir};
use std::path::Path;

/// The pages a roff page cross-references: `\fBname\fR(1)` and `name(1)`.
fn references(page: &str) -> Vec<String> {
    let plain = page
        .replace("\\fB", "")
        .replace("\\fR", "")
        .replace("\\-", "-");
    let mut found = Vec::new();
    let mut rest = plain.as_str();
    while let Some(at) = rest.find("(1)") {
        let before = &rest[..at];
        let start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(0, |i| i + 1);
        if before[start..].starts_with("nxcdp") {
            found.push(before[start..].to_string());
        }
        rest = &rest[at + 3..];
    }
    found
}

#[test]
fn man_writes_a_page_per_command_that_renders_and_references_only_pages_that_exist() {
    let dir = TempDir::new();
    let out_dir = dir.join("man");
    run_ok(nxcdp().args(["man", "-q", "--out-dir"]).arg(&out_dir));
    let names: std::collections::BTreeSet<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    for want in [
        "nxcdp.1",
        "nxcdp-customers.1",
        "nxcdp-customers-query.1",
        "nxcdp-customers-get.1",
        "nxcdp-customers-export.1",
        "nxcdp-customers-fields.1",
        "nxcdp-api.1",
        "nxcdp-sandbox.1",
        "nxcdp-config.1",
        "nxcdp-config-set.1",
        "nxcdp-completions.1",
        "nxcdp-man.1",
    ] {
        assert!(names.contains(want), "{want} not in {names:?}");
    }
    assert!(!names.iter().any(|n| n.contains("help")), "{names:?}");
    let top = std::fs::read_to_string(out_dir.join("nxcdp.1")).unwrap();
    for section in [
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH EXAMPLES",
        ".SH \"SEE ALSO\"",
    ] {
        assert!(top.contains(section), "{section} not in nxcdp.1");
    }
    assert!(
        top.contains("NXCDP_REGION")
            && top.contains("NXCDP_CA_CERT")
            && top.contains("HTTPS_PROXY")
    );
    assert_eq!(run_ok(nxcdp().arg("man")), top, "nxcdp man prints nxcdp.1");
    let mut referenced = 0;
    for name in &names {
        let page = std::fs::read_to_string(out_dir.join(name)).unwrap();
        assert!(
            page.contains(&format!(".TH {}", name.trim_end_matches(".1"))),
            "{name}"
        );
        assert!(page.contains(".SH \"SEE ALSO\""), "{name} has SEE ALSO");
        for reference in references(&page) {
            referenced += 1;
            assert!(
                names.contains(&format!("{reference}.1")),
                "{name} refers to {reference}(1)"
            );
        }
    }
    assert!(
        referenced > 20,
        "the check saw the references ({referenced})"
    );
    let query = std::fs::read_to_string(out_dir.join("nxcdp-customers-query.1")).unwrap();
    assert!(query.contains(".SH EXAMPLES") && query.contains("\\-\\-source\\-type"));
    // The source types by name, and what --retries counts.
    assert!(query.contains("excel\\-import") && query.contains("customer\\-initiated\\-11"));
    assert!(query.contains("Retry\\-After spends none"));
    render(&out_dir.join("nxcdp.1"));
    render(&out_dir.join("nxcdp-api.1"));
}

/// Renders a page through groff (or `man -l`), with warnings on; the text must have its sections
/// and no roff warning. `.ci/run` installs groff.
fn render(page: &Path) {
    let have = |tool: &str| {
        crate::common::scrubbed("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let out = if have("groff") {
        crate::common::scrubbed("groff")
            .args(["-man", "-Tutf8", "-ww", "-P-cbou"])
            .arg(page)
            .output()
            .unwrap()
    } else {
        assert!(
            have("man"),
            "rendering man pages needs groff (or man): install groff-base"
        );
        crate::common::scrubbed("man")
            .arg("-l")
            .arg(page)
            .env("MANPAGER", "cat")
            .output()
            .unwrap()
    };
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for section in ["NAME", "SYNOPSIS", "OPTIONS", "EXAMPLES", "SEE ALSO"] {
        assert!(
            text.contains(&format!("\n{section}\n")),
            "{section} not in {text}"
        );
    }
}
