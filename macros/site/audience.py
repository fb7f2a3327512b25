"""The report every page of one build shares: computed once per data set, audience and day.

Pages, open data and agendas read the figures and statuses from it and only format them,
so N KPI pages cost N, not N², and no two outputs of a build can disagree.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from ..model.dataset import Dataset
from ..model.report import Report, build_report
from .i18n import PageContext
from .procurement_progress import target_progress


@lru_cache(maxsize=4)
def audience_report(ds: Dataset, internal: bool, today: dt.date) -> Report:
    """The report of one data set (compared by identity, so the cache never answers for other data),
    audience and day; procurement targets take part as KPIs with the tender tables' figures."""
    return build_report(ds.kpis, ds.partners, ds.criteria, ds.collective.id, today, internal,
                        derived=target_progress(ds, internal))


def report(ds: Dataset, ctx: PageContext) -> Report:
    """The report of the build this page belongs to."""
    return audience_report(ds, ctx.internal, ctx.today)
