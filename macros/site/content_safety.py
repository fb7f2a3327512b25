"""Refuse what a page in content/ may not publish: scripts, requests to other sites, hidden characters,
and macro lines that cannot be filled in (see expand.py), all before anything is built.

The site promises its readers that it runs no scripts of others and makes no request to another
site. Markdown lets an editor write raw HTML, link syntax and attribute lists (`{: … }`), so each
of these is read the way a browser would read it (any letter case, character references such as
`&#106;`, unquoted attributes, tabs inside an address) and refused at its line and column:

- elements that run or load something: `<script>`, `<iframe>`, `<object>`, `<embed>`, `<style>`,
  `<link>`, `<meta>`, `<base>`, `<form>`, …;
- event attributes (`onclick=`, `onerror=`, …) and styles that load a file (`url(…)`);
- links whose address runs or hides something (`javascript:`, `vbscript:`, `data:`, …): a link may
  only go to `https://`, `http://`, `mailto:`, `tel:` or a page of this site;
- pictures and other files from another address: they are requests to another site;
- front-matter fields the theme would act on (only `title`, `description`, `hide`, `search` and `slug`),
  control or invisible characters in the front matter, and front matter that cannot be read
  (a YAML mistake, a field written twice, a slug that cannot be an address).

Code (fenced blocks and `code spans`) is shown, never run, so it is left alone.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

from markupsafe import Markup, escape

from ..base.characters import HIDDEN_EXPECTED, describe, first_hidden, is_hidden
from ..model.errors import Problem
from .expand import Catalog, macro_problems, without_code
from .front_matter import FRONT_MATTER, read_front_matter

# Elements that run code, load something from elsewhere, or change how the page itself works.
REFUSED_ELEMENTS = frozenset({
    "script", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet", "param", "style",
    "link", "meta", "base", "form", "portal", "template", "slot", "animate", "set", "animatemotion",
    "animatetransform", "handler", "listener", "foreignobject"})
# Attributes whose value is an address the browser fetches (on any element).
FETCHED = frozenset({"src", "srcset", "imagesrcset", "poster", "data", "background", "lowsrc", "dynsrc",
                     "ping", "action", "formaction", "manifest", "codebase", "archive", "icon"})
LINK_ELEMENTS = frozenset({"a", "area"})
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
FRONT_MATTER_FIELDS = ("title", "description", "hide", "search", "slug")
NO_SCRIPTS = "the site runs no scripts and loads nothing from other websites"

SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
STYLE_LOADS = re.compile(r"url\s*\(|image-set\s*\(|image\s*\(|@import|expression\s*\(|behavior\s*:|-moz-binding|\\")
INLINE_TARGET = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s)]*)")
REFERENCE = re.compile(r"^ {0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*(?P<url><[^>\n]*>|\S+)", re.MULTILINE)
IMAGE_REFERENCE = re.compile(r"!\[(?P<alt>[^\]\n]*)\](?:\[(?P<label>[^\]\n]*)\])?(?!\()")
ATTR_LIST = re.compile(r"\{:?[ \t]*(?P<body>[^}\n]*=[^}\n]*)\}")
ATTR_PAIR = re.compile(r"(?P<name>[^\s=}\"']+)\s*=\s*(?P<value>\"[^\"]*\"|'[^']*'|[^\s}]+)")
ON_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*?[\s/\"'](?P<name>on[a-zA-Z]+)\s*=", re.DOTALL)
ELEMENT = re.compile(r"<\s*/?\s*(?P<name>[a-zA-Z][a-zA-Z0-9:-]*)")


def normalise_address(value: str) -> str:
    """An address as a browser reads it: character references decoded, tabs and line breaks
    inside dropped, control characters and spaces around it dropped, lower case."""
    value = re.sub(r"[\t\n\r]", "", html.unescape(value))
    return value.strip("".join(chr(c) for c in range(0x21))).replace("\\", "/").lower()


def _scheme(address: str) -> str | None:
    found = SCHEME.match(address)
    return found.group(1) if found else None


def _hidden_problem(value: str) -> tuple[str, str] | None:
    index = first_hidden(html.unescape(value))
    if index is None:
        return None
    return (f"this address contains {describe(html.unescape(value)[index])}; it cannot be seen but changes "
            "where the address leads", HIDDEN_EXPECTED)


def link_problem(value: str) -> tuple[str, str] | None:
    """What is wrong with `value` as the address of a link, or None."""
    address = normalise_address(value)
    scheme = _scheme(address)
    if scheme is None or scheme in LINK_SCHEMES:
        return _hidden_problem(value)
    if scheme in ("javascript", "vbscript", "livescript"):
        return (f"this link runs a script when it is followed ({scheme}:); {NO_SCRIPTS}",
                "link to a web page (https://…) or to another page of this site")
    return (f"this link starts with '{scheme}:', which a browser may run or open as a file",
            "link to a web page (https://…), an e-mail address (mailto:…) or another page of this site")


def fetch_problem(value: str, what: str = "this") -> tuple[str, str] | None:
    """What is wrong with `value` as an address the browser fetches (a picture, a file), or None."""
    address = normalise_address(value)
    scheme = _scheme(address)
    if scheme is None and not address.startswith("//"):
        return _hidden_problem(value)
    if scheme in ("javascript", "vbscript", "livescript", "data"):
        return link_problem(value)
    return (f"{what} loads a file from another address ({value.strip()}); published pages make no "
            "request to another website", "save the file in content/ and use its path on this site, "
            "for example assets/picture.png")


def _attribute_problems(element: str, name: str, value: str | None) -> Iterator[tuple[str, str]]:
    name = name.lower()
    value = value or ""
    if name.startswith("on"):
        yield (f"the attribute {name}= runs a script; {NO_SCRIPTS}", "remove the attribute")
        return
    if name == "style" and STYLE_LOADS.search(re.sub(r"/\*.*?\*/|\s", "", html.unescape(value).lower())):
        yield ("this style loads a file or hides code (url(…), @import or an escape); published pages make "
               "no request to another website", "remove the style; the site's look is set in its own style sheet")
        return
    if name == "srcset" or name == "imagesrcset":
        for candidate in value.split(","):
            wrong = fetch_problem(candidate.strip().split(" ")[0], "this picture") if candidate.strip() else None
            if wrong:
                yield wrong
                return
        return
    if name in FETCHED or (name.endswith("href") and element not in LINK_ELEMENTS):
        wrong = fetch_problem(value)
    elif name.endswith("href"):
        wrong = link_problem(value)
    else:
        # Any other attribute whose value is a script address (SVG's `to=`, `values=`, …).
        scheme = _scheme(normalise_address(value))
        wrong = link_problem(value) if scheme in ("javascript", "vbscript", "livescript", "data") else None
    if wrong:
        yield wrong


class _Elements(HTMLParser):
    """Collects a problem per refused element or attribute, at the element's position."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        if tag in REFUSED_ELEMENTS:
            self.found.append((line, offset + 1, f"<{tag}> is not allowed on a page: {NO_SCRIPTS}",
                               "remove it; to show a video, a map or a form, link to it instead"))
        for name, value in attrs:
            for message, expected in _attribute_problems(tag, name, value):
                self.found.append((line, offset + 1, message, expected))

    handle_startendtag = handle_starttag


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _opening_bracket(text: str, close: int) -> int | None:
    """The `[` that the `]` at `close` ends, counting nested brackets."""
    depth = 0
    for index in range(close, -1, -1):
        if text[index] == "]":
            depth += 1
        elif text[index] == "[":
            depth -= 1
            if depth == 0:
                return index
        elif text[index] == "\n" and index > 0 and text[index - 1] == "\n":
            return None
    return None


def _markdown_problems(text: str) -> Iterator[tuple[int, str, str]]:
    """(index, message, expected) for Markdown links, pictures, references and attribute lists."""
    for found in INLINE_TARGET.finditer(text):
        target = found.group(1).strip("<>")
        opening = _opening_bracket(text, found.start())
        picture = opening is not None and opening > 0 and text[opening - 1] == "!"
        wrong = fetch_problem(target, "this picture") if picture else link_problem(target)
        if wrong:
            yield found.start(1), *wrong
    pictures = {(m.group("label") or m.group("alt")).strip().lower() for m in IMAGE_REFERENCE.finditer(text)}
    for found in REFERENCE.finditer(text):
        target = found.group("url").strip("<>")
        picture = found.group("label").strip().lower() in pictures
        wrong = fetch_problem(target, "this picture") if picture else link_problem(target)
        if wrong:
            yield found.start("url"), *wrong
    for found in ATTR_LIST.finditer(text):
        for pair in ATTR_PAIR.finditer(found.group("body")):
            value = pair.group("value").strip("\"'")
            for message, expected in _attribute_problems("", pair.group("name"), value):
                yield found.start("body") + pair.start(), message, expected


def _raw_html_problems(text: str) -> Iterator[tuple[int, int, str, str]]:
    parser = _Elements()
    parser.feed(text)
    parser.close()
    yield from parser.found
    # A second, simpler reading catches what a lenient parser might not see as an element.
    for found in ELEMENT.finditer(text):
        if found.group("name").lower() in REFUSED_ELEMENTS:
            yield *_line_col(text, found.start()), \
                f"<{found.group('name').lower()}> is not allowed on a page: {NO_SCRIPTS}", \
                "remove it; to show a video, a map or a form, link to it instead"
    for found in ON_ATTRIBUTE.finditer(text):
        yield *_line_col(text, found.start("name")), \
            f"the attribute {found.group('name').lower()}= runs a script; {NO_SCRIPTS}", "remove the attribute"


def _front_matter_problems(front: str) -> Iterator[tuple[int, str, str]]:
    for index, char in enumerate(front):
        if is_hidden(char):
            yield index, f"the front matter contains {describe(char)}; it cannot be seen but changes the text", \
                HIDDEN_EXPECTED
    for found in re.finditer(r"^(?P<key>[^\s#:][^:\n]*?)[ \t]*:", front, re.MULTILINE):
        key = found.group("key").strip("'\"")
        if key not in FRONT_MATTER_FIELDS:
            yield found.start(), f"'{key}' is not a front-matter field Podium knows", \
                "known fields: " + ", ".join(FRONT_MATTER_FIELDS)


def _blank_front_matter(text: str) -> tuple[str, int, str]:
    """The page with its front matter blanked out (lines kept), where that front matter's fields
    start, and the fields' text."""
    front = FRONT_MATTER.match(text)
    if not front:
        return text, 0, ""
    start = front.start("body") if front.group("body") else front.end()
    return re.sub(r"[^\n]", " ", text[:front.end()]) + text[front.end():], start, front.group("body") or ""


def page_problems(text: str, path: str) -> list[Problem]:
    """Every refused element, attribute, address and front-matter field of one page, at its place."""
    body, start, front = _blank_front_matter(text)
    found = [(*_line_col(text, start + index), message, expected)
             for index, message, expected in _front_matter_problems(front)]
    # What the YAML reader finds where a hidden character was already named is the same problem.
    places = {(line, col) for line, col, _, _ in found}
    found += [(p.line, p.column, p.message, p.expected) for p in read_front_matter(text, path)[1]
              if (p.line, p.column) not in places]
    body = without_code(body)
    found += _raw_html_problems(body)
    found += [(*_line_col(body, index), message, expected) for index, message, expected in _markdown_problems(body)]
    unique: dict[tuple[int, str], Problem] = {}
    for line, col, message, expected in sorted(found):
        unique.setdefault((line, message), Problem(path, line, col, message, expected))
    return list(unique.values())


def content_problems(root: Path, langs: Iterable[str], macros: Catalog) -> list[Problem]:
    """`page_problems` and the wrong macro lines of every Markdown page in content/<lang>/."""
    problems: list[Problem] = []
    for lang in langs:
        folder = root / "content" / lang
        for page in sorted(folder.rglob("*.md")):
            try:
                text = page.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # the language check names the file and the place of the wrong byte
            path = page.relative_to(root).as_posix()
            problems += page_problems(text, path)
            problems += macro_problems(_blank_front_matter(text)[0], macros, path)
    return problems


def escape_front_matter(meta: dict) -> None:
    """The theme prints `title` and `description` into the page as they are (navigation, header,
    `<title>`, search index); escape them once here, so every template gets safe text."""
    for key in ("title", "description"):
        if isinstance(meta.get(key), str) and not isinstance(meta[key], Markup):
            meta[key] = escape(meta[key])
