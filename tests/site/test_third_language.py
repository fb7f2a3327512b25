"""Adding a language is configuration plus translations: the example site with German as a third
language (tests/site/fixtures/third-language) builds with the right `lang`, switch and hreflang."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from macros.cli import main
from macros.site.build import build_site
from macros.site.i18n import strings

from test_build import Page  # the same page reader as the example-site tests

FIXTURE = Path(__file__).parent / "fixtures" / "third-language"
# German pages written for the fixture; the statement and the language guide exist only in nl and en.
GERMAN_PAGES = ("index.md", "accessibility.md", "language-guide.md")


def _with_german(value):
    """Every {nl, en} text of the data gets a `de:` (the fixture marks it so the test can find it)."""
    if isinstance(value, dict):
        value = {key: _with_german(item) for key, item in value.items()}
        if set(value) == {"nl", "en"} and all(isinstance(v, str) for v in value.values()):
            value["de"] = f"DE: {value['en']}"
        return value
    if isinstance(value, list):
        return [_with_german(item) for item in value]
    return value


def add_german(project: Path, interface: bool = True) -> Path:
    config = project / "mkdocs.yml"
    entry = yaml.safe_load((FIXTURE / "languages.yml").read_text(encoding="utf-8"))
    site_name = entry.pop("site_name")
    text = config.read_text(encoding="utf-8")
    for anchor, added in (("         readability: Flesch}\n", f"      - {yaml.safe_dump(entry, default_flow_style=True).strip()}\n"),
                          ("      en: Samen Open — diversity and inclusion\n", f"      de: {site_name}\n")):
        assert anchor in text
        text = text.replace(anchor, anchor + added)
    config.write_text(text, encoding="utf-8")
    shutil.copytree(project / "content" / "en", project / "content" / "de")
    for page in GERMAN_PAGES:
        shutil.copy(FIXTURE / "content" / page, project / "content" / "de" / page)
    for path in (project / "data").glob("*.yml"):
        if path.name == "accessibility-reviewed.yml":  # the audit's notes, no text for readers
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(_with_german(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    if interface:
        (project / "translations").mkdir()
        words = {key: f"DE: {texts['en']}" for key, texts in strings().items()}
        (project / "translations" / "de.yml").write_text(yaml.safe_dump(words, allow_unicode=True), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def trilingual(tmp_path_factory, example_copier) -> Path:
    project = add_german(example_copier(tmp_path_factory.mktemp("three") / "example"))
    build_site(project, check_language=False)
    return project / "site"


def test_the_third_language_is_built_with_its_lang_and_words(trilingual):
    page = Page((trilingual / "de" / "index.html").read_text(encoding="utf-8"))
    assert page.lang == "de"
    html = (trilingual / "de" / "index.html").read_text(encoding="utf-8")
    assert "Drei Museen, ein Versprechen" in html  # the German page
    assert "DE: " in html  # data texts and interface words in German come from the project
    assert (trilingual / "de" / "search" / "search_index.json").is_file()


@pytest.mark.parametrize("lang, others", [("de", {"nl", "en"}), ("nl", {"en", "de"}), ("en", {"nl", "de"})])
def test_the_switch_names_every_other_language(trilingual, lang, others):
    page = Page((trilingual / lang / "strategy" / "index.html").read_text(encoding="utf-8"))
    assert page.lang == lang
    switch = {a["hreflang"]: a for a in page.anchors if "podium-language__link" in a.get("class", "")}
    assert set(switch) == others
    assert all(switch[code]["lang"] == code and switch[code]["href"].endswith(f"/{code}/strategy/")
               for code in others)
    # The page's language twins for search engines are in the sitemap (see the next test).


def test_root_choice_and_sitemap_offer_the_third_language(trilingual):
    root = Page((trilingual / "index.html").read_text(encoding="utf-8"))
    assert {a.get("hreflang") for a in root.anchors} >= {"nl", "en", "de"}
    sitemap = (trilingual / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="de" href="https://samenopen.example.org/de/strategy/"' in sitemap


def test_german_dates_use_the_german_locale(trilingual):
    html = (trilingual / "de" / "achievements" / "index.html").read_text(encoding="utf-8")
    months = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
    assert re.search(rf"\b\d{{1,2}}\. ({months}) 20\d\d\b", html)


def test_a_missing_german_text_is_named(example_copy, capsys):
    project = add_german(example_copy)
    goals = project / "data" / "goals.yml"
    text, count = re.subn(r"^(\s+)de: ", r"\1xx: ", goals.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert count == 1
    goals.write_text(text, encoding="utf-8")
    assert main(["--project", str(project), "validate"]) == 2
    err = capsys.readouterr().err
    assert re.search(r"^data/goals\.yml:\d+:\d+: the German text is missing — add `de:` with the German translation$",
                     err, re.M), err
    assert re.search(r"^data/goals\.yml:\d+:\d+: 'xx' is not a language of this site — "
                     r"the languages of this site: nl, en, de$", err, re.M), err


def test_missing_interface_words_stop_the_build(example_copy, capsys):
    project = add_german(example_copy, interface=False)
    assert main(["--project", str(project), "build"]) == 2
    err = capsys.readouterr().err
    assert re.search(r"^translations/de\.yml:1:1: \d+ interface words for German are missing \(.+\) — "
                     r"add each key from macros/site/strings\.yml with its German text$", err, re.M), err
    assert not (project / "site").exists()
