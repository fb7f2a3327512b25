"""The inline SVG chart: accessible name and description, and a table with exactly the charted figures."""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.base.languages import read_languages
from macros.model.kpi import KPI
from macros.model.privacy import disclose
from macros.site.charts import build_chart, chart, chart_ids, y_scale
from macros.site.i18n import format_value
from macros.site.i18n import PageContext

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = read_languages(ROOT)  # the example site's languages

D = dt.date


def make_kpi(observations, **changes) -> KPI:
    data = {
        "id": "diverse-share", "organisation": "samen", "goal": "g",
        "name": {"nl": "Aandeel diverse partners", "en": "Share of diverse partners"},
        "definition": {"nl": "d", "en": "d"}, "unit": "percent", "direction": "increase",
        "baseline": {"value": 12, "date": D(2022, 12, 31)}, "target": {"value": 30, "deadline": D(2030, 12, 31)},
        "method": {"nl": "m", "en": "m"}, "source": {"nl": "s", "en": "s"}, "frequency": "yearly",
        "observations": observations}
    data.update(changes)
    return KPI.model_validate(data)


OBS = [{"period": 2023, "numerator": 9, "denominator": 62},
       {"period": 2024, "numerator": 3, "denominator": 16},        # withheld: group smaller than 20
       {"period": 2025, "numerator": 15, "denominator": 68, "provisional": True}]


def render(kpi: KPI, lang: str = "en", internal: bool = False) -> str:
    figures = disclose([kpi], "samen", internal=internal)[kpi.id]
    return chart(kpi, figures, PageContext(LANGUAGES.get(lang), "progress/diverse-share/", internal))


class Parsed(HTMLParser):
    """Collects the chart's texts, its title and description, and the table's cells."""

    def __init__(self, html: str):
        super().__init__()
        self.stack: list[str] = []
        self.svg_texts: list[str] = []
        self.rows: list[list[str]] = []
        self.caption = self.title = self.desc = ""
        self.attrs_of: dict[str, dict] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.attrs_of.setdefault(tag, dict(attrs))
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th") and self.rows:
            self.rows[-1].append("")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        if not self.stack:
            return
        tag = self.stack[-1]
        if tag == "text":
            self.svg_texts.append(data.strip())
        elif tag in ("title", "desc", "caption"):
            setattr(self, tag, getattr(self, tag) + data)
        elif ("td" in self.stack or "th" in self.stack) and self.rows and self.rows[-1]:
            self.rows[-1][-1] += data


def value_column(parsed: Parsed) -> list[str]:
    """The figure column of the body rows (header row excluded)."""
    return [row[1].strip() for row in parsed.rows[1:]]


def test_the_svg_has_role_img_and_is_labelled_by_its_title_and_description():
    html = render(make_kpi(OBS))
    parsed = Parsed(html)
    svg = parsed.attrs_of["svg"]
    ids = chart_ids("diverse-share")
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == f"{ids['title']} {ids['desc']}"
    assert f'<title id="{ids["title"]}">' in html and f'<desc id="{ids["desc"]}">' in html
    assert parsed.title == "Share of diverse partners: the figures over time"
    assert "2 figures, from 2023 to 2025" in parsed.desc
    assert "newest figure is 22.1% (2025)" in parsed.desc
    assert "target is 30% by 31 December 2030" in parsed.desc
    assert "not shown to protect privacy: 1" in parsed.desc


def test_ids_are_deterministic_and_derived_from_the_kpi_id():
    first, second = render(make_kpi(OBS)), render(make_kpi(OBS))
    assert first == second
    other = render(make_kpi(OBS, id="another-kpi"))
    ids = set(re.findall(r'id="([^"]+)"', first))
    assert ids and all(i.startswith("kpi-diverse-share-") for i in ids)
    assert not ids & set(re.findall(r'id="([^"]+)"', other))


def test_figure_with_caption_is_immediately_followed_by_the_table():
    html = render(make_kpi(OBS))
    assert html.startswith('<figure class="podium-chart"')
    assert "</figcaption>\n</figure>\n<table " in html
    parsed = Parsed(html)
    assert parsed.caption == "Share of diverse partners: the figures in the chart"
    assert 'scope="col"' in html and 'scope="row"' in html


def test_the_table_holds_exactly_the_charted_figures_and_the_target():
    html = render(make_kpi(OBS))
    parsed = Parsed(html)
    point_labels = [t.rstrip("*") for t in parsed.svg_texts if t.endswith("%") or t.endswith("%*")]
    # y-axis ticks are also texts ending in %, so take the point labels from the chart model instead.
    built = build_chart(make_kpi(OBS), disclose([make_kpi(OBS)], "samen")["diverse-share"], PageContext(LANGUAGES.get("en")))
    charted = [m.label for m in built.marks]
    assert charted == ["14.5%", "22.1%"]
    assert set(charted) <= set(point_labels)
    assert value_column(parsed) == charted + ["30%"]
    assert "Target: 30%" in parsed.svg_texts
    # The withheld 2024 figure is neither charted nor in the table.
    assert "18.8%" not in html and "2024" not in html


def test_a_withheld_figure_breaks_the_line():
    built = build_chart(make_kpi(OBS), disclose([make_kpi(OBS)], "samen")["diverse-share"], PageContext(LANGUAGES.get("en")))
    assert len(built.segments) == 2 and all(len(s.split()) == 1 for s in built.segments)


def test_the_internal_build_charts_every_figure_and_says_what_the_public_does_not_see():
    html = render(make_kpi(OBS), internal=True)
    parsed = Parsed(html)
    assert value_column(parsed) == ["14.5%", "18.8%", "22.1%", "30%"]
    assert "not on the public website: group smaller than 20" in html


def test_nothing_is_told_by_colour_alone_and_colours_follow_the_theme():
    html = render(make_kpi(OBS))
    assert 'stroke-dasharray="8 5"' in html                      # the target line is dashed ...
    assert ">Target: 30%</text>" in html                          # ... and labelled
    assert ">Deadline 31 December 2030</text>" in html
    assert "provisional" in html and "22.1%*" in html            # provisional: asterisk and open circle
    colours = re.findall(r'(?:stroke|fill)="([^"]+)"', html)
    assert colours and all(c == "none" or c.startswith(("var(--md-", "var(--podium-")) for c in colours)
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", html)
    assert "style=" not in html and "<script" not in html and "http" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")


def test_numbers_and_dates_follow_the_page_language():
    nl = render(make_kpi(OBS), lang="nl")
    assert "22,1%" in nl and "31 december 2030" in nl and "Doel: 30%" in nl
    quarterly = make_kpi([{"period": D(2025, 9, 30), "value": 1234}, {"period": D(2025, 12, 31), "value": 1500}],
                         unit="count", frequency="quarterly", target={"value": 2000, "deadline": D(2026, 12, 31)})
    html_nl = render(quarterly, lang="nl")
    assert "1.234" in html_nl and "sep 2025" in html_nl and "30 september 2025" in html_nl
    assert "1,234" in render(quarterly, lang="en")


def test_format_value_per_unit():
    en, nl = PageContext(LANGUAGES.get("en")), PageContext(LANGUAGES.get("nl"))
    assert format_value(en, "percent", 21.899999999) == "21.9%"
    assert format_value(nl, "euro", 112000) == "€\u00a0112.000"
    assert format_value(en, "euro", 112000) == "€112,000"
    assert format_value(en, "yes-no", 1) == "yes" and format_value(nl, "yes-no", 0) == "nee"
    assert format_value(en, "count", 81) == "81"


def test_no_published_figures_means_no_chart():
    assert render(make_kpi([])) == ""
    assert render(make_kpi([{"period": 2024, "numerator": 3, "denominator": 16}])) == ""


@pytest.mark.parametrize("values, unit, expected_top", [([21.8, 30], "percent", 40), ([81, 100], "count", 100),
                                                        ([112000, 150000], "euro", 150000), ([0, 1], "yes-no", 1)])
def test_y_scale_has_round_ticks_that_include_the_target(values, unit, expected_top):
    low, high, ticks = y_scale(values, unit)
    assert low == 0 and high == expected_top and ticks[0] == 0 and ticks[-1] == high
    assert max(values) <= high
