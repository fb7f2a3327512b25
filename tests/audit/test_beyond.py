"""Podium's own checks, judged on collected facts (no browser needed)."""

from __future__ import annotations

from macros.audit import beyond


def rules(findings):
    return [f.rule for f in findings]


def test_html_lang_must_match_the_url_language():
    langs = ("nl", "en")
    assert beyond.check_html_lang("/nl/over/", "nl", langs) == []
    assert beyond.check_html_lang("/en/", "en-GB", langs) == []
    assert rules(beyond.check_html_lang("/en/", "nl", langs)) == ["podium-html-lang"]
    assert rules(beyond.check_html_lang("/nl/", None, langs)) == ["podium-html-lang"]
    assert rules(beyond.check_html_lang("/", "", langs)) == ["podium-html-lang"]
    assert beyond.check_html_lang("/", "nl", langs) == []  # root pages: any valid language


def passage(text, lang):
    return {"text": text, "lang": lang, "selector": "p", "snippet": "<p>"}


def test_foreign_passage_is_found_both_ways():
    english = "We are proud of the progress that our staff and partners have made this year."
    dutch = "Wij zijn trots op de voortgang die onze medewerkers en partners dit jaar hebben geboekt."
    assert rules(beyond.check_passages([passage(english, "nl")])) == ["podium-passage-lang"]
    assert rules(beyond.check_passages([passage(dutch, "en")])) == ["podium-passage-lang"]
    assert beyond.check_passages([passage(english, "en"), passage(dutch, "nl-NL")]) == []


def test_passage_check_is_conservative():
    names = ("Net als het Natural History Museum in Londen maken wij de doelen van het museum "
             "openbaar voor iedereen.")
    loanwords = "De workshop over diversity en inclusion is voor het hele team van het museum."
    short = "The museum of the year"
    assert beyond.check_passages([passage(names, "nl"), passage(loanwords, "nl"),
                                  passage(short, "nl")]) == []
    # "of" is Dutch for "or" as well as an English word: a list of Dutch alternatives stays Dutch.
    alternatives = ("beste meneer of mevrouw, beste mevrouw of meneer, heer of mevrouw, "
                    "mevrouw of heer, meneer of mevrouw, mevrouw of meneer, beste heer of mevrouw")
    assert beyond.check_passages([passage(alternatives, "nl")]) == []
    # "been" is the Dutch word for leg as well as an English verb form.
    legs = "goed ter been, slecht ter been, minder goed ter been"
    assert beyond.check_passages([passage(legs, "nl")]) == []
    assert beyond.check_passages([passage("Le musée est ouvert à tous les visiteurs du monde", "fr")]) == []


def heading(level, text="x"):
    return {"level": level, "text": text, "selector": f"h{level}", "snippet": f"<h{level}>"}


def test_headings_one_h1_and_no_skips():
    assert beyond.check_headings([heading(1), heading(2), heading(3), heading(2), heading(2)]) == []
    assert rules(beyond.check_headings([heading(2)])) == ["podium-one-h1"]
    assert rules(beyond.check_headings([heading(1), heading(1)])) == ["podium-one-h1"]
    found = beyond.check_headings([heading(1), heading(2), heading(4)])
    assert rules(found) == ["podium-heading-order"] and "skipping h3" in found[0].message


def link(name, href, in_heading=False):
    return {"name": name, "href": href, "inHeading": in_heading, "selector": "a", "snippet": "<a>"}


def test_ambiguous_link_texts_in_both_languages():
    for text in ("hier", "Klik hier!", "lees meer…", "More", "click here", "Read more »", "link"):
        assert rules(beyond.check_links([link(text, "/a/")])) == ["podium-link-text-ambiguous"], text
    assert beyond.check_links([link("Jaarverslag 2025", "/a/")]) == []


def test_same_text_to_different_places():
    same = [link("Jaarverslag", "http://x/a/"), link("jaarverslag", "http://x/b/")]
    assert rules(beyond.check_links(same)) == ["podium-link-text-targets"]
    one_place = [link("Jaarverslag", "http://x/a/"), link("Jaarverslag", "http://x/a/index.html")]
    assert beyond.check_links(one_place) == []
    permalinks = [link("¶", "http://x/#a", True), link("¶", "http://x/#b", True)]
    assert beyond.check_links(permalinks) == []


def image(kind="img", name=None, decorative=False):
    return {"kind": kind, "name": name, "decorative": decorative, "selector": kind, "snippet": ""}


def test_images_need_alt_unless_decorative():
    assert rules(beyond.check_images([image()])) == ["podium-img-alt"]
    assert rules(beyond.check_images([image(name="IMG_2041.JPG")])) == ["podium-img-alt"]
    assert rules(beyond.check_images([image(kind="svg")])) == ["podium-img-alt"]
    assert beyond.check_images([image(name="", decorative=True), image(name="Logo")]) == []


def chart(name="Visitors", table=("Year", "Visitors", "2024", "1.234"), declared=None):
    return {"selector": "figure", "snippet": "", "name": name, "declared": declared,
            "table": list(table) if table is not None else None}


def test_charts_need_a_text_alternative_and_a_table_with_the_figures():
    assert beyond.check_charts([chart(declared="1234 2024")]) == []
    assert rules(beyond.check_charts([chart(name="")])) == ["podium-chart-text-alternative"]
    assert rules(beyond.check_charts([chart(table=None)])) == ["podium-chart-table"]
    missing = beyond.check_charts([chart(declared="1234 999")])
    assert rules(missing) == ["podium-chart-table"] and "999" in missing[0].message


def test_numbers_are_read_the_dutch_and_the_english_way():
    assert 15.5 in beyond.parse_numbers("15,5") and 1234.5 in beyond.parse_numbers("1.234,5")
    assert 1234.5 in beyond.parse_numbers("1,234.5")
    assert beyond.parse_numbers("2023 12") == [2023.0, 2023.0, 12.0, 12.0]


def test_third_party_means_another_origin():
    origin = "http://127.0.0.1:8000"
    urls = ["http://127.0.0.1:8000/a.css", "https://fonts.example.com/f.css",
            "http://127.0.0.1:9999/x", "data:image/png;base64,AAAA", "https://fonts.example.com/f.css"]
    assert beyond.third_party(urls, origin) == ["https://fonts.example.com/f.css", "http://127.0.0.1:9999/x"]


def test_the_sites_published_address_is_not_third_party():
    origin = "http://127.0.0.1:8000"
    published = beyond.published_origin("/en/", "https://podium.example.org/en/")
    assert published == "https://podium.example.org"
    urls = ["https://podium.example.org/sitemap.xml", "http://podium.example.org/x", "https://cdn.example.org/a.js"]
    assert beyond.third_party(urls, origin, [published]) == ["https://cdn.example.org/a.js"]
    assert beyond.published_origin("/en/", "https://other.example.org/fr/") is None
    assert beyond.published_origin("/en/", None) is None


def test_a_site_in_a_sub_folder_owns_only_that_folder():
    published = beyond.published_origin("/en/", "https://example.github.io/museum/en/")
    assert published == "https://example.github.io/museum"
    assert beyond.site_path("https://example.github.io/museum/en/x.css", [published]) == "/en/x.css"
    assert beyond.site_path("https://example.github.io/other/x.css", [published]) is None
    assert beyond.third_party(["https://example.github.io/other/x.css"], "", [published]) == \
        ["https://example.github.io/other/x.css"]


def test_own_requests_need_a_file_of_the_build_wherever_they_go():
    files = {"/en/", "/sitemap.xml", "/en/assets/a.css"}
    requested = ["/en/", "/en/assets/a.css", "/en/assets/gone.css",
                 "https://podium.example.org/sitemap.xml",
                 "https://podium.example.org/en/strategy/sitemap.xml",
                 "https://cdn.example.org/a.js"]
    referenced = [{"url": "/img/lazy.png", "selector": "main > img", "snippet": "<img>"}]
    found = beyond.check_missing_files(requested, referenced, ["https://podium.example.org"],
                                       files.__contains__)
    assert rules(found) == ["podium-missing-file"] * 3
    assert [f.message.split(",")[0] for f in found] == [
        "the page requests /en/assets/gone.css",
        "the page requests https://podium.example.org/en/strategy/sitemap.xml",
        "the page requests /img/lazy.png"]
    assert found[2].selector == "main > img"


def test_reflow_names_the_wide_elements():
    assert beyond.check_reflow({"scrollWidth": 320, "clientWidth": 320, "culprits": []}, 320) == []
    found = beyond.check_reflow({"scrollWidth": 616, "clientWidth": 320, "culprits": [
        {"selector": "main > img", "snippet": "<img>", "right": 616}]}, 320)
    assert rules(found) == ["podium-reflow"] and found[0].selector == "main > img"


def test_stop_words_stay_words():
    """YAML 1.1 would read the English stop word `on` as yes/no; the word lists keep it as text."""
    assert "on" in beyond.word_lists()["stopwords"]["en"]
    assert all(isinstance(word, str) for words in beyond.word_lists()["stopwords"].values() for word in words)
