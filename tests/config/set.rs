//! `config set`: a wrong value named by its key, regions and base URLs, comments kept, links
//! written through, writes at the same time.

use crate::common::{assert_stderr_has, nxcdp, run_ok, stderr_of, TempDir};
use crate::init::assert_usage;
use crate::init::config;

#[test]
fn config_set_refuses_a_wrong_value_naming_the_key_not_the_value() {
    let dir = TempDir::new();
    let path = dir.join("config.toml");
    for (args, says) in [
        (
            &["set", "base_url", "notaurl"][..],
            "base_url must be an http:// or https:// URL",
        ),
        (
            &["set", "base_url", "http://MYSECRET.test/?q=1"],
            "base_url must be",
        ),
        (
            &["set", "tenant_id", "MYSECRETVALUE"],
            "tenant_id must be an integer",
        ),
        (
            &["set", "region", "MYSECRETVALUE"],
            "region must be one of default, hk, americas, idn",
        ),
        (
            &["set", "access_key", "MYSECRET\u{1b}]0;x\u{7}"],
            "access_key holds a character",
        ),
    ] {
        let out = config(&path, args);
        assert_usage(&out, says);
        assert!(!stderr_of(&out).contains("MYSECRET"), "{}", stderr_of(&out));
        assert!(!path.exists(), "{args:?}: nothing written");
    }
}

#[test]
fn the_readme_sequence_set_region_then_get_base_url_works() {
    let dir = TempDir::new();
    let path = dir.join("config.toml");
    assert!(config(&path, &["set", "region", "hk"]).status.success());
    let out = config(&path, &["get", "base_url"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "https://api-hk.nxlink.ai\n"
    );
}

#[test]
fn config_set_region_keeps_the_comments_around_the_base_url_it_removes() {
    let dir = TempDir::new();
    let path = dir.join("config.toml");
    std::fs::write(
        &path,
        "[default]\naccess_key = \"k\"\n# the office's gateway, see the wiki\nbase_url = \"http://gw.test\" # until June\napp_key = \"a\"\n",
    )
    .unwrap();
    let out = config(&path, &["set", "region", "hk"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_stderr_has(&out, "removed base_url");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "[default]\naccess_key = \"k\"\n# the office's gateway, see the wiki\nregion = \"hk\" # until June\napp_key = \"a\"\n"
    );
}

#[cfg(unix)]
#[test]
fn config_set_writes_through_a_symbolic_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new();
    let real = dir.join("dotfiles").join("nxcdp.toml");
    std::fs::create_dir(dir.join("dotfiles")).unwrap();
    std::fs::write(&real, "# mine\n[default]\napp_key = \"a\"\n").unwrap();
    let link = dir.join("config.toml");
    std::os::unix::fs::symlink("dotfiles/nxcdp.toml", &link).unwrap();
    assert!(config(&link, &["set", "tenant_id", "9"]).status.success());
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let text = std::fs::read_to_string(&real).unwrap();
    assert_eq!(text, "# mine\n[default]\napp_key = \"a\"\ntenant_id = 9\n");
    let mode = std::fs::metadata(&real).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn config_sets_at_the_same_time_each_keep_their_write() {
    let dir = TempDir::new();
    let path = dir.join("config.toml");
    for round in 0..5 {
        let _ = std::fs::remove_file(&path);
        let children: Vec<_> = (0..6)
            .map(|i| {
                let mut cmd = crate::common::scrubbed(crate::common::nxcdp_bin());
                cmd.env("NXCDP_CONFIG", &path)
                    .args(["config", "set", "tenant_id", &i.to_string()])
                    .args(["--profile", &format!("p{i}")])
                    .stderr(std::process::Stdio::piped());
                (cmd.spawn().unwrap(), cmd)
            })
            .collect();
        for (child, _cmd) in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let profiles = run_ok(
            nxcdp()
                .env("NXCDP_CONFIG", &path)
                .args(["config", "profiles"]),
        );
        assert_eq!(profiles.lines().count(), 6, "round {round}: {profiles}");
        assert!(
            !dir.join("config.toml.lock").exists(),
            "the lock goes with its holder"
        );
    }
}
