"""The axe configuration is checked against the loaded axe: a misspelt tag is refused."""

from __future__ import annotations

import pytest

from macros.audit.axe import axe_options, unknown_names
from macros.audit.errors import AxeConfigError
from macros.audit.runner import audit_site
from macros.audit.settings import DEFAULT_VIEWS, TAGS

from .conftest import SITE

KNOWN = [{"id": "color-contrast", "tags": ["wcag2aa", "wcag143"]},
         {"id": "image-alt", "tags": ["wcag2a", "best-practice"]}]


def test_unknown_tag_and_rule_are_named():
    problems = unknown_names(KNOWN, ("wcag2a", "wcag2aaa"), ("color-contrast", "colour-contrast"))
    assert len(problems) == 2
    assert "'wcag2aaa'" in problems[0] and "'colour-contrast'" in problems[1]
    assert unknown_names(KNOWN, ("wcag2a", "wcag2aa"), ("image-alt",)) == []


def test_options_are_tags_or_rules():
    assert axe_options(TAGS)["runOnly"] == {"type": "tag", "values": list(TAGS)}
    assert axe_options(TAGS, ("color-contrast",))["runOnly"] == {
        "type": "rule", "values": ["color-contrast"]}
    assert axe_options(TAGS)["resultTypes"] == ["violations", "incomplete"]


def test_misspelt_tag_is_refused_by_the_loaded_axe(browser, tmp_path):
    with pytest.raises(AxeConfigError, match="wcag22aaa"):
        audit_site(SITE, pages=["/nl/"], tags=(*TAGS, "wcag22aaa"), browser=browser,
                   reviewed_file=None, write_report=False)


def test_all_default_tags_exist_in_the_loaded_axe(browser):
    result = audit_site(SITE, pages=["/nl/"], browser=browser, reviewed_file=None,
                        write_report=False)
    assert result.passed
    assert "every rule with these tags" in result.record["strategy"]["axe_rules_in_first_view"]


def test_injection_through_axe_selenium_python_works_too(browser):
    result = audit_site(SITE, pages=["/nl/laag-contrast/"], browser=browser, reviewed_file=None,
                        write_report=False, preload_axe=False)
    assert {f.rule for f in result.findings() if f.fails} == {"color-contrast"}
    assert "inject() per page" in result.record["strategy"]["axe_loading"]


def test_an_axe_error_is_reported_not_waited_for(browser, tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>Breaks axe</title><link rel="icon" href="data:,"></head><body><main>'
        "<h1>Breaks axe</h1><script>axe.run = () => Promise.reject(new Error('broken on purpose'));"
        "</script></main></body></html>", encoding="utf-8")
    result = audit_site(tmp_path, browser=browser, reviewed_file=None, write_report=False,
                        views=DEFAULT_VIEWS[:1])
    [view] = result.views
    assert view.axe_error == "broken on purpose"
    assert [f.rule for f in view.findings if f.fails] == ["axe-error"]
    assert not result.passed
