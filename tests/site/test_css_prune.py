"""The build keeps only the theme's CSS that the site can use."""
from __future__ import annotations

from pathlib import Path

import material
import pytest

from macros.site.build import build_site
from macros.site.css_prune import THEME_CSS, prune_css

ROOT = Path(__file__).resolve().parents[2]


def test_selectors_that_need_an_unused_class_are_left_out():
    css = (".used,.unused{color:red}.unused .used{color:blue}.used:not(.unused){margin:0}"
           "a{color:green}@media screen{.unused{top:0}}@media print{.used>p{top:1px}}"
           "@keyframes spin{from{opacity:0}to{opacity:1}}")
    kept = prune_css(css, {"used"})
    assert kept == (".used{color:red}.used:not(.unused){margin:0}a{color:green}"
                    "@media print{.used>p{top:1px}}@keyframes spin{from{opacity:0}to{opacity:1}}")


def test_a_string_with_braces_does_not_end_a_rule():
    assert prune_css('.used:after{content:"}{"}.gone{top:0}', {"used"}) == '.used:after{content:"}{"}'


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("css") / "site")


def test_the_built_theme_css_keeps_what_pages_and_scripts_use(built):
    theirs = next((Path(material.__file__).parent / "templates").glob(THEME_CSS)).read_text(encoding="utf-8")
    for lang in ("nl", "en"):
        ours = next((built / lang).glob(THEME_CSS)).read_text(encoding="utf-8")
        assert len(ours) < 0.7 * len(theirs)
        assert ".md-header{" in ours                      # in every page
        assert ".md-search-result__meta{" in ours        # made by Material's script when searching
        assert ".md-author" not in ours and ".katex-html" not in ours   # blog authors and formulas: not used
