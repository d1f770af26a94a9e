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

/// Every script of `bench/` loads: the names it takes from the others exist (`bench/run` runs
/// them one after the other, and one that fails to load stops the rest). `baseline.py` is the
/// one that works as it loads (a walk of the server in its environment) and takes nothing from
/// the others: it is compiled only.
#[test]
fn every_benchmark_script_loads() {
    let bench = concat!(env!("CARGO_MANIFEST_DIR"), "/bench");
    let mut scripts: Vec<String> = std::fs::read_dir(bench)
        .unwrap()
        .filter_map(|entry| {
            let name = entry.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".py").map(str::to_string)
        })
        .collect();
    scripts.sort();
    assert!(scripts.len() >= 8, "{scripts:?}");
    for script in scripts {
        let load = match script.as_str() {
            "baseline" => {
                "import sys; compile(open(sys.argv[1] + '.py').read(), sys.argv[1], 'exec')"
            }
            _ => "import importlib, sys; importlib.import_module(sys.argv[1])",
        };
        let mut cmd = scrubbed("python3");
        cmd.current_dir(bench)
            .args(["-c", load, &script])
            .env("PYTHONDONTWRITEBYTECODE", "1");
        run_ok(&mut assert_cmd::Command::from_std(cmd.cmd));
    }
}
