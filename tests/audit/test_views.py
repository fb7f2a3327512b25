"""Each view shows the page as a reader of that view sees it: a fault that shows only in the dark
colour scheme, or only on a narrow screen, is caught in those views and only there, and a palette
that the page remembered from an earlier view never hides the view's own scheme."""

from __future__ import annotations

from pathlib import Path

from macros.audit.runner import audit_site
from macros.audit.settings import DEFAULT_VIEWS
from macros.audit.server import serve_directory

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
