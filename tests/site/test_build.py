"""The real example site: both languages, right `lang`, working language switch, nothing from elsewhere."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from macros.cli import main
from macros.site.build import build_site
from macros.site.slugs import addresses


class Page(HTMLParser):
    """Collects what the tests look at: html lang, links, resources, language-switch targets."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.anchors: list[dict] = []
        self.resources: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "a" and a.get("href"):
            self.anchors.append(a)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link" and a.get("rel") in ("stylesheet", "preload", "icon", "manifest", "preconnect",
                                              "dns-prefetch", "modulepreload") and a.get("href"):
            self.resources.append(a["href"])


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = Path(__file__).resolve().parents[2]
    return build_site(root, tmp_path_factory.mktemp("built") / "site")


def pages(site: Path, lang: str) -> dict[str, Path]:
    base = site / lang
    return {p.relative_to(base).as_posix(): p for p in base.rglob("*.html")}


def twin(name: str, lang: str, other: str) -> str:
    """The file of the same page in `other` (a page may have its own slug per language)."""
    pairs = addresses(Path(__file__).resolve().parents[2], ["nl", "en"])
    for urls in pairs.values():
        if name == urls[lang] + "index.html":
            return urls[other] + "index.html"
    return name


def test_every_page_exists_in_both_languages(built):
    nl, en = pages(built, "nl"), pages(built, "en")
    assert len(nl) >= 15
    assert {twin(name, "nl", "en") for name in nl} == set(en)
    for name in ("index.html", "strategy/index.html", "ownership/index.html", "links/index.html",
                 "achievements/index.html", "members/index.html", "groups/lgbtiq/index.html"):
        assert name in nl


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_page_declares_its_language(built, lang):
    for name, path in pages(built, lang).items():
        assert Page(path.read_text(encoding="utf-8")).lang == lang, name


@pytest.mark.parametrize("lang,other", [("nl", "en"), ("en", "nl")])
def test_language_switch_leads_to_the_same_page(built, lang, other):
    for name, path in pages(built, lang).items():
        if name == "404.html":
            continue
        page = Page(path.read_text(encoding="utf-8"))
        switch = [a for a in page.anchors if "podium-language__link" in a.get("class", "")]
        assert len(switch) == 1, name
        assert switch[0]["hreflang"] == other and switch[0]["lang"] == other
        here = "/" + lang + "/" + name
        target = urlsplit(urljoin(here, switch[0]["href"])).path
        there = twin(name, lang, other).removesuffix("index.html")
        assert target == "/" + other + "/" + there, name


def test_alternates_and_sitemap_use_absolute_addresses(built):
    # The sitemap, not the page head, carries the alternates: Material's script would fetch a
    # sitemap next to every <link rel="alternate"> of a page (test_requests.py).
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://samenopen.example.org/en/strategy/</loc>" in sitemap
    assert 'hreflang="nl" href="https://samenopen.example.org/nl/strategy/"' in sitemap
    assert 'hreflang="x-default" href="https://samenopen.example.org/"' in sitemap


def test_root_lets_the_reader_choose(built):
    page = Page((built / "index.html").read_text(encoding="utf-8"))
    targets = {a["href"]: a.get("hreflang") for a in page.anchors}
    assert targets == {"nl/": "nl", "en/": "en"}


def test_search_index_per_language(built):
    # The pages' text; search/search_index.json keeps only the settings (see macros/site/search_index.py).
    nl = (built / "nl" / "search" / "search_index.full.json").read_text(encoding="utf-8")
    en = (built / "en" / "search" / "search_index.full.json").read_text(encoding="utf-8")
    assert '"lang":["nl"]' in nl.replace(" ", "") and '"lang":["en"]' in en.replace(" ", "")
    assert "Wat we beloven" in nl and "Wat we beloven" not in en
    assert "What we commit to" in en and "What we commit to" not in nl


URL = re.compile(r"""(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}""", re.IGNORECASE)


def test_no_request_to_another_site(built):
    """Nothing a page loads (scripts, styles, fonts, images) comes from another site."""
    for path in built.rglob("*.html"):
        for resource in Page(path.read_text(encoding="utf-8")).resources:
            assert not URL.match(resource), f"{path}: {resource}"
    for path in built.rglob("*.css"):
        for found in re.findall(r"url\(\s*['\"]?([^'\")]+)", path.read_text(encoding="utf-8")):
            assert not URL.match(found), f"{path}: {found}"
        assert "@import" not in path.read_text(encoding="utf-8") or "//" not in path.read_text(encoding="utf-8")
    for path in built.rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path


def test_generated_pages_show_the_data(built):
    member = next((built / "nl" / "members").glob("*/index.html"))
    html = member.read_text(encoding="utf-8")
    assert "podium-member" in html and "<h1" in html


def test_broken_internal_link_fails_the_strict_build(example_copy, capsys):
    page = example_copy / "content" / "en" / "links.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the plan](no-such-page.md).\n", encoding="utf-8")
    assert main(["--project", str(example_copy), "build"]) == 1
    err = capsys.readouterr().err
    assert "no-such-page.md" in err
    assert not (example_copy / "site").exists()


def test_failed_build_leaves_the_previous_site_unchanged(example_copy, capsys):
    assert main(["--project", str(example_copy), "build"]) == 0
    site = example_copy / "site"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    goals = example_copy / "data" / "goals.yml"
    goals.write_text(goals.read_text(encoding="utf-8").replace("deadline:", "dedline:", 1), encoding="utf-8")
    assert main(["--project", str(example_copy), "build"]) == 2
    assert "did you mean 'deadline'?" in capsys.readouterr().err
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not list(example_copy.glob(".site-build-*"))


def test_missing_translation_of_a_page_is_an_error(example_copy, capsys):
    (example_copy / "content" / "en" / "links.md").unlink()
    assert main(["--project", str(example_copy), "build"]) == 2
    assert "content/nl/links.md:1:1: this page has no English version — add content/en/links.md" \
        in capsys.readouterr().err


def test_curly_braces_in_prose_do_not_break_the_build(example_copy):
    page = example_copy / "content" / "nl" / "links.md"
    page.write_text(page.read_text(encoding="utf-8") +
                    "\nSchrijf {{ naam }} of {% if %} of {#anker} gewoon op.\n", encoding="utf-8")
    site = build_site(example_copy)
    html = (site / "nl" / "links" / "index.html").read_text(encoding="utf-8")
    assert "{{ naam }} of {% if %} of {#anker}" in html
