"""Checks that axe does not make: the judging.

The browser only collects facts (``page_scripts``: one script per page, one per narrow view;
``focus``: a Tab walk); the pure ``check_*`` functions here judge them, so each rule can be read
and tested on its own. Every rule id starts with ``podium-``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

from ..base.yamlread import read_data_file
from .findings import Finding

UNDERSTANDING = "https://www.w3.org/WAI/WCAG22/Understanding/"
HELP = {
    "podium-html-lang": UNDERSTANDING + "language-of-page.html",
    "podium-passage-lang": UNDERSTANDING + "language-of-parts.html",
    "podium-one-h1": UNDERSTANDING + "info-and-relationships.html",
    "podium-heading-order": UNDERSTANDING + "info-and-relationships.html",
    "podium-link-text-ambiguous": UNDERSTANDING + "link-purpose-in-context.html",
    "podium-link-text-targets": UNDERSTANDING + "link-purpose-in-context.html",
    "podium-reflow": UNDERSTANDING + "reflow.html",
    "podium-focus-visible": UNDERSTANDING + "focus-visible.html",
    "podium-img-alt": UNDERSTANDING + "non-text-content.html",
    "podium-chart-text-alternative": UNDERSTANDING + "non-text-content.html",
    "podium-chart-table": UNDERSTANDING + "info-and-relationships.html",
    "podium-third-party-request": "https://www.w3.org/TR/privacy-principles/",
    "podium-missing-file": "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/404",
}
WCAG = {
    "podium-html-lang": ["3.1.1"],
    "podium-passage-lang": ["3.1.2"],
    "podium-one-h1": ["1.3.1", "2.4.6"],
    "podium-heading-order": ["1.3.1"],
    "podium-link-text-ambiguous": ["2.4.4"],
    "podium-link-text-targets": ["2.4.4"],
    "podium-reflow": ["1.4.10"],
    "podium-focus-visible": ["2.4.7"],
    "podium-img-alt": ["1.1.1"],
    "podium-chart-text-alternative": ["1.1.1"],
    "podium-chart-table": ["1.1.1", "1.3.1"],
    "podium-third-party-request": [],
    "podium-missing-file": [],
}

#: Which checks run where: page checks in the first view of a page, the others per view.
PAGE_CHECKS = ("lang", "headings", "links", "images", "charts", "resources")
VIEW_CHECKS = ("requests", "graphics")
#: The focus walk runs in the first view of each width: which elements are reachable depends on
#: the width, whether their look changes on focus does not depend on the colour scheme.
WIDTH_CHECKS = ("focus",)
NARROW_CHECKS = ("reflow",)

MIN_PASSAGE_WORDS = 8
MIN_FOREIGN_STOPWORDS = 3

_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_FILE_NAME = re.compile(r"\.(png|jpe?g|gif|svg|webp|avif|bmp|tiff?)$", re.IGNORECASE)
_NUMBER = re.compile(r"-?\d[\d.,\u202f\u00a0]*\d|-?\d")


def finding(rule: str, message: str, *, selector: str = "", snippet: str = "",
            impact: str = "serious") -> Finding:
    """A Podium finding with the rule's help link and WCAG criteria filled in."""
    return Finding(rule=rule, message=message, selector=selector, snippet=snippet, impact=impact,
                   help_url=HELP[rule], wcag=list(WCAG[rule]))


@lru_cache(maxsize=1)
def word_lists() -> dict:
    """Stop words and ambiguous link texts from beyond.yml (data, not code)."""
    data = read_data_file(Path(__file__).with_name("beyond.yml")).data
    return {
        "stopwords": {lang: frozenset(words) for lang, words in data["stopwords"].items()},
        "ambiguous": frozenset(
            normalise_link_text(text)
            for texts in data["ambiguous_link_texts"].values()
            for text in texts
        ),
    }


def primary_language(tag: str | None) -> str:
    """'nl' for 'nl-NL', '' for nothing."""
    return (tag or "").strip().split("-")[0].lower()


def page_language(page: str, languages: Iterable[str]) -> str | None:
    """The language a page's URL promises: '/en/about/' -> 'en'; None for root pages."""
    first = page.strip("/").split("/")[0]
    return first if first in set(languages) else None


# -- language -----------------------------------------------------------------------------------

def check_html_lang(page: str, html_lang: str | None, languages: Iterable[str]) -> list[Finding]:
    """<html lang> exists, is a language tag, and matches /nl/ or /en/ in the URL."""
    expected = page_language(page, languages)
    shown = f'lang="{html_lang}"' if html_lang is not None else "no lang attribute"
    snippet = f"<html {shown}>" if html_lang is not None else "<html>"
    if not html_lang or not _LANG_TAG.match(html_lang.strip()):
        want = f'lang="{expected}"' if expected else "a lang attribute with the page's main language"
        return [finding("podium-html-lang", f"<html> has {shown}; it needs {want}",
                        selector="html", snippet=snippet)]
    if expected and primary_language(html_lang) != expected:
        return [finding(
            "podium-html-lang",
            f'the page is under /{expected}/ but <html> says lang="{html_lang}"; '
            f'screen readers will read it with the wrong voice. Expected lang="{expected}"',
            selector="html", snippet=snippet)]
    return []


def stopword_counts(text: str) -> tuple[int, dict[str, int]]:
    """Number of words, and per known language the number of its stop words in ``text``."""
    words = [w.lower() for w in _WORD.findall(text)]
    lists = word_lists()["stopwords"]
    return len(words), {lang: sum(1 for w in words if w in stop) for lang, stop in lists.items()}


def foreign_language(text: str, inherited: str) -> tuple[str, int, int, int] | None:
    """(language, words, its stop words, inherited language's stop words) if ``text`` is clearly
    in another known language than ``inherited``; None when unsure. Deliberately conservative."""
    own = primary_language(inherited)
    words, counts = stopword_counts(text)
    if words < MIN_PASSAGE_WORDS or own not in counts:
        return None
    own_count = counts[own]
    for lang, count in counts.items():
        if lang == own:
            continue
        clearly = (count >= MIN_FOREIGN_STOPWORDS and count >= 3 * own_count
                   and count >= 0.15 * words)
        if clearly:
            return lang, words, count, own_count
    return None


def check_passages(passages: list[dict]) -> list[Finding]:
    """Blocks of text in another language than the lang they inherit (WCAG 3.1.2)."""
    found = []
    for passage in passages:
        verdict = foreign_language(passage["text"], passage["lang"])
        if not verdict:
            continue
        lang, words, count, own_count = verdict
        found.append(finding(
            "podium-passage-lang",
            f'this passage of {words} words looks like "{lang}" ({count} typical "{lang}" words, '
            f'{own_count} "{primary_language(passage["lang"])}") but inherits '
            f'lang="{passage["lang"]}"; add lang="{lang}" to it',
            selector=passage["selector"], snippet=passage["snippet"], impact="moderate"))
    return found


# -- headings -----------------------------------------------------------------------------------

def check_headings(headings: list[dict]) -> list[Finding]:
    """Exactly one h1, and no heading that skips a level going down (h2 -> h4)."""
    found = []
    h1s = [h for h in headings if h["level"] == 1]
    if not h1s:
        found.append(finding("podium-one-h1", "the page has no h1; it needs exactly one, "
                             "naming what the page is about", selector="body", impact="moderate"))
    for extra in h1s[1:]:
        found.append(finding(
            "podium-one-h1",
            f"the page has {len(h1s)} h1 headings; it needs exactly one "
            f"(first: \"{h1s[0]['text']}\"); make this one h2 or lower",
            selector=extra["selector"], snippet=extra["snippet"], impact="moderate"))
    for before, heading in zip(headings, headings[1:]):
        if heading["level"] > before["level"] + 1:
            found.append(finding(
                "podium-heading-order",
                f"h{before['level']} is followed by h{heading['level']}, skipping "
                + ", ".join(f"h{n}" for n in range(before["level"] + 1, heading["level"]))
                + f"; use h{before['level'] + 1} here",
                selector=heading["selector"], snippet=heading["snippet"], impact="moderate"))
    return found


# -- links --------------------------------------------------------------------------------------

def normalise_link_text(text: str) -> str:
    """Lower case, single spaces, no surrounding punctuation or arrows."""
    text = re.sub(r"\s+", " ", text).strip().lower()
    return re.sub(r"^[\W_]+|[\W_]+$", "", text)


def _link_target(href: str) -> str:
    """Compare targets without 'index.html' and without an empty fragment."""
    href = href.rstrip("#")
    return re.sub(r"/index\.html(?=$|[?#])", "/", href)


def check_links(links: list[dict]) -> list[Finding]:
    """Link texts that say nothing (WCAG 2.4.4), and one text leading to different places.

    Links inside headings are left out of the second check: the heading is their context
    (Material's "¶" permalinks are such links)."""
    found = []
    ambiguous = word_lists()["ambiguous"]
    by_text: dict[str, dict[str, dict]] = {}
    for link in links:
        text = normalise_link_text(link["name"])
        if not text:
            continue  # axe's link-name reports links without a name
        if text in ambiguous:
            found.append(finding(
                "podium-link-text-ambiguous",
                f'link text "{link["name"]}" does not say where the link goes; '
                "name the destination (e.g. the title of the page)",
                selector=link["selector"], snippet=link["snippet"], impact="moderate"))
        if not link["inHeading"]:
            by_text.setdefault(text, {}).setdefault(_link_target(link["href"]), link)
    for text, targets in by_text.items():
        if len(targets) < 2:
            continue
        first, *others = targets.values()
        listed = ", ".join(t["href"] for t in [first, *others][:3])
        for other in others:
            found.append(finding(
                "podium-link-text-targets",
                f'the link text "{other["name"]}" leads to {len(targets)} different places '
                f"({listed}); give each destination its own text",
                selector=other["selector"], snippet=other["snippet"], impact="moderate"))
    return found


# -- images and charts --------------------------------------------------------------------------

def check_images(images: list[dict]) -> list[Finding]:
    """Images need a text alternative; alt="" or role=presentation marks decoration."""
    found = []
    for image in images:
        if image["decorative"]:
            continue
        if image["name"] is None:
            what = "an <svg role=img> without a title or aria-label" if image["kind"] == "svg" \
                else f"an <{image['kind']}> without alt"
            found.append(finding(
                "podium-img-alt",
                f"{what}: describe it in alt, or use alt=\"\" if it is only decoration",
                selector=image["selector"], snippet=image["snippet"], impact="critical"))
        elif _FILE_NAME.search(image["name"].strip()):
            found.append(finding(
                "podium-img-alt",
                f'the alt text "{image["name"]}" is a file name; describe what the image shows',
                selector=image["selector"], snippet=image["snippet"], impact="serious"))
    return found


def parse_numbers(text: str) -> list[float]:
    """Numbers written the Dutch (1.234,5) or English (1,234.5) way, plus each other reading."""
    values = []
    for token in _NUMBER.findall(text):
        token = re.sub(r"[\u202f\u00a0]", "", token)
        for reading in _number_readings(token):
            values.append(reading)
    return values


def _number_readings(token: str) -> list[float]:
    readings = []
    for thousands, decimal in ((",", "."), (".", ",")):
        candidate = token.replace(thousands, "").replace(decimal, ".")
        try:
            readings.append(float(candidate))
        except ValueError:
            continue
    return readings


def _shown_in(value: float, shown: list[float]) -> bool:
    """``value`` appears in ``shown``, also when the table rounds it to one decimal or a whole number."""
    return any(abs(value - s) <= 0.05 + 1e-9 or round(value) == s for s in shown)


def check_charts(charts: list[dict]) -> list[Finding]:
    """A figure with an svg[role=img] needs a text alternative and a table with its figures."""
    found = []
    for chart in charts:
        where = {"selector": chart["selector"], "snippet": chart["snippet"]}
        if not chart["name"]:
            found.append(finding(
                "podium-chart-text-alternative",
                "the chart's <svg role=img> has no text alternative; give it a <title> "
                "(and <desc>) or aria-label that says what the chart shows", **where))
        if chart["table"] is None:
            found.append(finding(
                "podium-chart-table",
                "the chart has no data table: put a <table> with the same figures inside the "
                "<figure> or right after it", **where))
            continue
        shown = parse_numbers(" ".join(chart["table"]))
        if not shown:
            found.append(finding(
                "podium-chart-table", "the chart's table holds no figures", **where))
            continue
        missing = [v for v in _declared_values(chart["declared"]) if not _shown_in(v, shown)]
        if missing:
            found.append(finding(
                "podium-chart-table",
                "the chart's table lacks figures the chart shows (data-values): "
                + ", ".join(f"{v:g}" for v in missing[:5]), **where))
    return found


def _declared_values(declared: str | None) -> list[float]:
    """data-values="12 15.5 20" (space-separated, decimal point) as numbers."""
    values = []
    for token in (declared or "").replace(";", " ").split():
        try:
            values.append(float(token))
        except ValueError:
            continue
    return values


# -- requests -----------------------------------------------------------------------------------

def third_party(urls: Iterable[str], origin: str, published: Iterable[str] = ()) -> list[str]:
    """The web URLs that belong neither to the loopback ``origin`` (same host and port) nor to
    a ``published`` address of the site (same host, inside its path), in order, once each."""
    loopback = urlsplit(origin)
    published = list(published)
    seen: dict[str, None] = {}
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "ws", "wss", "ftp"):
            continue
        if (parts.hostname, parts.port) == (loopback.hostname, loopback.port):
            continue
        if site_path(url, published) is not None:
            continue
        seen.setdefault(url, None)
    return list(seen)


def published_origin(page: str, canonical: str | None) -> str | None:
    """The site's published address, from a <link rel=canonical> whose path ends in this page's
    path (MkDocs writes one when site_url is set): "https://example.org" or, for a site in a
    sub-folder, "https://example.org/museum"; None if there is none or it points elsewhere."""
    if not canonical:
        return None
    parts = urlsplit(canonical)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    path = re.sub(r"/index\.html$", "/", parts.path)
    if not path.endswith(page):
        return None
    return f"{parts.scheme}://{parts.netloc}{path[: len(path) - len(page)]}".rstrip("/")


def site_path(url: str, published: Iterable[str] = ()) -> str | None:
    """The path inside the built site that ``url`` asks for: a site-relative URL ("/nl/x.css")
    as it is, a URL on a ``published`` address without that address; None for other hosts."""
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return unquote(parts.path) if parts.path.startswith("/") else None
    for base in published:
        own = urlsplit(base)
        prefix = own.path.rstrip("/")
        if (parts.hostname, parts.port) == (own.hostname, own.port) and \
                (parts.path == prefix or parts.path.startswith(prefix + "/")):
            return unquote(parts.path[len(prefix):] or "/")
    return None


def check_requests(requested: list[str], referenced: list[dict], origin: str,
                   published: Iterable[str] = (), known: list[dict] | None = None) -> list[Finding]:
    """Requests to another host than the site: ``requested`` (attempted in the browser) and
    ``referenced`` (elements whose URL loads by itself, even if not yet requested, such as lazy
    images). Requests to the site's ``published`` address (site_url) are the site's own.
    ``known`` elements only help to point at the element behind a request."""
    elements = {ref["url"]: ref for ref in [*(known or []), *referenced]}
    urls = third_party([*requested, *(ref["url"] for ref in referenced)], origin, published)
    found = []
    for url in urls:
        ref = elements.get(url, {})
        found.append(finding(
            "podium-third-party-request",
            f"the page loads {url} from another host; published pages must load everything "
            "from the site itself (visitors' privacy, and the site must work on its own)",
            selector=ref.get("selector", ""), snippet=ref.get("snippet", "")))
    return found


def check_missing_files(requested: list[str], referenced: list[dict], published: Iterable[str],
                        exists: Callable[[str], bool],
                        known: list[dict] | None = None) -> list[Finding]:
    """The site's own requests (site-relative, or on its published address) that no file of the
    built site answers: each of them fails for every visitor once the site is published."""
    published = list(published)
    elements = {ref["url"]: ref for ref in [*(known or []), *referenced]}
    found = []
    seen: set[str] = set()
    for url in [*requested, *(ref["url"] for ref in referenced)]:
        path = site_path(url, published)
        if path is None or url in seen or exists(path):
            continue
        seen.add(url)
        ref = elements.get(url, {})
        found.append(finding(
            "podium-missing-file",
            f"the page requests {url}, but the built site has no file at {path}, so this request "
            "fails for every visitor; correct the address or add the file",
            selector=ref.get("selector", ""), snippet=ref.get("snippet", "")))
    return found


# -- reflow -------------------------------------------------------------------------------------

def check_reflow(reflow: dict, width: int) -> list[Finding]:
    """No horizontal scrolling at 320 CSS px (WCAG 1.4.10)."""
    if reflow["scrollWidth"] <= reflow["clientWidth"]:
        return []
    culprits = reflow["culprits"] or [{"selector": "html", "snippet": "", "right": 0}]
    return [
        finding(
            "podium-reflow",
            f"at {width} px wide the page is {reflow['scrollWidth']} px wide, so readers must "
            f"scroll sideways; this element reaches {culprit['right']} px. Let it wrap or shrink, "
            "or put wide content (tables) in its own scroll container",
            selector=culprit["selector"], snippet=culprit["snippet"])
        for culprit in culprits
    ]


def check_page(page: str, facts: dict, languages: Iterable[str]) -> list[Finding]:
    """All page-level checks on the facts collected from one page."""
    return [
        *check_html_lang(page, facts["htmlLang"], languages),
        *check_passages(facts["passages"]),
        *check_headings(facts["headings"]),
        *check_links(facts["links"]),
        *check_images(facts["images"]),
        *check_charts(facts["charts"]),
    ]
