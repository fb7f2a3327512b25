"""Checking YAML data: the nl and en strings, with the line and column of the word itself."""

from __future__ import annotations

import pytest

from language_helpers import rule_ids, run_command, source_span
from macros.language import InputError, check_paths


def _places(findings) -> list[tuple]:
    return [(finding.rule, finding.line, finding.column, finding.match) for finding in findings]


def test_nl_and_en_strings_are_checked_with_their_own_rules(check_file) -> None:
    text = (
        "statement:\n"
        "  nl: Welkom voor blanke bezoekers.\n"
        "  en: The page was left blank.\n"
        "  note: De slaven worden hier niet gecontroleerd.\n"
        "slaven: [geen taal]\n"
    )
    assert _places(check_file("data/statements.yml", text)) == [("nl-blank", 2, 19, "blanke")]


@pytest.mark.parametrize(
    ("value", "line", "column"),
    [
        ("De slaven werkten hier.", 2, 10),
        ('"De slaven werkten hier."', 2, 11),
        ("'De slaven werkten hier.'", 2, 11),
        ('"Eerst \\"dit\\" en \\u00e9\\u00e9n: slaven."', 2, 40),
        ("|\n    Eerste regel.\n    De slaven werkten hier.\n", 4, 8),
        (">\n    Eerste regel,\n    en de slaven werkten hier.\n", 4, 11),
        (">-\n\n    Eerste regel.\n\n    Daarna de slaven.\n", 6, 15),
        ("Eerste regel,\n    daarna de slaven.\n", 3, 15),
        ("\"Eerste regel,\n    daarna de slaven.\"\n", 3, 15),
    ],
)
def test_positions_in_every_scalar_style(check_file, value: str, line: int, column: int) -> None:
    text = f"title:\n  nl: {value}\n"
    finding, = check_file("data/a.yml", text)
    assert (finding.rule, finding.line, finding.column) == ("nl-slaaf", line, column)
    assert source_span(text, finding) == "slaven" == finding.match


def test_columns_count_characters_not_bytes(check_file) -> None:
    text = "title: {nl: Één café voor slaven, en: The slaves}\n"
    assert _places(check_file("data/a.yml", text)) == [("nl-slaaf", 1, 27, "slaven"), ("en-slave", 1, 43, "slaves")]


def test_lists_of_strings_under_a_language_key(check_file) -> None:
    text = "keywords:\n  nl:\n    - plantage\n    - slaven\n  en: [plantation, slaves]\n"
    assert _places(check_file("data/a.yml", text)) == [("nl-slaaf", 4, 7, "slaven"), ("en-slave", 5, 20, "slaves")]


def test_markdown_and_templates_inside_strings_are_skipped(check_file) -> None:
    text = 'a:\n  nl: "Zie [de lijst](https://example.org/slaven) of {{ link(\'slaven\') }} of `slaven`."\n'
    assert check_file("data/a.yml", text) == []


def test_non_string_values_are_ignored(check_file) -> None:
    assert check_file("data/a.yml", "a:\n  nl: 12\n  en: true\nb: {nl: null}\n") == []


def test_long_sentences_in_data_are_suggestions(check_file) -> None:
    text = "a:\n  nl: " + " ".join(["woord"] * 30) + ".\n"
    finding, = check_file("data/a.yml", text)
    assert (finding.rule, finding.severity, finding.line, finding.column) == ("long-sentence", "suggestion", 2, 7)


def test_rule_and_schema_folders_are_not_checked(project, own_rules) -> None:
    for folder in ("data/language", "data/schema"):
        (project / folder).mkdir(parents=True, exist_ok=True)
        (project / folder / "x.yml").write_text("a:\n  nl: De slaven.\n", encoding="utf-8")
    (project / "data" / "b.yml").write_text("a:\n  nl: De slaven.\n", encoding="utf-8")
    report = check_paths([project / "data"], project)
    assert report.files == 1
    assert rule_ids(report.findings) == ["nl-slaaf"]


def test_a_yaml_syntax_error_is_bad_input(project, capsys) -> None:
    (project / "data" / "a.yml").write_text("a:\n  nl: [kapot\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        check_paths([project / "data"], project)
    assert raised.value.problems[0].startswith("data/a.yml:")
    assert run_command("--root", str(project), "data") == 2
    assert "data/a.yml:3:1: the YAML cannot be read here" in capsys.readouterr().err
