#!/usr/bin/env python3
"""--parallel 8 against one cursor, on the server shapes of API.md section 7.

Starts `nxcdp sandbox` (release build) for each case and walks every customer to /dev/null,
once with one cursor and once with --parallel 8, and prints wall time, requests, 429s and the
ratios:
  - uniform data at 20 ms per page;
  - a 90% bulk import (90% of the customers created within one hour) at 20 ms per page;
  - a limit of 5 requests per second (429 with Retry-After beyond).
Usage: python3 bench/parallel.py [--customers N] (from the repository root; builds with cargo).
"""
import argparse, os, subprocess, sys, time

from common import NXCDP, build, start_sandbox


def walk(env, extra):
    """Every customer to /dev/null with -v; returns (seconds, requests, 429s, customers)."""
    cmd = [NXCDP, "customers", "query", "--all", "-o", "jsonl", "-v", *extra]
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed: {done.stderr[-500:]}")
    requests = done.stderr.count("\n> POST ") + done.stderr.startswith("> POST ")
    throttled = done.stderr.count("throttled, every request waits")
    return seconds, requests, throttled, done.stdout.count("\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=10_000)
    n = parser.parse_args().customers
    build()
    cases = [
        ("uniform, 20 ms/page", ["--latency-ms", "20"]),
        ("90% burst, 20 ms/page", ["--latency-ms", "20", "--burst", "0.9"]),
        ("5 requests/s limit", ["--rate-limit", "5"]),
    ]
    pages = -(-n // 50)
    print(f"{n:,} customers, {pages} pages of 50; one cursor against --parallel 8\n")
    for name, args in cases:
        customers = n if "--rate-limit" not in args else min(n, 3000)
        proc, env = start_sandbox(["--customers", str(customers), *args])
        try:
            seq = walk(env, [])
            par = walk(env, ["--parallel", "8"])
        finally:
            proc.kill()
        assert seq[3] == par[3] == customers, (seq, par)
        full = -(-customers // 50)
        print(f"{name} ({customers:,} customers)")
        print(f"  one cursor     {seq[0]:6.2f} s  {seq[1]:4} requests  {seq[2]:3} x 429")
        print(f"  --parallel 8   {par[0]:6.2f} s  {par[1]:4} requests  {par[2]:3} x 429")
        print(f"  ratio          {seq[0] / par[0]:5.2f}x faster, "
              f"{100 * (par[1] / full - 1):+.0f}% requests over pages, "
              f"{par[2] / full:.2f} 429s per page\n")


if __name__ == "__main__":
    main()
