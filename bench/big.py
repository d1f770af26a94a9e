#!/usr/bin/env python3
"""A sandbox of any size (issue 26, item 4): customers are made when a page asks for them.

Prints, from the release build:
  - `nxcdp sandbox` at 1 000 000 and 10 000 000 customers: the time until it serves (its lines
    printed) and its resident memory then;
  - an export of N customers (`customers export --file - -o csv --parallel 8`, to /dev/null):
    the time, customers/s, nxcdp's peak RSS and the sandbox's peak RSS after it. N is 1 000 000
    by default; 10 000 000 is an opt-in (`--export-customers 10000000`): it makes and sends ten
    million customers, minutes on two busy cores.
Usage: python3 bench/big.py [--export-customers N] (from the repository root; builds with cargo).
"""
import argparse, time

from common import NXCDP, build, measure, peak_rss_kib, start_sandbox


def started(n):
    """Starts a sandbox of n customers; returns it, its environment and the seconds it took."""
    begun = time.perf_counter()
    proc, env = start_sandbox(["--customers", str(n)])
    return proc, env, time.perf_counter() - begun


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--export-customers", type=int, default=1_000_000)
    args = parser.parse_args()
    build()
    print("nxcdp sandbox --customers N: until it serves, and its resident memory then")
    for n in [1_000_000, 10_000_000]:
        proc, _, seconds = started(n)
        rss = peak_rss_kib(proc.pid) / 1024
        proc.kill()
        proc.wait()
        print(f"  {n:>12,} customers  {seconds:6.2f} s  {rss:7.1f} MiB")
    n = args.export_customers
    proc, env, _ = started(n)
    try:
        cmd = [NXCDP, "customers", "export", "--file", "-", "-o", "csv", "--parallel", "8"]
        seconds, rss = measure(cmd, env)
        served = peak_rss_kib(proc.pid) / 1024
    finally:
        proc.kill()
        proc.wait()
    print(f"\nAn export of {n:,} customers at --parallel 8 (to /dev/null):")
    print(f"  {seconds:8.1f} s  {n / seconds:>10,.0f} customers/s  nxcdp's peak RSS "
          f"{rss:6.1f} MiB, the sandbox's {served:6.1f} MiB")


if __name__ == "__main__":
    main()
