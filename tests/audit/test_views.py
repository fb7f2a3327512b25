"""Each view shows the page as a reader of that view sees it: a fault that shows only in the dark
colour scheme, or only on a narrow screen, is caught in those views and only there, a palette
that the page remembered from an earlier view never hides the view's own scheme, and a page
whose palette switch changes the scheme in place shows each scheme as truly as a fresh load."""

from __future__ import annotations

from pathlib import Path

from macros.audit.findings import VIOLATION
from macros.audit.runner import audit_site, focus_walk_views, scheme_groups
from macros.audit.settings import DEFAULT_VIEWS, View
from macros.audit.server import serve_directory
from macros.site.build import build_site

from .conftest import TODAY

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ background: #ffffff; color: #1a1a1a; font: 18px/1.5 sans-serif; }}
{style}
</style>{script}</head>
<body><main><h1>{title}</h1>{body}</main></body></html>
"""

# Text that reads well in light and is dark grey on near-black when the reader prefers dark.
DARK_ONLY = """
@media (prefers-color-scheme: dark) {
  body { background: #111111; color: #eeeeee; }
  .note { color: #333333; }
}"""

# Two links that are comfortable to tap on a wide screen and become 10 px squares side by side
# on a narrow one.
NARROW_ONLY = """
.pager a { display: inline-block; padding: 12px 16px; margin: 0 8px; color: #1a1a1a; }
@media (max-width: 400px) {
  .pager a { width: 10px; height: 10px; padding: 0; margin: 0; overflow: hidden; font-size: 8px; }
}"""
PAGER = ('<p class="note">Two ways on from here.</p><nav class="pager" aria-label="Pages">'
         '<a href="/one/">1</a><a href="/two/">2</a></nav>')

# The way Material picks its palette: a stored choice first, else the reader's preference,
# remembered for the next page (also while the page is being left, as pages that save their
# state do).
REMEMBERS_PALETTE = """<script>
var scheme = localStorage.getItem('palette') ||
  (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
localStorage.setItem('palette', scheme);
addEventListener('pagehide', function () { localStorage.setItem('palette', scheme); });
document.documentElement.setAttribute('data-scheme', scheme);
</script>"""
REMEMBERED_DARK_FAULT = "[data-scheme=dark] body { background: #111111; } [data-scheme=dark] .note { color: #333333; }"


# A block that is as wide as a phone screen allows only from 400 px up.
OVERFLOWS_WHEN_NARROW = """
.poster { width: 100%; }
@media (max-width: 400px) { .poster { width: 600px; } }"""
POSTER = '<p class="poster">A long line that must fit the screen it is read on.</p>'

# Links whose focus outline is taken away only on narrow screens, or only on wide ones.
FOCUS_HIDDEN_WHEN = """
a {{ color: #1a1a1a; display: inline-block; margin: 12px; padding: 12px; }}
a:focus {{ outline: 3px solid #1a1a1a; }}
@media ({query}) {{ a:focus, a:focus-visible {{ outline: none; }} }}"""
LINKS = '<p><a href="/one/">First page</a> <a href="/two/">Second page</a></p>'

# A side panel that slides out of sight on a narrow screen, slowly: while it slides it covers
# the text, so a check that did not wait for it would see overlapping boxes.
SLIDING_PANEL = """
.panel { position: fixed; top: 0; left: 0; width: 150px; height: 100%; background: #ffffff;
         color: #1a1a1a; transition: transform 0.6s linear; }
main { margin-left: 170px; }
@media (max-width: 400px) { .panel { transform: translateX(-110%); } main { margin-left: 0; } }"""
PANEL = '<aside class="panel" aria-label="Side"><p>Side notes.</p></aside>'


def write_page(site: Path, folder: str, title: str, style: str = "", body: str = "",
               script: str = "") -> None:
    target = site / folder / "index.html" if folder else site / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(PAGE.format(title=title, style=style, body=body, script=script),
                      encoding="utf-8")


def failing_views(result, page: str, rule: str) -> set[str]:
    return {v.view for v in result.for_page(page) if any(f.rule == rule and f.fails for f in v.findings)}


def test_faults_of_one_scheme_or_one_width_are_caught_in_those_views(browser, tmp_path):
    site = tmp_path / "site"
    write_page(site, "", "Start", body='<p class="note">Welcome to the test site of the audit.</p>')
    write_page(site, "dark", "Dark", DARK_ONLY,
               '<p class="note">This sentence is hard to read in the dark scheme.</p>')
    write_page(site, "narrow", "Narrow", NARROW_ONLY, PAGER)
    for folder in ("one", "two"):
        write_page(site, folder, folder.title(), body="<p>Nothing to see here.</p>")
    result = audit_site(site, browser=browser, reviewed_file=None, write_report=False,
                        today=TODAY, languages=())
    assert failing_views(result, "/dark/", "color-contrast") == {"dark-1280", "dark-320"}
    assert failing_views(result, "/narrow/", "target-size") == {"light-320", "dark-320"}
    assert not result.passed
    assert failing_views(result, "/", "color-contrast") == set()


def test_a_remembered_palette_never_hides_the_scheme_of_the_view(browser, tmp_path):
    site = tmp_path / "site"
    write_page(site, "", "Palette", REMEMBERED_DARK_FAULT,
               '<p class="note">This sentence is hard to read in the dark scheme.</p>',
               script=REMEMBERS_PALETTE)
    shown = []
    with serve_directory(site) as base:
        browser.allow_only(base)
        for _ in range(6):
            for view in DEFAULT_VIEWS:
                browser.set_view(view)
                browser.open(base + "/")
                shown.append((view.scheme, browser.evaluate(
                    "return document.documentElement.getAttribute('data-scheme');")))
    assert shown == [(scheme, scheme) for scheme, _ in shown]
    result = audit_site(site, browser=browser, reviewed_file=None, write_report=False,
                        today=TODAY, languages=())
    assert failing_views(result, "/", "color-contrast") == {"dark-1280", "dark-320"}


def test_faults_of_one_width_in_reflow_and_focus_are_caught_in_those_views(browser, tmp_path):
    site = tmp_path / "site"
    write_page(site, "", "Start", body="<p>Welcome to the test site of the audit.</p>")
    (site / "favicon.ico").write_bytes(b"")
    write_page(site, "overflow", "Overflow", OVERFLOWS_WHEN_NARROW, POSTER)
    write_page(site, "narrow-focus", "Narrow focus",
               FOCUS_HIDDEN_WHEN.format(query="max-width: 400px"), LINKS)
    write_page(site, "wide-focus", "Wide focus",
               FOCUS_HIDDEN_WHEN.format(query="min-width: 401px"), LINKS)
    for folder in ("one", "two"):
        write_page(site, folder, folder.title(), body="<p>Nothing to see here.</p>")
    result = audit_site(site, browser=browser, reviewed_file=None, write_report=False,
                        today=TODAY, languages=())
    assert failing_views(result, "/overflow/", "podium-reflow") == {"light-320", "dark-320"}
    assert failing_views(result, "/narrow-focus/", "podium-focus-visible") == {"light-320"}
    assert failing_views(result, "/wide-focus/", "podium-focus-visible") == {"light-1280"}
    assert {f.rule for f in result.findings() if f.kind == VIOLATION} == {
        "podium-reflow", "podium-focus-visible"}


def test_settling_after_a_change_of_width_waits_for_the_page_to_come_to_rest(browser, tmp_path):
    site = tmp_path / "site"
    write_page(site, "", "Panel", SLIDING_PANEL,
               '<p>The main text of the page.</p><p style="height: 3000px"></p>' + PANEL)
    where = "return [document.getAnimations().length, scrollY, " \
            "Math.round(document.querySelector('.panel').getBoundingClientRect().right)];"
    with serve_directory(site) as base:
        browser.allow_only(base)
        browser.set_view(DEFAULT_VIEWS[0])
        browser.open(base + "/")
        browser.evaluate("window.scrollTo(0, 200);")
        browser.set_view(DEFAULT_VIEWS[2])
        animations, _, _ = browser.evaluate(where)
        assert animations == 1  # the panel has only begun to slide
        browser.settle()
        assert browser.evaluate(where) == [0, 0, -15]  # out of sight, at the top of the page


def test_the_scheme_of_the_keyboard_walks_is_visited_last():
    light_wide, dark_wide, light_narrow, dark_narrow = range(4)
    walks = focus_walk_views(DEFAULT_VIEWS)
    assert walks == [light_wide, light_narrow]
    assert scheme_groups(DEFAULT_VIEWS, walks) == [[dark_wide, dark_narrow], [light_wide, light_narrow]]


# Text that Material's dark palette (slate) makes hard to read, and text that its light palette
# (default) makes hard to read: both exist only once the palette is applied to the page.
SLATE_ONLY = '[data-md-color-scheme="slate"] .md-typeset .planted-dark { color: #3b3f4a; }'
DEFAULT_ONLY = '[data-md-color-scheme="default"] .md-typeset .planted-light { color: #d4d4d4; }'


def test_a_material_page_changes_scheme_in_place_and_shows_each_scheme_truly(
        browser, example_copy, monkeypatch):
    css = example_copy / "overrides" / "assets" / "podium.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n" + SLATE_ONLY + "\n" + DEFAULT_ONLY + "\n",
                   encoding="utf-8")
    page = example_copy / "content" / "en" / "links.md"
    page.write_text(page.read_text(encoding="utf-8") +
                    '\n<p class="planted-dark">This sentence fades away in the dark scheme.</p>\n'
                    '\n<p class="planted-light">This sentence fades away in the light scheme.</p>\n',
                    encoding="utf-8")
    site = build_site(example_copy)
    loads = []
    opened = browser.open
    monkeypatch.setattr(browser, "open", lambda url: (loads.append(url), opened(url)))
    result = audit_site(site, browser=browser, pages=["/en/links/"], write_report=False,
                        reviewed_file=example_copy / "data" / "accessibility-reviewed.yml")
    assert len(loads) == 1  # both schemes and both widths in one load of the page

    def failing(cls: str) -> set[str]:
        return {v.view for v in result.views for f in v.findings
                if f.rule == "color-contrast" and f.fails and cls in f.selector}

    assert failing(".planted-dark") == {"dark-1280", "dark-320"}
    assert failing(".planted-light") == {"light-1280", "light-320"}
