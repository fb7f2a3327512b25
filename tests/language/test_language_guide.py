"""The public language guide, built from the same rules as the check."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.language.guide import agreement, guide


def test_categories_come_in_the_settings_order_with_titles_in_the_language(book) -> None:
    for lang in ("nl", "en"):
        sections = guide(lang)
        order = [category.id for category in book.settings.categories]
        assert [section["id"] for section in sections] == [id_ for id_ in order if any(s["id"] == id_ for s in sections)]
        for section in sections:
            category = next(item for item in book.settings.categories if item.id == section["id"])
            assert section["title"] == category.title[lang]
            assert section["description"] == category.description[lang]
    assert guide("nl")[0]["title"] == "Gender"
    assert next(s for s in guide("nl") if s["id"] == "disability")["title"] == "Beperking"
    assert next(s for s in guide("en") if s["id"] == "disability")["title"] == "Disability"


def test_every_rule_of_the_language_appears_once_with_its_fields(book) -> None:
    for lang in ("nl", "en"):
        rules = [rule for section in guide(lang) for rule in section["rules"]]
        assert sorted(rule["id"] for rule in rules) == sorted(rule.id for rule in book.rules[lang])
        for rule in rules:
            assert set(rule) == {"id", "terms", "terms_language", "alternatives", "reason", "severity", "source"}
            assert rule["id"].startswith(f"{lang}-")
            assert rule["terms"] and rule["alternatives"] and rule["reason"]


def test_the_dutch_guide_holds_the_dutch_reason() -> None:
    rule = next(rule for section in guide("nl") for rule in section["rules"] if rule["id"] == "nl-slaaf")
    assert rule["terms"][0] == "slaaf"
    assert "tot slaaf gemaakte" in rule["alternatives"]
    assert rule["reason"].startswith("Niemand is van nature slaaf")


def test_rules_are_sorted_by_their_first_term_and_the_output_is_stable() -> None:
    for section in guide("en"):
        firsts = [rule["terms"][0].casefold() for rule in section["rules"]]
        assert firsts == sorted(firsts)
    assert guide("en") == guide("en")


def test_switched_off_rules_leave_the_guide(own_rules: Path) -> None:
    settings = own_rules / "settings.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("disabled_rules: []", "disabled_rules: [nl-gouden-eeuw]"), encoding="utf-8")
    root = own_rules.parents[1]
    ids = [rule["id"] for section in guide("nl", root) for rule in section["rules"]]
    assert "nl-gouden-eeuw" not in ids and "nl-slaaf" in ids


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        guide("de")


def test_the_agreement_is_given_in_each_language(own_rules: Path) -> None:
    root = own_rules.parents[1]
    for lang in ("nl", "en"):
        found = agreement(lang, root)
        assert found["blocking"] == ["error", "warning"] and found["annotating"] == ["suggestion"]
        assert found["version"] and found["agreed_on"].year >= 2026 and found["agreed_by"]
        assert len(found["summary"]) > 40
    assert "Awareness & Empowerment" in agreement("nl", root)["accepted"]
    assert agreement("nl", root)["summary"] != agreement("en", root)["summary"]


def test_the_guide_page_shows_the_agreement_in_both_languages(own_rules: Path) -> None:
    from macros.base.languages import read_languages
    from macros.site.i18n import PageContext
    from macros.site.pages import language_guide

    root = own_rules.parents[1]
    text = (own_rules / "agreement.yml").read_text(encoding="utf-8")
    (own_rules / "agreement.yml").write_text(text.replace('version: "1.0"', 'version: "2.3"'), encoding="utf-8")
    for lang, heading, blocks in (("nl", "Onze taalafspraak", "Houdt publicatie tegen"),
                                  ("en", "Our language agreement", "Stops publication")):
        html = language_guide(None, PageContext(read_languages(Path(__file__).resolve().parents[2]).get(lang), root=root))
        assert f'<h2 id="guide-agreement">{heading}</h2>' in html
        assert f'<th scope="row">{blocks}</th>' in html
        assert "<td>2.3</td>" in html
        assert agreement(lang, root)["agreed_by"][0] in html.replace("&#39;", "'")
        assert "Words Matter" in html or "Woorden doen ertoe" in html  # the licence asks for this credit
        assert f'href="https://creativecommons.org/licenses/by-sa/4.0/deed.{lang}"' in html


def test_terms_from_another_language_are_marked_with_it_on_the_guide_page(own_rules: Path) -> None:
    from macros.base.languages import read_languages
    from macros.site.i18n import PageContext
    from macros.site.pages import language_guide

    root = own_rules.parents[1]
    rule = next(rule for section in guide("nl", root) for rule in section["rules"]
                if rule["terms_language"] == "en")
    html = language_guide(None, PageContext(read_languages(Path(__file__).resolve().parents[2]).get("nl"), root=root))
    assert f'<th scope="row" lang="en">{", ".join(rule["terms"])}</th>' in html.replace("&#39;", "'")
    unmarked = next(rule for section in guide("nl", root) for rule in section["rules"] if rule["id"] == "nl-slaaf")
    assert f'<th scope="row">{", ".join(unmarked["terms"])}</th>' in html
