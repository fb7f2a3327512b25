"""The communication calendar: audiences, channels, moments and the plans for each moment.

A moment has one date rule: a fixed day, the n-th (or last) weekday of a month, a span
of days, or explicit dates per year for days that follow another calendar (Diwali, Eid
al-Fitr, Lunar New Year, ...). The expansion of a rule into dates is pure, so it can be
tested on its own and used by the pages, the .ics files and the planning alike.
"""
from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import BeforeValidator, Field, model_validator

from .errors import Problem
from ..base.yamlread import read_yaml
from .types import Slug, Strict, Text, WebAddress, internal

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[Weekday, ...] = get_args(Weekday)   # Monday first, as date.weekday() counts
ChannelKind = Literal["website", "newsletter", "intranet", "social-media", "in-the-museum",
                      "partner-newsletter", "meeting"]
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
# 2024 is a leap year: a day that exists in it exists in some year.
_LEAP_YEAR = 2024


class Audience(Strict):
    """A core audience of the collective or of one member."""

    id: Slug = Field(description="Short name of the audience, e.g. 'bezoekers-stadsmuseum'.")
    organisation: Slug = Field(description="The id of the collective or member whose audience it is.")
    name: Text = Field(description="Who they are, e.g. visitors or staff.")
    description: Text = Field(description="What they want to hear from us, in a sentence or two.")


class Channel(Strict):
    """A way to reach one or more audiences, kept by one role."""

    id: Slug = Field(description="Short name of the channel, e.g. 'nieuwsbrief-stadsmuseum'.")
    organisation: Slug = Field(description="The id of the collective or member that runs it.")
    name: Text = Field(description="The channel's name, e.g. the visitor newsletter.")
    kind: ChannelKind = Field(description="website, newsletter, intranet, social-media, in-the-museum, "
                                          "partner-newsletter or meeting.")
    audiences: list[Slug] = Field(min_length=1, description="Ids of the audiences it reaches.")
    owner_role: Slug = Field(description="The id of the role that keeps the channel.")
    notes: str | None = internal("Working notes, e.g. deadlines for copy")


class DayOfYear(Strict):
    month: int = Field(ge=1, le=12, description="The month, 1 (January) to 12 (December).")
    day: int = Field(ge=1, le=31, description="The day of the month.")

    @model_validator(mode="after")
    def _day_exists(self) -> "DayOfYear":
        longest = _cal.monthrange(_LEAP_YEAR, self.month)[1]
        if self.day > longest:
            raise ValueError(f"{MONTH_NAMES[self.month - 1]} never has a day {self.day} "
                             f"(it has {longest} days at most)")
        return self

    def in_year(self, year: int) -> dt.date | None:
        """This day in `year`; None for 29 February in a year that has no such day."""
        if self.day > _cal.monthrange(year, self.month)[1]:
            return None
        return dt.date(year, self.month, self.day)


class FixedDay(DayOfYear):
    """The same day every year, e.g. Keti Koti on 1 July."""

    days: int = Field(1, ge=1, le=366, description="How many days it lasts (default 1).")


def _digits_as_number(value: object) -> object:
    return int(value) if isinstance(value, str) and value.isdigit() else value


class WeekdayRule(Strict):
    """The n-th or last weekday of a month, e.g. the last Sunday of January."""

    month: int = Field(ge=1, le=12, description="The month, 1 (January) to 12 (December).")
    weekday: Weekday = Field(description="monday, tuesday, ..., sunday.")
    # The reader gives every value as text; digits become a number before the choice is checked.
    nth: Annotated[Literal[1, 2, 3, 4, 5, "last"], BeforeValidator(_digits_as_number)] = Field(
        description="1 to 5 (first to fifth) or last.")
    days: int = Field(1, ge=1, le=366, description="How many days it lasts (default 1).")


class Span(Strict):
    """From one day to another every year; it may cross the end of the year (20 December to 6 January)."""

    start: DayOfYear = Field(description="the first day: a day that exists, for example {month: 12, day: 20}")
    end: DayOfYear = Field(description="the last day (before the first day means: in the next year), "
                                       "for example {month: 1, day: 6}")


class YearDate(Strict):
    """The date in one year of a moment that follows another calendar."""

    start: dt.date = Field(description="The (first) day, YYYY-MM-DD.")
    end: dt.date | None = Field(None, description="The last day when it lasts longer, YYYY-MM-DD.")
    source: WebAddress = Field(description="Where the date was checked.")
    confirmed: bool = Field(description="true when the date is fixed; false while it is an expectation "
                                        "(for example when it depends on seeing the new moon).")
    note: str | None = internal("Why the date is not confirmed yet, or whom to ask")

    @model_validator(mode="after")
    def _end_after_start(self) -> "YearDate":
        if self.end is not None and self.end < self.start:
            raise ValueError("the last day comes before the first day")
        return self


class Plan(Strict):
    """What one member (or the collective) does for a moment, for whom, through which channels."""

    organisation: Slug = Field(description="The id of the collective or member.")
    activity: Text = Field(description="What the museum does, in plain words (shown on the calendar page).")
    audiences: list[Slug] = Field(min_length=1, description="Ids of the audiences it is for.")
    channels: list[Slug] = Field(min_length=1, description="Ids of the channels that carry it.")
    owner_role: Slug = Field(description="The id of the role that does it.")
    lead_days: int = Field(ge=0, le=365, description="How many days before the moment preparation starts.")
    notes: str | None = internal("Working notes for the team")


class Moment(Strict):
    """A day or period that matters to our audiences, and how we mark it."""

    id: Slug = Field(description="Short name of the moment, e.g. 'keti-koti'.")
    title: Text = Field(description="The name of the moment.")
    meaning: Text = Field(description="What it means, in plain words.")
    theme: Text = Field(description="The group or theme it concerns.")
    added: dt.date = Field(description="When the moment was added to the calendar, YYYY-MM-DD (for the feed).")
    source: WebAddress | None = Field(None, description="Where the rule or its meaning was checked.")
    fixed: FixedDay | None = Field(None, description="a day that exists every year (29 February only counts in leap years), "
                                                     "for example {month: 7, day: 1}")
    weekday: WeekdayRule | None = Field(None, description="the n-th or last weekday of a month, "
                                                           "for example {month: 1, weekday: sunday, nth: last}")
    span: Span | None = Field(None, description="from one day to another every year, for example "
                                               "{start: {month: 10, day: 1}, end: {month: 10, day: 31}}")
    dates: list[YearDate] | None = Field(None, description="Explicit dates per year, each with its source.")
    groups: list[Slug] = Field(default_factory=list, description="Ids of the groups (groups.yml) it concerns.")
    goals: list[Slug] = Field(default_factory=list, description="Ids of the goals it contributes to.")
    partners: list[Slug] = Field(default_factory=list, description="Ids of the partners involved.")
    plans: list[Plan] = Field(default_factory=list, description="What each museum does for it.")

    @model_validator(mode="after")
    def _one_rule(self) -> "Moment":
        rules = [name for name in ("fixed", "weekday", "span", "dates") if getattr(self, name) is not None]
        if len(rules) != 1:
            raise ValueError("a moment needs exactly one date rule: `fixed`, `weekday`, `span` or `dates` "
                             f"(found {', '.join(rules) if rules else 'none'})")
        if self.dates is not None:
            years = [d.start.year for d in self.dates]
            twice = sorted({y for y in years if years.count(y) > 1})
            if twice:
                raise ValueError(f"`dates` has more than one date in {', '.join(map(str, twice))}")
            if not self.dates:
                raise ValueError("`dates` needs at least one date")
        return self


@dataclass(frozen=True)
class Occurrence:
    """One moment on one (or more) days of the calendar."""

    moment: Moment
    start: dt.date
    end: dt.date
    confirmed: bool = True

    @property
    def year(self) -> int:
        """The year it belongs to (a span over New Year belongs to the year it starts)."""
        return self.start.year


def nth_weekday(year: int, month: int, weekday: str, nth: int | str) -> dt.date | None:
    """The n-th (1–5) or last `weekday` of a month; None when the month has no fifth one."""
    wanted = WEEKDAYS.index(weekday)
    length = _cal.monthrange(year, month)[1]
    days = [dt.date(year, month, d) for d in range(1, length + 1) if dt.date(year, month, d).weekday() == wanted]
    if nth == "last":
        return days[-1]
    return days[nth - 1] if nth <= len(days) else None


def _in_year(moment: Moment, year: int) -> list[Occurrence]:
    if moment.fixed is not None:
        start = moment.fixed.in_year(year)
        return [] if start is None else [Occurrence(moment, start, start + dt.timedelta(moment.fixed.days - 1))]
    if moment.weekday is not None:
        rule = moment.weekday
        start = nth_weekday(year, rule.month, rule.weekday, rule.nth)
        return [] if start is None else [Occurrence(moment, start, start + dt.timedelta(rule.days - 1))]
    if moment.span is not None:
        start = moment.span.start.in_year(year)
        end_year = year + 1 if (moment.span.end.month, moment.span.end.day) < \
            (moment.span.start.month, moment.span.start.day) else year
        end = moment.span.end.in_year(end_year) or dt.date(end_year, 2, 28)
        return [] if start is None else [Occurrence(moment, start, end)]
    return [Occurrence(moment, d.start, d.end or d.start, d.confirmed)
            for d in moment.dates or [] if d.start.year == year]


def occurrences(moment: Moment, first: dt.date, last: dt.date) -> list[Occurrence]:
    """Every occurrence of `moment` that overlaps the days `first` to `last` (both included)."""
    found = []
    for year in range(first.year - 1, last.year + 1):
        found += [o for o in _in_year(moment, year) if o.end >= first and o.start <= last]
    return sorted(found, key=lambda o: o.start)


def calendar_between(moments: list[Moment], first: dt.date, last: dt.date) -> list[Occurrence]:
    """All occurrences of all moments in the period, by date and then by id."""
    found = [o for m in moments for o in occurrences(m, first, last)]
    return sorted(found, key=lambda o: (o.start, o.moment.id))


def missing_years(moments: list[Moment], year: int) -> list[Moment]:
    """Moments with explicit dates that have no date in `year` yet."""
    return [m for m in moments if m.dates is not None and not any(d.start.year == year for d in m.dates)]


def twelve_months(today: dt.date) -> tuple[dt.date, dt.date]:
    """From `today` to the last day of the eleventh month after this one: twelve calendar months."""
    years, month = divmod(today.month - 1 + 12, 12)
    return today, dt.date(today.year + years, month + 1, 1) - dt.timedelta(days=1)


def missing_date_warnings(root: Path, moments: list[Moment], year: int) -> list[Problem]:
    """A warning at the `dates:` line of every moment that has no date in `year` yet."""
    missing = {m.id: m for m in missing_years(moments, year)}
    path = root / "data" / "moments.yml"
    if not missing or not path.is_file():
        return []
    doc, _ = read_yaml(path, root)
    warnings = []
    for index, item in enumerate(doc.data if doc is not None and isinstance(doc.data, list) else []):
        moment = missing.get(item.get("id")) if isinstance(item, dict) else None
        if moment is not None:
            line, column = doc.position((index, "dates"), prefer_key=True)
            name = moment.title.en
            warnings.append(Problem(doc.path, line, column,
                                    f"warning: {name} has no date in {year} yet",
                                    f"add the date of {name} {year} under `dates`, with its `source` "
                                    "and `confirmed: true` or `false`"))
    return warnings
