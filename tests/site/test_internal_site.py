"""The internal build is never announced: every page says noindex, and nothing lists it at the public address."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.site.build import build_site
from macros.site.config import read_base, root_url


@pytest.fixture(scope="module")
def internal(tmp_path_factory) -> Path:
    root = Path(__file__).resolve().parents[2]
    return build_site(root, tmp_path_factory.mktemp("internal") / "site-internal", internal=True,
                      check_language=False)


def test_every_page_of_the_internal_build_says_noindex(internal):
    pages = sorted(internal.rglob("*.html"))
    assert {"index.html", "404.html", "nl/index.html", "en/404.html"} <= {p.relative_to(internal).as_posix()
                                                                          for p in pages}
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        assert re.search(r'<meta name="robots" content="noindex, nofollow">', head), page


def test_no_sitemap_and_no_internal_page_at_the_public_address(internal):
    """Texts to paste into a newsletter may link to public pages; no file may place an internal one there."""
    assert [p.name for p in internal.rglob("sitemap*")] == []
    assert (internal / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"
    public = root_url(read_base(Path(__file__).resolve().parents[2]))
    assert public.startswith("https://")
    assert list(internal.glob("*/internal/*"))
    page_address = re.compile(re.escape(public) + r"(?:nl|en)/internal/")
    for path in internal.rglob("*"):
        if path.is_file() and path.suffix != ".gz":
            assert not page_address.search(path.read_text(encoding="utf-8", errors="replace")), path
