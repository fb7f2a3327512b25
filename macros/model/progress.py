"""Is a KPI on track? Pure functions; `today` is always an argument.

The rule, in order (the first that applies decides):

1. No figure at all, or the newest figure is older than the reporting rhythm allows
   (one period plus time to collect and check, see `ALLOWED_AGE_MONTHS`) → no recent data.
2. The newest figure reaches the target → achieved. For `maintain`: the figure is within the
   tolerance of the target → achieved once the deadline has passed, on track before it.
3. The deadline has passed (by today, or by the newest figure's date) and the target was not
   reached → behind.
4. Otherwise compare the newest figure with the straight line from the baseline to the target
   (through any interim targets) at the newest figure's date: at or better than the line → on
   track, worse → behind.

The words for each step are UI strings; `rule_steps` names them with the numbers they need.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, Sequence, get_args

from .kpi import KPI, add_months

Status = Literal["achieved", "on-track", "behind", "no-recent-data"]
STATUSES: tuple[Status, ...] = get_args(Status)   # in the order the rule checks them

# How old the newest figure may be, in months, before we say there is no recent data:
# one reporting period plus half a period to collect and check the figures.
ALLOWED_AGE_MONTHS = {"monthly": 2, "quarterly": 5, "half-yearly": 9, "yearly": 18}

# Figures are compared with this much slack, so rounding never flips a status.
EPSILON = 1e-9


@dataclass(frozen=True)
class Point:
    """One published figure: the day it stands for and its value in the KPI's unit."""

    date: dt.date
    value: float


@dataclass(frozen=True)
class Assessment:
    status: Status
    reason: str                     # which step decided: none, stale, reached, kept, not-kept,
                                    # deadline-passed, on-line, below-line
    latest: Point | None = None
    expected: float | None = None   # the straight line's value at the latest figure's date


def is_stale(latest: dt.date, frequency: str, today: dt.date) -> bool:
    """True when a figure dated `latest` is too old for a KPI reported at `frequency`."""
    return add_months(latest, ALLOWED_AGE_MONTHS[frequency]) < today


def _fraction(start: dt.date, end: dt.date, on: dt.date) -> float:
    if on <= start:
        return 0.0
    if on >= end:
        return 1.0
    return (on - start).days / (end - start).days


def expected_value(kpi: KPI, on: dt.date) -> float:
    """The value on the straight line(s) from the baseline through the interim targets to the target."""
    stops = [(kpi.baseline.date, kpi.baseline.value)]
    stops += [(t.deadline, t.value) for t in kpi.interim_targets]
    stops.append((kpi.target.deadline, kpi.target.value))
    if on <= stops[0][0]:
        return stops[0][1]
    for (d0, v0), (d1, v1) in zip(stops, stops[1:]):
        if on <= d1:
            return v0 + (v1 - v0) * _fraction(d0, d1, on)
    return stops[-1][1]


def _reaches(direction: str, value: float, goal: float) -> bool:
    if direction == "decrease":
        return value <= goal + EPSILON
    return value >= goal - EPSILON


def assess(kpi: KPI, points: Sequence[Point], today: dt.date) -> Assessment:
    """The status of `kpi` given its published figures `points` (any order) on `today`."""
    if not points:
        return Assessment("no-recent-data", "none")
    latest = max(points, key=lambda p: p.date)
    if is_stale(latest.date, kpi.frequency, today):
        return Assessment("no-recent-data", "stale", latest)
    deadline_passed = today > kpi.target.deadline or latest.date >= kpi.target.deadline
    if kpi.direction == "maintain":
        kept = abs(latest.value - kpi.target.value) <= kpi.tolerance + EPSILON
        if kept:
            return Assessment("achieved" if deadline_passed else "on-track", "kept", latest, kpi.target.value)
        return Assessment("behind", "not-kept", latest, kpi.target.value)
    if _reaches(kpi.direction, latest.value, kpi.target.value):
        return Assessment("achieved", "reached", latest, kpi.target.value)
    if deadline_passed:
        return Assessment("behind", "deadline-passed", latest, kpi.target.value)
    expected = expected_value(kpi, latest.date)
    if _reaches(kpi.direction, latest.value, expected):
        return Assessment("on-track", "on-line", latest, expected)
    return Assessment("behind", "below-line", latest, expected)


def rule_steps() -> list[tuple[str, dict[str, int]]]:
    """The rule as (UI string key, numbers to fill in), in the order it is applied."""
    return [
        ("progress_rule_no_data", {f"months_{k.replace('-', '_')}": v for k, v in ALLOWED_AGE_MONTHS.items()}),
        ("progress_rule_achieved", {}),
        ("progress_rule_maintain", {}),
        ("progress_rule_deadline", {}),
        ("progress_rule_line", {}),
        ("progress_rule_published_only", {}),
    ]
