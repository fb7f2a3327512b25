"""The real example site passes the audit in every view; a planted fault in a copy fails it;
the statement page then shows the audit's record.

With PODIUM_AUDIT_CACHE set (the workflow sets it to the cache its own audit step just filled),
the example audit reuses the results of unchanged pages, so CI audits the site only once."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from macros.audit.runner import audit_site
from macros.site.build import build_site

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def example_audit(browser, tmp_path_factory, example_copier):
    project = example_copier(tmp_path_factory.mktemp("audit-example") / "project")
    site = build_site(project)
    result = audit_site(site, browser=browser, reviewed_file=project / "data" / "accessibility-reviewed.yml",
                        record_file=project / "data" / "accessibility-audit.json",
                        cache_file=os.environ.get("PODIUM_AUDIT_CACHE") or None)
    return project, site, result


def test_the_example_site_passes_in_every_view(example_audit):
    _, site, result = example_audit
    assert [f for f in result.findings() if f.fails] == []
    assert result.passed and result.exit_code == 0
    pages = {view.page for view in result.views}
    assert {"/nl/", "/en/", "/nl/progress/", "/en/work-with-us/", "/"} <= pages
    assert {view.view for view in result.views} == {"light-1280", "dark-1280", "light-320", "dark-320"}
    assert len(result.views) == 4 * sum(1 for _ in site.rglob("*.html"))


def test_the_statement_shows_the_recorded_audit(example_audit):
    project, _, result = example_audit
    assert (project / "data" / "accessibility-audit.json").is_file()
    rebuilt = build_site(project)
    for lang, words in (("nl", "axe-core 4."), ("en", "axe-core 4.")):
        html = (rebuilt / lang / "accessibility" / "index.html").read_text(encoding="utf-8")
        assert words in html
        assert str(len(result.views)) in html


def test_a_planted_fault_in_a_copy_of_the_example_fails(browser, example_copy):
    page = example_copy / "content" / "en" / "links.md"
    page.write_text(page.read_text(encoding="utf-8") +
                    '\n<p><img src="../assets/images/favicon.png"> <a href="../">click here</a></p>\n',
                    encoding="utf-8")
    site = build_site(example_copy)
    result = audit_site(site, browser=browser, pages=["/en/links/"],
                        reviewed_file=example_copy / "data" / "accessibility-reviewed.yml")
    rules = {finding.rule for finding in result.findings()}
    assert not result.passed and result.exit_code == 1
    assert "image-alt" in rules and "podium-link-text-ambiguous" in rules
