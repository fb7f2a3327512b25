"""Pages in content/ cannot publish scripts, requests to other sites or hidden characters, and what
the front matter says reaches the page escaped."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.cli import main
from macros.site.content_safety import page_problems


def found(body: str, front: str = "") -> list[str]:
    text = (f"---\n{front}---\n" if front else "") + "# Title\n\nSome text.\n\n" + body + "\n"
    return [str(p) for p in page_problems(text, "content/nl/x.md")]


def only_line(body: str) -> list[str]:
    problems = found(body)
    assert problems, f"nothing refused in {body!r}"
    assert all(p.startswith("content/nl/x.md:5:") for p in problems), problems
    return problems


SCRIPTS = [
    "<script>alert(1)</script>", "<SCRIPT>alert(1)</SCRIPT>", "<ScRiPt src=x.js></ScRiPt>",
    "<script/src=x.js></script>", "< script>alert(1)</script>", "<svg><script>alert(1)</script></svg>",
    "<noscript><p>x</p></noscript>",
]
ELEMENTS = [
    '<iframe src="page.html"></iframe>', "<IFRAME SRC=x></IFRAME>", '<object data="x.swf"></object>',
    "<embed src=x.swf>", "<style>body { display: none }</style>", '<link rel="stylesheet" href="x.css">',
    '<meta http-equiv="refresh" content="0;url=https://example.org">', '<base href="https://example.org/">',
    '<form action="/x"><input name=q></form>', "<frameset><frame src=x></frameset>",
    '<svg><animate attributeName="href" to="x"/></svg>', "<applet code=x></applet>",
]
EVENTS = [
    "<img src=x.png onerror=alert(1)>", '<img src="x.png" ONERROR="alert(1)">', "<p onclick='alert(1)'>x</p>",
    "<svg onload=alert(1)>", "<img/src=x.png/onerror=alert(1)>", '<a href="#" onmouseover="alert(1)">x</a>',
    "<details open ontoggle=alert(1)>x</details>", "<body onpageshow=alert(1)>",
]
SCRIPT_LINKS = [
    '<a href="javascript:alert(1)">x</a>', "<a href=javascript:alert(1)>x</a>", "<a HREF='JAVASCRIPT:alert(1)'>x</a>",
    '<a href="jav&#x61;script:alert(1)">x</a>', '<a href="&#106;&#97;vascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>', '<a href="java\tscript:alert(1)">x</a>',
    '<a href=" \x01javascript:alert(1)">x</a>', '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "<a href=DATA:text/html,x>x</a>",
    "[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x]( javascript:alert(1) )",
    '[x](javascript:alert(1) "title")', "[x](<javascript:alert(1)>)", "[x](&#106;avascript:alert(1))",
    "[x](java&#9;script:alert(1))", "[x](vbscript:msgbox)", "[x](data:text/html,hi)",
    "![x](javascript:alert(1))", "[a [nested] link](javascript:alert(1))",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "<math href=javascript:alert(1)>x</math>",
]
REMOTE = [
    "![logo](https://example.org/logo.png)", "![logo](HTTP://example.org/logo.png)", "![logo](//example.org/logo.png)",
    '<img src="https://example.org/p.png" alt="">', "<img src=//example.org/p.png alt=''>",
    '<img src="/\\example.org/p.png" alt="">', '<img srcset="a.png 1x, https://example.org/b.png 2x" alt="">',
    '<video poster="https://example.org/p.jpg"></video>', '<audio src="https://example.org/a.mp3"></audio>',
    '<a href="page.html" ping="https://example.org/track">x</a>', '<svg><image href="https://example.org/p.png"/></svg>',
    '<p style="background: url(https://example.org/p.png)">x</p>', "<p style=\"background:URL('p.png')\">x</p>",
    '<p style="behavior: url(x.htc)">x</p>', '<input type=image src="https://example.org/b.png">',
]


@pytest.mark.parametrize("body", SCRIPTS + ELEMENTS)
def test_elements_that_run_or_load_something_are_refused(body):
    assert any("is not allowed on a page" in p for p in only_line(body))


@pytest.mark.parametrize("body", EVENTS)
def test_event_attributes_are_refused(body):
    assert any(re.search(r"the attribute on[a-z]+= runs a script", p) for p in only_line(body))


@pytest.mark.parametrize("body", SCRIPT_LINKS)
def test_links_that_run_a_script_or_hide_a_file_are_refused(body):
    assert any("this link runs a script" in p or "which a browser may run" in p for p in only_line(body))


@pytest.mark.parametrize("body", REMOTE)
def test_files_from_other_addresses_are_refused(body):
    assert any("from another address" in p or "this style loads a file" in p for p in only_line(body))


@pytest.mark.parametrize("body", [
    "| a | b |\n|---|---|\n| <img src=x.png onerror=alert(1)> | [x](javascript:alert(1)) |",
    "- one\n- <script>alert(1)</script>\n- [x](javascript:alert(1))",
    "> quoted <iframe src=x></iframe>",
    "!!! note\n    <script>alert(1)</script>",
])
def test_html_inside_tables_lists_quotes_and_notes_is_refused_at_its_line(body):
    problems = found(body)
    assert problems and all(re.match(r"content/nl/x\.md:(5|6|7|8):\d+: ", p) for p in problems), problems
    first_bad = next(i for i, line in enumerate(body.split("\n")) if re.search(r"<(script|img|iframe)|javascript", line))
    assert any(p.startswith(f"content/nl/x.md:{5 + first_bad}:") for p in problems), problems


@pytest.mark.parametrize("body, name", [
    ("[the report](https://example.org/re\u202Eport.pdf)", "a right-to-left override (U+202E)"),
    ('<a href="https://exa\u200Bmple.org/">x</a>', "a zero-width space (U+200B)"),
    ("![a picture](assets/pic&#x200B;ture.png)", "a zero-width space (U+200B)"),
    ("[ref]: https://example.org/\u2066x", "a left-to-right isolate (U+2066)"),
])
def test_addresses_with_hidden_characters_are_refused_by_name(body, name):
    assert any(f"this address contains {name}" in p for p in only_line(body))


@pytest.mark.parametrize("body", [
    'Read more {: onclick="alert(1)" }', "## Heading {: onmouseover=alert(1) }",
    '[x](page.md){: href="javascript:alert(1)" }', "[x](page.md){: ping=https://example.org/t }",
    "![x](p.png){: src=https://example.org/p.png }",
])
def test_attribute_lists_are_read_as_attributes(body):
    assert only_line(body)


def test_reference_links_and_pictures_are_checked_where_the_address_stands():
    body = "See [the page][one] and ![the logo][logo] and ![logo2].\n\n[one]: javascript:alert(1)\n" \
           "[logo]: https://example.org/logo.png\n[logo2]: <https://example.org/2.png>\n[ok]: https://example.org/"
    problems = found(body)
    assert any(p.startswith("content/nl/x.md:7:8: this link runs a script") for p in problems), problems
    assert any(p.startswith("content/nl/x.md:8:9: this picture loads a file from another address") for p in problems)
    assert any(p.startswith("content/nl/x.md:9:10: this picture loads a file") for p in problems), problems
    assert len(problems) == 3


@pytest.mark.parametrize("body", [
    "[a web page](https://example.org/page) and [mail](mailto:team@example.org) and [call](tel:+31201234567)",
    '<a href="https://example.org/">a link</a> <a href="../links/">here</a> <a href="#top">top</a>',
    '![a picture](assets/picture.png) <img src="assets/p.png" alt="p"> <abbr title="x">x</abbr>',
    "`<script>alert(1)</script>` and ``[x](javascript:x)``",
    "```html\n<script>alert(1)</script>\n<iframe src=x></iframe>\n```",
    "~~~\n<img src=x onerror=alert(1)>\n~~~",
    "Heading {#anchor} and {: .class }, a < b > c, 3 < 4, the word onion = vegetable, scripts and javascript as words.",
    "<!-- podium-ignore nl-allochtoon: a quotation -->",
    '<p style="text-align: center">centred</p>', "<span lang=\"en\">word</span>",
])
def test_ordinary_content_passes(body):
    assert found(body) == []


@pytest.mark.parametrize("front, message", [
    ("template: redirect.html\n", "'template' is not a front-matter field Podium knows"),
    ("location: javascript:alert(1)\n", "'location' is not a front-matter field Podium knows"),
    ("status: new\ntitle: Hello\n", "'status' is not a front-matter field Podium knows"),
    ("title: \"Hel\\u202Elo\"\n", None),
    ("title: Hel\u202elo\n", "the front matter contains a right-to-left override (U+202E)"),
    ("description: Zero\u200bwidth\n", "the front matter contains a zero-width space (U+200B)"),
    ("title: Bell\x07\n", "the front matter contains a control character (U+0007)"),
])
def test_front_matter_holds_only_known_fields_and_no_hidden_characters(front, message):
    problems = found("", front)
    if message is None:
        assert problems == []  # an escape written out is visible text; the data check reads it
    else:
        assert any(p.startswith("content/nl/x.md:2:") and message in p for p in problems), problems


def test_the_build_refuses_unsafe_content_at_its_place_and_publishes_nothing(example_copy: Path, capsys):
    page = example_copy / "content" / "en" / "links.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<img src=logo.png onerror=alert(1)>\n\n"
                    "[click](JaVaScRiPt:alert(1))\n\n![tracker](https://example.org/pixel.gif)\n", encoding="utf-8")
    lines = page.read_text(encoding="utf-8").splitlines()
    nl = example_copy / "content" / "nl" / "links.md"
    nl.write_text("---\ntitle: Links\ntemplate: redirect.html\n---\n" + nl.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["--project", str(example_copy), "build"]) == 2
    err = capsys.readouterr().err
    number = {needle: lines.index(next(l for l in lines if needle in l)) + 1 for needle in ("onerror", "click", "tracker")}
    assert f"content/en/links.md:{number['onerror']}:1: the attribute onerror= runs a script" in err
    assert f"content/en/links.md:{number['click']}:9: this link runs a script when it is followed (javascript:)" in err
    assert f"content/en/links.md:{number['tracker']}:12: this picture loads a file from another address" in err
    assert "content/nl/links.md:3:1: 'template' is not a front-matter field Podium knows" in err
    assert "Traceback" not in err
    assert not (example_copy / "site").exists()


def test_front_matter_and_headings_reach_every_template_escaped(example_copy: Path):
    for lang in ("nl", "en"):
        page = example_copy / "content" / lang / "links.md"
        page.write_text('---\ntitle: "Links & <img src=x onerror=alert(1)></title><script>alert(2)</script>"\n'
                        "description: 'Say \"hi\"><script>alert(3)</script>'\n---\n"
                        + page.read_text(encoding="utf-8"), encoding="utf-8")
        other = example_copy / "content" / lang / "ownership.md"
        other.write_text(other.read_text(encoding="utf-8").replace(
            "\n", " &lt;/title&gt;&lt;img src=x onerror=alert(4)&gt;\n", 1), encoding="utf-8")
    assert main(["--project", str(example_copy), "build"]) == 0
    site = example_copy / "site"
    texts = {path: path.read_text(encoding="utf-8") for path in site.rglob("*") if path.suffix in (".html", ".json")}
    for path, text in texts.items():
        assert "<script>alert" not in text and not re.search(r"<img[^>]*onerror", text), path
        assert '\\u003cscript' not in text.lower() and "\\u003cimg" not in text.lower(), path
    links = texts[site / "en" / "links" / "index.html"]
    assert "<title>Links &amp; &lt;img src=x onerror=alert(1)&gt;&lt;/title&gt;" in links
    assert '<meta name="description" content="Say &#34;hi&#34;&gt;&lt;script&gt;alert(3)&lt;/script&gt;">' in links
    assert "Links &amp; &lt;img src=x onerror=alert(1)&gt;" in texts[site / "en" / "index.html"]  # navigation
    ownership = texts[site / "en" / "ownership" / "index.html"]
    assert "<title>Who takes care of what &lt;/title&gt;&lt;img src=x onerror=alert(4)&gt; - " in ownership


@pytest.mark.parametrize("front, message", [
    ('title: "Werken\n', "content/nl/x.md:2:8: this quoted text is not closed"),
    ("title: A\ntitle: B\n", "content/nl/x.md:3:1: 'title' appears twice in the same group (first on line 2)"),
    ("slug: Werken Met Ons\n", "content/nl/x.md:2:7: 'Werken Met Ons' cannot be part of a web address — "
                               "lower-case letters, digits and hyphens"),
    ("- title\n", "content/nl/x.md:2:1: the front matter is not written as fields"),
])
def test_front_matter_that_cannot_be_read_is_named_at_its_place(front, message):
    problems = found("", front)
    assert any(p.startswith(message) for p in problems), problems


def test_a_section_start_page_keeps_its_folder_address():
    problems = [str(p) for p in page_problems("---\nslug: voortgang\n---\n# Voortgang\n", "content/nl/progress/index.md")]
    assert problems == ["content/nl/progress/index.md:2:1: the start page of a section keeps the address of its "
                        "folder — remove the slug, or rename the folder"]


def test_the_build_names_a_broken_front_matter_and_publishes_nothing(example_copy: Path, capsys):
    page = example_copy / "content" / "nl" / "work-with-us.md"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\nslug: werken-met-ons\n---\n")
    page.write_text(text.replace("slug: werken-met-ons\n", 'slug: werken-met-ons\ntitle: "Werken\n', 1),
                    encoding="utf-8")
    assert main(["--project", str(example_copy), "build"]) == 2
    err = capsys.readouterr().err
    assert ("content/nl/work-with-us.md:3:8: this quoted text is not closed — end it with the same quote mark "
            "it starts with, on the same line") in err
    assert "Traceback" not in err
    assert not (example_copy / "site").exists()


def test_a_page_not_saved_as_utf8_is_named_without_a_traceback(example_copy: Path, capsys):
    page = example_copy / "content" / "nl" / "links.md"
    page.write_bytes(page.read_bytes() + "\ncafé\n".encode("latin-1"))
    assert main(["--project", str(example_copy), "build"]) == 2
    err = capsys.readouterr().err
    assert "content/nl/links.md: this file cannot be read" in err and "expected a UTF-8 text file" in err
    assert "Traceback" not in err and not (example_copy / "site").exists()
