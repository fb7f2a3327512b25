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
import datetime as dt
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator

from ..base.validate import validate
from ..base.yamlread import Document, read_yaml
from .errors import ReviewedFileError
from .findings import NEEDS_REVIEW, Finding

MIN_REASON_CHARS = 15

Words = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _long_enough(reason: str) -> str:
    reason = " ".join(reason.split())
    if len(reason) < MIN_REASON_CHARS:
        raise ValueError(f'the reason "{reason}" is too short to tell a later reader what was checked')
    return reason


class _Entry(BaseModel):
    """One acknowledgement as written in the file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: Words = Field(description="the axe rule id, for example color-contrast")
    selector: Words = Field(description="the element's CSS selector; * matches any characters")
    reason: Annotated[Words, AfterValidator(_long_enough)] = Field(
        description="a reason is required: say what was checked by hand and why it is fine")
    reviewer: Words = Field(description="a role, not a person's name, for example web editor")
    date: dt.date = Field(description="the day it was reviewed, written as YYYY-MM-DD")
    pages: Words = Field("*", description="a URL path pattern, for example /en/*")
    views: Words = Field("*", description="a view pattern, for example *-320")
    verified_by: Literal["wide-view"] | None = Field(None, description="wide-view, or leave it out")
    expires: dt.date | None = Field(None, description="the day to look again, written as YYYY-MM-DD")

    @field_validator("date")
    @classmethod
    def _not_in_the_future(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        today = (info.context or {}).get("today")
        if today is not None and value > today:
            raise ValueError(f"{value} is in the future")
        return value


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    reviewed: list[_Entry] = Field(default_factory=list, description="a list of acknowledgements")


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


def load_reviewed(path: Path, today: date, root: Path | None = None) -> list[Acknowledgement]:
    """The acknowledgements in ``path`` (none if the file does not exist).

    Raises ReviewedFileError with every problem as ``file:line:col: what is wrong — what is
    expected``; the file is named relative to ``root`` when it is given."""
    path = Path(path)
    if not path.is_file():
        return []
    doc, problems = read_yaml(path, root)
    if doc is None or problems:
        if problems:
            raise ReviewedFileError(problems)
        return []
    return parse_reviewed(doc, today)


def parse_reviewed(doc: Document, today: date) -> list[Acknowledgement]:
    """Validate a read file; every problem at once."""
    value, problems = validate(_File, doc, context={"today": today})
    if problems:
        raise ReviewedFileError(problems)
    return [Acknowledgement(**entry.model_dump(), line=doc.position(("reviewed", index))[0])
            for index, entry in enumerate(value.reviewed)]


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
