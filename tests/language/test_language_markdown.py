"""What counts as prose in Markdown, where findings are reported, and which language applies."""

from __future__ import annotations

import pytest

from language_helpers import rule_ids, source_span
from macros.language import InputError, check_text
from macros.language.markdown import scan_markdown
from macros.language.normalise import JOIN, _ATTENTION

# "slaven" is flagged by nl-slaaf wherever it is prose; these pages hide it in non-prose places.
SKIPPED = {
    "fenced code": "Tekst.\n\n```python\nslaven = 1\n```\n\n~~~\nslaven\n~~~\n",
    "fenced code in a list": "- item\n\n    ```\n    slaven\n    ```\n",
    "inline code": "Gebruik `slaven` als sleutel.\n",
    "double backtick code": "Gebruik ``de `slaven` lijst`` hier.\n",
    "indented code": "Tekst.\n\n    slaven = 1\n    meer slaven\n",
    "bare URL": "Zie https://example.org/slaven/lijst voor meer.\n",
    "www address": "Zie www.slaven.example voor meer.\n",
    "autolink": "Zie <https://example.org/slaven> voor meer.\n",
    "e-mail": "Mail slaven@example.org voor meer.\n",
    "link target": 'Zie [de lijst](https://example.org/slaven "Lijst") voor meer.\n',
    "image source": "![Een kaart](img/slaven.png)\n",
    "reference definition": "Zie [de lijst][1].\n\n[1]: https://example.org/slaven\n",
    "reference label": "Zie [de lijst][slaven].\n",
    "html comment": "Tekst <!-- slaven --> hier.\n\n<!--\nslaven\n-->\n",
    "html attribute": '<span data-note="slaven" class="slaven">Tekst</span>\n',
    "html block attribute": '<div data-note="slaven">\nTekst\n</div>\n',
    "script": "<script>\nvar slaven = 1;\n</script>\n",
    "jinja expression": "Tekst {{ lijst('slaven') }} hier.\n",
    "jinja statement": "{% for slaven in lijst %}\nTekst\n{% endfor %}\n",
    "jinja comment": "{# slaven #}\nTekst\n",
    "front matter key": "---\nslaven: Tekst\n---\n\nTekst.\n",
    "attribute list": "## Kop {: #slaven .slaven }\n",
    "admonition type": '!!! slaven "Titel"\n    Tekst.\n',
    "footnote reference": "Tekst[^slaven].\n",
}

# The same word in places that are prose: every one must be flagged.
CHECKED = {
    "paragraph": "De slaven werkten hier.\n",
    "atx heading": "## De slaven van Suriname ##\n",
    "setext heading": "De slaven van Suriname\n======================\n",
    "list item": "- eerste\n- De slaven werkten hier.\n",
    "nested list": "- eerste\n    - tweede\n        - De slaven werkten hier.\n",
    "ordered list": "1. eerste\n2. De slaven werkten hier.\n",
    "table cell": "| Wie | Waar |\n|---|---|\n| slaven | Suriname |\n",
    "link text": "Lees over [de slaven](https://example.org/x).\n",
    "image alt text": "![De slaven op de plantage](kaart.png)\n",
    "html alt text": '<img src="kaart.png" alt="De slaven op de plantage">\n',
    "html title": '<abbr title="de slaven van Suriname">Tekst</abbr>\n',
    "link title": 'Lees [meer](x.md "Over de slaven").\n',
    "admonition title": '!!! note "Over de slaven"\n    Tekst.\n',
    "admonition body": '!!! note "Titel"\n    De slaven werkten hier.\n',
    "collapsible admonition": '???+ tip\n    De slaven werkten hier.\n',
    "content tab": '=== "Over slaven"\n    Tekst.\n',
    "block quote": "> De slaven werkten\n> hier.\n",
    "emphasis": "De **slaven** werkten *hier*.\n",
    "html text": "<p>De slaven werkten hier.</p>\n",
    "front matter value": "---\ntitle: De slaven van Suriname\n---\n\nTekst.\n",
    "footnote text": "Tekst[^1].\n\n[^1]: De slaven werkten hier.\n",
}


@pytest.mark.parametrize("name", sorted(SKIPPED))
def test_non_prose_is_skipped(check_file, name: str) -> None:
    assert check_file("content/nl/page.md", SKIPPED[name]) == []


@pytest.mark.parametrize("name", sorted(CHECKED))
def test_prose_is_checked_at_the_right_place(check_file, name: str) -> None:
    text = CHECKED[name]
    findings = [finding for finding in check_file("content/nl/page.md", text) if finding.rule == "nl-slaaf"]
    assert len(findings) == 1
    assert findings[0].match == "slaven"
    assert source_span(text, findings[0]) == "slaven"


def test_positions_are_one_based_and_end_exclusive(check_file) -> None:
    text = "# Kop\n\nDe tentoonstelling gaat over slaven.\n"
    finding, = check_file("content/nl/page.md", text)
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (3, 30, 3, 36)


def test_a_term_across_a_line_break_is_found_with_its_whole_span(check_file) -> None:
    text = "Welkom, dames\nen heren, bij de opening.\n"
    finding, = check_file("content/nl/page.md", text)
    assert finding.rule == "nl-dames-en-heren"
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 9, 2, 9)
    assert finding.match == "dames\nen heren" == source_span(text, finding)
    assert "“dames en heren”" in finding.message


def test_an_exception_across_a_line_break_still_applies(check_file) -> None:
    assert check_file("content/nl/page.md", "Het gaat over tot slaaf\ngemaakte mensen.\n") == []


def test_a_term_inside_a_quote_with_a_prefix_on_the_next_line(check_file) -> None:
    text = "> Welkom, dames\n> en heren.\n"
    finding, = check_file("content/nl/page.md", text)
    assert finding.match == "dames\n> en heren" == source_span(text, finding)
    assert "“dames en heren”" in finding.message


def test_unicode_word_boundaries() -> None:
    assert rule_ids(check_text("Een rolstoelpatiënt kan de lift nemen.", "nl")) == ["nl-rolstoelpatient"]
    assert rule_ids(check_text("Een rolstoelpatie\u0308nt kan de lift nemen.", "nl")) == ["nl-rolstoelpatient"]
    assert rule_ids(check_text("De ROLSTOELPATIËNTEN wachten.", "nl")) == ["nl-rolstoelpatient"]
    assert check_text("Zoek naar rolstoelpatiëntx in het register.", "nl") == []
    assert check_text("Zoek naar ërolstoelpatiënt in het register.", "nl") == []
    assert check_text("De rondleiding helpt bij de oriëntatie.", "nl") == []
    assert rule_ids(check_text("Hij reisde naar de Oriënt.", "nl")) == ["nl-orient"]


def test_inflections_and_variants_are_whole_words() -> None:
    for text in ("De allochtoon.", "De allochtonen.", "Allochtone jongeren."):
        assert rule_ids(check_text(text, "nl")) == ["nl-allochtoon"], text
    assert check_text("De allochtoonxe stad.", "nl") == []
    for text in ("It is wheelchair-bound.", "It is wheelchair bound.", "It is wheelchairbound.", "It is wheelchair\nbound."):
        assert rule_ids(check_text(text, "en")) == ["en-wheelchair-bound"], text


def test_case_aware_rules() -> None:
    assert rule_ids(check_text("De Berbers wonen in Noord-Afrika.", "nl")) == ["nl-berber"]
    assert check_text("In de hal ligt een berber.", "nl") == []
    assert rule_ids(check_text("Men noemde hem toen een mongool.", "nl")) == ["nl-mongool"]
    assert check_text("Op de prent staat een Mongool te paard.", "nl") == []


def test_conditions_look_at_nearby_words_only() -> None:
    assert rule_ids(check_text("Columbus ontdekte in 1492 Amerika.", "nl")) == ["nl-ontdekken"]
    assert check_text("Kinderen ontdekten in het museum een nieuwe wereld van kleur.", "nl") == []
    far = "Columbus was een zeevaarder uit Genua die veel reisde; veel later ontdekten onderzoekers zijn brieven."
    assert check_text(far, "nl") == []


def test_longest_term_wins_and_terms_do_not_overlap() -> None:
    findings = check_text("The workshop was for mentally handicapped adults.", "en")
    assert rule_ids(findings) == ["en-mentally-handicapped"]
    assert findings[0].match == "mentally handicapped"


def test_the_accept_list_overrides_the_rules() -> None:
    assert check_text("Bouwsteen 4 heet Awareness & Empowerment.", "nl") == []
    assert rule_ids(check_text("We werken aan awareness.", "nl")) == ["nl-awareness"]


def test_quoted_titles_pass_for_rules_that_allow_them() -> None:
    assert check_text("Het schilderij „De zigeunerin” hangt in zaal 4.", "nl") == []
    assert check_text('Het schilderij "De zigeunerin" hangt in zaal 4.', "nl") == []
    assert rule_ids(check_text("Het schilderij toont een zigeunerin.", "nl")) == ["nl-zigeuner"]
    assert rule_ids(check_text("Zij noemde hem „een bosneger”.", "nl")) == ["nl-bosneger"]


def test_blocks_are_reported_in_document_order_with_nesting() -> None:
    scan = scan_markdown("- een\n\n    twee\n\n- drie\n\n## Kop\n")
    kinds = [segment.kind for segment in scan.segments]
    assert kinds == ["paragraph", "paragraph", "paragraph", "heading"]
    first, second = scan.segments[0].block, scan.segments[1].block
    assert scan.blocks.parents[first] == scan.blocks.parents[second] is not None


def test_segment_text_keeps_offsets() -> None:
    source = "Lees [meer](https://x.org) en `code` of {{ macro() }} **nu**.\n"
    segment, = scan_markdown(source).segments
    assert len(segment.text) == len(source.rstrip("\n"))
    assert segment.text.replace(JOIN, " ").split() == ["Lees", "meer", "en", "of", "nu", "."]


# -- which language ---------------------------------------------------------------------

def test_language_from_the_path(check_file) -> None:
    assert rule_ids(check_file("content/nl/a.md", "De slaven werkten hier.\n")) == ["nl-slaaf"]
    assert rule_ids(check_file("content/en/a.md", "The slaves worked here.\n")) == ["en-slave"]
    assert rule_ids(check_file("pages/about.nl.md", "De slaven werkten hier.\n")) == ["nl-slaaf"]


def test_front_matter_language_wins_over_the_path(check_file) -> None:
    text = "---\nlang: en\n---\n\nThe slaves worked here. De slaven werkten hier.\n"
    assert rule_ids(check_file("content/nl/a.md", text)) == ["en-slave"]


def test_the_lang_option_wins_over_everything(check_file) -> None:
    text = "---\nlang: en\n---\n\nThe slaves worked here. De slaven werkten hier.\n"
    assert rule_ids(check_file("content/en/a.md", text, lang="nl")) == ["nl-slaaf"]


def test_english_text_is_never_checked_with_dutch_rules(check_file) -> None:
    text = "The form was left blank. The blank wall is white.\n"
    assert check_file("content/en/a.md", text) == []


def test_an_unknown_language_is_an_input_error_that_says_how_to_fix_it(check_file) -> None:
    with pytest.raises(InputError) as raised:
        check_file("pages/about.md", "Tekst.\n")
    problem, = raised.value.problems
    assert problem.startswith("pages/about.md: cannot tell whether this page is Dutch or English")
    assert "lang: nl" in problem and "--lang" in problem


def test_an_unsupported_front_matter_language_is_an_input_error(check_file) -> None:
    with pytest.raises(InputError) as raised:
        check_file("content/nl/a.md", "---\nlang: de\n---\n\nText.\n")
    assert "expected lang: nl or lang: en" in raised.value.problems[0]


def test_the_fast_path_of_normalise_leaves_alone_exactly_plain_latin_text() -> None:
    """Every code point either is plain (left as it is without a look) or gets the careful path."""
    careful = {0x00, ord("&"), 0x132, 0x133} | set(range(0xA0, 0xC0)) | set(range(0x250, 0x2010)) \
        | set(range(0x202A, 0x2030)) | {0x205F}
    wrong = [code for code in range(0x110000)
             if (_ATTENTION.match(chr(code)) is not None) != (code in careful or code >= 0x2060)]
    assert wrong == []
