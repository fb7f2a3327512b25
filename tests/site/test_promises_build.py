"""The real example site, built: procurement progress with status, chart and downloads; the register and
criteria on the pages; internal-only pages only in the internal build."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from pathlib import Path

import pytest

from macros.site.build import build_site

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.datetime(2026, 11, 30, 12, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The public and the internal build of the example, on a fixed day."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(TODAY.timestamp()))
    try:
        out = tmp_path_factory.mktemp("promises")
        yield build_site(ROOT, out / "site"), build_site(ROOT, out / "site-internal", internal=True)
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def text(path: Path) -> str:
    """The page's words, without tags."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_the_procurement_target_shows_behind_with_chart_table_and_downloads(sites):
    public, _ = sites
    page = public / "en" / "progress" / "diverse-contracts-up-to-50k" / "index.html"
    html = page.read_text(encoding="utf-8")
    words = text(page)
    assert "Behind schedule" in words and "falls short of the 45%" in words
    assert "<svg" in html and "40.8%" in words and "29.5%" in words
    assert "Half of all contracts up to 50,000 euros go to diverse suppliers" in words    # its goal
    assert "Achter op schema" in text(public / "nl" / "progress" / "diverse-contracts-up-to-50k" / "index.html")
    for suffix in ("csv", "json"):
        assert f'href="../../data/diverse-contracts-up-to-50k.{suffix}"' in html
    rows = list(csv.DictReader(io.StringIO(
        (public / "en" / "data" / "diverse-contracts-up-to-50k.csv").read_text(encoding="utf-8"))))
    assert [(r["period"], r["numerator"], r["denominator"]) for r in rows] == [("2024", "18", "61"),
                                                                                ("2025", "31", "76")]
    record = json.loads((public / "nl" / "data" / "diverse-contracts-up-to-50k.json").read_text(encoding="utf-8"))
    assert record["status"]["status"] == "behind" and record["target"] == {"value": 50, "deadline": "2027-12-31"}
    overview = text(public / "en" / "progress" / "index.html")
    assert "Share of contracts up to 50,000 euros to diverse suppliers" in overview


def test_working_with_us_shows_the_criteria_every_target_and_the_open_contracts(sites):
    public, _ = sites
    en = text(public / "en" / "work-with-us" / "index.html")
    assert "at least 51 percent owned or led by people from a group with too few chances" in en
    assert "Workforce : Does not count yet." in en
    assert "counts for two years" in en
    assert "Status: Behind schedule." in en
    assert "Havenstad City Museum: At least 20% of contracts above 50,000 euros" in en
    assert "Design of our annual report for 2026" in en and "31 January 2027" in en
    assert "Cleaning of the museum" not in en                      # its deadline has passed
    nl = text(public / "nl" / "werken-met-ons" / "index.html")
    assert "Telt nog niet mee." in nl and "Vormgeving van ons jaarverslag over 2026" in nl
    # Stichting Open Oever's certificate ended on 1 June 2026: its category is no longer shown.
    assert "LGBTIQ+-owned" not in en and "Stichting Open Oever" in en


def test_open_contracts_have_a_feed_that_links_to_the_page_in_each_language(sites):
    """From the day a contract is published until its deadline, with the address of the page in that language."""
    import xml.etree.ElementTree as ET

    public, _ = sites
    atom = "{http://www.w3.org/2005/Atom}"
    for lang, page in (("en", "en/work-with-us/"), ("nl", "nl/werken-met-ons/")):
        feed = ET.fromstring((public / lang / "feed-opportunities.xml").read_bytes())
        entries = {entry.findtext(f"{atom}id"): entry for entry in feed.iter(f"{atom}entry")}
        assert len(entries) == 2                                    # the awarded contract has left the feed
        assert all(key.endswith(("opportunity/vormgeving-jaarverslag-2026", "opportunity/catering-opening-zaal"))
                   for key in entries)
        links = {link.get("href") for entry in entries.values() for link in entry.iter(f"{atom}link")}
        assert links == {f"https://samenopen.example.org/{page}#opportunities"}
        home = (public / lang / "index.html").read_text(encoding="utf-8")
        assert 'type="application/atom+xml" href="./feed-opportunities.xml"' in home


def test_member_pages_show_their_target_open_contracts_and_how_to_apply(sites):
    public, _ = sites
    page = text(public / "en" / "members" / "stadsmuseum" / "index.html")
    assert "At least 20% of contracts above 50,000 euros go to diverse suppliers by 31 December 2028" in page
    assert "There is no figure yet that we may publish." in page       # 6 and 7 contracts: too few
    assert "Food and drinks for the opening of the new gallery" in page
    assert "Would you like to work with the City Museum?" in page
    assert "Would you like to work with De Vonk?" in text(public / "en" / "members" / "de-vonk" / "index.html")


def test_the_typed_share_of_diverse_partners_explains_its_difference_with_the_register(sites):
    public, _ = sites
    page = text(public / "en" / "progress" / "diverse-partners" / "index.html")
    assert "From our partner register" in page and "does not yet hold all our partners" in page
    assert "nog niet al onze partners" in text(public / "nl" / "progress" / "diverse-partners" / "index.html")


def test_internal_only_pages_are_absent_from_the_public_build(sites):
    public, internal = sites
    renewals = text(internal / "en" / "internal" / "renewals" / "index.html")
    assert "Stichting Open Oever" in renewals and "ended: no longer counts" in renewals
    assert "Atelier Noor" in renewals and "ends soon" in renewals     # valid until 20 January 2027
    for lang in ("nl", "en"):
        assert not (public / lang / "internal").exists()
    assert "renewals" not in (public / "sitemap.xml").read_text(encoding="utf-8")


def test_each_promise_on_the_home_page_leads_to_its_goal_and_figures(sites):
    public, _ = sites
    for lang, status in (("en", "Behind schedule"), ("nl", "Achter op schema")):
        home = (public / lang / "index.html").read_text(encoding="utf-8")
        assert 'href="goals/aanbestedingen-50-procent/"' in home
        assert 'href="goals/diverse-partners-2030/"' in home
        goal = public / lang / "goals" / "aanbestedingen-50-procent" / "index.html"
        html = goal.read_text(encoding="utf-8")
        assert 'href="../../progress/diverse-contracts-up-to-50k/"' in html
        assert status in text(goal)
    goal = text(public / "en" / "goals" / "aanbestedingen-50-procent" / "index.html")
    assert "For every small contract, we ask at least one diverse supplier for a quote." in goal    # description
    assert "By the end of 2027, at least half of our contracts" in goal                            # the promise
    strategy = (public / "en" / "strategy" / "index.html").read_text(encoding="utf-8")
    assert 'href="../goals/training-leiders/"' in strategy


def test_sdg_targets_are_shown_on_the_goal_and_in_the_open_data(sites):
    public, _ = sites
    assert "SDG 12.7: Sustainable buying by public organisations" in \
        text(public / "en" / "goals" / "aanbestedingen-50-procent" / "index.html")
    assert "SDG 12.7: Duurzaam inkopen door publieke organisaties" in \
        text(public / "nl" / "goals" / "aanbestedingen-50-procent" / "index.html")
    record = json.loads((public / "en" / "data" / "diverse-contracts-up-to-50k.json").read_text(encoding="utf-8"))
    assert [t["target"] for t in record["sdg_targets"]] == ["10.2", "12.7"]
    assert record["sdg_targets"][1]["title"]["en"] == "Sustainable buying by public organisations"


def test_the_ownership_page_says_when_progress_was_last_reviewed_and_when_next(sites):
    public, _ = sites
    en = text(public / "en" / "ownership" / "index.html")
    assert "Last reviewed on 17 September 2026 Next review 10 December 2026" in en
    assert "all our partners will be in the partner register" in en
    nl = text(public / "nl" / "ownership" / "index.html")
    assert "Laatst besproken op 17 september 2026 Volgende keer 10 december 2026" in nl
    assert "Drukwerk en catering blijven achter" not in nl            # the meeting's notes stay internal


def test_each_review_gets_its_agenda_from_the_data_in_the_internal_build_only(sites):
    public, internal = sites
    agenda = (internal / "en" / "internal" / "agenda" / "index.html").read_text(encoding="utf-8")
    quarterly = text_of(agenda.split('id="agenda-kwartaaloverleg"')[1].split('id="agenda-')[0])
    assert "Next meeting: 10 December 2026" in quarterly
    assert "Share of contracts up to 50,000 euros to diverse suppliers (Samen Open Museum Collective): " \
           "Behind schedule." in quarterly
    assert "Gallery texts still to be rewritten (Lindewaard Natural History Museum): No recent figures." in quarterly
    assert "A quiet hour every week at De Vonk: due 30 June 2026, now in progress" in quarterly
    assert "Stichting Open Oever (LGBTIQ+ people): valid until 1 June 2026" in quarterly
    assert "Drukkerij De Zwaluw: planned for 1 October 2026" in quarterly
    assert "Planned for 15 May 2027." in quarterly
    staff = text_of(agenda.split('id="agenda-halfjaar-personeel"')[1].split('id="agenda-')[0])
    assert "Stichting Open Oever" not in staff and "quiet hour" not in staff     # staff pillar only
    assert "All team leaders take part in training on inclusive leadership" in staff
    assert not (public / "en" / "internal" / "agenda").exists()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_partner_view_shows_exactly_the_public_entry_and_the_consent_behind_it(sites):
    public, internal = sites
    view = (internal / "en" / "internal" / "partners" / "atelier-noor" / "index.html").read_text(encoding="utf-8")
    directory = (public / "en" / "work-with-us" / "index.html").read_text(encoding="utf-8")
    # The heading's id may differ (each page numbers its own headings); the entry below it may not.
    entry = re.search(r"<h3[^>]*>Atelier Noor</h3>(.*?</dl>)", directory, re.S).group(1)
    assert entry in view                                              # the very same markup
    words = text_of(view)
    assert "Consent given on 10 February 2025." in words
    assert "People with a migration background owned by people with a migration background (self-declared). " \
           "No consent recorded. We do not show this next to your name. It only counts in totals." in words
    assert "The certificate counts until 20 January 2027." in words
    for internal_only in ("Map partners 2025", "meedenken", "15 January 2027", "High level"):
        assert internal_only not in words                             # none of our own assessment
    ended = text_of((internal / "nl" / "internal" / "partners" / "stichting-open-oever" / "index.html")
                    .read_text(encoding="utf-8"))
    assert "Je keurmerk is verlopen. Daarom noemen we dit nu niet." in ended
    unlisted = text_of((internal / "en" / "internal" / "partners" / "van-dam-techniek" / "index.html")
                       .read_text(encoding="utf-8"))
    assert "Your organisation is not on our website." in unlisted
    assert not (public / "en" / "internal" / "partners").exists()
