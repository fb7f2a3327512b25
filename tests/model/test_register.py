"""Figures from the partner register: counted per member, per year and for the collective; typed
figures that disagree with the register are a message at their line; partners checked against the criteria."""
from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest

from macros.model.dataset import FILES, load_dataset
from macros.model.errors import DataErrors
from macros.model.privacy import disclose
from macros.model.register import with_register_figures

ROOT = Path(__file__).resolve().parents[2]
SPECS = tuple(s for s in FILES if s.name in {"organisations.yml", "goals.yml", "roles.yml", "kpis.yml",
                                             "partners.yml", "criteria.yml"})

FILES_TEXT = {
    "criteria.yml": (ROOT / "data" / "criteria.yml").read_text(encoding="utf-8"),
    "organisations.yml": """
        collective: {id: samen, name: {nl: Samen, en: Together}, website: https://samen.example.org,
                     mission: {nl: Musea., en: Museums.}}
        members:
          - {id: stad, name: {nl: Stad, en: City}, website: https://stad.example.org, mission: {nl: Stad., en: City.}}
          - {id: natuur, name: {nl: Natuur, en: Nature}, website: https://natuur.example.org,
             mission: {nl: Natuur., en: Nature.}}
        """,
    "goals.yml": """
        - {id: partners, organisation: samen, pillar: partners, building_block: 3, type: ambition,
           title: {nl: Partners, en: Partners}, description: {nl: Meer., en: More.}, deadline: 2030-12-31,
           status: in-progress, owner_role: inkoop}
        """,
    "roles.yml": """
        - {id: inkoop, organisation: samen, title: {nl: Inkoop, en: Procurement},
           responsibilities: [{nl: Inkopen., en: Buying.}], mailbox: inkoop@samen.example.org}
        """,
}


def partners_yaml(count: int, diverse: int, org: str = "stad", since: int = 2024) -> str:
    """`count` partners of `org` since `since`, the first `diverse` of them self-declared women-owned."""
    items = []
    for i in range(count):
        claim = ("\n  ownership: [{category: women, basis: self-declared, at_least_51_percent: true}]"
                 if i < diverse else "")
        items.append(f"- {{id: {org}-{i}, name: P{i}, organisations: [{org}], type: supplier, "
                     f"partner_since: {since}}}" if not claim else
                     f"- id: {org}-{i}\n  name: P{i}\n  organisations: [{org}]\n  type: supplier\n"
                     f"  partner_since: {since}{claim}")
    return "\n".join(items) + "\n"


def kpi_yaml(kpi_id: str, org: str, register: str, observations: str = "", extra: str = "") -> str:
    return textwrap.dedent(f"""
        - id: {kpi_id}
          organisation: {org}
          goal: partners
          name: {{nl: Aandeel, en: Share}}
          definition: {{nl: Diverse partners van alle partners., en: Diverse partners of all partners.}}
          unit: percent
          direction: increase
          baseline: {{value: 10, date: 2023-12-31}}
          target: {{value: 30, deadline: 2030-12-31}}
          method: {{nl: Tellen., en: Counting.}}
          source: {{nl: Register., en: Register.}}
          frequency: yearly
          partner_register: {register}
        """).lstrip("\n") + textwrap.indent(textwrap.dedent(extra + observations).lstrip("\n"), "  ")


def load(tmp_path: Path, kpis: str, partners: str):
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    for name, text in {**FILES_TEXT, "kpis.yml": kpis, "partners.yml": partners}.items():
        (data / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return load_dataset(tmp_path, SPECS)


def test_a_typed_figure_that_disagrees_with_the_register_is_a_message_at_its_line(tmp_path):
    kpis = kpi_yaml("stad-share", "stad", "compared", observations="""
        observations:
          - {period: 2024, numerator: 6, denominator: 24}
          - {period: 2025, numerator: 9, denominator: 25}
        """)
    with pytest.raises(DataErrors) as err:
        load(tmp_path, kpis, partners_yaml(24, 6))
    (problem,) = err.value.problems
    lines = kpis.splitlines()
    assert problem.path == "data/kpis.yml"
    assert problem.line == next(i + 1 for i, line in enumerate(lines) if "period: 2025" in line)
    assert "9 of 25" in problem.message and "counts 6 of 24" in problem.message
    assert "register_difference" in problem.expected


def test_an_explained_difference_is_accepted(tmp_path):
    kpis = kpi_yaml("stad-share", "stad", "compared", observations="""
        observations:
          - {period: 2025, numerator: 9, denominator: 25}
        """, extra="""
        register_difference: {nl: Het register is nog niet compleet., en: The register is not complete yet.}
        """)
    ds = load(tmp_path, kpis, partners_yaml(24, 6))
    assert ds.kpis[0].register_difference("en") == "The register is not complete yet."


def test_computed_figures_come_from_the_register_per_member_per_year_and_for_the_collective(tmp_path):
    kpis = (kpi_yaml("stad-share", "stad", "computed") + kpi_yaml("natuur-share", "natuur", "computed")
            + kpi_yaml("all-share", "samen", "computed"))
    partners = partners_yaml(20, 5, "stad", 2024) + partners_yaml(22, 11, "natuur", 2025)
    ds = load(tmp_path, kpis, partners)
    kpis_now = with_register_figures(ds.kpis, ds.partners, ds.criteria, "samen", dt.date(2026, 3, 1))
    figures = disclose(kpis_now, "samen")
    stad = [(f.key, f.numerator, f.denominator, f.provisional) for f in figures["stad-share"]]
    assert stad == [("2024", 5, 20, False), ("2025", 5, 20, False), ("2026", 5, 20, True)]
    natuur = [(f.key, f.numerator, f.denominator) for f in figures["natuur-share"]]
    assert natuur == [("2025", 11, 22), ("2026", 11, 22)]               # no partners in 2024: no figure
    collective = [(f.key, f.numerator, f.denominator) for f in figures["all-share"]]
    assert collective == [("2024", 5, 20), ("2025", 16, 42), ("2026", 16, 42)]


def test_computed_figures_go_through_disclosure_control(tmp_path):
    ds = load(tmp_path, kpi_yaml("stad-share", "stad", "computed"), partners_yaml(7, 5))
    kpis_now = with_register_figures(ds.kpis, ds.partners, ds.criteria, "samen", dt.date(2026, 3, 1))
    public = disclose(kpis_now, "samen")["stad-share"]
    assert public and all(f.hidden and f.value is None and f.reason == "small-base" for f in public)


def test_a_computed_kpi_refuses_typed_figures(tmp_path):
    kpis = kpi_yaml("stad-share", "stad", "computed", observations="""
        observations:
          - {period: 2025, numerator: 5, denominator: 20}
        """)
    with pytest.raises(DataErrors) as err:
        load(tmp_path, kpis, partners_yaml(20, 5))
    (problem,) = err.value.problems
    assert problem.line == kpis.splitlines().index("  observations:") + 1
    assert "counted from the partner register" in problem.message


def test_partners_are_checked_against_the_criteria(tmp_path):
    partners = textwrap.dedent("""
        - id: a
          name: A
          organisations: [stad]
          type: supplier
          ownership:
            - category: veterans
              basis: self-declared
              at_least_51_percent: true
            - category: women
              route: friendship
              basis: certified
              certifier: Keurmerk
              at_least_51_percent: true
        """).lstrip("\n")
    with pytest.raises(DataErrors) as err:
        load(tmp_path, "[]\n", partners)
    found = {(p.line, p.column): p.message for p in err.value.problems}
    lines = partners.splitlines()
    assert "'veterans' is not one of the groups" in found[(lines.index("    - category: veterans") + 1, 17)]
    assert "'friendship' is not one of the routes" in found[(lines.index("      route: friendship") + 1, 14)]
    assert "certificate of A has no date" in found[(lines.index("      basis: certified") + 1, 14)]
