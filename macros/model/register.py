"""Figures counted from the partner register (data/partners.yml) instead of typed by hand.

A KPI with `partner_register: computed` gets one figure per year after its baseline: the
partners working with its organisation that year (from `partner_since`), and how many of them
count as diverse on 31 December under data/criteria.yml. The current year is provisional.
A collective KPI counts each partner once; a collective KPI with a `shared_id` adds up its
members' figures as usual (privacy.roll_up). The figures then go through disclosure control
like any other.

A KPI with `partner_register: compared` keeps its typed figures, and the data check says where
they disagree with the register, unless `register_difference` explains why (that explanation is
published with the figures).
"""
from __future__ import annotations

import datetime as dt
from typing import Sequence

from ..base.yamlread import Document
from .criteria import Criteria, is_diverse
from .errors import Problem
from .kpi import KPI, Observation
from .partner import Partner
from .privacy import observations_of


def register_count(partners: Sequence[Partner], criteria: Criteria, org_id: str, collective_id: str,
                   year: int) -> tuple[int, int]:
    """(diverse, all) partners of `org_id` in `year`; for the collective every partner once."""
    on = dt.date(year, 12, 31)
    working = [p for p in partners
               if (org_id == collective_id or org_id in p.organisations)
               and (p.partner_since is None or p.partner_since <= year)]
    return sum(1 for p in working if is_diverse(p, criteria, on)), len(working)


def _members_count(kpi: KPI, kpis: Sequence[KPI], partners: Sequence[Partner], criteria: Criteria,
                   collective_id: str, year: int) -> tuple[int, int]:
    """What the register says for `kpi` in `year`: a shared collective KPI adds up its members."""
    if kpi.shared_id and kpi.organisation == collective_id:
        counts = [register_count(partners, criteria, k.organisation, collective_id, year)
                  for k in kpis if k.shared_id == kpi.shared_id and k.organisation != collective_id]
        return sum(c[0] for c in counts), sum(c[1] for c in counts)
    return register_count(partners, criteria, kpi.organisation, collective_id, year)


def computed_observations(kpi: KPI, partners: Sequence[Partner], criteria: Criteria, collective_id: str,
                          today: dt.date) -> list[Observation]:
    """One figure per year after the baseline up to this year (provisional), where there are partners."""
    result = []
    for year in range(kpi.baseline.date.year + 1, today.year + 1):
        diverse, total = register_count(partners, criteria, kpi.organisation, collective_id, year)
        if total:
            result.append(Observation(period=year, numerator=diverse, denominator=total,
                                      provisional=year == today.year))
    return result


def with_register_figures(kpis: Sequence[KPI], partners: Sequence[Partner], criteria: Criteria | None,
                          collective_id: str, today: dt.date) -> list[KPI]:
    """The KPIs, with the figures of `partner_register: computed` KPIs counted from the register."""
    if criteria is None:
        return list(kpis)
    return [kpi.model_copy(update={"observations": computed_observations(kpi, partners, criteria, collective_id,
                                                                         today)})
            if kpi.partner_register == "computed" and not (kpi.shared_id and kpi.organisation == collective_id)
            else kpi for kpi in kpis]


def register_problems(doc: Document, kpis: Sequence[KPI], partners: Sequence[Partner] | None,
                      criteria: Criteria | None, collective_id: str) -> list[Problem]:
    """Register KPIs that cannot be counted, and typed figures that disagree with the register."""
    problems: list[Problem] = []

    def at(loc: tuple, message: str, expected: str, key: bool = False) -> None:
        line, col = doc.position(loc, prefer_key=key)
        problems.append(Problem(doc.path, line, col, message, expected))

    for i, kpi in enumerate(kpis):
        if kpi.partner_register is None:
            continue
        if partners is None or criteria is None:
            at((i, "partner_register"), "this KPI is counted from the partner register, but there is none",
               "add data/partners.yml and data/criteria.yml, or remove `partner_register:`")
            continue
        if kpi.unit != "percent":
            at((i, "unit"), "a figure from the partner register is a share of partners", "unit: percent")
            continue
        if kpi.partner_register == "computed":
            if kpi.observations:
                at((i, "observations"), "the figures of this KPI are counted from the partner register",
                   "remove `observations:`, or write `partner_register: compared` to keep typed figures", key=True)
            continue
        if kpi.register_difference is not None:
            continue
        own = kpi.observations if not (kpi.shared_id and kpi.organisation == collective_id) else \
            observations_of(kpi, kpis, collective_id)
        for j, obs in enumerate(own):
            if obs.numerator is None or not isinstance(obs.period, int):
                continue
            diverse, total = _members_count(kpi, kpis, partners, criteria, collective_id, obs.period)
            if (obs.numerator, obs.denominator) == (diverse, total):
                continue
            typed = f"{obs.numerator} of {obs.denominator}"
            counted = f"{diverse} of {total}"
            loc = (i, "observations", j) if own is kpi.observations else (i, "partner_register")
            at(loc, f"the figure for {obs.period} says {typed} partners are diverse, but the partner register "
               f"(data/partners.yml with data/criteria.yml) counts {counted}",
               "make them agree, write `partner_register: computed` to count from the register, or explain "
               "the difference in `register_difference:` (it is published with the figures)")
    return problems
