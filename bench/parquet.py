#!/usr/bin/env python3
"""-o parquet against `nxcdp sandbox` (release build): an export of 100 000 customers as
-o parquet beside -o csv and -o jsonl, each one run: wall time, customers per second, peak RSS and
the file's size; and the peak RSS of -o parquet at 10 000 customers (one row group held in memory
at most: it should not grow with the customers). The parquet file is read back by DuckDB when its
Python module is there (pip install duckdb): the row count and the ids' extremes against the JSON
lines. Usage: python3 bench/parquet.py [--customers N] (from the repository root; builds with
cargo).
"""
import argparse, importlib, json, os, tempfile

from common import NXCDP, build, start_sandbox

# bench/import.py's timing ("import" is a keyword: imported by name).
run = importlib.import_module("import").run


def export(env, path, fmt):
    """seconds, peak RSS (MiB) and size (MiB) of an export of every customer to path as fmt."""
    seconds, _, rss = run([NXCDP, "customers", "export", "-o", fmt, "--file", path], env)
    return seconds, rss, os.path.getsize(path) / (1 << 20)


def read_back(parquet, jsonl):
    """DuckDB's count and extreme ids of the parquet file against the JSON lines', or why not."""
    try:
        import duckdb
    except ImportError:
        return "not read back: no duckdb module (pip install duckdb)"
    got = duckdb.sql(f"select count(*), min(id), max(id) from read_parquet('{parquet}')").fetchall()[0]
    with open(jsonl) as lines:
        ids = [json.loads(line)["id"] for line in lines]
    wanted = (len(ids), min(ids), max(ids))
    verdict = "the same" if tuple(got) == wanted else f"DIFFERENT from the JSON lines' {wanted}"
    return f"DuckDB reads {got[0]:,} rows, ids {got[1]} to {got[2]}: {verdict}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    n = parser.parse_args().customers
    small_n = max(n // 10, 1)
    build()
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in (small_n, n):
            proc, env = start_sandbox(["--customers", str(count)])
            try:
                formats = ("csv", "jsonl", "parquet") if count == n else ("parquet",)
                for fmt in formats:
                    path = os.path.join(tmp, f"customers-{count}.{fmt}")
                    figures[count, fmt] = export(env, path, fmt)
            finally:
                proc.kill()
        checked = read_back(os.path.join(tmp, f"customers-{n}.parquet"),
                            os.path.join(tmp, f"customers-{n}.jsonl"))
    print(f"export of {n:,} customers (one run each)")
    for fmt in ("csv", "jsonl", "parquet"):
        s, rss, size = figures[n, fmt]
        extra = ""
        if fmt == "parquet":
            extra = f" ({figures[small_n, fmt][1]:.1f} MiB at {small_n:,})"
        print(f"  -o {fmt:<8} {s:6.2f} s  {n / s:9,.0f} customers/s  peak RSS {rss:6.1f} MiB{extra}"
              f"  file {size:6.1f} MiB")
    csv_s, jsonl_s, parquet_s = (figures[n, f][0] for f in ("csv", "jsonl", "parquet"))
    csv_size, jsonl_size, parquet_size = (figures[n, f][2] for f in ("csv", "jsonl", "parquet"))
    print(f"  ratio       parquet takes {parquet_s / jsonl_s:.2f}x the time of jsonl, "
          f"{parquet_s / csv_s:.2f}x that of csv; its file is {parquet_size / csv_size:.0%} "
          f"of the CSV's size, {parquet_size / jsonl_size:.0%} of the JSON lines'")
    print(f"  {checked}")


if __name__ == "__main__":
    main()
