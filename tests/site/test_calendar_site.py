"""The calendar in the built site: page in both languages, .ics files, Atom feeds, internal planning.

The .ics files are read back with the icalendar library and the feeds with the standard
XML parser, so what a calendar application or feed reader sees is what is tested.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar

from macros.model.calendar import Moment
from macros.model.dataset import Dataset, load_dataset
from macros.site.build import build_site
from macros.site.calendar_files import achievements_feed, calendar_ics, moments_feed

ATOM = "{http://www.w3.org/2005/Atom}"
TODAY = dt.date(2026, 11, 30)
TRICKY = "Feest; koffie, taart\\ en <b>&</b>\nnieuwe regel"


@pytest.fixture(scope="module")
def example_ds(tmp_path_factory, example_copier) -> Dataset:
    return load_dataset(example_copier(tmp_path_factory.mktemp("cal") / "project"))


def with_moment(ds: Dataset, **fields) -> Dataset:
    moment = Moment.model_validate({
        "id": "lastig", "title": {"nl": TRICKY, "en": TRICKY}, "meaning": {"nl": TRICKY, "en": TRICKY},
        "theme": {"nl": "Thema, met komma", "en": "Theme; semicolon"}, "added": "2026-10-01",
        "fixed": {"month": 12, "day": 31, "days": 2},
        "plans": [{"organisation": "stadsmuseum", "activity": {"nl": "Iets, doen.", "en": "Do; it."},
                   "audiences": ["bezoekers-stadsmuseum"], "channels": ["website"],
                   "owner_role": "contact-stadsmuseum", "lead_days": 7, "notes": "GEHEIM-NOTITIE"}],
        **fields})
    return dataclasses.replace(ds, moments=[moment], _by_id={})


def events(ics: bytes) -> list:
    return [c for c in Calendar.from_ical(ics).walk("VEVENT")]


def test_ics_escapes_text_and_reads_back_the_same(example_ds):
    ics = calendar_ics(with_moment(example_ds), "nl", TODAY, "https://example.org/nl/calendar/")
    raw = ics.decode("utf-8")
    assert "\\;" in raw and "\\," in raw and "\\\\" in raw and "\\n" in raw   # RFC 5545 TEXT escaping
    assert all(line.endswith("\r") or not line for line in raw.split("\n")[:-1])  # CRLF line ends
    assert max(len(line.encode("utf-8")) for line in raw.split("\r\n")) <= 75     # folded lines
    first = events(ics)[0]
    assert str(first["SUMMARY"]) == TRICKY
    assert str(first["DESCRIPTION"]).startswith(TRICKY)
    assert "GEHEIM-NOTITIE" not in raw                                            # notes are internal


def test_ics_events_are_all_day_with_stable_unique_uids(example_ds):
    ds = with_moment(example_ds)
    first = calendar_ics(ds, "en", TODAY)
    assert first == calendar_ics(ds, "en", TODAY)                                 # same data, same bytes
    found = events(first)
    uids = [str(e["UID"]) for e in found]
    # 2025 too: its last day, 1 January 2026, falls in the file's first year
    assert len(uids) == len(set(uids)) == 4
    assert uids[1] == "moment-lastig-2026@www.samenopen.example.org"
    start, end = found[1]["DTSTART"].dt, found[1]["DTEND"].dt
    assert type(start) is dt.date and type(end) is dt.date                        # all-day, no time
    assert (start, end) == (dt.date(2026, 12, 31), dt.date(2027, 1, 2))           # DTEND is exclusive
    cal = Calendar.from_ical(first)
    assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal
    assert all("DTSTAMP" in e for e in found)


def test_unconfirmed_dates_are_tentative(example_ds):
    found = {(str(e["SUMMARY"]), e["DTSTART"].dt.year): e for e in events(calendar_ics(example_ds, "nl", TODAY))}
    assert str(found[("Pride Amsterdam", 2027)]["STATUS"]) == "TENTATIVE"
    assert str(found[("Pride Amsterdam", 2026)]["STATUS"]) == "CONFIRMED"
    assert found[("Divali", 2027)]["DTSTART"].dt == dt.date(2027, 10, 29)


def check_atom(xml: bytes) -> ET.Element:
    root = ET.fromstring(xml)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}").text
    assert root.find(f"{ATOM}author/{ATOM}name").text
    assert any(link.get("rel") == "self" for link in root.findall(f"{ATOM}link"))
    ids = []
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}").text, name
        assert dt.datetime.fromisoformat(entry.find(f"{ATOM}updated").text).tzinfo is not None
        ids.append(entry.find(f"{ATOM}id").text)
    assert len(ids) == len(set(ids))
    return root


def test_moments_feed_is_valid_atom_and_keeps_text_intact(example_ds):
    root = check_atom(moments_feed(with_moment(example_ds), "en", TODAY, "https://example.org/en/"))
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == TRICKY                              # escaped, read back intact
    assert entry.find(f"{ATOM}link").get("href") == "https://example.org/en/calendar/#moment-lastig"
    assert root.find(f"{ATOM}updated").text.startswith("2026-10-01")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_achievements_feed_lists_every_update_newest_first(example_ds):
    root = check_atom(achievements_feed(example_ds, "nl", TODAY, "https://example.org/nl/"))
    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    newest = max(example_ds.updates, key=lambda u: (u.date, u.id))
    assert len(titles) == len(example_ds.updates) and titles[0] == newest.title.nl


# --- the real site --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sites(tmp_path_factory, example_copier):
    project = example_copier(tmp_path_factory.mktemp("calsite") / "project")
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(2026, 11, 30, tzinfo=dt.timezone.utc).timestamp()))
    try:
        public = build_site(project, check_language=False)
        internal = build_site(project, internal=True, check_language=False)
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
    return public, internal


@pytest.mark.parametrize("lang, month, keti, meaning", [
    ("nl", "December 2026", "Keti Koti", "de ketenen zijn gebroken"),
    ("en", "December 2026", "Keti Koti", "the chains are broken"),
])
def test_the_calendar_page_in_both_languages(sites, lang, month, keti, meaning):
    public, _ = sites
    page = (public / lang / "calendar" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in page
    assert page.count('<section class="podium-calendar-month"') == 12             # twelve months
    assert f">{month}</h2>" in page and keti in page and meaning in page
    assert 'id="moment-keti-koti"' in page
    assert "Fonds Cultuur Havenstad" not in page                                   # partner without consent
    assert '<link rel="alternate" type="application/atom+xml" href="../feed-moments.xml"' in page
    assert '<link rel="alternate" type="text/calendar" href="../calendar.ics"' in page
    assert 'class="podium-feeds"' in page                                        # footer links
    cal = Calendar.from_ical((public / lang / "calendar.ics").read_bytes())
    days = {(str(e["UID"]), e["DTSTART"].dt) for e in cal.walk("VEVENT")}
    assert ("moment-keti-koti-2027@www.samenopen.example.org", dt.date(2027, 7, 1)) in days
    for feed in ("achievements", "moments"):
        check_atom((public / lang / f"feed-{feed}.xml").read_bytes())


def test_every_public_page_links_the_feeds(sites):
    public, _ = sites
    home = (public / "en" / "index.html").read_text(encoding="utf-8")
    assert 'href="./feed-achievements.xml"' in home and 'href="./calendar.ics"' in home


def test_planning_stays_internal(sites):
    public, internal = sites
    for lang in ("nl", "en"):
        assert not (public / lang / "internal").exists()
        assert (internal / lang / "internal" / "planning.ics").is_file()
        assert (internal / lang / "internal" / "calendar" / "index.html").is_file()
        assert (internal / lang / "internal" / "channel-texts" / "index.html").is_file()
    words = ["Begin met voorbereiden", "Start preparing", "Sprekers vragen in maart", "lead_days",
             "Nieuwsbrief voor partners", "Partner newsletter", "Platte tekst", "Plain text"]
    for path in public.rglob("*"):
        if path.suffix in (".html", ".ics", ".xml", ".json"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [w for w in words if w in text], path


def test_internal_planning_shows_who_does_what_when(sites):
    _, internal = sites
    page = (internal / "nl" / "internal" / "calendar" / "index.html").read_text(encoding="utf-8")
    # Keti Koti 2027 with 90 days' lead time: the City Museum starts on 2 April 2027
    assert '<time datetime="2027-04-02">2 april 2027</time>' in page
    assert "diversiteit@stadsmuseum.example.org" in page and "Sprekers vragen in maart" in page
    assert "Per kanaal" in page and "Per doelgroep" in page
    reminders = Calendar.from_ical((internal / "en" / "internal" / "planning.ics").read_bytes())
    due = {str(e["UID"]): e["DTSTART"].dt for e in reminders.walk("VEVENT")}
    assert due["prepare-keti-koti-stadsmuseum-2027@www.samenopen.example.org"] == dt.date(2027, 4, 2)


def test_channel_texts_are_ready_to_paste(sites):
    _, internal = sites
    page = (internal / "en" / "internal" / "channel-texts" / "index.html").read_text(encoding="utf-8")
    assert "Keti Koti&#10;1 July 2027" in page                                      # plain text, line breaks kept
    assert "&lt;h2&gt;Keti Koti&lt;/h2&gt;" in page                                 # HTML shown as source
    assert "Read more: https://samenopen.example.org/en/calendar/#moment-keti-koti" in page
    assert "The language check found nothing." in page
    nl = (internal / "nl" / "internal" / "channel-texts" / "index.html").read_text(encoding="utf-8")
    assert "Lees meer: https://samenopen.example.org/nl/calendar/#moment-keti-koti" in nl


def test_the_page_covers_twelve_months_from_today(example_ds):
    from macros.site.calendar_pages import calendar
    from macros.site.i18n import PageContext
    html = calendar(example_ds, PageContext(example_ds.languages.get("en"), "calendar/", today=TODAY))
    headings = [line for line in html.splitlines() if line.startswith('<h2 id="month-')]
    assert len(headings) == 12 and "November 2026" in headings[0] and "October 2027" in headings[-1]
    assert "No more moments this month." in html                 # Diwali 2026 has passed
    assert html.index('id="moment-divali"') > html.index('id="month-2027-10"')
