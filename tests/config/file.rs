//! Reading the config file: errors by key and line, broken profiles not in use, the mode warning,
//! what the file may be, profile names.

use crate::common::{assert_stderr_has, nxcdp, stderr_of, Sandbox, TempDir};
use crate::init::assert_usage;
use crate::init::config;
use crate::init::with_config;
use std::path::PathBuf;

#[test]
fn errors_in_the_file_name_the_key_and_its_line_never_the_value() {
    for (text, says) in [
        (
            "[default]\naccess_key = \"k\"\ntenant_id = \"MYSECRET\"\n",
            "tenant_id (line 3) must be an integer (without quotes)",
        ),
        (
            "[default]\ncolour = \"MYSECRET\"\n",
            "unknown key colour (line 2); the keys are base_url, region",
        ),
        (
            "access_secret = \"MYSECRET\"\n[default]\n",
            "warning: access_secret (line 1) in ",
        ),
        (
            "[default]\nbase_url = \"MYSECRET\"\n",
            "base_url (line 2) must be an http",
        ),
        (
            "[default]\nregion = \"MYSECRET\"\n",
            "region (line 2) must be one of default, hk",
        ),
        (
            "[default]\naccess_secret = MYSECRET\n",
            "is not valid TOML at line 2",
        ),
        (
            "[default]\naccess_secret = \"a\"\naccess_secret = \"MYSECRET\"\n",
            "duplicate key `access_secret`",
        ),
    ] {
        let (mut cmd, _) = with_config(text);
        let out = cmd
            .args(["customers", "query", "--dry-run"])
            .output()
            .unwrap();
        assert_usage(&out, says);
        assert!(!stderr_of(&out).contains("MYSECRET"), "{}", stderr_of(&out));
    }
}

#[test]
fn a_broken_profile_that_is_not_in_use_is_a_warning() {
    let sb = Sandbox::start(&["--customers", "3"]);
    let text = "[broken]\ntenant_id = \"x\"\n\n[default]\napp_key = \"sandbox\"\n";
    let (mut cmd, _) = with_config(text);
    let out = cmd
        .envs(&sb.env)
        .args(["customers", "query", "-o", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
    assert_stderr_has(&out, "warning: profile broken in ");
    assert_stderr_has(
        &out,
        ": tenant_id (line 2) must be an integer (without quotes) (ignored)",
    );
    // Used, it fails.
    let (mut cmd, _) = with_config(text);
    let out = cmd
        .envs(&sb.env)
        .args(["customers", "query", "--profile", "broken"])
        .output()
        .unwrap();
    assert_usage(&out, "profile broken in ");
}

#[cfg(unix)]
#[test]
fn the_mode_warning_comes_whenever_any_profile_holds_a_secret() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::start(&["--customers", "1"]);
    for (text, warned) in [
        (
            "[default]\napp_key = \"sandbox\"\n[other]\naccess_secret = \"x\"\n",
            true,
        ),
        ("[default]\naccess_secret = \"sandbox-secret\"\n", true),
        ("[default]\napp_key = \"sandbox\"\n", false),
    ] {
        let (mut cmd, path) = with_config(text);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let out = cmd
            .envs(&sb.env)
            .args(["customers", "query"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let says = format!("run: chmod 600 {}", path.display());
        assert_eq!(
            stderr_of(&out).contains(&says),
            warned,
            "{text}: {}",
            stderr_of(&out)
        );
    }
}

#[test]
fn the_config_file_must_be_a_small_regular_file() {
    let dir = TempDir::new();
    let large = dir.join("large.toml");
    let line = format!("# {}\n", "x".repeat(1000));
    std::fs::write(&large, line.repeat(5 * 1024)).unwrap();
    let cases = [
        (PathBuf::from("/dev/zero"), "not a regular file"),
        (dir.path().to_path_buf(), "not a regular file"),
        // A pipe would block the read: refused, not waited on.
        (
            crate::common::fifo(&dir.join("pipe.toml")),
            "not a regular file",
        ),
        (large, "larger than 4 MiB"),
    ];
    for (path, says) in cases {
        for args in [
            &["customers", "query", "--dry-run"][..],
            &["config", "list"],
        ] {
            let out = nxcdp()
                .env("NXCDP_CONFIG", &path)
                .args(args)
                .timeout(std::time::Duration::from_secs(20))
                .output()
                .unwrap();
            assert_usage(&out, says);
            assert_stderr_has(&out, "the config file");
        }
    }
}

#[test]
fn profile_names_with_control_characters_are_refused_and_local_names_are_shown_escaped() {
    for (flag, env) in [
        (Some("a\nb"), None),
        (None, Some("ev\u{1b}]0;TITLE\u{7}il")),
    ] {
        for args in [
            &["customers", "query", "--dry-run"][..],
            &["config", "list"],
        ] {
            let mut cmd = nxcdp();
            if let Some(env) = env {
                cmd.env("NXCDP_PROFILE", env);
            }
            if let Some(flag) = flag {
                cmd.args(["--profile", flag]);
            }
            let out = cmd.args(args).output().unwrap();
            assert_usage(&out, "holds a line break or a control character");
            let stderr = stderr_of(&out);
            assert!(
                !stderr.contains('\u{1b}') && !stderr.contains("a\nb"),
                "{stderr}"
            );
            assert!(
                stderr.contains("$'a\\nb'") || stderr.contains("$'ev\\x1b]0;TITLE\\x07il'"),
                "{stderr}"
            );
        }
    }
    // In the file, such a profile is listed escaped, and is broken.
    let (mut cmd, _) = with_config("[\"ev\\u001b]0;TITLE\\u0007il\"]\napp_key = \"a\"\n");
    let out = cmd.args(["config", "profiles"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "$'ev\\x1b]0;TITLE\\x07il'\n"
    );
    assert!(!stderr_of(&out).contains('\u{1b}'), "{}", stderr_of(&out));
    assert_stderr_has(&out, "rename it");
    // A config path with control characters and bytes that are not UTF-8, as a shell takes it.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let dir = TempDir::new();
        let mut name = b"w\x1b]0;TITLE\x07\ncaf\xe9".to_vec();
        name.extend_from_slice(b".toml");
        let path = dir.join(std::ffi::OsStr::from_bytes(&name));
        let out = nxcdp()
            .env("NXCDP_CONFIG", &path)
            .args(["customers", "query"])
            .output()
            .unwrap();
        assert_usage(&out, "there is no config file");
        assert_stderr_has(&out, "w\\x1b]0;TITLE\\x07\\ncaf\\xe9.toml' does not exist");
        assert!(!out.stderr.contains(&0x1b), "{}", stderr_of(&out));
        let out = config(&path, &["path"]);
        assert!(String::from_utf8_lossy(&out.stdout).ends_with("\\ncaf\\xe9.toml'\n"));
    }
}
