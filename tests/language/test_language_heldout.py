"""Recall and false alarms on sentences that none of the rules' own examples contain.

Quality bar from the product brief: at least 90% of clearly non-inclusive sentences flagged,
at most 5% of clean sentences with an error or a warning.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.language import check_text
from language_helpers import LANGUAGES

HERE = Path(__file__).resolve().parent


def _load(lang: str) -> dict[str, list[str]]:
    return yaml.safe_load((HERE / f"heldout_{lang}.yml").read_text(encoding="utf-8"))


def _flagged_by_a_rule(sentence: str, lang: str) -> bool:
    return any(finding.rule.startswith(f"{lang}-") for finding in check_text(sentence, lang))


def _false_alarm(sentence: str, lang: str) -> bool:
    return any(finding.severity in ("error", "warning") for finding in check_text(sentence, lang))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sets_are_large_enough_and_held_out(lang: str, book) -> None:
    sets = _load(lang)
    assert len(sets["flag"]) >= 40 and len(sets["clean"]) >= 60
    examples = {example for rule in book.rules[lang] for example in (*rule.examples.flag, *rule.examples.pass_)}
    assert not examples & (set(sets["flag"]) | set(sets["clean"]))
    assert len(set(sets["flag"]) | set(sets["clean"])) == len(sets["flag"]) + len(sets["clean"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_recall_on_non_inclusive_sentences(lang: str) -> None:
    sentences = _load(lang)["flag"]
    missed = [sentence for sentence in sentences if not _flagged_by_a_rule(sentence, lang)]
    recall = 1 - len(missed) / len(sentences)
    assert recall >= 0.90, f"recall {recall:.0%}; missed: {missed}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_false_alarms_on_clean_sentences(lang: str) -> None:
    sentences = _load(lang)["clean"]
    alarms = [sentence for sentence in sentences if _false_alarm(sentence, lang)]
    rate = len(alarms) / len(sentences)
    assert rate <= 0.05, f"false alarms {rate:.0%}: {alarms}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_independent_sets_are_large_and_share_nothing_with_the_rules(lang: str, book) -> None:
    """The independent sets measure only while no rule example repeats them; their scores live in bench/."""
    data = yaml.safe_load((HERE / f"heldout_independent_{lang}.yml").read_text(encoding="utf-8"))
    flag = [entry["text"] for entry in data["flag"]]
    clean = [entry["text"] for entry in data["clean"]]
    assert len(flag) >= 50 and len(clean) >= 50 and len(flag) + len(clean) >= 100
    examples = {example for rule in book.rules[lang] for example in (*rule.examples.flag, *rule.examples.pass_)}
    assert not examples & (set(flag) | set(clean))
