"""Each review's agenda, made from the data (internal build only).

For the next meeting of each review: the figures that are behind or have no recent data, the goals
past their deadline, certificates that end before the meeting (or soon after), partner check-ins
overdue by then, and the planned accessibility audit. A review with `pillars` only gets the goals
and figures of those pillars; partner items come with the partners pillar, the audit with audiences.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..model.criteria import renewals_due
from ..model.dataset import Dataset
from ..model.schema import Review
from .goal_pages import goal_path
from .i18n import PageContext
from .internal import require_internal
from .pages import last_meetings
from .audience import report
from .progress_pages import explain, kpi_path
from .render import render

NEEDS_TALK = ("behind", "no-recent-data")


def planned_audit(ds: Dataset) -> dt.date | None:
    """The date of the planned full audit in the accessibility statement, if it names one."""
    statement = ds.accessibility
    return statement.status.planned_audit if statement is not None else None


def _covers(review: Review, pillar: str) -> bool:
    return not review.pillars or pillar in review.pillars


def _meeting(ds: Dataset, review: Review) -> dt.date | None:
    last = last_meetings(ds).get(review.id)
    return (last.next_meeting if last is not None else None) or review.next_review


def _agenda(ds: Dataset, ctx: PageContext, review: Review, today: dt.date, audit: dt.date | None) -> dict[str, Any]:
    meeting = _meeting(ds, review)
    by = max(today, meeting) if meeting else today
    goals = {g.id: g for g in ds.goals}
    rep = report(ds, ctx)
    sections = []
    lines = []
    for kpi in rep.kpis:
        goal = goals.get(kpi.goal)
        if goal is None or not _covers(review, goal.pillar):
            continue
        result = rep.status[kpi.id]
        if result.status in NEEDS_TALK:
            lines.append({"text": f"{kpi.name(ctx.lang)} ({ds.organisation(kpi.organisation).name(ctx.lang)}): "
                                  f"{ctx.t('progress_status_' + result.status)}. {explain(ctx, kpi, result)}",
                          "link": ctx.link(kpi_path(kpi.id))})
    sections.append({"title": ctx.t("internal_agenda_figures"), "lines": lines})
    sections.append({"title": ctx.t("internal_agenda_goals"), "lines": [
        {"text": ctx.t("internal_agenda_goal_line", title=g.title(ctx.lang), deadline=ctx.date(g.deadline),
                       status=ctx.t("status_" + g.status)), "link": ctx.link(goal_path(g.id))}
        for g in sorted(ds.goals, key=lambda g: (g.deadline, g.id))
        if g.deadline < by and g.status != "achieved" and _covers(review, g.pillar)]})
    if _covers(review, "partners"):
        criteria = ds.criteria
        due = renewals_due(ds.partners, criteria, by) if criteria is not None else []
        sections.append({"title": ctx.t("internal_agenda_certificates"), "lines": [
            {"text": ctx.t("internal_agenda_certificate_line", name=r.partner.name,
                           group=criteria.group(r.claim.category).name(ctx.lang), date=ctx.date(r.ends)),
             "link": ctx.link("internal/renewals/")} for r in due]})
        late = sorted((p for p in ds.partners if p.next_check_in and p.next_check_in < by),
                      key=lambda p: (p.next_check_in, p.name))
        sections.append({"title": ctx.t("internal_agenda_checkins"), "lines": [
            {"text": ctx.t("internal_agenda_checkin_line", name=p.name, date=ctx.date(p.next_check_in)),
             "link": ctx.link("internal/check-ins/")} for p in late]})
    if _covers(review, "publiek") and audit is not None:
        sections.append({"title": ctx.t("internal_agenda_audit"), "lines": [
            {"text": ctx.t("internal_agenda_audit_line", date=ctx.date(audit)), "link": ctx.link("accessibility/")}]})
    return {"id": review.id, "subject": review.subject(ctx.lang), "meeting": meeting, "sections": sections}


def internal_agendas(ds: Dataset, ctx: PageContext) -> str:
    """Every review's agenda for its next meeting, from today's data."""
    require_internal(ctx, "internal_agendas")
    audit = planned_audit(ds)
    return render("internal_agenda.html", ctx, agendas=[_agenda(ds, ctx, r, ctx.today, audit) for r in ds.reviews])
