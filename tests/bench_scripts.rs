//! The benchmark scripts find the binary where cargo puts it: `CARGO_TARGET_DIR` included.

mod common;

use common::{run_ok, scrubbed};

fn binary_seen_by_the_benchmarks(target: Option<&str>) -> String {
    let mut cmd = scrubbed("python3");
    cmd.current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/bench"))
        .args(["-c", "import common; print(common.NXCDP)"])
        .env_remove("CARGO_TARGET_DIR");
    if let Some(dir) = target {
        cmd.env("CARGO_TARGET_DIR", dir);
    }
    run_ok(&mut assert_cmd::Command::from_std(cmd.cmd))
        .trim()
        .to_string()
}

#[test]
fn benchmarks_honour_cargo_target_dir() {
    let root = env!("CARGO_MANIFEST_DIR");
    assert_eq!(
        binary_seen_by_the_benchmarks(None),
        format!("{root}/target/release/nxcdp")
    );
    assert_eq!(
        binary_seen_by_the_benchmarks(Some("/tmp/elsewhere")),
        "/tmp/elsewhere/release/nxcdp"
    );
    assert_eq!(
        binary_seen_by_the_benchmarks(Some("build")),
        format!("{root}/build/release/nxcdp")
    );
}
