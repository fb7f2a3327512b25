"""`podium audit`: the accessibility audit of a built site, for people and for CI.

    podium audit [--site DIR] [--format text|json|github] [--record] [--data DIR]

Serves DIR (default site/) on 127.0.0.1, checks every HTML page in light and dark colour
schemes at 1280 and 320 px in one headless Chromium with axe-core and Podium's own checks, and
saves the JSON report as DIR/accessibility-audit.json. With --record, a passing report is also
copied to DATA/accessibility-audit.json, where the accessibility statement reads it.
Exit codes: 0 passed, 1 a check failed, 2 bad usage or input (no site, no browser, bad data).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import AuditSetupError
from .report import format_github, format_json, format_text
from .runner import audit_site
from .settings import RECORD_FILE, REVIEWED_FILE

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
                             "(default: taken from the pages' canonical links)")
    parser.add_argument("--all-rules-in-every-view", action="store_true",
                        help="run every axe rule in all four views, not only the view-dependent "
                             "ones after the first (slower)")
    parser.add_argument("--inject", action="store_true",
                        help="inject axe-core into each page with axe-selenium-python instead of "
                             "preloading it through the DevTools protocol (slower)")
    parser.add_argument("--chromium", metavar="PATH", help="Chromium binary (default: from PATH)")
    parser.add_argument("--chromedriver", metavar="PATH",
                        help="chromedriver binary (default: from PATH; Selenium Manager is never used)")


def run(args: argparse.Namespace) -> int:
    """Run the audit; print the outcome in the chosen format; return the exit code."""
    data_dir: Path = args.data
    try:
        result = audit_site(
            args.site,
            pages=args.page,
            reviewed_file=data_dir / REVIEWED_FILE.name,
            record_file=data_dir / RECORD_FILE.name if args.record else None,
            chromium=args.chromium,
            chromedriver=args.chromedriver,
            preload_axe=not args.inject,
            all_rules_in_every_view=args.all_rules_in_every_view,
            site_url=args.site_url,
        )
    except AuditSetupError as error:
        prefix = "podium audit: error: "
        print(prefix + str(error).replace("\n", "\n" + prefix), file=sys.stderr)
        return error.exit_code

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
        elif args.record:
            notes.append("not recorded for the accessibility statement: the audit did not pass")
        print("\n".join(notes), file=sys.stderr)
    return result.exit_code


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry (``python -m macros.audit.command``) until the lead wires `podium audit`."""
    parser = argparse.ArgumentParser(prog="podium audit", description=HELP)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
