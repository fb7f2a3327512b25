"""The build keeps only the theme's CSS that the site can use."""
from __future__ import annotations

from pathlib import Path

import material
import pytest

from macros.site.build import build_site
from macros.site.css_prune import prune_css

ROOT = Path(__file__).resolve().parents[2]


def test_selectors_that_need_an_unused_class_are_left_out():
    css = (".used,.unused{color:red}.unused .used{color:blue}.used:not(.unused){margin:0}"
           "a{color:green}@media screen{.unused{top:0}}@media print{.used>p{top:1px}}"
           "@keyframes spin{from{opacity:0}to{opacity:1}}")
    kept = prune_css(css, {"used"})
    assert kept == (".used{color:red}.used:not(.unused){margin:0}a{color:green}"
                    "@media print{.used>p{top:1px}}@keyframes spin{from{opacity:0}to{opacity:1}}")


def test_exact_attribute_values_must_be_used_too():
    css = ('[data-md-color-primary=red]{color:red}[data-md-color-primary="custom"]{color:blue}'
           '[href^=http]{margin:0}[hidden]{display:none}')
    assert prune_css(css, {"custom"}) == ('[data-md-color-primary="custom"]{color:blue}'
                                          '[href^=http]{margin:0}[hidden]{display:none}')


def test_a_string_with_braces_does_not_end_a_rule():
    assert prune_css('.used:after{content:"}{"}.gone{top:0}', {"used"}) == '.used:after{content:"}{"}'


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("css") / "site")


def test_the_built_theme_css_keeps_what_pages_and_scripts_use(built):
    material_css = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    for lang in ("nl", "en"):
        palette = next((built / lang / "assets" / "stylesheets").glob("palette.*.min.css")).read_text(encoding="utf-8")
        assert "[data-md-color-primary=indigo]" not in palette and "[data-md-color-scheme=slate]" in palette
        assert len(palette) < 0.6 * len(next(material_css.glob("palette.*.min.css")).read_text(encoding="utf-8"))
        ours = next((built / lang / "assets" / "stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
        assert len(ours) < 0.7 * len(next(material_css.glob("main.*.min.css")).read_text(encoding="utf-8"))
        assert ".md-header{" in ours                      # in every page
        assert ".md-search-result__meta{" in ours        # made by Material's script when searching
        assert ".md-author" not in ours and ".katex-html" not in ours   # blog authors and formulas: not used
