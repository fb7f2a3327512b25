"""The three output formats: text for people, JSON for tools, GitHub workflow commands."""

from __future__ import annotations

import json
import re

import pytest

from language_helpers import source_span
from macros.language import Report, check_paths, format_report
from macros.language.findings import Finding
from macros.language.report import escape_data, escape_property

PAGE = (
    "# Over ons\n"
    "\n"
    "De neger op het schilderij. Welkom dames\n"
    "en heren. Indien u wilt, kunt u blijven.\n"
)


@pytest.fixture
def report(project) -> Report:
    (project / "content" / "nl" / "index.md").write_text(PAGE, encoding="utf-8")
    return check_paths([project / "content"], project)


def test_text_lines_read_like_a_compiler(report: Report) -> None:
    lines = format_report(report, "text").splitlines()
    assert lines[0] == (
        "content/nl/index.md:3:4: error: “neger” may exclude or hurt some readers. "
        + report.findings[0].message.split("readers. ", 1)[1]
        + " [nl-neger] → zwarte mensen, zwart persoon, persoon van Afrikaanse afkomst"
    )
    pattern = re.compile(r"^content/nl/index\.md:\d+:\d+: (error|warning|suggestion): .+ \[[a-z0-9-]+\]( → .+)?$")
    assert all(pattern.match(line) for line in lines[:-1])
    assert lines[-1] == "podium check: 1 error, 1 warning, 1 suggestion in 1 file."


def test_an_empty_report_says_so() -> None:
    assert format_report(Report(findings=[], files=3), "text") == "podium check: no findings in 3 files.\n"


def test_json_has_exactly_the_documented_fields(report: Report) -> None:
    payload = json.loads(format_report(report, "json"))
    assert set(payload) == {"findings", "summary"}
    assert payload["summary"] == {"files": 1, "findings": 3, "error": 1, "warning": 1, "suggestion": 1}
    fields = {"path", "line", "column", "end_line", "end_column", "match", "rule", "category", "severity", "message", "suggestions"}
    for item in payload["findings"]:
        assert set(item) == fields
        assert all(isinstance(item[key], int) and item[key] >= 1 for key in ("line", "column", "end_line", "end_column"))
        assert isinstance(item["suggestions"], list)
    first, second, third = payload["findings"]
    assert (first["rule"], first["line"], first["column"], first["end_column"], first["match"]) == ("nl-neger", 3, 4, 9, "neger")
    assert (second["rule"], second["end_line"], second["match"]) == ("nl-dames-en-heren", 4, "dames\nen heren")
    assert third["rule"] == "nl-indien" and third["severity"] == "suggestion"


def test_json_match_is_the_exact_source_text(report: Report) -> None:
    for finding in report.findings:
        assert source_span(PAGE, finding) == finding.match


def test_json_keeps_non_ascii_readable(report: Report) -> None:
    assert "“neger”" in format_report(report, "json")


def test_github_workflow_commands(report: Report) -> None:
    lines = format_report(report, "github").splitlines()
    assert lines[0].startswith(
        "::error file=content/nl/index.md,line=3,col=4,endLine=3,endColumn=9,title=nl-neger (ethnicity-colonial)::“neger” may"
    )
    assert lines[0].endswith("Suggestions: zwarte mensen, zwart persoon, persoon van Afrikaanse afkomst.")
    assert lines[1].startswith("::warning file=content/nl/index.md,line=3,col=36,endLine=4,endColumn=9,")
    assert lines[2].startswith("::notice file=content/nl/index.md,line=4,col=11,")
    command = re.compile(r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:,]+::[^\r\n]+$")
    assert all(command.match(line) for line in lines[:-1])


def test_github_escaping() -> None:
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    finding = Finding("dir,x/a:b.md", 1, 1, 1, 4, "abc", "nl-x", "gender", "warning", "50% of\nthis", ("a, b",))
    line = format_report(Report([finding], 1), "github").splitlines()[0]
    assert line == "::warning file=dir%2Cx/a%3Ab.md,line=1,col=1,endLine=1,endColumn=4,title=nl-x (gender)::50%25 of%0Athis Suggestions: a, b."


def test_an_unknown_format_is_refused(report: Report) -> None:
    with pytest.raises(ValueError):
        format_report(report, "xml")


def test_report_exceeds() -> None:
    warning = Finding("a.md", 1, 1, 1, 2, "x", "r", "c", "warning", "m")
    report = Report([warning], 1)
    assert report.exceeds("warning") and report.exceeds("suggestion")
    assert not report.exceeds("error") and not report.exceeds("never")
    with pytest.raises(ValueError):
        report.exceeds("sometimes")
