"""Finding rule terms in prose: one compiled regular expression per language.

All plain terms of a language form one prefix tree (``terms.trie_regex``); terms with a
trailing ``*``, and the ``patterns`` of rules that use patterns instead of terms, are added as
named alternatives. The text is lower-cased once and searched with that single expression;
only at a match does Python look at the rule's conditions (exact case, nearby words,
exceptions, quotation marks, the accept list).
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import NamedTuple, Sequence

from .rules import Rule
from .terms import AFTER, BEFORE, has_wildcard, phrase_pattern, term_key, term_regex, trie_regex

_WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")
_CLOSERS = {
    "\u201c": "\u201d",  # “ ”
    "\u201e": "\u201d\u201c",  # „ ” or „ “
    "\u00ab": "\u00bb",  # « »
    "\u2018": "\u2019",  # ‘ ’
}
_CONTEXT = 120
"""How many characters around a match are searched for exceptions and accepted phrases."""


class Hit(NamedTuple):
    rule: Rule
    start: int
    end: int


class _Conditions:
    """The checks of one rule that run only where its term was found.

    They are compiled on first use: most rules find nothing in a given run, and compiling
    every rule's patterns up front would cost more than checking the text.
    """

    def __init__(self, rule: Rule):
        self.rule = rule

    @cached_property
    def exact(self) -> re.Pattern | None:
        rule = self.rule
        if rule.case != "exact":
            return None
        return re.compile("|".join(rule.patterns or [term_regex(term, fold=False) for term in rule.terms]))

    @cached_property
    def only_near(self) -> re.Pattern | None:
        return phrase_pattern(list(self.rule.only_near))

    @cached_property
    def unless_near(self) -> re.Pattern | None:
        return phrase_pattern(list(self.rule.unless_near))

    @cached_property
    def exceptions(self) -> re.Pattern | None:
        return phrase_pattern(list(self.rule.exceptions))

    def hold(self, text: str, low: str, start: int, end: int, accept: re.Pattern | None) -> bool:
        if self.exact is not None and not _exact_case(self.exact, text, start, end):
            return False
        if self.exceptions is not None and _covered(self.exceptions, low, start, end):
            return False
        if accept is not None and _covered(accept, low, start, end):
            return False
        if self.only_near is not None or self.unless_near is not None:
            nearby = _neighbourhood(low, start, end, self.rule.window)
            if self.only_near is not None and not self.only_near.search(nearby):
                return False
            if self.unless_near is not None and self.unless_near.search(nearby):
                return False
        if self.rule.allow_quoted and _quoted(text, start, end):
            return False
        return True


class Matcher:
    """Finds the terms of a set of rules (one language) in prose."""

    def __init__(self, rules: Sequence[Rule], accept: Sequence[str] = ()):
        self._by_key: dict[str, Rule] = {}
        self._by_group: dict[str, Rule] = {}
        plain: list[str] = []
        extra: list[str] = []
        for number, rule in enumerate(rules):
            if rule.patterns:  # the terms are then only what the guide shows
                own = [f"(?i:{pattern})" for pattern in rule.patterns]
            else:
                own = [term_regex(term, fold=True) for term in rule.terms if has_wildcard(term)]
                for term in rule.terms:
                    if not has_wildcard(term):
                        plain.append(term)
                        self._by_key.setdefault(term_key(term), rule)
            if own:
                name = f"r{number}"
                self._by_group[name] = rule
                extra.append(f"(?P<{name}>{'|'.join(own)})")
        body = "|".join([f"(?P<t>{trie_regex(plain, fold=True)})"] + extra)
        self._source = BEFORE + "(?:" + body + ")" + AFTER
        self._pattern = re.compile(self._source)
        self._ignorecase: re.Pattern | None = None
        self._conditions = {rule.id: _Conditions(rule) for rule in rules}
        self._accept = phrase_pattern(list(accept))

    def find(self, text: str) -> list[Hit]:
        """Every place in ``text`` where a rule applies, left to right, not overlapping."""
        low = text.lower()
        pattern = self._pattern
        if len(low) != len(text):  # a few characters change length when lower-cased
            low = text
            if self._ignorecase is None:
                self._ignorecase = re.compile(self._source, re.IGNORECASE)
            pattern = self._ignorecase
        hits: list[Hit] = []
        position = 0
        search = pattern.search
        while True:
            found = search(low, position)
            if found is None:
                return hits
            start, end = found.span()
            group = found.lastgroup
            rule = self._by_key.get(term_key(found.group())) if group == "t" else self._by_group.get(group)
            if rule is not None and self._conditions[rule.id].hold(text, low, start, end, self._accept):
                hits.append(Hit(rule, start, end))
                position = end
            else:
                position = start + 1


def _exact_case(pattern: re.Pattern, text: str, start: int, end: int) -> bool:
    """Whether the hit has the rule's capitals; a capital that only starts a sentence is ignored."""
    if pattern.fullmatch(text, start, end):
        return True
    if not text[start].isupper() or not _starts_sentence(text, start):
        return False
    return pattern.fullmatch(text[start].lower() + text[start + 1 : end]) is not None


def _starts_sentence(text: str, position: int) -> bool:
    before = text[max(0, position - 40) : position].rstrip().rstrip("\"'\u201c\u2018\u201e(")
    return not before or before[-1] in ".!?\u2026:"


def _covered(pattern: re.Pattern, low: str, start: int, end: int) -> bool:
    """Whether some match of ``pattern`` near the hit contains the whole hit."""
    for found in pattern.finditer(low, max(0, start - _CONTEXT), min(len(low), end + _CONTEXT)):
        if found.start() <= start and found.end() >= end:
            return True
        if found.start() > start:
            break
    return False


def _neighbourhood(low: str, start: int, end: int, words: int) -> str:
    """Up to ``words`` words before and after the hit (the hit itself left out)."""
    reach = 30 * words
    before = _WORD.findall(low, max(0, start - reach), start)[-words:]
    after = _WORD.findall(low, end, end + reach)[:words]
    return (" ".join(before) + " \u00b7 " + " ".join(after)).lower()


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether the hit stands between quotation marks (a title or a quotation)."""
    before = text[max(0, start - 200) : start]
    after = text[end : end + 200]
    if before.count('"') % 2 == 1 and '"' in after:
        return True
    for opening, closers in _CLOSERS.items():
        at = before.rfind(opening)
        if at == -1 or any(closer in before[at + 1 :] for closer in closers if closer != opening):
            continue
        if any(closer in after for closer in closers):
            return True
    return False
