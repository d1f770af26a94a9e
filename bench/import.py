#!/usr/bin/env python3
"""customers import end to end, against `nxcdp sandbox` (release build), into an empty tenant:
  - 20 000 rows at 100 ms per request (a real round trip), then at 20 ms, with --parallel 1 and
    with --parallel 8 (issue 26, item 5: at least 6x at 100 ms);
  - --dry-run of a 100 000-row CSV, against Python's csv module merely reading it, and
    nxcdp's peak RSS for 10 000 and 100 000 rows.
Prints wall time, rows per second, requests and 429s of each, and the ratios. An import under a
rate limit: bench/parallel.py.
Usage: python3 bench/import.py [--rows N] (from the repository root; builds with cargo).
"""
import argparse, csv, json, os, re, subprocess, sys, tempfile, time

from common import NXCDP, build, peak_rss_kib, start_sandbox

HEADER = ["full_name", "first_name", "last_name", "sms_phone", "whatsApp_phone", "email",
          "country", "birthday", "gender", "remark", "tags"]


def rows(n):
    """n customers, every phone and email its own."""
    for i in range(n):
        yield [f"Customer {i}", "Customer", str(i), f"86138{i:08d}", f"86139{i:08d}",
               f"c{i}@example.com", "CN", f"19{50 + i % 50}-0{1 + i % 9}-1{i % 10}", str(i % 2),
               "imported by the benchmark", "vip;new"]


def write_csv(path, n):
    with open(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        out.writerows(rows(n))


def run(cmd, env):
    """Runs cmd; returns (seconds, stderr, peak RSS in MiB)."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, peak_rss_kib(proc.pid))
            time.sleep(0.005)
        seconds = time.perf_counter() - started
        err.seek(0)
        stderr = err.read().decode()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {stderr[-800:]}")
    return seconds, stderr, peak / 1024


def import_into(sandbox_args, path, extra):
    """Imports path into a new, empty sandbox; returns (seconds, requests, 429s)."""
    proc, env = start_sandbox(["--customers", "0", *sandbox_args])
    try:
        seconds, stderr, _ = run([NXCDP, "customers", "import", path, "-v", *extra], env)
    finally:
        proc.kill()
    requests = sum(1 for line in stderr.splitlines() if line.startswith("> POST"))
    throttled = stderr.count("throttled, every request waits")
    accepted = re.search(r"(\d+) accepted", stderr)
    return seconds, requests, throttled, int(accepted.group(1)) if accepted else -1


def offline():
    """An environment with no NXCDP_* variable and no config file: a check reaches no server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NXCDP_")}
    env["NXCDP_CONFIG"] = "/nonexistent/nxcdp-bench.toml"
    return env


def best_of(times, cmd):
    return min(run(cmd, offline())[0] for _ in range(times))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    n = parser.parse_args().rows
    build()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "customers.csv")
        write_csv(path, n)
        for latency in ["100", "20"]:
            print(f"{n:,} rows at {latency} ms per request, batches of 100")
            seq = import_into(["--latency-ms", latency], path, ["--parallel", "1"])
            par = import_into(["--latency-ms", latency], path, ["--parallel", "8"])
            for name, (s, req, thr, acc) in [("--parallel 1", seq), ("--parallel 8", par)]:
                assert acc == n, (name, acc)
                print(f"  {name:<14} {s:6.2f} s  {n / s:8,.0f} rows/s  {req:4} requests  {thr} x 429")
            print(f"  ratio          {seq[0] / par[0]:5.2f}x faster\n")

        big = os.path.join(tmp, "big.csv")
        write_csv(big, 100_000)
        small = os.path.join(tmp, "small.csv")
        write_csv(small, 10_000)
        reader = [sys.executable, "-c",
                  "import csv, sys\nfor row in csv.reader(open(sys.argv[1], newline='')): pass", big]
        python = best_of(3, reader)
        check = [NXCDP, "customers", "import", "--dry-run", big]
        nxcdp = best_of(3, check)
        rss_small = run([NXCDP, "customers", "import", "--dry-run", small], offline())[2]
        rss_big = run(check, offline())[2]
        print("--dry-run of a 100,000-row CSV (best of 3, process start included)")
        print(f"  nxcdp --dry-run        {nxcdp:6.2f} s  {100_000 / nxcdp:10,.0f} rows/s")
        print(f"  python csv.reader      {python:6.2f} s  {100_000 / python:10,.0f} rows/s")
        print(f"  ratio                  nxcdp checks {python / nxcdp:.2f}x as fast as Python reads")
        print(f"  peak RSS               {rss_small:6.1f} MiB at 10,000 rows, {rss_big:6.1f} MiB at 100,000")


if __name__ == "__main__":
    main()
