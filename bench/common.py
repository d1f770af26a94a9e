"""What every benchmark script shares: where the release binary is, building it, and a sandbox
whose environment lines point nxcdp at it."""
import os, subprocess, sys, time

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


def peak_rss_kib(pid):
    """VmHWM: the high-water mark of this process image's resident memory. (wait4's ru_maxrss
    would not do: Linux carries the parent's peak over into a forked child.)"""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(cmd, env):
    """Runs cmd with stdout to /dev/null; returns (seconds, peak RSS in MiB)."""
    with open(os.devnull, "wb") as null, open(os.devnull, "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=null, stderr=err, env=env)
        peak = 0
        # The high-water mark only grows: its last reading before exit is the peak.
        while proc.poll() is None:
            peak = max(peak, peak_rss_kib(proc.pid))
            time.sleep(0.005)
        seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    return seconds, peak / 1024
