"""The build's internal link check also follows srcset candidates and CSS url() references."""
from __future__ import annotations

from pathlib import Path

from macros.site.links import broken_links


def site_with(tmp_path: Path, page: str, css: str = "") -> Path:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.png").write_bytes(b"png")
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text(css, encoding="utf-8")
    (tmp_path / "index.html").write_text(f"<!doctype html><html><body>{page}</body></html>",
                                         encoding="utf-8")
    return tmp_path


def test_every_srcset_candidate_must_exist(tmp_path):
    site = site_with(tmp_path, '<img src="img/a.png" srcset="img/a.png 1x, img/a@2x.png 2x" alt="">')
    assert broken_links(site) == [
        "index.html: the link 'img/a@2x.png' leads to a page or file that does not exist"]


def test_css_url_in_a_style_attribute_or_element_must_exist(tmp_path):
    site = site_with(tmp_path, '<div style="background: url(&quot;img/gone.png&quot;)"></div>'
                               "<style>.x { background: url('/img/a.png') }</style>")
    assert broken_links(site) == [
        "index.html: the link 'img/gone.png' leads to a page or file that does not exist"]


def test_css_url_in_a_style_sheet_resolves_from_the_sheet(tmp_path):
    site = site_with(tmp_path, '<link rel="stylesheet" href="css/site.css">',
                     css='@import "print.css";\n.a { background: url(../img/a.png) }\n'
                         '.b { background: url(img/a.png) }\n'
                         '.c { background: url("data:image/svg+xml;utf8,<svg/>") }\n')
    assert broken_links(site) == [
        "css/site.css: the link 'print.css' leads to a page or file that does not exist",
        "css/site.css: the link 'img/a.png' leads to a page or file that does not exist"]


def test_a_site_whose_references_all_resolve_has_no_problem(tmp_path):
    site = site_with(tmp_path, '<img src="img/a.png" srcset="img/a.png 480w" alt="">',
                     css=".a { background: url(../img/a.png) }")
    assert broken_links(site) == []
