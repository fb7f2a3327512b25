"""The calendar page (public) and the planning and channel-text pages (internal only).

The public fragment gets the moments, their meaning and what the museums do; the
audiences, channels, owners, lead times and notes go only to the internal fragments.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from babel.dates import format_date
from markupsafe import Markup, escape

from ..language import check_text
from ..model.calendar import Moment, Occurrence, calendar_between, missing_years, twelve_months
from ..model.dataset import Dataset
from .calendar_files import ACHIEVEMENTS_PAGE, CALENDAR_PAGE, FEEDS, ICS_NAME, PLANNING_ICS, activities, moments_of
from .config import read_base, root_url
from .i18n import PageContext
from .internal import require_internal
from .render import render


def when(ctx: PageContext, occ: Occurrence) -> str:
    if occ.end == occ.start:
        return ctx.date(occ.start)
    return ctx.t("calendar_from_to", start=ctx.date(occ.start), end=ctx.date(occ.end))


def _month_label(ctx: PageContext, year: int, month: int) -> str:
    """'december 2026' / 'December 2026' (the heading capitalises it in Dutch too)."""
    label = format_date(dt.date(year, month, 1), "LLLL yyyy", locale=ctx.language.locale)
    return label[:1].upper() + label[1:]


def _months(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    months, (year, month) = [], (first.year, first.month)
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _listed_partners(ds: Dataset, moment: Moment) -> list[str]:
    """Only partners who agreed to be listed are named in public."""
    partners = {p.id: p for p in ds.partners}
    return [partners[p].name for p in moment.partners
            if p in partners and partners[p].listed and partners[p].listing_consent is not None]


def calendar(ds: Dataset, ctx: PageContext) -> str:
    """The coming twelve months, month by month: each moment, its meaning and what the museums do."""
    first, last = twelve_months(ctx.today)
    occs = calendar_between(moments_of(ds), first, last)
    by_month = {key: list(group) for key, group in groupby(occs, key=lambda o: (o.start.year, o.start.month))}
    months = [{"label": _month_label(ctx, y, m), "anchor": f"month-{y}-{m:02d}",
               "moments": [_public_item(ds, ctx, o) for o in by_month.get((y, m), [])],
               "empty": ctx.t("calendar_empty_rest" if index == 0 and first.day > 1 else "calendar_empty_month")}
              for index, (y, m) in enumerate(_months(first, last))]
    return render("calendar.html", ctx, months=months, ics=ctx.link(ICS_NAME),
                  feed=ctx.link(FEEDS["moments"]), achievements_feed=ctx.link(FEEDS["achievements"]),
                  first=ctx.date(first), last=ctx.date(last))


def _public_item(ds: Dataset, ctx: PageContext, occ: Occurrence) -> dict:
    moment = occ.moment
    return {"id": moment.id, "title": moment.title(ctx.lang), "when": when(ctx, occ),
            "start": occ.start.isoformat(), "confirmed": occ.confirmed,
            "meaning": moment.meaning(ctx.lang), "theme": moment.theme(ctx.lang),
            "plans": [{"organisation": ds.organisation(p.organisation).name(ctx.lang),
                       "activity": p.activity(ctx.lang)} for p in moment.plans],
            "groups": [{"title": ds.by_id("groups", g).title(ctx.lang), "href": ctx.link(f"groups/{g}/")}
                       for g in moment.groups],
            "partners": _listed_partners(ds, moment)}


# --- internal ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Task:
    """One member's preparation for one occurrence of a moment."""

    occ: Occurrence
    plan_index: int

    @property
    def plan(self):
        return self.occ.moment.plans[self.plan_index]

    @property
    def due(self) -> dt.date:
        return self.occ.start - dt.timedelta(days=self.plan.lead_days)


def tasks(ds: Dataset, today: dt.date) -> list[Task]:
    """Every plan for the moments of the coming twelve months, by the day preparation starts."""
    occs = calendar_between(moments_of(ds), *twelve_months(today))
    found = [Task(o, i) for o in occs for i in range(len(o.moment.plans))]
    return sorted(found, key=lambda t: (t.due, t.occ.moment.id, t.plan.organisation))


def _task_row(ds: Dataset, ctx: PageContext, task: Task, today: dt.date) -> dict:
    plan, role = task.plan, ds.by_id("roles", task.plan.owner_role)
    return {"due": ctx.date(task.due), "due_iso": task.due.isoformat(), "overdue": task.due < today,
            "moment": task.occ.moment.title(ctx.lang), "anchor": task.occ.moment.id,
            "when": when(ctx, task.occ), "confirmed": task.occ.confirmed,
            "organisation": ds.organisation(plan.organisation).name(ctx.lang),
            "activity": plan.activity(ctx.lang), "who": role.title(ctx.lang), "mailbox": role.mailbox,
            "audiences": [ds.by_id("audiences", a).name(ctx.lang) for a in plan.audiences],
            "channels": [ds.by_id("channels", c).name(ctx.lang) for c in plan.channels],
            "notes": plan.notes}


def date_warnings(ds: Dataset, ctx: PageContext, today: dt.date) -> list[str]:
    """'Add the date of Diwali 2028' for each moment with explicit dates and none next year."""
    year = today.year + 1
    return [ctx.t("calendar_missing_year", moment=m.title(ctx.lang), year=year)
            for m in missing_years(moments_of(ds), year)]


def internal_calendar(ds: Dataset, ctx: PageContext) -> str:
    """Who prepares what, when: by start date, per channel and per audience."""
    require_internal(ctx, "internal_calendar")
    all_tasks = tasks(ds, ctx.today)
    rows = [_task_row(ds, ctx, t, ctx.today) for t in all_tasks]
    channels = [{"name": c.name(ctx.lang), "owner": ds.by_id("roles", c.owner_role).title(ctx.lang),
                 "notes": c.notes,
                 "rows": [r for t, r in zip(all_tasks, rows) if c.id in t.plan.channels]}
                for c in ds.channels]
    audiences = [{"name": a.name(ctx.lang), "organisation": ds.organisation(a.organisation).name(ctx.lang),
                  "rows": [r for t, r in zip(all_tasks, rows) if a.id in t.plan.audiences]}
                 for a in ds.audiences]
    return render("internal_calendar.html", ctx, rows=rows, channels=channels, audiences=audiences,
                  warnings=date_warnings(ds, ctx, ctx.today), ics=ctx.link(PLANNING_ICS),
                  unconfirmed=[f"{m.title(ctx.lang)} {d.start.year}: {d.note or ''}".strip()
                               for m in moments_of(ds) for d in (m.dates or [])
                               if not d.confirmed and d.start >= ctx.today])


def _texts(ctx: PageContext, kind: str, title: str, values: dict) -> dict:
    """A newsletter and an intranet text, each as plain text and as HTML, with the language check's findings."""
    out = {"title": title, "texts": []}
    for channel in ("newsletter", "intranet"):
        html = render(f"channel_{channel}.html", ctx, kind=kind, **values).strip()
        plain = ctx.t(f"text_{channel}_{kind}", **{k: v for k, v in values.items() if isinstance(v, str)})
        findings = [f"{f.rule}: {f.message}" for f in check_text(plain, ctx.lang)]
        out["texts"].append({"channel": ctx.t(f"texts_{channel}"), "plain": plain, "html": html,
                             "findings": findings})
    return out


def channel_texts(ds: Dataset, ctx: PageContext) -> str:
    """Ready-to-paste texts for the newsletter and the intranet, for every update and coming moment.

    Links are the published addresses (site_url in mkdocs.yml), because the texts leave the site.
    """
    require_internal(ctx, "channel_texts")
    site = root_url(read_base(ctx.root))
    base = f"{site}{ctx.lang}/" if site else ""
    moments = []
    for occ in calendar_between(moments_of(ds), *twelve_months(ctx.today)):
        moment = occ.moment
        values = {"title": moment.title(ctx.lang), "date": when(ctx, occ), "meaning": moment.meaning(ctx.lang),
                  "activities": " ".join(a + ("" if a.endswith(".") else ".")
                                         for a in activities(ds, ctx.lang, moment)),
                  "activity_list": activities(ds, ctx.lang, moment),
                  "link": f"{base}{CALENDAR_PAGE}#moment-{moment.id}"}
        moments.append(_texts(ctx, "moment", f"{values['title']} · {values['date']}", values))
    updates = []
    for update in sorted(ds.updates, key=lambda u: (u.date, u.id), reverse=True):
        values = {"title": update.title(ctx.lang), "date": ctx.date(update.date), "body": update.body(ctx.lang),
                  "organisation": ds.organisation(update.organisation).name(ctx.lang),
                  "link": f"{base}{ACHIEVEMENTS_PAGE}"}
        updates.append(_texts(ctx, "update", f"{values['title']} · {values['date']}", values))
    return render("channel_texts.html", ctx, moments=moments, updates=updates, lines=_one_line)


def _one_line(text: str) -> Markup:
    """Escaped text whose line breaks are character references, so the fragment stays on one line."""
    return Markup(str(escape(text)).replace("\n", "&#10;"))
