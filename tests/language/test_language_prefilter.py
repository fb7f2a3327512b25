"""The shortcut that runs a pattern rule only on text holding a word its pattern needs may never
lose a finding: the same findings, at the same places, as when every pattern runs on every text.

Checked three ways: on every rule's own examples and the clean traps (with and without the
shortcut), on text Hypothesis writes to match each pattern of the rule files, and on small
hand-written patterns whose needed words are known.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from language_helpers import LANGUAGES, REPO
from macros.language.check import check_text
from macros.language.inline import mask_inline
from macros.language.prefilter import WordGate, needed_strings
from macros.language.rules import load_rulebook, rules_dir
from macros.language.terms import has_wildcard, term_regex

_BOOK = load_rulebook(rules_dir(REPO))
_TRAPS = yaml.safe_load((Path(__file__).parent / "fixtures" / "clean_traps.yml").read_text(encoding="utf-8"))
_OWN = [
    pytest.param(own, id=f"{rule.id}/{number}")
    for lang in LANGUAGES
    for rule in _BOOK.rules[lang]
    for number, own in enumerate(rule.patterns or [term_regex(term, fold=True) for term in rule.terms if has_wildcard(term)])
]


def _texts(lang: str) -> list[str]:
    """Every example of the language's rules and its clean traps, also in capitals and in lower case."""
    texts = [example for rule in _BOOK.rules[lang] for example in rule.examples.flag + rule.examples.pass_]
    texts += _TRAPS[lang]
    return texts + [text.upper() for text in texts] + [text.lower() for text in texts]


def _every_pattern_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(WordGate, "active", lambda gate, text: gate.names)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rule_examples_and_traps_give_the_same_findings_with_and_without_the_shortcut(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    matcher = _BOOK.matcher(lang)
    texts = _texts(lang)
    assert len(texts) > 300

    def everything() -> list:
        hits = [[(hit.rule.id, hit.start, hit.end) for hit in matcher.find(mask_inline(text))] for text in texts]
        findings = [check_text(text, lang) for text in texts]
        return [hits, findings]

    with_shortcut = everything()
    with monkeypatch.context() as patched:
        _every_pattern_everywhere(patched)
        without_shortcut = everything()
    assert with_shortcut == without_shortcut
    assert sum(map(len, with_shortcut[0])) > 100, "the texts should give findings to compare"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_shortcut_lets_every_pattern_rule_run_on_its_own_flag_examples(lang: str) -> None:
    """Guards the comparison above: each pattern rule's examples do reach its expression."""
    matcher = _BOOK.matcher(lang)
    gate = matcher._gate
    by_rule = {rule.id: name for name, rule in matcher._by_group.items()}
    for rule in _BOOK.rules[lang]:
        if rule.patterns:
            for example in rule.examples.flag:
                assert by_rule[rule.id] in gate.active(mask_inline(example).lower()), f"{rule.id}: {example}"


@pytest.mark.parametrize("pattern", _OWN)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_every_match_of_a_rule_pattern_holds_one_of_its_needed_words(pattern: str, data: st.DataObject) -> None:
    text = data.draw(st.from_regex(re.compile(pattern)))
    needed = needed_strings(pattern)
    matches = list(re.finditer(pattern, text))
    assert matches, "Hypothesis writes text that the pattern matches"
    if needed is not None:
        for found in matches:
            assert any(word in found.group() for word in needed), (found.group(), sorted(needed))
    assert WordGate({"rule": needed}).active(text) == ("rule",)


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        (r"the\s+aged", {"aged"}),
        (r"(?:werk|praktijk)?ervaring", {"ervaring"}),
        (r"(?:de|voor)\s+(?:blinden|doven)\b", {"blinden", "doven"}),
        (r"colou?r", {"color", "colour"}),
        (r"[bc]at", {"bat", "cat"}),
        (r"a{2,5}b", {"a"}),
        (r"(?:x|)yz", {"yz"}),
        (r"(?:men|man)s", {"mens", "mans"}),
        (r"\w+(?:er|eur)/\w+", {"er/", "eur/"}),
        (r"(?i:aged)", None),
        (r"(?i)aged", None),
        (r"[^a]b?", None),
        (r"\d{2}\s+\w+", None),
        (r"(?:aged|\w+)", None),
    ],
)
def test_needed_words_of_small_patterns(pattern: str, needed: set[str] | None) -> None:
    found = needed_strings(pattern)
    assert (None if found is None else set(found)) == needed


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(["the", "aged", "visitor", "he,", "caged", "ageD", "a\u00a0aged", "-", "\n"]), max_size=12),
       glue=st.sampled_from([" ", "\n", "", "\u2009"]))
def test_the_word_gate_answers_like_a_substring_search(words: list[str], glue: str) -> None:
    """For any text, the gate lists a name whenever a needed string stands in it, also across
    words joined without a space and with spaces the splitter treats differently."""
    needs = {"a": frozenset({"aged"}), "b": frozenset({"the aged", "visitor"}), "c": None}
    gate = WordGate(needs)
    text = glue.join(words)
    active = gate.active(text)
    assert "c" in active
    for name in ("a", "b"):
        if any(string in text for string in needs[name]):
            assert name in active, (name, text)
    assert gate.active(text) == active, "the answer does not change once the words are known"
