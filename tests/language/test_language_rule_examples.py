"""Every rule's own examples: each "flag" sentence must be flagged by that rule, each "pass"
sentence must not be. Generated from the rule files, so a new rule is tested automatically."""

from __future__ import annotations

import pytest

from macros.language.examples import verify_examples
from macros.language.inline import mask_inline
from macros.language.match import Matcher
from language_helpers import LANGUAGES
from macros.language.rules import load_rulebook, rules_dir

from language_helpers import REPO

_BOOK = load_rulebook(rules_dir(REPO))
_MATCHERS = {lang: Matcher(_BOOK.rules[lang], lang=lang) for lang in LANGUAGES}
_CASES = [
    pytest.param(lang, rule.id, kind, example, id=f"{rule.id}/{kind}/{number}")
    for lang in LANGUAGES
    for rule in _BOOK.rules[lang]
    for kind, examples in (("flag", rule.examples.flag), ("pass", rule.examples.pass_))
    for number, example in enumerate(examples)
]


@pytest.mark.parametrize(("lang", "rule_id", "kind", "example"), _CASES)
def test_example_behaves_as_declared(lang: str, rule_id: str, kind: str, example: str) -> None:
    found = {hit.rule.id for hit in _MATCHERS[lang].find(mask_inline(example))}
    if kind == "flag":
        assert rule_id in found, f"{rule_id} should flag: {example}"
    else:
        assert rule_id not in found, f"{rule_id} should not flag: {example}"


def test_there_are_enough_examples() -> None:
    assert len([case for case in _CASES if case.values[2] == "flag"]) >= len(_BOOK.rules["nl"]) + len(_BOOK.rules["en"])


def test_context_dependent_rules_show_an_innocent_use() -> None:
    """Rules with conditions or exceptions exist because the word has innocent uses; show one."""
    missing = [
        rule.id
        for lang in LANGUAGES
        for rule in _BOOK.rules[lang]
        if (rule.only_near or rule.unless_near or rule.exceptions or rule.case == "exact" or rule.patterns)
        and not rule.examples.pass_
    ]
    assert missing == []


def test_verify_examples_reports_nothing_for_the_shipped_rules() -> None:
    assert verify_examples(_BOOK) == []
