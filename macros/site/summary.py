"""Where the targets stand, at a glance: counts per status, headline figures, and KPI cards.

Pure functions over the published figures only (after disclosure control), so the
summary never gives away what a page withholds.
"""
from __future__ import annotations

from ..model.dataset import Dataset
from ..model.progress import STATUSES
from .i18n import PageContext
from .audience import report
from .progress_pages import cards, kpis_in_order
from .render import render

GOOD = ("achieved", "on-track")


def status_counts(ds: Dataset, ctx: PageContext) -> dict[str, int]:
    """How many KPIs (procurement targets included) have each status, in the order of the rule."""
    rep = report(ds, ctx)
    counts = {status: 0 for status in STATUSES}
    for kpi in rep.kpis:
        counts[rep.status[kpi.id].status] += 1
    return counts


def progress_summary(ds: Dataset, ctx: PageContext) -> str:
    """'9 of 12 key figures are on track or reached', the count per status, and the collective's figures."""
    counts = status_counts(ds, ctx)
    total = sum(counts.values())
    good = sum(counts[s] for s in GOOD)
    headline = [k for k in kpis_in_order(ds, ctx) if k.organisation == ds.collective.id]
    return render("progress_summary.html", ctx, total=total, good=good,
                  counts=[(s, counts[s]) for s in STATUSES if counts[s]],
                  headline=cards(ds, ctx, headline),
                  overview_link=None if ctx.page_url.startswith("progress/") else ctx.link("progress/"))
