#!/usr/bin/env python3
"""`nxcdp customers watch`: what an idle poll costs, and how soon a customer is printed.

Starts `nxcdp sandbox` (release build) and prints:
  - requests per idle poll: `--once --bookmark` runs and a running watch (`-v`) against a sandbox
    of 100 000 customers and no arrivals;
  - the delay from a customer becoming visible (the sandbox's --log) to its line on the watch's
    stdout, with --arrivals 5 --late 0.3, at --interval 1s and at the default 10s: median, 95th
    percentile, the share within the interval plus a second, and whether every customer that
    became visible while the watch ran was printed exactly once;
  - the same exactness for a series of `--once --bookmark` runs a few seconds apart.
Usage: python3 bench/watch.py [--seconds N] (from the repository root; builds with cargo).
"""
import argparse, json, os, signal, subprocess, sys, tempfile, threading, time

from common import NXCDP, build, start_sandbox


def requests_per_idle_poll(env, tmp):
    """(requests of each --once run after the first, requests per poll of a running watch)."""
    bookmark = os.path.join(tmp, "idle.bookmark")
    once = [NXCDP, "customers", "watch", "--once", "--bookmark", bookmark, "-v"]
    subprocess.run(once, env=env, capture_output=True, check=True)
    runs = []
    for _ in range(5):
        done = subprocess.run(once, env=env, capture_output=True, text=True, check=True)
        runs.append(done.stderr.count("> POST "))
    watch = subprocess.Popen([NXCDP, "customers", "watch", "-v", "--interval", "200ms"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(5)
    watch.send_signal(signal.SIGTERM)
    stderr = watch.communicate()[1]
    return runs, *per_poll(stderr)


def per_poll(stderr):
    """Requests per poll of a watch run with -v, and the polls: the first walk's requests come
    before the line that says it watches."""
    polls = stderr.split("watching for new customers", 1)[-1]
    count = polls.count("* poll: ")
    return polls.count("> POST ") / max(count, 1), count


def read_log(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def watch_delays(env, log, interval, seconds):
    """Runs a watch for `seconds`; returns (delays of the customers it should have printed, in
    ms, with their lateness; duplicates; missing)."""
    cmd = [NXCDP, "customers", "watch", "-o", "jsonl", "--interval", interval, "-v"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    printed = []
    started = {}
    said = []

    def read_out():
        for line in proc.stdout:
            printed.append((json.loads(line)["id"], time.time() * 1000))

    def read_err():
        for line in proc.stderr:
            said.append(line)
            if "watching for new customers" in line:
                started["at"] = time.time() * 1000

    readers = [threading.Thread(target=read_out), threading.Thread(target=read_err)]
    for t in readers:
        t.start()
    time.sleep(seconds)
    stopped = time.time() * 1000
    proc.send_signal(signal.SIGTERM)
    proc.wait()
    for t in readers:
        t.join()
    if "at" not in started:
        sys.exit("the watch never started")
    ids = [i for i, _ in printed]
    duplicates = len(ids) - len(set(ids))
    when = dict(printed)
    window = int(interval.rstrip("ms")) * (1 if interval.endswith("ms") else 1000)
    # Visible after the watch began, and early enough that a poll must have printed it.
    due = [e for e in read_log(log)
           if e["visible_ms"] > started["at"] and e["visible_ms"] < stopped - window - 2000]
    missing = [e["id"] for e in due if e["id"] not in when]
    delays = [(when[e["id"]] - e["visible_ms"], e["late"]) for e in due if e["id"] in when]
    return delays, duplicates, missing, window, per_poll("".join(said))


def once_series(env, log, tmp, runs, gap):
    """`runs` --once runs `gap` seconds apart: (duplicates, missing, customers due)."""
    bookmark = os.path.join(tmp, "series.bookmark")
    cmd = [NXCDP, "customers", "watch", "--once", "--bookmark", bookmark, "-o", "jsonl"]
    subprocess.run(cmd, env=env, capture_output=True, check=True)
    started = time.time() * 1000
    ids = []
    for _ in range(runs):
        time.sleep(gap)
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
        last = time.time() * 1000
        ids += [json.loads(l)["id"] for l in done.stdout.splitlines()]
    # Visible after the first run, and 5 s before the last one began: printed by then.
    due = [e["id"] for e in read_log(log) if started < e["visible_ms"] < last - gap * 1000 - 5000]
    return len(ids) - len(set(ids)), [i for i in due if i not in set(ids)], len(due)


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    seconds = parser.parse_args().seconds
    build()
    with tempfile.TemporaryDirectory() as tmp:
        proc, env = start_sandbox(["--customers", "100000"])
        try:
            runs, idle_cost, polls = requests_per_idle_poll(env, tmp)
        finally:
            proc.kill()
        print("requests per idle poll (100 000 customers, no arrivals)")
        print(f"  --once --bookmark runs   {runs}")
        print(f"  a running watch          {idle_cost:.2f} over {polls} polls\n")
        failed = max(runs) > 2 or idle_cost > 2
        for interval, length in [("1s", seconds), ("10s", 2 * seconds)]:
            log = os.path.join(tmp, f"arrivals-{interval}.log")
            proc, env = start_sandbox(["--arrivals", "5", "--late", "0.3", "--log", log])
            try:
                delays, duplicates, missing, window, (cost, polls) = watch_delays(
                    env, log, interval, length)
            finally:
                proc.kill()
            ms = [d for d, _ in delays]
            late = [d for d, l in delays if l]
            within = sum(d <= window + 1000 for d in ms) / max(len(ms), 1)
            print(f"a watch at --interval {interval} for {length} s, 5 arrivals/s, 30% late")
            print(f"  customers due {len(ms) + len(missing)} ({len(late)} late), "
                  f"printed twice {duplicates}, missing {len(missing)}")
            print(f"  visible to printed: median {percentile(ms, 0.5) / 1000:.2f} s, "
                  f"95th percentile {percentile(ms, 0.95) / 1000:.2f} s, "
                  f"max {max(ms) / 1000:.2f} s; late ones 95th {percentile(late, 0.95) / 1000:.2f} s")
            print(f"  within the interval plus a second: {100 * within:.1f}%")
            print(f"  requests per poll: {cost:.2f} over {polls} polls (look-back 2m)\n")
            failed |= duplicates > 0 or bool(missing) or within < 0.95
        log = os.path.join(tmp, "series.log")
        proc, env = start_sandbox(["--arrivals", "5", "--late", "0.3", "--log", log])
        try:
            duplicates, missing, due = once_series(env, log, tmp, 5, 3)
        finally:
            proc.kill()
        print("five --once --bookmark runs 3 s apart, 5 arrivals/s, 30% late")
        print(f"  customers due {due}, printed twice {duplicates}, missing {len(missing)}")
        failed |= duplicates > 0 or bool(missing)
    if failed:
        sys.exit("a done-when figure does not hold")


if __name__ == "__main__":
    main()
