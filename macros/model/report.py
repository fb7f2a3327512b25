"""What one build shows of the figures, for one audience: computed once, then only formatted.

A KPI page, the overview, the summary, goal and member pages, agendas and open data all need the
same three things: each KPI's figures after disclosure control, its status from the figures this
audience may see, and the shared KPIs with a collective total. `build_report` works them out in one
pass, so pages never go back into privacy or progress themselves and never disagree with each other.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from .criteria import Criteria
from .kpi import KPI
from .partner import Partner
from .privacy import Figure, SharedGroup, disclose, shared_groups
from .progress import Assessment, Point, assess
from .register import with_register_figures


@dataclass(frozen=True)
class Report:
    kpis: tuple[KPI, ...]                   # the measured KPIs, then the derived ones (procurement targets)
    figures: dict[str, list[Figure]]        # by KPI id, as this audience may see them
    status: dict[str, Assessment]           # by KPI id, from the figures this audience may see only
    groups: tuple[SharedGroup, ...]         # KPIs the members share, with the collective's total

    def shown(self, kpi_id: str) -> list[Figure]:
        """The figures of a KPI this audience may read (withheld ones and gaps left out)."""
        return shown(self.figures[kpi_id])

    def group_of(self, kpi_id: str) -> SharedGroup | None:
        """The shared group whose collective total is `kpi_id`, if there is one."""
        return next((g for g in self.groups if g.collective.id == kpi_id), None)


def shown(figures: Sequence[Figure]) -> list[Figure]:
    return [f for f in figures if not f.hidden and f.value is not None]


def assessment(kpi: KPI, figures: Sequence[Figure], today: dt.date) -> Assessment:
    """A KPI's status from the figures it shows, so a status never gives away a withheld figure."""
    return assess(kpi, [Point(f.date, f.value) for f in shown(figures)], today)


def build_report(kpis: Sequence[KPI], partners: Sequence[Partner], criteria: Criteria | None, collective_id: str,
                 today: dt.date, internal: bool,
                 derived: Sequence[tuple[KPI, list[Figure]]] = ()) -> Report:
    """The report of one build and audience (`internal`), as of `today`.

    Register KPIs are counted from the partners as of `today`; `derived` are KPIs whose figures were
    protected elsewhere (procurement targets, from the tender tables), with those figures.
    """
    counted = with_register_figures(list(kpis), list(partners), criteria, collective_id, today)
    figures = {**disclose(counted, collective_id, internal=internal), **{k.id: f for k, f in derived}}
    every = (*kpis, *(k for k, _ in derived))
    return Report(
        kpis=every, figures=figures,
        status={k.id: assessment(k, figures[k.id], today) for k in every},
        groups=tuple(g for g in shared_groups(kpis, collective_id) if g.collective is not None))
