"""Plain-language measures: sentences, words, syllables, and reading ease.

Reading ease uses Flesch's formula for English and Douma's Dutch adaptation of it:

* English (Flesch):      206.835 − 1.015 · words/sentences − 84.6 · syllables/words
* Dutch (Flesch-Douma):  206.835 − 0.93  · words/sentences − 77   · syllables/words

Syllables are estimated by counting vowel groups; Dutch vowel combinations that sound as one
(ij, oe, ui, eu, ou, au, ie, ei, aa, ee, oo, uu, and aai, ooi, oei, eeu, ieu) count once, and
a vowel with a diaeresis (ë, ï) starts a new syllable. Scores are a rough guide, not a
verdict: no formula can say that a text is at level B1.
"""

from __future__ import annotations

import re

WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*")
"""A word: letters and digits, joined by apostrophes or hyphens. (Underscores never reach it:
the scanners blank them as Markdown emphasis.)"""

_DUTCH_UNITS = re.compile(
    r"aai|ooi|oei|eeu|ieu|ij|aa|ee|oo|uu|ie|ei|eu|ou|au|ui|oe|[aeiouyàáâèéêìíîòóôùúûäëïöü]"
)
_ENGLISH_GROUPS = re.compile(r"[aeiouy]+")
_NON_SPACE = re.compile(r"\S")
_TOKEN_EDGES = re.compile(r"^\W+|\W+$")

_syllable_cache: dict[tuple[str, str], int] = {}


def count_syllables(word: str, lang: str) -> int:
    """Estimated syllables of one word (at least 1)."""
    key = (lang, word)
    cached = _syllable_cache.get(key)
    if cached is None:
        lower = word.lower()
        cached = _dutch_syllables(lower) if lang == "nl" else _english_syllables(lower)
        if len(_syllable_cache) > 200_000:
            _syllable_cache.clear()
        _syllable_cache[key] = cached
    return cached


def _dutch_syllables(word: str) -> int:
    return max(1, len(_DUTCH_UNITS.findall(word)))


def _english_syllables(word: str) -> int:
    word = word.strip("'\u2019")
    count = len(_ENGLISH_GROUPS.findall(word))
    if count > 1:
        if word.endswith("e") and not word.endswith(("le", "ee", "ye")):
            count -= 1  # silent final e: "made", "culture"
        elif word.endswith("ed") and len(word) > 3 and word[-3] not in "td":
            count -= 1  # "walked", "opened"
        elif word.endswith("es") and len(word) > 3 and word[-3] not in "sxzcgh":
            count -= 1  # "makes", "stones"
    return max(1, count)


class SentenceSplitter:
    """Finds sentences with one regular expression, built once per list of abbreviations.

    A sentence ends at . ! ? or … (plus closing quotes or brackets) followed by white space
    and anything but a lower-case letter, or at the end of the text. A full stop directly
    after a known abbreviation ("bijv.", "e.g.") or an initial ("J.") does not end one.
    """

    def __init__(self, abbreviations: frozenset[str]):
        guards = "".join(
            f"(?<!(?i:\\b{re.escape(item)}))" for item in sorted(abbreviations) if item.endswith(".")
        )
        # The pattern starts with a character class, which lets the regex engine skip ahead
        # quickly to the next punctuation mark.
        self._end = re.compile(
            r"[.!?\u2026](?:[.!?\u2026]+|(?<=\.)" + guards + r"(?<!\b[^\W\d_]\.)|(?<!\.))"
            r"[\"'\u201d\u2019\u00bb)\]]*(?P<stop>)(?:\s+(?![a-z\u00df-\u00f6\u00f8-\u00ff])(?=\S)|\s*$)"
        )

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each sentence in ``text``."""
        first = _NON_SPACE.search(text)
        if first is None:
            return []
        spans: list[tuple[int, int]] = []
        start = first.start()
        for found in self._end.finditer(text, start):
            if found.start() > start:
                spans.append((start, found.start("stop")))
            start = found.end()
        if start < len(text) and WORD.search(text, start):
            spans.append((start, len(text.rstrip())))
        return spans


def word_count(text: str, start: int, end: int) -> int:
    return len(WORD.findall(text, start, end))


class Tally:
    """Running totals for one language of one file.

    Words are whitespace-separated tokens that contain a letter or digit. Syllables are
    estimated once per distinct token and kept for the rest of the run.
    """

    def __init__(self) -> None:
        self.texts: list[str] = []
        """The texts added so far; their tokens are counted at once in ``totals``."""
        self.sentences = 0

    def add(self, text: str, sentence_count: int) -> None:
        self.texts.append(text)
        self.sentences += sentence_count

    def totals(self, lang: str) -> tuple[int, int]:
        """(words, syllables)."""
        known = _token_syllables.setdefault(lang, {})
        tokens = " ".join(self.texts).split()  # joined by a space, no two texts' tokens run together
        counts = list(map(known.get, tokens))  # one look-up per token, without a Python loop
        if None in counts:
            new = {token for token, count in zip(tokens, counts) if count is None}
            if len(known) + len(new) > 200_000:  # a bound on memory for very long runs
                known.clear()
                new = set(tokens)
            for token in new:
                word = _TOKEN_EDGES.sub("", token)
                known[token] = count_syllables(word, lang) if word else 0
            counts = list(map(known.get, tokens))
        return len(counts) - counts.count(0), sum(counts)


_token_syllables: dict[str, dict[str, int]] = {}
"""Per language: token as split from the text → its syllables, or 0 for a token without a word."""
