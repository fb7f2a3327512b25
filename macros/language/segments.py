"""What the scanners produce: pieces of prose with their place in the file, and the blocks
that in-place suppressions refer to.

A segment's ``text`` has exactly the length of the source it comes from; everything that is
not prose (code, link targets, markup, HTML tags, template syntax) is replaced by spaces.
An offset in ``text`` therefore maps straight back to the file.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import NamedTuple

PROSE_KINDS = frozenset({"paragraph", "data"})
"""Segments that hold running sentences (checked for sentence length and readability)."""


class Segment(NamedTuple):
    start: int
    text: str
    block: int
    kind: str
    lang: str | None = None
    """The language of this piece when the file itself decides it (YAML ``nl:``/``en:`` keys)."""


class Directive(NamedTuple):
    """A ``podium-ignore`` comment: where it is, what it says, and which blocks it covers."""

    start: int
    end: int
    rule_ids: tuple[str, ...]
    reason: str
    blocks: tuple[int, ...] = ()
    inline: bool = False
    """Written inside a paragraph instead of on the line before a block (so it covers nothing)."""


class Blocks:
    """Blocks in document order (paragraphs, list items, headings, tables, YAML strings).

    A block can sit inside another (a paragraph inside a list item); a suppression that covers
    the outer block also covers what is inside it.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.parents: list[int | None] = []

    def new(self, start: int, parent: int | None = None) -> int:
        self.starts.append(start)
        self.parents.append(parent)
        return len(self.starts) - 1

    def first_from(self, offset: int) -> int | None:
        """The first block that starts at or after ``offset``."""
        index = bisect_left(self.starts, offset)
        return index if index < len(self.starts) else None

    def within(self, block: int, outer: int) -> bool:
        current: int | None = block
        while current is not None:
            if current == outer:
                return True
            current = self.parents[current]
        return False


_DIRECTIVE = re.compile(r"\s*podium-ignore\b(?P<rest>.*)", re.S)
_ID_SPLIT = re.compile(r"[\s,]+")


def parse_directive(body: str) -> tuple[tuple[str, ...], str] | None:
    """``(rule ids, reason)`` of a comment body such as ``podium-ignore nl-slaaf: citaat``.

    Returns None when the comment is not a podium-ignore comment at all.
    """
    found = _DIRECTIVE.fullmatch(body)
    if not found:
        return None
    ids_text, _colon, reason = found.group("rest").partition(":")
    rule_ids = tuple(part for part in _ID_SPLIT.split(ids_text.strip()) if part)
    return rule_ids, " ".join(reason.split())


def line_starts(text: str, offset: int) -> list[int]:
    """``offset`` plus the offset of each line's first character in ``text`` (lines end at ``\n``)."""
    # summed without a Python loop: each line takes its length and one for its line end
    return list(accumulate(map((1).__add__, map(len, text.split("\n"))), initial=offset))[:-1]


class LineIndex:
    """Turns character offsets in a text into 1-based (line, column) and back."""

    def __init__(self, text: str):
        self.starts = line_starts(text, 0)

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line0: int, column0: int) -> int:
        """Offset of a 0-based line and column, as YAML marks give them."""
        return self.starts[line0] + column0
