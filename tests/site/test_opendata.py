"""Open data: CSV and JSON round trips of the published figures, and a deterministic zip with a README."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from disclosure_attacker import attacker_leaks
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.base.languages import read_languages
from macros.model.dataset import Dataset, load_dataset
from macros.model.disclosure import Cell, Total
from macros.model.kpi import KPI
from macros.model.schema import Organisations
from macros.site import opendata
from macros.site.build import build_site

D = dt.date
TODAY = D(2026, 3, 1)
ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = read_languages(ROOT)  # the example site's languages


def kpi(kpi_id: str, organisation: str, observations: list[dict], **changes) -> KPI:
    data = {
        "id": kpi_id, "organisation": organisation, "goal": "g",
        "name": {"nl": f"Naam {kpi_id}", "en": f"Name {kpi_id}"},
        "definition": {"nl": "Wat we tellen.", "en": "What we count."}, "unit": "percent", "direction": "increase",
        "baseline": {"value": 10, "date": D(2022, 12, 31)}, "target": {"value": 30, "deadline": D(2030, 12, 31)},
        "method": {"nl": "Zo meten we.", "en": "How we measure."}, "source": {"nl": "Bron.", "en": "Source."},
        "frequency": "yearly", "observations": observations}
    data.update(changes)
    return KPI.model_validate(data)


@pytest.fixture
def ds() -> Dataset:
    orgs = Organisations.model_validate({
        "collective": {"id": "samen", "name": {"nl": "Samen", "en": "Together"}, "website": "https://samen.example.org",
                       "mission": {"nl": "m", "en": "m"}},
        "members": [{"id": m, "name": {"nl": m, "en": m}, "website": f"https://{m}.example.org",
                     "mission": {"nl": "m", "en": "m"}} for m in ("groot", "klein")]})
    kpis = [
        kpi("totaal", "samen", [], shared_id="deel"),
        kpi("groot", "groot", [{"period": 2024, "numerator": 31, "denominator": 140},
                               {"period": 2025, "numerator": 35, "denominator": 142, "provisional": True,
                                "note": {"nl": "Voorlopig.", "en": "Provisional."}}], shared_id="deel"),
        kpi("klein", "klein", [{"period": 2024, "numerator": 4, "denominator": 38},
                               {"period": 2025, "numerator": 6, "denominator": 40}], shared_id="deel"),
        kpi("bezoek", "groot", [{"period": D(2025, 6, 30), "value": 1234.5}], unit="count", frequency="quarterly"),
    ]
    return Dataset(LANGUAGES, orgs, kpis=kpis)


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_round_trip_gives_the_published_figures(ds):
    figures = opendata.published(ds, TODAY)
    rows = read_csv(opendata.kpi_csv(ds.by_id("kpis", "groot"), figures["groot"]))
    assert list(rows[0]) == list(opendata.CSV_FIELDS)
    assert rows[1] == {"kpi": "groot", "organisation": "groot", "period": "2025", "date": "2025-12-31",
                       "value": str(round(100 * 35 / 142, 4)), "unit": "percent", "numerator": "35",
                       "denominator": "142", "provisional": "true", "suppressed": "false", "suppressed_reason": ""}
    bezoek = read_csv(opendata.kpi_csv(ds.by_id("kpis", "bezoek"), figures["bezoek"]))
    assert bezoek[0]["provisional"] == "false" and bezoek[0]["suppressed"] == "false"


def test_a_withheld_figure_keeps_its_period_and_reason_but_no_numbers(ds):
    figures = opendata.published(ds, TODAY)
    small = read_csv(opendata.kpi_csv(ds.by_id("kpis", "klein"), figures["klein"]))
    assert small[0]["period"] == "2024"
    assert (small[0]["value"], small[0]["numerator"], small[0]["denominator"]) == ("", "", "")
    assert (small[0]["suppressed"], small[0]["suppressed_reason"]) == ("true", "fewer than 5")
    big = read_csv(opendata.kpi_csv(ds.by_id("kpis", "groot"), figures["groot"]))
    assert (big[0]["suppressed"], big[0]["suppressed_reason"]) == ("true", "withheld so that another withheld "
                                                                          "figure cannot be worked out")
    assert big[1]["value"] == str(round(100 * 35 / 142, 4))


def test_the_collective_file_holds_the_sum_of_the_members(ds):
    rows = read_csv(opendata.kpi_csv(ds.by_id("kpis", "totaal"), opendata.published(ds, TODAY)["totaal"]))
    assert [(r["period"], r["numerator"], r["denominator"]) for r in rows] == [("2024", "35", "178"),
                                                                              ("2025", "41", "182")]


def test_json_round_trip_has_metadata_status_and_the_same_figures(ds):
    figures = opendata.published(ds, TODAY)
    record = json.loads(opendata.kpi_json(ds.by_id("kpis", "groot"), figures["groot"], TODAY))
    assert record["id"] == "groot" and record["name"] == {"nl": "Naam groot", "en": "Name groot"}
    assert record["target"] == {"value": 30, "deadline": "2030-12-31"}
    assert record["licence"] == "CC-BY-4.0" and record["status"]["as_of"] == "2026-03-01"
    csv_rows = read_csv(opendata.kpi_csv(ds.by_id("kpis", "groot"), figures["groot"]))
    for obs, row in zip(record["observations"], csv_rows):
        assert obs["period"] == row["period"]
        assert ("" if obs["value"] is None else str(obs["value"])) == row["value"]
        assert obs["suppressed"] == (row["suppressed"] == "true")
    assert record["observations"][0]["note"] is None
    assert record["observations"][1]["note"] == {"nl": "Voorlopig.", "en": "Provisional."}


def test_the_status_in_the_json_uses_only_published_figures(ds):
    figures = opendata.published(ds, TODAY)
    record = json.loads(opendata.kpi_json(ds.by_id("kpis", "klein"), figures["klein"], D(2026, 3, 1)))
    assert record["status"]["status"] == "behind"   # 15% at end of 2025, below the line from 10% to 30%


def test_plain_numbers_dates_as_iso(ds):
    rows = read_csv(opendata.kpi_csv(ds.by_id("kpis", "bezoek"), opendata.published(ds, TODAY)["bezoek"]))
    assert (rows[0]["period"], rows[0]["date"], rows[0]["value"]) == ("2025-06-30", "2025-06-30", "1234.5")
    assert opendata.plain(3.0) == 3 and opendata.plain(1 / 3) == 0.3333 and opendata.plain(None) is None


def test_the_zip_holds_every_file_and_a_readme_and_is_deterministic(ds):
    first, second = opendata.files(ds, TODAY), opendata.files(ds, TODAY)
    assert first == second
    archive = zipfile.ZipFile(io.BytesIO(first[opendata.ZIP_NAME]))
    names = archive.namelist()
    assert names == sorted(names)
    assert set(names) == {"README.md"} | {n for n in first if n != opendata.ZIP_NAME}
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())
    assert archive.read("groot.csv") == first["groot.csv"]
    readme = archive.read("README.md").decode("utf-8")
    for needle in ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/", "Together (2026)",
                   "Samen (2026)", "How we measure.", "Zo meten we.", "fewer than N", "`percent`"):
        assert needle in readme
    for field in opendata.CSV_FIELDS:
        assert f"`{field}`" in readme


def test_write_open_data_writes_into_data_under_the_given_folder(ds, tmp_path):
    written = opendata.write_open_data(ds, tmp_path / "site" / "en", TODAY)
    folder = tmp_path / "site" / "en" / "data"
    assert sorted(p.name for p in written) == sorted(p.name for p in folder.iterdir())
    assert {"groot.csv", "groot.json", "totaal.csv", "klein.json", "podium-open-data.zip"} <= {p.name for p in written}
    assert (folder / "groot.csv").read_bytes() == opendata.files(ds, TODAY)["groot.csv"]


def test_a_dataset_without_kpis_still_gets_a_zip_with_a_readme(ds):
    empty = Dataset(ds.languages, ds.organisations)
    files = opendata.files(empty, TODAY)
    assert list(files) == [opendata.ZIP_NAME]
    assert zipfile.ZipFile(io.BytesIO(files[opendata.ZIP_NAME])).namelist() == ["README.md"]


# --- what a reader can work out from the open data files alone --------------------------------


def tables_in(files: dict[str, bytes], collective_id: str) -> tuple[dict, list[Total], set]:
    """The counts in the JSON files as tables: each figure's numerator, complement and denominator
    (numbers only where published), the collective's counts as the sum of the members', and the
    withheld figures."""
    records = [json.loads(data) for name, data in files.items() if name.endswith(".json")]
    cells: dict = {}
    totals: list[Total] = []
    withheld: set = set()
    for record in records:
        if record["unit"] in ("euro", "yes-no"):
            continue
        rule = record["disclosure_control"]
        counted = record["unit"] == "percent" or any(o["denominator"] for o in record["observations"])
        for obs in record["observations"]:
            figure = (record["id"], obs["period"])
            if obs["suppressed"]:
                withheld.add(figure)
                n = c = d = None
            else:
                n = obs["numerator"] if counted else obs["value"]
                d = obs["denominator"]
                c = d - n if counted else None
            cells[(figure, "n")] = Cell(n, rule["min_cell"], figure)
            if counted:
                base = rule["min_denominator"] if record["unit"] == "percent" else rule["min_cell"]
                cells[(figure, "c")] = Cell(c, rule["min_cell"], figure)
                cells[(figure, "d")] = Cell(d, base, figure)
                totals.append(Total((figure, "d"), ((figure, "n"), (figure, "c"))))
    for record in records:
        if record["shared_id"] and record["organisation"] == collective_id:
            members = [r["id"] for r in records if r["shared_id"] == record["shared_id"] and r is not record]
            for obs in record["observations"]:
                for kind in ("n", "c", "d"):
                    total = ((record["id"], obs["period"]), kind)
                    parts = tuple(((m, obs["period"]), kind) for m in members)
                    if total in cells:
                        totals.append(Total(total, parts))
    return cells, totals, withheld


def test_nothing_withheld_can_be_worked_out_from_the_open_data(ds):
    cells, totals, withheld = tables_in(opendata.files(ds, TODAY), "samen")
    assert withheld and attacker_leaks(cells, totals, withheld) == []


@st.composite
def shared_kpis(draw) -> Dataset:
    """A collective percentage KPI over one to three members, random counts; one or two years
    (two only with up to two members, so the attacker's search stays small)."""
    members = [f"m{i}" for i in range(draw(st.integers(1, 3)))]
    years = range(2024, 2024 + (draw(st.integers(1, 2)) if len(members) < 3 else 1))
    kpis = [kpi("totaal", "samen", [], shared_id="deel")]
    for m in members:
        observations = []
        for year in years:
            denominator = draw(st.integers(1, 45))
            observations.append({"period": year, "denominator": denominator,
                                 "numerator": draw(st.integers(0, denominator))})
        kpis.append(kpi(m, m, observations, shared_id="deel"))
    orgs = Organisations.model_validate({
        "collective": {"id": "samen", "name": {"nl": "Samen", "en": "Together"},
                       "website": "https://samen.example.org", "mission": {"nl": "m", "en": "m"}},
        "members": [{"id": m, "name": {"nl": m, "en": m}, "website": f"https://{m}.example.org",
                     "mission": {"nl": "m", "en": "m"}} for m in members]})
    return Dataset(LANGUAGES, orgs, kpis=kpis)


@settings(derandomize=True, max_examples=30, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(shared_kpis())
def test_for_random_shared_figures_nothing_withheld_can_be_worked_out_from_the_files(random_ds):
    cells, totals, withheld = tables_in(opendata.files(random_ds, TODAY), "samen")
    assert attacker_leaks(cells, totals, withheld) == []


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("real") / "site")


def test_the_open_data_of_a_real_build_keeps_every_withheld_figure_hidden(real_site):
    collective = load_dataset(ROOT).collective.id
    folders = [real_site / lang / opendata.DATA_DIR for lang in ("nl", "en")]
    files = {p.name: p.read_bytes() for p in folders[0].iterdir()}
    assert files == {p.name: p.read_bytes() for p in folders[1].iterdir()}       # one set for both languages
    cells, totals, withheld = tables_in(files, collective)
    assert len(withheld) >= 4           # the example has small groups, withheld on their own and second
    assert attacker_leaks(cells, totals, withheld) == []
    for name in (n for n in files if n.endswith(".csv")):
        record = json.loads(files[name.replace(".csv", ".json")])
        flags = [row["suppressed"] == "true" for row in read_csv(files[name].decode("utf-8"))]
        assert flags == [o["suppressed"] for o in record["observations"]]       # CSV and JSON agree
