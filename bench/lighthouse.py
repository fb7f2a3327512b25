"""Lighthouse (mobile settings) on the pages that matter most, in both languages.

    .venv/bin/python bench/lighthouse.py [SITE_DIR] [--runs N]

SITE_DIR defaults to site/ (run `podium build` first). Serves the site on 127.0.0.1 for the
run, runs the pinned Lighthouse from node_modules with Debian's Chromium (CHROME_PATH, default
/usr/bin/chromium), and prints the four scores and the transferred kilobytes per page: the
median of N runs (default 3), because one run on a busy machine can be far off. It measures;
it asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = ("nl/", "nl/progress/", "nl/progress/diverse-partners/", "nl/werken-met-ons/",
         "en/", "en/progress/", "en/progress/diverse-partners/", "en/work-with-us/")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-dev-shm-usage"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(site: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run(url: str) -> dict:
    """One Lighthouse run (its default mobile emulation and throttling); the parts we print."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    done = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES)],
        capture_output=True, text=True, env=env, timeout=300, check=False)
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["Lighthouse failed"])[-1]}
    report = json.loads(done.stdout)
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    weight = report["audits"]["total-byte-weight"]["numericValue"] / 1024
    failed = [a for c in CATEGORIES if c != "performance"
              for ref in report["categories"][c]["auditRefs"]
              if ref.get("weight") and (a := report["audits"][ref["id"]]).get("score") not in (None, 1)]
    return {**scores, "kb": weight, "failed": [a["id"] for a in failed]}


def median(results: list[dict]) -> dict:
    """Each score and the weight as the median of the runs that worked; audits below 100 in any run."""
    done = [r for r in results if "error" not in r]
    if not done:
        return results[-1]
    keys = (*CATEGORIES, "kb")
    return {**{k: statistics.median_low(r[k] for r in done) for k in keys},
            "failed": sorted({a for r in done for a in r["failed"]}),
            "perf_runs": "/".join(str(r["performance"]) for r in done)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is printed")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run ./run.sh setup (npm ci) first.", file=sys.stderr)
        return 2
    if not (args.site / "index.html").exists():
        print(f"{args.site} holds no built site: run `podium build` first.", file=sys.stderr)
        return 2
    server = serve(args.site.resolve())
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"{'page':40} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'KB':>7}  {'perf runs':12} below 100")
    try:
        for page in PAGES:
            result = median([run(base + page) for _ in range(max(1, args.runs))])
            if "error" in result:
                print(f"/{page:39} {result['error']}")
                continue
            print(f"/{page:39} {result['performance']:5} {result['accessibility']:5} "
                  f"{result['best-practices']:5} {result['seo']:5} {result['kb']:7.0f}  "
                  f"{result['perf_runs']:12} {' '.join(result['failed'])}")
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
