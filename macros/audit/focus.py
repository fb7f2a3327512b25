"""Focus visible (WCAG 2.4.7): Tab through the first elements and see whether each shows focus."""

from __future__ import annotations

from .beyond import finding
from .page_scripts import HELPERS_JS

FOCUS_STOPS = 10
FOCUS_MARGIN_PX = 8

# Before the Tab walk: switch transitions off (every state is final at once), start from the top,
# and record, for each element that gets focus, its look while focused (focusin) and just after
# it lost focus (focusout). Returns about how many elements can take focus.
_START_TAB_WALK_JS = HELPERS_JS + r"""
if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
window.scrollTo(0, 0);
const style = document.createElement('style');
style.id = 'podium-no-transitions';
style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
document.head.appendChild(style);
const PROPS = ['outline-style', 'outline-width', 'outline-color', 'outline-offset', 'box-shadow',
  'border-top-color', 'border-right-color', 'border-bottom-color', 'border-left-color',
  'border-top-width', 'border-bottom-width', 'border-left-width', 'border-right-width',
  'background-color', 'background-image', 'color', 'text-decoration-line', 'text-decoration-color',
  'text-decoration-thickness', 'opacity', 'transform', 'filter', 'visibility'];
const look = (node, pseudo) => {
  const computed = getComputedStyle(node, pseudo);
  if (pseudo && computed.getPropertyValue('content') === 'none') return '';
  const values = PROPS.map((p) => computed.getPropertyValue(p));
  if (values[0] === 'none') values[1] = values[2] = values[3] = '';
  return values.join('|') + (pseudo ? computed.getPropertyValue('content') : '');
};
const signature = (el) => {
  const parts = [el, ...(el.labels || [])];
  if (el.parentElement) parts.push(el.parentElement);
  return parts.map((n) => look(n, null) + look(n, '::before') + look(n, '::after')).join('#')
    + '@' + [el, ...(el.labels || [])].map((n) => {
      const r = n.getBoundingClientRect();
      return [r.left, r.top, r.width, r.height].map(Math.round).join(',');
    }).join(';');
};
const walk = {records: [], byElement: new Map(), style};
walk.onIn = (event) => {
  const el = event.target;
  if (!(el instanceof Element) || walk.byElement.has(el)) return;
  const record = {el, focused: signature(el), blurred: null};
  walk.byElement.set(el, record);
  walk.records.push(record);
};
walk.onOut = (event) => {
  const record = walk.byElement.get(event.target);
  if (record && record.blurred === null) record.blurred = signature(event.target);
};
document.addEventListener('focusin', walk.onIn, true);
document.addEventListener('focusout', walk.onOut, true);
window.__podiumWalk = walk;
const TABBABLE = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, ' +
  'iframe, summary, audio[controls], video[controls], [contenteditable], [tabindex]';
return [...document.querySelectorAll(TABBABLE)]
  .filter((el) => el.tabIndex >= 0 && !el.disabled && rendered(el)).length;
"""

# After the walk: let the last element lose focus, stop recording, and report each stop.
_END_TAB_WALK_JS = HELPERS_JS + r"""
const walk = window.__podiumWalk;
if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
document.removeEventListener('focusin', walk.onIn, true);
document.removeEventListener('focusout', walk.onOut, true);
return walk.records.map((r, index) => ({
  index, selector: cssPath(r.el), snippet: snippet(r.el),
  styleChanges: r.blurred !== null && r.focused !== r.blurred,
}));
"""

# Give a recorded stop keyboard focus again: focus the stop before it (or a marker at the top
# of the page) from script, after which one real Tab lands on the stop itself. Programmatic
# focus alone would not show every :focus-visible style.
_BEFORE_STOP_JS = r"""
const [index] = args;
const records = window.__podiumWalk.records;
if (index > 0) { records[index - 1].el.focus({preventScroll: true}); return; }
let start = document.getElementById('podium-tab-start');
if (!start) {
  start = document.createElement('span');
  start.id = 'podium-tab-start';
  start.tabIndex = -1;
  document.body.prepend(start);
}
start.focus({preventScroll: true});
"""

# After that Tab: scroll the stop to the middle of the viewport (so what changes near it is in
# view) and return the region around it and its labels, in viewport pixels.
_CENTER_STOP_JS = r"""
const [index, margin] = args;
const el = window.__podiumWalk.records[index].el;
const start = document.getElementById('podium-tab-start');
if (start) start.remove();
if (document.activeElement !== el) el.focus({preventScroll: true});
el.scrollIntoView({block: 'center', inline: 'nearest'});
const boxes = [el, ...(el.labels || [])].map((e) => e.getBoundingClientRect())
  .filter((r) => r.width > 0 && r.height > 0);
if (!boxes.length) return null;
const vw = window.innerWidth, vh = window.innerHeight;
const x0 = Math.max(0, Math.min(...boxes.map((r) => r.left)) - margin);
const y0 = Math.max(0, Math.min(...boxes.map((r) => r.top)) - margin);
const x1 = Math.min(vw, Math.max(...boxes.map((r) => r.right)) + margin);
const y1 = Math.min(vh, Math.max(...boxes.map((r) => r.bottom)) + margin);
return (x1 - x0 >= 1 && y1 - y0 >= 1) ? {x: x0, y: y0, width: x1 - x0, height: y1 - y0} : null;
"""

_BLUR_STOP_JS = "window.__podiumWalk.records[args[0]].el.blur();"
_CLEAN_UP_WALK_JS = """
const start = document.getElementById('podium-tab-start');
if (start) start.remove();
const walk = window.__podiumWalk;
if (walk) { walk.style.remove(); delete window.__podiumWalk; }
if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
"""


def check_focus_visible(browser, stops: int = FOCUS_STOPS,
                        known: dict | None = None) -> list[Finding]:
    """Tab through the first ``stops`` focusable elements; each must look different when focused.

    Real Tab key presses move the focus. While tabbing, the page records for each element its
    computed look (outline, shadow, border, colours, underline, ... of the element, its labels,
    its parent and their ::before/::after) when focused and right after losing focus;
    transitions are off, so both states are final. A difference counts as visible. When there is
    none, pixels decide: the element gets keyboard focus again (Tab from the stop before it),
    is scrolled to the middle, and the region around it and its labels, then the whole viewport
    (the indicator may be drawn elsewhere), is captured focused and blurred; identical pixels
    are a finding. ``known`` caches pixel verdicts by element across
    the pages of one audit (the header of a template is the same on every page)."""
    known = {} if known is None else known
    focusable = browser.evaluate(_START_TAB_WALK_JS)
    found = []
    try:
        browser.press_tab(min(stops, focusable + 1))
        stops_seen = browser.evaluate(_END_TAB_WALK_JS)[:stops]
        for stop in stops_seen:
            if stop["styleChanges"]:
                continue
            key = (stop["selector"], stop["snippet"])
            if key not in known:
                known[key] = _focus_changes_pixels(browser, stop["index"])
            if not known[key]:
                found.append(finding(
                    "podium-focus-visible",
                    "this element shows no visible change when it gets keyboard focus; give it a "
                    "focus style (e.g. :focus-visible { outline: 2px solid currentColor })",
                    selector=stop["selector"], snippet=stop["snippet"]))
    finally:
        browser.evaluate(_CLEAN_UP_WALK_JS)
    return found


def _focus_changes_pixels(browser, index: int) -> bool:
    """Screenshots of a recorded stop, keyboard-focused against blurred, differ: first the
    region around it, then the whole viewport."""
    for whole_viewport in (False, True):
        clip = _keyboard_focus(browser, index)
        if not whole_viewport and clip is None:
            continue  # no box of its own: only the whole viewport can tell
        region = None if whole_viewport else clip
        with_focus = browser.screenshot(region)
        browser.evaluate(_BLUR_STOP_JS, index)
        if with_focus != browser.screenshot(region):
            return True
    return False


def _keyboard_focus(browser, index: int) -> dict | None:
    browser.evaluate(_BEFORE_STOP_JS, index)
    browser.press_tab()
    return browser.evaluate(_CENTER_STOP_JS, index, FOCUS_MARGIN_PX)


