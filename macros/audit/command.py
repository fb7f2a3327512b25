"""`podium audit`: the accessibility audit of a built site, for people and for CI.

    podium audit [--site DIR] [--format text|json|github] [--record] [--data DIR]
                 [--workers N] [--shard K/N] [--cache FILE | --no-cache]
    podium audit --merge RECORD... [--site DIR] [--record] [--format ...]

Serves DIR (default site/) on 127.0.0.1, checks every HTML page in light and dark colour
schemes at 1280 and 320 px in headless Chromium (one browser more than the processor cores)
with axe-core and Podium's own checks, and saves the JSON report as DIR/accessibility-audit.json.
Page views whose page and loaded files did not change since an earlier run reuse that run's
result (--cache). With --record, a passing report is also copied to DATA/accessibility-audit.json,
where the accessibility statement reads it. --shard K/N audits a share of the pages;
--merge joins the shard records into one report.
Exit codes: 0 passed, 1 a check failed, 2 bad usage or input (no site, no browser, bad data).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import AuditSetupError
from .progress import Progress
from .report import format_github, format_json, format_text, write_json_atomic
from .runner import AuditResult, audit_site
from .settings import CACHE_FILE, RECORD_FILE, REPORT_NAME, REVIEWED_FILE
from .shards import Shard, merge_records, read_records

HELP = "check every page of the built site for accessibility in a real browser (axe-core + own checks)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", type=Path, default=Path("site"), metavar="DIR",
                        help="the built site to check (default: site/)")
    parser.add_argument("--format", choices=("text", "json", "github"), default="text",
                        help="text for people (default), json for tools, github for workflow "
                             "annotations")
    parser.add_argument("--data", type=Path, default=RECORD_FILE.parent, metavar="DIR",
                        help="where accessibility-reviewed.yml is read and, with --record, "
                             "accessibility-audit.json is written (default: data/)")
    parser.add_argument("--record", action="store_true",
                        help="if the audit passes, copy the report to DATA/accessibility-audit.json "
                             "for the accessibility statement")
    parser.add_argument("--page", action="append", metavar="PATH",
                        help="check only this page (URL path like /nl/ or file like "
                             "nl/index.html); may be repeated")
    parser.add_argument("--site-url", metavar="URL",
                        help="the site's published address; requests to it are the site's own "
                             "and must be answered by a file of the build (default: taken from "
                             "the pages' canonical links)")
    parser.add_argument("--all-rules-in-every-view", action="store_true",
                        help="run every axe rule in all four views, not only the view-dependent "
                             "ones after the first (slower)")
    parser.add_argument("--inject", action="store_true",
                        help="inject axe-core into each page with axe-selenium-python instead of "
                             "preloading it through the DevTools protocol (slower)")
    parser.add_argument("--workers", type=_positive, metavar="N",
                        help="browsers that audit side by side (default: one more than the processor cores)")
    parser.add_argument("--shard", type=_shard, metavar="K/N",
                        help="audit only shard K of N (every N-th page); join the shard records "
                             "with --merge")
    parser.add_argument("--merge", nargs="+", type=Path, metavar="RECORD",
                        help="join the records of shards 1..N into one report instead of auditing")
    parser.add_argument("--cache", type=Path, default=CACHE_FILE, metavar="FILE",
                        help=f"reuse unchanged page views' results from FILE and keep this run's "
                             f"there (default: {CACHE_FILE})")
    parser.add_argument("--no-cache", dest="cache", action="store_const", const=None,
                        help="audit every page view afresh and keep no cache")
    parser.add_argument("--chromium", metavar="PATH", help="Chromium binary (default: from PATH)")
    parser.add_argument("--chromedriver", metavar="PATH",
                        help="chromedriver binary (default: from PATH; Selenium Manager is never used)")


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def _shard(text: str) -> Shard:
    try:
        return Shard.parse(text)
    except AuditSetupError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def run(args: argparse.Namespace) -> int:
    """Run the audit (or merge shard records); print the outcome in the chosen format; return
    the exit code."""
    data_dir: Path = args.data
    record_file = data_dir / RECORD_FILE.name if args.record else None
    progress = Progress() if not args.merge else None
    try:
        if args.merge:
            result = merge(args.merge, args.site, record_file)
        else:
            result = audit_site(
                args.site,
                pages=args.page,
                reviewed_file=data_dir / REVIEWED_FILE.name,
                record_file=record_file,
                chromium=args.chromium,
                chromedriver=args.chromedriver,
                preload_axe=not args.inject,
                all_rules_in_every_view=args.all_rules_in_every_view,
                site_url=args.site_url,
                workers=args.workers,
                shard=args.shard,
                cache_file=args.cache,
                progress=progress,
            )
    except AuditSetupError as error:
        if progress:
            progress.close()
        prefix = "podium audit: error: "
        print(prefix + str(error).replace("\n", "\n" + prefix), file=sys.stderr)
        return error.exit_code
    if result.cache_problem:
        print(f"podium audit: warning: {result.cache_problem}", file=sys.stderr)

    site_label = str(args.site).rstrip("/") or "."
    if args.format == "json":
        sys.stdout.write(format_json(result.record))
    elif args.format == "github":
        sys.stdout.write(format_github(result.record, site_label))
    else:
        sys.stdout.write(format_text(result.record, site_label))
    if args.format != "json":
        notes = [f"report: {result.report_file}"]
        if result.recorded_to:
            notes.append(f"recorded for the accessibility statement: {result.recorded_to}")
        elif args.record and args.shard:
            notes.append("not recorded for the accessibility statement: a shard is only part of "
                         "the audit; record the merged report (--merge ... --record)")
        elif args.record:
            notes.append("not recorded for the accessibility statement: the audit did not pass")
        print("\n".join(notes), file=sys.stderr)
    return result.exit_code


def merge(paths: list[Path], site_dir: Path, record_file: Path | None) -> AuditResult:
    """Join shard records into one report in ``site_dir`` (and the statement's record if asked
    and passed)."""
    record = merge_records(read_records(paths), [str(path) for path in paths])
    outcome = AuditResult(record=record, report_file=Path(site_dir) / REPORT_NAME)
    write_json_atomic(outcome.report_file, record)
    if record_file and outcome.passed:
        write_json_atomic(record_file, record)
        outcome.recorded_to = record_file
    return outcome

