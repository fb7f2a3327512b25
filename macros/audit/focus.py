"""Focus visible (WCAG 2.4.7): Tab through the first elements and see whether each shows focus.

The first stops of a page are nearly always in the parts every page shares (skip link, header,
navigation), so a walk through a part whose form was walked before in the same width is not
repeated (``FocusMemory``, ``_WALK_FORM_JS``): the stops of the earlier walk, found again on
this page, carry its verdicts.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from .beyond import finding
from .findings import Finding
from .page_scripts import HELPERS_JS

FOCUS_STOPS = 10
FOCUS_MARGIN_PX = 8

# What the keyboard can reach, as far as the page can tell: the walk counts these, and its form
# (below) is read up to the first of them the walk cannot reach.
_TABBABLE_JS = r"""
const TABBABLE = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, ' +
  'iframe, summary, audio[controls], video[controls], [contenteditable], [tabindex]';
// Tab stops at one radio button of a group: the checked one, else the first.
const oneOfGroup = (el, index, all) => {
  if (el.localName !== 'input' || el.type !== 'radio' || !el.name) return true;
  const group = all.filter((other) => other.localName === 'input' && other.type === 'radio' &&
    other.name === el.name && other.form === el.form);
  return el === (group.find((other) => other.checked) || group[0]);
};
const tabbable = () => [...document.querySelectorAll(TABBABLE)]
  .filter((el) => el.tabIndex >= 0 && !el.disabled && rendered(el)).filter(oneOfGroup);
"""

# The form of the part of the page that a walk through its first ``stops`` stops covers: every
# element from the start of <body> up to and including the stop after the last one (the walk
# presses Tab once more), in tree order with its depth, tag and attributes; whether each of
# them scrolls (a scroll container can take focus); and what can change how any of them looks
# or behaves from elsewhere: every style sheet and <style>, every script, the attributes of
# <html>, the page's width. Two pages with the same form give the same walk: the keyboard
# visits elements in tree order, so what follows the part cannot come first, and the look of a
# focused element follows from the elements, the styles and the scripts.
# Text, link targets and the words of title, alt and aria-label are left out (each page has its
# own title in the header and its own link to the other language), because they change names
# and destinations, which are checked on every page, not focus. As far as a style sheet can
# read them after all, they are kept: an attribute whose presence a selector tests is kept as
# present, one whose value it tests is kept whole, and with :has, :empty or :dir everything is.
# No form (null) where the keyboard does not follow tree order (a positive tabindex), where the
# part holds a frame or a shadow root (their inside is not read), or where a style sheet cannot
# be read: those pages are always walked.
_WALK_FORM_JS = HELPERS_JS + _TABBABLE_JS + r"""
const stops = /*STOPS*/;
const reachable = tabbable();
window.__podiumWalkForm = reachable;
(window.__podiumWalkForms = window.__podiumWalkForms || {})[innerWidth] = reachable;
if (!reachable.length || reachable.some((el) => el.tabIndex > 0)) return null;
const end = reachable[Math.min(stops, reachable.length - 1)];
const styles = [];
const WORDS = ['href', 'title', 'alt', 'aria-label'];
const READS_CONTENT = /:has\(|:empty|:dir\(/i;
const selectors = [];
const scan = (rules) => {
  for (const rule of rules) {
    if (rule.selectorText) selectors.push(rule.selectorText);
    if (rule.cssRules) scan(rule.cssRules);
    if (rule.styleSheet) scan(rule.styleSheet.cssRules);
  }
};
if (document.adoptedStyleSheets && document.adoptedStyleSheets.length) return null;
for (const sheet of document.styleSheets) {
  let rules;
  try { rules = sheet.cssRules; } catch (e) { return null; }
  scan(rules);
  styles.push([sheet.href || sheet.ownerNode.textContent, sheet.media.mediaText, sheet.disabled]);
}
const all = selectors.join('\n');
const readsContent = READS_CONTENT.test(all);
// How much of each attribute of words the style sheets can see: its value, whether it is
// there, or nothing.
const seen = {};
for (const name of WORDS) {
  seen[name] = readsContent || new RegExp('\\[\\s*' + name + '\\s*[~|^$*]?=', 'i').test(all)
    ? 'value' : new RegExp('\\[\\s*' + name + '\\s*\\]', 'i').test(all) ? 'presence' : 'none';
}
const scripts = [...document.scripts].map((s) => s.src || s.textContent);
const attributes = (el) => [...el.attributes]
  .filter((a) => !WORDS.includes(a.name) || seen[a.name] !== 'none')
  .map((a) => a.name + (WORDS.includes(a.name) && seen[a.name] === 'presence' ? '' : '=' + a.value))
  .join(' ');
const scrolls = (el) => {
  if (el.scrollHeight <= el.clientHeight && el.scrollWidth <= el.clientWidth) return false;
  const style = getComputedStyle(el);
  return /auto|scroll/.test(style.overflowX + style.overflowY);
};
const part = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
for (let node = document.body; node; node = walker.nextNode()) {
  if (node !== end && !end.contains(node) &&
      (end.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
  if (node.nodeType === 3) {
    if (node.data.trim()) part.push(readsContent ? 'text:' + node.data : 'text');
    continue;
  }
  if (node.shadowRoot || node.localName === 'iframe') return null;
  let depth = 0;
  for (let up = node; up !== document.body; up = up.parentElement) depth += 1;
  part.push(depth + '<' + node.localName + ' ' + attributes(node) + (scrolls(node) ? ' scrolls' : ''));
}
return JSON.stringify({width: innerWidth, html: attributes(document.documentElement),
                       styles, scripts, part});
"""

# After a walk: whether its stops were the first reachable elements in the order the form
# assumed (else the form does not describe the walk, and it is not remembered).
_WALK_MATCHES_FORM_JS = r"""
const reachable = window.__podiumWalkForm || [];
const records = window.__podiumWalk.records;
return records.every((r, i) => reachable[i] === r.el);
"""

# The elements that took the stops of a remembered walk, on this page (their selectors and
# snippets are this page's own), from the form read in the given width.
_REMEMBERED_STOPS_JS = HELPERS_JS + r"""
const [indices, width] = args;
const reachable = window.__podiumWalkForms[width];
return indices.map((i) => ({selector: cssPath(reachable[i]), snippet: snippet(reachable[i])}));
"""


def walk_form_script(stops: int = FOCUS_STOPS) -> str:
    """The function body that reads the form of the part a walk through ``stops`` stops covers
    (``_WALK_FORM_JS``); it can run with the other scripts of a view, in the view's width.
    A page where reading fails is walked (null), never left unchecked."""
    body = _WALK_FORM_JS.replace("/*STOPS*/", str(int(stops)))
    return f"try {{\n{body}\n}} catch (e) {{ return null; }}"


@dataclass(frozen=True)
class WalkForm:
    """The form ``walk_form_script`` read: a key for it, and the width it was read in."""

    key: str
    width: int

    @classmethod
    def read(cls, text: str | None) -> WalkForm | None:
        """The form from the script's answer; None where the page must always be walked."""
        if not text:
            return None
        return cls(hashlib.sha256(text.encode("utf-8")).hexdigest(), json.loads(text)["width"])


def remembered_walk(browser, memory: FocusMemory, form: WalkForm | None) -> list[Finding] | None:
    """The findings of a walk through ``form`` on the loaded page, if that form was walked
    before; None if the page must be walked."""
    if form is None or form.key not in memory.walks:
        return None
    memory.reused += 1
    failing = memory.walks[form.key]
    stops = browser.evaluate(_REMEMBERED_STOPS_JS, failing, form.width) if failing else []
    return [_no_focus(stop) for stop in stops]


@dataclass
class FocusMemory:
    """What the focus check learnt in one width across the pages of an audit: pixel verdicts by
    element, and per walked form the stops (by position) that showed no focus."""

    pixels: dict = field(default_factory=dict)
    walks: dict[str, list[int]] = field(default_factory=dict)
    walked: int = 0
    reused: int = 0

# Before the Tab walk: switch transitions off (every state is final at once), start from the top,
# and record, for each element that gets focus, its look while focused (focusin) and just after
# it lost focus (focusout). Returns about how many elements can take focus.
_START_TAB_WALK_JS = HELPERS_JS + _TABBABLE_JS + r"""
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
return tabbable().length;
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
delete window.__podiumWalkForm;
if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
"""


def check_focus_visible(browser, stops: int = FOCUS_STOPS,
                        memory: FocusMemory | None = None) -> list[Finding]:
    """Tab through the first ``stops`` focusable elements; each must look different when focused.

    Real Tab key presses move the focus. While tabbing, the page records for each element its
    computed look (outline, shadow, border, colours, underline, ... of the element, its labels,
    its parent and their ::before/::after) when focused and right after losing focus;
    transitions are off, so both states are final. A difference counts as visible. When there is
    none, pixels decide: the element gets keyboard focus again (Tab from the stop before it),
    is scrolled to the middle, and the region around it and its labels, then the whole viewport
    (the indicator may be drawn elsewhere), is captured focused and blurred; identical pixels
    are a finding. ``memory`` keeps, across the pages of one audit in one width, the pixel
    verdicts by element (the header of a template is the same on every page) and the verdicts
    of each walked form (``_WALK_FORM_JS``): a page whose form was walked before is not walked
    again, and its own elements at the failing stops are the findings."""
    memory = FocusMemory() if memory is None else memory
    try:
        form = WalkForm.read(browser.evaluate(walk_form_script(stops)))
        remembered = remembered_walk(browser, memory, form)
        if remembered is not None:
            return remembered
        memory.walked += 1
        found, failing_indices = _walk(browser, stops, memory.pixels)
        if form and browser.evaluate(_WALK_MATCHES_FORM_JS):
            memory.walks[form.key] = failing_indices
        return found
    finally:
        browser.evaluate(_CLEAN_UP_WALK_JS)


def _walk(browser, stops: int, pixels: dict) -> tuple[list[Finding], list[int]]:
    """The walk itself: findings, and the positions of the stops that showed no focus."""
    focusable = browser.evaluate(_START_TAB_WALK_JS)
    browser.press_tab(min(stops, focusable + 1))
    stops_seen = browser.evaluate(_END_TAB_WALK_JS)[:stops]
    found, failing = [], []
    for stop in stops_seen:
        if stop["styleChanges"]:
            continue
        key = (stop["selector"], stop["snippet"])
        if key not in pixels:
            pixels[key] = _focus_changes_pixels(browser, stop["index"])
        if not pixels[key]:
            found.append(_no_focus(stop))
            failing.append(stop["index"])
    return found, failing


def _no_focus(stop: dict) -> Finding:
    return finding(
        "podium-focus-visible",
        "this element shows no visible change when it gets keyboard focus; give it a "
        "focus style (e.g. :focus-visible { outline: 2px solid currentColor })",
        selector=stop["selector"], snippet=stop["snippet"])


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


