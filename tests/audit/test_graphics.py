"""The audit's graphics check: chart lines and points need 3:1 against what is behind them."""
from __future__ import annotations

from macros.audit.graphics import check_graphics, collect_graphics, ratio

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chart</title></head>
<body style="background:#1e2129;color:#f0f0f0"><main><figure>
<svg role="img" aria-label="A chart" width="200" height="100">
<g data-podium-decorative stroke="#2a2d35"><line x1="0" y1="50" x2="200" y2="50"/></g>
<polyline id="faint" points="0,90 100,40 200,10" fill="none" stroke="{line}" stroke-width="2.5"/>
<circle id="point" cx="100" cy="40" r="5" fill="#9dc1ff" stroke="#9dc1ff"/>
</svg><figcaption>A chart</figcaption></figure></main></body></html>"""


def _shapes(browser, tmp_path, line: str) -> list[dict]:
    page = tmp_path / "chart.html"
    page.write_text(PAGE.format(line=line), encoding="utf-8")
    browser.driver.get(page.as_uri())
    return collect_graphics(browser)


def test_a_planted_low_contrast_chart_line_is_reported(browser, tmp_path):
    findings = check_graphics(_shapes(browser, tmp_path, "#1b4a86"))   # dark blue on the dark page: 1.8:1
    assert [f.rule for f in findings] == ["podium-graphics-contrast"]
    assert "polyline#faint" in findings[0].selector
    assert "contrast of 1.8 to 1" in findings[0].message and findings[0].wcag == ["1.4.11"]


def test_a_readable_chart_passes_and_grid_lines_are_left_out(browser, tmp_path):
    shapes = _shapes(browser, tmp_path, "#9dc1ff")
    assert check_graphics(shapes) == []
    assert len(shapes) == 3   # the line's stroke, the point's fill and stroke; not the grid line


def test_ratio_blends_a_see_through_colour_with_its_background():
    assert round(ratio([0, 0, 0, 1], [255, 255, 255, 1]), 1) == 21.0
    assert ratio([0, 0, 0, 0.2], [255, 255, 255, 1]) < 3
