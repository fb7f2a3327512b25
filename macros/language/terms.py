"""The small term syntax of the rule files, compiled to regular expressions.

A term is written as plain text. Matching ignores case (unless a rule asks for exact case)
and works on whole words. A few characters have a meaning:

* a space matches any run of white space, including a line break, or a hyphen ("Golden Age"
  also finds "Golden-Age painting", "trailer park" also "trailer-park");
* ``-`` matches a hyphen, white space or nothing ("wheelchair-bound" also finds
  "wheelchair bound" and "wheelchairbound");
* ``/`` matches a slash with or without spaces around it;
* ``'`` and ``’`` match either apostrophe;
* ``*`` at the very end matches any further letters, for compounds ("gehandicapten*").

Many terms are merged into one prefix tree so that a whole language needs one regular
expression (see ``match.py``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

BEFORE = r"(?<![^\W_])(?<![\u0300-\u036f])"
"""No letter or digit (or combining accent) directly before a match."""

AFTER = r"(?![^\W_])(?![\u0300-\u036f])"
"""No letter or digit (or combining accent) directly after a match."""

_SPACE = r"[\s\-\u2010\u2011]+"
_HYPHEN = r"(?:[-\u2010\u2011]|\s+)?"
_SLASH = r"\s*/\s*"
_APOSTROPHE = r"['\u2019]"
_MORE_LETTERS = r"[^\W\d_]*"

_KEY_DROP = re.compile(r"[\s\-\u2010\u2011/'\u2019]+")
_ALLOWED_PUNCTUATION = set(" -/'\u2019.&()+")


def term_problem(term: str) -> str | None:
    """Why ``term`` cannot be used, or None when it is fine."""
    if not term.strip():
        return "the term is empty"
    if term != term.strip():
        return "the term starts or ends with a space"
    if "*" in term[:-1]:
        return "'*' may only stand at the very end of a term"
    body = term[:-1] if term.endswith("*") else term
    if not any(char.isalnum() for char in body):
        return "the term has no letters"
    odd = sorted({char for char in body if not char.isalnum() and char not in _ALLOWED_PUNCTUATION})
    if odd:
        return f"the term contains {' '.join(odd)}; only letters, digits, spaces and - / ' . & ( ) + are allowed"
    return None


def has_wildcard(term: str) -> bool:
    return term.endswith("*")


def term_key(text: str) -> str:
    """The form used to look a matched text up: lower case, without spaces, hyphens, slashes, apostrophes."""
    return _KEY_DROP.sub("", unicodedata.normalize("NFC", text).lower())


def atoms(term: str, *, fold: bool) -> list[str]:
    """The regular-expression pieces of ``term``, one per character of the term.

    With ``fold`` the pieces are lower case, for matching against lower-cased text.
    """
    pieces: list[str] = []
    body = term[:-1] if has_wildcard(term) else term
    for char in body:
        if char == " ":
            if pieces and pieces[-1] == _SPACE:
                continue
            pieces.append(_SPACE)
        elif char in "-\u2010\u2011":
            pieces.append(_HYPHEN)
        elif char == "/":
            pieces.append(_SLASH)
        elif char in "'\u2019":
            pieces.append(_APOSTROPHE)
        else:
            pieces.append(_letter(char.lower() if fold else char))
    if has_wildcard(term):
        pieces.append(_MORE_LETTERS)
    return pieces


@lru_cache(maxsize=1024)
def _letter(char: str) -> str:
    """A letter, also matching its decomposed form (e + combining diaeresis for ë)."""
    decomposed = unicodedata.normalize("NFD", char)
    if decomposed == char:
        return re.escape(char)
    return f"(?:{re.escape(char)}|{re.escape(decomposed)})"


def term_regex(term: str, *, fold: bool) -> str:
    return "".join(atoms(term, fold=fold))


def trie_regex(terms: list[str], *, fold: bool) -> str:
    """One regular expression for many terms, shared prefixes written once.

    At each branching point the longer continuation is tried first, so the longest term that
    ends on a word boundary wins.
    """
    root: dict = {}
    for term in terms:
        node = root
        for atom in atoms(term, fold=fold):
            node = node.setdefault(atom, {})
        node[None] = {}
    return _emit(root) or "(?!)"


def _emit(node: dict) -> str:
    branches = [atom + _emit(child) for atom, child in sorted(item for item in node.items() if item[0] is not None)]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if None in node:
        return f"(?:{body})?"
    return body


def phrase_pattern(phrases: list[str], *, fold: bool = True) -> re.Pattern | None:
    """A whole-word pattern for a list of phrases (wildcards allowed), or None for an empty list."""
    if not phrases:
        return None
    plain = [phrase for phrase in phrases if not has_wildcard(phrase)]
    wild = [term_regex(phrase, fold=fold) for phrase in phrases if has_wildcard(phrase)]
    alternatives = ([trie_regex(plain, fold=fold)] if plain else []) + wild
    return re.compile(BEFORE + "(?:" + "|".join(alternatives) + ")" + AFTER)
