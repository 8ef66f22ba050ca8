#!/usr/bin/env python3
"""Times `kg view` pages in headless Chromium: how long each takes from
navigation start to its first frame drawn with the layout done.

Usage: tools/bench_view.py [--runs N] [--chromium PATH] PAGE.html...

Each page is copied with one script appended that waits for the page to
say it is ready (`window.kgView.ready`, set once the first layout is in
place), then for the next animation frame (the graph drawn), and writes
`performance.now()` there on <body> as `data-bench-ready-ms`. The copy is
opened with `chromium --headless --dump-dom`, `--runs` times (default 3),
and the median is printed: ready (navigation start to first frame drawn),
the page's own marks when it sets them (`data-layout-ms`, the layout
alone), and the wall-clock time of the whole Chromium process. A blank
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


def run_once(chromium, page, workdir):
    profile = tempfile.mkdtemp(dir=workdir)
    cmd = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1200,800", "--virtual-time-budget=60000",
        "--user-data-dir=" + profile, "--dump-dom", "file://" + os.path.abspath(page),
    ]
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    shutil.rmtree(profile, ignore_errors=True)
    attrs = body_attrs(out.stdout)
    if "data-bench-ready-ms" not in attrs:
        sys.exit(f"bench_view: {page}: the page never said it was ready")
    return attrs, wall


def median_of(runs, key):
    values = [float(a[key]) for a, _ in runs if key in a]
    return statistics.median(values) if values else None


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
        print("| page | size | nodes | edges | ready (ms) | layout (ms) | Chromium in all (s) |")
        print("|---|---|---|---|---|---|---|")
        for name, path in cases:
            runs = [run_once(args.chromium, path, work) for _ in range(args.runs)]
            attrs = runs[-1][0]
            size = os.path.getsize(name) if name != "(blank page)" else os.path.getsize(path)
            layout = median_of(runs, "data-layout-ms")
            print(
                f"| {name} | {size / 1e6:.2f} MB | {attrs.get('data-node-count', '-')} "
                f"| {attrs.get('data-edge-count', '-')} "
                f"| {median_of(runs, 'data-bench-ready-ms'):.0f} "
                f"| {'-' if layout is None else f'{layout:.0f}'} "
                f"| {statistics.median(w for _, w in runs):.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
