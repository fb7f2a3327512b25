"""Blanking out what is not prose inside a line or paragraph.

Code spans, HTML comments and tags (with their attributes), template syntax (``{{ }}``,
``{% %}``, ``{# #}``), link targets, URLs, e-mail addresses, attribute lists and emphasis
markers are replaced by characters of the same length: spaces, or ``JOIN`` for markup that
shows as nothing and so may stand inside a word. Link text and image alt text stay. HTML entities stay too; the
normaliser decodes them.
"""

from __future__ import annotations

import re

from .normalise import JOIN

_NON_PROSE = re.compile(
    "|".join(
        (
            r"(?P<ticks>`+)[\s\S]*?(?<!`)(?P=ticks)(?!`)",  # code span
            r"(?P<comment><!--[\s\S]*?-->)",  # HTML comment
            r"\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}",  # Jinja / macros
            r"\{[a-z_][a-z0-9_]*\}",  # a {placeholder} that Podium fills in (UI strings)
            r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>",  # autolink
            r"(?P<inline></?(?:a|abbr|b|bdi|bdo|big|cite|data|del|dfn|em|font|i|ins|kbd|label|mark|nobr|q|s|samp|small"
            r"|span|strike|strong|sub|sup|time|tt|u|var|wbr)(?:[\s/][^<>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^<>\"']*)*)?>)",  # inline HTML tag
            r"(?P<tag></?[A-Za-z][A-Za-z0-9:\-]*(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>)",  # other HTML tag and attributes
            r"(?P<target>\]\((?:<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
            r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*\))",  # ](target "title")
            r"(?P<reference>\]\[[^\]\n]*\])",  # ][reference]
            r"\[\^[^\]\s]+\]",  # footnote reference
            r"\{:?[ \t]*(?:[.#][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
            r"(?:[ \t]+(?:[.#][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+)))*[ \t]*\}",  # { .attr-list }
            r"(?:https?://|ftp://|mailto:|www\.)[^\s<>\"'`()\[\]]*[^\s<>\"'`()\[\].,;:!?]",  # bare URL
            r"(?P<escape>\\(?=[\\`*_{}\[\]()#+\-.!|<>~=^]))",  # backslash of an escape
            r"(?P<emphasis>[*_]+|~~|==|\^\^)",  # emphasis markers
            r"(?P<link>[\[\]]+|!(?=\[))",  # link brackets
            r"`+",  # a stray backtick
        )
    )
)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TRIGGER = re.compile(r"[`<{\[\]*_&\\!~=^]")
"""Characters without which ``_NON_PROSE`` cannot match, apart from the strings ://, www. and
mailto:, which are tested on their own: most sentences skip the big pattern. An expression that
opens with a class lets the regex engine skip ahead to the next of its characters."""


_JOINING = frozenset({"comment", "inline", "escape", "emphasis"})
"""Markup that shows as nothing and so can sit inside a word (``*mid*get``,
``mid<span></span>get``, ``mid<wbr>get``): blanked with ``JOIN``, which ``normalise`` drops, so
that the word is whole again for the rules."""
_LINK_PARTS = frozenset({"target", "reference", "link"})
"""The parts of a link, which show as nothing too: they join only where a word goes on past
them (``mid[get](page.md)``, ``[mid](page.md)get``). Most links stand between words, and
blanking those with spaces keeps their text on the normaliser's fast path."""


def _blank(found: re.Match) -> str:
    kind = found.lastgroup
    filler = JOIN if kind in _JOINING or (kind in _LINK_PARTS and _word_goes_on(found)) else " "
    return filler * (found.end() - found.start())


def _word_goes_on(found: re.Match) -> bool:
    """Whether a letter touches the outer side of a link part: before an opening bracket, after
    a closing one and its target."""
    text, start, end = found.string, found.start(), found.end()
    if text[start] == "]":
        return end < len(text) and text[end].isalpha()
    return start > 0 and text[start - 1].isalpha()


def mask_inline(text: str) -> str:
    """``text`` with every non-prose character replaced by a space (same length)."""
    if _TRIGGER.search(text) is not None or "://" in text or "www." in text or "mailto:" in text:
        text = _NON_PROSE.sub(_blank, text)
    if "@" in text:  # e-mail addresses are rare; scanning every word for them is not
        text = _EMAIL.sub(_blank, text)
    return text


_SHOWN_ATTRIBUTE = re.compile(
    r"""\s(?:alt|title|aria-label|aria-description|placeholder)\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""",
    re.I,
)
"""Attributes whose text readers get: alternative text, tooltips, labels for screen readers."""
_MAY_SHOW_ATTRIBUTE = re.compile(r"""(?:alt|title|label|description|placeholder)\s*=|\]\([^)\s]*\s+["'(]""", re.I)
"""Without one of these a text has no attribute value to check, and skips the scan."""
_LINK_TITLE = re.compile(r"""\s(?:"(?P<double>[^"\n]*)"|'(?P<single>[^'\n]*)'|\((?P<round>[^()\n]*)\))\s*\)$""")


def shown_attributes(text: str) -> list[tuple[int, int]]:
    """(start, end) of the attribute values in ``text`` that readers get although the mask
    blanks them: ``alt``, ``title`` and ``aria-label`` of HTML tags and the title of a link or
    image (``[text](page.md "title")``), outside code spans and comments."""
    if ("=" not in text and "](" not in text) or _MAY_SHOW_ATTRIBUTE.search(text) is None:
        return []
    spans: list[tuple[int, int]] = []
    for found in _NON_PROSE.finditer(text):
        kind = found.lastgroup
        if kind in ("inline", "tag"):
            values = _SHOWN_ATTRIBUTE.finditer(found.group())
        elif kind == "target":
            values = _LINK_TITLE.finditer(found.group())
        else:
            continue
        for value in values:
            group = value.lastgroup
            if value.group(group).strip():
                spans.append((found.start() + value.start(group), found.start() + value.end(group)))
    return spans


def inline_comments(text: str) -> list[tuple[int, int]]:
    """(start, end) of the HTML comments in ``text`` that are not inside code spans."""
    return [found.span() for found in _NON_PROSE.finditer(text) if found.group().startswith("<!--")]
