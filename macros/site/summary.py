"""Where the targets stand, at a glance: counts per status, headline figures, and KPI cards.

Pure functions over the published figures only (after disclosure control), so the
summary never gives away what a page withholds.
"""
from __future__ import annotations

import datetime as dt

from ..model.dataset import Dataset
from ..model.progress import STATUSES
from .i18n import PageContext
from .progress_pages import assessment, cards, figures_for, kpis_in_order
from .render import render

GOOD = ("achieved", "on-track")


def status_counts(ds: Dataset, ctx: PageContext, today: dt.date) -> dict[str, int]:
    """How many KPIs (procurement targets included) have each status, in the order of the rule."""
    figures = figures_for(ds, ctx, today)
    counts = {status: 0 for status in STATUSES}
    for kpi in kpis_in_order(ds):
        counts[assessment(kpi, figures[kpi.id], today).status] += 1
    return counts


def progress_summary(ds: Dataset, ctx: PageContext, today: dt.date) -> str:
    """'9 of 12 key figures are on track or reached', the count per status, and the collective's figures."""
    counts = status_counts(ds, ctx, today)
    total = sum(counts.values())
    good = sum(counts[s] for s in GOOD)
    headline = [k for k in kpis_in_order(ds) if k.organisation == ds.collective.id]
    return render("progress_summary.html", ctx, total=total, good=good,
                  counts=[(s, counts[s]) for s in STATUSES if counts[s]],
                  headline=cards(ds, ctx, today, headline),
                  overview_link=None if ctx.page_url.startswith("progress/") else ctx.link("progress/"))
