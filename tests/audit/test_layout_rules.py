"""The layout-only rules (target-size, scrollable-region-focusable) run again in the second
colour scheme of a width only where the page's layout differs there; where it is the same, the
first scheme's findings stand for both. A fault that only one scheme's layout shows is caught
in that scheme, whichever scheme the audit visits first."""

from __future__ import annotations

from macros.audit.axe import AxeRunner
from macros.audit.runner import audit_site
from macros.audit.settings import LAYOUT_RULES

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

# The same small links in both schemes: only the colours change.
SMALL_IN_BOTH = """
.pager a { display: inline-block; width: 10px; height: 10px; overflow: hidden; font-size: 8px;
           color: #1a1a1a; }
@media (prefers-color-scheme: dark) { body { background: #111111; color: #eeeeee; }
  .pager a { color: #eeeeee; } }"""


def audit(site, browser, monkeypatch):
    """Audit ``site``; also return, per page, how often the layout-only rules were left out."""
    left_out: dict[str, int] = {}
    run = AxeRunner.run

    def spy(self, *args, **kwargs):
        outcome = run(self, *args, **kwargs)
        if (outcome.get("layout") or {}).get("same"):
            url = self.browser.evaluate("return location.pathname;")
            left_out[url] = left_out.get(url, 0) + 1
        return outcome

    monkeypatch.setattr(AxeRunner, "run", spy)
    result = audit_site(site, browser=browser, reviewed_file=None, write_report=False,
                        today=TODAY, languages=())
    return result, left_out


def test_a_fault_in_one_schemes_layout_is_caught_in_that_scheme(browser, tmp_path, monkeypatch):
    site = tmp_path / "site"
    write_page(site, "", "Start", body="<p>Welcome to the test site of the audit.</p>")
    for scheme in ("dark", "light"):
        write_page(site, f"tap-{scheme}", "Tap", TAP.format(scheme=scheme), PAGER)
        write_page(site, f"scroll-{scheme}", "Scroll", SCROLLS.format(scheme=scheme), BOX)
    for folder in ("one", "two"):
        write_page(site, folder, folder.title(), body="<p>Nothing to see here.</p>")
    result, left_out = audit(site, browser, monkeypatch)
    for scheme in ("dark", "light"):
        both_widths = {f"{scheme}-1280", f"{scheme}-320"}
        assert failing_views(result, f"/tap-{scheme}/", "target-size") == both_widths
        assert failing_views(result, f"/scroll-{scheme}/", "scrollable-region-focusable") \
            == both_widths
        assert f"/tap-{scheme}/" not in left_out and f"/scroll-{scheme}/" not in left_out
    assert not result.passed
    # Pages whose layout is the same in both schemes leave the rules out once per width.
    assert left_out["/"] == 2


def test_a_fault_in_a_layout_both_schemes_share_is_reported_in_every_view(
        browser, tmp_path, monkeypatch):
    site = tmp_path / "site"
    write_page(site, "", "Small", SMALL_IN_BOTH, PAGER)
    for folder in ("one", "two"):
        write_page(site, folder, folder.title(), body="<p>Nothing to see here.</p>")
    result, left_out = audit(site, browser, monkeypatch)
    assert left_out["/"] == 2
    assert failing_views(result, "/", "target-size") == {
        "light-1280", "dark-1280", "light-320", "dark-320"}
    # The same elements as in the scheme where the rule ran.
    selectors = {view.view: sorted(f.selector for f in view.findings if f.rule == "target-size")
                 for view in result.for_page("/")}
    assert len({tuple(s) for s in selectors.values()}) == 1 and selectors["light-1280"]


def test_every_view_runs_the_layout_rules_when_asked_for_all_rules(browser, tmp_path,
                                                                   monkeypatch):
    site = tmp_path / "site"
    write_page(site, "", "Start", body="<p>Welcome to the test site of the audit.</p>")
    asked = []
    run = AxeRunner.run

    def spy(self, *args, **kwargs):
        asked.append(kwargs.get("layout"))
        return run(self, *args, **kwargs)

    monkeypatch.setattr(AxeRunner, "run", spy)
    audit_site(site, browser=browser, reviewed_file=None, write_report=False, today=TODAY,
               languages=(), all_rules_in_every_view=True)
    assert asked and all(layout is None for layout in asked)
    assert set(LAYOUT_RULES) == {"target-size", "scrollable-region-focusable"}
