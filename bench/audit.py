"""Benchmark of the accessibility audit: per view, full, incremental, and a large site.

    .venv/bin/python bench/audit.py                 # everything (takes a while)
    .venv/bin/python bench/audit.py --skip-large    # only the example site
    .venv/bin/python bench/audit.py --members 100 --workers 1 2
    .venv/bin/python bench/audit.py --skip-example --sample 50 --workers 2   # quick estimate
    .venv/bin/python bench/audit.py --skip-large --chromium chromium   # the full browser

Works in bench/.work/audit/ (git-ignored): a copy of the example project is built and audited
with a fresh cache (full audit, seconds per view), audited again unchanged (every result reused),
then audited again after one change to data/updates.yml (only the pages that show that update
are audited). Then the example grows to --members members (bench/build.py's generator), is built,
and is audited without a cache with each number of --workers; with --sample N only N pages spread
evenly over the site are audited, and the line adds the full site's time extrapolated from them
(wall and processor time per view, times the site's views). The audit runs in the Chromium it
would choose itself (the headless shell when installed); --chromium names another, to compare.
It measures; it asserts nothing.

Each line also gives the processor time of the audit (this process plus the browsers it
started and closed) per audited view, and the machine's load average before and after: on a
shared machine the wall-clock time grows with the load, the processor time hardly does.
On Linux the benchmark adopts the browsers' orphaned helper processes, so that their processor
time is counted too: Chromium's renderers outlive chromedriver, and without this about half of
the browsers' time went uncounted.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import resource
import shutil
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build import copy_project, grow  # noqa: E402

from macros.audit.errors import AuditSetupError  # noqa: E402
from macros.audit.progress import Progress  # noqa: E402
from macros.audit.runner import AuditResult, audit_site, discover_pages  # noqa: E402
from macros.site.build import build_site  # noqa: E402

WORK = Path(__file__).resolve().parent / ".work" / "audit"


def fresh_project(name: str) -> Path:
    project = copy_project(WORK / name)
    shutil.rmtree(project / ".podium-cache", ignore_errors=True)
    return project


PR_SET_CHILD_SUBREAPER = 36


def adopt_orphans() -> None:
    """Become the parent of descendants whose own parent ends (Linux only; elsewhere a no-op)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def reap_children(limit_s: float = 10.0) -> None:
    """Wait for every ended child, adopted ones too, so that their time counts as children's."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.1)


def processor_seconds() -> float:
    """User and system time of this process and of its finished children (the browsers)."""
    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))


@dataclass
class Timing:
    seconds: float
    processor: float
    load_before: float
    load_after: float


def timed_audit(site: Path, project: Path, **options) -> tuple[AuditResult, Timing]:
    load_before, processor, started = os.getloadavg()[0], processor_seconds(), time.perf_counter()
    result = audit_site(site, reviewed_file=project / "data" / "accessibility-reviewed.yml",
                        write_report=False, **options)
    seconds = time.perf_counter() - started
    reap_children()
    return result, Timing(seconds, processor_seconds() - processor, load_before,
                          os.getloadavg()[0])


def describe(label: str, result: AuditResult, timing: Timing) -> str:
    totals = result.record["totals"]
    cache = result.record["cache"]
    verdict = "passed" if result.passed else "FAILED"
    audited = cache["audited_page_views"]
    return (f"{label:<34} {timing.seconds:7.1f} s  {totals['pages']} pages, "
            f"{totals['page_views']} views ({audited} audited, {cache['reused_page_views']} "
            f"reused), {verdict}; processor {timing.processor:.1f} s"
            + (f" = {timing.processor / audited:.3f} s per audited view" if audited else "")
            + f"; load average {timing.load_before:.1f} -> {timing.load_after:.1f}"
            + f"; Chromium {result.record['tools']['chromium-build']}")


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


def example(workers: int | None, chromium: str | None) -> None:
    project = fresh_project("example")
    cache = project / ".podium-cache" / "audit.json"
    site = build_site(project)
    full, full_t = timed_audit(site, project, cache_file=cache, workers=workers,
                                 chromium=chromium)
    print(describe("full audit (empty cache)", full, full_t))
    per_view(full)
    again, again_t = timed_audit(site, project, cache_file=cache, workers=workers,
                                 chromium=chromium)
    print(describe("re-audit, site unchanged", again, again_t)
          + f"  = {100 * again_t.seconds / full_t.seconds:.1f} % of the full audit")
    changed = change_one_update(project)
    site = build_site(project)
    after, after_t = timed_audit(site, project, cache_file=cache, workers=workers,
                                 chromium=chromium)
    print(describe(f"re-audit after changing {changed}", after, after_t)
          + f"  = {100 * after_t.seconds / full_t.seconds:.1f} % of the full audit")
    pages = sorted({v.page for v in after.views if not v.reused})
    print(f"  pages audited again: {', '.join(pages) or 'none'}")


def large(members: int, worker_counts: list[int], sample: int | None,
          chromium: str | None) -> None:
    project = fresh_project(f"members-{members}")
    grow(project, members)
    started = time.perf_counter()
    site = build_site(project)
    print(f"{members}-member site built in {time.perf_counter() - started:.1f} s")
    every_page = [page.url for page in discover_pages(site)]
    pages = spread(every_page, sample) if sample else None
    for workers in worker_counts:
        # Plain progress lines (views done, time left) on stderr: a run cut short still
        # shows the rate.
        result, timing = timed_audit(site, project, workers=workers, pages=pages,
                                     chromium=chromium, progress=Progress(terminal=False))
        views = max(1, len(result.views))
        label = f"{members} members, {workers} worker(s)" + (f", {len(pages)} pages" if pages else "")
        line = describe(label, result, timing) + (
            f"  = {timing.seconds / 60:.1f} min, {timing.seconds / views:.3f} s per view")
        if pages:
            scale = len(every_page) / len(pages)
            line += (f"; whole site ({len(every_page)} pages) estimated "
                     f"{timing.seconds * scale / 60:.1f} min, processor {timing.processor * scale:.0f} s")
        print(line, flush=True)


def spread(items: list[str], count: int) -> list[str]:
    """``count`` items spread evenly over ``items`` (all of them if there are fewer)."""
    if count >= len(items):
        return items
    return [items[i * len(items) // count] for i in range(count)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100, help="size of the large site")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="worker counts for the large site (default: 1 2)")
    parser.add_argument("--sample", type=int, help="audit only this many pages of the large site, "
                        "spread over it, and estimate the whole site from them")
    parser.add_argument("--chromium", metavar="PATH", help="Chromium binary to audit with "
                        "(default: the audit's own choice, the headless shell if installed)")
    parser.add_argument("--skip-large", action="store_true", help="only the example site")
    parser.add_argument("--skip-example", action="store_true", help="only the large site")
    args = parser.parse_args(argv)
    adopt_orphans()
    print(f"{os.cpu_count()} processor cores; load average {os.getloadavg()[0]:.1f}")
    try:
        if not args.skip_example:
            example(None, args.chromium)
        if not args.skip_large:
            large(args.members, args.workers, args.sample, args.chromium)
    except AuditSetupError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
