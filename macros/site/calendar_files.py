"""Files for calendar applications and feed readers: calendar.ics and Atom feeds per language.

`icalendar` writes the .ics files (folding, escaping of commas, semicolons and new lines,
all-day dates as VALUE=DATE); `feedgen` writes the Atom feeds. Both libraries are
maintained and used widely, so Podium does not write either format by hand.
The functions return bytes and are deterministic (DTSTAMP and <updated> come from the
build date or the data, never from the clock); only `write_calendar_files` touches the disk.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event

from ..model.calendar import Moment, Occurrence, calendar_between
from ..model.dataset import Dataset
from .i18n import PageContext

ICS_NAME = "calendar.ics"
PLANNING_ICS = "internal/planning.ics"
# At the top of each language's site: Material's script looks for a sitemap.xml next to every
# <link rel="alternate"> in the head, and only the language's top folder has one.
FEEDS = {"achievements": "feed-achievements.xml", "moments": "feed-moments.xml",
         "opportunities": "feed-opportunities.xml"}
CALENDAR_PAGE = "calendar/"
ACHIEVEMENTS_PAGE = "achievements/"
WORK_PAGE = "work-with-us/"  # without a slug of its own; the build passes the language's address
# The .ics files hold this year and the next two, so a subscriber sees well ahead.
YEARS_AHEAD = 2


def moments_of(ds: Dataset) -> list[Moment]:
    return list(ds.moments)


def domain(ds: Dataset) -> str:
    """The collective's own web domain: it makes UIDs and feed ids unique and stable."""
    return urlsplit(ds.collective.website).hostname or "podium.invalid"


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def ics_window(today: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(today.year, 1, 1), dt.date(today.year + YEARS_AHEAD, 12, 31)


def activities(ds: Dataset, lang: str, moment: Moment) -> list[str]:
    """'Museum: what it does' for every plan, in the reader's language."""
    return [f"{ds.organisation(p.organisation).name(lang)}: {p.activity(lang)}" for p in moment.plans]


def _calendar(name: str, lang: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//Podium//{name}//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    return cal


def _all_day(uid: str, start: dt.date, end: dt.date, summary: str, description: str, stamp: dt.date) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", _midnight(stamp))
    event.add("dtstart", start)
    event.add("dtend", end + dt.timedelta(days=1))  # DTEND of an all-day event is the day after
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


def moment_event(ds: Dataset, lang: str, occ: Occurrence, page_url: str, today: dt.date) -> Event:
    ctx = PageContext(ds.languages.get(lang))
    moment = occ.moment
    lines = [moment.meaning(lang), *activities(ds, lang, moment)]
    if not occ.confirmed:
        lines.append(ctx.t("calendar_unconfirmed_long"))
    event = _all_day(f"moment-{moment.id}-{occ.year}@{domain(ds)}", occ.start, occ.end,
                     moment.title(lang), "\n\n".join(lines), today)
    event.add("status", "CONFIRMED" if occ.confirmed else "TENTATIVE")
    event.add("categories", [moment.theme(lang)])
    if page_url:
        event.add("url", f"{page_url}#moment-{moment.id}")
    return event


def calendar_ics(ds: Dataset, lang: str, today: dt.date, page_url: str = "") -> bytes:
    """The public calendar: one all-day event per moment per year, this year and the next two."""
    ctx = PageContext(ds.languages.get(lang))
    cal = _calendar(ctx.t("calendar_ics_name", name=ds.collective.name(lang)), lang)
    for occ in calendar_between(moments_of(ds), *ics_window(today)):
        cal.add_component(moment_event(ds, lang, occ, page_url, today))
    return cal.to_ical()


def planning_ics(ds: Dataset, lang: str, today: dt.date) -> bytes:
    """Internal: a reminder on the day preparation should start (moment date minus lead time)."""
    ctx = PageContext(ds.languages.get(lang))
    cal = _calendar(ctx.t("planning_ics_name", name=ds.collective.name(lang)), lang)
    for occ in calendar_between(moments_of(ds), *ics_window(today)):
        for plan in occ.moment.plans:
            due = occ.start - dt.timedelta(days=plan.lead_days)
            role = ds.by_id("roles", plan.owner_role)
            org = ds.organisation(plan.organisation)
            channels = ", ".join(ds.by_id("channels", c).name(lang) for c in plan.channels)
            lines = [ctx.t("planning_for", moment=occ.moment.title(lang), date=ctx.date(occ.start)),
                     plan.activity(lang),
                     f"{ctx.t('planning_who')}: {role.title(lang)} ({role.mailbox})",
                     f"{ctx.t('planning_channels')}: {channels}"]
            if plan.notes:
                lines.append(plan.notes)
            summary = ctx.t("planning_summary", moment=occ.moment.title(lang), organisation=org.name(lang))
            cal.add_component(_all_day(f"prepare-{occ.moment.id}-{plan.organisation}-{occ.year}@{domain(ds)}",
                                       due, due, summary, "\n\n".join(lines), today))
    return cal.to_ical()


def _feed(ds: Dataset, lang: str, key: str, site_url: str, page: str) -> FeedGenerator:
    ctx = PageContext(ds.languages.get(lang))
    feed = FeedGenerator()
    feed.id(f"tag:{domain(ds)},2026:{lang}/{key}")
    feed.title(ctx.t(f"feed_{key}_title", name=ds.collective.name(lang)))
    feed.subtitle(ctx.t(f"feed_{key}_subtitle"))
    feed.author({"name": ds.collective.name(lang), "uri": ds.collective.website})
    feed.language(lang)
    feed.link(href=f"{site_url}{page}", rel="alternate", type="text/html")
    feed.link(href=f"{site_url}{FEEDS[key]}", rel="self", type="application/atom+xml")
    return feed


def _finish(feed: FeedGenerator, dates: list[dt.date], today: dt.date) -> bytes:
    feed.updated(_midnight(max(dates) if dates else today))
    return feed.atom_str(pretty=True)


def _entry(feed: FeedGenerator, ds: Dataset, kind: str, item_id: str, day: dt.date, title: str, link: str,
           summary: str, author: str | None = None) -> None:
    """One Atom entry; its id stays the same from build to build (tag URI of the item and its day)."""
    entry = feed.add_entry(order="append")
    entry.id(f"tag:{domain(ds)},{day.isoformat()}:{kind}/{item_id}")
    entry.title(title)
    if author:
        entry.author({"name": author})
    entry.published(_midnight(day))
    entry.updated(_midnight(day))
    entry.link(href=link, rel="alternate", type="text/html")
    entry.summary(summary)


def achievements_feed(ds: Dataset, lang: str, today: dt.date, site_url: str = "") -> bytes:
    """'What we achieved' (updates.yml), newest first."""
    feed = _feed(ds, lang, "achievements", site_url, ACHIEVEMENTS_PAGE)
    items = sorted(ds.updates, key=lambda u: (u.date, u.id), reverse=True)
    for update in items:
        _entry(feed, ds, "update", update.id, update.date, update.title(lang), f"{site_url}{ACHIEVEMENTS_PAGE}",
               update.body(lang), ds.organisation(update.organisation).name(lang))
    return _finish(feed, [u.date for u in items], today)


def moments_feed(ds: Dataset, lang: str, today: dt.date, site_url: str = "") -> bytes:
    """New moments on the calendar, the most recently added first."""
    ctx = PageContext(ds.languages.get(lang))
    feed = _feed(ds, lang, "moments", site_url, CALENDAR_PAGE)
    items = sorted(moments_of(ds), key=lambda m: (m.added, m.id), reverse=True)
    for moment in items:
        _entry(feed, ds, "moment", moment.id, moment.added, moment.title(lang),
               f"{site_url}{CALENDAR_PAGE}#moment-{moment.id}",
               " ".join([moment.meaning(lang), ctx.t("feed_moment_theme", theme=moment.theme(lang))]))
    return _finish(feed, [m.added for m in items], today)


def opportunities_feed(ds: Dataset, lang: str, today: dt.date, site_url: str = "",
                       work_page: str = WORK_PAGE) -> bytes:
    """Contracts open for quotes (procurement.yml), from the day they were published until their deadline."""
    ctx = PageContext(ds.languages.get(lang))
    feed = _feed(ds, lang, "opportunities", site_url, work_page)
    items = sorted((o for o in ds.procurement.opportunities
                    if o.published <= today <= o.deadline), key=lambda o: (o.published, o.id), reverse=True)
    for item in items:
        _entry(feed, ds, "opportunity", item.id, item.published, item.title(lang),
               f"{site_url}{work_page}#opportunities",
               " ".join([item.description(lang), ctx.t("feed_opportunity_deadline", deadline=ctx.date(item.deadline))]),
               ds.organisation(item.organisation).name(lang))
    return _finish(feed, [o.published for o in items], today)


def write_calendar_files(ds: Dataset, out_dir: Path, lang: str, today: dt.date, site_url: str = "",
                         internal: bool = False, work_page: str = WORK_PAGE) -> list[Path]:
    """Write calendar.ics and the feeds into one language's site; the planning .ics only when internal.

    `site_url` is the language's published address (…/nl/), or "" for relative links.
    """
    files = {ICS_NAME: calendar_ics(ds, lang, today, f"{site_url}{CALENDAR_PAGE}" if site_url else ""),
             FEEDS["achievements"]: achievements_feed(ds, lang, today, site_url),
             FEEDS["moments"]: moments_feed(ds, lang, today, site_url),
             FEEDS["opportunities"]: opportunities_feed(ds, lang, today, site_url, work_page)}
    if internal:
        files[PLANNING_ICS] = planning_ics(ds, lang, today)
    written = []
    for name, content in files.items():
        path = Path(out_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written
