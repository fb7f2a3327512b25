"""The accessibility statement (data/accessibility.yml) and the audit record it is shown with.

People write the statement; `podium audit --record` writes the record
(data/accessibility-audit.json), of which the statement uses a few parts. The statement may not
claim more than automated checks and people have shown: a status better than "partially
compliant", or Dutch status A or B, needs a report of an audit by people, and "compliant" also
needs a passing automated audit without known problems. These rules are part of the validation,
so `podium validate` reports a claim that goes too far at the line of the field that makes it.
When the statement or an audit report gets old, `statement_warnings` gives advice.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from ..base.problems import Problem
from ..base.validate import validate
from ..base.yamlread import Document, read_yaml, shown_path
from .types import Mailbox, Strict, Text, WebAddress

STATEMENT_FILE = "accessibility.yml"
RECORD_FILE = "accessibility-audit.json"

EuStatus = Literal["compliant", "partially-compliant", "not-compliant"]
DutchStatus = Literal["A", "B", "C", "D"]
# The EU statuses each Dutch status can go with.
DUTCH_GOES_WITH: dict[str, tuple[str, ...]] = {
    "A": ("compliant",),
    "B": ("partially-compliant",),
    "C": ("partially-compliant", "not-compliant"),
    "D": ("partially-compliant", "not-compliant"),
}
Category = Literal["non-compliance", "disproportionate-burden", "out-of-scope"]
CATEGORIES: tuple[str, ...] = get_args(Category)  # in the order the statement lists them
Method = Literal["self-assessment", "third-party"]

STATEMENT_MAX_AGE_DAYS = 365          # a statement is reviewed at least once a year
MANUAL_AUDIT_MAX_AGE_DAYS = 3 * 365   # an audit by people is redone every three years
PLANNED_AUDIT_MAX_DAYS = 183          # Dutch status C: a full audit within six months


def _success_criterion(value: str) -> str:
    if not re.fullmatch(r"\d\.\d{1,2}\.\d{1,2}", value):
        raise ValueError(f"'{value}' is not a WCAG success criterion like 1.4.3")
    return value


SuccessCriterion = Annotated[str, AfterValidator(_success_criterion)]


class Scope(Strict):
    description: Text = Field(description="what the statement covers, in every language")
    urls: list[WebAddress] = Field(default_factory=list,
                                   description="the published addresses it covers, each starting with https://")


class Standard(Strict):
    legal: Text = Field(description="the standard the law asks for, such as EN 301 549 (WCAG 2.1 level AA)")
    target: Text | None = Field(None, description="the standard you aim for, such as WCAG 2.2 level AA")


class Status(Strict):
    eu: EuStatus = Field(description="the status under the EU model")
    nl: DutchStatus | None = Field(None, description="the status under the Dutch model: A, B, C or D")
    planned_audit: dt.date | None = Field(None, description="the date of the planned full audit (status C)")


class ManualAudit(Strict):
    url: WebAddress = Field(description="the address of the audit report, starting with https://")
    date: dt.date = Field(description="the date of the report")
    by: Text = Field(description="who did the audit, in every language")
    title: Text | None = Field(None, description="the title of the report, in every language")


class KnownProblem(Strict):
    criterion: SuccessCriterion = Field(description="the number of a WCAG success criterion, such as 1.4.3")
    impact: Text = Field(description="what the problem means for a reader, in every language")
    cause: Text = Field(description="why it is there, in every language")
    planned_fix: Text = Field(description="what you will do about it, in every language")
    planned_date: dt.date | None = Field(None, description="when it will be fixed")
    alternative: Text | None = Field(None, description="another way to reach the same, in every language")
    category: Category = Field("non-compliance", description="why it does not comply")


class Contact(Strict):
    email: Mailbox = Field(description="the address readers write to, such as toegankelijkheid@museum.nl")
    response_time: Text = Field(description="when readers get an answer, such as 'within five working days'")


class Complaint(Strict):
    url: WebAddress = Field(description="the address of the complaints body, starting with https://")
    name: Text = Field(description="the name of the complaints body, in every language")


class About(Strict):
    date: dt.date = Field(description="the date the statement was prepared")
    reviewed: dt.date | None = Field(None, description="the date it was last reviewed")
    method: Method = Field(description="self-assessment or third-party")
    signed_off_by: Text = Field(description="the role (not the name) of who approved it, in every language")


class RecordView(BaseModel):
    """One way the audit looked at every page: a colour scheme at a width."""

    id: str
    scheme: Literal["light", "dark"]
    width: int


class RecordTotals(BaseModel):
    pages: int | None = None
    page_views: int = 0
    violations: int = 0
    needs_review_acknowledged: int = 0
    needs_review_unacknowledged: int = 0


class UncoveredCriterion(BaseModel):
    sc: str
    level: str = ""
    automation: Literal["partial", "none"] = "none"
    name: str = ""


class AuditRecord(BaseModel):
    """The parts of the audit record that the statement shows; the audit writes many more."""

    model_config = ConfigDict(frozen=True)

    date: dt.datetime | None = None
    passed: bool = False
    tools: dict[str, str] = Field(default_factory=dict)
    views: list[RecordView] = Field(default_factory=list)
    pages: list[str] = Field(default_factory=list)
    totals: RecordTotals = Field(default_factory=RecordTotals)
    not_covered_by_automation: list[UncoveredCriterion] = Field(default_factory=list)

    @property
    def page_count(self) -> int:
        return self.totals.pages if self.totals.pages is not None else len(self.pages)


class Statement(Strict):
    """What the organisation says about the accessibility of the site (data/accessibility.yml)."""

    organisation: Text = Field(description="the organisation's name, in every language")
    scope: Scope = Field(description="what the statement covers: description and urls")
    standard: Standard = Field(description="the standard the law asks for (legal) and the one you aim for (target)")
    status: Status = Field(description="the status under the EU model (eu) and the Dutch model (nl)")
    manual_audits: list[ManualAudit] = Field(default_factory=list,
                                             description="the reports of audits by people; [] for none")
    known_problems: list[KnownProblem] = Field(default_factory=list,
                                               description="what does not comply yet; [] for none")
    contact: Contact = Field(description="where readers write to (email) and when they get an answer (response_time)")
    complaint: Complaint = Field(description="the body readers can turn to (url and name)")
    statement: About = Field(description="when it was prepared (date) and reviewed, how (method), and who approved it")

    @model_validator(mode="after")
    def _claims_are_backed(self, info: ValidationInfo) -> "Statement":
        context = info.context or {}
        broken = claim_problems(self, context.get("audit_record"), context.get("today") or dt.date.today())
        if broken:
            raise ValidationError.from_exception_data(type(self).__name__, [
                InitErrorDetails(type=PydanticCustomError("claim", "{message}",
                                                          {"message": message, "expected": expected}),
                                 loc=loc, input=None)
                for loc, message, expected in broken])
        return self


Claim = tuple[tuple, str, str]  # (field path, what is wrong, what is expected)


def claim_problems(s: Statement, record: AuditRecord | None, today: dt.date) -> list[Claim]:
    """Every claim of `s` that the audits do not back, at the field that makes it."""
    return [*_status_problems(s, record), *_date_problems(s, today)]


def _status_problems(s: Statement, record: AuditRecord | None) -> list[Claim]:
    eu, nl = s.status.eu, s.status.nl
    found: list[Claim] = []
    if (eu == "compliant" or nl in ("A", "B")) and not s.manual_audits:
        field, claimed = ("eu", f"status.eu '{eu}'") if eu == "compliant" else ("nl", f"status.nl '{nl}'")
        found.append((("status", field), f"{claimed} claims more than automated checks can show",
                      "add the manual audit report under manual_audits (url and date); until there is "
                      "one, use 'partially-compliant' (and Dutch status C or D)"))
    if nl and eu not in DUTCH_GOES_WITH[nl]:
        found.append((("status", "nl"), f"Dutch status {nl} does not go with status.eu '{eu}'",
                      f"status.eu {' or '.join(repr(other) for other in DUTCH_GOES_WITH[nl])} for status {nl}"))
    if eu == "compliant":
        open_problems = [p for p in s.known_problems if p.category == "non-compliance"]
        if open_problems:
            found.append((("status", "eu"), f"'compliant' contradicts the {len(open_problems)} known "
                          "problems listed under known_problems",
                          "'partially-compliant' while a known problem does not comply"))
        if record is None:
            found.append((("status", "eu"), "'compliant' needs a passing automated audit record",
                          "run `podium audit --record` on the built site"))
        elif not record.passed:
            found.append((("status", "eu"), "'compliant' is contradicted by the latest automated audit, "
                          "which found problems", "fix them and record a passing audit, or use "
                          "'partially-compliant'"))
    if nl == "C":
        planned = s.status.planned_audit
        if planned is None:
            found.append((("status", "planned_audit"), "Dutch status C needs the date of the planned full audit",
                          "planned_audit: a date within six months of the statement date"))
        elif (planned - s.statement.date).days > PLANNED_AUDIT_MAX_DAYS:
            found.append((("status", "planned_audit"), "for status C the full audit must be planned within six "
                          "months of the statement date", "an earlier date, or Dutch status D"))
    return found


def _date_problems(s: Statement, today: dt.date) -> list[Claim]:
    if s.statement.date > today:
        return [(("statement", "date"), f"{s.statement.date.isoformat()} is in the future",
                 "the date the statement was prepared, today or earlier")]
    return []


def statement_warnings(root: Path, s: Statement | None, record: AuditRecord | None,
                       today: dt.date) -> list[Problem]:
    """Advice for editors, at the field it is about: what gets old, and what is missing."""
    path = root / "data" / STATEMENT_FILE
    if s is None or not path.is_file():
        return []
    doc, _ = read_yaml(path, root)
    if doc is None:
        return []

    def warn(loc: tuple, message: str, expected: str) -> Problem:
        return doc.problem(loc, f"warning: {message}", expected, prefer_key=True)

    found = []
    planned = s.status.planned_audit
    if s.status.nl == "C" and planned is not None and planned < today:
        found.append(warn(("status", "planned_audit"), f"the planned audit date {planned} has passed",
                          "add the audit report under manual_audits, or update the status"))
    latest = max(s.statement.date, s.statement.reviewed or s.statement.date)
    if (today - latest).days > STATEMENT_MAX_AGE_DAYS:
        found.append(warn(("statement", "date"), f"the statement was last prepared or reviewed on {latest}, "
                          "more than a year ago", "review it and update statement.reviewed"))
    for index, audit in enumerate(s.manual_audits):
        if (today - audit.date).days > MANUAL_AUDIT_MAX_AGE_DAYS:
            found.append(warn(("manual_audits", index, "date"), f"the report of {audit.date} is more than "
                              "three years old", "a new audit is due"))
    for index, problem in enumerate(s.known_problems):
        if problem.planned_date and problem.planned_date < today:
            found.append(warn(("known_problems", index, "planned_date"), f"{problem.planned_date} has passed",
                              "fix the problem or plan a new date"))
    if s.status.eu != "compliant" and not s.known_problems:
        found.append(warn(("known_problems",), "the status says not everything complies, but no known "
                          "problem is listed", "list what does not comply under known_problems"))
    if record is None:
        found.append(Problem(doc.path, 1, 1, "warning: no automated audit record found",
                             "run `podium audit --record` on the built site"))
    return found


def read_audit_record(root: Path) -> tuple[AuditRecord | None, list[Problem]]:
    """The record of data/accessibility-audit.json, or None when there is none yet.

    The audit writes the file, so a damaged one is reported at its line and column (or at the
    start, for a part that has the wrong shape) with the advice to record it again."""
    path = root / "data" / RECORD_FILE
    if not path.is_file():
        return None, []
    shown = shown_path(path, root)
    again = "record the audit again with `podium audit --record`"
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None, [Problem(shown, 1, 1, "the audit record is not UTF-8 text", again)]
    except json.JSONDecodeError as error:
        return None, [Problem(shown, error.lineno, error.colno,
                              f"the audit record cannot be read here: {error.msg}", again)]
    record, problems = validate(AuditRecord, Document(shown, data))
    return record, [Problem(p.path, p.line, p.column, f"in the audit record: {p.message}", again)
                    for p in problems]
