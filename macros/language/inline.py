"""Blanking out what is not prose inside a line or paragraph.

Code spans, HTML comments and tags (with their attributes), template syntax (``{{ }}``,
``{% %}``, ``{# #}``), link targets, URLs, e-mail addresses, attribute lists and emphasis
markers are replaced by characters of the same length: spaces, or ``JOIN`` for markup that
may stand inside a word. Link text and image alt text stay. HTML entities stay too; the
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
            r"(?P<inline></?(?:a|abbr|b|bdi|bdo|cite|data|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strong"
            r"|sub|sup|time|u|var)(?:[\s/][^<>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^<>\"']*)*)?>)",  # inline HTML tag
            r"</?[A-Za-z][A-Za-z0-9:\-]*(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>",  # other HTML tag and attributes
            r"\]\((?:<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
            r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*\)",  # ](target "title")
            r"\]\[[^\]\n]*\]",  # ][reference]
            r"\[\^[^\]\s]+\]",  # footnote reference
            r"\{:?[ \t]*(?:[.#][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
            r"(?:[ \t]+(?:[.#][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+)))*[ \t]*\}",  # { .attr-list }
            r"(?:https?://|ftp://|mailto:|www\.)[^\s<>\"'`()\[\]]*[^\s<>\"'`()\[\].,;:!?]",  # bare URL
            r"\\(?=[\\`*_{}\[\]()#+\-.!|<>~=^])",  # backslash of an escape
            r"(?P<emphasis>[*_]+|~~|==|\^\^)",  # emphasis markers
            r"[`\[\]]+|!(?=\[)",  # link brackets
        )
    )
)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TRIGGER = re.compile(r"[`<{\[\]*_&\\!~=^]")
"""Characters without which ``_NON_PROSE`` cannot match, apart from the strings ://, www. and
mailto:, which are tested on their own: most sentences skip the big pattern. An expression that
opens with a class lets the regex engine skip ahead to the next of its characters."""


_JOINING = ("comment", "inline", "emphasis")
"""Markup that can sit inside a word (``*mid*get``, ``mid<span></span>get``): blanked with
``JOIN``, which ``normalise`` drops, so that the word is whole again for the rules."""


def _blank(found: re.Match) -> str:
    filler = JOIN if found.lastgroup in _JOINING else " "
    return filler * (found.end() - found.start())


def mask_inline(text: str) -> str:
    """``text`` with every non-prose character replaced by a space (same length)."""
    if _TRIGGER.search(text) is not None or "://" in text or "www." in text or "mailto:" in text:
        text = _NON_PROSE.sub(_blank, text)
    if "@" in text:  # e-mail addresses are rare; scanning every word for them is not
        text = _EMAIL.sub(_blank, text)
    return text


def inline_comments(text: str) -> list[tuple[int, int]]:
    """(start, end) of the HTML comments in ``text`` that are not inside code spans."""
    return [found.span() for found in _NON_PROSE.finditer(text) if found.group().startswith("<!--")]
