"""The text the rules see, and the way back to the text the writer wrote.

Words can hide from a word list without looking any different to a reader: a soft hyphen or a
zero-width space inside a word (Word and web pages paste them), a Cyrillic or Greek letter that
looks like a Latin one, a fullwidth letter, an HTML entity (``&shy;``, ``&#109;``), or inline
markup that splits the word (``*mid*get``, ``mid<span></span>get``). ``normalise`` removes all
of that before matching:

* Unicode NFKC (fullwidth and mathematical letters, ligatures become plain letters);
* invisible characters are dropped: the format characters (Unicode category Cf: soft hyphen,
  zero-width space, joiner and non-joiner, word joiner, byte-order mark, direction marks …) and
  the other characters Unicode says to show as nothing (variation selectors, the combining
  grapheme joiner, Hangul fillers …), and a blank that is no space (braille blank) or a very
  narrow space (hair, thin, narrow no-break) between two letters;
* combining marks that do not join their letter into one accented letter are dropped, so a
  stroke or a line drawn through a word (``m̶i̶d̶g̶e̶t̶``) leaves it readable to the rules as it is
  to a reader (an accent typed apart, as in ``patie\u0308nt``, stays for the matcher);
* letters of other scripts that look like Latin letters are mapped to them, using Unicode's
  confusables data as packaged by ``confusable-homoglyphs``;
* HTML entities, named and numeric, are decoded;
* markup that ``inline.mask_inline`` marked as joining (``JOIN``) is dropped, so the two halves
  of a split word meet again.

Every character of the result remembers which characters of the source it came from, so a
finding still points at the exact line and column the writer sees. The invisible characters and
the words that mix scripts are reported too, because they have no place in published prose.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

JOIN = "\x00"
"""Stands in for markup inside a word (emphasis markers, inline tags, comments); dropped here."""

_ATTENTION = re.compile(r"[^\x01-%'-\x9f\u00c0-\u0131\u0134-\u024f\u2010-\u2029\u2030-\u205e]")
"""Characters that may need work: NUL (``JOIN``), ``&``, U+00A0–U+00BF, Ĳ ĳ, U+0250–U+200F,
U+202A–U+202F, U+205F and everything from U+2060 on. Plain ASCII, Latin letters with accents and common
punctuation (dashes, quotation marks) are left as they are, which keeps most text on the fast
path. Written as the characters it leaves alone, because Python compiles that short class
several times faster than the class that runs to the last code point, on every start."""

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LETTER_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC"})
"""Scripts with letters that can pass for Latin ones; a word mixing two of them is suspect."""
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
"""Unicode's default-ignorable code points that are not format characters (Cf): a program
shows them as nothing, so they can hide inside a word as well as a zero-width space can."""
_VARIATION_SELECTOR = re.compile("[\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_BLANK_IN_WORD = frozenset("\u2006\u2008\u2009\u200a\u202f\u205f\u2800")
"""Blanks a reader can hardly see between two letters (six-per-em, punctuation, thin, hair,
narrow no-break and medium mathematical spaces, braille blank): inside a word they split it
for a word list without splitting it for the eye. Elsewhere (``10\u202f000``) they are fine."""


class Anomaly(NamedTuple):
    """An invisible character or a word that mixes scripts, as source offsets."""

    start: int
    end: int
    kind: str
    """``invisible`` or ``mixed-script``."""
    detail: str


class Normalised(NamedTuple):
    text: str
    """What the rules see."""
    starts: tuple[int, ...] | None
    """Per piece of ``text``: where it starts in ``text`` (None: ``text`` is the source itself)."""
    sources: tuple[tuple[int, int, bool], ...]
    """Per piece: (start, end) in the source, and whether the piece is a verbatim copy."""
    anomalies: tuple[Anomaly, ...]

    def source_start(self, offset: int) -> int:
        if self.starts is None:
            return offset
        piece = bisect_right(self.starts, offset) - 1
        start, _end, copied = self.sources[piece]
        return start + (offset - self.starts[piece]) if copied else start

    def source_end(self, offset: int) -> int:
        """The source offset just after the character before ``offset`` (for exclusive ends)."""
        if self.starts is None or offset == 0:
            return offset
        piece = bisect_right(self.starts, offset - 1) - 1
        start, end, copied = self.sources[piece]
        return start + (offset - self.starts[piece]) if copied else end


def normalise(source: str) -> Normalised:
    """``source`` as the rules should see it, with the map back to ``source``."""
    if _ATTENTION.search(source) is None:
        return Normalised(source, None, (), ())
    pieces: list[str] = []
    starts: list[int] = []
    sources: list[tuple[int, int, bool]] = []
    anomalies: list[Anomaly] = []
    length = 0
    done = 0

    def add(text: str, start: int, end: int, copied: bool) -> None:
        nonlocal length
        if text:
            pieces.append(text)
            starts.append(length)
            sources.append((start, end, copied))
            length += len(text)

    for found in _ATTENTION.finditer(source):
        at = found.start()
        if at < done:  # inside an entity already decoded
            continue
        add(source[done:at], done, at, True)
        char = source[at]
        end = at + 1
        if char == "&":
            entity = _ENTITY.match(source, at)
            if entity is None:
                add("&", at, end, True)
                done = end
                continue
            end = entity.end()
            import html  # only for text that holds an entity

            char = html.unescape(entity.group())
        if char in _BLANK_IN_WORD and _between_letters(source, at, end):
            replacement = ""
            anomalies.append(Anomaly(at, end, "invisible", unicodedata.name(char)))
        elif _accent_of_its_letter(source, at, end):
            replacement = char
        else:
            replacement = "".join(_plain(piece) for piece in char)
            for piece in char:
                if _hidden(piece, source, at, end):
                    anomalies.append(Anomaly(at, end, "invisible", unicodedata.name(piece, f"U+{ord(piece):04X}")))
        add(replacement, at, end, False)
        done = end
    add(source[done:], done, len(source), True)
    anomalies.extend(_mixed_script_words(source))
    return Normalised("".join(pieces), tuple(starts), tuple(sources), tuple(anomalies))


@lru_cache(maxsize=4096)
def _plain(char: str) -> str:
    """One source character as the rules see it."""
    if char == JOIN or _invisible(char) or unicodedata.category(char) in ("Mn", "Me"):
        return ""
    folded = unicodedata.normalize("NFKC", char)
    if folded != char:
        return "".join(_plain(piece) for piece in folded)
    return _latin_look_alike(char) or char


@lru_cache(maxsize=4096)
def _latin_look_alike(char: str) -> str | None:
    """The Latin letter ``char`` passes for, when it is a letter of another script."""
    if not char.isalpha() or _script(char) in ("LATIN", None):
        return None
    from confusable_homoglyphs import confusables  # loaded only when such a letter occurs

    found = confusables.is_confusable(char, greedy=True, preferred_aliases=["latin"])
    for item in found or ():
        for glyph in item["homoglyphs"]:
            if glyph["c"].isascii() and glyph["c"].isalpha():
                return glyph["c"]
    return None


@lru_cache(maxsize=4096)
def _script(char: str) -> str | None:
    if char.isascii():
        return "LATIN" if char.isalpha() else None
    from confusable_homoglyphs import categories

    script = categories.alias(char)
    return script if script in _LETTER_SCRIPTS else None


def _invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or _IGNORABLE.match(char) is not None


def _hidden(char: str, source: str, start: int, end: int) -> bool:
    """Whether an invisible character in the source is a finding: not when it belongs to an
    emoji, and a variation selector only after a letter (after a symbol it picks the emoji or
    the text style, as in ❤️ or 1️⃣)."""
    if not _invisible(char):
        return False
    if _VARIATION_SELECTOR.match(char):
        return start > 0 and _script(source[start - 1]) is not None
    return not _joins_emoji(source, start, end)


def _accent_of_its_letter(source: str, start: int, end: int) -> bool:
    """Whether a combining mark forms one precomposed letter with the letter before it (and the
    marks between them), as an ë typed as e and a diaeresis does."""
    if end - start != 1 or unicodedata.category(source[start]) != "Mn":
        return False
    base = start - 1
    while base >= 0 and unicodedata.category(source[base]) == "Mn":
        base -= 1
    return base >= 0 and source[base].isalpha() and len(unicodedata.normalize("NFC", source[base:end])) == 1


def _between_letters(source: str, start: int, end: int) -> bool:
    return start > 0 and end < len(source) and source[start - 1].isalpha() and source[end].isalpha()


def _joins_emoji(source: str, start: int, end: int) -> bool:
    """A zero-width joiner between two symbols, or a tag after a flag, belongs to an emoji.

    The symbol before it may carry a variation selector or a skin tone (the rainbow and the
    transgender flag are a flag, U+FE0F, a joiner and a symbol); flags of regions such as
    England are a black flag followed by tag characters, which are invisible too."""
    base = start - 1
    while base >= 0 and _emoji_modifier(source[base]):
        base -= 1
    if base < 0 or unicodedata.category(source[base]) != "So":
        return False
    if _emoji_modifier(source[start]):
        return True
    after = source[end] if end < len(source) else ""
    return bool(after) and unicodedata.category(after) in ("So", "Mn")


def _emoji_modifier(char: str) -> bool:
    """A variation selector, a skin tone or a tag character (U+E0020–U+E007F)."""
    return char in "\ufe0e\ufe0f" or "\U0001f3fb" <= char <= "\U0001f3ff" or "\U000e0020" <= char <= "\U000e007f"


_WORD_WITH_OTHER_SCRIPT = re.compile(
    r"(?:[^\W\d_]|[\u00ad\u200b-\u200f\u2060-\u2064\ufeff])*[^\W\d_\u0000-\u024f]"
    r"(?:[^\W\d_]|[\u00ad\u200b-\u200f\u2060-\u2064\ufeff])*"
)
"""A word (invisible characters inside it included) with at least one letter beyond Latin."""


def _mixed_script_words(source: str) -> list[Anomaly]:
    """Words whose letters come from more than one script (``mіdget`` with a Cyrillic і)."""
    found: list[Anomaly] = []
    for word in _WORD_WITH_OTHER_SCRIPT.finditer(source):
        scripts = {_script(char) for char in word.group() if char.isalpha()} - {None}
        if len(scripts) > 1:
            found.append(Anomaly(word.start(), word.end(), "mixed-script", " and ".join(sorted(scripts)).lower()))
    return found
