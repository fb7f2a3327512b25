"""The accessibility statement never claims more than automation can show, and `podium validate`
reports every problem in data/accessibility.yml at its line and column."""
from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

import yaml

from macros.base.languages import read_languages
from macros.base.validate import validate
from macros.base.yamlread import parse_yaml
from macros.cli import main
from macros.model.accessibility import AuditRecord, Statement, statement_warnings

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 21)
SHOWN = "data/accessibility.yml"

BASE = {
    "organisation": {"nl": "Museum Voorbeeld", "en": "Example Museum"},
    "scope": {"description": {"nl": "deze website", "en": "this website"}, "urls": []},
    "standard": {"legal": {"nl": "EN 301 549 (WCAG 2.1 AA)", "en": "EN 301 549 (WCAG 2.1 AA)"},
                 "target": {"nl": "WCAG 2.2 AA", "en": "WCAG 2.2 AA"}},
    "status": {"eu": "partially-compliant", "nl": "C", "planned_audit": dt.date(2027, 3, 1)},
    "manual_audits": [],
    "known_problems": [{
        "criterion": "1.4.3",
        "impact": {"nl": "Grijze tekst is slecht leesbaar.", "en": "Grey text is hard to read."},
        "cause": {"nl": "Een oude stijl.", "en": "An old style."},
        "planned_fix": {"nl": "Nieuwe kleuren.", "en": "New colours."},
        "planned_date": dt.date(2027, 1, 31),
    }],
    "contact": {"email": "toegankelijkheid@example.org",
                "response_time": {"nl": "binnen vijf werkdagen", "en": "within five working days"}},
    "complaint": {"url": "https://www.nationaleombudsman.nl/",
                  "name": {"nl": "de Nationale ombudsman", "en": "the National Ombudsman"}},
    "statement": {"date": dt.date(2026, 11, 1), "method": "self-assessment",
                  "signed_off_by": {"nl": "directeur", "en": "director"}},
}
MANUAL = [{"url": "https://example.org/rapport.pdf", "date": dt.date(2026, 10, 1),
           "by": {"nl": "Bureau Toegang", "en": "Bureau Toegang"}}]
RECORD = json.loads((REPO / "tests" / "fixtures" / "accessibility-audit.json").read_text(encoding="utf-8"))


def data(**changes):
    """BASE with changes; `status__eu="x"` sets data["status"]["eu"]."""
    result = copy.deepcopy(BASE)
    for dotted, value in changes.items():
        node = result
        *parents, last = dotted.split("__")
        for part in parents:
            node = node[int(part) if part.isdigit() else part]
        node[last] = value
    return result


def record(**changes) -> AuditRecord:
    return AuditRecord.model_validate({**RECORD, **changes})


def check(content: dict, audit: AuditRecord | None = None, today: dt.date = TODAY):
    """Validate `content` as written in data/accessibility.yml: (statement or None, problems, document)."""
    doc, problems = parse_yaml(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), SHOWN)
    assert problems == []
    context = {"languages": read_languages(REPO), "today": today, "audit_record": audit}
    statement, problems = validate(Statement, doc, context)
    return statement, problems, doc


def at(doc, *loc) -> tuple[int, int]:
    return doc.position(loc)


def places(problems) -> set[tuple[int, int]]:
    return {(p.line, p.column) for p in problems}


def test_a_partial_claim_with_a_record_is_accepted():
    statement, problems, _ = check(data(), record())
    assert problems == [] and statement.status.eu == "partially-compliant"


def test_compliant_without_a_manual_report_is_refused_at_status_eu():
    _, problems, doc = check(data(status__eu="compliant", status__nl="A", known_problems=[]), record())
    assert at(doc, "status", "eu") in places(problems)
    assert any("manual audit report" in str(p) for p in problems)


def test_dutch_status_b_without_a_manual_report_is_refused():
    _, problems, doc = check(data(status__nl="B"), record())
    assert [(p.line, p.column) for p in problems] == [at(doc, "status", "nl")]
    assert "status.nl 'B' claims more" in problems[0].message


def test_compliant_with_a_manual_report_and_a_passing_audit_is_accepted():
    statement, problems, _ = check(data(status__eu="compliant", status__nl="A", known_problems=[],
                                        manual_audits=MANUAL), record())
    assert problems == [] and statement.manual_audits[0].url == "https://example.org/rapport.pdf"


def test_compliant_is_refused_when_automation_found_problems_or_there_is_no_record():
    claim = data(status__eu="compliant", status__nl="A", known_problems=[], manual_audits=MANUAL)
    _, problems, doc = check(claim, record(passed=False))
    assert [str(p) for p in problems] == [
        f"{SHOWN}:{':'.join(map(str, at(doc, 'status', 'eu')))}: 'compliant' is contradicted by the latest "
        "automated audit, which found problems — fix them and record a passing audit, or use 'partially-compliant'"]
    _, problems, _ = check(claim, None)
    assert any("needs a passing automated audit record" in p.message for p in problems)


def test_compliant_with_known_problems_is_refused():
    _, problems, doc = check(data(status__eu="compliant", status__nl="A", manual_audits=MANUAL), record())
    assert [p.message for p in problems] == ["'compliant' contradicts the 1 known problems listed under known_problems"]
    assert places(problems) == {at(doc, "status", "eu")}


def test_status_c_needs_an_audit_planned_within_six_months():
    content = data()
    del content["status"]["planned_audit"]
    _, problems, _ = check(content, record())
    assert len(problems) == 1 and "planned full audit" in problems[0].message
    _, problems, doc = check(data(status__planned_audit=dt.date(2027, 12, 1)), record())
    assert len(problems) == 1 and "within six months" in problems[0].message
    assert places(problems) == {at(doc, "status", "planned_audit")}


def test_a_dutch_status_must_go_with_the_eu_status_and_a_statement_date_not_lie_ahead():
    _, problems, doc = check(data(status__eu="not-compliant", status__nl="B", manual_audits=MANUAL,
                                  statement__date=dt.date(2026, 12, 1)), record())
    assert places(problems) == {at(doc, "status", "nl"), at(doc, "statement", "date")}
    assert {p.message for p in problems} == {"Dutch status B does not go with status.eu 'not-compliant'",
                                            "2026-12-01 is in the future"}


def test_missing_translation_and_bad_values_are_all_reported_at_their_place():
    broken = data(organisation={"nl": "Museum Voorbeeld"}, contact__email="nobody",
                  status__eu="mostly-fine", known_problems__0__criterion="contrast")
    _, problems, doc = check(broken, record())
    assert places(problems) == {at(doc, "organisation"), at(doc, "contact", "email"), at(doc, "status", "eu"),
                                at(doc, "known_problems", 0, "criterion")}
    sentences = " | ".join(p.sentence for p in problems)
    assert "the English text is missing" in sentences
    assert "'contrast' is not a WCAG success criterion like 1.4.3" in sentences


def write_statement(root: Path, content: dict) -> None:
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "accessibility.yml").write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")


def warnings_for(tmp_path: Path, content: dict, audit: AuditRecord | None, today: dt.date = TODAY) -> str:
    statement, problems, _ = check(content, audit, today)
    assert problems == []
    write_statement(tmp_path, content)
    return " | ".join(str(w) for w in statement_warnings(tmp_path, statement, audit, today))


def test_a_current_statement_gives_no_warnings(tmp_path):
    assert warnings_for(tmp_path, data(), record()) == ""


def test_old_statement_and_old_manual_report_give_warnings_at_their_dates(tmp_path):
    content = data(statement__date=dt.date(2025, 6, 1), status__nl="D",
                   manual_audits=[{**MANUAL[0], "date": dt.date(2023, 1, 10)}])
    warnings = warnings_for(tmp_path, content, record())
    assert "more than a year ago" in warnings and "more than three years old" in warnings
    assert all(w.startswith(f"{SHOWN}:") and ": warning: " in w for w in warnings.split(" | "))


def test_recent_review_keeps_an_old_statement_current(tmp_path):
    content = data(statement__date=dt.date(2025, 6, 1), statement__reviewed=dt.date(2026, 9, 1), status__nl="D")
    assert "year ago" not in warnings_for(tmp_path, content, record())


def test_passed_dates_and_a_missing_record_are_warnings(tmp_path):
    warnings = warnings_for(tmp_path, data(), None, today=dt.date(2027, 3, 2))
    assert "the planned audit date 2027-03-01 has passed" in warnings
    assert "2027-01-31 has passed" in warnings
    assert "podium audit --record" in warnings


def test_the_projects_statement_data_is_valid():
    assert main(["--project", str(REPO), "validate"]) == 0


def plant(project: Path, *replacements: tuple[str, str]) -> list[str]:
    """Replace text in the project's data/accessibility.yml; return its lines after the change."""
    path = project / "data" / "accessibility.yml"
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text.splitlines()


def place(lines: list[str], start: str, value: str) -> str:
    """`line:column` of `value` on the first line that starts with `start` (after indentation)."""
    number = next(i for i, line in enumerate(lines, 1) if line.strip().startswith(start))
    return f"{number}:{lines[number - 1].index(value) + 1}"


def test_podium_validate_reports_every_planted_error_at_its_line_and_column(example_copy, capsys):
    lines = plant(example_copy, ("  eu: partially-compliant", "  eu: mostly"),
                  ("  email: communicatie@samenopen.example.org", "  email: nobody"),
                  ('  - criterion: "4.1.2"', '  - criterion: "contrast"'),
                  ("  date: 2026-11-21 ", "  date: 2026-11-31 "))
    assert main(["--project", str(example_copy), "validate"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    quoted = '"contrast"'  # a quoted value starts at its quote mark
    expected = [
        f"{SHOWN}:{place(lines, 'eu: mostly', 'mostly')}: the text 'mostly' is not one of the allowed values — "
        "one of: 'compliant', 'partially-compliant' or 'not-compliant'",
        f"{SHOWN}:{place(lines, 'email: nobody', 'nobody')}: an e-mail address looks like name@museum.nl — "
        "the address readers write to, such as toegankelijkheid@museum.nl",
        f"{SHOWN}:{place(lines, '- criterion:', quoted)}: 'contrast' is not a WCAG success criterion "
        "like 1.4.3 — the number of a WCAG success criterion, such as 1.4.3",
        f"{SHOWN}:{place(lines, 'date: 2026-11-31', '2026-11-31')}: the text '2026-11-31' is not a date — "
        "a date written as YYYY-MM-DD, for example 2026-07-01",
    ]
    for line in expected:
        assert line in err.splitlines(), err
    assert "4 problems in the data" in err


def test_podium_validate_reports_a_claim_that_goes_too_far(example_copy, capsys):
    lines = plant(example_copy, ("  eu: partially-compliant", "  eu: compliant"), ("  nl: C", "  nl: A"))
    assert main(["--project", str(example_copy), "validate", "--format", "github"]) == 2
    out = capsys.readouterr().out
    line, column = place(lines, "eu: compliant", "compliant").split(":")
    assert f"::error file={SHOWN},line={line},col={column}::status.eu 'compliant' claims more than " \
           "automated checks can show — add the manual audit report" in out
    assert "'compliant' contradicts the 1 known problems" in out


def test_podium_build_stops_at_a_planted_error_and_keeps_the_site(example_copy, capsys):
    assert main(["--project", str(example_copy), "build"]) == 0
    before = (example_copy / "site" / "en" / "accessibility" / "index.html").read_bytes()
    capsys.readouterr()
    lines = plant(example_copy, ("  method: self-assessment", "  method: guesswork"))
    assert main(["--project", str(example_copy), "build"]) == 2
    err = capsys.readouterr().err
    assert f"{SHOWN}:{place(lines, 'method: guesswork', 'guesswork')}: the text 'guesswork' is not one of " \
           "the allowed values" in err
    assert "Traceback" not in err
    assert (example_copy / "site" / "en" / "accessibility" / "index.html").read_bytes() == before


def test_a_damaged_audit_record_is_reported_at_its_line_and_column(example_copy, capsys):
    path = example_copy / "data" / "accessibility-audit.json"
    path.write_text('{\n  "date": "2026-11-20",\n  "passed": tru\n}\n', encoding="utf-8")
    assert main(["--project", str(example_copy), "validate"]) == 2
    err = capsys.readouterr().err
    assert re.search(r"^data/accessibility-audit\.json:3:13: the audit record cannot be read here: .+ — "
                     r"record the audit again with `podium audit --record`$", err, re.M), err
    path.write_text(json.dumps({**RECORD, "totals": {"pages": "many"}}), encoding="utf-8")
    assert main(["--project", str(example_copy), "validate"]) == 2
    assert "data/accessibility-audit.json:1:1: in the audit record: expected a whole number, found the text " \
           "'many'" in capsys.readouterr().err


def test_validate_prints_warnings_and_still_passes(example_copy, capsys):
    plant(example_copy, ("  reviewed: 2026-11-21 ", "  reviewed: 2024-11-21 "),
          ("  date: 2026-11-21 ", "  date: 2024-11-21 "), ("  nl: C", "  nl: D"))
    assert main(["--project", str(example_copy), "validate"]) == 0
    err = capsys.readouterr().err
    assert re.search(r"^data/accessibility\.yml:\d+:\d+: warning: the statement was last prepared or reviewed on "
                     r"2024-11-21, more than a year ago — review it and update statement.reviewed$", err, re.M), err
