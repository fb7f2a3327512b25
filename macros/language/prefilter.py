"""Which pattern rules can match a text at all, decided by plain substring tests.

Running every pattern rule's regular expression over every paragraph costs more than the rest
of the matching together, yet almost every paragraph contains none of the words those patterns
are built around. So, once, when the rule cache is built, each pattern is read (with Python's
own regular-expression parser) for the literal strings a match cannot do without: ``the\\s+
(?:blind|deaf)`` cannot match a text that contains neither "blind" nor "deaf", nor one without
"the". A pattern with several such parts needs one string of each set, and a word boundary
around a string is kept: ``every\\s+visitor\\b.*\\bhis\\b`` needs "his" as a word of its own,
which "this" is not. At check time each pattern of a rule only runs on a text that contains a
string of each of its sets: where a rule has a pattern built around "blind" and another around
"doof", a text with "blind" and without "doof" runs the first alone.

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

from .program import compile_program, make_program

MAX_STRINGS = 64
"""The largest set of alternative strings kept for one piece of a pattern; larger sets are
given up (which only makes the test less selective, never wrong)."""
MAX_CLASS = 8
"""A character class of at most this many characters (``[ae]``, ``[-–]``) counts as literal."""

Strings = frozenset  # of str

_EMPTY: Strings = frozenset({""})
BOUNDARY = "\x00"
"""Stands for a word boundary inside a needed string (a character no rule pattern holds)."""
_MARK: Strings = frozenset({BOUNDARY})


def needed_strings(pattern: str) -> Strings | None:
    """Strings such that every match of ``pattern`` (matched without flags) contains one of
    them; None when no such set can be proven."""
    best: Strings | None = None
    for strings in _read(pattern, boundaries=False):
        best = _better(best, strings)
    return best


def needed_sets(pattern: str) -> tuple[Strings, ...]:
    """Sets of strings such that every match of ``pattern`` contains a string of each set; empty
    when none can be proven. A string may hold ``BOUNDARY``, which stands for a word boundary
    (``\\b``) at that place: ``\\bhe\\b`` needs "he" as a whole word, not inside "the"."""
    return tuple(_reduced(strings) for strings in _read(pattern, boundaries=True))


MAX_SPREAD = 64
"""The most alternatives ``spread_alternatives`` writes out."""


def spread_alternatives(pattern: str) -> tuple[object | None, frozenset[str]] | None:
    """``pattern``'s parse tree written as alternatives that each open with a fixed letter, and
    those letters; None when that cannot be done. The regex engine only jumps from one place
    where such a letter stands to the next when every alternative at the top of the expression
    opens with one (``the\\s+…``, ``varen\\s…|voer\\s…``), so a group of alternatives at the start
    of an alternative is written out: ``(?:a|b)c`` becomes ``ac|bc``, which matches the same text
    and prefers the same match, as both try ``a`` then ``b`` before ``c``. The tree is None when
    the expression already opens so (then it is best compiled as written: a fixed string at its
    start is searched for faster still)."""
    found = _parse(pattern)
    if found is None:
        return None
    c, parsed = found
    if parsed.state.groups > 1 or parsed.state.flags & (c.SRE_FLAG_IGNORECASE | c.SRE_FLAG_LOCALE):
        return None  # a numbered group cannot be written twice
    try:
        items = list(parsed)
        alternatives = _opening(c, items)
        if alternatives is None:
            return None
        letters = frozenset(chr(alternative[0][1]) for alternative in alternatives)
        op, value = items[0]
        if op is c.LITERAL or (op is c.BRANCH and all(list(alternative)[0][0] is c.LITERAL for alternative in value[1])):
            return None, letters  # it opens so already
        from re import _parser

        branch = [_parser.SubPattern(parsed.state, alternative) for alternative in alternatives]
        return _parser.SubPattern(parsed.state, [(c.BRANCH, (None, branch))]), letters
    except (TypeError, ValueError, AttributeError, IndexError, ImportError):
        return None  # a parse tree of a shape this reader does not know


def _class_chars(c, members: list) -> list[int] | None:
    """The characters of a class of single characters and short ranges; None for any other class."""
    chars: list[int] = []
    for op, value in members:
        if op is c.LITERAL:
            chars.append(value)
        elif op is c.RANGE and value[1] - value[0] < MAX_CLASS:
            chars.extend(range(value[0], value[1] + 1))
        else:
            return None
    return chars or None


def _opening(c, items: list) -> list[list] | None:
    """``items`` (a sequence of the parse tree) as alternatives, in order, that each open with a
    literal character; None when that cannot be done within ``MAX_SPREAD`` alternatives."""
    if not items:
        return None
    op, value = items[0]
    rest = items[1:]
    if op is c.LITERAL:
        return [items]
    if op is c.IN:
        chars = _class_chars(c, value)
        if chars is None or len(chars) > MAX_CLASS:
            return None
        return [[(c.LITERAL, char)] + rest for char in chars]  # one character: the order does not matter
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) and value[:2] == (0, 1):
        # an optional piece: taken first when greedy, left out first when lazy
        taken, left_out = _opening(c, list(value[2]) + rest), _opening(c, rest)
        if taken is None or left_out is None or len(taken) + len(left_out) > MAX_SPREAD:
            return None
        return taken + left_out if op is c.MAX_REPEAT else left_out + taken
    if op is c.SUBPATTERN and value[0] is None and not value[1] and not value[2]:
        return _opening(c, list(value[3]) + rest)
    if op is c.BRANCH:
        alternatives: list[list] = []
        for alternative in value[1]:
            spread = _opening(c, list(alternative) + rest)
            if spread is None or len(alternatives) + len(spread) > MAX_SPREAD:
                return None
            alternatives.extend(spread)
        return alternatives
    return None


def _parse(pattern: str) -> tuple | None:
    """re's constants and the parse tree of ``pattern``; None when this Python's re does not
    offer them (they are internal to re) or the pattern is not valid."""
    try:
        from re import _constants as c, _parser

        return c, _parser.parse(pattern, 0)
    except (ImportError, AttributeError, re.error):
        return None


def _read(pattern: str, boundaries: bool) -> list[Strings]:
    found = _parse(pattern)
    if found is None:
        return []
    c, parsed = found
    if parsed.state.flags & (c.SRE_FLAG_IGNORECASE | c.SRE_FLAG_LOCALE):
        return []
    try:
        return _Reader(c, boundaries).sequence(list(parsed))[1]
    except (TypeError, ValueError, AttributeError):
        return []  # a parse tree of a shape this reader does not know


class _Reader:
    """Walks a parse tree of ``re._parser``. Each piece gives (exact, needs): ``exact`` is the
    set of all texts the piece can match when that set is small (``""`` for optional pieces and
    zero-width assertions), or None for "unknown"; ``needs`` a list of sets of strings such that
    every match of the piece contains one string of each set."""

    def __init__(self, constants, boundaries: bool):
        self.c = constants
        self.boundaries = boundaries

    def sequence(self, items: list) -> tuple[Strings | None, list[Strings]]:
        needs: list[Strings | None] = []
        run: Strings | None = None
        whole: Strings | None = _EMPTY
        for op, value in items:
            exact, item_needs = self.item(op, value)
            whole = _concat(whole, exact)
            if exact is not None:
                joined = _concat(run if run is not None else _EMPTY, exact)
                if joined is None:  # too many combinations: close the run, start again here
                    needs.append(run)
                    joined = exact
                run = joined
            else:
                needs.append(run)
                needs.extend(item_needs)
                run = None
        needs.append(run)
        return whole, _useful(needs)

    def item(self, op, value) -> tuple[Strings | None, list[Strings]]:
        c = self.c
        if op is c.LITERAL:
            if chr(value) == BOUNDARY:
                return None, []  # the stand-in for a boundary itself: say nothing about it
            found = frozenset({chr(value)})
            return found, [found]
        if op is c.IN:
            found = self.char_class(value)
            return found, _useful([found])
        if op is c.AT and value is c.AT_BOUNDARY and self.boundaries:
            return _MARK, []
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return _EMPTY, []  # zero width: the text matched around it is unchanged
        if op is c.SUBPATTERN:
            _group, add_flags, _del_flags, inner = value
            if add_flags & (c.SRE_FLAG_IGNORECASE | c.SRE_FLAG_LOCALE):
                return None, []
            return self.sequence(list(inner))
        if op is c.ATOMIC_GROUP:
            return self.sequence(list(value))
        if op is c.BRANCH:
            return self.branch(value[1])
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, inner = value
            exact, needs = self.sequence(list(inner))
            if low == 0:
                return (exact | _EMPTY if exact is not None and high == 1 else None), []
            return (exact if low == high == 1 else None), needs
        return None, []  # any character, a category, a back-reference …: no literal text

    def branch(self, alternatives: Iterable) -> tuple[Strings | None, list[Strings]]:
        exact: Strings | None = frozenset()
        each: list[list[Strings]] = []
        for alternative in alternatives:
            one_exact, one_needs = self.sequence(list(alternative))
            exact = exact | one_exact if exact is not None and one_exact is not None else None
            each.append(one_needs)
        if exact is not None and len(exact) > MAX_STRINGS:
            exact = None
        return exact, _either(each)

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


def _either(each: list[list[Strings]]) -> list[Strings]:
    """What every match of one of several alternatives needs, from what each alternative needs.

    Taking one set from each alternative and joining them always gives a valid set. Two kinds
    are made: the most selective set of each alternative joined, and, for each set of the first
    alternative, the set of every other alternative that shares the most strings with it (else
    the one at the same place), so that parts the alternatives have in common (a pronoun at the
    end of each) become a set of their own.
    """
    if not each or any(not needs for needs in each):
        return []
    choices = [[max(needs, key=_selectivity) for needs in each]]
    for place, reference in enumerate(each[0]):
        choices.append([max(needs, key=lambda strings: (len(strings & reference), strings is needs[min(place, len(needs) - 1)]))
                        for needs in each])
    joined: list[Strings] = []
    for chosen in choices:
        strings = _reduced(frozenset().union(*chosen))
        if strings not in joined:
            joined.append(strings)
    return joined


def _selectivity(strings: Strings) -> tuple[int, int]:
    """Higher for a set whose shortest string is longer, then for a set with fewer strings."""
    return min(len(text.replace(BOUNDARY, "")) for text in strings), -len(strings)


def _useful(needs: list[Strings | None]) -> list[Strings]:
    """The sets that say something: known, and each string has a character besides boundaries."""
    return [_reduced(strings) for strings in needs
            if strings and all(text.replace(BOUNDARY, "") for text in strings)]


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

    ``needs`` maps each expression's name to its ``needed_sets`` (a single set of strings is read
    as one set, and None or no set means it may match any text). A needed string occurs in a text
    only if its longest run without white space occurs inside one of the text's
    white-space-separated words (a word boundary in it holds in the word as in the text, since
    white space is no word character), so a text is judged by its words, and each distinct word
    is judged once per process. An expression is listed when the text holds a string of each of
    its sets. A text whose words are all known costs a split and one look-up per word; a new word
    costs one look-up per substring as long as some piece.
    """

    def __init__(self, needs: dict[str, Strings | tuple[Strings, ...] | None], program: tuple | None = None):
        self.names = tuple(needs)
        """In the order given, which is the order the caller tries the expressions in."""
        sets = {name: _as_sets(strings) for name, strings in needs.items()}
        self.always = tuple(name for name in self.names if not sets[name])
        # Each set of each name is one bit; a word stands for the bits of the sets it meets.
        required: dict[str, int] = {}
        pieces: dict[str, int] = {}
        keys: dict[int, int] = {}
        bit = 1
        for index, (name, name_sets) in enumerate(sets.items()):
            required[name] = 0
            rarest = max(range(len(name_sets)), key=lambda at: _rarity(name_sets[at]), default=None)
            for at, strings in enumerate(name_sets):
                required[name] |= bit
                for piece in strings:
                    pieces[piece] = pieces.get(piece, 0) | bit
                if at == rarest:
                    keys[bit] = index
                bit <<= 1
        self.required = tuple(required.items())
        """Per name, in order: the bits of its sets, all of which a text must meet (0 for the ungated)."""
        self.keys = keys
        """The bit of each gated name's set that a text meets least often (its longest words), to
        the name's index in ``required``: a name whose key bit a text misses cannot be met."""
        self.key_mask = sum(keys)
        self.ungated = tuple(index for index, (_, needed) in enumerate(self.required) if not needed)
        # a first, quick look for the pieces without their boundaries; ``pieces`` then decides
        ordered = sorted({piece.replace(BOUNDARY, "") for piece in pieces}, key=len, reverse=True)
        self.any_piece = compile_program("|".join(map(re.escape, ordered)), program) if ordered else None
        """``program``: this expression's, as ``make_program`` made it when the rule cache was built."""
        self.program = program
        self.cores: dict[str, tuple[tuple[bool, bool, int], ...]] = {}
        """Per piece without its boundaries: (boundary before, boundary after, bits) of each piece
        written so. A word is judged by looking each of its substrings up here."""
        odd = []
        for piece, bits in pieces.items():
            parts = piece.split(BOUNDARY)
            core = "".join(parts)
            if len(parts) > 3 or any(parts[1:-1]) or not core:
                odd.append((re.compile(r"\b".join(map(re.escape, parts))).search, bits))
            else:
                place = (len(parts) > 1 and parts[0] == "", len(parts) > 1 and parts[-1] == "", bits)
                self.cores[core] = self.cores.get(core, ()) + (place,)
        self.odd = tuple(odd)
        """(search, bits) of the pieces with a boundary inside them, which a look-up cannot judge."""
        self.lengths = tuple(sorted({len(core) for core in self.cores}))
        self.verdicts: dict[str, int] = {}
        """Each distinct word seen so far → the bits of the sets it meets (0 for most words)."""
        self._answers: dict[int, tuple[str, ...]] = {}
        """Per combination of sets met: the answer."""

    def prepare(self) -> None:
        """Make the program of the quick look, to keep with the gate in the rule cache."""
        if self.any_piece is not None:
            self.program = make_program(self.any_piece.pattern)

    # Kept in the rule cache without its compiled expressions (which cannot be stored) and without
    # what a run learns; reading it back costs far less than working out the pieces again.
    def __getstate__(self) -> dict:
        state = self.__dict__ | {"verdicts": {}, "_answers": {}}
        state["any_piece"] = None if self.any_piece is None else self.any_piece.pattern
        state["odd"] = tuple((search.__self__.pattern, bits) for search, bits in self.odd)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        if self.any_piece is not None:
            self.any_piece = compile_program(self.any_piece, self.program)
        self.odd = tuple((re.compile(pattern).search, bits) for pattern, bits in self.odd)

    def active(self, text: str) -> tuple[str, ...]:
        """The names of the expressions that may match ``text``, in their order."""
        if self.any_piece is None:
            return self.always
        met = 0
        verdicts = self.verdicts
        for word in text.split():
            bits = verdicts.get(word)
            if bits is None:
                bits = self._learn(word)
            met |= bits
        if not met:
            return self.always
        answer = self._answers.get(met)
        if answer is None:
            if len(self._answers) > 10_000:
                self._answers.clear()
            answer = self._answers[met] = self._names_met(met)
        return answer

    def _names_met(self, met: int) -> tuple[str, ...]:
        """The names all of whose sets ``met`` meets, in their order: the ungated ones, and of the
        others only those whose key set ``met`` meets are tested in full. Most paragraphs meet the
        common words of many names (the, een, zijn) and the key words of very few, so this looks
        at a handful of names instead of all of them (``test_language_prefilter`` holds it
        against the test of every name)."""
        required, keys = self.required, self.keys
        chosen = list(self.ungated)
        rest = met & self.key_mask
        while rest:
            key = rest & -rest
            index = keys[key]
            needed = required[index][1]
            if met & needed == needed:
                chosen.append(index)
            rest ^= key
        if len(chosen) > 1:
            chosen.sort()
        return tuple(required[index][0] for index in chosen)

    def _learn(self, word: str) -> int:
        if len(self.verdicts) > 200_000:  # a bound on memory for very long runs; the verdicts are only a cache
            self.verdicts.clear()
        bits = self._bits(word) if self.any_piece.search(word) is not None else 0
        self.verdicts[word] = bits
        return bits

    def _bits(self, word: str) -> int:
        """The bits of the pieces ``word`` holds: each of its substrings as long as some piece is
        looked up, which costs far less than a test per piece when there are many pieces."""
        bits = 0
        cores = self.cores
        size = len(word)
        for length in self.lengths:
            if length > size:
                break
            for at in range(size - length + 1):
                places = cores.get(word[at : at + length])
                if places is None:
                    continue
                for left, right, piece_bits in places:
                    if (not left or _boundary(word, at)) and (not right or _boundary(word, at + length)):
                        bits |= piece_bits
        for search, piece_bits in self.odd:
            if search(word) is not None:
                bits |= piece_bits
        return bits


def _as_sets(strings: Strings | tuple[Strings, ...] | None) -> tuple[frozenset[str], ...]:
    """The pieces of each set; a set with a string that has no piece says nothing and is left out."""
    if not strings:
        return ()
    sets = (strings,) if isinstance(strings, frozenset) else strings
    return tuple(pieces for pieces in map(_pieces, sets) if pieces)


def _rarity(pieces: frozenset[str]) -> tuple[int, int]:
    """How seldom a text is likely to meet a set of pieces: its shortest piece is longer, then
    it has fewer pieces (``the`` or ``zijn`` stand in most paragraphs, ``bezoeker`` in few)."""
    return min(len(piece.replace(BOUNDARY, "")) for piece in pieces), -len(pieces)


def _boundary(word: str, at: int) -> bool:
    """Whether ``\\b`` holds at ``at`` in ``word``: a word character on one side only."""
    return (at > 0 and _word_char(word[at - 1])) != (at < len(word) and _word_char(word[at]))


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _pieces(strings: Strings | None) -> frozenset[str]:
    """The longest run without white space of each string; empty when one string has none."""
    if not strings:
        return frozenset()
    pieces = set()
    for text in strings:
        runs = [run for run in text.split() if run.replace(BOUNDARY, "")]
        if not runs:
            return frozenset()
        pieces.add(max(runs, key=lambda run: len(run.replace(BOUNDARY, ""))))
    return frozenset(pieces)
