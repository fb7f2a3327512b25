"""Plain language: syllables, sentences, sentence length and reading ease."""

from __future__ import annotations

from pathlib import Path

import pytest

from language_helpers import rule_ids
from macros.language import check_paths, check_text
from macros.language.readability import SentenceSplitter, count_syllables


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("huis", 1), ("tijd", 1), ("eeuw", 1), ("nieuw", 1), ("boer", 1), ("deur", 1), ("goud", 1), ("auto", 2),
        ("kaai", 1), ("mooi", 1), ("koeien", 2), ("rijen", 2), ("bijeen", 2), ("boerderij", 3),
        ("patiënt", 3), ("ideeën", 3), ("theater", 3), ("tentoonstelling", 4), ("toegankelijkheid", 5),
        ("ROLSTOEL", 2),
    ],
)
def test_dutch_syllables(word: str, syllables: int) -> None:
    assert count_syllables(word, "nl") == syllables


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("the", 1), ("made", 1), ("table", 2), ("people", 2), ("walked", 1), ("wanted", 2), ("makes", 1),
        ("boxes", 2), ("beautiful", 3), ("exhibition", 4), ("accessibility", 6), ("museum's", 2), ("by", 1),
        ("NGT", 1), ("2025", 1),
    ],
)
def test_english_syllables(word: str, syllables: int) -> None:
    assert count_syllables(word, "en") == syllables


def test_reading_ease_formulas(book) -> None:
    formula = book.metrics.readability.formula
    assert (formula["en"].name, formula["nl"].name) == ("Flesch", "Flesch-Douma")
    assert formula["en"].score(100, 5, 150) == pytest.approx(206.835 - 1.015 * 20 - 84.6 * 1.5)
    assert formula["nl"].score(100, 5, 150) == pytest.approx(206.835 - 0.93 * 20 - 77 * 1.5)


def test_the_formula_is_data(own_rules: Path, check_file) -> None:
    metrics = own_rules / "metrics.yml"
    text = metrics.read_text(encoding="utf-8")
    metrics.write_text(text.replace("minimum:\n      nl: 60\n      en: 60", "minimum:\n      nl: 60\n      en: 119"), encoding="utf-8")
    page = " ".join(["The shop sells books and cards."] * 30) + "\n"
    finding, = check_file("content/en/a.md", page)
    assert finding.rule == "readability" and "B1 usually scores 119 or more" in finding.message


def test_a_broken_metric_is_reported_with_its_place(own_rules: Path) -> None:
    from macros.language.findings import InputError
    from macros.language.rules import load_rulebook

    metrics = own_rules / "metrics.yml"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace("per_word_in_sentence: 0.93", "per_word_in_sentence: lots"),
                       encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_rulebook(own_rules)
    problem, = raised.value.problems
    assert "metrics.yml:" in problem and "expected a number, found the text 'lots'" in problem


def test_sentence_splitting_respects_abbreviations_and_initials() -> None:
    splitter = SentenceSplitter(frozenset({"bijv.", "o.a.", "dr."}))
    text = "Zie bijv. de zaal van Dr. Jansen. Het is 3.5 meter hoog! Daarna kwam A. de Vries. klein. Wat? Ja…\nLaatste regel"
    sentences = [text[start:end] for start, end in splitter.spans(text)]
    assert sentences == [
        "Zie bijv. de zaal van Dr. Jansen.",
        "Het is 3.5 meter hoog!",
        "Daarna kwam A. de Vries. klein.",
        "Wat?",
        "Ja…",
        "Laatste regel",
    ]


def test_quotes_and_brackets_belong_to_the_sentence() -> None:
    text = "Hij zei: “Kom binnen.” (Dat deed ik.) Daarna."
    assert [text[a:b] for a, b in SentenceSplitter(frozenset()).spans(text)] == [
        "Hij zei: “Kom binnen.”", "(Dat deed ik.)", "Daarna."
    ]


def test_long_sentences_are_suggestions_at_the_sentence() -> None:
    short = " ".join(["woord"] * 25) + "."
    long = "Deze zin is lang, " + " ".join(["want"] * 22) + "."
    findings = check_text(f"{short} {long}", "nl")
    finding, = findings
    assert (finding.rule, finding.severity, finding.category) == ("long-sentence", "suggestion", "plain-language")
    assert finding.column == len(short) + 2
    assert finding.match == long
    assert "26 words" in finding.message and "at most 25" in finding.message


def test_the_sentence_length_is_configurable(own_rules: Path, check_file) -> None:
    metrics = own_rules / "metrics.yml"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace("      en: 25\n", "      en: 10\n"), encoding="utf-8")
    text = "This sentence has exactly eleven words in it for the test.\n"
    assert rule_ids(check_file("content/en/a.md", text)) == ["long-sentence"]
    assert check_file("content/nl/a.md", "Deze zin heeft precies elf woorden voor deze test hier erin.\n") == []


HARD_DUTCH = (
    "De organisatorische implementatie van diversiteitsbeleidsmaatregelen binnen cultuurhistorische "
    "erfgoedinstellingen vereist interdisciplinaire samenwerkingsverbanden tussen beleidsmedewerkers, "
    "collectiebeheerders en educatieve afdelingen, waarbij institutionele verantwoordelijkheidsverdeling "
    "en organisatieontwikkeling voortdurend geëvalueerd moeten worden. "
)
EASY_DUTCH = "Het museum is open. Kom gerust langs. Wij helpen je graag. De zaal is groot en licht. "


def test_hard_text_gets_a_readability_suggestion_with_its_score(check_file) -> None:
    findings = check_file("content/nl/a.md", "# Beleid\n\n" + HARD_DUTCH * 4 + "\n")
    readability = [finding for finding in findings if finding.rule == "readability"]
    assert len(readability) == 1
    finding = readability[0]
    assert finding.severity == "suggestion"
    assert (finding.line, finding.column, finding.match) == (3, 1, "")
    assert "Flesch-Douma" in finding.message and "usually scores 60 or more" in finding.message


def test_easy_or_short_text_gets_no_readability_finding(check_file) -> None:
    assert check_file("content/nl/a.md", EASY_DUTCH * 10) == []
    assert "readability" not in rule_ids(check_file("content/nl/b.md", HARD_DUTCH))  # fewer than 100 words


def test_english_readability_uses_flesch(check_file) -> None:
    hard = ("Institutional implementation of organisational diversification necessitates interdisciplinary "
            "collaboration between administrative, educational and curatorial departments, continuously evaluated. ")
    findings = check_file("content/en/a.md", hard * 8)
    assert any(f.rule == "readability" and "Flesch reading-ease" in f.message for f in findings)


def test_headings_tables_and_code_do_not_count_as_sentences(check_file, project: Path) -> None:
    text = "# " + " ".join(["kop"] * 30) + "\n\n| " + " ".join(["cel"] * 30) + " |\n|---|\n| x |\n"
    assert check_file("content/nl/a.md", text) == []
    assert check_paths([project / "content"], project).files == 1
