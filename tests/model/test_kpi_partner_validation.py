"""KPI, partner and procurement files: mistakes and privacy breaches are data errors at their line."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from macros.model.dataset import FILES, load_dataset
from macros.model.errors import DataErrors, Problem

ROOT = Path(__file__).resolve().parents[2]
SPECS = tuple(s for s in FILES if s.name in {"organisations.yml", "goals.yml", "roles.yml",
                                             "kpis.yml", "partners.yml", "procurement.yml", "criteria.yml"})

BASE = {
    "criteria.yml": (ROOT / "data" / "criteria.yml").read_text(encoding="utf-8"),  # the example's criteria
    "organisations.yml": """
        collective:
          id: samen
          name: {nl: Samen, en: Together}
          website: https://samen.example.org
          mission: {nl: Musea voor iedereen., en: Museums for everyone.}
        members:
          - id: stad
            name: {nl: Stad, en: City}
            website: https://stad.example.org
            mission: {nl: De stad., en: The city.}
          - id: natuur
            name: {nl: Natuur, en: Nature}
            website: https://natuur.example.org
            mission: {nl: De natuur., en: Nature.}
        """,
    "goals.yml": """
        - id: meer-partners
          organisation: samen
          pillar: partners
          building_block: 3
          type: ambition
          title: {nl: Meer diverse partners, en: More diverse partners}
          description: {nl: Dertig procent., en: Thirty percent.}
          deadline: 2030-12-31
          status: in-progress
          owner_role: inkoop
          notes: werknotitie
        """,
    "roles.yml": """
        - id: inkoop
          organisation: samen
          title: {nl: Inkoop, en: Procurement}
          responsibilities:
            - {nl: Inkopen., en: Buying.}
          mailbox: inkoop@samen.example.org
        """,
}

KPI_HEAD = """
    - id: {id}
      organisation: {org}
      goal: meer-partners
      name: {{nl: Aandeel, en: Share}}
      definition: {{nl: Deel van alle partners., en: Part of all partners.}}
      unit: {unit}
      direction: increase
      baseline: {{value: {baseline}, date: 2023-12-31}}
      target: {{value: 30, deadline: 2030-12-31}}
      method: {{nl: Tellen., en: Counting.}}
      source: {{nl: Lijst., en: List.}}
      frequency: yearly
    """


def kpi_yaml(id="aandeel", org="stad", unit="percent", baseline=14.5, extra="", observations=""):
    text = textwrap.dedent(KPI_HEAD.format(id=id, org=org, unit=unit, baseline=baseline))
    return text + textwrap.indent(textwrap.dedent(extra), "  ") + textwrap.indent(textwrap.dedent(observations), "  ")


def load(tmp_path: Path, **files: str):
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    for name, text in {**BASE, **{k.replace("_yml", ".yml"): v for k, v in files.items()}}.items():
        (data / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")  # the site's languages
    return load_dataset(tmp_path, SPECS)


def problems(tmp_path: Path, **files: str) -> list[Problem]:
    with pytest.raises(DataErrors) as err:
        load(tmp_path, **files)
    return err.value.problems


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing `needle` in the file as written (dedented, stripped)."""
    lines = textwrap.dedent(text).lstrip("\n").splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if needle in line]
    return hits[occurrence - 1]


# --- partners and consent -------------------------------------------------------------------

PARTNERS = """
    - id: atelier
      name: Atelier
      organisations: [stad]
      type: supplier
      listed: true
      listing_consent: {date: 2025-02-10, scope: profile}
      ownership:
        - category: women
          basis: certified
          certifier: WEConnect International
          certified_on: 2025-01-20
          at_least_51_percent: true
          show: true
          consent: {date: 2025-02-10}
        - category: lgbtiq
          basis: self-declared
          at_least_51_percent: true
          show: true
    - id: drukker
      name: Drukker
      organisations: [natuur]
      type: supplier
      listed: true
    - id: fonds
      name: Fonds
      organisations: [stad, natuur]
      type: funder
      listed: true
      listing_consent: {date: 2023-04-01, withdrawn: 2026-03-01, scope: name}
    - id: stil
      name: Stil
      organisations: [stad]
      type: supplier
      ownership:
        - category: disabled
          basis: self-declared
          at_least_51_percent: true
          show: true
          consent: {date: 2025-01-01}
    """


def test_consent_problems_point_at_the_line_that_asks_to_publish(tmp_path):
    found = {(p.path, p.line, p.column): p for p in problems(tmp_path, partners_yml=PARTNERS)}
    lgbtiq_show = line_of(PARTNERS, "show: true", 2)
    drukker_listed = line_of(PARTNERS, "listed: true", 2)
    fonds_listed = line_of(PARTNERS, "listed: true", 3)
    stil_show = line_of(PARTNERS, "show: true", 3)
    assert set(found) == {("data/partners.yml", lgbtiq_show, 13), ("data/partners.yml", drukker_listed, 11),
                          ("data/partners.yml", fonds_listed, 11), ("data/partners.yml", stil_show, 13)}
    assert "no consent for this category" in found[("data/partners.yml", lgbtiq_show, 13)].message
    assert "no consent to be listed" in found[("data/partners.yml", drukker_listed, 11)].message
    assert "withdrew consent" in found[("data/partners.yml", fonds_listed, 11)].message
    assert "not listed" in found[("data/partners.yml", stil_show, 13)].message
    assert all(p.expected for p in found.values())


def test_consenting_partners_load_without_problems(tmp_path):
    clean = """
        - id: atelier
          name: Atelier
          organisations: [stad]
          type: supplier
          listed: true
          listing_consent: {date: 2025-02-10, scope: profile}
          ownership:
            - category: women
              basis: self-declared
              at_least_51_percent: true
              show: true
              consent: {date: 2025-02-10}
            - category: lgbtiq
              basis: self-declared
              at_least_51_percent: true
        """
    ds = load(tmp_path, partners_yml=clean)
    assert [p.id for p in ds.partners] == ["atelier"]


def test_a_repeated_category_and_an_unknown_member_are_reported(tmp_path):
    text = """
        - id: dubbel
          name: Dubbel
          organisations: [stad, haven]
          type: sponsor
          ownership:
            - {category: women, basis: self-declared, at_least_51_percent: true}
            - {category: women, basis: self-declared, at_least_51_percent: false}
        """
    found = problems(tmp_path, partners_yml=text)
    messages = {(p.line, p.message) for p in found}
    assert (line_of(text, "organisations"), "there is no organisation with the id 'haven'") in messages
    assert any(line == line_of(text, "at_least_51_percent: false") and "appears twice" in m for line, m in messages)


def test_a_certified_claim_needs_its_certifier(tmp_path):
    text = """
        - id: zonder
          name: Zonder
          organisations: [stad]
          type: supplier
          ownership:
            - category: women
              basis: certified
              at_least_51_percent: true
        """
    (problem,) = problems(tmp_path, partners_yml=text)
    assert problem.line == line_of(text, "category: women")
    assert "certifier" in problem.message


# --- KPIs -----------------------------------------------------------------------------------


def test_a_percentage_needs_its_counts_at_the_line_of_the_value(tmp_path):
    text = kpi_yaml(observations="""
        observations:
          - {period: 2024, numerator: 12, denominator: 65}
          - {period: 2025, value: 22.1}
        """)
    (problem,) = problems(tmp_path, kpis_yml=text)
    assert (problem.path, problem.line) == ("data/kpis.yml", line_of(text, "value: 22.1"))
    assert "numerator" in problem.expected


def test_two_figures_for_one_period_are_reported_at_the_second(tmp_path):
    text = kpi_yaml(observations="""
        observations:
          - {period: 2024, numerator: 12, denominator: 65}
          - {period: 2024, numerator: 13, denominator: 65}
        """)
    (problem,) = problems(tmp_path, kpis_yml=text)
    assert problem.line == line_of(text, "numerator: 13")
    assert f"line {line_of(text, 'numerator: 12')}" in problem.message


def test_the_collective_kpi_of_a_shared_figure_has_no_figures_of_its_own(tmp_path):
    text = (kpi_yaml(id="totaal", org="samen", baseline=13, extra="shared_id: partners\n",
                     observations="observations:\n  - {period: 2024, numerator: 1, denominator: 40}\n")
            + kpi_yaml(id="stad-deel", extra="shared_id: partners\n")
            + kpi_yaml(id="natuur-deel", org="natuur", unit="count", extra="shared_id: partners\n"))
    found = problems(tmp_path, kpis_yml=text)
    by_line = {p.line: p.message for p in found}
    assert any("added up from the members" in m for m in by_line.values())
    assert line_of(text, "observations:") in by_line
    assert any("same unit" in m for line, m in by_line.items() if line == line_of(text, "unit: count"))


def test_a_baseline_may_not_repeat_a_withheld_figure(tmp_path):
    text = kpi_yaml(baseline=12.5, observations="""
        observations:
          - {period: 2023, numerator: 2, denominator: 16}
        """)
    (problem,) = problems(tmp_path, kpis_yml=text)
    assert problem.line == line_of(text, "baseline:")
    assert "not published" in problem.message


def test_a_period_that_is_neither_a_year_nor_a_date_gets_one_clear_message(tmp_path):
    text = kpi_yaml(observations="""
        observations:
          - {period: twintig24, numerator: 12, denominator: 65}
        """)
    (problem,) = problems(tmp_path, kpis_yml=text)
    assert problem.line == line_of(text, "twintig24")
    assert "not a year or a date" in problem.message


def test_a_yes_no_figure_must_be_one_or_zero(tmp_path):
    text = kpi_yaml(unit="yes-no", baseline=0, observations="""
        observations:
          - {period: 2025, value: 2}
        """).replace("value: 30, deadline", "value: 1, deadline")
    (problem,) = problems(tmp_path, kpis_yml=text)
    assert problem.line == line_of(text, "value: 2")


def test_disclosure_thresholds_below_the_floor_are_refused(tmp_path):
    text = kpi_yaml(extra="privacy: {min_cell: 2}\n")
    (problem,) = problems(tmp_path, kpis_yml=text)
    assert problem.line == line_of(text, "privacy:")
    assert "out of range" in problem.message


def test_deadline_before_the_baseline_is_refused(tmp_path):
    text = kpi_yaml().replace("deadline: 2030-12-31", "deadline: 2020-12-31")
    (problem,) = problems(tmp_path, kpis_yml=text)
    assert "deadline must come after the baseline" in problem.message


def test_unknown_goal_is_reported_with_a_suggestion(tmp_path):
    text = kpi_yaml().replace("goal: meer-partners", "goal: meer-partner")
    (problem,) = problems(tmp_path, kpis_yml=text)
    assert problem.line == line_of(text, "goal: meer-partner")
    assert "meer-partners" in problem.expected


def test_all_problems_come_at_once_across_files(tmp_path):
    kpis = kpi_yaml(observations="observations:\n  - {period: 2025, value: 22.1}\n")
    partners = "- {id: p, name: P, organisations: [stad], type: supplier, listed: true}\n"
    found = problems(tmp_path, kpis_yml=kpis, partners_yml=partners)
    assert {p.path for p in found} == {"data/kpis.yml", "data/partners.yml"}


# --- procurement ----------------------------------------------------------------------------

PROCUREMENT = """
    contacts:
      - {organisation: samen, contact_role: inkoop, how_to_apply: {nl: Mail ons., en: Mail us.}}
    targets:
      - {id: klein, organisation: samen, band: up-to-50k, share: 50, deadline: 2027-12-31, goal: meer-partners}
      - {id: klein, organisation: stad, band: up-to-50k, share: 40, deadline: 2027-12-31, goal: meer-partners}
    tenders:
      - {organisation: stad, year: 2024, band: up-to-50k, awarded: 28, to_diverse: 9}
      - {organisation: stad, year: 2024, band: up-to-50k, awarded: 30, to_diverse: 9}
      - {organisation: samen, year: 2024, band: up-to-50k, awarded: 30, to_diverse: 9}
    """


def test_procurement_duplicates_and_collective_counts_are_reported(tmp_path):
    found = {p.line: p.message for p in problems(tmp_path, procurement_yml=PROCUREMENT)}
    assert "used twice" in found[line_of(PROCUREMENT, "id: klein", 2)]
    assert "two counts" in found[line_of(PROCUREMENT, "awarded: 30", 1)]
    assert "per member" in found[line_of(PROCUREMENT, "organisation: samen, year")]


def test_more_diverse_tenders_than_tenders_is_refused(tmp_path):
    text = "tenders:\n  - {organisation: stad, year: 2024, band: up-to-50k, awarded: 3, to_diverse: 9}\n"
    (problem,) = problems(tmp_path, procurement_yml=text)
    assert problem.line == 2 and "more than" in problem.message


def test_the_three_files_are_optional(tmp_path):
    ds = load(tmp_path)
    assert ds.kpis == [] and ds.partners == []


def test_the_example_data_of_the_repository_loads():
    ds = load_dataset(ROOT)
    assert ds.kpis and ds.partners and ds.procurement.targets
