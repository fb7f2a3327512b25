"""Which pattern rules can match a text at all, decided by plain substring tests.

Running every pattern rule's regular expression over every paragraph costs more than the rest
of the matching together, yet almost every paragraph contains none of the words those patterns
are built around. So, once, when the rule cache is built, each pattern is read (with Python's
own regular-expression parser) for the literal strings a match cannot do without: ``the\\s+
(?:blind|deaf)`` cannot match a text that contains neither "blind" nor "deaf". At check time a
rule's expression only runs on a text that contains one of its strings.

The test is exact, never a guess: a string is only taken as needed when every match of the
pattern contains it (or one of its alternatives), so a text without any of them cannot hold a
match, and skipping it changes no finding. Where a pattern needs no literal string that can be
proven (a class of letters, a case-insensitive group, a construct this reader does not know),
the rule simply runs on every text.
"""

from __future__ import annotations

import re
from itertools import product
from typing import Iterable

MAX_STRINGS = 64
"""The largest set of alternative strings kept for one piece of a pattern; larger sets are
given up (which only makes the test less selective, never wrong)."""
MAX_CLASS = 8
"""A character class of at most this many characters (``[ae]``, ``[-–]``) counts as literal."""

Strings = frozenset  # of str

_EMPTY: Strings = frozenset({""})


def needed_strings(pattern: str) -> Strings | None:
    """Strings such that every match of ``pattern`` (matched without flags) contains one of
    them; None when no such set can be proven."""
    try:
        from re import _constants as c, _parser

        parsed = _parser.parse(pattern, 0)
    except (ImportError, AttributeError, re.error):
        return None
    if parsed.state.flags & (c.SRE_FLAG_IGNORECASE | c.SRE_FLAG_LOCALE):
        return None
    try:
        return _Reader(c).sequence(list(parsed))[1]
    except (TypeError, ValueError, AttributeError):
        return None  # a parse tree of a shape this reader does not know


class _Reader:
    """Walks a parse tree of ``re._parser``. Each piece gives (exact, needed): ``exact`` is the
    set of all texts the piece can match when that set is small (``""`` for optional pieces and
    zero-width assertions), ``needed`` a set of strings every match of the piece contains one of.
    None stands for "unknown" in both."""

    def __init__(self, constants):
        self.c = constants

    def sequence(self, items: list) -> tuple[Strings | None, Strings | None]:
        best: Strings | None = None
        run: Strings | None = None
        whole: Strings | None = _EMPTY
        for op, value in items:
            exact, needed = self.item(op, value)
            whole = _concat(whole, exact)
            if exact is not None:
                joined = _concat(run if run is not None else _EMPTY, exact)
                if joined is None:  # too many combinations: close the run, start again here
                    best = _better(best, run)
                    joined = exact
                run = joined
            else:
                best = _better(_better(best, run), needed)
                run = None
        return whole, _better(best, run)

    def item(self, op, value) -> tuple[Strings | None, Strings | None]:
        c = self.c
        if op is c.LITERAL:
            found = frozenset({chr(value)})
            return found, found
        if op is c.IN:
            found = self.char_class(value)
            return found, found
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return _EMPTY, None  # zero width: the text matched around it is unchanged
        if op is c.SUBPATTERN:
            _group, add_flags, _del_flags, inner = value
            if add_flags & (c.SRE_FLAG_IGNORECASE | c.SRE_FLAG_LOCALE):
                return None, None
            return self.sequence(list(inner))
        if op is c.ATOMIC_GROUP:
            return self.sequence(list(value))
        if op is c.BRANCH:
            return self.branch(value[1])
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, inner = value
            exact, needed = self.sequence(list(inner))
            if low == 0:
                return (exact | _EMPTY if exact is not None and high == 1 else None), None
            return (exact if low == high == 1 else None), needed
        return None, None  # any character, a category, a back-reference …: no literal text

    def branch(self, alternatives: Iterable) -> tuple[Strings | None, Strings | None]:
        exact: Strings | None = frozenset()
        needed: Strings | None = frozenset()
        for alternative in alternatives:
            one_exact, one_needed = self.sequence(list(alternative))
            exact = exact | one_exact if exact is not None and one_exact is not None else None
            needed = needed | one_needed if needed is not None and one_needed is not None else None
        if exact is not None and len(exact) > MAX_STRINGS:
            exact = None
        return exact, _reduced(needed) if needed else None

    def char_class(self, members: list) -> Strings | None:
        c = self.c
        chars: set[str] = set()
        for op, value in members:
            if op is c.LITERAL:
                chars.add(chr(value))
            elif op is c.RANGE and value[1] - value[0] < MAX_CLASS:
                chars.update(chr(code) for code in range(value[0], value[1] + 1))
            else:  # a negation or a category (\w, \s)
                return None
        return frozenset(chars) if 0 < len(chars) <= MAX_CLASS else None


def _concat(left: Strings | None, right: Strings | None) -> Strings | None:
    if left is None or right is None or len(left) * len(right) > MAX_STRINGS:
        return None
    return frozenset(a + b for a, b in product(left, right))


def _reduced(strings: Strings) -> Strings:
    """Without the strings that contain a shorter member: where they occur, that member does too."""
    ordered = sorted(strings, key=len)
    kept: list[str] = []
    for text in ordered:
        if not any(short in text for short in kept):
            kept.append(text)
    return frozenset(kept)


def _better(one: Strings | None, other: Strings | None) -> Strings | None:
    """The more selective of two needed sets: its shortest string is longer, then it has fewer."""
    candidates = [strings for strings in (one, other) if strings and "" not in strings]
    if not candidates:
        return None
    return _reduced(max(candidates, key=lambda strings: (min(map(len, strings)), -len(strings))))


class WordGate:
    """Tells, per text, which of some regular expressions can match it, from the words it holds.

    ``needs`` maps each expression's name to its ``needed_strings`` (None: it may match any
    text). A needed string occurs in a text only if its longest run without white space occurs
    inside one of the text's white-space-separated words, so a text is judged by its words, and
    each distinct word is judged once per process. A text whose words are all known costs a
    split and two set operations.
    """

    def __init__(self, needs: dict[str, Strings | None]):
        self.names = tuple(needs)
        """In the order given, which is the order the caller tries the expressions in."""
        always = frozenset(name for name, strings in needs.items() if not _pieces(strings))
        self.always = tuple(name for name in self.names if name in always)
        self.pieces = tuple((piece, name) for name, strings in needs.items() if name not in always
                            for piece in _pieces(strings))
        ordered = sorted({piece for piece, _ in self.pieces}, key=len, reverse=True)
        self.any_piece = re.compile("|".join(map(re.escape, ordered))) if ordered else None
        self.seen: set[str] = set()
        self.hot: dict[str, tuple[str, ...]] = {}
        """Words seen so far that contain a piece → the names whose pieces they contain, with ``always``."""
        self.hot_words: set[str] = set()

    def active(self, text: str) -> tuple[str, ...]:
        """The names of the expressions that may match ``text``, in their order."""
        if self.any_piece is None:
            return self.always
        words = text.split()
        if not self.seen.issuperset(words):
            self._learn(words)
        found = self.hot_words.intersection(words)
        if not found:
            return self.always
        if len(found) == 1:
            return self.hot[found.pop()]
        wanted = {name for word in found for name in self.hot[word]}
        return tuple(name for name in self.names if name in wanted)

    def _learn(self, words: list[str]) -> None:
        if len(self.seen) > 200_000:  # a bound on memory for very long runs; the verdicts are only a cache
            self.seen.clear()
            self.hot.clear()
            self.hot_words.clear()
        for word in set(words).difference(self.seen):
            self.seen.add(word)
            if self.any_piece.search(word) is not None:
                names = {name for piece, name in self.pieces if piece in word}
                self.hot[word] = tuple(name for name in self.names if name in names or name in self.always)
                self.hot_words.add(word)


def _pieces(strings: Strings | None) -> frozenset[str]:
    """The longest run without white space of each string; empty when one string has none."""
    if not strings:
        return frozenset()
    pieces = set()
    for text in strings:
        runs = text.split()
        if not runs:
            return frozenset()
        pieces.add(max(runs, key=len))
    return frozenset(pieces)
