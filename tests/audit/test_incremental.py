"""The audit cache: an unchanged site is audited again without a browser, a change re-audits only
what it touches, and no stale or damaged cache can make a failing page pass."""

from __future__ import annotations

import json
import shutil

import pytest

from macros.audit import runner
from macros.audit.cache import SiteFiles
from macros.audit.runner import audit_site

from .conftest import SITE, TODAY

CLEAN = ["/nl/", "/en/"]


def copy_small_site(site):
    """A copy of the fixture site with two clean pages and one with an ambiguous link text."""
    shutil.copytree(SITE, site)
    keep = {"index.html", "404.html", "nl/index.html", "en/index.html", "nl/klik-hier/index.html"}
    for page in site.rglob("*.html"):
        if page.relative_to(site).as_posix() not in keep:
            page.unlink()
    return site


@pytest.fixture
def small_site(tmp_path):
    return copy_small_site(tmp_path / "site")


def audit(site, cache, **options):
    return audit_site(site, reviewed_file=None, write_report=False, cache_file=cache,
                      today=TODAY, **options)


def no_browser(monkeypatch):
    """Make any attempt to start a browser fail the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("a browser was started although every result was cached")
    monkeypatch.setattr(runner.Browser, "start", refuse)


def failing(result, page):
    return {f.rule for f in result.findings(page) if f.fails}


def test_an_unchanged_site_is_audited_again_without_a_browser(browser, small_site, tmp_path,
                                                              monkeypatch):
    cache = tmp_path / "cache.json"
    first = audit(small_site, cache, browser=browser)
    assert not first.passed and not any(v.reused for v in first.views)
    no_browser(monkeypatch)
    again = audit(small_site, cache)
    assert all(v.reused for v in again.views)
    assert again.record["cache"]["reused_page_views"] == len(first.views) == 20
    assert again.record["cache"]["audited_page_views"] == 0
    assert all(r["reused"] for r in again.record["results"])
    # The same verdict, the same findings, the same tools in the record.
    assert failing(again, "/nl/klik-hier/") == failing(first, "/nl/klik-hier/") == \
        {"podium-link-text-ambiguous"}
    assert again.record["totals"]["violations"] == first.record["totals"]["violations"]
    assert again.record["tools"]["axe-core"] == first.record["tools"]["axe-core"]


def test_a_fault_planted_on_a_page_the_cache_saw_pass_fails(browser, small_site, tmp_path):
    cache = tmp_path / "cache.json"
    assert audit(small_site, cache, browser=browser, pages=CLEAN).passed
    page = small_site / "nl" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</main>", '<p><img src="/img/logo.svg"></p></main>'), encoding="utf-8")
    again = audit(small_site, cache, browser=browser, pages=CLEAN)
    assert not again.passed
    assert {"image-alt", "podium-img-alt"} <= failing(again, "/nl/")
    assert [v.reused for v in again.for_page("/nl/")] == [False] * 4
    assert [v.reused for v in again.for_page("/en/")] == [True] * 4


def test_a_fault_in_a_style_sheet_re_audits_every_page_that_loads_it(browser, small_site,
                                                                    tmp_path):
    cache = tmp_path / "cache.json"
    assert audit(small_site, cache, browser=browser, pages=CLEAN).passed
    with (small_site / "style.css").open("a", encoding="utf-8") as sheet:
        sheet.write("\nmain p { color: #bbbbbb !important; background: #ffffff; }\n")
    again = audit(small_site, cache, browser=browser, pages=CLEAN)
    assert not again.passed and not any(v.reused for v in again.views)
    assert "color-contrast" in failing(again, "/nl/") and "color-contrast" in failing(again, "/en/")


def test_a_file_the_page_fetches_is_checked_again_even_when_the_result_is_reused(
        browser, small_site, tmp_path, monkeypatch):
    cache = tmp_path / "cache.json"
    assert audit(small_site, cache, browser=browser, pages=["/en/"]).passed
    (small_site / "sitemap.xml").unlink()  # /en/ prefetches it from the published address
    no_browser(monkeypatch)
    again = audit(small_site, cache, pages=["/en/"])
    assert all(v.reused for v in again.views)
    assert failing(again, "/en/") == {"podium-missing-file"}


def test_a_damaged_cache_file_is_ignored_with_a_warning(browser, small_site, tmp_path):
    cache = tmp_path / "cache.json"
    audit(small_site, cache, browser=browser, pages=["/nl/klik-hier/"])
    cache.write_text(cache.read_text(encoding="utf-8")[:200], encoding="utf-8")
    again = audit(small_site, cache, browser=browser, pages=["/nl/klik-hier/"])
    assert "could not be read" in again.cache_problem
    assert not any(v.reused for v in again.views)
    assert failing(again, "/nl/klik-hier/") == {"podium-link-text-ambiguous"}


def test_an_entry_edited_to_pass_is_not_believed(browser, small_site, tmp_path):
    cache = tmp_path / "cache.json"
    audit(small_site, cache, browser=browser, pages=["/nl/klik-hier/"])
    data = json.loads(cache.read_text(encoding="utf-8"))
    for entry in data["entries"].values():
        entry["result"]["violations"] = []
        entry["result"]["passed"] = True
    cache.write_text(json.dumps(data), encoding="utf-8")
    again = audit(small_site, cache, browser=browser, pages=["/nl/klik-hier/"])
    # Only the first view runs the link checks, so only its entry had anything to remove.
    assert again.record["cache"]["damaged_entries_ignored"] == 1
    assert "damaged entries ignored" in again.cache_problem
    assert not again.passed
    assert failing(again, "/nl/klik-hier/") == {"podium-link-text-ambiguous"}


def test_two_browsers_find_what_one_finds(browser, small_site, tmp_path):
    one = audit(small_site, None, browser=browser)
    two = audit(small_site, None, workers=2)
    assert [(v.page, v.view) for v in two.views] == [(v.page, v.view) for v in one.views]
    for page in {v.page for v in one.views}:
        assert failing(two, page) == failing(one, page), page


def test_the_fingerprint_follows_what_the_page_loads_through_its_style_sheets(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "a.css").write_text("@import 'b.css';", encoding="utf-8")
    (tmp_path / "css" / "b.css").write_text("@font-face { src: url(../f.woff2) }", encoding="utf-8")
    (tmp_path / "f.woff2").write_bytes(b"font")
    (tmp_path / "p.html").write_text(
        '<link rel="stylesheet" href="css/a.css"><img srcset="i.png 1x, j.png 2x" alt="">'
        '<a href="elsewhere.html">a link loads nothing</a>', encoding="utf-8")
    before = dict(SiteFiles(tmp_path).page_inputs("p.html"))
    assert set(before) == {"p.html", "css/a.css", "css/b.css", "f.woff2", "i.png", "j.png"}
    assert before["i.png"] == "missing"
    (tmp_path / "f.woff2").write_bytes(b"another font")
    after = dict(SiteFiles(tmp_path).page_inputs("p.html"))
    assert after["f.woff2"] != before["f.woff2"] and after["p.html"] == before["p.html"]


def test_a_new_feed_entry_changes_the_fingerprint_of_no_page_that_only_names_the_feed(tmp_path):
    (tmp_path / "feed.xml").write_text("<feed></feed>", encoding="utf-8")
    (tmp_path / "site.css").write_text("body { color: #111 }", encoding="utf-8")
    (tmp_path / "p.html").write_text(
        '<link rel="alternate" type="application/atom+xml" href="feed.xml" title="News">'
        '<link rel="canonical" href="https://example.org/p.html">'
        '<link rel="alternate stylesheet" href="site.css">', encoding="utf-8")
    before = dict(SiteFiles(tmp_path).page_inputs("p.html"))
    assert set(before) == {"p.html", "site.css"}
    (tmp_path / "feed.xml").write_text("<feed><entry/></feed>", encoding="utf-8")
    assert dict(SiteFiles(tmp_path).page_inputs("p.html")) == before
