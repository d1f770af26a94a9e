//! The binary documents itself: version, committed completions, man page, help with examples.

use crate::common::{nxcdp, run_ok};

#[test]
fn version_names_the_commit_and_the_build_date() {
    let out = run_ok(nxcdp().arg("--version"));
    let line = out.trim_end();
    let prefix = format!("nxcdp {} (", env!("CARGO_PKG_VERSION"));
    let (commit, date) = line
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(')'))
        .and_then(|inner| inner.split_once(' '))
        .unwrap_or_else(|| panic!("not `{prefix}<commit> <YYYY-MM-DD>)`: {line:?}"));
    // A git checkout gives a short hash; a build without git says `unknown`.
    assert!(
        !commit.is_empty() && commit.chars().all(|c| c.is_ascii_alphanumeric()),
        "commit: {line:?}"
    );
    let shape: String = date
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect();
    assert_eq!(shape, "9999-99-99", "date: {line:?}");
    let (month, day): (u32, u32) = (date[5..7].parse().unwrap(), date[8..].parse().unwrap());
    assert!(
        (1..=12).contains(&month) && (1..=31).contains(&day),
        "date: {line:?}"
    );
}

#[test]
fn committed_completions_are_current() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/completions");
    for (shell, file) in [
        ("bash", "nxcdp.bash"),
        ("zsh", "_nxcdp"),
        ("fish", "nxcdp.fish"),
        ("powershell", "_nxcdp.ps1"),
        ("elvish", "nxcdp.elv"),
    ] {
        let generated = run_ok(nxcdp().args(["completions", shell]));
        let path = format!("{dir}/{file}");
        if std::env::var_os("NXCDP_UPDATE_COMPLETIONS").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{path} is stale: run `NXCDP_UPDATE_COMPLETIONS=1 cargo test --test everyday committed_completions` and commit"
        );
        assert!(generated.contains("customers"));
    }
}

#[test]
fn man_page_comes_from_the_same_definitions() {
    let man = run_ok(nxcdp().arg("man"));
    assert!(
        man.starts_with(".ie") || man.starts_with(".TH"),
        "{}",
        &man[..50]
    );
    assert!(man.contains(".TH nxcdp"));
    assert!(man.contains("\\-\\-sandbox") && man.contains("customers"));
}

#[test]
fn every_command_has_help_with_examples() {
    for args in [
        vec![],
        vec!["customers", "query"],
        vec!["customers", "fields"],
        vec!["sandbox"],
        vec!["config"],
        vec!["completions"],
        vec!["man"],
    ] {
        let help = run_ok(nxcdp().args(&args).arg("--help"));
        assert!(help.contains("Examples:"), "{args:?}: {help}");
        assert!(
            help.matches("nxcdp ").count() >= 3,
            "{args:?} shows real examples"
        );
    }
}
