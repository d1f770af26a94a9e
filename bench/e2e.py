#!/usr/bin/env python3
"""End-to-end benchmark: nxcdp against the baseline a user would write (bench/baseline.py).

Starts `nxcdp sandbox` (release build) and prints, for exports to /dev/null:
  - wall time and customers per second of nxcdp (-o jsonl, -o csv) and of the baseline,
    side by side in the same run, and the ratio nxcdp/baseline;
  - nxcdp's peak RSS at 10 000 and at 100 000 customers;
  - the export with the sandbox at 20 ms latency, against the floor of pages x latency,
    and with --parallel 8;
  - the start-up time of `nxcdp --version` and `nxcdp --help`.
Usage: python3 bench/e2e.py [--customers N] (from the repository root; builds with cargo).
"""
import argparse, os, subprocess, sys, time

from common import NXCDP, ROOT, build, measure, start_sandbox
BASELINE = os.path.join(ROOT, "bench", "baseline.py")


def row(name, customers, seconds, rss=None, extra=""):
    rate = customers / seconds if seconds else 0
    rss_text = f"{rss:8.1f} MiB" if rss is not None else " " * 12
    print(f"  {name:<34} {seconds:8.2f} s {rate:>12,.0f} customers/s {rss_text}  {extra}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--latency-ms", type=int, default=20)
    args = parser.parse_args()
    build()
    n, small = args.customers, max(args.customers // 10, 1)
    print(f"nxcdp end-to-end benchmark: {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}")

    print(f"\nExport of {n:,} customers from the sandbox to /dev/null (no latency):")
    sandbox, env = start_sandbox(["--customers", str(n)])
    try:
        jsonl = measure([NXCDP, "customers", "query", "--all", "-o", "jsonl"], env)
        csv = measure([NXCDP, "customers", "query", "--all", "-o", "csv"], env)
        base = measure([sys.executable, BASELINE], env)
        row("nxcdp -o jsonl", n, *jsonl, f"{base[0] / jsonl[0]:.1f}x the baseline's speed")
        row("nxcdp -o csv", n, *csv, f"{base[0] / csv[0]:.1f}x the baseline's speed")
        row("baseline (Python, JSON lines)", n, *base)
    finally:
        sandbox.kill()

    print(f"\nPeak RSS of nxcdp -o jsonl / -o csv at {small:,} and {n:,} customers:")
    rss = {}
    for count in (small, n):
        sandbox, env = start_sandbox(["--customers", str(count)])
        try:
            for fmt in ("jsonl", "csv"):
                rss[count, fmt] = measure([NXCDP, "customers", "query", "--all", "-o", fmt], env)[1]
        finally:
            sandbox.kill()
    for fmt in ("jsonl", "csv"):
        growth = (rss[n, fmt] / rss[small, fmt] - 1) * 100
        print(f"  -o {fmt:<6} {rss[small, fmt]:6.1f} MiB at {small:,}, {rss[n, fmt]:6.1f} MiB at {n:,} ({growth:+.1f}%)")

    latency = args.latency_ms
    pages = -(-n // 50)
    if latency <= 0:
        sys.exit("--latency-ms must be positive")
    floor = pages * latency / 1000
    print(f"\nExport of {n:,} customers with the sandbox at {latency} ms latency ({pages:,} pages):")
    sandbox, env = start_sandbox(["--customers", str(n), "--latency-ms", str(latency)])
    try:
        seq = measure([NXCDP, "customers", "query", "--all", "-o", "jsonl"], env)
        par = measure([NXCDP, "customers", "query", "--all", "-o", "jsonl", "--parallel", "8"], env)
        row("nxcdp sequential", n, *seq, f"floor {floor:.2f} s (pages x latency), +{(seq[0] / floor - 1) * 100:.1f}%")
        row("nxcdp --parallel 8", n, *par, f"{seq[0] / par[0]:.1f}x sequential")
    finally:
        sandbox.kill()

    print("\nStart-up (mean of 20 runs; no network, no TLS roots):")
    for flag in ("--version", "--help"):
        runs = []
        for _ in range(20):
            started = time.perf_counter()
            subprocess.run([NXCDP, flag], stdout=subprocess.DEVNULL, check=True)
            runs.append(time.perf_counter() - started)
        print(f"  nxcdp {flag:<10} {sum(runs) / len(runs) * 1000:6.2f} ms")


if __name__ == "__main__":
    main()
