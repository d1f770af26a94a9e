"""What every benchmark script shares: where the release binary is, building it, and a sandbox
whose environment lines point nxcdp at it."""
import os, subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def target_dir():
    """cargo's target directory: CARGO_TARGET_DIR (relative to the repository root when
    relative), else target/."""
    target = os.environ.get("CARGO_TARGET_DIR") or "target"
    return os.path.join(ROOT, target)


NXCDP = os.path.join(target_dir(), "release", "nxcdp")


def build():
    """The release binary, built (or found up to date) by cargo."""
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)


def start_sandbox(args):
    """`nxcdp sandbox --port 0 ARGS`; returns the process and an environment with no NXCDP_*
    variable of the caller's, no config file, and the sandbox's lines."""
    proc = subprocess.Popen([NXCDP, "sandbox", "--port", "0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = [proc.stdout.readline().strip() for _ in range(6)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("NXCDP_")}
    env["NXCDP_CONFIG"] = "/nonexistent/nxcdp-bench.toml"
    for line in lines[1:]:
        key, value = line.removeprefix("export ").split("=", 1)
        env[key] = value
    return proc, env
