//! Flags where people put them: every flag of a command also before the command's name, with the
//! same meaning; a flag the command does not take is exit 2 naming the commands that do; and the
//! access secret never echoed, whatever it starts with.

mod common;

use common::{assert_stderr_has, nxcdp, nxcdp_offline, run_ok, stderr_of, Sandbox};

#[test]
fn flags_before_the_command_mean_what_they_mean_after_it() {
    let sb = Sandbox::start(&["--customers", "300", "--seed", "3"]);
    for (before, command, after) in [
        (
            &["-o", "jsonl"][..],
            &["customers", "query"][..],
            &["--limit", "7"][..],
        ),
        (
            &["--tag", "vip", "-ojsonl", "--limit=4"],
            &["customers", "query"],
            &[],
        ),
        (
            &["-o", "csv", "--columns", "id,email"],
            &["customers", "query"],
            &["--all"],
        ),
        (
            &["--page-size", "3", "-o", "json"],
            &["customers", "query"],
            &["--limit", "5"],
        ),
        (&["-o", "json"], &["customers", "fields"], &[]),
    ] {
        let moved = run_ok(sb.nxcdp().args(before).args(command).args(after));
        let placed = run_ok(sb.nxcdp().args(command).args(before).args(after));
        assert!(!placed.is_empty(), "{before:?} {command:?}");
        assert_eq!(moved, placed, "{before:?} {command:?} {after:?}");
    }
    // Between `customers` and its command, too.
    let between = run_ok(
        sb.nxcdp()
            .args(["customers", "-o", "jsonl", "query", "--limit", "2"]),
    );
    assert_eq!(between.lines().count(), 2);
}

#[test]
fn the_sandbox_a_profile_and_a_region_before_the_command() {
    let out = run_ok(nxcdp().args([
        "--sandbox",
        "-o",
        "jsonl",
        "customers",
        "query",
        "--limit",
        "3",
    ]));
    assert_eq!(out.lines().count(), 3);
    let out = run_ok(nxcdp_offline().args(["--region", "hk", "customers", "query", "--dry-run"]));
    assert!(out.contains("https://api-hk.nxlink.ai/"), "{out}");

    let sb = Sandbox::start(&["--customers", "20"]);
    let home = common::TempDir::new();
    let config = home.join("config.toml");
    let profile = format!(
        "[staging]\nbase_url = \"{}\"\naccess_key = \"sandbox\"\naccess_secret = \"sandbox-secret\"\ntenant_id = 1\napp_key = \"sandbox\"\n",
        sb.base_url
    );
    std::fs::write(&config, profile).unwrap();
    let out = run_ok(nxcdp().env("NXCDP_CONFIG", &config).args([
        "--profile",
        "staging",
        "-o",
        "jsonl",
        "customers",
        "query",
    ]));
    assert_eq!(out.lines().count(), 20);
}

#[test]
fn a_flag_before_a_command_that_does_not_take_it_names_the_commands_that_do() {
    for (args, flag, takers) in [
        (
            &["--region", "hk", "sandbox"][..],
            "--region",
            "`nxcdp customers query`",
        ),
        (
            &["--file", "x.csv", "customers", "query"],
            "--file",
            "`nxcdp customers export`",
        ),
        (
            &["--customers", "5", "customers", "query"],
            "--customers",
            "`nxcdp sandbox`",
        ),
        (&["--sandbox", "config", "list"], "--sandbox", "`nxcdp api`"),
    ] {
        let out = nxcdp_offline().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_stderr_has(&out, &format!("{flag} is not an option of `nxcdp "));
        assert_stderr_has(&out, takers);
    }
}

#[test]
fn help_still_lists_only_what_a_command_uses() {
    let help = |args: &[&str]| run_ok(nxcdp().args(args));
    let sandbox = help(&["sandbox", "--help"]);
    assert!(
        sandbox.contains("--customers") && !sandbox.contains("--region"),
        "{sandbox}"
    );
    let config = help(&["config", "--help"]);
    assert!(
        config.contains("--profile") && !config.contains("--sandbox"),
        "{config}"
    );
    let root = help(&["--help"]);
    assert!(
        root.contains("nxcdp --sandbox -o jsonl customers query"),
        "{root}"
    );
}

#[test]
fn the_secret_is_never_echoed_whatever_it_starts_with() {
    for secret in ["--S3CR3T", "-S3CR3T", "-S"] {
        for args in [
            vec![
                "customers",
                "query",
                "--access-secret",
                secret,
                "--limit",
                "1",
            ],
            vec!["--access-secret", secret, "customers", "query"],
            vec!["--access-secret", secret, "completions", "bash"],
            vec!["config", "list", "--access-secret", secret],
            vec!["customers", "query", "--access-secret", secret, "--nope"],
            vec![
                "customers",
                "query",
                &format!("--access-secret={secret}"),
                "--limit",
                "x",
            ],
        ] {
            let out = nxcdp_offline().args(&args).output().unwrap();
            let shown = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                stderr_of(&out)
            );
            let leaked = if secret == "-S" { "'-S'" } else { "S3CR" };
            assert!(!shown.contains(leaked), "{args:?}: {shown}");
            assert!(
                out.status.code().is_some_and(|c| c == 2 || c == 5),
                "{args:?}"
            );
        }
    }
    // A secret that starts with a dash is a secret like any other.
    let sb = Sandbox::start(&["--customers", "4", "--access-secret", "-dash-secret"]);
    let out = sb
        .nxcdp()
        .env_remove("NXCDP_ACCESS_SECRET")
        .args([
            "customers",
            "query",
            "--access-secret",
            "-dash-secret",
            "-o",
            "jsonl",
            "-q",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 4);
}
