"""Each planted fault is caught on its own page, and the clean pages pass in every view."""

from __future__ import annotations

import shutil

import pytest

from macros.audit.browser import find_programs, is_headless_shell
from macros.audit.findings import NEEDS_REVIEW, VIOLATION
from macros.audit.runner import audit_site

from .conftest import SITE, TODAY

VIEWS = ["light-1280", "dark-1280", "light-320", "dark-320"]

# page -> the rules that must fail there, and nothing else
PLANTED = {
    "/nl/laag-contrast/": {"color-contrast"},
    "/en/wrong-lang/": {"podium-html-lang"},
    "/nl/anderstalig/": {"podium-passage-lang"},
    "/nl/twee-h1/": {"podium-one-h1"},
    "/nl/kop-overgeslagen/": {"podium-heading-order", "heading-order"},
    "/nl/klik-hier/": {"podium-link-text-ambiguous"},
    "/en/same-text/": {"podium-link-text-targets"},
    "/en/wide/": {"podium-reflow"},
    "/en/no-focus/": {"podium-focus-visible"},
    "/nl/zonder-alt/": {"podium-img-alt", "image-alt"},
    "/en/chart-no-table/": {"podium-chart-table"},
    "/en/third-party/": {"podium-third-party-request"},
    "/en/missing-file/": {"podium-missing-file"},
    "/en/needs-review/": {"color-contrast"},
    "/en/wide-table/": {"color-contrast"},  # needs review at 320 px: cells scrolled out of sight
}
CLEAN = ["/", "/404.html", "/nl/", "/en/"]


def failing_rules(result, page):
    return {f.rule for f in result.findings(page) if f.fails}


def test_every_html_file_is_audited_in_four_views(site_audit):
    files = sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html"))
    assert sorted({v.file for v in site_audit.views}) == files
    for page in {v.page for v in site_audit.views}:
        assert [v.view for v in site_audit.for_page(page)] == VIEWS


@pytest.mark.parametrize("page", CLEAN)
def test_clean_page_passes_in_all_four_views(site_audit, page):
    views = site_audit.for_page(page)
    assert len(views) == 4
    for view in views:
        assert view.axe_error is None
        assert [f"{f.rule}: {f.message}" for f in view.findings] == [], view.view


@pytest.mark.parametrize("page, rules", sorted(PLANTED.items()))
def test_planted_fault_is_caught_and_nothing_else(site_audit, page, rules):
    assert failing_rules(site_audit, page) == rules


def test_the_audit_as_a_whole_fails(site_audit):
    assert not site_audit.passed
    assert site_audit.exit_code == 1


def test_low_contrast_fails_in_every_view_with_details(site_audit):
    for view in site_audit.for_page("/nl/laag-contrast/"):
        [item] = [f for f in view.findings if f.rule == "color-contrast"]
        assert item.kind == VIOLATION and item.source == "axe"
        assert item.impact == "serious"
        assert item.selector and "lichtgrijs" in item.snippet
        assert item.help_url.startswith("https://dequeuniversity.com/rules/axe/4.")
        assert "1.4.3" in item.wcag


def test_reflow_only_fails_at_320_px(site_audit):
    failing = {v.view for v in site_audit.for_page("/en/wide/") if v.failed}
    assert failing == {"light-320", "dark-320"}
    [item] = [f for f in site_audit.for_page("/en/wide/")[2].findings if f.rule == "podium-reflow"]
    assert "img" in item.selector


def test_invisible_focus_names_the_element(site_audit):
    items = [f for f in site_audit.findings("/en/no-focus/") if f.rule == "podium-focus-visible"]
    assert items and all("no-focus" in f.selector for f in items)


def test_third_party_request_is_recorded_in_every_view(site_audit):
    for view in site_audit.for_page("/en/third-party/"):
        assert view.requests == ["https://example.org/x.png"]
        assert any(f.rule == "podium-third-party-request" for f in view.findings)


def test_no_other_page_requests_another_host(site_audit):
    others = [v for v in site_audit.views if v.page != "/en/third-party/"]
    assert all(v.requests == [] for v in others)


def test_requests_to_the_published_address_are_the_sites_own(site_audit):
    assert site_audit.record["strategy"]["site_published_at"] == ["https://podium.example.org"]


def test_needs_review_item_is_listed_and_fails_without_acknowledgement(site_audit):
    items = [f for f in site_audit.findings("/en/needs-review/") if f.rule == "color-contrast"]
    assert items and all(f.kind == NEEDS_REVIEW and f.review is None and f.fails for f in items)
    assert "gradient" in items[0].message


def test_wrong_lang_message_says_what_is_expected(site_audit):
    [item] = [f for f in site_audit.findings("/en/wrong-lang/") if f.rule == "podium-html-lang"]
    assert 'lang="nl"' in item.message and 'Expected lang="en"' in item.message


def test_first_view_runs_all_rules_and_the_others_only_view_dependent_ones(site_audit):
    for page in {v.page for v in site_audit.views}:
        rules = [v.axe_rules for v in site_audit.for_page(page)]
        assert rules == ["all", "view-dependent", "view-dependent", "view-dependent"]


def test_requests_the_build_cannot_answer_fail_even_on_the_published_address(site_audit):
    items = {f.message.split(",")[0] for f in site_audit.findings("/en/missing-file/")
             if f.rule == "podium-missing-file"}
    assert items == {"the page requests https://podium.example.org/img/gone.svg",
                     "the page requests /img/logo-wide.svg"}  # the second only in a srcset
    assert all(v.requests == [] for v in site_audit.for_page("/en/missing-file/"))


def test_requests_to_files_of_the_build_on_the_published_address_pass(site_audit):
    [first, *_] = site_audit.for_page("/en/")
    assert "https://podium.example.org/sitemap.xml" in first.requested
    assert not first.failed


def _full_browser() -> str | None:
    """The full Chromium next to the headless shell the audit prefers; None when the audit
    already runs in the full browser (no headless shell installed) or there is none."""
    if not is_headless_shell(find_programs()[0]):
        return None
    return shutil.which("chromium")


@pytest.mark.skipif(_full_browser() is None, reason="needs both chromium-headless-shell and chromium")
def test_the_headless_shell_finds_exactly_what_the_full_browser_finds(site_audit):
    full = audit_site(SITE, chromium=_full_browser(), reviewed_file=None, write_report=False,
                      today=TODAY, workers=1)
    assert site_audit.record["tools"]["chromium-build"] == "headless shell"
    assert full.record["tools"]["chromium-build"] == "full browser"

    def found(result):
        return sorted((v.page, v.view, f.kind, f.rule, f.selector, f.message)
                      for v in result.views for f in v.findings)

    assert found(full) == found(site_audit)
    assert full.record["totals"] == {**site_audit.record["totals"],
                                     "seconds": full.record["totals"]["seconds"],
                                     "seconds_per_page_view":
                                         full.record["totals"]["seconds_per_page_view"]}
