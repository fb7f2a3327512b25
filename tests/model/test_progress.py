"""The status rule of a KPI: achieved / on-track / behind / no-recent-data, with its edge cases."""
from __future__ import annotations

import datetime as dt

import pytest

from macros.model.kpi import KPI
from macros.model.progress import ALLOWED_AGE_MONTHS, Point, add_months, assess, expected_value, is_stale, rule_steps

D = dt.date


def kpi(**changes) -> KPI:
    data = {
        "id": "share", "organisation": "collective", "goal": "goal",
        "name": {"nl": "Aandeel", "en": "Share"}, "definition": {"nl": "d", "en": "d"},
        "unit": "percent", "direction": "increase",
        "baseline": {"value": 10, "date": D(2024, 1, 1)},
        "target": {"value": 30, "deadline": D(2028, 1, 1)},
        "method": {"nl": "m", "en": "m"}, "source": {"nl": "s", "en": "s"}, "frequency": "yearly",
    }
    data.update(changes)
    return KPI.model_validate(data)


def on(day: dt.date, value: float) -> Point:
    return Point(day, value)


def test_no_figures_at_all_is_no_recent_data():
    result = assess(kpi(), [], D(2025, 1, 1))
    assert (result.status, result.reason, result.latest) == ("no-recent-data", "none", None)


def test_a_figure_older_than_the_rhythm_allows_is_no_recent_data():
    k = kpi()
    latest = D(2024, 12, 31)
    limit = add_months(latest, ALLOWED_AGE_MONTHS["yearly"])      # 2026-06-30
    assert assess(k, [on(latest, 29)], limit).status == "on-track"
    stale = assess(k, [on(latest, 29)], limit + dt.timedelta(days=1))
    assert (stale.status, stale.reason) == ("no-recent-data", "stale")
    assert stale.latest == on(latest, 29)


def test_quarterly_figures_go_stale_sooner_than_yearly_ones():
    assert is_stale(D(2025, 3, 31), "quarterly", D(2025, 9, 1))
    assert not is_stale(D(2025, 3, 31), "yearly", D(2025, 9, 1))


def test_the_latest_figure_decides_whatever_the_order():
    k = kpi()
    points = [on(D(2026, 1, 1), 21), on(D(2024, 6, 1), 5), on(D(2025, 1, 1), 12)]
    assert assess(k, points, D(2026, 2, 1)).latest == on(D(2026, 1, 1), 21)


def test_reaching_the_target_before_the_deadline_is_achieved():
    result = assess(kpi(), [on(D(2025, 6, 1), 31)], D(2025, 7, 1))
    assert (result.status, result.reason) == ("achieved", "reached")


def test_target_already_met_at_the_baseline_is_achieved_while_it_holds():
    k = kpi(baseline={"value": 40, "date": D(2024, 1, 1)})
    assert assess(k, [on(D(2025, 1, 1), 35)], D(2025, 2, 1)).status == "achieved"
    # Falling below the target again is judged against the line from 40 down to 30: 25 is behind it.
    assert assess(k, [on(D(2025, 1, 1), 25)], D(2025, 2, 1)).status == "behind"


def test_deadline_passed_without_reaching_the_target_is_behind():
    k = kpi()
    result = assess(k, [on(D(2027, 12, 1), 29)], D(2028, 3, 1))
    assert (result.status, result.reason) == ("behind", "deadline-passed")
    # Also when the newest figure itself is dated on the deadline.
    assert assess(k, [on(D(2028, 1, 1), 29)], D(2028, 1, 2)).reason == "deadline-passed"


def test_deadline_passed_with_the_target_reached_is_achieved():
    assert assess(kpi(), [on(D(2027, 12, 1), 30)], D(2028, 3, 1)).status == "achieved"


def test_on_or_above_the_straight_line_is_on_track_and_below_is_behind():
    k = kpi()   # 10 on 2024-01-01 to 30 on 2028-01-01
    midway = D(2026, 1, 1)
    expected = expected_value(k, midway)
    assert expected == pytest.approx(10 + 20 * (midway - D(2024, 1, 1)).days / (D(2028, 1, 1) - D(2024, 1, 1)).days)
    on_line = assess(k, [on(midway, expected)], D(2026, 2, 1))
    assert (on_line.status, on_line.reason) == ("on-track", "on-line")
    assert on_line.expected == pytest.approx(expected)
    below = assess(k, [on(midway, expected - 0.1)], D(2026, 2, 1))
    assert (below.status, below.reason) == ("behind", "below-line")


def test_one_observation_at_the_baseline_date_is_on_track_when_it_holds_the_baseline():
    k = kpi()
    assert assess(k, [on(D(2024, 1, 1), 10)], D(2024, 6, 1)).status == "on-track"
    assert assess(k, [on(D(2024, 1, 1), 9)], D(2024, 6, 1)).status == "behind"


def test_decreasing_direction_mirrors_the_comparison():
    k = kpi(direction="decrease", baseline={"value": 35, "date": D(2024, 12, 31)},
            target={"value": 0, "deadline": D(2028, 12, 31)}, frequency="half-yearly")
    day = D(2025, 12, 31)
    line = expected_value(k, day)
    assert line == pytest.approx(35 - 35 * 365 / 1461)
    assert assess(k, [on(day, line - 1)], D(2026, 1, 15)).status == "on-track"
    assert assess(k, [on(day, line + 1)], D(2026, 1, 15)).status == "behind"
    assert assess(k, [on(day, 0)], D(2026, 1, 15)).status == "achieved"
    # A lower figure is better, so 'reaching' 30 from 35 upward is not achieved.
    assert assess(k, [on(day, 40)], D(2026, 1, 15)).status == "behind"


def test_maintain_within_the_tolerance_is_on_track_then_achieved_after_the_deadline():
    k = kpi(direction="maintain", baseline={"value": 50, "date": D(2024, 1, 1)},
            target={"value": 50, "deadline": D(2026, 1, 1)}, tolerance=2)
    assert assess(k, [on(D(2025, 1, 1), 51.5)], D(2025, 2, 1)).status == "on-track"
    assert assess(k, [on(D(2025, 1, 1), 47)], D(2025, 2, 1)).status == "behind"
    late = assess(k, [on(D(2025, 12, 31), 49)], D(2026, 2, 1))
    assert (late.status, late.reason) == ("achieved", "kept")


def test_interim_targets_bend_the_line():
    k = kpi(interim_targets=[{"value": 26, "deadline": D(2025, 1, 1)}])
    assert expected_value(k, D(2025, 1, 1)) == pytest.approx(26)
    assert expected_value(k, D(2024, 7, 2)) == pytest.approx(10 + 16 * 183 / 366)
    # 20 in January 2025 is behind the interim step of 26, though ahead of the straight 10→30 line.
    assert assess(k, [on(D(2025, 1, 1), 20)], D(2025, 2, 1)).status == "behind"
    assert assess(kpi(), [on(D(2025, 1, 1), 20)], D(2025, 2, 1)).status == "on-track"


def test_the_line_is_flat_before_the_baseline_and_after_the_deadline():
    k = kpi()
    assert expected_value(k, D(2020, 1, 1)) == 10
    assert expected_value(k, D(2030, 1, 1)) == 30


def test_add_months_keeps_the_end_of_the_month():
    assert add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)
    assert add_months(D(2024, 12, 31), 18) == D(2026, 6, 30)
    assert add_months(D(2025, 1, 15), 0) == D(2025, 1, 15)


def test_the_rule_lists_its_steps_with_the_allowed_ages():
    steps = rule_steps()
    assert steps[0][0] == "progress_rule_no_data"
    assert steps[0][1] == {"months_monthly": 2, "months_quarterly": 5, "months_half_yearly": 9, "months_yearly": 18}
    assert len({key for key, _ in steps}) == len(steps)
