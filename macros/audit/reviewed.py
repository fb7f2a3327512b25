"""Acknowledged "needs review" items: data/accessibility-reviewed.yml.

axe reports some results as *incomplete*: it could not decide, and a person must look. Each such
item fails the audit until a person has looked and written down why it is fine, in an entry like:

    reviewed:
      - rule: color-contrast            # the axe rule id
        selector: "label.md-nav__title*"  # the element's CSS selector; * matches any characters
        pages: "/*"                     # optional: which pages (URL path pattern), default all
        views: "*-320"                  # optional: which views (light-1280, dark-320, ...), default all
        verified_by: wide-view          # optional: see below
        reason: "..."                   # what was checked by hand, and the outcome
        reviewer: web editor            # a role, not a person's name
        date: 2026-11-21                # when it was reviewed
        expires: 2027-11-21             # optional: look again after this date

Patterns use only ``*`` as a wildcard; everything else (brackets, dots) is literal.

``verified_by: wide-view`` makes an acknowledgement conditional, for the one case where a person
can state a rule once for many elements: at 320 px, cells of a wide table that scroll sideways
inside their own region are "partially obscured", so axe cannot see their background. The
acknowledgement then holds only for an element that the audit saw, on the same page and in the
same colour scheme, in a wider view where the same rule ran and found nothing on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import ReviewedFileError
from .findings import NEEDS_REVIEW, Finding
from .yamlpos import YamlError, dotted, line_of, load_with_lines

REQUIRED = ("rule", "selector", "reason", "reviewer", "date")
OPTIONAL = ("pages", "views", "verified_by", "expires")
VERIFICATIONS = ("wide-view",)
MIN_REASON_CHARS = 15


@dataclass(frozen=True)
class Acknowledgement:
    rule: str
    selector: str
    reason: str
    reviewer: str
    date: date
    pages: str = "*"
    views: str = "*"
    verified_by: str | None = None
    expires: date | None = None
    line: int | None = None

    def covers(self, finding: Finding, page: str, view: str) -> bool:
        return (finding.rule == self.rule and pattern_matches(self.selector, finding.selector)
                and pattern_matches(self.pages, page) and pattern_matches(self.views, view))

    def expired(self, today: date) -> bool:
        return self.expires is not None and self.expires < today

    def as_review(self, source: str, verified_in: str | None = None) -> dict:
        return {"file": source, "line": self.line, "reason": self.reason,
                "reviewer": self.reviewer, "date": self.date.isoformat(),
                "expires": self.expires.isoformat() if self.expires else None,
                "verified_in": verified_in}


def pattern_matches(pattern: str, text: str) -> bool:
    """Whole-text match where ``*`` stands for any characters and nothing else is special."""
    regex = ".*".join(re.escape(part) for part in pattern.split("*"))
    return re.fullmatch(regex, text, flags=re.DOTALL) is not None


def load_reviewed(path: Path, today: date) -> list[Acknowledgement]:
    """The acknowledgements in ``path`` (none if the file does not exist).

    Raises ReviewedFileError listing every problem as ``file:line: what is wrong``."""
    path = Path(path)
    if not path.is_file():
        return []
    try:
        data, lines = load_with_lines(path)
    except YamlError as error:
        raise ReviewedFileError([str(error)]) from error
    return parse_reviewed(data, lines, str(path), today)


def parse_reviewed(data: object, lines: dict, source: str, today: date) -> list[Acknowledgement]:
    """Validate the loaded YAML; ``lines`` maps field paths to line numbers."""
    problems: list[str] = []

    def problem(path: tuple, message: str) -> None:
        line = line_of(lines, path)
        where = f"{source}:{line}" if line else source
        problems.append(f"{where}: {dotted(path) or 'file'}: {message}")

    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("reviewed", []), list):
        problem((), "expected a mapping with a list under 'reviewed:'")
        raise ReviewedFileError(problems)
    entries = data.get("reviewed") or []
    result = []
    for index, entry in enumerate(entries):
        path = ("reviewed", index)
        if not isinstance(entry, dict):
            problem(path, "each entry must be a mapping with rule, selector, reason, reviewer, date")
            continue
        before = len(problems)
        for key in entry:
            if key not in REQUIRED + OPTIONAL:
                problem(path + (key,), f"unknown field '{key}'; expected one of "
                        + ", ".join(REQUIRED + OPTIONAL))
        for key in REQUIRED:
            value = entry.get(key)
            if value is None or (isinstance(value, str) and not value.strip()):
                what = ("a reason is required: say what was checked by hand and why it is fine"
                        if key == "reason" else f"'{key}' is required")
                problem(path + (key,), what)
        reason = entry.get("reason")
        if isinstance(reason, str) and 0 < len(reason.strip()) < MIN_REASON_CHARS:
            problem(path + ("reason",), f"the reason \"{reason.strip()}\" is too short to "
                    "tell a later reader what was checked")
        reviewed_on = _as_date(entry.get("date"))
        if entry.get("date") is not None and reviewed_on is None:
            problem(path + ("date",), "expected a date like 2026-11-21")
        elif reviewed_on and reviewed_on > today:
            problem(path + ("date",), f"{reviewed_on} is in the future")
        expires = _as_date(entry.get("expires"))
        if entry.get("expires") is not None and expires is None:
            problem(path + ("expires",), "expected a date like 2027-11-21")
        verified_by = entry.get("verified_by")
        if verified_by is not None and verified_by not in VERIFICATIONS:
            problem(path + ("verified_by",), f"'{verified_by}' is not one of: "
                    + ", ".join(VERIFICATIONS))
        for key in ("rule", "selector", "reviewer", "pages", "views"):
            if key in entry and entry[key] is not None and not isinstance(entry[key], str):
                problem(path + (key,), "expected text")
        if len(problems) > before:
            continue
        result.append(Acknowledgement(
            rule=entry["rule"].strip(), selector=entry["selector"].strip(),
            reason=" ".join(entry["reason"].split()), reviewer=entry["reviewer"].strip(),
            date=reviewed_on, pages=(entry.get("pages") or "*").strip(),
            views=(entry.get("views") or "*").strip(), verified_by=verified_by, expires=expires,
            line=line_of(lines, path)))
    if problems:
        raise ReviewedFileError(problems)
    return result


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def apply_reviews(findings: list[Finding], page: str, view: str,
                  acknowledgements: list[Acknowledgement], today: date, source: str,
                  wide_view: Callable[[Finding], str | None] = lambda finding: None) -> None:
    """Attach the first valid acknowledgement to each needs-review finding it covers.

    ``wide_view(finding)`` names a wider view of the same page and scheme where the same rule ran
    and found nothing on the same element, or None; ``verified_by: wide-view`` needs one."""
    for item in findings:
        if item.kind != NEEDS_REVIEW:
            continue
        matches = [ack for ack in acknowledgements if ack.covers(item, page, view)]
        for ack in matches:
            if ack.expired(today):
                continue
            verified_in = wide_view(item) if ack.verified_by == "wide-view" else None
            if ack.verified_by == "wide-view" and verified_in is None:
                continue
            item.review = ack.as_review(source, verified_in)
            break
        else:
            expired = [ack for ack in matches if ack.expired(today)]
            if expired:
                item.message += (f" (the acknowledgement at {source}:{expired[0].line} expired on "
                                 f"{expired[0].expires}; look again and renew it)")
