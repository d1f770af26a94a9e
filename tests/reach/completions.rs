//! Shell completions that know the values (run in bash).

use crate::common::{nxcdp, run_ok, scrubbed, stderr_of, TempDir};

/// Completes the last word of LINE with the committed bash script; returns the candidates.
fn bash_complete(words: &[&str], env: &[(&str, &str)]) -> Vec<String> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/completions/nxcdp.bash");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let cword = words.len() - 1;
    let program = format!(
        "source '{script}'\nCOMP_WORDS=({})\nCOMP_CWORD={cword}\n_nxcdp nxcdp '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
        quoted.join(" "),
        words[cword],
        words[cword - 1]
    );
    let bin_dir = crate::common::nxcdp_bin().parent().unwrap().to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = scrubbed("bash");
    let out = cmd
        .args(["--norc", "-c", &program])
        .env("PATH", path)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_source_types_regions_logic_columns_and_profiles() {
    let query = ["nxcdp", "customers", "query"];
    let with = |extra: &[&'static str]| -> Vec<&str> {
        query.iter().copied().chain(extra.iter().copied()).collect()
    };
    let got = bash_complete(&with(&["--source-type", ""]), &[]);
    for name in [
        "excel-import",
        "sms-bulk",
        "form",
        "line",
        "third-party-api",
    ] {
        assert!(got.iter().any(|g| g == name), "{name} not in {got:?}");
    }
    assert_eq!(
        bash_complete(&with(&["--source-type", "ex"]), &[]),
        ["excel-import"]
    );
    assert_eq!(
        bash_complete(&with(&["--region", ""]), &[]),
        ["default", "hk", "americas", "idn"]
    );
    assert_eq!(
        bash_complete(&["nxcdp", "api", "--region", "a"], &[]),
        ["americas"]
    );
    assert_eq!(
        bash_complete(&with(&["--tags-logic", ""]), &[]),
        ["and", "or"]
    );
    let columns = bash_complete(&with(&["--columns", "full"]), &[]);
    assert_eq!(columns, ["full_name"]);
    let fields = bash_complete(
        &["nxcdp", "customers", "fields", "--columns", "display"],
        &[],
    );
    assert_eq!(fields, ["display_name", "display_en_name"]);
    let dir = TempDir::new();
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        "[default]\n[staging]\n[prod-hk]\nregion = \"hk\"\n",
    )
    .unwrap();
    let config = config.to_str().unwrap();
    assert_eq!(
        bash_complete(&with(&["--profile", ""]), &[("NXCDP_CONFIG", config)]),
        ["default", "prod-hk", "staging"]
    );
    assert_eq!(
        bash_complete(
            &["nxcdp", "config", "list", "--profile", "st"],
            &[("NXCDP_CONFIG", config)]
        ),
        ["staging"]
    );
}

#[test]
fn zsh_and_fish_scripts_know_the_values_and_ask_for_profiles() {
    for shell in ["zsh", "fish"] {
        let script = run_ok(nxcdp().args(["completions", shell]));
        for value in [
            "excel-import",
            "americas",
            "full_name",
            "display_en_name",
            "nxcdp config profiles",
        ] {
            assert!(script.contains(value), "{value} not in the {shell} script");
        }
    }
}

#[test]
fn bash_offers_profile_names_as_text_and_runs_none_of_them() {
    let dir = TempDir::new();
    let marker = dir.join("pwned");
    let config = dir.join("config.toml");
    let evil = format!("$(touch {})", marker.display());
    let tick = format!("`touch {}`", marker.display());
    std::fs::write(
        &config,
        format!("[\"{evil}\"]\n[\"{tick}\"]\n[\"x;y\"]\n[\"$HOME\"]\n"),
    )
    .unwrap();
    let env = [("NXCDP_CONFIG", config.to_str().unwrap())];
    let got = bash_complete(&["nxcdp", "customers", "query", "--profile", ""], &env);
    assert!(!marker.exists(), "completing a profile ran a command");
    let mut want = vec![evil, tick, "x;y".to_string(), "$HOME".to_string()];
    want.sort();
    let mut got = got;
    got.sort();
    assert_eq!(got, want);
}

#[test]
fn bash_offers_a_commands_subcommands_before_its_flags() {
    let got = bash_complete(&["nxcdp", "customers", ""], &[]);
    assert_eq!(
        got,
        ["query", "get", "export", "import", "watch", "fields", "help"]
    );
    let flags = bash_complete(&["nxcdp", "customers", "--sa"], &[]);
    assert_eq!(flags, ["--sandbox"]);
    // A command with no subcommands still offers its flags.
    let import = bash_complete(&["nxcdp", "customers", "import", ""], &[]);
    assert!(import.iter().any(|f| f == "--rejects"), "{import:?}");
}

#[test]
fn customer_is_customers_and_its_help_names_every_command() {
    let help = run_ok(nxcdp().args(["customer", "--help"]));
    assert!(
        help.starts_with("Query, get, export, import and watch customers"),
        "{help}"
    );
    let out = nxcdp()
        .args([
            "customer",
            "query",
            "--sandbox",
            "--limit",
            "1",
            "-o",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}
