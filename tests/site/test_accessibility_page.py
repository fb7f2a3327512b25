"""The accessibility statement page: what people claim next to the latest automated audit, in the
page's language, with the site's renderer, words, dates and table frame."""
from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

import yaml

from macros.base.languages import read_languages
from macros.model.accessibility import AuditRecord, Statement
from macros.model.dataset import load_dataset
from macros.site.accessibility import accessibility_statement, statement_html
from macros.site.i18n import PageContext

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 21)
LANGUAGES = read_languages(REPO)
EXAMPLE = yaml.safe_load((REPO / "data" / "accessibility.yml").read_text(encoding="utf-8"))
# A small audit record: the parts of it the statement shows.
RECORD = json.loads((REPO / "tests" / "fixtures" / "accessibility-audit.json").read_text(encoding="utf-8"))
MANUAL = [{"url": "https://example.org/rapport.pdf", "date": "2026-10-01",
           "by": {"nl": "Bureau Toegang", "en": "Bureau Toegang"}}]


def page(lang: str, record: dict | None = RECORD, **changes) -> str:
    """The statement fragment for the example data with top-level `changes` and sub-fields as `status={...}`."""
    content = copy.deepcopy(EXAMPLE)
    for key, value in changes.items():
        content[key] = {**content[key], **value} if isinstance(value, dict) and key in content else value
    audit = AuditRecord.model_validate(record) if record is not None else None
    statement = Statement.model_validate(content, context={"languages": LANGUAGES, "today": TODAY,
                                                           "audit_record": audit})
    return statement_html(statement, audit, PageContext(LANGUAGES.get(lang)))


def rows(html: str, table_class: str) -> list[list[str]]:
    table = re.search(rf'<table class="podium-data {table_class}">(.*?)</table>', html, re.S).group(1)
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]


def test_a_partial_claim_is_shown_with_the_automated_record():
    html = page("nl")
    assert "Deze website voldoet gedeeltelijk aan EN 301 549 (WCAG 2.1 niveau AA)." in html
    automated = dict(rows(html, "podium-statement__automated"))
    assert automated["Gereedschap"] == "axe-core 4.14.1, Chromium 156.0.8078.79"
    assert automated["Gecontroleerde pagina&#39;s"] == "2"
    assert automated["Weergaven per pagina"] == "licht, 1280 px, donker, 320 px"
    assert automated["Gevonden problemen"] == "0" and automated["Uitkomst"] == "geen problemen gevonden"
    assert automated["Datum"] == "20 november 2026"
    assert "op 1280 en 320 pixels breed" in html
    assert rows(html, "podium-statement__limits")[1:] == [["2.1.2", "Geen toetsenbordval", "A", "niet"]]


def test_known_problems_name_their_criterion_and_dates_follow_the_language():
    english = rows(page("en"), "podium-statement__problems")
    assert english[1][0] == "4.1.2 Name, role, value" and english[1][4] == "15 May 2027"
    dutch = rows(page("nl"), "podium-statement__problems")
    assert dutch[1][0] == "4.1.2 Naam, rol, waarde" and dutch[1][4] == "15 mei 2027"


def test_a_compliant_claim_with_a_manual_report_is_shown():
    html = page("en", status={"eu": "compliant", "nl": "A"}, known_problems=[], manual_audits=MANUAL)
    assert "This website fully complies with EN 301 549" in html
    assert '<a href="https://example.org/rapport.pdf">Audit report, 1 October 2026, by Bureau Toegang</a>' in html
    assert "We currently know of no parts that do not comply." in html


def test_without_a_record_the_page_says_so_and_lists_every_criterion():
    html = page("en", record=None)
    assert "No automated check has been recorded yet." in html
    assert "podium-statement__automated" not in html
    assert len(rows(html, "podium-statement__limits")) > 40  # the full list from Podium's own knowledge


def test_the_fragment_is_safe_markdown_html():
    html = page("nl", organisation={"nl": "<script>alert(1)</script>", "en": "Museum & Co"})
    assert html.startswith('<div class="podium-statement" lang="nl">') and html.rstrip().endswith("</div>")
    assert html.count('<div class="podium-statement"') == 1
    assert html.count('<div class="podium-table" role="region" tabindex="0"') == html.count("<table")
    assert all(line and not line[0].isspace() for line in html.splitlines())
    assert "<script>" not in html and "&lt;script&gt;" in html
    headings = re.findall(r"<h(\d)", html)
    assert headings[0] == "2" and set(headings) <= {"2", "3"}
    assert html.count("<table") == html.count("<caption>") == 3
    assert '<th scope="col">' in html and '<th scope="row">' in html
    english = page("en", organisation={"nl": "<script>alert(1)</script>", "en": "Museum & Co"})
    assert "Museum &amp; Co" in english and "How accessible is this website?" in english


def test_the_projects_statement_renders_in_every_language():
    ds = load_dataset(REPO, today=TODAY)
    for language in LANGUAGES:
        html = accessibility_statement(ds, PageContext(language))
        assert html.startswith(f'<div class="podium-statement" lang="{language.code}">')
        assert "axe-core 4." in html  # the committed audit record
