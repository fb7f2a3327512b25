"""Key performance indicators (KPIs): what is measured, the baseline, the target and the history.

A KPI belongs to the collective or to one member. Member KPIs that measure the same thing carry
the same `shared_id`; a collective KPI with that `shared_id` gets its figures by adding up the
members' counts (see `privacy.roll_up`), never by averaging their percentages.

Checks that need the unit, or several KPIs at once, live in `kpi_problems` so that each
problem points at the line where it is.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Annotated, Iterable, Literal

from pydantic import Field, PlainValidator, WithJsonSchema, model_validator

from .errors import Problem
from ..base.yamlread import Document
from .schema import Frequency
from .types import Slug, Strict, Text, internal

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
    value: float = Field(description="The figure at the start (for a percentage: 12.5 means 12.5%).")
    date: dt.date = Field(description="The date the baseline was measured, YYYY-MM-DD.")


class Target(Strict):
    value: float = Field(description="The figure to reach (for a percentage: 30 means 30%).")
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
    value: float | None = Field(None, description="The figure itself, when there is no numerator and denominator.")
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
    tolerance: float = Field(0, ge=0, description="For `maintain`: how far the figure may be from the "
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
        seen.setdefault(key, j)
        if kpi.unit == "percent" and obs.value is not None:
            yield _problem(doc, here + ("value",), "a percentage needs the counts it is made of",
                           "write `numerator:` and `denominator:` instead of `value:`, so Podium can "
                           "check that the group is large enough to publish", key=True)
        if kpi.unit == "euro" and obs.numerator is not None:
            yield _problem(doc, here + ("numerator",), "an amount in euros is given as one figure",
                           "write `value:` with the amount", key=True)
        if kpi.unit == "yes-no" and (obs.value not in (0, 1) or obs.numerator is not None):
            yield _problem(doc, here + ("value",) if obs.value is not None else here,
                           "a yes/no figure must be 1 (yes) or 0 (no)", "write `value: 1` or `value: 0`")
        if kpi.unit == "count" and obs.value is not None and obs.value != int(obs.value):
            yield _problem(doc, here + ("value",), f"a count must be a whole number, found {obs.value}",
                           "write a whole number")


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
        if kpi.unit == "yes-no" and kpi.target.value not in (0, 1):
            problems.append(_problem(doc, (i, "target", "value"), "a yes/no target must be 1 (yes) or 0 (no)",
                                     "write `value: 1`"))
    problems += _shared_problems(doc, kpis, collective_id)
    return problems
