"""A fault that only one colour scheme's layout shows (tap targets that shrink, a region that
starts to scroll) is caught in that scheme's views and only there, whichever scheme the audit
visits first: the layout rules must see each scheme's own layout."""

from __future__ import annotations

from macros.audit.runner import audit_site

from .conftest import TODAY
from .test_views import failing_views, write_page

# Two links that are comfortable to tap, and become 10 px squares side by side in one scheme.
TAP = """
.pager a {{ display: inline-block; padding: 12px 16px; margin: 0 8px; color: #1a1a1a; }}
@media (prefers-color-scheme: {scheme}) {{
  .pager a {{ width: 10px; height: 10px; padding: 0; margin: 0; overflow: hidden; font-size: 8px; }}
}}"""
PAGER = ('<p>Two ways on from here.</p><nav class="pager" aria-label="Pages">'
         '<a href="/one/">1</a><a href="/two/">2</a></nav>')

# A box of text that fits, and in one scheme becomes a short region that scrolls, which a
# keyboard cannot reach (nothing in it takes focus).
SCROLLS = """
.box {{ color: #1a1a1a; }}
@media (prefers-color-scheme: {scheme}) {{ .box {{ height: 40px; overflow: auto; }} }}"""
BOX = ('<div class="box"><p>First line of a long note.</p><p>Second line.</p>'
       '<p>Third line.</p><p>Fourth line.</p></div>')


def test_a_fault_in_one_schemes_layout_is_caught_in_that_scheme(browser, tmp_path):
    site = tmp_path / "site"
    write_page(site, "", "Start", body="<p>Welcome to the test site of the audit.</p>")
    for scheme in ("dark", "light"):
        write_page(site, f"tap-{scheme}", "Tap", TAP.format(scheme=scheme), PAGER)
        write_page(site, f"scroll-{scheme}", "Scroll", SCROLLS.format(scheme=scheme), BOX)
    for folder in ("one", "two"):
        write_page(site, folder, folder.title(), body="<p>Nothing to see here.</p>")
    result = audit_site(site, browser=browser, reviewed_file=None, write_report=False,
                        today=TODAY, languages=())
    for scheme in ("dark", "light"):
        both_widths = {f"{scheme}-1280", f"{scheme}-320"}
        assert failing_views(result, f"/tap-{scheme}/", "target-size") == both_widths
        assert failing_views(result, f"/scroll-{scheme}/", "scrollable-region-focusable") \
            == both_widths
    assert failing_views(result, "/", "target-size") == set()
    assert not result.passed
