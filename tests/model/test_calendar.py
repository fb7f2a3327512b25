"""The calendar model: date rules, their expansion, bad data at its line, and the next-year warning."""
from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from macros.cli import main
from macros.model.calendar import (Moment, calendar_between, missing_date_warnings, missing_years,
                                   nth_weekday, occurrences, twelve_months)
from macros.model.dataset import load_dataset
from macros.model.errors import DataErrors

TEXT = {"nl": "x", "en": "x"}


def moment(**rule) -> Moment:
    return Moment.model_validate({"id": "m", "title": {"nl": "Moment", "en": "Moment"}, "meaning": TEXT,
                                  "theme": TEXT, "added": "2026-01-01", **rule})


def days(m: Moment, first: str, last: str) -> list[tuple[str, str]]:
    return [(o.start.isoformat(), o.end.isoformat())
            for o in occurrences(m, dt.date.fromisoformat(first), dt.date.fromisoformat(last))]


def test_fixed_day_every_year():
    assert days(moment(fixed={"month": 7, "day": 1}), "2026-01-01", "2028-12-31") == [
        ("2026-07-01", "2026-07-01"), ("2027-07-01", "2027-07-01"), ("2028-07-01", "2028-07-01")]


def test_29_february_only_in_leap_years():
    leap = moment(fixed={"month": 2, "day": 29})
    assert days(leap, "2026-01-01", "2029-12-31") == [("2028-02-29", "2028-02-29")]
    assert days(leap, "2100-01-01", "2100-12-31") == []      # 2100 is not a leap year
    assert days(leap, "2000-01-01", "2000-12-31") == [("2000-02-29", "2000-02-29")]


def test_a_fixed_day_that_lasts_several_days_crosses_the_month():
    assert days(moment(fixed={"month": 1, "day": 30, "days": 3}), "2026-01-01", "2026-12-31") == [
        ("2026-01-30", "2026-02-01")]


@pytest.mark.parametrize("year, nth, expected", [
    (2027, "last", "2027-01-31"),   # last Sunday of January
    (2026, "last", "2026-01-25"),
    (2027, 1, "2027-01-03"),
    (2027, 5, "2027-01-31"),        # January 2027 has five Sundays
    (2026, 5, None),                # January 2026 has four
])
def test_nth_and_last_weekday(year, nth, expected):
    found = nth_weekday(year, 1, "sunday", nth)
    assert (found.isoformat() if found else None) == expected


def test_last_weekday_in_february_of_a_leap_year():
    assert nth_weekday(2028, 2, "tuesday", "last") == dt.date(2028, 2, 29)
    assert nth_weekday(2027, 2, "sunday", "last") == dt.date(2027, 2, 28)


def test_second_friday_of_december():
    m = moment(weekday={"month": 12, "weekday": "friday", "nth": 2})
    assert days(m, "2026-01-01", "2028-12-31") == [
        ("2026-12-11", "2026-12-11"), ("2027-12-10", "2027-12-10"), ("2028-12-08", "2028-12-08")]


def test_span_within_a_month_and_across_the_year_end():
    month = moment(span={"start": {"month": 10, "day": 1}, "end": {"month": 10, "day": 31}})
    assert days(month, "2026-10-15", "2026-10-15") == [("2026-10-01", "2026-10-31")]
    winter = moment(span={"start": {"month": 12, "day": 20}, "end": {"month": 1, "day": 6}})
    # seen from early January, the span that started last December is still on
    assert days(winter, "2027-01-02", "2027-12-31") == [("2026-12-20", "2027-01-06"),
                                                      ("2027-12-20", "2028-01-06")]


def test_span_ending_on_29_february_ends_on_the_28th_in_other_years():
    m = moment(span={"start": {"month": 2, "day": 1}, "end": {"month": 2, "day": 29}})
    assert days(m, "2027-01-01", "2028-12-31") == [("2027-02-01", "2027-02-28"), ("2028-02-01", "2028-02-29")]


def test_explicit_dates_keep_their_confirmation():
    m = moment(dates=[{"start": "2026-11-08", "source": "https://example.org/a", "confirmed": True},
                      {"start": "2027-07-31", "end": "2027-08-08", "source": "https://example.org/b",
                       "confirmed": False}])
    found = occurrences(m, dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    assert [(o.start, o.end, o.confirmed) for o in found] == [
        (dt.date(2026, 11, 8), dt.date(2026, 11, 8), True), (dt.date(2027, 7, 31), dt.date(2027, 8, 8), False)]
    assert missing_years([m], 2028) == [m] and missing_years([m], 2027) == []


@pytest.mark.parametrize("rule, words", [
    ({"fixed": {"month": 2, "day": 30}}, "February never has a day 30"),
    ({"fixed": {"month": 4, "day": 31}}, "April never has a day 31"),
    ({"fixed": {"month": 13, "day": 1}}, "less than or equal to 12"),
    ({"weekday": {"month": 1, "weekday": "monday", "nth": 6}}, "last"),
    ({"weekday": {"month": 1, "weekday": "maandag", "nth": 1}}, "monday"),
    ({}, "exactly one date rule"),
    ({"fixed": {"month": 7, "day": 1}, "weekday": {"month": 1, "weekday": "monday", "nth": 1}},
     "exactly one date rule"),
])
def test_impossible_rules_are_refused(rule, words):
    with pytest.raises(ValidationError) as err:
        moment(**rule)
    assert words in str(err.value)


def test_twelve_months_ends_with_the_eleventh_month_after_this_one():
    assert twelve_months(dt.date(2026, 11, 30)) == (dt.date(2026, 11, 30), dt.date(2027, 10, 31))
    assert twelve_months(dt.date(2027, 1, 1)) == (dt.date(2027, 1, 1), dt.date(2027, 12, 31))


BAD = """\
- id: moment-a
  title: {nl: Een, en: One}
  meaning: {nl: Iets.}
  theme: {nl: Thema, en: Theme}
  added: 2026-01-01
  fixed: {month: 2, day: 30}
  groups: [lgbtq]
- id: moment-b
  title: {nl: Twee, en: Two}
  meaning: {nl: Iets., en: Something.}
  theme: {nl: Thema, en: Theme}
  added: 2026-01-01
  weekday: {month: 3, weekday: monday, nth: 6}
  goals: [onbekend-doel]
  partners: [niemand]
  plans:
    - organisation: samen
      activity: {nl: Iets doen., en: Do something.}
      audiences: [iedereen]
      channels: [krant]
      owner_role: directeur
      lead_days: 10
"""


def test_bad_moments_are_all_reported_at_their_line_and_column(example_copy, capsys):
    (example_copy / "data" / "moments.yml").write_text(BAD, encoding="utf-8")
    with pytest.raises(DataErrors) as err:
        load_dataset(example_copy)
    where = {(p.line, p.column): str(p) for p in err.value.problems}
    assert "the English text is missing" in where[(3, 12)]
    assert "February never has a day 30" in where[(6, 10)]
    assert "{month: 7, day: 1}" in where[(6, 10)]                          # what is expected
    assert "no group with the id 'lgbtq' — did you mean 'lgbtiq'?" in where[(7, 12)]
    assert "the number 6 is not one of the allowed values" in where[(13, 45)]
    assert "no goal with the id 'onbekend-doel'" in where[(14, 11)]
    assert "no partner with the id 'niemand'" in where[(15, 14)]
    assert "no organisation with the id 'samen'" in where[(17, 21)]
    assert "no audience with the id 'iedereen'" in where[(19, 19)]
    assert "no channel with the id 'krant'" in where[(20, 18)]
    assert "no role with the id 'directeur'" in where[(21, 19)]
    assert len(err.value.problems) == 10
    assert all(p.path == "data/moments.yml" for p in err.value.problems)
    # the command says it the same way, all at once, with exit code 2
    assert main(["--project", str(example_copy), "validate"]) == 2
    printed = capsys.readouterr().err
    assert "data/moments.yml:6:10: February never has a day 30" in printed
    assert "data/moments.yml:20:18: there is no channel with the id 'krant'" in printed
    assert "10 problems in the data" in printed and "Traceback" not in printed


GOOD = """\
- id: divali
  title: {nl: Divali, en: Diwali}
  meaning: {nl: Lichtjesfeest., en: Festival of lights.}
  theme: {nl: Hindoes, en: Hindus}
  added: 2026-01-01
  dates:
    - {start: 2026-11-08, source: "https://example.org/divali", confirmed: true}
    - {start: 2027-10-29, source: "https://example.org/divali", confirmed: true}
- id: keti-koti
  title: {nl: Keti Koti, en: Keti Koti}
  meaning: {nl: Herdenken en vieren., en: Remembering and celebrating.}
  theme: {nl: Slavernijverleden, en: History of slavery}
  added: 2026-01-01
  fixed: {month: 7, day: 1}
"""


def test_warning_when_next_year_has_no_date(minimal_project, capsys, monkeypatch):
    (minimal_project / "data" / "moments.yml").write_text(GOOD, encoding="utf-8")
    moments = load_dataset(minimal_project).moments
    assert missing_date_warnings(minimal_project, moments, 2027) == []
    [warning] = missing_date_warnings(minimal_project, moments, 2028)
    assert (warning.path, warning.line, warning.column) == ("data/moments.yml", 6, 3)
    assert "add the date of Diwali 2028" in str(warning)
    # a fixed-day moment never needs a date per year
    assert all("Keti Koti" not in str(w) for w in missing_date_warnings(minimal_project, moments, 2040))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2027, 3, 1, tzinfo=dt.timezone.utc).timestamp())))
    assert main(["--project", str(minimal_project), "validate"]) == 0
    assert "data/moments.yml:6:3: warning: Diwali has no date in 2028 yet — add the date of Diwali 2028" \
        in capsys.readouterr().err


def test_the_example_calendar_has_dates_for_2026_to_2028_with_sources(example_copy):
    ds = load_dataset(example_copy)
    assert len(ds.moments) >= 15
    for year in (2026, 2027, 2028):
        assert missing_years(ds.moments, year) == []
    explicit = [d for m in ds.moments for d in (m.dates or [])]
    assert explicit and all(d.source.startswith("https://") for d in explicit)
    assert any(not d.confirmed for d in explicit)
    by_id = {m.id: m for m in ds.moments}
    year = calendar_between(ds.moments, dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    on = {o.moment.id: o.start for o in year}
    assert on["keti-koti"] == dt.date(2027, 7, 1)
    assert on["holocaust-herdenking"] == dt.date(2027, 1, 31)
    assert on["divali"] == dt.date(2027, 10, 29)
    assert on["nieuwjaar-maankalender"] == dt.date(2027, 2, 6)
    assert on["dag-mensen-met-beperking"] == dt.date(2027, 12, 3)
    assert all(plan.lead_days > 0 for m in by_id.values() for plan in m.plans)
    assert {p.organisation for m in ds.moments for p in m.plans} >= {"stadsmuseum", "natuurmuseum", "de-vonk"}
    assert all("kalender-momenten" in m.goals for m in ds.moments)
