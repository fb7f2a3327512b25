"""One page per goal: what it means, who owns it, the promises it serves, its figures and their status.

A pure function from the data, a page context and `today` to HTML. Figures come from the same
disclosed figures as the progress pages, so a goal page never shows what those pages withhold.
"""
from __future__ import annotations

from typing import Any

from ..model.dataset import Dataset
from ..model.schema import Goal
from .i18n import PageContext, format_period, format_value
from .audience import report
from .progress_pages import explain, kpi_path
from .render import render


def sdg_titles(ds: Dataset, numbers: list[str], lang: str) -> list[dict[str, str]]:
    """SDG targets by number with their short title, in the order of data/sdg-targets.yml."""
    wanted = set(numbers)
    return [{"id": t.id, "title": t.title(lang)} for t in ds.sdg_targets if t.id in wanted]


def goal_path(goal_id: str) -> str:
    return f"goals/{goal_id}/"


def _figures(ds: Dataset, ctx: PageContext, goal: Goal) -> list[dict[str, Any]]:
    rep = report(ds, ctx)
    rows = []
    for kpi in (k for k in rep.kpis if k.goal == goal.id):
        result = rep.status[kpi.id]
        latest = rep.shown(kpi.id)[-1] if rep.shown(kpi.id) else None
        rows.append({"name": kpi.name(ctx.lang), "link": ctx.link(kpi_path(kpi.id)),
                     "organisation": ds.organisation(kpi.organisation).name(ctx.lang),
                     "latest": ctx.t("progress_latest", value=format_value(ctx, kpi.unit, latest.value),
                                     period=format_period(ctx, latest.period)) if latest else
                     ctx.t("progress_no_figure_yet"),
                     "target": format_value(ctx, kpi.unit, kpi.target.value), "deadline": kpi.target.deadline,
                     "status": result.status, "status_text": ctx.t(f"progress_status_{result.status}"),
                     "why": explain(ctx, kpi, result)})
    return rows


def goal_page(ds: Dataset, ctx: PageContext, goal_id: str) -> str:
    """The goal's description, owner, deadline and typed status, the promises it serves, and its figures."""
    goal = ds.by_id("goals", goal_id)
    promises = [{"text": c.text(ctx.lang),
                 "organisation": ds.organisation(s.organisation).name(ctx.lang)}
                for s in ds.statements for c in s.commitments if goal.id in c.goals]
    return render("goal.html", ctx, goal=goal, sdg=sdg_titles(ds, goal.sdg_targets, ctx.lang), organisation=ds.organisation(goal.organisation).name(ctx.lang),
                  owner=ds.by_id("roles", goal.owner_role), promises=promises,
                  figures=_figures(ds, ctx, goal), progress_link=ctx.link("progress/"))
