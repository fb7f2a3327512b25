"""Nonsense is never published: figures stay within the range of their unit, no NaN or infinity,
no consent dated in the future, and no control or invisible character in any text or address."""
from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest

from macros.model.dataset import load_dataset
from macros.model.errors import DataErrors

from test_kpi_partner_validation import BASE, ROOT, SPECS, kpi_yaml, line_of, load, problems

TODAY = dt.date(2026, 6, 1)


def messages(tmp_path: Path, **files: str) -> list[str]:
    return [str(p) for p in problems(tmp_path, **files)]


def observations(*lines: str) -> str:
    return "observations:\n" + "".join(f"  - {line}\n" for line in lines)


# --- numbers that are not numbers --------------------------------------------------------------

@pytest.mark.parametrize("written", [".nan", ".NaN", ".inf", "-.inf", ".Inf", "1e400", "-1e999", '"nan"',
                                     '"inf"', '"-Infinity"'])
@pytest.mark.parametrize("where", ["baseline", "observation", "target"])
def test_not_a_number_and_infinity_are_refused_everywhere_a_figure_is_read(tmp_path, written, where):
    unit = "count"
    if where == "baseline":
        text = kpi_yaml(unit=unit, baseline=written)
    elif where == "observation":
        text = kpi_yaml(unit=unit, observations=observations(f"{{period: 2024, value: {written}}}"))
    else:
        text = kpi_yaml(unit=unit).replace("target: {value: 30,", f"target: {{value: {written},")
    found = messages(tmp_path, kpis_yml=text)
    assert any("is not an ordinary number" in m and "a number such as 12 or 12.5" in m for m in found), found


@pytest.mark.parametrize("written", [".nan", "1e400", ".inf"])
def test_a_procurement_share_and_a_tolerance_refuse_nan_and_infinity(tmp_path, written):
    proc = f"""
        targets:
          - id: doel
            organisation: samen
            band: up-to-50k
            share: {written}
            deadline: 2030-12-31
        """
    assert any(":5:" in m and ("ordinary number" in m or "out of range" in m)
               for m in messages(tmp_path, procurement_yml=proc))
    kpi = kpi_yaml(unit="count", extra=f"tolerance: {written}\n")
    assert any("is not an ordinary number" in m for m in messages(tmp_path, kpis_yml=kpi))


# --- ranges per unit ---------------------------------------------------------------------------

@pytest.mark.parametrize("unit, figure, message", [
    ("count", "-3", "a count is a whole number of 0 or more, found -3"),
    ("count", "-0.5", "a count is a whole number of 0 or more, found -0.5"),
    ("count", "2.5", "a count is a whole number of 0 or more, found 2.5"),
    ("euro", "-1500", "an amount in euros is 0 or more, found -1500"),
    ("euro", "-0.01", "an amount in euros is 0 or more, found -0.01"),
    ("yes-no", "2", "a yes/no figure is 1 (yes) or 0 (no), found 2"),
    ("yes-no", "-1", "a yes/no figure is 1 (yes) or 0 (no), found -1"),
])
def test_an_observed_figure_outside_its_unit_is_refused_at_its_line(tmp_path, unit, figure, message):
    text = kpi_yaml(unit=unit, baseline=0, observations=observations(f"{{period: 2024, value: {figure}}}"))
    text = text.replace("target: {value: 30,", "target: {value: 1,")
    line = line_of(text, "period: 2024")
    found = messages(tmp_path, kpis_yml=text)
    assert any(m.startswith(f"data/kpis.yml:{line}:") and message in m for m in found), found


@pytest.mark.parametrize("unit, baseline, target, message", [
    ("percent", "-5", "30", "a percentage lies between 0 and 100, found -5"),
    ("percent", "10", "130", "a percentage lies between 0 and 100, found 130"),
    ("percent", "10", "100.5", "a percentage lies between 0 and 100, found 100.5"),
    ("count", "-1", "30", "a count is a whole number of 0 or more, found -1"),
    ("euro", "100", "-20", "an amount in euros is 0 or more, found -20"),
    ("yes-no", "0", "3", "a yes/no figure is 1 (yes) or 0 (no), found 3"),
])
def test_a_baseline_or_target_outside_its_unit_is_refused(tmp_path, unit, baseline, target, message):
    text = kpi_yaml(unit=unit, baseline=baseline).replace("target: {value: 30,", f"target: {{value: {target},")
    assert any(message in m for m in messages(tmp_path, kpis_yml=text))


def test_an_interim_target_outside_its_unit_is_refused(tmp_path):
    text = kpi_yaml(unit="percent", extra="interim_targets:\n  - {value: 250, deadline: 2027-12-31}\n")
    line = line_of(text, "value: 250")
    assert any(m.startswith(f"data/kpis.yml:{line}:") and "found 250" in m
               for m in messages(tmp_path, kpis_yml=text))


@pytest.mark.parametrize("counts, message", [
    ("numerator: -3, denominator: 40", "out of range"),
    ("numerator: 3, denominator: -40", "out of range"),
    ("numerator: 3, denominator: 0", "out of range"),
    ("numerator: 41, denominator: 40", "the numerator (41) is larger than the denominator (40)"),
    ("numerator: 2.5, denominator: 40", "whole number"),
])
def test_counts_behind_a_percentage_stay_possible(tmp_path, counts, message):
    text = kpi_yaml(unit="percent", observations=observations(f"{{period: 2024, {counts}}}"))
    assert any(message in m for m in messages(tmp_path, kpis_yml=text))


def test_figures_within_their_unit_pass(tmp_path):
    text = (kpi_yaml(id="deel", unit="percent", baseline=0, observations=observations(
                "{period: 2024, numerator: 0, denominator: 40}", "{period: 2025, numerator: 40, denominator: 40}"))
            + kpi_yaml(id="geld", unit="euro", baseline=0, observations=observations("{period: 2024, value: 0.5}"))
            + kpi_yaml(id="tal", unit="count", baseline=0, observations=observations("{period: 2024, value: 0}")))
    assert len(load(tmp_path, kpis_yml=text).kpis) == 3


# --- consent is given on or before the build date ----------------------------------------------

PARTNER = """
    - id: atelier
      name: Atelier
      organisations: [stad]
      type: supplier
      listed: true
      listing_consent: {{date: {listing}, scope: profile}}
      ownership:
        - category: women
          basis: self-declared
          at_least_51_percent: true
          show: true
          consent: {{date: {category}}}
    """


def _load_on(tmp_path: Path, today: dt.date, **files: str):
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    for name, text in {**BASE, **files}.items():
        (data / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")  # the site's languages
    return load_dataset(tmp_path, SPECS, today=today)


@pytest.mark.parametrize("listing, category, line", [
    ("2099-01-01", "2025-01-01", 6), ("2026-06-02", "2025-01-01", 6), ("2025-01-01", "2030-12-31", 12)])
def test_a_consent_dated_after_the_build_date_is_refused(tmp_path, listing, category, line):
    text = PARTNER.format(listing=listing, category=category)
    with pytest.raises(DataErrors) as err:
        _load_on(tmp_path, TODAY, **{"partners.yml": text})
    found = [str(p) for p in err.value.problems]
    future = listing if listing > "2026" else category
    assert any(m.startswith(f"data/partners.yml:{line}:") and f"this consent is dated {future}, after today "
               "(2026-06-01): a consent only counts from the day it was given" in m for m in found), found


def test_a_consent_given_today_counts(tmp_path):
    ds = _load_on(tmp_path, TODAY, **{"partners.yml": PARTNER.format(listing="2026-06-01", category="2026-06-01")})
    assert ds.partners[0].listing_consent.date == TODAY


def test_a_person_named_with_a_future_consent_is_refused(tmp_path):
    roles = BASE["roles.yml"].rstrip() + "\n          person: {name: Sam de Vries, public: true, consent: 2099-01-01}\n"
    with pytest.raises(DataErrors) as err:
        _load_on(tmp_path, TODAY, **{"roles.yml": roles})
    assert any("this consent is dated 2099-01-01, after today" in str(p) for p in err.value.problems)


# --- control and invisible characters ----------------------------------------------------------

@pytest.mark.parametrize("escape, name", [
    ("\\u202E", "a right-to-left override (U+202E)"),
    ("\\u202A", "a left-to-right embedding (U+202A)"),
    ("\\u2067", "a right-to-left isolate (U+2067)"),
    ("\\u2069", "a pop directional isolate (U+2069)"),
    ("\\u200B", "a zero-width space (U+200B)"),
    ("\\u200D", "a zero-width joiner (U+200D)"),
    ("\\u200F", "a right-to-left mark (U+200F)"),
    ("\\u2060", "a word joiner (U+2060)"),
    ("\\uFEFF", "a zero-width no-break space (byte order mark) (U+FEFF)"),
    ("\\u00AD", "a soft hyphen (U+00AD)"),
    ("\\0", "a null character (U+0000)"),
    ("\\e", "an escape character (U+001B)"),
    ("\\x07", "a control character (U+0007)"),
    ("\\r", "a carriage return (U+000D)"),
    ("\\x85", "a control character (U+0085)"),
    ("\\u2028", "a line separator (U+2028)"),
    ("\\u2062", "an invisible character (U+2062)"),
    ("\\u3164", "an invisible character (U+3164)"),
])
def test_a_hidden_character_in_a_text_is_refused_by_name_at_its_line(tmp_path, escape, name):
    goals = BASE["goals.yml"].replace("title: {nl: Meer diverse partners,",
                                      f'title: {{nl: "Meer diverse{escape} partners",')
    found = messages(tmp_path, goals_yml=goals)
    line = line_of(goals, "title:")
    assert any(m.startswith(f"data/goals.yml:{line}:") and f"the text contains {name} after “Meer diverse”" in m
               and "delete it" in m for m in found), found


@pytest.mark.parametrize("field, before, after", [
    ("website", "website: https://stad.example.org", 'website: "https://stad.exa\\u202Emple.org"'),
    ("website", "website: https://stad.example.org", 'website: "https://stad.example.org/\\u200B"'),
    ("mailbox", "mailbox: inkoop@samen.example.org", 'mailbox: "inkoop@samen\\u200D.example.org"'),
])
def test_a_hidden_character_in_an_address_is_refused(tmp_path, field, before, after):
    files = {"organisations_yml": BASE["organisations.yml"].replace(before, after)} if field == "website" \
        else {"roles_yml": BASE["roles.yml"].replace(before, after)}
    found = messages(tmp_path, **files)
    assert any("the text contains a" in m and "(U+20" in m for m in found), found


def test_hidden_characters_are_refused_in_plain_text_fields_lists_and_internal_notes(tmp_path):
    partners = """
        - id: atelier
          name: "Ate\\u202Elier"
          organisations: [stad]
          type: supplier
          conversations:
            - {date: 2025-01-01, stage: future, note: "Gesprek\\u0000"}
        """
    goals = BASE["goals.yml"].replace("notes: werknotitie", 'notes: "werk\\u2066notitie"')
    found = messages(tmp_path, partners_yml=partners, goals_yml=goals)
    assert any(m.startswith("data/partners.yml:2:") and "right-to-left override (U+202E)" in m for m in found)
    assert any(m.startswith("data/partners.yml:6:") and "null character (U+0000)" in m for m in found)
    assert any(m.startswith("data/goals.yml:11:") and "left-to-right isolate (U+2066)" in m for m in found)


def test_ordinary_letters_spaces_and_tabs_pass(tmp_path):
    goals = BASE["goals.yml"].replace("title: {nl: Meer diverse partners,",
                                      'title: {nl: "Meer\\tdiverse partners — café, ’s-Hertogenbosch, 50 %",')
    assert load(tmp_path, goals_yml=goals).goals[0].title.nl.startswith("Meer\tdiverse")
