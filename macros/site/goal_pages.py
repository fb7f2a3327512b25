"""One page per goal: what it means, who owns it, the promises it serves, its figures and their status.

A pure function from the data, a page context and `today` to HTML. Figures come from the same
disclosed figures as the progress pages, so a goal page never shows what those pages withhold.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..model.dataset import Dataset
from ..model.schema import Goal
from .charts import format_period, format_value
from .i18n import PageContext
from .progress_pages import assessment, explain, figures_for, kpi_path, progress_kpis, shown
from .render import render


def sdg_titles(ds: Dataset, numbers: list[str], lang: str) -> list[dict[str, str]]:
    """SDG targets by number with their short title, in the order of data/sdg-targets.yml."""
    wanted = set(numbers)
    return [{"id": t.id, "title": t.title(lang)} for t in ds.collections.get("sdg-targets", []) if t.id in wanted]


def goal_path(goal_id: str) -> str:
    return f"goals/{goal_id}/"


def _figures(ds: Dataset, ctx: PageContext, goal: Goal, today: dt.date) -> list[dict[str, Any]]:
    figures = figures_for(ds, ctx, today)
    rows = []
    for kpi in (k for k in progress_kpis(ds) if k.goal == goal.id):
        result = assessment(kpi, figures[kpi.id], today)
        latest = shown(figures[kpi.id])[-1] if shown(figures[kpi.id]) else None
        rows.append({"name": kpi.name(ctx.lang), "link": ctx.link(kpi_path(kpi.id)),
                     "organisation": ds.organisation(kpi.organisation).name(ctx.lang),
                     "latest": ctx.t("progress_latest", value=format_value(ctx, kpi.unit, latest.value),
                                     period=format_period(ctx, latest.period)) if latest else
                     ctx.t("progress_no_figure_yet"),
                     "target": format_value(ctx, kpi.unit, kpi.target.value), "deadline": kpi.target.deadline,
                     "status": result.status, "status_text": ctx.t(f"progress_status_{result.status}"),
                     "why": explain(ctx, kpi, result)})
    return rows


def goal_page(ds: Dataset, ctx: PageContext, goal_id: str, today: dt.date) -> str:
    """The goal's description, owner, deadline and typed status, the promises it serves, and its figures."""
    goal = ds.by_id("goals", goal_id)
    promises = [{"text": c.text(ctx.lang),
                 "organisation": ds.organisation(s.organisation).name(ctx.lang)}
                for s in ds.statements for c in s.commitments if goal.id in c.goals]
    return render("goal.html", ctx, goal=goal, sdg=sdg_titles(ds, goal.sdg_targets, ctx.lang), organisation=ds.organisation(goal.organisation).name(ctx.lang),
                  owner=ds.by_id("roles", goal.owner_role), promises=promises,
                  figures=_figures(ds, ctx, goal, today), progress_link=ctx.link("progress/"))
