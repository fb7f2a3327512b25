"""The functions the rest of Podium calls: check_paths, check_text, format_report, strip_suppressions."""

from __future__ import annotations

from pathlib import Path

import pytest

import macros.language as language
from language_helpers import rule_ids
from macros.language import Report, check_paths, check_text


def test_the_package_exports_the_promised_names() -> None:
    for name in ("check_paths", "check_text", "format_report", "strip_suppressions", "Report", "Finding"):
        assert hasattr(language, name)


def test_check_text_counts_lines_from_the_given_line() -> None:
    findings = check_text("Welkom.\n\nDe slaven werkten hier.", "nl", path="data/x.yml", line=40)
    finding, = findings
    assert (finding.path, finding.line, finding.column, finding.rule) == ("data/x.yml", 42, 4, "nl-slaaf")


def test_check_text_skips_markup_but_checks_text() -> None:
    assert check_text('<a href="/slaven">De lijst</a> en `slaven`', "nl") == []
    assert rule_ids(check_text("<strong>Slaven</strong> werkten hier.", "nl")) == ["nl-slaaf"]


def test_check_text_refuses_other_languages() -> None:
    with pytest.raises(ValueError):
        check_text("Text.", "de")


def test_check_paths_returns_a_sorted_report(project: Path) -> None:
    (project / "content" / "nl" / "b.md").write_text("De slaven.\n", encoding="utf-8")
    (project / "content" / "nl" / "a.md").write_text("Tekst.\n\nDe bosnegers.\n", encoding="utf-8")
    report = check_paths([project / "content"], project)
    assert isinstance(report, Report)
    assert report.files == 2
    assert [(finding.path, finding.line) for finding in report.findings] == [("content/nl/a.md", 3), ("content/nl/b.md", 1)]
    assert report.exceeds("error")
    assert report.counts() == {"error": 1, "warning": 1, "suggestion": 0}


def test_check_paths_accepts_relative_paths_and_the_root_itself(project: Path) -> None:
    (project / "content" / "en" / "a.md").write_text("The slaves.\n", encoding="utf-8")
    assert check_paths([Path("content")], project).files == 1
    assert check_paths([], project).files == 1


def test_report_from_hides_milder_findings(own_rules: Path, check_file) -> None:
    settings = own_rules / "settings.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("report_from: suggestion", "report_from: warning"), encoding="utf-8")
    assert rule_ids(check_file("content/nl/a.md", "De slaven. Indien nodig.\n")) == ["nl-slaaf"]
