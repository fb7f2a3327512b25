"""Key performance indicators (KPIs): what is measured, the baseline, the target and the history.

A KPI belongs to the collective or to one member. Member KPIs that measure the same thing carry
the same `shared_id`; a collective KPI with that `shared_id` gets its figures by adding up the
members' counts (see `privacy.roll_up`), never by averaging their percentages.

Checks that need the unit, or several KPIs at once, live in `kpi_problems` so that each
problem points at the line where it is.
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from typing import Annotated, Iterable, Literal

from pydantic import Field, PlainValidator, WithJsonSchema, model_validator

from .errors import Problem
from ..base.yamlread import Document
from .schema import Frequency
from .types import Number, Slug, Strict, Text, internal

Unit = Literal["percent", "count", "euro", "yes-no"]
Direction = Literal["increase", "decrease", "maintain"]
Year = Annotated[int, Field(ge=1900, le=2200)]


def _period(value: object) -> int | dt.date:
    """A year (2025) or a date (2025-06-30); one clear message for anything else."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200:
        return value
    if isinstance(value, str):
        try:
            return int(value) if value.isdigit() and len(value) == 4 else dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"'{value}' is not a year or a date: write a year such as 2025, "
                     "or a date written as YYYY-MM-DD, for example 2025-06-30")


Period = Annotated[int | dt.date, PlainValidator(_period), WithJsonSchema(
    {"anyOf": [{"type": "integer", "minimum": 1900, "maximum": 2200}, {"type": "string", "format": "date"}]})]

# The smallest thresholds a data file may set; editors can only make disclosure control stricter.
MIN_CELL_FLOOR = 5
MIN_DENOMINATOR_FLOOR = 20


class Baseline(Strict):
    value: Number = Field(description="The figure at the start (for a percentage: 12.5 means 12.5%).")
    date: dt.date = Field(description="The date the baseline was measured, YYYY-MM-DD.")


class Target(Strict):
    value: Number = Field(description="The figure to reach (for a percentage: 30 means 30%).")
    deadline: dt.date = Field(description="When it should be reached, YYYY-MM-DD.")


class Privacy(Strict):
    """Disclosure control: small groups are never published (see privacy.py)."""

    min_cell: int = Field(MIN_CELL_FLOOR, ge=MIN_CELL_FLOOR,
                          description="Do not publish a count of fewer than this many (at least 5).")
    min_denominator: int = Field(MIN_DENOMINATOR_FLOOR, ge=MIN_DENOMINATOR_FLOOR,
                                 description="Do not publish a percentage of a group smaller than this "
                                             "(at least 20).")


class Observation(Strict):
    period: Period = Field(description="The year (e.g. 2025) or the date (YYYY-MM-DD) the figure is for.")
    value: Number | None = Field(None, description="The figure itself, when there is no numerator and denominator.")
    numerator: int | None = Field(None, ge=0, description="How many are counted, e.g. tenders won by diverse suppliers.")
    denominator: int | None = Field(None, gt=0, description="Out of how many, e.g. all tenders.")
    provisional: bool = Field(False, description="true while the figure may still change.")
    note: Text | None = Field(None, description="A short public note about this figure.")
    internal_note: str | None = internal("A working note about this figure", default=None)

    @model_validator(mode="after")
    def _one_way_of_giving_the_figure(self) -> "Observation":
        has_counts = self.numerator is not None or self.denominator is not None
        if self.value is not None and has_counts:
            raise ValueError("give either `value`, or `numerator` and `denominator`, not both")
        if self.value is None and not has_counts:
            raise ValueError("the figure is missing: add `value`, or `numerator` and `denominator`")
        if has_counts and (self.numerator is None or self.denominator is None):
            raise ValueError("a count needs both `numerator` and `denominator`")
        if has_counts and self.numerator > self.denominator:
            raise ValueError(f"the numerator ({self.numerator}) is larger than the denominator "
                             f"({self.denominator})")
        return self

    @property
    def date(self) -> dt.date:
        """The day the figure stands for: 31 December for a year."""
        return period_date(self.period)

    def figure(self, unit: Unit) -> float:
        """The value in the KPI's unit: a percentage from the counts, or the count itself."""
        if self.value is not None:
            return float(self.value)
        if unit == "percent":
            return 100.0 * self.numerator / self.denominator
        return float(self.numerator)


class KPI(Strict):
    id: Slug = Field(description="Short name; also the page address and the open-data file name.")
    organisation: Slug = Field(description="The id of the collective or member that measures it.")
    goal: Slug = Field(description="The id of the goal this KPI measures progress on.")
    shared_id: Slug | None = Field(None, description="The same short name on the KPIs of several members "
                                                     "that measure the same thing; the collective's KPI "
                                                     "with this name adds them up.")
    name: Text = Field(description="The KPI in a few words.")
    definition: Text = Field(description="Exactly what is counted, and out of what.")
    unit: Unit = Field(description="percent, count, euro or yes-no.")
    direction: Direction = Field(description="increase, decrease or maintain.")
    tolerance: Number = Field(0, ge=0, description="For `maintain`: how far the figure may be from the "
                                                  "target and still count as kept.")
    baseline: Baseline = Field(description="Where we started.")
    target: Target = Field(description="Where we want to be, and by when.")
    interim_targets: list[Target] = Field(default_factory=list,
                                          description="Steps on the way, each with a value and a deadline.")
    method: Text = Field(description="How the figure is measured, in plain words.")
    source: Text = Field(description="Where the figures come from.")
    frequency: Frequency = Field(description="How often a new figure comes: monthly, quarterly, "
                                             "half-yearly or yearly.")
    privacy: Privacy = Field(default_factory=Privacy, description="Thresholds for publishing small groups.")
    observations: list[Observation] = Field(default_factory=list, description="The figures so far.")
    partner_register: Literal["computed", "compared"] | None = Field(
        None, description="computed: the figures are counted from data/partners.yml and data/criteria.yml; "
                          "compared: typed figures that the build checks against that register.")
    register_difference: Text | None = Field(None, description="Why the typed figures differ from the partner "
                                                               "register (published with the figures).")
    sdg_targets: list[Annotated[str, Field(pattern=r"^[0-9]{1,2}\.[0-9a-z]{1,2}$")]] = Field(
        default_factory=list, description="Numbers of SDG targets this figure measures, beside those of its goal "
                                          "(listed in data/sdg-targets.yml).")
    notes: str | None = internal("Working notes about this KPI", default=None)

    @model_validator(mode="after")
    def _dates_in_order(self) -> "KPI":
        if self.target.deadline <= self.baseline.date:
            raise ValueError("the target deadline must come after the baseline date")
        previous = self.baseline.date
        for step in self.interim_targets:
            if not previous < step.deadline < self.target.deadline:
                raise ValueError("interim targets must lie between the baseline date and the deadline, "
                                 "earliest first")
            previous = step.deadline
        return self

    def sorted_observations(self) -> list[Observation]:
        return sorted(self.observations, key=lambda o: o.date)


def period_date(period: int | dt.date) -> dt.date:
    return period if isinstance(period, dt.date) else dt.date(period, 12, 31)


def period_key(period: int | dt.date) -> str:
    """A stable text form of a period: '2025' or '2025-06-30'."""
    return period.isoformat() if isinstance(period, dt.date) else str(period)


# How many months one figure covers, by how often a new figure comes.
FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}
FREQUENCY_NAMES = {"monthly": "month", "quarterly": "quarter", "half-yearly": "half year", "yearly": "year"}


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), moved back to the month's last day where needed."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_span(period: int | dt.date, frequency: str) -> tuple[dt.date, dt.date]:
    """The first and last day a figure covers: a year is 1 January to 31 December; a date is the
    last day of one reporting period (a quarter for a quarterly KPI) that ends on it."""
    if not isinstance(period, dt.date):
        return dt.date(period, 1, 1), dt.date(period, 12, 31)
    months = FREQUENCY_MONTHS[frequency]
    if (period + dt.timedelta(days=1)).day == 1:      # a month's last day: whole months, 1 April to 30 June
        return add_months(period.replace(day=1), 1 - months), period
    return add_months(period, -months) + dt.timedelta(days=1), period


def overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


# ---------------------------------------------------------------------------------------------
# Checks that need the unit or several KPIs; each Problem points at its line.


def _problem(doc: Document, loc: tuple, message: str, expected: str, key: bool = False) -> Problem:
    line, col = doc.position(loc, prefer_key=key)
    return Problem(doc.path, line, col, message, expected)


def _observation_problems(doc: Document, i: int, kpi: KPI) -> Iterable[Problem]:
    seen: dict[str, int] = {}
    for j, obs in enumerate(kpi.observations):
        here = (i, "observations", j)
        key = period_key(obs.period)
        if key in seen:
            line = doc.position((i, "observations", seen[key], "period"))[0]
            yield _problem(doc, here + ("period",), f"there are two figures for {key} (the first on line {line})",
                           "keep one figure per period")
        else:
            yield from _overlap_problems(doc, i, kpi, j)
        seen.setdefault(key, j)
        if kpi.unit == "percent" and obs.value is not None:
            yield _problem(doc, here + ("value",), "a percentage needs the counts it is made of",
                           "write `numerator:` and `denominator:` instead of `value:`, so Podium can "
                           "check that the group is large enough to publish", key=True)
        if kpi.unit == "euro" and obs.numerator is not None:
            yield _problem(doc, here + ("numerator",), "an amount in euros is given as one figure",
                           "write `value:` with the amount", key=True)
        if kpi.unit == "yes-no" and obs.numerator is not None:
            yield _problem(doc, here, "a yes/no figure is given as one figure",
                           "write `value: 1` (yes) or `value: 0` (no)")


def out_of_range(unit: Unit, value: float) -> tuple[str, str] | None:
    """What is wrong with `value` as a figure in `unit`, and what is expected; None when it fits."""
    shown = f"{value:g}"
    if unit == "percent" and not 0 <= value <= 100:
        return f"a percentage lies between 0 and 100, found {shown}", "a number from 0 to 100 (30 means 30%)"
    if unit == "count" and (value < 0 or value != int(value)):
        return f"a count is a whole number of 0 or more, found {shown}", "a whole number such as 0, 12 or 140"
    if unit == "euro" and value < 0:
        return f"an amount in euros is 0 or more, found {shown}", "an amount such as 0, 1500 or 2500.50"
    if unit == "yes-no" and value not in (0, 1):
        return f"a yes/no figure is 1 (yes) or 0 (no), found {shown}", "write `value: 1` or `value: 0`"
    return None


def _figures(kpi: KPI) -> Iterable[tuple[tuple, float | None]]:
    """Every figure of a KPI with its place: baseline, target, interim targets and observations."""
    yield ("baseline", "value"), kpi.baseline.value
    yield ("target", "value"), kpi.target.value
    for k, step in enumerate(kpi.interim_targets):
        yield ("interim_targets", k, "value"), step.value
    for j, obs in enumerate(kpi.observations):
        yield ("observations", j, "value"), obs.value


def _range_problems(doc: Document, i: int, kpi: KPI) -> Iterable[Problem]:
    for loc, value in _figures(kpi):
        wrong = None if value is None else out_of_range(kpi.unit, value)
        if wrong:
            yield _problem(doc, (i, *loc), *wrong)


def _overlap_problems(doc: Document, i: int, kpi: KPI, j: int) -> Iterable[Problem]:
    """Two figures of one KPI for overlapping periods (2025 and 2025-06-30) would let a reader
    subtract one from the other, and a chart could not place them; the later one in the file is wrong."""
    obs = kpi.observations[j]
    span = period_span(obs.period, kpi.frequency)
    for k, earlier in enumerate(kpi.observations[:j]):
        if period_key(earlier.period) != period_key(obs.period) and \
                overlap(span, period_span(earlier.period, kpi.frequency)):
            line = doc.position((i, "observations", k, "period"))[0]
            yield _problem(doc, (i, "observations", j, "period"),
                           f"the period {period_key(obs.period)} overlaps the period "
                           f"{period_key(earlier.period)} (line {line}); for a {kpi.frequency} KPI a date "
                           f"stands for the {FREQUENCY_NAMES[kpi.frequency]} that ends on it",
                           "give each figure its own period, with no overlap: one figure per year, "
                           "or one per period ending on the date")
            return


def _shared_problems(doc: Document, kpis: list[KPI], collective_id: str | None) -> Iterable[Problem]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, kpi in enumerate(kpis):
        if kpi.shared_id:
            groups[kpi.shared_id].append(i)
    for shared, indexes in groups.items():
        first = kpis[indexes[0]]
        orgs: dict[str, int] = {}
        for i in indexes:
            kpi = kpis[i]
            if kpi.unit != first.unit:
                yield _problem(doc, (i, "unit"), f"KPIs with shared_id '{shared}' must have the same unit; "
                               f"'{first.id}' uses {first.unit}", f"unit: {first.unit}")
            if kpi.unit == "yes-no":
                yield _problem(doc, (i, "shared_id"), "yes/no KPIs cannot be added up",
                               "remove `shared_id`, or measure a count or percentage")
            if kpi.organisation in orgs:
                yield _problem(doc, (i, "organisation"),
                               f"'{kpi.organisation}' already has a KPI with shared_id '{shared}' "
                               f"('{kpis[orgs[kpi.organisation]].id}')", "one KPI per organisation per shared_id")
            orgs.setdefault(kpi.organisation, i)
        collective = [i for i in indexes if kpis[i].organisation == collective_id]
        members = [i for i in indexes if kpis[i].organisation != collective_id]
        for i in collective:
            if kpis[i].observations:
                yield _problem(doc, (i, "observations"),
                               "the collective's figures for a shared KPI are added up from the members",
                               "remove `observations:` here and record them in the members' KPIs", key=True)
            if not members:
                yield _problem(doc, (i, "shared_id"), f"no member KPI has shared_id '{shared}'",
                               "give the members' KPIs the same shared_id, or remove it here")


def kpi_problems(doc: Document, kpis: list[KPI], collective_id: str | None) -> list[Problem]:
    """Problems in data/kpis.yml that a single field's type cannot show."""
    problems: list[Problem] = []
    for i, kpi in enumerate(kpis):
        problems += _observation_problems(doc, i, kpi)
        problems += _range_problems(doc, i, kpi)
    problems += _shared_problems(doc, kpis, collective_id)
    return problems
