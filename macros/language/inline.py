"""Blanking out what is not prose inside a line or paragraph.

Code spans, HTML comments and tags (with their attributes), template syntax (``{{ }}``,
``{% %}``, ``{# #}``), link targets, URLs, e-mail addresses, attribute lists and emphasis
markers are replaced by spaces of the same length. Link text and image alt text stay.
"""

from __future__ import annotations

import re

_NON_PROSE = re.compile(
    "|".join(
        (
            r"(?P<ticks>`+)[\s\S]*?(?<!`)(?P=ticks)(?!`)",  # code span
            r"<!--[\s\S]*?-->",  # HTML comment
            r"\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}",  # Jinja / macros
            r"\{[a-z_][a-z0-9_]*\}",  # a {placeholder} that Podium fills in (UI strings)
            r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>",  # autolink
            r"</?[A-Za-z][A-Za-z0-9:\-]*(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>",  # HTML tag and attributes
            r"\]\((?:<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
            r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*\)",  # ](target "title")
            r"\]\[[^\]\n]*\]",  # ][reference]
            r"\[\^[^\]\s]+\]",  # footnote reference
            r"\{:?[ \t]*(?:[.#][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
            r"(?:[ \t]+(?:[.#][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+)))*[ \t]*\}",  # { .attr-list }
            r"(?:https?://|ftp://|mailto:|www\.)[^\s<>\"'`()\[\]]*[^\s<>\"'`()\[\].,;:!?]",  # bare URL
            r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",  # HTML entity
            r"\\(?=[\\`*_{}\[\]()#+\-.!|<>~=^])",  # backslash of an escape
            r"[*_`\[\]]+|~~|==|\^\^|!(?=\[)",  # emphasis and link brackets
        )
    )
)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TRIGGER = re.compile(r"[`<{\[\]*_&\\!~=^]|://|www\.|mailto:")
"""Characters without which ``_NON_PROSE`` cannot match: most sentences skip the big pattern."""


def _blank(found: re.Match) -> str:
    return " " * (found.end() - found.start())


def mask_inline(text: str) -> str:
    """``text`` with every non-prose character replaced by a space (same length)."""
    if _TRIGGER.search(text) is not None:
        text = _NON_PROSE.sub(_blank, text)
    if "@" in text:  # e-mail addresses are rare; scanning every word for them is not
        text = _EMAIL.sub(_blank, text)
    return text


def inline_comments(text: str) -> list[tuple[int, int]]:
    """(start, end) of the HTML comments in ``text`` that are not inside code spans."""
    return [found.span() for found in _NON_PROSE.finditer(text) if found.group().startswith("<!--")]
