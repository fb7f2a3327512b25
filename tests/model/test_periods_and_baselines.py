"""Overlapping periods in one KPI are a data error, and a baseline may not stand in for a withheld figure."""
from __future__ import annotations

import textwrap

import pytest
from test_kpi_partner_validation import kpi_yaml, line_of, load, problems


def quarterly(observations: str) -> str:
    return kpi_yaml(unit="count", baseline=30, observations=observations).replace(
        "frequency: yearly", "frequency: quarterly")


def test_a_year_next_to_its_quarters_is_refused_at_the_second_period(tmp_path):
    # The year minus the three published quarters would give the withheld first quarter (3 visitors).
    text = quarterly("""
        observations:
          - {period: 2025, value: 63}
          - {period: 2025-03-31, value: 3}
          - {period: 2025-06-30, value: 20}
          - {period: 2025-09-30, value: 20}
          - {period: 2025-12-31, value: 20}
        """)
    found = problems(tmp_path, kpis_yml=text)
    assert [p.line for p in found] == [line_of(text, "2025-03-31"), line_of(text, "2025-06-30"),
                                       line_of(text, "2025-09-30"), line_of(text, "2025-12-31")]
    first = found[0]
    assert first.column == line_of_column(text, "2025-03-31")
    assert "overlaps the period 2025" in first.message and f"(line {line_of(text, 'period: 2025,')})" in first.message
    assert "quarter that ends on it" in first.message and "no overlap" in first.expected


def line_of_column(text: str, needle: str) -> int:
    line = textwrap.dedent(text).lstrip("\n").splitlines()[line_of(text, needle) - 1]
    return line.index(needle) + 1


def test_a_year_and_its_last_day_overlap_in_a_yearly_kpi(tmp_path):
    text = kpi_yaml(observations="""
        observations:
          - {period: 2025-12-31, numerator: 12, denominator: 60}
          - {period: 2025, numerator: 13, denominator: 61}
        """)
    (problem,) = problems(tmp_path, kpis_yml=text)
    assert problem.line == line_of(text, "period: 2025,")
    assert "overlaps the period 2025-12-31" in problem.message


@pytest.mark.parametrize("periods", [
    ("2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31"),   # quarters in a row
    ("2025-01-15", "2025-04-15", "2025-07-15"),                              # quarters ending mid-month
])
def test_periods_in_a_row_do_not_overlap(tmp_path, periods):
    observations = "observations:\n" + "".join(f"  - {{period: {p}, value: 40}}\n" for p in periods)
    load(tmp_path, kpis_yml=quarterly(observations))


def test_two_dates_less_than_a_period_apart_overlap(tmp_path):
    text = quarterly("""
        observations:
          - {period: 2025-03-31, value: 40}
          - {period: 2025-05-31, value: 40}
        """)
    (problem,) = problems(tmp_path, kpis_yml=text)
    assert problem.line == line_of(text, "2025-05-31")


@pytest.mark.parametrize("baseline_date", ["2024-12-30", "2025-01-01", "2024-06-30"])
def test_a_baseline_near_a_withheld_figure_is_refused_whatever_its_value(tmp_path, baseline_date):
    # 3 of 16 (18.75%) is withheld; a baseline a day before or after would publish it again.
    text = kpi_yaml(baseline=18.8, observations="""
        observations:
          - {period: 2024, numerator: 3, denominator: 16}
          - {period: 2025, numerator: 9, denominator: 40}
        """).replace("date: 2023-12-31", f"date: {baseline_date}")
    (problem,) = problems(tmp_path, kpis_yml=text)
    assert problem.line == line_of(text, "baseline:")
    assert "covers the same time as the figure for 2024" in problem.message and "not published" in problem.message


def test_a_baseline_a_full_period_away_from_a_withheld_figure_is_fine(tmp_path):
    text = kpi_yaml(baseline=18.8, observations="""
        observations:
          - {period: 2024, numerator: 3, denominator: 16}
          - {period: 2025, numerator: 9, denominator: 40}
        """)
    assert "date: 2023-12-31" in text       # the year before the withheld 2024
    load(tmp_path, kpis_yml=text)
