"""The accessibility statement never claims more than automation can show."""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from macros.audit.statement import StatementError, render_statement, statement_view

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 21)

BASE = {
    "organisation": {"nl": "Museum Voorbeeld", "en": "Example Museum"},
    "scope": {"description": {"nl": "deze website", "en": "this website"}, "urls": []},
    "standard": {"legal": "EN 301 549 (WCAG 2.1 AA)", "target": "WCAG 2.2 AA"},
    "status": {"eu": "partially-compliant", "nl": "C", "planned_audit": date(2027, 3, 1)},
    "manual_audits": [],
    "known_problems": [{
        "criterion": "1.4.3",
        "impact": {"nl": "Grijze tekst is slecht leesbaar.", "en": "Grey text is hard to read."},
        "cause": {"nl": "Een oude stijl.", "en": "An old style."},
        "planned_fix": {"nl": "Nieuwe kleuren.", "en": "New colours."},
        "planned_date": date(2027, 1, 31),
    }],
    "contact": {"email": "toegankelijkheid@example.org",
                "response_time": {"nl": "binnen vijf werkdagen", "en": "within five working days"}},
    "complaint": {"url": "https://www.nationaleombudsman.nl/",
                  "name": {"nl": "de Nationale ombudsman", "en": "the National Ombudsman"}},
    "statement": {"date": date(2026, 11, 1), "method": "self-assessment",
                  "signed_off_by": {"nl": "directeur", "en": "director"}},
}
MANUAL = [{"url": "https://example.org/rapport.pdf", "date": date(2026, 10, 1),
           "by": {"nl": "Bureau Toegang", "en": "Bureau Toegang"}}]
RECORD = {"date": "2026-11-20T10:00:00+00:00", "passed": True,
          "tools": {"axe-core": "4.14.1", "chromium": "156.0.8078.79"},
          "views": [{"id": "light-1280", "scheme": "light", "width": 1280},
                    {"id": "dark-320", "scheme": "dark", "width": 320}],
          "pages": ["/nl/", "/en/"],
          "totals": {"pages": 2, "page_views": 4, "violations": 0,
                     "needs_review_acknowledged": 1, "needs_review_unacknowledged": 0},
          "not_covered_by_automation": [{"sc": "2.1.2", "level": "A", "automation": "none"}]}


def data(**changes):
    result = copy.deepcopy(BASE)
    for dotted, value in changes.items():
        node = result
        *parents, last = dotted.split("__")
        for part in parents:
            node = node[part]
        node[last] = value
    return result


def paths(error: StatementError) -> list[str]:
    return [line.split(":")[0] for line in error.lines]


def test_partial_claim_is_shown_with_the_automated_record():
    view = statement_view(data(), RECORD, "nl", TODAY)
    assert view["warnings"] == []
    assert "voldoet gedeeltelijk aan EN 301 549" in view["status"]["sentence"]
    assert view["automated"]["axe_version"] == "4.14.1"
    assert view["automated"]["pages"] == 2 and view["automated"]["views"] == ["light-1280", "dark-320"]
    assert view["automated"]["summary"]["violations"] == 0 and view["automated"]["passed"]
    assert [r["sc"] for r in view["limits"]["rows"]] == ["2.1.2"]
    assert view["limits"]["rows"][0]["name"] == "Geen toetsenbordval"


def test_compliant_without_a_manual_report_is_refused():
    with pytest.raises(StatementError) as caught:
        statement_view(data(status__eu="compliant", status__nl="A", known_problems=[]),
                       RECORD, "en", TODAY)
    assert "status.eu" in paths(caught.value)
    assert "manual audit report" in str(caught.value)


def test_dutch_status_b_without_a_manual_report_is_refused():
    with pytest.raises(StatementError, match="status.nl 'B' claims more"):
        statement_view(data(status__nl="B"), RECORD, "nl", TODAY)


def test_compliant_with_a_manual_report_and_a_passing_audit_is_accepted():
    view = statement_view(data(status__eu="compliant", status__nl="A", known_problems=[],
                               manual_audits=MANUAL), RECORD, "en", TODAY)
    assert "fully complies" in view["status"]["sentence"]
    assert view["checks"]["manual"][0]["url"] == "https://example.org/rapport.pdf"
    assert "1 October 2026" in view["checks"]["manual"][0]["text"]


def test_compliant_is_refused_when_automation_found_problems():
    failing = {**RECORD, "passed": False}
    with pytest.raises(StatementError, match="contradicted by the latest automated audit"):
        statement_view(data(status__eu="compliant", status__nl="A", known_problems=[],
                            manual_audits=MANUAL), failing, "en", TODAY)


def test_status_c_needs_an_audit_planned_within_six_months():
    with pytest.raises(StatementError, match="planned full audit"):
        statement_view(data(status__planned_audit=None), RECORD, "nl", TODAY)
    with pytest.raises(StatementError, match="within six months"):
        statement_view(data(status__planned_audit=date(2027, 12, 1)), RECORD, "nl", TODAY)


def test_old_statement_and_old_manual_report_give_warnings():
    view = statement_view(data(statement__date=date(2025, 6, 1), status__nl="D",
                               manual_audits=[{**MANUAL[0], "date": date(2023, 1, 10)}]),
                          RECORD, "nl", TODAY)
    warnings = " | ".join(view["warnings"])
    assert "more than a year ago" in warnings
    assert "more than three years old" in warnings


def test_recent_review_keeps_an_old_statement_current():
    view = statement_view(data(statement__date=date(2025, 6, 1),
                               statement__reviewed=date(2026, 9, 1), status__nl="D"),
                          RECORD, "en", TODAY)
    assert not any("year ago" in w for w in view["warnings"])


def test_missing_translation_and_bad_values_are_all_reported():
    broken = data(organisation={"nl": "Museum Voorbeeld"}, contact__email="nobody",
                  status__eu="mostly-fine")
    with pytest.raises(StatementError) as caught:
        statement_view(broken, RECORD, "nl", TODAY)
    assert set(paths(caught.value)) == {"organisation.en", "contact.email", "status.eu"}


def test_no_record_is_a_warning_and_is_said_on_the_page():
    view = statement_view(data(), None, "en", TODAY)
    assert any("podium audit --record" in w for w in view["warnings"])
    assert view["automated"]["recorded"] is False
    assert len(view["limits"]["rows"]) > 40  # falls back to the full list


def write_data(tmp_path: Path, content: dict, record: dict | None = None) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "accessibility.yml").write_text(yaml.safe_dump(content, allow_unicode=True),
                                              encoding="utf-8")
    if record:
        (folder / "accessibility-audit.json").write_text(json.dumps(record), encoding="utf-8")
    return folder


def test_rendered_fragment_is_safe_markdown_html(tmp_path):
    folder = write_data(tmp_path, data(organisation={"nl": "<script>alert(1)</script>",
                                                     "en": "Museum & Co"}), RECORD)
    html = render_statement("nl", folder, None, TODAY)
    assert html.startswith('<div class="podium-statement"') and html.rstrip().endswith("</div>")
    assert html.count('<div class="podium-statement"') == 1
    assert html.count('<div class="podium-table" role="region" tabindex="0"') == html.count("<table")
    assert all(line and not line[0].isspace() for line in html.splitlines())
    assert "<script>" not in html and "&lt;script&gt;" in html
    headings = re.findall(r"<h(\d)", html)
    assert headings[0] == "2" and set(headings) <= {"2", "3"}
    assert html.count("<table") == html.count("<caption>") == 3
    assert '<th scope="col">' in html and '<th scope="row">' in html
    english = render_statement("en", folder, None, TODAY)
    assert "Museum &amp; Co" in english and "How accessible is this website?" in english


def test_render_reports_file_and_line(tmp_path):
    folder = write_data(tmp_path, data(status__eu="compliant", status__nl="A", known_problems=[]),
                        RECORD)
    with pytest.raises(StatementError) as caught:
        render_statement("en", folder, None, TODAY)
    first = caught.value.lines[0]
    assert re.match(r"data/accessibility\.yml:\d+:\d+: status\.eu: ", first)


def test_newest_passing_record_is_used(tmp_path):
    folder = write_data(tmp_path, data(), RECORD)
    site = tmp_path / "site"
    site.mkdir()
    newer = {**RECORD, "date": "2026-11-21T09:00:00+00:00",
             "tools": {"axe-core": "4.15.0", "chromium": "157"}}
    (site / "accessibility-audit.json").write_text(json.dumps(newer), encoding="utf-8")
    assert "axe-core 4.15.0" in render_statement("en", folder, site, TODAY)
    (site / "accessibility-audit.json").write_text(json.dumps({**newer, "passed": False}))
    assert "axe-core 4.14.1" in render_statement("en", folder, site, TODAY)


def test_the_projects_statement_data_is_valid():
    for lang in ("nl", "en"):
        html = render_statement(lang, REPO / "data", None, TODAY)
        assert html.startswith('<div class="podium-statement"')
