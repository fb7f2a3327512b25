"""In-place suppression with a reason, in Markdown and YAML, and removing it before publishing."""

from __future__ import annotations

import pytest

from language_helpers import rule_ids
from macros.language import strip_suppressions


def test_a_suppression_with_a_reason_covers_only_the_next_paragraph(check_file) -> None:
    text = (
        "<!-- podium-ignore nl-slaaf: citaat uit het archief uit het register van 1760 -->\n"
        "De slaven werkten hier.\n"
        "\n"
        "De slaven werkten ook daar.\n"
    )
    findings = check_file("content/nl/a.md", text)
    assert [(finding.rule, finding.line) for finding in findings] == [("nl-slaaf", 4)]


def test_a_suppression_covers_a_whole_list_item_heading_or_table(check_file) -> None:
    text = (
        "<!-- podium-ignore nl-slaaf: titel uit de catalogus -->\n"
        "## De slaven van Mariënburg\n"
        "\n"
        "<!-- podium-ignore nl-slaaf: namen uit het archief -->\n"
        "| Naam | Status |\n"
        "|---|---|\n"
        "| Jan | slaaf |\n"
        "| Afi | slavin |\n"
        "\n"
        "- eerste\n"
        "<!-- podium-ignore nl-slaaf: citaat uit het archief -->\n"
        "- De slaven\n"
        "\n"
        "  en nog meer slaven in dit item.\n"
        "- Slaven in het volgende item.\n"
    )
    findings = check_file("content/nl/a.md", text)
    assert [(finding.rule, finding.line) for finding in findings] == [("nl-slaaf", 15)]


def test_a_suppression_only_covers_the_rules_it_names(check_file) -> None:
    text = "<!-- podium-ignore nl-slaaf: citaat uit het archief -->\nDe slaven en de allochtonen.\n"
    assert rule_ids(check_file("content/nl/a.md", text)) == ["nl-allochtoon"]


def test_several_rules_in_one_suppression(check_file) -> None:
    text = "<!-- podium-ignore nl-slaaf, nl-allochtoon: citaat uit 1990 -->\nDe slaven en de allochtonen.\n"
    assert check_file("content/nl/a.md", text) == []


def test_a_suppression_in_an_admonition_body(check_file) -> None:
    text = '!!! quote "Uit het archief"\n    <!-- podium-ignore nl-slaaf: citaat uit het archief -->\n    De slaven werkten hier.\n'
    assert check_file("content/nl/a.md", text) == []


def test_a_suppression_without_a_reason_is_an_error(check_file) -> None:
    text = "Tekst.\n\n<!-- podium-ignore nl-slaaf -->\nDe slaven werkten hier.\n"
    finding, term = check_file("content/nl/a.md", text)
    assert term.rule == "nl-slaaf"  # a suppression without a reason ignores nothing
    assert finding.rule == "suppression-without-reason"
    assert finding.severity == "error"
    assert (finding.line, finding.column) == (3, 1)
    assert finding.match == "<!-- podium-ignore nl-slaaf -->"
    assert "gives no reason" in finding.message


def test_an_empty_reason_counts_as_no_reason(check_file) -> None:
    text = "<!-- podium-ignore nl-slaaf:   -->\nDe slaven werkten hier.\n"
    assert rule_ids(check_file("content/nl/a.md", text)) == ["suppression-without-reason", "nl-slaaf"]


@pytest.mark.parametrize("reason", [".", "ok", "x", "-", "ok.", "1990", "n.v.t"])
def test_a_reason_must_be_a_real_sentence(check_file, reason: str) -> None:
    text = f"<!-- podium-ignore nl-bosneger: {reason} -->\nDe bosnegers bouwden deze boot.\n"
    findings = check_file("content/nl/a.md", text)
    assert rule_ids(findings) == ["suppression-without-reason", "nl-bosneger"]
    assert [finding.severity for finding in findings] == ["error", "error"]
    assert "is not a sentence, so it ignores nothing" in findings[0].message
    assert "at least 2 words" in findings[0].message


def test_a_short_real_reason_is_enough(check_file) -> None:
    text = "<!-- podium-ignore nl-slaaf: citaat uit 1990 -->\nDe slaven werkten hier.\n"
    assert check_file("content/nl/a.md", text) == []


def test_an_unused_suppression_is_a_warning(check_file) -> None:
    text = "<!-- podium-ignore nl-slaaf: citaat uit het archief -->\nEen gewone zin.\n"
    finding, = check_file("content/nl/a.md", text)
    assert (finding.rule, finding.severity, finding.line) == ("unused-suppression", "warning", 1)
    assert "not needed" in finding.message


def test_a_suppression_for_an_unknown_rule_or_no_rule(check_file) -> None:
    findings = check_file("content/nl/a.md", "<!-- podium-ignore nl-slaf: typo in the rule id -->\nTekst.\n\n<!-- podium-ignore -->\nTekst.\n")
    assert rule_ids(findings) == ["unused-suppression", "unused-suppression"]
    assert "'nl-slaf', which is not a rule" in findings[0].message
    assert "names no rule" in findings[1].message


def test_a_suppression_inside_a_paragraph_is_reported_as_misplaced(check_file) -> None:
    text = "De slaven <!-- podium-ignore nl-slaaf: citaat uit het archief --> werkten hier.\n"
    findings = check_file("content/nl/a.md", text)
    assert rule_ids(findings) == ["nl-slaaf", "unused-suppression"]
    assert "inside a paragraph" in findings[1].message
    assert findings[1].match == "<!-- podium-ignore nl-slaaf: citaat uit het archief -->"


def test_a_long_sentence_can_be_suppressed(check_file) -> None:
    sentence = " ".join(["woord"] * 30) + "."
    assert rule_ids(check_file("content/nl/a.md", sentence + "\n")) == ["long-sentence"]
    text = "<!-- podium-ignore long-sentence: opsomming van namen -->\n" + sentence + "\n"
    assert check_file("content/nl/a.md", text) == []


def test_a_suppression_inside_a_code_block_is_not_a_suppression(check_file) -> None:
    text = "```\n<!-- podium-ignore nl-slaaf -->\n```\n\nDe slaven.\n"
    assert rule_ids(check_file("content/nl/a.md", text)) == ["nl-slaaf"]


# -- YAML ------------------------------------------------------------------------------

def test_yaml_suppression_on_the_line_before(check_file) -> None:
    text = "title:\n  # podium-ignore nl-slaaf: titel van de archiefreeks\n  nl: De slaven van Suriname\n  en: The enslaved people of Suriname\n"
    assert check_file("data/titles.yml", text) == []


def test_yaml_suppression_at_the_end_of_the_line(check_file) -> None:
    text = "title:\n  nl: De slaven van Suriname  # podium-ignore nl-slaaf: titel van de archiefreeks\n  en: The slaves of Suriname\n"
    findings = check_file("data/titles.yml", text)
    assert [(finding.rule, finding.line) for finding in findings] == [("en-slave", 3)]


def test_yaml_suppression_before_an_entry_covers_its_strings(check_file) -> None:
    text = (
        "items:\n"
        "  # podium-ignore nl-slaaf, en-slave: citaat uit het register\n"
        "  - title:\n"
        "      nl: De slaven van Suriname\n"
        "      en: The slaves of Suriname\n"
        "  - title:\n"
        "      nl: De slaven van Curaçao\n"
    )
    findings = check_file("data/items.yml", text)
    assert [(finding.rule, finding.line) for finding in findings] == [("nl-slaaf", 7)]


def test_yaml_suppression_without_reason_and_unused(check_file) -> None:
    text = "a:\n  nl: De slaven  # podium-ignore nl-slaaf\nb:\n  # podium-ignore nl-slaaf: niet nodig\n  nl: Gewone tekst\n"
    findings = check_file("data/a.yml", text)
    assert [(finding.rule, finding.line) for finding in findings] == [
        ("nl-slaaf", 2), ("suppression-without-reason", 2), ("unused-suppression", 4)]
    assert findings[1].match == "# podium-ignore nl-slaaf"


def test_a_hash_inside_a_yaml_string_is_not_a_comment(check_file) -> None:
    text = 'a:\n  nl: "De slaven # podium-ignore nl-blank: geen commentaar"\n'
    assert rule_ids(check_file("data/a.yml", text)) == ["nl-slaaf"]


def test_front_matter_uses_yaml_suppressions(check_file) -> None:
    text = "---\n# podium-ignore nl-slaaf: titel van de tentoonstelling\ntitle: De slaven van Suriname\n---\n\nTekst.\n"
    assert check_file("content/nl/a.md", text) == []


# -- removing suppressions before publishing ----------------------------------------------

def test_strip_suppressions_removes_comment_lines() -> None:
    text = "Intro.\n\n<!-- podium-ignore nl-slaaf: citaat uit het archief -->\nDe slaven.\n\nEen <!-- podium-ignore x: y --> zin.\n"
    assert strip_suppressions(text) == "Intro.\n\nDe slaven.\n\nEen  zin.\n"


def test_strip_suppressions_removes_a_comment_line_between_text_lines() -> None:
    text = "Eerste regel.\n<!-- podium-ignore nl-slaaf: citaat uit het archief -->\nTweede regel.\n"
    assert strip_suppressions(text) == "Eerste regel.\nTweede regel.\n"


def test_strip_suppressions_handles_indentation_and_several_comments() -> None:
    text = (
        '!!! note "Titel"\n'
        "    <!-- podium-ignore nl-slaaf: citaat uit het archief -->\n"
        "    De slaven.\n"
        "\n"
        "<!-- podium-ignore nl-slaaf -->\n"
        "<!-- gewone opmerking -->\n"
        "Tekst.\n"
    )
    assert strip_suppressions(text) == '!!! note "Titel"\n    De slaven.\n\n<!-- gewone opmerking -->\nTekst.\n'


def test_strip_suppressions_leaves_code_and_other_text_alone() -> None:
    text = "```html\n<!-- podium-ignore nl-slaaf: voorbeeld uit de catalogus -->\n```\n\nUitleg over podium-ignore.\n"
    assert strip_suppressions(text) == text
    assert strip_suppressions("Geen opmerkingen.\n") == "Geen opmerkingen.\n"


def test_strip_suppressions_is_idempotent_and_survives_broken_front_matter() -> None:
    text = "---\ntitle: [kapot\n---\n\n<!-- podium-ignore nl-slaaf: citaat uit het archief -->\nDe slaven.\n"
    once = strip_suppressions(text)
    assert "podium-ignore" not in once
    assert strip_suppressions(once) == once
