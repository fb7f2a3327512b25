"""Two small groups next to a published total: neither the page, the open data nor the tender
table may let a reader subtract their combined count (1 + 1 of 60) from what is published."""
from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import textwrap
from pathlib import Path

import pytest

from macros.model.dataset import FILES, load_dataset
from macros.model.privacy import tender_tables
from macros.site import opendata, partner_pages, progress_pages
from macros.site.i18n import format_value
from macros.site.i18n import PageContext

TODAY = dt.date(2026, 3, 1)
SPECS = tuple(s for s in FILES if s.name in {"organisations.yml", "goals.yml", "roles.yml",
                                             "kpis.yml", "procurement.yml"})


def kpi(kpi_id: str, org: str, observations: str = "") -> str:
    return f"""
        - id: {kpi_id}
          organisation: {org}
          goal: meer-partners
          shared_id: partners
          name: {{nl: Diverse partners {kpi_id}, en: Diverse partners {kpi_id}}}
          definition: {{nl: Diverse partners van alle partners., en: Diverse partners out of all partners.}}
          unit: percent
          direction: increase
          baseline: {{value: 10, date: 2023-12-31}}
          target: {{value: 30, deadline: 2030-12-31}}
          method: {{nl: Tellen., en: Counting.}}
          source: {{nl: Lijst., en: List.}}
          frequency: yearly
    """ + observations


DATA = {
    "organisations.yml": """
        collective:
          id: samen
          name: {nl: Samen, en: Together}
          website: https://samen.example.org
          mission: {nl: Musea voor iedereen., en: Museums for everyone.}
        members:
    """ + "".join(f"""
          - id: {m}
            name: {{nl: Museum {m}, en: Museum {m}}}
            website: https://{m}.example.org
            mission: {{nl: Kunst., en: Art.}}
    """ for m in ("aa", "bb", "cc")),
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
        """,
    "roles.yml": """
        - id: inkoop
          organisation: samen
          title: {nl: Inkoop, en: Procurement}
          responsibilities:
            - {nl: Inkopen., en: Buying.}
          mailbox: inkoop@samen.example.org
        """,
    # 1 of 30 and 1 of 30 are withheld; 18 of 60 and the total 20 of 120 would give away 2 of 60.
    "kpis.yml": kpi("totaal", "samen")
    + kpi("deel-aa", "aa", "      observations:\n            - {period: 2025, numerator: 1, denominator: 30}\n")
    + kpi("deel-bb", "bb", "      observations:\n            - {period: 2025, numerator: 1, denominator: 30}\n")
    + kpi("deel-cc", "cc", "      observations:\n            - {period: 2025, numerator: 18, denominator: 60}\n"),
    "procurement.yml": """
        targets:
          - {id: klein, organisation: samen, band: up-to-50k, share: 50, deadline: 2027-12-31, goal: meer-partners}
        tenders:
          - {organisation: aa, year: 2025, band: up-to-50k, awarded: 25, to_diverse: 1}
          - {organisation: bb, year: 2025, band: up-to-50k, awarded: 25, to_diverse: 1}
          - {organisation: cc, year: 2025, band: up-to-50k, awarded: 40, to_diverse: 12}
        """,
}


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    (root / "data").mkdir()
    for name, text in DATA.items():
        (root / "data" / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    shutil.copy(Path(__file__).resolve().parents[2] / "mkdocs.yml", root / "mkdocs.yml")  # the site's languages
    return load_dataset(root, SPECS)


def test_the_open_data_does_not_give_away_the_two_small_groups(ds):
    files = opendata.files(ds, TODAY)
    rows = {kpi_id: next(csv.DictReader(io.StringIO(files[f"{kpi_id}.csv"].decode())))
            for kpi_id in ("totaal", "deel-aa", "deel-bb", "deel-cc")}
    assert rows["deel-aa"]["suppressed"] == rows["deel-bb"]["suppressed"] == "true"
    published = [k for k in ("totaal", "deel-cc") if rows[k]["suppressed"] == "false"]
    assert len(published) < 2, "the total minus the third museum gives the two small groups"
    # The smaller of the two ways out: the third museum (60) goes before the total (120).
    assert published == ["totaal"] and rows["deel-cc"]["suppressed_reason"].startswith("withheld so that")


def test_the_rollup_on_the_page_shows_the_same_protected_set(ds):
    for lang in ("nl", "en"):
        ctx = PageContext(ds.languages.get(lang), "", False, today=TODAY)
        html = progress_pages.collective_rollup(ds, ctx)
        assert format_value(ctx, "percent", 100 * 20 / 120) in html             # the total is published
        for share in (100 * 18 / 60, 100 * 1 / 30):
            assert format_value(ctx, "percent", share) not in html


def test_the_tender_table_does_not_give_away_the_two_small_groups(ds):
    totals, members = tender_tables(ds.procurement, "samen", ["aa", "bb", "cc"])["klein"]
    assert (totals[0].awarded, totals[0].to_diverse) == (90, 14)
    assert members["aa"][0].hidden and members["bb"][0].hidden
    assert members["cc"][0].hidden and members["cc"][0].reason == "secondary"
    html = partner_pages.working_with_us(ds, PageContext(ds.languages.get("en"), "", False, today=TODAY))
    assert "12 of 40" not in html and "1 of 25" not in html
    internal = partner_pages.working_with_us(ds, PageContext(ds.languages.get("en"), "", True, today=TODAY))
    assert "12 of 40" in internal                    # the internal build still shows every figure
