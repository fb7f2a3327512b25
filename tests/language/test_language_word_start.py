"""A rule expression whose every match opens with the same letters (``the\\s+(?:poor|blind)…``) is
searched without the test for the start of a word in front of it, and the search makes that test
at each match instead, which lets the regex engine skip through the text. It must find exactly
what the expression with the test in front finds: the same hits, at the same places.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
import yaml

from language_helpers import LANGUAGES, REPO
from macros.language.match import MAX_OPENING_LETTERS, _bounded
from macros.language.prefilter import spread_alternatives
from macros.language.program import compile_program, make_program
from macros.language.rules import load_rulebook, rules_dir
from macros.language.terms import BEFORE

_BOOK = load_rulebook(rules_dir(REPO))
_TRAPS = yaml.safe_load((Path(__file__).parent / "fixtures" / "clean_traps.yml").read_text(encoding="utf-8"))
GLUE = ["", " ", "x", "_", "1", "é", "e\u0301", "-", "'", "\n", ". "]
"""Put between two texts and in front of one: letters, digits and an accent that make a match
start inside a word, and signs that do not."""


def _with_the_test_everywhere(lang: str):
    """A copy of the language's matcher whose expressions all keep the test in front."""
    matcher = pickle.loads(pickle.dumps(_BOOK.matcher(lang)))
    matcher._sources = {name: _bounded(body) for name, body in matcher._bodies.items()}
    matcher._programs = {}
    return matcher


def _texts(lang: str) -> list[str]:
    texts = [example for rule in _BOOK.rules[lang] for example in rule.examples.flag + rule.examples.pass_]
    texts += _TRAPS[lang]
    glued = [before + glue + after for before, after in zip(texts, texts[1:] + texts[:1]) for glue in GLUE]
    return texts + glued + [glue + text for text in texts for glue in GLUE]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_expressions_searched_from_their_letters_find_what_the_full_expressions_find(lang: str) -> None:
    matcher = _BOOK.matcher(lang)
    # the shortcuts are really taken for some rules, or this test would compare a matcher with itself:
    # searched from the letters as written, and from alternatives written out (``spread_alternatives``)
    assert any(not source.startswith(BEFORE) for source in matcher._sources.values())
    assert any(_parse_differs(matcher._sources[name], program) for name, program in matcher._programs.items()
               if program is not None)
    plain = _with_the_test_everywhere(lang)
    texts = _texts(lang)
    assert len(texts) > 5000
    for text in texts:
        assert matcher.find(text) == plain.find(text), text


def _parse_differs(source: str, program: tuple) -> bool:
    """Whether ``program`` was made from another parse tree than that of ``source``."""
    return list(make_program(source)[2]) != list(program[2])


def opening_letters(pattern: str) -> set[str]:
    spread = spread_alternatives(pattern)
    return set() if spread is None else set(spread[1])


def test_the_letters_that_open_every_match_are_read_from_the_expression() -> None:
    assert opening_letters(r"the\s+(?:blind|deaf)") == {"t"}
    assert opening_letters(r"(?:varen|voer|gevaren)\s+blind") == {"v", "g"}
    assert opening_letters(r"(?:(?:despite)\s+x)|(?:in\s+spite)") == {"d", "i"}
    assert opening_letters(r"(?:despite\s+x)|(?:[iî]n\s+spite)") == {"d", "i", "î"}
    assert opening_letters(r"(?:(?:no|not)\s+more|(?:at|be)\s+most)\s+\d") == {"n", "a", "b"}
    assert opening_letters(r"(?:despite\s+x)|(?:[a-z]n\s+spite)") == set()  # too many letters in a range
    assert opening_letters(r"(?:de\s+)?blinde|[6-9]0") == {"d", "b", "6", "7", "8", "9"}
    assert opening_letters(r"(?=de\s)de\s+bezoeker") == set()
    assert opening_letters(r"(ab|c)d") == set()  # a numbered group cannot be written twice
    assert opening_letters(r"[a-z]+man") == set()
    assert opening_letters(r"(?i:the)\s+poor") == set()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_terms_are_searched_with_the_test_in_front(lang: str) -> None:
    """The terms open with nearly every letter: searched from their letters, the regex engine
    would start a match at almost every letter, which costs more than the test at every character."""
    matcher = _BOOK.matcher(lang)
    assert len(opening_letters(matcher._bodies["t"])) > MAX_OPENING_LETTERS
    assert matcher._sources["t"].startswith(BEFORE)


TEXTS = ["no more than 5", "not more  than", "at most 3", "at  mostly", "nota more", "a not more", "i n spite", "be most",
         "at most ly", "69 more", "be not", "be no", "mostly", "5 more", "at be most",
         "in spite of", "în spite", "despite x", "despitex", "no\nmore", "at most", ""]


def test_alternatives_written_out_match_as_the_expression_as_written() -> None:
    """``(?:a|b)c`` written as ``ac|bc`` finds the same matches, and prefers the same one where
    several alternatives match at one place (the longer ``not`` before ``no``, the order written)."""
    for source in (r"(?:(?:not|no|a)\s+more|(?:at|be)\s+most)\s+(?:than\s+)?\d?", r"(?:despite\s+x)|(?:[iî]n\s+spite(?:\s+of)?)",
                   r"(?:(?:a|be)\s+(?:not|most)|(?:nota|at|no)\s+more)(?:ly)?",
                   r"(?:at\s+)?most(?:ly)?|[6-9]\d\s+more", r"(?:at\s+)??most\s*(?:ly)?|(?:be\s+)?(?:not|no)"):
        tree, letters = spread_alternatives(source)
        assert tree is not None and letters
        spread = compile_program(source, make_program(source, tree))
        plain = re.compile(source)
        for text in TEXTS + [" ".join(TEXTS)]:
            assert [m.span() for m in spread.finditer(text)] == [m.span() for m in plain.finditer(text)], text
