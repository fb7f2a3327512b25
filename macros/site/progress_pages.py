"""Progress pages: pure functions from the data, a page context and `today` to HTML fragments.

Public fragments show figures after disclosure control, and compute the status from those
figures only, so a status never gives away a withheld figure. With `ctx.internal` every figure
is shown, marked with the reason it is withheld from the public site.

Links: KPI pages live at `progress/<kpi-id>/`, open data at `data/<kpi-id>.csv|.json` and
`data/podium-open-data.zip`, all relative to the language root (see `opendata.write_open_data`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..model.dataset import Dataset
from ..model.kpi import KPI
from ..model.privacy import Figure, SharedGroup
from ..model.progress import Assessment, rule_steps
from ..model.report import Report
from .audience import report
from .charts import chart
from .i18n import PageContext, format_period, format_value, withheld_text
from .internal import require_internal
from .opendata import DATA_DIR, ZIP_NAME
from .procurement_progress import target_kpis
from .render import render
from .sparkline import Sparkline, sparkline


def kpi_path(kpi_id: str) -> str:
    return f"progress/{kpi_id}/"


def download_path(name: str) -> str:
    return f"{DATA_DIR}/{name}"


def kpis_in_order(ds: Dataset, ctx: PageContext) -> list[KPI]:
    """The KPIs of the report (procurement targets included): the collective's first, then each
    member's in the order of organisations.yml."""
    order = {org.id: i for i, org in enumerate([ds.collective, *ds.members])}
    return sorted(report(ds, ctx).kpis, key=lambda k: (order.get(k.organisation, 99), k.id))


def progress_kpis(ds: Dataset) -> list[KPI]:
    """The typed KPIs and the procurement targets, which are shown as KPIs (each has a page)."""
    return [*ds.kpis, *target_kpis(ds)]



def explain(ctx: PageContext, kpi: KPI, result: Assessment) -> str:
    """One sentence saying why the KPI has its status."""
    values: dict[str, Any] = {"target": format_value(ctx, kpi.unit, kpi.target.value),
                              "deadline": ctx.date(kpi.target.deadline)}
    if result.latest is not None:
        values["value"] = format_value(ctx, kpi.unit, result.latest.value)
        values["period"] = ctx.date(result.latest.date)
    if result.expected is not None:
        values["expected"] = format_value(ctx, kpi.unit, result.expected)
    return ctx.t(f"progress_why_{result.reason.replace('-', '_')}", **values)


@dataclass(frozen=True)
class Card:
    """One KPI at a glance: its newest published figure, target, status and trend."""

    kpi: KPI
    name: str
    link: str
    organisation: str
    status: str            # achieved, on-track, behind, no-recent-data
    status_text: str
    why: str
    latest: str | None
    latest_period: str | None
    target: str
    deadline: dt.date
    trend: Sparkline | None


def cards(ds: Dataset, ctx: PageContext, kpis: list[KPI] | None = None) -> list[Card]:
    rep = report(ds, ctx)
    names = link_texts(ds, ctx, kpis_in_order(ds, ctx))
    result = []
    for kpi in kpis_in_order(ds, ctx) if kpis is None else kpis:
        own = rep.shown(kpi.id)
        state = rep.status[kpi.id]
        latest = own[-1] if own else None
        result.append(Card(
            kpi=kpi, name=names[kpi.id], link=ctx.link(kpi_path(kpi.id)),
            organisation=ds.organisation(kpi.organisation).name(ctx.lang),
            status=state.status, status_text=ctx.t(f"progress_status_{state.status}"),
            why=explain(ctx, kpi, state),
            latest=format_value(ctx, kpi.unit, latest.value) if latest else None,
            latest_period=format_period(ctx, latest.period) if latest else None,
            target=format_value(ctx, kpi.unit, kpi.target.value), deadline=kpi.target.deadline,
            trend=sparkline(kpi, [(f.date, f.value) for f in own])))
    return result


def _rule(ctx: PageContext) -> list[str]:
    return [ctx.t(key, **values) for key, values in rule_steps()]


def link_texts(ds: Dataset, ctx: PageContext, kpis: list[KPI]) -> dict[str, str]:
    """The KPI's name as link text; with the organisation added where two KPIs share a name."""
    names = [k.name(ctx.lang) for k in kpis]
    return {k.id: (k.name(ctx.lang) if names.count(k.name(ctx.lang)) == 1 else
                   ctx.t("progress_name_of", name=k.name(ctx.lang),
                         organisation=ds.organisation(k.organisation).name(ctx.lang)))
            for k in kpis}


def progress_overview(ds: Dataset, ctx: PageContext) -> str:
    """Every KPI's latest published figure, target, deadline and status, with the rule and downloads."""
    return render("progress_overview.html", ctx, cards=cards(ds, ctx), rule=_rule(ctx),
                  zip_link=ctx.link(download_path(ZIP_NAME)))


# --- the collective's figure next to each member's -------------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str | None        # the figure, or None when there is none to show
    withheld: str | None    # why it is not shown (public) or would not be shown (internal)


def _cell(ctx: PageContext, kpi: KPI, fig: Figure | None) -> Cell:
    if fig is None:
        return Cell(None, None)
    reason = withheld_text(ctx, fig)
    text = None if fig.hidden or fig.value is None else format_value(ctx, kpi.unit, fig.value)
    return Cell(text, reason)


def _rollup_view(ds: Dataset, ctx: PageContext, group: SharedGroup, rep: Report) -> dict:
    member_order = {m.id: i for i, m in enumerate(ds.members)}
    kpis = [group.collective, *sorted(group.members, key=lambda k: (member_order.get(k.organisation, 99), k.id))]
    by_period: dict[str, dict[str, Figure]] = {}
    dates: dict[str, Figure] = {}
    for kpi in kpis:
        for fig in rep.figures[kpi.id]:
            by_period.setdefault(fig.key, {})[kpi.id] = fig
            dates.setdefault(fig.key, fig)
    periods = sorted(by_period, key=lambda key: dates[key].date)
    result = rep.status[group.collective.id]
    return {
        "kpi": group.collective,
        "columns": [ds.organisation(k.organisation).name(ctx.lang) for k in kpis],
        "rows": [{"period": format_period(ctx, dates[key].period), "iso": dates[key].date.isoformat(),
                  "cells": [_cell(ctx, k, by_period[key].get(k.id)) for k in kpis]} for key in periods],
        "status": result.status, "status_text": ctx.t(f"progress_status_{result.status}"),
        "why": explain(ctx, group.collective, result),
    }


def collective_rollup(ds: Dataset, ctx: PageContext) -> str:
    """For each shared KPI: the collective's total and each member's figure where it may be shown."""
    rep = report(ds, ctx)
    views = [_rollup_view(ds, ctx, g, rep) for g in rep.groups]
    return render("progress_rollup.html", ctx, views=views, heading_level=2)


# --- one KPI ---------------------------------------------------------------------------------


def kpi_page(ds: Dataset, ctx: PageContext, kpi_id: str) -> str:
    """Status, chart and table, what is measured, method, source, privacy and downloads of one KPI."""
    rep = report(ds, ctx)
    kpi = next((k for k in rep.kpis if k.id == kpi_id), None)
    if kpi is None:
        raise KeyError(f"there is no KPI with the id '{kpi_id}' in data/kpis.yml")
    own = rep.figures[kpi.id]
    result = rep.status[kpi.id]
    group = rep.group_of(kpi.id)
    rollup_html = ""
    if group is not None:
        rollup_html = Markup(render("progress_rollup.html", ctx, views=[_rollup_view(ds, ctx, group, rep)],
                                    heading_level=3))
    goal = ds.by_id("goals", kpi.goal) if kpi.goal else None
    return render(
        "progress_kpi.html", ctx, kpi=kpi, organisation=ds.organisation(kpi.organisation).name(ctx.lang),
        goal=goal, status=result.status, status_text=ctx.t(f"progress_status_{result.status}"), why=explain(ctx, kpi, result),
        chart_html=Markup(chart(kpi, own, ctx)),
        withheld=[{"period": format_period(ctx, f.period), "reason": withheld_text(ctx, f)} for f in own if f.hidden],
        baseline=format_value(ctx, kpi.unit, kpi.baseline.value),
        target=format_value(ctx, kpi.unit, kpi.target.value),
        interim=[{"value": format_value(ctx, kpi.unit, t.value), "deadline": t.deadline} for t in kpi.interim_targets],
        rollup_html=rollup_html,
        downloads={"csv": ctx.link(download_path(f"{kpi.id}.csv")), "json": ctx.link(download_path(f"{kpi.id}.json")),
                   "zip": ctx.link(download_path(ZIP_NAME))},
        overview_link=ctx.link("progress/")) + register_note(ctx, kpi)


def register_note(ctx: PageContext, kpi: KPI) -> str:
    """Where a KPI's figures meet the partner register: counted from it, or why they differ."""
    if kpi.partner_register == "computed":
        return render("kpi_register.html", ctx, text=ctx.t("kpi_register_computed"), reason=None)
    if kpi.partner_register == "compared" and kpi.register_difference is not None:
        return render("kpi_register.html", ctx, text=ctx.t("kpi_register_compared"),
                      reason=kpi.register_difference(ctx.lang))
    return ""


# --- internal only ---------------------------------------------------------------------------


def internal_figures(ds: Dataset, ctx: PageContext) -> str:
    """Every figure unsuppressed, with numerator and denominator and what the public site withholds."""
    require_internal(ctx, "internal_figures")
    figures = report(ds, ctx).figures
    tables = []
    for kpi in kpis_in_order(ds, ctx):
        tables.append({"kpi": kpi, "organisation": ds.organisation(kpi.organisation).name(ctx.lang),
                       "notes": kpi.notes,
                       "rows": [{"period": format_period(ctx, f.period), "iso": f.date.isoformat(),
                                 "value": format_value(ctx, kpi.unit, f.value),
                                 "numerator": None if f.numerator is None else ctx.number(f.numerator),
                                 "denominator": None if f.denominator is None else ctx.number(f.denominator),
                                 "public": withheld_text(ctx, f)}
                                for f in figures[kpi.id]]})
    return render("internal_figures.html", ctx, tables=tables)
