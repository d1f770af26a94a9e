#!/usr/bin/env python3
"""Spreadsheets, against `nxcdp sandbox` (release build):
  - the check (--dry-run) of a 100 000-row .xlsx workbook, against openpyxl merely reading it
    (read-only mode, every row walked), and nxcdp's peak RSS for 10 000 and 100 000 rows;
  - an export of 100 000 customers as -o xlsx beside -o csv: wall time and peak RSS of each, and
    the peak RSS of -o xlsx at 10 000 customers (constant-memory mode: it should not grow).
Needs openpyxl (pip install openpyxl). Usage: python3 bench/sheets.py [--rows N]
(from the repository root; builds with cargo).
"""
import argparse, importlib, os, sys, tempfile

import openpyxl

from common import NXCDP, build, start_sandbox

# bench/import.py's rows and timing ("import" is a keyword: imported by name).
_import = importlib.import_module("import")
HEADER, best_of, offline, rows, run = (
    _import.HEADER, _import.best_of, _import.offline, _import.rows, _import.run)


def write_xlsx(path, n):
    """n rows as bench/import.py's CSV has them, phones and genders typed as numbers (as a
    person types them) and birthdays as text."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("customers")
    sheet.append(HEADER)
    for row in rows(n):
        row[3], row[4], row[8] = int(row[3]), int(row[4]), int(row[8])
        sheet.append(row)
    book.save(path)


def export(env, path, fmt):
    """seconds and peak RSS (MiB) of an export of every customer to path as fmt."""
    seconds, _, rss = run([NXCDP, "customers", "export", "-o", fmt, "--file", path], env)
    os.remove(path)
    return seconds, rss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    n = parser.parse_args().rows
    small_n = max(n // 10, 1)
    build()
    with tempfile.TemporaryDirectory() as tmp:
        big, small = os.path.join(tmp, "big.xlsx"), os.path.join(tmp, "small.xlsx")
        write_xlsx(big, n)
        write_xlsx(small, small_n)
        reader = [sys.executable, "-c",
                  "import openpyxl, sys\n"
                  "book = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
                  "for row in book.worksheets[0].iter_rows(values_only=True): pass", big]
        python = best_of(3, reader)
        check = [NXCDP, "customers", "import", "--dry-run", big]
        nxcdp = best_of(3, check)
        rss_small = run([NXCDP, "customers", "import", "--dry-run", small], offline())[2]
        rss_big = run(check, offline())[2]
        print(f"--dry-run of a {n:,}-row .xlsx workbook (best of 3, process start included)")
        print(f"  nxcdp --dry-run        {nxcdp:6.2f} s  {n / nxcdp:10,.0f} rows/s")
        print(f"  openpyxl read-only     {python:6.2f} s  {n / python:10,.0f} rows/s")
        print(f"  ratio                  nxcdp checks {python / nxcdp:.2f}x as fast as openpyxl reads")
        print(f"  peak RSS               {rss_small:6.1f} MiB at {small_n:,} rows, {rss_big:6.1f} MiB at {n:,}\n")

        for count in (small_n, n):
            proc, env = start_sandbox(["--customers", str(count)])
            try:
                path = os.path.join(tmp, "customers")
                if count == n:
                    csv_s, csv_rss = export(env, path + ".csv", "csv")
                xlsx_s, xlsx_rss = export(env, path + ".xlsx", "xlsx")
            finally:
                proc.kill()
            if count == small_n:
                small_rss = xlsx_rss
        print(f"export of {n:,} customers (one run each)")
        print(f"  -o csv                 {csv_s:6.2f} s  {n / csv_s:10,.0f} customers/s  peak RSS {csv_rss:6.1f} MiB")
        print(f"  -o xlsx                {xlsx_s:6.2f} s  {n / xlsx_s:10,.0f} customers/s  peak RSS {xlsx_rss:6.1f} MiB"
              f" ({small_rss:.1f} MiB at {small_n:,})")
        print(f"  ratio                  xlsx takes {xlsx_s / csv_s:.2f}x the time of csv")


if __name__ == "__main__":
    main()
