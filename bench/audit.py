"""Benchmark of the accessibility audit: seconds per page view with one reused browser.

    .venv/bin/python bench/audit.py [SITE_DIR] [--inject] [--all-rules-in-every-view]

SITE_DIR defaults to site/ (run `podium build` first); tests/audit/fixtures/site is a small
site that is always there. Prints the browser start-up, the total, the mean per page view (the
target is at most 0.6 s on 2 cores) and the mean per view; nothing is written into the site.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from macros.audit.browser import Browser  # noqa: E402
from macros.audit.errors import AuditSetupError  # noqa: E402
from macros.audit.runner import audit_site  # noqa: E402

TARGET_S = 0.6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"),
                        help="built site to audit (default: site/)")
    parser.add_argument("--inject", action="store_true",
                        help="inject axe with axe-selenium-python per page instead of preloading it")
    parser.add_argument("--all-rules-in-every-view", action="store_true",
                        help="run every axe rule in every view (not only view-dependent ones)")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"{args.site} does not exist: run `podium build` first "
              "(or pass a folder, e.g. tests/audit/fixtures/site)", file=sys.stderr)
        return 2

    try:
        started = time.perf_counter()
        browser = Browser.start()
        start_up = time.perf_counter() - started
    except AuditSetupError as error:
        print(error, file=sys.stderr)
        return 2
    try:
        result = audit_site(args.site, browser=browser, reviewed_file=None, write_report=False,
                            preload_axe=not args.inject,
                            all_rules_in_every_view=args.all_rules_in_every_view)
    except AuditSetupError as error:
        print(error, file=sys.stderr)
        return 2
    finally:
        browser.close()

    views = result.views
    total = result.record["totals"]["seconds"]
    per_view = total / len(views)
    tools = result.record["tools"]
    print(f"site: {args.site}  ({result.record['totals']['pages']} pages x "
          f"{len(result.record['views'])} views = {len(views)} page views)")
    print(f"tools: axe-core {tools['axe-core']}, Chromium {tools['chromium']}, "
          f"axe {'injected per page' if args.inject else 'preloaded'}, "
          f"{'all rules in every view' if args.all_rules_in_every_view else 'all rules in the first view only'}")
    print(f"browser start-up: {start_up:.2f} s (once)")
    print(f"audit total:      {total:.2f} s")
    print(f"per page view:    {per_view:.3f} s (target <= {TARGET_S} s: "
          f"{'met' if per_view <= TARGET_S else 'NOT met'})")
    for view_id in [v["id"] for v in result.record["views"]]:
        times = [v.seconds for v in views if v.view == view_id]
        print(f"  {view_id:<11} mean {statistics.mean(times):.3f} s, max {max(times):.3f} s")
    slowest = sorted(views, key=lambda v: v.seconds, reverse=True)[:3]
    print("slowest: " + ", ".join(f"{v.page} {v.view} {v.seconds:.2f} s" for v in slowest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
