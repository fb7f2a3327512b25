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
from macros.language.prefilter import BOUNDARY, WordGate, needed_sets, needed_strings
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
                groups = matcher._groups_of(gate.active(mask_inline(example).lower()))
                assert by_rule[rule.id] in {group.split(":")[0] for group in groups}, f"{rule.id}: {example}"


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


def _holds(strings, text: str, start: int, end: int) -> bool:
    """Whether one of ``strings`` (a boundary in it as ``\\b``, judged in the whole text) stands
    between ``start`` and ``end``. Every place is tried, as occurrences may overlap ("11" in "111")."""
    for string in strings:
        expression = re.compile(r"\b".join(map(re.escape, string.split(BOUNDARY))))
        for at in range(start, end):
            found = expression.match(text, at)
            if found is not None and found.end() <= end:
                return True
    return False


@pytest.mark.parametrize("pattern", _OWN)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data(), before=st.sampled_from(["", " ", "the ", "x"]), after=st.sampled_from(["", " ", " the", "x"]))
def test_every_match_of_a_rule_pattern_holds_a_string_of_each_of_its_needed_sets(
    pattern: str, data: st.DataObject, before: str, after: str
) -> None:
    """The gate lets a rule run only on a text with a string of every set its pattern needs:
    each match, also one glued to the text around it, holds one, whole words as whole words."""
    text = before + data.draw(st.from_regex(re.compile(pattern))) + after
    sets = needed_sets(pattern)
    for found in re.finditer(pattern, text):
        for strings in sets:
            assert _holds(strings, text, found.start(), found.end()), (found.group(), sorted(strings))
    if re.search(pattern, text):
        assert WordGate({"rule": sets}).active(text) == ("rule",)


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        (r"\bhe\b", [{"\0he\0"}]),
        (r"(?:each|every)\s+(?:visitor|child)[^.]{0,9}?\b(?:he|him)\b", [{"each", "every"}, {"visitor", "child"}, {"\0he\0", "\0him\0"}]),
        (r"(?:a\s+visitor|the\s+child)\s+\w+\s+(?:he|his)\b", [{"visitor", "child"}, {"a", "the"}, {"he\0", "his\0"}]),
        (r"(?:the\s+(?:blind|deaf)|a\s+(?:blind|deaf)\s+man)", [{"blind", "deaf"}, {"the", "a"}]),
        (r"(?:aged|\w+)\s+man", [{"man"}]),
        (r"(?:aged|\w+)", []),
        (r"\b\w+\b", []),
    ],
)
def test_every_needed_set_of_small_patterns(pattern: str, needed: list[set[str]]) -> None:
    assert [set(strings) for strings in needed_sets(pattern)] == needed


@pytest.mark.parametrize(
    ("text", "active"),
    [
        ("Every visitor brings the tickets.", ("always",)),
        ("Every visitor brings his tickets.", ("he", "always")),
        ("every visitor, (him/her)", ("he", "always")),
        ("Every visitor: he.", ("he", "always")),
        ("The visitor and her children; then he left.", ("always",)),
        ("His visitor", ("always",)),
    ],
)
def test_the_word_gate_needs_a_string_of_every_set_and_whole_words_as_whole_words(text: str, active: tuple) -> None:
    gate = WordGate({"he": needed_sets(r"every\s+visitor[^.]{0,40}?\b(?:he|him|his)\b"), "always": None})
    assert gate.active(text.lower()) == active


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


@settings(max_examples=300, deadline=None)
@given(word=st.text(alphabet="hisé_-1'(", max_size=10), left=st.booleans(), right=st.booleans(),
       core=st.sampled_from(["his", "hi", "s-", "é"]))
def test_a_whole_word_piece_is_found_where_the_regex_engine_finds_it(word: str, left: bool, right: bool, core: str) -> None:
    """The gate's own test of a word boundary agrees with ``\\b`` of Python's regex engine."""
    piece = (BOUNDARY if left else "") + core + (BOUNDARY if right else "")
    expression = ("\\b" if left else "") + re.escape(core) + ("\\b" if right else "")
    gate = WordGate({"rule": (frozenset({piece}),)})
    assert (gate.active(word) == ("rule",)) == (re.search(expression, word) is not None), (word, expression)


def _every_name_tested(gate: WordGate, met: int) -> tuple[str, ...]:
    """The plain computation the gate's key sets shorten: every name, all of whose sets ``met`` meets."""
    return tuple(name for name, needed in gate.required if met & needed == needed)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_key_sets_choose_the_same_names_as_testing_every_name(lang: str) -> None:
    gate = _BOOK.matcher(lang)._gate
    texts = [mask_inline(text).lower() for text in _texts(lang)]
    combined = [" ".join(texts[at : at + 5]) for at in range(0, len(texts), 5)]  # paragraphs meet several rules
    seen = 0
    for text in texts + combined:
        met = 0
        for word in text.split():
            met |= gate._learn(word)
        assert gate._names_met(met) == _every_name_tested(gate, met), text
        seen += len(_every_name_tested(gate, met)) > len(gate.always)
    assert seen > 100, "the texts should meet the needed words of many rules"


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_the_key_sets_choose_the_same_names_for_any_combination_of_sets(data: st.DataObject) -> None:
    gate = _BOOK.matcher(data.draw(st.sampled_from(LANGUAGES)))._gate
    width = max(needed for _, needed in gate.required).bit_length()
    # the sets of a few whole names, plus some loose sets of others
    names = data.draw(st.lists(st.sampled_from(gate.required), max_size=6))
    met = 0
    for _, needed in names:
        met |= needed
    for position in data.draw(st.lists(st.integers(0, width - 1), max_size=40)):
        met |= 1 << position
    assert gate._names_met(met) == _every_name_tested(gate, met)
