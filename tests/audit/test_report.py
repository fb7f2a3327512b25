"""The JSON record and its text and GitHub readings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import selenium

from macros.audit.browser import HEADLESS_SHELL_NAMES
from macros.audit.report import format_github, format_text

from .conftest import SITE

AXE_PACKAGE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "package.json"


def test_record_is_saved_and_returned(site_audit):
    saved = json.loads(site_audit.report_file.read_text(encoding="utf-8"))
    assert saved == site_audit.record


def test_record_names_the_tool_versions(site_audit):
    tools = site_audit.record["tools"]
    assert tools["axe-core"] == json.loads(AXE_PACKAGE.read_text())["version"]
    assert tools["selenium"] == selenium.__version__
    assert tools["podium"] and tools["podium"] != "unknown"
    assert tools["chromium"][:3].isdigit() or tools["chromium"][:2].isdigit()
    assert tools["chromedriver"].split(".")[0] == tools["chromium"].split(".")[0]
    shell_installed = any(shutil.which(name) for name in HEADLESS_SHELL_NAMES)
    assert tools["chromium-build"] == ("headless shell" if shell_installed else "full browser")


def test_record_lists_pages_views_results_and_totals(site_audit):
    record = site_audit.record
    assert record["schema"] == "podium-accessibility-audit/1"
    assert record["date"].endswith("+00:00")
    assert len(record["pages"]) == len(list(SITE.rglob("*.html")))
    assert [v["id"] for v in record["views"]] == ["light-1280", "dark-1280", "light-320", "dark-320"]
    assert len(record["results"]) == 4 * len(record["pages"])
    totals = record["totals"]
    assert totals["page_views"] == len(record["results"])
    assert totals["violations"] == sum(len(r["violations"]) for r in record["results"])
    gradient = 4  # the gradient page, in each view
    wide_table = sum(1 for r in record["results"] if r["page"] == "/en/wide-table/"
                     for item in r["needs_review"])
    assert wide_table and totals["needs_review_unacknowledged"] == gradient + wide_table
    assert totals["third_party_urls"] == 1
    assert record["passed"] is False


def test_record_says_which_rules_ran_where(site_audit):
    strategy = site_audit.record["strategy"]
    assert strategy["tags"] == ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
    assert strategy["axe_rules_in_other_views"] == [
        "color-contrast", "link-in-text-block", "target-size", "scrollable-region-focusable"]
    assert "reflow" in strategy["podium_checks_in_narrow_views"]
    assert "focus" in strategy["podium_checks_in_first_view_of_each_width"]


def test_each_violation_has_page_view_rule_impact_element_and_help(site_audit):
    for result in site_audit.record["results"]:
        assert result["page"] and result["view"]
        for item in result["violations"]:
            assert item["rule"] and item["impact"] and item["help_url"].startswith("https://")
            assert item["selector"]


def test_record_lists_what_automation_cannot_check(site_audit):
    listed = {c["sc"] for c in site_audit.record["not_covered_by_automation"]}
    assert {"1.2.2", "2.1.2", "2.4.3", "3.3.1"} <= listed
    assert "3.1.1" not in listed


def test_text_output_reads_like_a_compiler(site_audit):
    text = format_text(site_audit.record, "site")
    assert ("site/nl/laag-contrast/index.html: error: color-contrast (serious, axe) in "
            "light-1280, dark-1280, light-320, dark-320: ") in text
    assert "needs review, not acknowledged" in text
    assert text.rstrip().splitlines()[-1].startswith("accessibility audit FAILED")
    tools = site_audit.record["tools"]
    assert text.rstrip().endswith(f"Chromium {tools['chromium']} ({tools['chromium-build']})")


def test_github_output_is_workflow_commands(site_audit):
    lines = format_github(site_audit.record, "site").splitlines()
    assert lines and all(line.startswith(("::error ", "::notice ")) for line in lines)
    assert any(line.startswith("::error title=Accessibility%3A podium-reflow") for line in lines)
    assert all("\n" not in line for line in lines)
