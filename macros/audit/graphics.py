"""Contrast of chart lines, points and shapes against what lies behind them (WCAG 1.4.11).

axe-core checks text, not SVG graphics. This check reads, in each view (light and dark),
the computed stroke and fill of every drawn shape inside a <figure>'s SVG and the colour
behind it, and asks for at least 3:1. Shapes inside `[data-podium-decorative]` (grid lines)
carry no information and are left out.
"""
from __future__ import annotations

from .findings import Finding

MIN_RATIO = 3.0
RULE = "podium-graphics-contrast"
HELP_URL = "https://www.w3.org/WAI/WCAG22/Understanding/non-text-contrast.html"

# Colours come back as [r, g, b, alpha]; a shape's own opacity multiplies its alpha.
GRAPHICS_JS = r"""
function rgba(text) {
  const m = text && text.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}
function background(el) {
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    const c = rgba(getComputedStyle(node).backgroundColor);
    if (c && c[3] > 0) return c;
  }
  return [255, 255, 255, 1];
}
function selector(el) {
  const parts = [];
  for (let node = el; node && node.nodeType === 1 && parts.length < 4; node = node.parentElement) {
    parts.unshift(node.id ? node.tagName.toLowerCase() + '#' + node.id : node.tagName.toLowerCase());
    if (node.id) break;
  }
  return parts.join(' > ');
}
const found = [];
const shapes = document.querySelectorAll('figure svg :is(line, polyline, path, circle, rect, polygon, ellipse)');
for (const el of shapes) {
  if (el.closest('[data-podium-decorative]') || !el.getClientRects().length) continue;
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden' || style.display === 'none') continue;
  // A line has no inside: its fill is never painted.
  for (const part of el.tagName.toLowerCase() === 'line' ? ['stroke'] : ['stroke', 'fill']) {
    const c = rgba(style[part]);
    const width = part === 'stroke' ? parseFloat(style.strokeWidth) : 1;
    if (!c || c[3] === 0 || !(width > 0)) continue;
    c[3] *= parseFloat(style.opacity) * parseFloat(style[part + 'Opacity']);
    found.push({part, colour: c, background: background(el.parentElement.closest('figure') || el),
                selector: selector(el), snippet: el.outerHTML.slice(0, 160)});
  }
}
return found;
"""


def _blend(colour: list[float], behind: list[float]) -> tuple[float, float, float]:
    alpha = colour[3]
    return tuple(colour[i] * alpha + behind[i] * (1 - alpha) for i in range(3))  # type: ignore[return-value]


def _luminance(rgb: tuple[float, float, float]) -> float:
    def linear(channel: float) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(colour: list[float], behind: list[float]) -> float:
    """Contrast of `colour` (with its alpha) drawn on the opaque colour `behind`."""
    back = tuple(behind[:3])
    high, low = sorted((_luminance(_blend(colour, behind)), _luminance(back)), reverse=True)  # type: ignore[arg-type]
    return (high + 0.05) / (low + 0.05)


def _hex(rgb) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in rgb[:3])


def check_graphics(shapes: list[dict]) -> list[Finding]:
    """A finding for every chart stroke or fill below 3:1 against the background behind it."""
    found = []
    for shape in shapes:
        value = ratio(shape["colour"], shape["background"])
        if value + 1e-9 < MIN_RATIO:
            drawn = _hex(_blend(shape["colour"], shape["background"]))
            found.append(Finding(
                rule=RULE, selector=shape["selector"], snippet=shape["snippet"], help_url=HELP_URL,
                wcag=["1.4.11"],
                message=(f"the chart's {shape['part']} {drawn} has a contrast of {value:.1f} to 1 against "
                         f"{_hex(shape['background'])}; lines, points and shapes that carry information need "
                         f"at least {MIN_RATIO:g} to 1 in this colour scheme")))
    return found


def collect_graphics(browser) -> list[dict]:
    """Every drawn shape in the page's chart figures, with its colour and the colour behind it."""
    return browser.evaluate(GRAPHICS_JS)
