#!/usr/bin/env python3
"""--parallel 8 against one cursor on the shapes of real tenants, and a rate limit learnt.

Starts `nxcdp sandbox` (release build) for each case and walks every customer to /dev/null,
once with one cursor and once with --parallel 8, in the same run, and prints the times, their
ratio and the requests per page (issue 26):
  - each `--shape` (even, burst, bursts, growth, tail) at 100 ms a page, then at 20 ms;
  - under a limit of 5 requests/s, at 100 ms a request and on loopback, an export (one cursor,
    and --parallel 8) and an import (the default --parallel 4, and --parallel 8) of a hundred
    requests each: the throughput against the limit's and the share of requests answered 429.
Usage: python3 bench/parallel.py [--customers N] [--shapes-only | --limit-only]
(from the repository root; builds with cargo).
"""
import argparse, os, subprocess, sys, tempfile, time

from common import NXCDP, build, start_sandbox

SHAPES = ["even", "burst", "bursts", "growth", "tail"]
THROTTLED = "throttled, every request waits"


def run(env, cmd):
    """Runs nxcdp with -v; returns (seconds, requests, 429s, stdout lines, stderr)."""
    started = time.perf_counter()
    done = subprocess.run([NXCDP, *cmd, "-v"], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed: {done.stderr[-800:]}")
    requests = sum(1 for line in done.stderr.splitlines() if line.startswith("> POST"))
    return seconds, requests, done.stderr.count(THROTTLED), done.stdout.count("\n"), done.stderr


def walk(env, extra):
    return run(env, ["customers", "query", "--all", "-o", "jsonl", *extra])


def shapes(n, latency):
    pages = -(-n // 50)
    print(f"{n:,} customers ({pages} pages of 50) at {latency} ms a page: one cursor against "
          f"--parallel 8 (at most 8x: pages / 8 round trips)")
    print(f"  {'shape':<8} {'one cursor':>10} {'--parallel 8':>13} {'ratio':>6}  requests/page")
    for shape in SHAPES:
        proc, env = start_sandbox(["--customers", str(n), "--shape", shape,
                                   "--latency-ms", str(latency)])
        try:
            seq = walk(env, [])
            par = walk(env, ["--parallel", "8"])
        finally:
            proc.kill()
        assert seq[3] == par[3] == n, (shape, seq[3], par[3])
        print(f"  {shape:<8} {seq[0]:9.2f}s {par[0]:12.2f}s {seq[0] / par[0]:5.2f}x  "
              f"{seq[1] / pages:.2f} / {par[1] / pages:.2f}")
    print()


def limited(n, rows, latency):
    limit = 5
    print(f"Under a limit of {limit} requests/s (a bucket of {limit}, refilled at {limit} a second), "
          f"{latency} ms a request")
    print(f"  {'what':<42} {'time':>7} {'requests/s':>11} {'of the limit':>13} {'429s':>12}")

    def line(name, seconds, requests, throttled, done, unit):
        accepted = requests - throttled
        print(f"  {name:<42} {seconds:6.1f}s {accepted / seconds:10.2f} "
              f"{100 * accepted / seconds / limit:12.0f}% {throttled:4} ({100 * throttled / requests:.1f}%)"
              f"   {done / seconds:,.0f} {unit}/s")

    sandbox = ["--rate-limit", str(limit), "--latency-ms", str(latency)]
    for name, extra in [("export, one cursor", []), ("export, --parallel 8", ["--parallel", "8"])]:
        proc, env = start_sandbox(["--customers", str(n), *sandbox])
        try:
            seconds, requests, throttled, count, _ = walk(env, extra)
        finally:
            proc.kill()
        assert count == n, count
        line(f"{name} ({n:,})", seconds, requests, throttled, count, "customers")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "rows.csv")
        with open(path, "w") as f:
            f.write("full_name,sms_phone\n")
            f.writelines(f"Customer {i},86138{i:08d}\n" for i in range(rows))
        for name, extra in [("import, default --parallel 4", []),
                            ("import, --parallel 8", ["--parallel", "8"])]:
            proc, env = start_sandbox(["--customers", "0", *sandbox])
            try:
                seconds, requests, throttled, _, stderr = run(
                    env, ["customers", "import", path, *extra])
            finally:
                proc.kill()
            assert f"{rows} accepted" in stderr, stderr[-500:]
            line(f"{name} ({rows:,} rows)", seconds, requests, throttled, rows, "rows")
    print()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=5000)
    parser.add_argument("--shapes-only", action="store_true")
    parser.add_argument("--limit-only", action="store_true")
    args = parser.parse_args()
    build()
    if not args.limit_only:
        shapes(args.customers, 100)
        shapes(args.customers, 20)
    if not args.shapes_only:
        # A hundred requests each: the size, where the first requests, sent before
        # anything is known of the limit, weigh the most.
        for latency in [100, 0]:
            limited(args.customers, 2 * args.customers, latency)


if __name__ == "__main__":
    main()
