"""Word forms and compounds: a flagged word is found in its inflections and inside compounds,
and innocent words that merely contain its letters are left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from language_helpers import rule_ids, run_command
from macros.language import check_text


@pytest.mark.parametrize(("text", "rule"), [
    ("De slavenhandelaar verdiende goed aan de reis.", "nl-slaaf"),             # compound, first part
    ("Op de affiche staat een negertje.", "nl-neger"),                           # diminutive
    ("De zigeunerinnen dansten op het plein.", "nl-zigeuner"),                   # female form, plural
    ("De allochtone jongeren maakten de film.", "nl-allochtoon"),               # adjective ending
    ("Een kreupele bedelaar zit bij de kerkdeur.", "nl-kreupel"),                # adjective ending
    ("De schilder kampte met epilepsie.", "nl-kampt-met"),                       # past tense of a phrase
    ("The curator handicapped the old system.", "en-handicapped"),               # verb form
    ("She was suffering from polio as a child.", "en-suffers-from"),             # -ing form of a phrase
    ("The gypsies camped near the town.", "en-gypsy"),                           # plural in -ies
    ("The chairmen of both boards met.", "en-chairman"),                         # man → men
    ("An unmanned camera records the gallery.", "en-manned"),                    # un- + man verb
    ("The restoration took three thousand man-hours.", "en-man-hours"),          # hyphenated man-
    ("The fisherman in the painting mends a net.", "en-man-compounds"),          # closed -man compound
])
def test_forms_and_compounds_are_found(text: str, rule: str) -> None:
    lang = rule[:2]
    assert rule in rule_ids(check_text(text, lang)), text


@pytest.mark.parametrize(("text", "lang"), [
    ("De kunstenaar werd geboren in Nigeria.", "nl"),
    ("De bruikleen komt uit Oostenrijk.", "nl"),
    ("Zijn vraag werd lang genegeerd.", "nl"),
    ("De tentoonstelling gaat over ons slavernijverleden.", "nl"),
    ("Het contrast tussen licht en donker is groot.", "nl"),
    ("De eenheden staan in de tabel.", "nl"),
    ("The manager of the shop lives in Leiden.", "en"),
    ("The artist was born in Nigeria.", "en"),
    ("A German collector gave the museum this specimen.", "en"),
    ("The photographs of Paul Newman hang in room 2.", "en"),
    ("We manage the collection with care.", "en"),
    ("The mandate of the board ends in May.", "en"),
])
def test_innocent_words_that_contain_the_letters_are_left_alone(text: str, lang: str) -> None:
    assert [finding for finding in check_text(text, lang) if finding.rule.startswith(f"{lang}-")] == [], text


def test_a_known_word_is_not_taken_for_a_form_of_a_flagged_word() -> None:
    # negeren (to ignore) looks like a plural of neger, but the dictionary knows it as a verb
    assert check_text("Wij negeren die opmerking niet.", "nl") == []


@pytest.mark.parametrize(("path", "text"), [
    ("content/en/a.md", "The photograph shows a group of Gypsies near a caravan.\n"),
    ("content/nl/a.md", "In de jaren tachtig kwamen veel allochtonen naar Rotterdam.\n"),
    ("content/nl/a.md", "De slaven werkten op de plantage.\n"),
    ("content/en/a.md", "The handicapped entrance is at the back.\n"),
    ("content/en/a.md", "Ladies and gentlemen, the tour starts now.\n"),
    ("content/nl/a.md", "Hoi jongens, de vergadering begint om tien uur.\n"),
])
def test_the_terms_the_collective_named_block_publication(project: Path, path: str, text: str) -> None:
    target = project / path
    target.write_text(text, encoding="utf-8")
    assert run_command("--root", str(project)) == 1
