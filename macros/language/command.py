"""``podium check``: the command-line face of the language checker.

The top-level ``podium`` command (``macros/cli.py``) adds these arguments to its ``check``
sub-command and calls ``run``. Exit codes: 0 fine, 1 a finding reached --fail-on, 2 the
input could not be checked (missing path, unreadable file, broken rule file, unknown language).
"""

from __future__ import annotations

import argparse
import atexit
import gc
import sys
from pathlib import Path

from .check import check_paths
from .collector import paused
from .findings import FAIL_ON_CHOICES, InputError
from .report import FORMATS, format_report
from .rules import load_rulebook, rules_dir

HELP = "Check Dutch and English wording in Markdown and YAML for inclusive and plain language."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH",
        help="files or folders to check (default: content/ and data/ in the project folder)",
    )
    parser.add_argument(
        "--lang", metavar="LANG",
        help="language code of the Markdown files, one of the site's languages (default: 'lang:' in the front matter, "
        "else a folder named nl or en in the path, e.g. content/nl/)",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument(
        "--fail-on", choices=FAIL_ON_CHOICES, default=None, dest="fail_on",
        help="exit with status 1 when a finding is at least this severe "
        "(default: the lowest level in blocking of data/language/agreement.yml, normally warning)",
    )
    parser.add_argument(
        "--root", type=Path, default=None,
        help="project folder that holds content/, data/ and data/language/ "
        "(default: podium's --project, else the current folder)",
    )
    parser.add_argument(
        "--verify-rules", action="store_true", dest="verify_rules",
        help="only check the rule files in data/language/ and that every rule's examples behave as declared",
    )


def run(args: argparse.Namespace) -> int:
    # Python's last garbage collection, as the process ends, would look through every object the
    # checker made; the end of the process frees them all anyway, so they are set aside first.
    atexit.register(gc.freeze)
    with paused():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    root = Path(getattr(args, "root", None) or getattr(args, "project", None) or ".")
    try:
        book = load_rulebook(rules_dir(root))
        lang = getattr(args, "lang", None)
        if lang is not None and lang not in book.languages:
            raise InputError([f"--lang {lang}: this is not a language of the site — expected one of: "
                              f"{', '.join(book.languages)}"])
        if getattr(args, "verify_rules", False):
            return _verify(book)
        report = check_paths(list(getattr(args, "paths", None) or []), root, lang)
    except InputError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(f"podium check: stopped; fix the {count} problem{'s' if count != 1 else ''} above and run it again.", file=sys.stderr)
        return 2
    sys.stdout.write(format_report(report, getattr(args, "format", None) or "text"))
    fail_on = getattr(args, "fail_on", None) or book.agreement.fail_on
    return 1 if report.exceeds(fail_on) else 0


def _verify(book) -> int:
    from .examples import verify_examples  # only needed after editing the rule files

    problems = verify_examples(book)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"podium check: {len(problems)} rule example(s) do not behave as declared.", file=sys.stderr)
        return 2
    total = sum(len(rules) for rules in book.rules.values())
    print(f"podium check: the rule files are valid and the examples of all {total} rules behave as declared.")
    return 0
