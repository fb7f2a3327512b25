"""The accessibility statement: validate what people claim, and show it next to what the
automated audit found.

``statement_view`` is pure: statement data (data/accessibility.yml, already loaded) + the latest
audit record + a language + today's date -> everything the page shows, in that language. It
refuses a claim that automation cannot back (a status better than "partially compliant", or
Dutch status A/B, needs a linked manual audit report with its date) and warns when the statement
is over a year old or a manual report over three years old.

``render_statement`` is the edge the site's page macro calls: it reads the files, reports
problems as ``file:line:col: field: message``, and renders the Jinja template (autoescape on).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import yaml
from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..base.problems import Problem
from ..base.yamlread import read_yaml
from .settings import REPORT_NAME

LANGUAGES = ("nl", "en")
BABEL_LOCALES = {"nl": "nl_NL", "en": "en_GB"}
EU_STATUSES = ("compliant", "partially-compliant", "not-compliant")
DUTCH_STATUSES = {  # Dutch status -> the EU statuses it can go with
    "A": ("compliant",),
    "B": ("partially-compliant",),
    "C": ("partially-compliant", "not-compliant"),
    "D": ("partially-compliant", "not-compliant"),
}
CATEGORIES = ("non-compliance", "disproportionate-burden", "out-of-scope")
METHODS = ("self-assessment", "third-party")
STATEMENT_MAX_AGE_DAYS = 365
MANUAL_AUDIT_MAX_AGE_DAYS = 3 * 365
PLANNED_AUDIT_MAX_DAYS = 183  # status C: a full audit within six months
STATEMENT_FILE = "accessibility.yml"
RECORD_NAME = REPORT_NAME

_SC = re.compile(r"^\d\.\d{1,2}\.\d{1,2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https?://\S+$")

log = logging.getLogger("podium.audit.statement")


def dotted(path: tuple) -> str:
    """("known_problems", 0, "cause") -> "known_problems[0].cause"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class StatementError(ValueError):
    """The statement data is invalid or claims too much. ``problems`` holds (field path, message)."""

    def __init__(self, problems: list[tuple[tuple, str]], lines: list[str] | None = None):
        self.problems = problems
        self.lines = lines or [f"{dotted(path) or 'file'}: {message}" for path, message in problems]
        super().__init__("\n".join(self.lines))


@lru_cache(maxsize=1)
def strings() -> dict:
    """The statement's words in nl and en (statement.yml)."""
    return yaml.safe_load(Path(__file__).with_name("statement.yml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def criterion_names() -> dict[str, dict]:
    data = yaml.safe_load(Path(__file__).with_name("coverage.yml").read_text(encoding="utf-8"))
    return {c["sc"]: c for c in data["criteria"]}


# -- reading and checking the data -------------------------------------------------------------

@dataclass
class _Reader:
    """Reads fields of the statement data by path and collects every problem at once."""

    data: dict
    problems: list[tuple[tuple, str]] = field(default_factory=list)

    def get(self, path: tuple):
        node = self.data
        for part in path:
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                node = node[part]
            else:
                return None
        return node

    def problem(self, path: tuple, message: str) -> None:
        self.problems.append((path, message))

    def text(self, path: tuple, required: bool = True) -> str | None:
        value = self.get(path)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(path, "is required")
            return None
        if not isinstance(value, (str, int, float)):
            self.problem(path, "expected text")
            return None
        return str(value).strip()

    def bilingual(self, path: tuple, required: bool = True) -> dict | None:
        """{nl: ..., en: ...}; plain text is accepted for names that are the same in both."""
        value = self.get(path)
        if value is None:
            if required:
                self.problem(path, "is required, as {nl: ..., en: ...}")
            return None
        if isinstance(value, str):
            return {lang: value.strip() for lang in LANGUAGES}
        if not isinstance(value, dict):
            self.problem(path, "expected {nl: ..., en: ...}")
            return None
        result = {}
        for lang in LANGUAGES:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                self.problem(path + (lang,), f"the {lang} text is missing")
            else:
                result[lang] = " ".join(text.split())
        return result if len(result) == len(LANGUAGES) else None

    def day(self, path: tuple, required: bool = True) -> date | None:
        value = self.get(path)
        if value is None:
            if required:
                self.problem(path, "is required, as a date like 2026-11-21")
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.problem(path, f"'{value}' is not a date; write it like 2026-11-21")
            return None

    def choice(self, path: tuple, options: tuple, required: bool = True) -> str | None:
        value = self.text(path, required)
        if value is not None and value not in options:
            self.problem(path, f"'{value}' is not one of: {', '.join(options)}")
            return None
        return value

    def url(self, path: tuple, required: bool = True) -> str | None:
        value = self.text(path, required)
        if value is not None and not _URL.match(value):
            self.problem(path, f"'{value}' is not a web address starting with https://")
            return None
        return value

    def items(self, path: tuple) -> list:
        value = self.get(path)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(path, "expected a list (use [] for none)")
            return []
        return value


def _read(data: dict) -> tuple[dict, _Reader]:
    """The statement data checked field by field (not yet the claim)."""
    r = _Reader(data if isinstance(data, dict) else {})
    if not isinstance(data, dict):
        r.problem((), "expected a mapping with organisation, scope, standard, status, ...")
    checked = {
        "organisation": r.bilingual(("organisation",)),
        "scope": r.bilingual(("scope", "description")),
        "urls": [r.url(("scope", "urls", i)) for i in range(len(r.items(("scope", "urls"))))],
        "legal": r.bilingual(("standard", "legal")),
        "target": r.bilingual(("standard", "target"), required=False),
        "eu_status": r.choice(("status", "eu"), EU_STATUSES),
        "nl_status": r.choice(("status", "nl"), tuple(DUTCH_STATUSES), required=False),
        "planned_audit": r.day(("status", "planned_audit"), required=False),
        "manual_audits": [
            {"url": r.url(("manual_audits", i, "url")),
             "date": r.day(("manual_audits", i, "date")),
             "by": r.bilingual(("manual_audits", i, "by")),
             "title": r.bilingual(("manual_audits", i, "title"), required=False)}
            for i in range(len(r.items(("manual_audits",))))
        ],
        "problems": [_read_problem(r, i) for i in range(len(r.items(("known_problems",))))],
        "email": r.text(("contact", "email")),
        "response_time": r.bilingual(("contact", "response_time")),
        "complaint_url": r.url(("complaint", "url")),
        "complaint_name": r.bilingual(("complaint", "name")),
        "prepared": r.day(("statement", "date")),
        "reviewed": r.day(("statement", "reviewed"), required=False),
        "signed_off_by": r.bilingual(("statement", "signed_off_by")),
        "method": r.choice(("statement", "method"), METHODS),
    }
    if checked["email"] and not _EMAIL.match(checked["email"]):
        r.problem(("contact", "email"), f"'{checked['email']}' is not an email address")
    return checked, r


def _read_problem(r: _Reader, index: int) -> dict:
    path = ("known_problems", index)
    criterion = r.text(path + ("criterion",))
    if criterion and not _SC.match(criterion):
        r.problem(path + ("criterion",), f"'{criterion}' is not a WCAG success criterion like 1.4.3")
    return {
        "criterion": criterion,
        "impact": r.bilingual(path + ("impact",)),
        "cause": r.bilingual(path + ("cause",)),
        "planned_fix": r.bilingual(path + ("planned_fix",)),
        "planned_date": r.day(path + ("planned_date",), required=False),
        "alternative": r.bilingual(path + ("alternative",), required=False),
        "category": r.choice(path + ("category",), CATEGORIES, required=False) or "non-compliance",
    }


def _check_claim(s: dict, record: dict | None, r: _Reader, today: date) -> list[str]:
    """Refuse claims automation cannot back; return warnings (plain English, for editors)."""
    warnings: list[str] = []
    eu, nl = s["eu_status"], s["nl_status"]
    audits = [a for a in s["manual_audits"] if a["url"] and a["date"]]
    better_than_partial = eu == "compliant" or nl in ("A", "B")
    if better_than_partial and not audits:
        claimed = f"status.eu '{eu}'" if eu == "compliant" else f"status.nl '{nl}'"
        r.problem(("status", "eu" if eu == "compliant" else "nl"),
                  f"{claimed} claims more than automated checks can show: it needs a manual audit "
                  "report (manual_audits: url and date). Until there is one, use "
                  "'partially-compliant' (and Dutch status C or D)")
    if eu and nl and eu not in DUTCH_STATUSES[nl]:
        r.problem(("status", "nl"), f"Dutch status {nl} does not go with status.eu '{eu}' "
                  f"(it goes with {' or '.join(DUTCH_STATUSES[nl])})")
    if eu == "compliant":
        open_problems = [p for p in s["problems"] if p["category"] == "non-compliance"]
        if open_problems:
            r.problem(("status", "eu"), f"'compliant' contradicts the {len(open_problems)} known "
                      "problems listed under known_problems")
        if record is None:
            r.problem(("status", "eu"), "'compliant' needs a passing automated audit record "
                      "(run `podium audit --record`)")
        elif not record.get("passed"):
            r.problem(("status", "eu"), "'compliant' is contradicted by the latest automated audit, "
                      "which found problems")
    if nl == "C":
        if s["planned_audit"] is None:
            r.problem(("status", "planned_audit"), "Dutch status C needs the date of the planned "
                      "full audit (within six months of the statement date)")
        elif s["prepared"] and (s["planned_audit"] - s["prepared"]).days > PLANNED_AUDIT_MAX_DAYS:
            r.problem(("status", "planned_audit"), "for status C the full audit must be planned "
                      "within six months of the statement date; otherwise the status is D")
        elif s["planned_audit"] < today:
            warnings.append(f"status.planned_audit: the planned audit date {s['planned_audit']} "
                            "has passed; add the report or update the status")
    if s["prepared"] and s["prepared"] > today:
        r.problem(("statement", "date"), f"{s['prepared']} is in the future")
    latest = max(d for d in (s["prepared"], s["reviewed"], date.min) if d)
    if s["prepared"] and (today - latest).days > STATEMENT_MAX_AGE_DAYS:
        warnings.append(f"statement.date: the statement was last prepared or reviewed on {latest}, "
                        "more than a year ago; review it and update statement.reviewed")
    for index, audit in enumerate(s["manual_audits"]):
        if audit["date"] and (today - audit["date"]).days > MANUAL_AUDIT_MAX_AGE_DAYS:
            warnings.append(f"manual_audits[{index}].date: the report of {audit['date']} is more "
                            "than three years old; a new audit is due")
    for index, problem in enumerate(s["problems"]):
        if problem["planned_date"] and problem["planned_date"] < today:
            warnings.append(f"known_problems[{index}].planned_date: {problem['planned_date']} has "
                            "passed; fix the problem or plan a new date")
    if eu in ("partially-compliant", "not-compliant") and not s["problems"]:
        warnings.append("known_problems: the status says not everything complies, but no "
                        "known problem is listed")
    if record is None:
        warnings.append("no automated audit record found; run `podium audit --record`")
    return warnings


# -- what the page shows ----------------------------------------------------------------------

def statement_view(data: dict, audit_record: dict | None, lang: str, today: date) -> dict:
    """Everything the statement page shows, in ``lang``; raises StatementError on bad data or
    on a claim automation cannot back. ``warnings`` lists what editors should act on."""
    if lang not in LANGUAGES:
        raise ValueError(f"language '{lang}' is not one of {', '.join(LANGUAGES)}")
    s, reader = _read(data)
    warnings = _check_claim(s, audit_record, reader, today) if not reader.problems else []
    if reader.problems:
        raise StatementError(reader.problems)

    words = strings()

    def say(key: str, **values: object) -> str:
        entry = words[key]
        return (entry[lang] if lang in entry else entry).format(**values)

    def day(value: date | None) -> str:
        return format_date(value, format="long", locale=BABEL_LOCALES[lang]) if value else ""

    return {
        "lang": lang,
        "warnings": warnings,
        "intro": say("intro", organisation=s["organisation"][lang], scope=s["scope"][lang]),
        "scope_urls_label": say("scope_urls"),
        "scope_urls": s["urls"],
        "status": {
            "heading": say("status_heading"),
            "eu": s["eu_status"],
            "sentence": words["status"][s["eu_status"]][lang].format(legal=s["legal"][lang]),
            "target": say("target", target=s["target"][lang]) if s["target"] else "",
            "dutch": (say("dutch_status", code=s["nl_status"],
                          label=words["dutch_status_labels"][s["nl_status"]][lang])
                      if s["nl_status"] else ""),
            "planned_audit": (say("planned_audit", date=day(s["planned_audit"]))
                              if s["planned_audit"] else ""),
        },
        "problems": _problems_view(s["problems"], words, lang, day),
        "checks": {
            "heading": say("checks_heading"),
            "manual_heading": say("manual_heading"),
            "manual": [
                {"url": a["url"],
                 "text": say("manual_report",
                             title=(a["title"] or {}).get(lang) or say("manual_report_title"),
                             date=day(a["date"]), by=a["by"][lang])}
                for a in s["manual_audits"]
            ],
            "no_manual": say("no_manual"),
            "method": words["method"][s["method"]][lang],
        },
        "automated": _automated_view(audit_record, words, lang, day),
        "limits": _limits_view(audit_record, words, lang),
        "contact": {
            "heading": say("contact_heading"),
            "text": say("contact"),
            "email": s["email"],
            "response_time": say("response_time", time=s["response_time"][lang]),
        },
        "complaint": {
            "heading": say("complaint_heading"),
            "text": say("complaint"),
            "url": s["complaint_url"],
            "name": s["complaint_name"][lang],
        },
        "about": {
            "heading": say("about_heading"),
            "prepared": say("prepared", date=day(s["prepared"])),
            "reviewed": say("reviewed", date=day(s["reviewed"])) if s["reviewed"] else "",
            "signed_off": say("signed_off", role=s["signed_off_by"][lang]),
        },
    }


def _problems_view(problems: list[dict], words: dict, lang: str, day) -> dict:
    columns = {key: label[lang] for key, label in words["problem_columns"].items()}
    groups = []
    for category in CATEGORIES:
        rows = [p for p in problems if p["category"] == category]
        if not rows:
            continue
        name = words["problem_categories"][category][lang]
        groups.append({
            "category": category,
            "caption": words["problems_caption"][lang].format(category=name),
            "rows": [{
                "criterion": p["criterion"],
                "criterion_name": criterion_names().get(p["criterion"], {}).get("name", {}).get(lang, ""),
                "impact": p["impact"][lang],
                "cause": p["cause"][lang],
                "planned_fix": p["planned_fix"][lang],
                "planned_date": day(p["planned_date"]) or words["not_planned"][lang],
                "alternative": p["alternative"][lang] if p["alternative"] else words["none"][lang],
            } for p in rows],
        })
    return {"heading": words["problems_heading"][lang], "columns": columns, "groups": groups,
            "none": words["no_problems"][lang]}


def _automated_view(record: dict | None, words: dict, lang: str, day) -> dict:
    heading = words["automated_heading"][lang]
    if record is None:
        return {"heading": heading, "recorded": False, "none": words["no_automated"][lang]}
    views = record.get("views", [])
    widths = sorted({v["width"] for v in views}, reverse=True)
    width_text = f" {words['and'][lang]} ".join(str(w) for w in widths) if widths else "?"
    totals = record.get("totals", {})
    tools = record.get("tools", {})
    label = words["automated_rows"]
    when = _record_date(record)
    rows = [
        (label["date"][lang], day(when) if when else "?"),
        (label["tools"][lang], f"axe-core {tools.get('axe-core', '?')}, "
                               f"Chromium {tools.get('chromium', '?')}"),
        (label["pages"][lang], str(totals.get("pages", len(record.get("pages", []))))),
        (label["views"][lang], ", ".join(
            words["view_label"][lang].format(scheme=words["view_names"][v["scheme"]][lang],
                                             width=v["width"]) for v in views)),
        (label["page_views"][lang], str(totals.get("page_views", 0))),
        (label["violations"][lang], str(totals.get("violations", 0))),
        (label["reviewed"][lang], str(totals.get("needs_review_acknowledged", 0))),
        (label["unreviewed"][lang], str(totals.get("needs_review_unacknowledged", 0))),
        (label["result"][lang], words["automated_result"]["passed" if record.get("passed")
                                                          else "failed"][lang]),
    ]
    return {
        "heading": heading,
        "recorded": True,
        "intro": words["automated_intro"][lang].format(widths=width_text),
        "caption": words["automated_caption"][lang],
        "rows": [{"label": k, "value": v} for k, v in rows],
        "date": when.isoformat() if when else None,
        "axe_version": tools.get("axe-core"),
        "pages": totals.get("pages"),
        "views": [v.get("id") for v in views],
        "summary": {k: totals.get(k) for k in ("page_views", "violations",
                                               "needs_review_acknowledged",
                                               "needs_review_unacknowledged")},
        "passed": bool(record.get("passed")),
    }


def _record_date(record: dict) -> date | None:
    try:
        return datetime.fromisoformat(record["date"]).date()
    except (KeyError, TypeError, ValueError):
        return None


def _limits_view(record: dict | None, words: dict, lang: str) -> dict:
    """The criteria automation cannot settle: from the record, else from coverage.yml."""
    listed = (record or {}).get("not_covered_by_automation") or list(criterion_names().values())
    names = criterion_names()
    rows = []
    for item in listed:
        known = names.get(item["sc"], {})
        rows.append({
            "sc": item["sc"],
            "name": known.get("name", {}).get(lang) or item.get("name", ""),
            "level": item.get("level") or known.get("level", ""),
            "automation": words["automation"][item.get("automation", "none")][lang],
        })
    return {
        "heading": words["limits_heading"][lang],
        "intro": words["limits_intro"][lang],
        "caption": words["limits_caption"][lang],
        "columns": {k: v[lang] for k, v in words["limits_columns"].items()},
        "rows": rows,
    }


# -- the edge: files and template ---------------------------------------------------------------

def latest_record(data_dir: Path, site_dir: Path | None) -> dict | None:
    """The newest passing audit record of ``data_dir/accessibility-audit.json`` (written by
    ``podium audit --record``) and ``site_dir/accessibility-audit.json`` (written by every audit).
    A failing record in the site folder is ignored; one in data/ is shown as it is."""
    candidates = []
    for path, must_pass in ((Path(data_dir) / RECORD_NAME, False),
                            (Path(site_dir) / RECORD_NAME if site_dir else None, True)):
        if path is None or not path.is_file():
            continue
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            log.warning("%s: not a readable audit record; ignored", path)
            continue
        if must_pass and not record.get("passed"):
            continue
        candidates.append(record)
    return max(candidates, key=lambda r: r.get("date", ""), default=None)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render_statement(lang: str, data_dir: Path, site_dir: Path | None, today: date) -> str:
    """The statement as an HTML fragment in ``lang``: one <div class="podium-statement">, no line
    indented and no blank line (safe inside Markdown), headings from h2, tables with caption and
    th scope. Raises StatementError with ``file:line:col: field: message`` lines; logs warnings on
    the "podium.audit.statement" logger."""
    path = Path(data_dir) / STATEMENT_FILE
    shown = f"{Path(data_dir).name}/{STATEMENT_FILE}"
    if not path.is_file():
        raise StatementError([((), "not found")], [f"{shown}:1:1: this file is missing — write the "
                                                    "statement data there (see the example in the repository)"])
    doc, problems = read_yaml(path, Path(data_dir).parent)
    if doc is None or problems:
        raise StatementError([((), str(p)) for p in problems], [str(p) for p in problems])
    try:
        view = statement_view(doc.data, latest_record(Path(data_dir), site_dir), lang, today)
    except StatementError as error:
        located = [str(Problem(doc.path, *doc.position(p), f"{dotted(p) or 'file'}: {m}"))
                   for p, m in error.problems]
        raise StatementError(error.problems, located) from None
    for warning in view["warnings"]:
        log.warning("%s: %s", path, warning)
    html = _environment().get_template("statement.html.j2").render(s=view)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip()) + "\n"
