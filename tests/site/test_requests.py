"""Published pages make no request that fails: nothing in a built page makes Material's script
fetch a file that the build does not have."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from macros.site.build import build_site

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("requests") / "site")


def alternates(text: str) -> list[str]:
    """The href of every <link rel="alternate">, as Material's script selects them."""
    found = []
    for tag in LINK.findall(text):
        rel = re.search(r'\srel="([^"]*)"', tag)
        href = re.search(r'\shref="([^"]*)"', tag)
        if rel and href and "alternate" in rel.group(1).split():
            found.append(href.group(1))
    return found


def test_no_page_makes_material_fetch_a_sitemap_that_does_not_exist(built):
    """Material's script fetches sitemap.xml next to every <link rel="alternate"> of a page (to
    switch versions); next to a page address there is no sitemap, so each such link would be a
    failed request on every page view."""
    missing = []
    for page in sorted(built.rglob("*.html")):
        url = "https://samenopen.example.org/" + page.relative_to(built).as_posix()
        for href in alternates(page.read_text(encoding="utf-8")):
            wanted = urlsplit(urljoin(urljoin(url, href), "sitemap.xml")).path.lstrip("/")
            if not (built / wanted).is_file():
                missing.append(f"{page.relative_to(built)}: {href} -> /{wanted}")
    assert missing == []


def test_every_page_of_the_sitemap_lists_its_language_alternates(built):
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<url>(.*?)</url>", sitemap, re.DOTALL)
    assert len(entries) >= 30
    for entry in entries:
        languages = re.findall(r'hreflang="([^"]+)"', entry)
        assert sorted(languages) == ["en", "nl", "x-default"], entry
