"""Benchmark of the accessibility audit: per view, full, incremental, and a large site.

    .venv/bin/python bench/audit.py                 # everything (takes a while)
    .venv/bin/python bench/audit.py --skip-large    # only the example site
    .venv/bin/python bench/audit.py --members 100 --workers 1 2

Works in bench/.work/audit/ (git-ignored): a copy of the example project is built and audited
with a fresh cache (full audit, seconds per view), audited again unchanged (every result reused),
then audited again after one change to data/updates.yml (only the pages that show that update
are audited). Then the example grows to --members members (bench/build.py's generator), is built,
and is audited without a cache with each number of --workers. It measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build import copy_project, grow  # noqa: E402

from macros.audit.errors import AuditSetupError  # noqa: E402
from macros.audit.runner import AuditResult, audit_site  # noqa: E402
from macros.site.build import build_site  # noqa: E402

WORK = Path(__file__).resolve().parent / ".work" / "audit"


def fresh_project(name: str) -> Path:
    project = copy_project(WORK / name)
    shutil.rmtree(project / ".podium-cache", ignore_errors=True)
    return project


def timed_audit(site: Path, project: Path, **options) -> tuple[AuditResult, float]:
    started = time.perf_counter()
    result = audit_site(site, reviewed_file=project / "data" / "accessibility-reviewed.yml",
                        write_report=False, **options)
    return result, time.perf_counter() - started


def describe(label: str, result: AuditResult, seconds: float) -> str:
    totals = result.record["totals"]
    cache = result.record["cache"]
    verdict = "passed" if result.passed else "FAILED"
    return (f"{label:<34} {seconds:7.1f} s  {totals['pages']} pages, {totals['page_views']} views "
            f"({cache['audited_page_views']} audited, {cache['reused_page_views']} reused), {verdict}")


def per_view(result: AuditResult) -> None:
    audited = [v for v in result.views if not v.reused]
    if not audited:
        return
    print(f"  per page view (one browser's time for one view): mean "
          f"{statistics.mean(v.seconds for v in audited):.3f} s")
    for view_id in [v["id"] for v in result.record["views"]]:
        times = [v.seconds for v in audited if v.view == view_id]
        print(f"    {view_id:<11} mean {statistics.mean(times):.3f} s, max {max(times):.3f} s")


def change_one_update(project: Path) -> str:
    """Rewrite the title of the first update in data/updates.yml; return its id."""
    path = project / "data" / "updates.yml"
    updates = yaml.safe_load(path.read_text(encoding="utf-8"))
    first = updates[0]
    first["title"] = {"nl": first["title"]["nl"] + " (bijgewerkt)",
                      "en": first["title"]["en"] + " (updated)"}
    path.write_text(yaml.safe_dump(updates, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return first["id"]


def example(workers: int | None) -> None:
    project = fresh_project("example")
    cache = project / ".podium-cache" / "audit.json"
    site = build_site(project)
    full, full_s = timed_audit(site, project, cache_file=cache, workers=workers)
    print(describe("full audit (empty cache)", full, full_s))
    per_view(full)
    again, again_s = timed_audit(site, project, cache_file=cache, workers=workers)
    print(describe("re-audit, site unchanged", again, again_s)
          + f"  = {100 * again_s / full_s:.1f} % of the full audit")
    changed = change_one_update(project)
    site = build_site(project)
    after, after_s = timed_audit(site, project, cache_file=cache, workers=workers)
    print(describe(f"re-audit after changing {changed}", after, after_s)
          + f"  = {100 * after_s / full_s:.1f} % of the full audit")
    pages = sorted({v.page for v in after.views if not v.reused})
    print(f"  pages audited again: {', '.join(pages) or 'none'}")


def large(members: int, worker_counts: list[int]) -> None:
    project = fresh_project(f"members-{members}")
    grow(project, members)
    started = time.perf_counter()
    site = build_site(project)
    print(f"{members}-member site built in {time.perf_counter() - started:.1f} s")
    for workers in worker_counts:
        result, seconds = timed_audit(site, project, workers=workers)
        print(describe(f"{members} members, {workers} worker(s)", result, seconds)
              + f"  = {seconds / 60:.1f} min, {seconds / max(1, len(result.views)):.3f} s per view")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100, help="size of the large site")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="worker counts for the large site (default: 1 2)")
    parser.add_argument("--skip-large", action="store_true", help="only the example site")
    parser.add_argument("--skip-example", action="store_true", help="only the large site")
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} processor cores; load average {os.getloadavg()[0]:.1f}")
    try:
        if not args.skip_example:
            example(None)
        if not args.skip_large:
            large(args.members, args.workers)
    except AuditSetupError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
