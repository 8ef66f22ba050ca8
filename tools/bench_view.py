#!/usr/bin/env python3
"""Times `kg view` pages in headless Chromium: how long each takes from
navigation start to its first frame drawn with the layout done.

Usage: tools/bench_view.py [--runs N] [--chromium PATH] PAGE.html...

Each page is copied with one script appended that waits for the page to
say it is ready (`window.kgView.ready`, set once the first layout is in
place), then for the next animation frame (the graph drawn), and writes
`performance.now()` there on <body> as `data-bench-ready-ms`. The copy is
opened with `chromium --headless --dump-dom`, `--runs` times (default 3),
and the median is printed, with the smallest and largest run in brackets:
ready (navigation start to first frame drawn), the page's own marks when
it sets them (`data-marks`: script start, when the libraries and data
are parsed; first draw, from the graph set up to its first frame drawn;
`data-layout-ms`, the in-browser layout of older pages), the CPU time of
the whole Chromium process tree (user and system; what a loaded machine
stretches least) and its wall-clock time. A blank
page is timed the same way first: its ready time is the browser's own
floor, its wall-clock time Chromium's start and exit, the baseline the
pages' figures compare with.

Works on any page kg view ever wrote (older pages set `kgView.ready`
too), so pages from two kg builds are timed in one session.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PROBE = """<script>
(function () {
  var done = false;
  function drawn() {
    requestAnimationFrame(function () {
      done = true;
      document.body.setAttribute('data-bench-ready-ms', String(performance.now()));
    });
    // A pending timer keeps virtual time (and --dump-dom) waiting for
    // that frame.
    (function keep() { if (!done) { setTimeout(keep, 1); } }());
  }
  function wait() {
    if (window.kgView && window.kgView.ready) { drawn(); } else { setTimeout(wait, 2); }
  }
  wait();
}());
</script>
"""

BLANK = """<!doctype html><html><head><meta charset="utf-8">
<script>window.kgView = { ready: true };</script></head><body></body></html>
"""


def body_attrs(dom):
    """The attributes of the dumped DOM's <body> element."""
    m = re.search(r"<body([^>]*)>", dom)
    return dict(re.findall(r'([\w-]+)="([^"]*)"', m.group(1))) if m else {}


def session_cpu(proc):
    """Waits for `proc`, the leader of its own session, and returns the CPU
    seconds (user and system) of every process of that session: Chromium's
    renderer and helpers are not all its waited-for children, so they are
    read from /proc every 20 ms while they live (the last reading of each
    counts: at most 20 ms of a process is missed)."""
    tick = os.sysconf("SC_CLK_TCK")
    seen = {}
    while True:
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open(f"/proc/{pid}/stat", encoding="ascii") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            # After the name: state ppid pgrp session ... utime(12) stime(13).
            if int(fields[3]) == proc.pid:
                seen[pid] = (int(fields[11]) + int(fields[12])) / tick
        if proc.poll() is not None:
            return sum(seen.values())
        time.sleep(0.02)


def run_once(chromium, page, workdir):
    profile = tempfile.mkdtemp(dir=workdir)
    cmd = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1200,800", "--virtual-time-budget=60000",
        "--user-data-dir=" + profile, "--dump-dom", "file://" + os.path.abspath(page),
    ]
    start = time.perf_counter()
    with tempfile.TemporaryFile(mode="w+", dir=workdir) as dump:
        proc = subprocess.Popen(
            cmd, stdout=dump, stderr=subprocess.DEVNULL, text=True, start_new_session=True
        )
        cpu = session_cpu(proc)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            sys.exit(f"bench_view: {page}: chromium exited with {proc.returncode}")
        dump.seek(0)
        dom = dump.read()
    shutil.rmtree(profile, ignore_errors=True)
    attrs = body_attrs(dom)
    if "data-bench-ready-ms" not in attrs:
        sys.exit(f"bench_view: {page}: the page never said it was ready")
    # The page's own marks (`data-marks`: step=ms from navigation start).
    marks = dict(re.findall(r"(\w+)=(\d+)", attrs.get("data-marks", "")))
    if "ready" in marks and "drawn" in marks:
        attrs["draw-ms"] = int(marks["drawn"]) - int(marks["ready"])
    if "script" in marks:
        attrs["script-ms"] = int(marks["script"])
    attrs["cpu-s"] = cpu
    return attrs, wall


def median_of(runs, key):
    values = [float(a[key]) for a, _ in runs if key in a]
    return statistics.median(values) if values else None


def spread(runs, key, fmt):
    """The median, and the smallest and largest value in brackets."""
    values = [float(a[key]) for a, _ in runs if key in a]
    if not values:
        return "-"
    m, lo, hi = statistics.median(values), min(values), max(values)
    return f"{fmt.format(m)} ({fmt.format(lo)}-{fmt.format(hi)})"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pages", nargs="+")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--chromium", default="chromium")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as work:
        cases = [("(blank page)", os.path.join(work, "blank.html"))]
        with open(cases[0][1], "w", encoding="utf-8") as f:
            f.write(BLANK.replace("</body>", PROBE + "</body>"))
        for page in args.pages:
            try:
                html = open(page, encoding="utf-8").read()
            except OSError as e:
                sys.exit(f"bench_view: {page}: {e.strerror}")
            at = html.rfind("</body>")
            if at < 0:
                sys.exit(f"bench_view: {page}: no </body>: not a kg view page")
            probed = os.path.join(work, f"{len(cases)}.html")
            with open(probed, "w", encoding="utf-8") as f:
                f.write(html[:at] + PROBE + html[at:])
            cases.append((page, probed))
        print(
            "| page | size | nodes | edges | ready (ms) | script start (ms) "
            "| first draw (ms) | layout (ms) | Chromium CPU (s) | Chromium in all (s) |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        for name, path in cases:
            runs = [run_once(args.chromium, path, work) for _ in range(args.runs)]
            attrs = runs[-1][0]
            size = os.path.getsize(name) if name != "(blank page)" else os.path.getsize(path)
            walls = [{"wall": w} for _, w in runs]
            print(
                f"| {name} | {size / 1e6:.2f} MB | {attrs.get('data-node-count', '-')} "
                f"| {attrs.get('data-edge-count', '-')} "
                f"| {spread(runs, 'data-bench-ready-ms', '{:.0f}')} "
                f"| {spread(runs, 'script-ms', '{:.0f}')} "
                f"| {spread(runs, 'draw-ms', '{:.0f}')} "
                f"| {spread(runs, 'data-layout-ms', '{:.0f}')} "
                f"| {spread(runs, 'cpu-s', '{:.2f}')} "
                f"| {spread([(w, 0) for w in walls], 'wall', '{:.2f}')} |",
                flush=True,
            )

if __name__ == "__main__":
    main()
