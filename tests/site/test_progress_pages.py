"""Progress and partner fragments: content, links, structure, and that nothing internal ever leaks."""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import textwrap
import zipfile
from pathlib import Path

import pytest

from macros.base.languages import read_languages
from macros.model import kpi as kpi_module, partner as partner_module
from macros.model.dataset import FILES, load_dataset
from macros.model import report as model_report
from macros.model.progress import rule_steps
from macros.site import opendata, partner_pages, progress_pages
from macros.site.audience import audience_report
from macros.site.i18n import PageContext, strings
from macros.site.internal import InternalOnly

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = read_languages(ROOT)  # the example site's languages

TODAY = dt.date(2026, 3, 1)
SPECS = tuple(s for s in FILES if s.name in {"organisations.yml", "goals.yml", "roles.yml",
                                             "kpis.yml", "partners.yml", "procurement.yml", "criteria.yml"})

# Every internal field below holds a marker that must never reach a public output.
MARKERS = ["GOAL-NOTE-MARKER", "KPI-NOTE-MARKER", "OBSERVATION-NOTE-MARKER", "LISTING-CONSENT-REF-MARKER",
           "CLAIM-CONSENT-REF-MARKER", "CONVERSATION-NOTE-MARKER", "PROCUREMENT-NOTE-MARKER",
           "UNLISTED-PARTNER-MARKER"]
INTERNAL_DATES = [dt.date(2019, 7, 13), dt.date(2019, 8, 14), dt.date(2031, 9, 15)]
WITHHELD_SHARES = ["17.6%", "17,6%", "10.5%", "10,5%"]     # 3 of 17 and 4 of 38: withheld in public

DATA = {
    "criteria.yml": (ROOT / "data" / "criteria.yml").read_text(encoding="utf-8"),  # the example's criteria
    "organisations.yml": """
        collective:
          id: samen
          name: {nl: Museumcollectief Samen, en: Samen Museum Collective}
          website: https://samen.example.org
          mission: {nl: Musea voor iedereen., en: Museums for everyone.}
        members:
          - id: stad
            name: {nl: Stadsmuseum, en: City Museum}
            website: https://stad.example.org
            mission: {nl: De stad., en: The city.}
          - id: natuur
            name: {nl: Natuurmuseum, en: Nature Museum}
            website: https://natuur.example.org
            mission: {nl: De natuur., en: Nature.}
          - id: vonk
            name: {nl: De Vonk, en: De Vonk}
            website: https://vonk.example.org
            mission: {nl: Wetenschap., en: Science.}
        """,
    "goals.yml": """
        - id: meer-partners
          organisation: samen
          pillar: partners
          building_block: 3
          type: ambition
          title: {nl: Meer diverse partners, en: More diverse partners}
          description: {nl: Dertig procent., en: Thirty percent.}
          deadline: 2030-12-31
          status: in-progress
          owner_role: inkoop
          notes: GOAL-NOTE-MARKER
        """,
    "roles.yml": """
        - id: inkoop
          organisation: samen
          title: {nl: Hoofd inkoop, en: Head of procurement}
          responsibilities:
            - {nl: Inkopen., en: Buying.}
          mailbox: inkoop@samen.example.org
        """,
    "kpis.yml": """
        - id: partners-total
          organisation: samen
          goal: meer-partners
          shared_id: partners
          name: {nl: Aandeel diverse partners, en: Share of diverse partners}
          definition: {nl: Diverse partners van alle partners., en: Diverse partners out of all partners.}
          unit: percent
          direction: increase
          baseline: {value: 19, date: 2024-12-31}
          target: {value: 30, deadline: 2030-12-31}
          method: {nl: We tellen elk jaar., en: We count every year.}
          source: {nl: Partnerlijsten., en: Partner lists.}
          frequency: yearly
          notes: KPI-NOTE-MARKER
        - id: partners-stad
          organisation: stad
          goal: meer-partners
          shared_id: partners
          name: {nl: Aandeel diverse partners, en: Share of diverse partners}
          definition: {nl: Van het Stadsmuseum., en: Of the City Museum.}
          unit: percent
          direction: increase
          baseline: {value: 22.1, date: 2024-12-31}
          target: {value: 30, deadline: 2030-12-31}
          method: {nl: Tellen., en: Counting.}
          source: {nl: Lijst., en: List.}
          frequency: yearly
          observations:
            - {period: 2024, numerator: 31, denominator: 140}
            - {period: 2025, numerator: 35, denominator: 142}
        - id: partners-natuur
          organisation: natuur
          goal: meer-partners
          shared_id: partners
          name: {nl: Aandeel diverse partners, en: Share of diverse partners}
          definition: {nl: Van het Natuurmuseum., en: Of the Nature Museum.}
          unit: percent
          direction: increase
          baseline: {value: 20.8, date: 2025-12-31}
          target: {value: 30, deadline: 2030-12-31}
          method: {nl: Tellen., en: Counting.}
          source: {nl: Lijst., en: List.}
          frequency: yearly
          observations:
            - {period: 2024, numerator: 22, denominator: 118}
            - {period: 2025, numerator: 25, denominator: 120}
        - id: partners-vonk
          organisation: vonk
          goal: meer-partners
          shared_id: partners
          name: {nl: Aandeel diverse partners, en: Share of diverse partners}
          definition: {nl: Van De Vonk., en: Of De Vonk.}
          unit: percent
          direction: increase
          baseline: {value: 15, date: 2025-12-31}
          target: {value: 30, deadline: 2030-12-31}
          method: {nl: Tellen., en: Counting.}
          source: {nl: Lijst., en: List.}
          frequency: yearly
          observations:
            - {period: 2024, numerator: 4, denominator: 38, internal_note: OBSERVATION-NOTE-MARKER}
            - {period: 2025, numerator: 6, denominator: 40}
        - id: quiet-visitors
          organisation: vonk
          goal: meer-partners
          name: {nl: Bezoekers stil uur, en: Quiet hour visitors}
          definition: {nl: Bezoekers per kwartaal., en: Visitors per quarter.}
          unit: count
          direction: increase
          baseline: {value: 30, date: 2024-12-31}
          target: {value: 100, deadline: 2026-12-31}
          method: {nl: Tickets tellen., en: Counting tickets.}
          source: {nl: Kassa., en: Tills.}
          frequency: quarterly
          observations:
            - {period: 2025-09-30, value: 60}
            - {period: 2025-12-31, value: 57, note: {nl: Twee zondagen dicht., en: Closed on two Sundays.}}
        - id: small-share
          organisation: natuur
          goal: meer-partners
          name: {nl: Klein aandeel, en: Small share}
          definition: {nl: Een kleine groep., en: A small group.}
          unit: percent
          direction: increase
          baseline: {value: 10, date: 2023-12-31}
          target: {value: 30, deadline: 2030-12-31}
          method: {nl: Tellen., en: Counting.}
          source: {nl: Lijst., en: List.}
          frequency: yearly
          observations:
            - {period: 2025, numerator: 3, denominator: 17, note: {nl: GEHEIME-NOTITIE, en: SECRET-NOTE}}
        """,
    "partners.yml": """
        - id: atelier
          name: Atelier <b>Noor</b>
          organisations: [stad, natuur]
          type: supplier
          website: https://atelier.example.org
          partner_since: 2021
          offers_or_seeks: {nl: Grafisch ontwerp., en: Graphic design.}
          listed: true
          listing_consent: {date: 2025-02-10, scope: profile, reference: LISTING-CONSENT-REF-MARKER}
          ownership:
            - category: women
              basis: certified
              certifier: WEConnect International
              certified_on: 2025-01-20
              at_least_51_percent: true
              show: true
              consent: {date: 2025-02-10, reference: CLAIM-CONSENT-REF-MARKER}
            - category: lgbtiq
              basis: self-declared
              at_least_51_percent: true
          maturity:
            level: high
            own_policy: true
            knowledge: true
            public_commitment: true
            priority_group: true
            assessed_on: 2019-07-13
          conversations:
            - {date: 2019-08-14, stage: future, note: CONVERSATION-NOTE-MARKER}
          next_check_in: 2031-09-15
        - id: drukker
          name: Drukkerij Naam
          organisations: [vonk]
          type: supplier
          website: https://drukker.example.org
          offers_or_seeks: {nl: NAAM-ALLEEN-NL, en: NAME-ONLY-EN}
          listed: true
          listing_consent: {date: 2024-11-04, scope: name}
        - id: verborgen
          name: UNLISTED-PARTNER-MARKER
          organisations: [natuur]
          type: supplier
          ownership:
            - {category: disabled, basis: self-declared, at_least_51_percent: true}
        """,
    "procurement.yml": """
        contacts:
          - organisation: samen
            contact_role: inkoop
            how_to_apply: {nl: Stuur ons een e-mail., en: Send us an e-mail.}
        targets:
          - {id: klein, organisation: samen, band: up-to-50k, share: 50, deadline: 2027-12-31, goal: meer-partners}
        tenders:
          - {organisation: stad, year: 2024, band: up-to-50k, awarded: 28, to_diverse: 9}
          - {organisation: natuur, year: 2024, band: up-to-50k, awarded: 22, to_diverse: 6}
          - {organisation: vonk, year: 2024, band: up-to-50k, awarded: 11, to_diverse: 3}
        notes: PROCUREMENT-NOTE-MARKER
        """,
}


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    (root / "data").mkdir()
    for name, text in DATA.items():
        (root / "data" / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")  # the site's languages
    return load_dataset(root, SPECS)


def ctx(lang: str, url: str = "", internal: bool = False, today: dt.date = TODAY) -> PageContext:
    return PageContext(LANGUAGES.get(lang), url, internal, today=today)


def public_outputs(ds) -> dict[str, str]:
    """Every public fragment in both languages and every open-data file, by a readable name."""
    out: dict[str, str] = {}
    for lang in ("nl", "en"):
        out[f"overview-{lang}"] = progress_pages.progress_overview(ds, ctx(lang, "progress/"))
        out[f"rollup-{lang}"] = progress_pages.collective_rollup(ds, ctx(lang, "progress/"))
        for k in ds.kpis:
            out[f"kpi-{k.id}-{lang}"] = progress_pages.kpi_page(ds, ctx(lang, f"progress/{k.id}/"), k.id)
        for org in (None, "stad", "natuur", "vonk"):
            out[f"work-{org}-{lang}"] = partner_pages.working_with_us(ds, ctx(lang, "work-with-us/"), org)
    for name, content in opendata.files(ds, TODAY).items():
        if name.endswith(".zip"):
            archive = zipfile.ZipFile(io.BytesIO(content))
            out.update({f"zip/{n}": archive.read(n).decode("utf-8") for n in archive.namelist()})
        else:
            out[name] = content.decode("utf-8")
    return out


def internal_outputs(ds) -> dict[str, str]:
    out = {}
    for lang in ("nl", "en"):
        c = ctx(lang, "internal/", internal=True)
        out[f"maturity-{lang}"] = partner_pages.internal_maturity(ds, c)
        out[f"conversations-{lang}"] = partner_pages.internal_conversations(ds, c)
        out[f"checkins-{lang}"] = partner_pages.internal_checkins(ds, c)
        out[f"figures-{lang}"] = progress_pages.internal_figures(ds, c)
    return out


def date_forms(day: dt.date) -> list[str]:
    return [day.isoformat(), ctx("nl").date(day), ctx("en").date(day)]


# --- never leak -----------------------------------------------------------------------------


def test_the_fixture_puts_a_marker_in_every_internal_field():
    internal_fields = {name for module in (kpi_module, partner_module)
                       for model in vars(module).values()
                       if isinstance(model, type) and hasattr(model, "model_fields")
                       for name, info in model.model_fields.items()
                       if (info.json_schema_extra or {}).get("internal")}
    assert internal_fields == {"notes", "internal_note", "reference", "maturity", "conversations", "next_check_in"}
    text = "".join(DATA.values())
    for field in internal_fields:
        assert f"{field}:" in text or f"{field}: " in text, field


def test_no_internal_value_reaches_any_public_fragment_or_open_data_file(ds):
    outputs = public_outputs(ds)
    forbidden = MARKERS + [form for day in INTERNAL_DATES for form in date_forms(day)] + WITHHELD_SHARES
    forbidden += ["GEHEIME-NOTITIE", "SECRET-NOTE", "NAAM-ALLEEN-NL", "NAME-ONLY-EN", "drukker.example.org",
                  "LGBTIQ+-owned", "lhbtiq+-eigendom", "owned by disabled people", "maturity", "maturiteit"]
    leaks = [(name, word) for name, text in outputs.items() for word in forbidden if word in text]
    assert leaks == []


def test_the_markers_do_show_up_in_the_internal_fragments(ds):
    """Positive control: the markers are real, so their absence from public output means something."""
    text = "".join(internal_outputs(ds).values())
    for marker in ("KPI-NOTE-MARKER", "CONVERSATION-NOTE-MARKER", "Atelier &lt;b&gt;Noor&lt;/b&gt;"):
        assert marker in text
    assert "10,5%" in text and "10.5%" in text
    assert ctx("nl").date(dt.date(2031, 9, 15)) in text and ctx("en").date(dt.date(2019, 7, 13)) in text


def test_internal_fragments_refuse_a_public_context(ds):
    with pytest.raises(InternalOnly):
        partner_pages.internal_maturity(ds, ctx("nl"))
    with pytest.raises(InternalOnly):
        partner_pages.internal_conversations(ds, ctx("en"))
    with pytest.raises(InternalOnly):
        partner_pages.internal_checkins(ds, ctx("en"))
    with pytest.raises(InternalOnly):
        progress_pages.internal_figures(ds, ctx("nl"))


def test_data_text_is_escaped(ds):
    html = partner_pages.working_with_us(ds, ctx("en"))
    assert "Atelier &lt;b&gt;Noor&lt;/b&gt;" in html and "<b>Noor" not in html


# --- fragment structure ---------------------------------------------------------------------


def test_fragments_are_safe_inside_markdown_and_use_h2_and_h3_only(ds):
    for name, html in {**{k: v for k, v in public_outputs(ds).items() if not k.startswith(("zip/",))
                          and not k.endswith((".csv", ".json"))}, **internal_outputs(ds)}.items():
        assert html.startswith("<div"), name
        assert "\n\n" not in html and all(line == line.lstrip() for line in html.splitlines()), name
        assert "<h1" not in html, name
        assert "<script" not in html and "style=" not in html, name
        assert html.count("<table") == html.count("<caption>"), name
        assert "<th>" not in html, name   # every header cell has a scope


# --- progress -------------------------------------------------------------------------------


def test_the_overview_lists_every_kpi_with_status_in_words_and_links(ds):
    html = progress_pages.progress_overview(ds, ctx("en", "progress/"))
    for k in ds.kpis:
        assert f'href="{ctx("en", "progress/").link(f"progress/{k.id}/")}"' in html
    assert 'href="partners-total/"' in html
    assert html.count("<strong>On track</strong>") >= 1
    assert "<strong>Behind schedule</strong>" in html     # quiet-visitors: 57 below the line
    assert "<strong>No recent figures</strong>" in html   # small-share: its only figure is withheld
    assert 'href="../data/podium-open-data.zip"' in html
    for key, values in rule_steps():
        assert ctx("en").t(key, **values) in html


def test_names_shared_by_several_kpis_get_the_organisation_in_the_link_text(ds):
    html = progress_pages.progress_overview(ds, ctx("en", "progress/"))
    assert ">Share of diverse partners (City Museum)</a>" in html
    assert ">Quiet hour visitors</a>" in html
    texts = re.findall(r'<a href="[^"]+">([^<]+)</a>', html)
    assert len(texts) == len(set(texts))


def test_the_kpi_page_has_status_chart_table_method_source_and_downloads(ds):
    html = progress_pages.kpi_page(ds, ctx("nl", "progress/quiet-visitors/"), "quiet-visitors")
    assert "<strong>Achter op schema</strong>" in html
    assert 'role="img"' in html and "<table" in html
    assert "Tickets tellen." in html and "Kassa." in html and "Twee zondagen dicht." in html
    assert 'href="../../data/quiet-visitors.csv"' in html and 'href="../../data/quiet-visitors.json"' in html
    assert 'href="../../data/podium-open-data.zip"' in html and 'href="../"' in html


def test_an_unknown_kpi_id_is_named_in_the_error(ds):
    with pytest.raises(KeyError, match="no-such-kpi"):
        progress_pages.kpi_page(ds, ctx("en"), "no-such-kpi")


def test_disclosure_is_computed_once_per_data_set_and_build_kind(ds, monkeypatch):
    calls = []
    real = model_report.disclose
    monkeypatch.setattr(model_report, "disclose", lambda *a, **k: calls.append(k) or real(*a, **k))
    audience_report.cache_clear()    # earlier tests built reports of this data set already
    for k in ds.kpis:
        progress_pages.kpi_page(ds, ctx("en", f"progress/{k.id}/"), k.id)
    progress_pages.progress_overview(ds, ctx("en", "progress/", internal=True))
    opendata.files(ds, TODAY)        # the open data reads the public report, never computes its own
    assert [c["internal"] for c in calls] == [False, True]


def test_a_withheld_figure_is_listed_with_its_reason_on_the_kpi_page(ds):
    html = progress_pages.kpi_page(ds, ctx("en", "progress/small-share/"), "small-share")
    assert "2025: group smaller than 20" in html
    assert "There are no figures to show yet." in html and 'role="img"' not in html   # no chart


def test_the_rollup_shows_the_sum_and_protects_the_small_member(ds):
    html = progress_pages.collective_rollup(ds, ctx("en", "progress/"))
    assert "19.3%" in html                         # (31+22+4) / (140+118+38)
    assert "21.9%" in html                         # (35+25+6) / (142+120+40)
    assert html.count("not published: fewer than 5") == 1
    assert html.count("not published: so that another hidden figure cannot be worked out") == 1
    assert "18.6%" not in html                     # the Nature Museum's 2024 figure, withheld second
    assert "15%" in html and "20.8%" in html       # 2025: everyone may be shown


def test_the_internal_view_of_the_rollup_shows_everything_with_reasons(ds):
    html = progress_pages.collective_rollup(ds, ctx("en", "internal/", internal=True))
    assert "10.5% (not on the public website: fewer than 5)" in html
    assert "18.6% (not on the public website: so that another hidden figure cannot be worked out)" in html


# --- working with us ------------------------------------------------------------------------


def test_working_with_us_explains_the_51_percent_rule_and_the_groups(ds):
    for lang, words in (("nl", ["51 procent", "Vrouwen", "Lhbtiq+-personen", "Mensen met een beperking",
                                "Kleine bedrijven", "migratieachtergrond"]),
                        ("en", ["51 percent", "Women", "LGBTIQ+ people", "Disabled people", "Small businesses"])):
        html = partner_pages.working_with_us(ds, ctx(lang))
        assert all(w in html for w in words), lang


def test_working_with_us_lists_only_consenting_partners_and_consented_categories(ds):
    html = partner_pages.working_with_us(ds, ctx("en"))
    assert "women-owned (certified by WEConnect International)" in html
    assert '<a href="https://atelier.example.org">' in html and "Graphic design." in html
    assert "<h3>Drukkerij Naam</h3>" in html         # listed with scope 'name': name and type only
    assert "UNLISTED-PARTNER-MARKER" not in html
    stad = partner_pages.working_with_us(ds, ctx("en"), "stad")
    assert "Atelier" in stad and "Drukkerij Naam" not in stad


def test_working_with_us_shows_targets_with_disclosure_controlled_figures_and_the_mailbox(ds):
    html = partner_pages.working_with_us(ds, ctx("en"))
    assert "At least 50% of contracts up to 50,000 euros go to diverse suppliers by 31 December 2027" in html
    assert "<td>61</td>" in html and "<td>18</td>" in html and "29.5%" in html
    assert "not published: group smaller than 20" in html          # De Vonk: 11 contracts
    assert "not published: so that another hidden figure cannot be worked out" in html
    assert "6 of 22" not in html
    assert '<a href="mailto:inkoop@samen.example.org">inkoop@samen.example.org</a>' in html
    assert "Send us an e-mail." in html
    # 3 partners, 2 of them diverse: too small a group to publish the count.
    assert "We do not yet publish how many of our partners are diverse: group smaller than 20." in html


# --- internal fragments ---------------------------------------------------------------------


def test_internal_maturity_and_conversations_follow_the_seed(ds):
    c = ctx("en", "internal/", internal=True)
    maturity = partner_pages.internal_maturity(ds, c)
    assert "Low level: 0. High level: 1. Not assessed yet: 2." in maturity
    conversations = partner_pages.internal_conversations(ds, c)
    for step in ("Setting the scene", "Going deeper and making it concrete", "Building a shared future",
                 "Category 1: partners at a low level", "Category 2: partners at a high level"):
        assert step in conversations
    assert "CONVERSATION-NOTE-MARKER" in conversations


def test_internal_checkins_say_overdue_and_coming_up_in_words(ds):
    c = ctx("en", "internal/", internal=True)
    assert "coming up" not in partner_pages.internal_checkins(ds, c)
    for day, words in ((dt.date(2031, 9, 16), "overdue"), (dt.date(2031, 9, 1), "coming up")):
        assert words in partner_pages.internal_checkins(ds, ctx("en", "internal/", internal=True, today=day))


# --- strings --------------------------------------------------------------------------------


def test_every_string_key_the_fragments_name_exists_in_both_languages():
    site = Path(progress_pages.__file__).parent
    mine = [*site.glob("templates/progress_*.html"), *site.glob("templates/partners_*.html"),
            *site.glob("templates/internal_*.html"), site / "templates" / "chart.svg.html",
            site / "charts.py", site / "progress_pages.py", site / "partner_pages.py", site / "opendata.py"]
    used: set[str] = set()
    for path in mine:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_-]+)["']""", path.read_text(encoding="utf-8")))
    static = {k for k in used if not k.endswith("_")}
    static |= {key for key, _ in rule_steps()}
    dynamic = {f"progress_status_{s}" for s in ("achieved", "on-track", "behind", "no-recent-data")}
    dynamic |= {f"progress_why_{r}" for r in ("none", "stale", "reached", "kept", "not_kept", "deadline_passed",
                                               "on_line", "below_line")}
    dynamic |= {f"withheld_{r}" for r in ("small-count", "small-complement", "small-base", "secondary")}
    dynamic |= {f"kpi_unit_{u}" for u in ("percent", "count", "euro", "yes-no")}
    dynamic |= {f"kpi_direction_{d}" for d in ("increase", "decrease", "maintain")}
    dynamic |= {f"kpi_frequency_{f}" for f in ("monthly", "quarterly", "half-yearly", "yearly")}
    dynamic |= {f"partners_type_{t}" for t in ("sponsor", "content_partner", "supplier", "funder", "community_partner")}
    dynamic |= {"partners_band_up_to_50k", "partners_band_above_50k", "internal_level_low", "internal_level_high",
                "internal_category_low", "internal_category_high"}
    dynamic |= {f"internal_stage_{s}" for s in ("setting-the-scene", "deepening", "future")}
    dynamic |= {f"internal_checkin_{s}" for s in ("overdue", "soon", "planned")}
    dynamic |= {f"internal_renewal_{s}" for s in ("expired", "soon")}
    dynamic |= {f"opendata_field_{f}" for f in opendata.CSV_FIELDS}
    dynamic |= {f"opendata_unit_{u}" for u in ("percent", "count", "euro", "yes_no")}
    dynamic |= {f"opendata_reason_{r}" for r in ("small_count", "small_complement", "small_base", "secondary")}
    table = strings()
    missing = sorted((static | dynamic) - set(table))
    assert missing == []
    assert all(set(table[k]) == {"nl", "en"} and table[k]["nl"] and table[k]["en"] for k in static | dynamic)
