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
from ..model.privacy import Figure, SharedGroup, disclose, shared_groups
from ..model.progress import Assessment, Point, assess, rule_steps
from ..model.register import with_register_figures
from .charts import chart, format_period, format_value
from .i18n import PageContext
from .internal import require_internal
from .opendata import DATA_DIR, ZIP_NAME
from .procurement_progress import target_figures, target_kpis
from .render import render
from .sparkline import Sparkline, sparkline


def kpi_path(kpi_id: str) -> str:
    return f"progress/{kpi_id}/"


def download_path(name: str) -> str:
    return f"{DATA_DIR}/{name}"


def kpis_in_order(ds: Dataset) -> list[KPI]:
    """The collective's KPIs first, then each member's in the order of organisations.yml."""
    order = {org.id: i for i, org in enumerate([ds.collective, *ds.members])}
    return sorted(progress_kpis(ds), key=lambda k: (order.get(k.organisation, 99), k.id))


def progress_kpis(ds: Dataset) -> list[KPI]:
    """The typed KPIs and the procurement targets, which are shown as KPIs."""
    return [*ds.collections.get("kpis", []), *target_kpis(ds)]


_DISCLOSED: dict[tuple[int, bool, dt.date], tuple[Any, dict[str, list[Figure]]]] = {}


def kpis_with_figures(ds: Dataset, today: dt.date) -> list[KPI]:
    """The typed KPIs with the figures of register KPIs counted from data/partners.yml as of `today`."""
    return with_register_figures(ds.collections.get("kpis", []), ds.collections.get("partners", []),
                                 ds.collections.get("criteria"), ds.collective.id, today)


def figures_for(ds: Dataset, ctx: PageContext, today: dt.date) -> dict[str, list[Figure]]:
    """Every KPI's figures for this build, computed once per data set (so N KPI pages cost N, not N²)."""
    kpis = ds.collections.get("kpis", [])
    key = (id(kpis), ctx.internal, today)
    hit = _DISCLOSED.get(key)
    if hit is None or hit[0] is not kpis:     # the cache keeps `kpis` alive, so its id is not reused
        if len(_DISCLOSED) >= 8:
            _DISCLOSED.clear()
        hit = (kpis, {**disclose(kpis_with_figures(ds, today), ds.collective.id, internal=ctx.internal),
                      **target_figures(ds, ctx.internal)})
        _DISCLOSED[key] = hit
    return hit[1]


def shown(figures: list[Figure]) -> list[Figure]:
    return [f for f in figures if not f.hidden and f.value is not None]


def assessment(kpi: KPI, figures: list[Figure], today: dt.date) -> Assessment:
    return assess(kpi, [Point(f.date, f.value) for f in shown(figures)], today)


def withheld_text(ctx: PageContext, fig: Figure) -> str:
    return ctx.t(f"withheld_{fig.reason}", k=fig.threshold)


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


def cards(ds: Dataset, ctx: PageContext, today: dt.date, kpis: list[KPI] | None = None) -> list[Card]:
    figures = figures_for(ds, ctx, today)
    names = link_texts(ds, ctx, kpis_in_order(ds))
    result = []
    for kpi in kpis_in_order(ds) if kpis is None else kpis:
        own = shown(figures[kpi.id])
        state = assessment(kpi, figures[kpi.id], today)
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


def progress_overview(ds: Dataset, ctx: PageContext, today: dt.date) -> str:
    """Every KPI's latest published figure, target, deadline and status, with the rule and downloads."""
    return render("progress_overview.html", ctx, cards=cards(ds, ctx, today), rule=_rule(ctx),
                  zip_link=ctx.link(download_path(ZIP_NAME)))


# --- the collective's figure next to each member's -------------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str | None        # the figure, or None when there is none to show
    withheld: str | None    # why it is not shown (public) or would not be shown (internal)


def _cell(ctx: PageContext, kpi: KPI, fig: Figure | None) -> Cell:
    if fig is None:
        return Cell(None, None)
    reason = withheld_text(ctx, fig) if fig.reason else None
    text = None if fig.hidden or fig.value is None else format_value(ctx, kpi.unit, fig.value)
    return Cell(text, reason)


def _rollup_view(ds: Dataset, ctx: PageContext, group: SharedGroup, figures: dict[str, list[Figure]],
                 today: dt.date) -> dict:
    member_order = {m.id: i for i, m in enumerate(ds.members)}
    kpis = [group.collective, *sorted(group.members, key=lambda k: (member_order.get(k.organisation, 99), k.id))]
    by_period: dict[str, dict[str, Figure]] = {}
    dates: dict[str, Figure] = {}
    for kpi in kpis:
        for fig in figures[kpi.id]:
            by_period.setdefault(fig.key, {})[kpi.id] = fig
            dates.setdefault(fig.key, fig)
    periods = sorted(by_period, key=lambda key: dates[key].date)
    result = assessment(group.collective, figures[group.collective.id], today)
    return {
        "kpi": group.collective,
        "columns": [ds.organisation(k.organisation).name(ctx.lang) for k in kpis],
        "rows": [{"period": format_period(ctx, dates[key].period), "iso": dates[key].date.isoformat(),
                  "cells": [_cell(ctx, k, by_period[key].get(k.id)) for k in kpis]} for key in periods],
        "status": result.status, "status_text": ctx.t(f"progress_status_{result.status}"),
        "why": explain(ctx, group.collective, result),
    }


def _groups_with_total(ds: Dataset) -> list[SharedGroup]:
    return [g for g in shared_groups(ds.collections.get("kpis", []), ds.collective.id) if g.collective is not None]


def collective_rollup(ds: Dataset, ctx: PageContext, today: dt.date) -> str:
    """For each shared KPI: the collective's total and each member's figure where it may be shown."""
    figures = figures_for(ds, ctx, today)
    views = [_rollup_view(ds, ctx, g, figures, today) for g in _groups_with_total(ds)]
    return render("progress_rollup.html", ctx, views=views, heading_level=2)


# --- one KPI ---------------------------------------------------------------------------------


def kpi_page(ds: Dataset, ctx: PageContext, kpi_id: str, today: dt.date) -> str:
    """Status, chart and table, what is measured, method, source, privacy and downloads of one KPI."""
    kpi = next((k for k in progress_kpis(ds) if k.id == kpi_id), None)
    if kpi is None:
        raise KeyError(f"there is no KPI with the id '{kpi_id}' in data/kpis.yml")
    figures = figures_for(ds, ctx, today)
    own = figures[kpi.id]
    result = assessment(kpi, own, today)
    group = next((g for g in _groups_with_total(ds) if g.collective.id == kpi.id), None)
    rollup_html = ""
    if group is not None:
        rollup_html = Markup(render("progress_rollup.html", ctx, views=[_rollup_view(ds, ctx, group, figures, today)],
                                    heading_level=3))
    goal = next((g for g in ds.collections.get("goals", []) if g.id == kpi.goal), None)
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


def internal_figures(ds: Dataset, ctx: PageContext, today: dt.date) -> str:
    """Every figure unsuppressed, with numerator and denominator and what the public site withholds."""
    require_internal(ctx, "internal_figures")
    figures = figures_for(ds, ctx, today)
    tables = []
    for kpi in kpis_in_order(ds):
        tables.append({"kpi": kpi, "organisation": ds.organisation(kpi.organisation).name(ctx.lang),
                       "notes": kpi.notes,
                       "rows": [{"period": format_period(ctx, f.period), "iso": f.date.isoformat(),
                                 "value": format_value(ctx, kpi.unit, f.value),
                                 "numerator": None if f.numerator is None else ctx.number(f.numerator),
                                 "denominator": None if f.denominator is None else ctx.number(f.denominator),
                                 "public": withheld_text(ctx, f) if f.reason else None}
                                for f in figures[kpi.id]]})
    return render("internal_figures.html", ctx, tables=tables)
