"""Ordinary museum sentences, full of traps, must not stop publication.

The fixture holds sentences written for this test: recommended alternatives (people on a low
income, mensen met een beperking), innocent words that contain a flagged word's letters
(Nigeria, manager, ongestoord, sleep-deprived), historical terms quoted with context, and names
of people, places and artworks. A warning or an error on any of them is a false alarm that
would block a page, so the test lists every such finding at once.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.language.check import check_text

FIXTURE = Path(__file__).parent / "fixtures" / "clean_traps.yml"
BLOCKING = {"error", "warning"}
SENTENCES = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_clean_museum_sentences_get_no_error_or_warning(lang: str) -> None:
    sentences = SENTENCES[lang]
    assert len(sentences) >= 60, "the clean corpus should keep at least 60 sentences per language"
    alarms = [
        f"{sentence!r}: {finding.rule} ({finding.severity})"
        for sentence in sentences
        for finding in check_text(sentence, lang)
        if finding.severity in BLOCKING
    ]
    assert alarms == [], "false alarms on clean sentences:\n" + "\n".join(alarms)


@pytest.mark.parametrize(
    ("lang", "sentence", "rule"),
    [
        ("en", "The explorers traded beads with the natives.", "en-natives"),
        ("nl", "Wij zoeken een medewerk(st)er voor de kassa.", "nl-medewerkster-haakjes"),
        ("en", "We are looking for energetic young graduates to join the shop.", "en-young-candidates"),
    ],
)
def test_the_same_checker_still_flags_the_unquoted_term(lang: str, sentence: str, rule: str) -> None:
    """Guards the test above: the checker it uses does flag these words outside the traps."""
    assert rule in [finding.rule for finding in check_text(sentence, lang)]


def test_typewriter_single_quotes_around_a_historical_term_count_as_a_quotation() -> None:
    quoted = "The archive used the word 'natives' for the people of the island."
    apostrophe = "The museum's guide met the natives' descendants."
    assert "en-natives" not in [finding.rule for finding in check_text(quoted, "en")]
    assert "en-natives" in [finding.rule for finding in check_text(apostrophe, "en")]


def test_typewriter_quotes_around_a_dutch_title_quotation_or_label_count_as_a_quotation() -> None:
    title = "In de bibliotheek staat 'De negerhut van oom Tom' uit 1853."
    quotation = "Op het plakkaat staat: 'Te koop: een neger van omtrent 20 jaren'."
    label = "Het etiket noemde hem 'een neger uit Kongo' en gaf geen naam."  # the label, quoted
    apostrophes = "Opa's oude boek noemt een neger naast Rubens' werk."
    assert "nl-neger" not in [finding.rule for finding in check_text(title, "nl")]
    assert "nl-neger" not in [finding.rule for finding in check_text(quotation, "nl")]
    assert "nl-neger" not in [finding.rule for finding in check_text(label, "nl")]
    assert "nl-neger" in [finding.rule for finding in check_text(apostrophes, "nl")]


def test_typewriter_single_quotes_around_a_phrase_count_as_a_quotation() -> None:
    phrase = "A 1905 newspaper called the show 'a parade of savages'; the room looks at such shows."
    possessives = "The artists' models were called savages in the visitors' book."
    elisions = "In the '70s critics called them savages, as 'rock 'n' roll' fans knew."
    after_a_full_stop = "He said 'no'. Then they called them savages and 'worse'."
    assert "en-savages" not in [finding.rule for finding in check_text(phrase, "en")]
    for sentence in (possessives, elisions, after_a_full_stop):
        assert "en-savages" in [finding.rule for finding in check_text(sentence, "en")], sentence
