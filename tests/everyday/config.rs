//! `nxcdp config`: its commands, the mode warning, comments and other profiles kept.

use crate::common::{nxcdp, run_ok, Sandbox, TempDir};

#[test]
fn config_commands() {
    let sb = Sandbox::start(&["--customers", "5"]);
    let dir = TempDir::new();
    let path = dir.join("sub").join("config.toml");
    let config = || {
        let mut c = nxcdp();
        c.env("NXCDP_CONFIG", &path);
        c
    };
    assert_eq!(
        run_ok(config().args(["config", "path"])).trim(),
        path.to_str().unwrap()
    );
    for (key, value) in [
        ("base_url", sb.base_url.as_str()),
        ("access_key", "sandbox"),
        ("tenant_id", "1"),
        ("app_key", "sandbox"),
    ] {
        run_ok(config().args(["config", "set", key, value, "--profile", "sb"]));
    }
    // The secret is read from stdin, never taken as an argument.
    run_ok(
        config()
            .args(["config", "set", "access_secret", "--profile", "sb"])
            .write_stdin("sandbox-secret\n"),
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    assert_eq!(
        run_ok(config().args(["config", "get", "tenant_id", "--profile", "sb"])),
        "1\n"
    );
    let list = run_ok(config().args(["config", "list", "--profile", "sb"]));
    assert!(
        list.contains("access_key = sandbox") && list.contains("access_secret = ********"),
        "{list}"
    );
    assert!(!list.contains("sandbox-secret"));
    // Refused: reading the secret back, a tenant id that is not a number, an unknown key.
    for args in [
        &["get", "access_secret", "--profile", "sb"][..],
        &["set", "tenant_id", "abc"],
        &["set", "colour", "red"],
    ] {
        let out = config().arg("config").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!String::from_utf8_lossy(&out.stdout).contains("sandbox-secret"));
    }
    // The profile works for queries.
    let out = run_ok(config().args(["--profile", "sb", "customers", "query", "-o", "jsonl"]));
    assert_eq!(out.lines().count(), 5);
    // init reads one line per key from stdin when it is not a terminal.
    let input = format!("{}\nsandbox\nsandbox-secret\n1\nsandbox\n", sb.base_url);
    run_ok(
        config()
            .args(["config", "init", "--profile", "second"])
            .write_stdin(input),
    );
    assert_eq!(
        run_ok(config().args(["config", "profiles"])),
        "sb\nsecond\n"
    );
    let out =
        run_ok(
            config()
                .env("NXCDP_PROFILE", "second")
                .args(["customers", "query", "-o", "jsonl"]),
        );
    assert_eq!(out.lines().count(), 5);
}

#[test]
fn a_config_file_others_can_read_gets_a_warning() {
    let sb = Sandbox::start(&["--customers", "2"]);
    let dir = TempDir::new();
    let path = dir.join("config.toml");
    std::fs::write(&path, format!("[default]\nbase_url = \"{}\"\naccess_key = \"sandbox\"\naccess_secret = \"sandbox-secret\"\ntenant_id = 1\napp_key = \"sandbox\"\n", sb.base_url)).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let out = nxcdp()
            .env("NXCDP_CONFIG", &path)
            .args(["customers", "query", "-o", "jsonl"])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(&format!("chmod 600 {}", path.display()))
        );
    }
}

#[test]
fn config_set_keeps_comments_and_other_profiles() {
    let dir = TempDir::new();
    let path = dir.join("config.toml");
    let original = "# my nxcdp settings\n[prod]\n# the real one\naccess_key = \"live\" # keep\ntenant_id = 7\n\n[other]\napp_key = \"x\"\n";
    std::fs::write(&path, original).unwrap();
    let config =
        |args: &[&str]| run_ok(nxcdp().env("NXCDP_CONFIG", &path).arg("config").args(args));
    config(&["set", "app_key", "shop", "--profile", "prod"]);
    config(&["set", "tenant_id", "8", "--profile", "prod"]);
    let text = std::fs::read_to_string(&path).unwrap();
    let kept = [
        "# my nxcdp settings",
        "# the real one",
        "access_key = \"live\" # keep",
    ];
    for kept in kept.into_iter().chain(["[other]", "app_key = \"x\""]) {
        assert!(text.contains(kept), "{kept:?} kept in:\n{text}");
    }
    assert!(
        text.contains("app_key = \"shop\"") && text.contains("tenant_id = 8"),
        "{text}"
    );
    assert_eq!(config(&["get", "tenant_id", "--profile", "prod"]), "8\n");
}
