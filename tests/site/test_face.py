"""What the public sees at a glance: summary counts, figures by unit, slugs per language,
the frame (footer, 404) in the page language, and the brand colour check."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from macros.cli import main
from macros.model.dataset import load_dataset
from macros.base.languages import read_languages
from macros.site.build import build_site
from macros.site.i18n import format_value
from macros.site.i18n import PageContext
from macros.model.report import assessment
from macros.site.audience import report
from macros.site.progress_pages import kpis_in_order
from macros.site.slugs import addresses, default_url
from macros.site.summary import progress_summary, status_counts

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 21)
LANGUAGES = read_languages(ROOT)  # the example site's languages


@pytest.fixture(scope="module")
def ds():
    return load_dataset(ROOT)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("face") / "site")


def test_summary_counts_every_kpi_once_by_its_status(ds):
    ctx = PageContext(LANGUAGES.get("en"), today=TODAY)
    counts = status_counts(ds, ctx)
    figures = report(ds, ctx).figures
    kpis = kpis_in_order(ds, ctx)  # the typed KPIs and the procurement targets
    expected: dict[str, int] = {}
    for kpi in kpis:
        status = assessment(kpi, figures[kpi.id], TODAY).status
        expected[status] = expected.get(status, 0) + 1
    assert {s: n for s, n in counts.items() if n} == expected
    assert sum(counts.values()) == len(kpis) >= 10
    good = counts["achieved"] + counts["on-track"]
    html = progress_summary(ds, ctx)
    assert f"{good} of {len(kpis)} key figures are on track or have already reached their target." in html
    for status, count in counts.items():
        if count:
            words = ctx.t(f"progress_status_{status}")
            assert re.search(rf'>{count}</span> <span class="podium-status podium-status--{status}">'
                             rf'<svg[^>]*aria-hidden="true"[^>]*>.*?</svg><strong>{words}</strong>', html)


def test_summary_in_dutch_uses_the_dutch_sentence(ds):
    html = progress_summary(ds, PageContext(LANGUAGES.get("nl"), today=TODAY))
    assert "kerncijfers liggen op koers of hebben hun doel al bereikt." in html


@pytest.mark.parametrize("lang,unit,value,text", [
    ("en", "count", 26.01, "26"), ("en", "count", 1234.6, "1,235"), ("nl", "count", 1234.6, "1.235"),
    ("en", "percent", 21.84, "21.8%"), ("nl", "percent", 21.84, "21,8%"),
    ("en", "euro", 112000.4, "€112,000"), ("en", "yes-no", 1, "yes"), ("nl", "yes-no", 0, "nee"),
])
def test_values_are_formatted_by_their_unit(lang, unit, value, text):
    assert format_value(PageContext(LANGUAGES.get(lang)), unit, value) == text


def test_one_figure_is_singular_in_the_chart_description(ds):
    from macros.site.charts import chart
    kpi = next(k for k in ds.kpis if len([f for f in report(ds, PageContext(LANGUAGES.get("en"), today=TODAY)).figures[k.id]
                                          if not f.hidden and f.value is not None]) == 1)
    html = chart(kpi, report(ds, PageContext(LANGUAGES.get("en"), today=TODAY)).figures[kpi.id], PageContext(LANGUAGES.get("en")))
    assert "Line chart with 1 figure," in html and "1 figures" not in html


def test_a_page_slug_pairs_the_two_addresses():
    pairs = addresses(ROOT, ["nl", "en"])
    assert pairs["work-with-us.md"] == {"nl": "werken-met-ons/", "en": "work-with-us/"}
    assert default_url("progress/index.md") == "progress/" and default_url("index.md") == ""


def test_slugged_pages_are_paired_in_switch_and_sitemap_hreflang(built):
    """Pages name their language twins in the sitemap, not in the head: see overrides/main.html."""
    nl = (built / "nl" / "werken-met-ons" / "index.html").read_text(encoding="utf-8")
    en = (built / "en" / "work-with-us" / "index.html").read_text(encoding="utf-8")
    assert not (built / "nl" / "work-with-us").exists()
    assert 'href="../../en/work-with-us/" hreflang="en"' in nl
    assert 'href="../../nl/werken-met-ons/" hreflang="nl"' in en
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert ('<loc>https://samenopen.example.org/nl/werken-met-ons/</loc>\n'
            '<xhtml:link rel="alternate" hreflang="nl" href="https://samenopen.example.org/nl/werken-met-ons/"/>\n'
            '<xhtml:link rel="alternate" hreflang="en" href="https://samenopen.example.org/en/work-with-us/"/>') in sitemap
    home = (built / "nl" / "index.html").read_text(encoding="utf-8")
    assert 'href="werken-met-ons/"' in home


@pytest.mark.parametrize("lang,words,privacy,updated", [
    ("nl", "Pagina niet gevonden", "privacy/", "bijgewerkt op"),
    ("en", "Page not found", "privacy/", "updated on"),
])
def test_footer_and_404_speak_the_page_language(built, lang, words, privacy, updated):
    missing = (built / lang / "404.html").read_text(encoding="utf-8")
    assert f"<h1>{words}</h1>" in missing and f'href="/{lang}/"' in missing
    home = (built / lang / "index.html").read_text(encoding="utf-8")
    footer = home[home.index('<footer class="md-footer podium-footer">'):]
    assert 'href="mailto:diversiteit@samenopen.example.org"' in footer
    assert f'href="{privacy}"' in footer and 'href="accessibility/"' in footer and updated in footer
    assert "md-banner" not in home     # no empty strip above the header


def test_root_pages_have_their_style_unescaped(built):
    for name in ("index.html", "404.html"):
        page = (built / name).read_text(encoding="utf-8")
        style = page[page.index("<style>"):page.index("</style>")]
        assert "font-family:system-ui" in style and "&#34;" not in style and "&quot;" not in style


def test_macro_headings_are_in_the_table_of_contents(built):
    page = (built / "en" / "progress" / "index.html").read_text(encoding="utf-8")
    toc = page[page.index('data-md-component="toc"'):]
    assert 'href="#at-a-glance"' in toc and "At a glance" in toc


def test_a_brand_colour_that_is_hard_to_read_stops_the_build(example_copy, capsys):
    brand = example_copy / "data" / "brand.yml"
    brand.write_text(brand.read_text(encoding="utf-8").replace('dark: "#9dc1ff"', 'dark: "#1b4a86"'),
                     encoding="utf-8")
    line = next(i for i, text in enumerate(brand.read_text(encoding="utf-8").splitlines(), 1) if "dark:" in text)
    assert main(["--project", str(example_copy), "build"]) == 2
    err = capsys.readouterr().err
    assert f"data/brand.yml:{line}:9: the dark colour #1b4a86 is hard to read on the dark page" in err
    assert "at least 4.5 to 1" in err and "Traceback" not in err


def test_chart_text_stays_at_12_px_or_more_in_every_drawing():
    from macros.site.charts import LAYOUTS
    # Each drawing is shown between `smallest` px and its own width (CSS max-width: 100%,
    # container query at 600 px): the smallest text it can get is font × smallest / width.
    assert all(layout.font * layout.smallest / layout.width >= 12 for layout in LAYOUTS)
    assert min(layout.smallest for layout in LAYOUTS) <= 320 - 2 * 16 - 15   # a 320 px phone with a scroll bar


TAG = re.compile(r'<span class="podium-status podium-status--([a-z-]+)"><svg class="podium-status__icon" '
                 r'aria-hidden="true"[^>]*>.*?</svg><strong>([^<]+)</strong></span>')


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_status_is_a_tag_with_icon_and_words_on_strategy_member_goal_and_kpi_pages(built, ds, lang):
    ctx = PageContext(LANGUAGES.get(lang))
    pages = {"strategy": built / lang / "strategy" / "index.html",
             "member": next((built / lang / "members").glob("*/index.html")),
             "kpi": built / lang / "progress" / "diverse-partners" / "index.html"}
    for kind, path in pages.items():
        assert TAG.search(path.read_text(encoding="utf-8")), f"{kind}: {path} shows no status tag"
    for goal in ds.goals:
        page = (built / lang / "goals" / goal.id / "index.html").read_text(encoding="utf-8")
        status = page[page.index(f"<dt>{ctx.t('status')}</dt>"):]
        found = TAG.match(status[status.index("<dd>") + 4:])
        assert found and found.groups() == (goal.status, ctx.t(f"status_{goal.status}")), goal.id
        figures = page[page.index('id="figures"'):]
        assert f"{ctx.t('kpi_status_heading')}:" not in figures   # no longer a plain word
        for item in re.findall(r"<li>\s*<h3>.*?</li>", figures, re.DOTALL):
            assert TAG.search(item), f"{goal.id}: a figure without its status tag"


def test_shared_links_show_a_png_of_the_announced_size_in_the_brand_colour(built):
    from PIL import Image
    from macros.model.brand import load_brand
    colour = load_brand(ROOT).colour["light"]
    for lang in ("nl", "en"):
        page = (built / lang / "werken-met-ons" if lang == "nl" else built / lang / "work-with-us") / "index.html"
        meta = dict(re.findall(r'<meta property="(og:image[^"]*)" content="([^"]*)"', page.read_text(encoding="utf-8")))
        assert meta["og:image"] == f"https://samenopen.example.org/{lang}/assets/share.png"
        assert meta["og:image:type"] == "image/png" and meta["og:image:alt"]
        with Image.open(built / lang / "assets" / "share.png") as picture:
            assert picture.format == "PNG"
            assert picture.size == (int(meta["og:image:width"]), int(meta["og:image:height"])) == (1200, 630)
            assert "#%02x%02x%02x" % picture.convert("RGB").getpixel((5, 5)) == colour.lower()
    assert not list(built.rglob("share.svg"))
