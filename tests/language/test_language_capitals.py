"""Capital letters inside a sentence: a Dutch compound keeps the capital of a people's name and is
still found, while names of persons, places and streets stay quiet; and words of origin,
language, religion and period, which Dutch and English write with a capital, are not taken for
the name of a person."""

from __future__ import annotations

import pytest

from language_helpers import rule_ids
from macros.language import check_text
from macros.language.rules import Names
from macros.language.match import _names_someone


@pytest.mark.parametrize(("text", "rule", "word"), [
    ("In de vitrine staat een beeldje van een Eskimovrouw met kind.", "nl-eskimo", "Eskimovrouw"),
    ("Op de achtergrond klinkt Zigeunermuziek.", "nl-zigeuner", "Zigeunermuziek"),
    ("Het museum kocht in 1930 een Negerhut voor de tuin.", "nl-neger", "Negerhut"),
    ("De foto toont een Hottentottenschort van leer.", "nl-hottentot", "Hottentottenschort"),
    ("Bij het kampvuur stond een Zigeunerwagen.", "nl-zigeuner", "Zigeunerwagen"),
    ("In de vitrine ligt een Eskimomes van been.", "nl-eskimo", "Eskimomes"),
])
def test_a_capitalised_compound_that_opens_with_a_flagged_word_is_found(text: str, rule: str, word: str) -> None:
    found = [finding for finding in check_text(text, "nl") if finding.rule == rule]
    assert found, text
    assert text[found[0].column - 1 : found[0].end_column - 1] == word


@pytest.mark.parametrize(("capitalised", "lower"), [
    ("Een Eskimovrouw naait een parka.", "Een eskimovrouw naait een parka."),
    ("Op de plaat staat een Zigeunerkamp.", "Op de plaat staat een zigeunerkamp."),
])
def test_the_capital_changes_nothing_about_what_is_found(capitalised: str, lower: str) -> None:
    assert rule_ids(check_text(capitalised, "nl")) == rule_ids(check_text(lower, "nl"))


@pytest.mark.parametrize("text", [
    "Eskimovrouw met kind, een beeldje uit Groenland.",             # at the start of a sentence
    "Het beeldje toont een vrouw met kind. Eskimovrouw is de oude titel.",
])
def test_a_capitalised_compound_at_the_start_of_a_sentence_is_found_as_before(text: str) -> None:
    assert "nl-eskimo" in rule_ids(check_text(text, "nl"))


@pytest.mark.parametrize("text", [
    "Het Indianen-tooi uit de collectie is oud.",                   # the flagged piece is a term
    "Wij tonen een Zigeuner-wagen uit 1920.",
])
def test_a_capitalised_hyphenated_compound_is_found(text: str) -> None:
    assert {"nl-indiaan", "nl-zigeuner"} & set(rule_ids(check_text(text, "nl"))), text


@pytest.mark.parametrize("text", [
    "Ons vrijwilligersuitje ging naar Blankenberge aan de kust.",   # place: blanken + berge
    "De brief is gericht aan mevrouw Slavenburg uit Rotterdam.",    # family: slaven + burg
    "Het pakhuis staat aan de Slavenstraat in de oude stad.",       # street: slaven + straat
    "Het atelier van Rembrandt lag aan de Jodenbreestraat.",
    "De foto is gemaakt door Anna Negenman in 1952.",
    "De fotograaf Paul Newman en de schrijver Freeman spraken samen.",
    "Onze conservator sprak met Hofman en Timmerman over de bruikleen.",  # a flagged part at the end
])
def test_names_with_the_letters_of_a_flagged_word_stay_quiet(text: str) -> None:
    assert [finding for finding in check_text(text, "nl") if finding.severity != "suggestion"] == [], text


def test_a_quoted_title_with_a_capitalised_compound_stays_quiet() -> None:
    # the rule on zigeuner leaves titles of works between quotation marks alone
    assert "nl-zigeuner" not in rule_ids(check_text("Van Gogh schilderde ‘Zigeunerkamp bij Arles’ in 1888.", "nl"))


@pytest.mark.parametrize("text", [
    "The photographs of Paul Newman hang in room 2.",
    "The letters of Mary Freeman are in the archive.",
    "Chairman Mao appears on the poster in room 4.",
])
def test_english_capitalised_words_with_a_flagged_ending_are_names(text: str) -> None:
    assert "en-man-compounds" not in rule_ids(check_text(text, "en")), text


@pytest.mark.parametrize(("text", "rule"), [
    ("Iedere medewerker krijgt op de eerste dag zijn Nederlandse toegangspas.", "nl-generieke-hij"),
    ("Elke student kan met zijn Surinaamse paspoort gratis naar binnen.", "nl-generieke-hij"),
    ("Als een bezoeker hulp nodig heeft, kan hij Engelstalige uitleg vragen.", "nl-generieke-hij"),
    ("Iedere deelnemer neemt zijn Indonesische recepten mee.", "nl-generieke-hij"),
    ("Elke vrijwilliger vertelt zijn Joodse familieverhaal.", "nl-generieke-hij"),
    ("Iedere medewerker neemt zijn Islamitische feestdagen op.", "nl-generieke-hij"),
    ("Elke bezoeker hoort hoe zijn Tweede Wereldoorlog verliep.", "nl-generieke-hij"),
    ("Iedere medewerker leert zijn Afrikaanse collega's kennen.", "nl-generieke-hij"),
    ("Men neemt zijn Nederlands paspoort mee.", "nl-men-zijn"),
    ("Every employee receives his English contract on the first day.", "en-generic-he"),
    ("Each student brings his Jewish heritage to the discussion.", "en-generic-he"),
])
def test_a_capitalised_word_of_origin_language_or_period_is_not_a_name(text: str, rule: str) -> None:
    assert rule in rule_ids(check_text(text, rule[:2])), text


@pytest.mark.parametrize(("text", "lang"), [
    ("Iedere medewerker krijgt van Jan zijn pas.", "nl"),
    ("Elke bezoeker ziet hoe zijn Rembrandt werd gerestaureerd.", "nl"),
    ("Iedere medewerker kent zijn Ilse al jaren.", "nl"),          # a short name with an adjective's ending
    ("Elke bezoeker ziet in zaal 2 hoe de Delftse pottenbakker zijn vazen beschilderde.", "nl"),
])
def test_a_name_in_or_after_the_hit_still_keeps_the_rule_quiet(text: str, lang: str) -> None:
    assert "nl-generieke-hij" not in rule_ids(check_text(text, lang)), text


def test_the_name_test_reads_its_words_from_the_settings() -> None:
    text = "Iedere medewerker krijgt zijn Frobse pas."
    hit_end = text.index(" Frobse")
    assert _names_someone(text, 0, hit_end, frozenset(), Names())
    assert not _names_someone(text, 0, hit_end, frozenset(), Names(common_words=frozenset({"frobse"})))
    assert not _names_someone(text, 0, hit_end, frozenset(), Names(common_endings=("bse",), common_from=6))
    assert _names_someone(text, 0, hit_end, frozenset(), Names(common_endings=("bse",), common_from=7))
