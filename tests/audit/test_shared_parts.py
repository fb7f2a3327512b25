"""The keyboard walk is not repeated through a part of the page whose form was walked before
(the header and navigation every page shares), and that memory never lets a fault pass: a focus
fault planted in the shared part of one page only, or in the main part of one page, after other
pages passed, is reported on that page with that page's own element."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.audit.focus import FocusMemory, check_focus_visible
from macros.audit.runner import audit_site
from macros.audit.server import serve_directory
from macros.audit.settings import DEFAULT_VIEWS

from .conftest import TODAY

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ background: #ffffff; color: #1a1a1a; font: 18px/1.5 sans-serif; }}
a {{ color: #1a1a1a; display: inline-block; margin: 12px; padding: 12px; }}
a:focus {{ outline: 3px solid #1a1a1a; }}
.plain:focus, .plain:focus-visible {{ outline: none; }}
{style}
</style></head>
<body><a class="skip" href="#main">Skip to the content</a>
<header><span class="topic" title="{title}">{title}</span>
<nav aria-label="Site"><a href="/">Start</a> <a href="/about/">About</a>
<a href="/members/">Members</a> <a href="/goals/">Goals</a>
<a class="language" href="/nl{path}" lang="nl">Nederlands</a></nav></header>
<main id="main"><h1>{title}</h1>{body}</main>
<footer><a href="/privacy/">Privacy</a></footer></body></html>
"""

# Enough links in the main part that the walk's ten stops end there.
BODY = "<p>" + " ".join(f'<a href="/item-{n}/">Item {n}</a>' for n in range(8)) + "</p>"
# The focus ring taken away from one element of one page only (every page has the style).
NO_RING = 'class="plain"'


def write(site: Path, path: str, title: str, *, body: str = BODY, style: str = "",
          about: str = "") -> None:
    html = PAGE.format(title=title, path=path, body=body, style=style)
    if about:
        html = html.replace('<a href="/about/">', f'<a href="/about/" {about}>')
    target = site / path.strip("/") / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")


def focus_faults(result, page: str) -> list[str]:
    """The snippets of the elements the focus check names on ``page``, in every view."""
    return [f.snippet for v in result.for_page(page) for f in v.findings
            if f.rule == "podium-focus-visible"]


def walk(browser, base: str, path: str, memory: FocusMemory):
    browser.open(base + path)
    browser.settle()
    return check_focus_visible(browser, memory=memory)


@pytest.fixture
def site(tmp_path) -> Path:
    site = tmp_path / "site"
    for name in ("a", "b", "c"):
        write(site, f"/{name}-goal/", f"Goal {name.upper()} of the museum")
    return site


def test_a_walked_form_is_not_walked_again_on_a_page_that_shares_it(browser, site):
    memory = FocusMemory()
    with serve_directory(site) as base:
        browser.allow_only(base)
        browser.set_view(DEFAULT_VIEWS[0])
        assert walk(browser, base, "/a-goal/", memory) == []
        assert walk(browser, base, "/b-goal/", memory) == []
        assert walk(browser, base, "/c-goal/", memory) == []
    assert (memory.walked, memory.reused) == (1, 2)


def test_a_fault_in_the_shared_part_of_one_page_is_reported_after_others_passed(browser, site):
    write(site, "/d-goal/", "Goal D of the museum", about=NO_RING)
    memory = FocusMemory()
    with serve_directory(site) as base:
        browser.allow_only(base)
        browser.set_view(DEFAULT_VIEWS[0])
        for name in "abc":
            assert walk(browser, base, f"/{name}-goal/", memory) == []
        found = walk(browser, base, "/d-goal/", memory)
        assert [f.snippet for f in found] == [f'<a href="/about/" {NO_RING}>About</a>']
        # A page sharing the faulty form reports its own element too, without a walk.
        write(site, "/e-goal/", "Goal E, another title", about=NO_RING)
        again = walk(browser, base, "/e-goal/", memory)
    assert [f.selector for f in again] == [f.selector for f in found]
    assert (memory.walked, memory.reused) == (2, 3)


def test_a_fault_in_the_main_part_of_one_page_is_reported(browser, site):
    body = BODY.replace('<a href="/item-1/">', f'<a href="/item-1/" {NO_RING}>')
    write(site, "/d-goal/", "Goal D of the museum", body=body)
    options = dict(browser=browser, reviewed_file=None, write_report=False, today=TODAY,
                   languages=())
    after_others = audit_site(site, **options)
    alone = audit_site(site, pages=["/d-goal/"], **options)
    assert f'<a href="/item-1/" {NO_RING}>Item 1</a>' in focus_faults(after_others, "/d-goal/")
    assert focus_faults(after_others, "/d-goal/") == focus_faults(alone, "/d-goal/")
    for name in "abc":
        assert focus_faults(after_others, f"/{name}-goal/") == []


def test_the_whole_audit_reports_a_fault_planted_in_one_header_after_the_cache_saw_it_pass(
        browser, site, tmp_path):
    cache = tmp_path / "audit.json"
    write(site, "/d-goal/", "Goal D of the museum")
    options = dict(browser=browser, reviewed_file=None, write_report=False, today=TODAY,
                   languages=(), cache_file=cache)
    first = audit_site(site, **options)
    assert not any(focus_faults(first, page) for page in first.record["pages"])
    write(site, "/d-goal/", "Goal D of the museum", about=NO_RING)
    second = audit_site(site, **options)
    assert second.record["cache"]["audited_page_views"] == 4
    faults = focus_faults(second, "/d-goal/")
    assert f'<a href="/about/" {NO_RING}>About</a>' in faults
    assert not second.passed
    # In one run without a cache the clean pages are walked first (pages go in order).
    third = audit_site(site, **{**options, "cache_file": None})
    assert focus_faults(third, "/d-goal/") == faults
    assert not any(focus_faults(third, f"/{name}-goal/") for name in "abc")


def test_a_style_that_reads_link_targets_keeps_them_in_the_form(browser, site):
    style = 'a[href="/about/"]:focus { outline: none; }'
    for name in "ab":
        write(site, f"/{name}-goal/", f"Goal {name.upper()}", style=style)
    # Same elements, but About leads elsewhere: the style takes the ring from About only.
    write(site, "/c-goal/", "Goal C", style=style)
    page = site / "a-goal" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        '<a href="/about/">', '<a href="/about-us/">'), encoding="utf-8")
    memory = FocusMemory()
    with serve_directory(site) as base:
        browser.allow_only(base)
        browser.set_view(DEFAULT_VIEWS[0])
        assert walk(browser, base, "/a-goal/", memory) == []
        assert [f.snippet for f in walk(browser, base, "/b-goal/", memory)] == [
            '<a href="/about/">About</a>']
    assert memory.reused == 0


def test_a_positive_tabindex_anywhere_means_the_page_is_walked(browser, site):
    body = BODY.replace('<a href="/item-7/">', '<a href="/item-7/" tabindex="1">')
    for name in "ab":
        write(site, f"/{name}-goal/", f"Goal {name.upper()}", body=body)
    memory = FocusMemory()
    with serve_directory(site) as base:
        browser.allow_only(base)
        browser.set_view(DEFAULT_VIEWS[0])
        walk(browser, base, "/a-goal/", memory)
        walk(browser, base, "/b-goal/", memory)
    assert (memory.walked, memory.reused) == (2, 0)


def test_a_page_whose_form_cannot_be_read_is_walked(browser, site):
    unreadable = ("<script>Object.defineProperty(document, 'styleSheets', "
                  "{get() { throw new Error('not today'); }});</script>")
    for name in "ab":
        write(site, f"/{name}-goal/", f"Goal {name.upper()}", about=NO_RING,
              body=BODY + unreadable)
    memory = FocusMemory()
    with serve_directory(site) as base:
        browser.allow_only(base)
        browser.set_view(DEFAULT_VIEWS[0])
        for name in "ab":
            found = walk(browser, base, f"/{name}-goal/", memory)
            assert [f.snippet for f in found] == [f'<a href="/about/" {NO_RING}>About</a>']
    assert (memory.walked, memory.reused) == (2, 0)
