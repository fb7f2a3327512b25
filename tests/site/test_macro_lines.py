"""A macro line with a typo, a wrong value or the wrong braces stops the build at its line, in plain words."""
from __future__ import annotations

import inspect
import re

import pytest

from macros.site.registry import INTERNAL_MACROS, fragments
from macros.cli import main
from macros.site.expand import catalog, macro_problems

IDS = {"org_id": ("samen", "stadsmuseum"), "group_id": ("lgbtiq",), "kpi_id": ("vrouwen-top",),
       "goal_id": ("loonkloof-dicht",)}
ELSEWHERE = {name: f"{name}() works only in the internal build" for name in INTERNAL_MACROS}
CATALOG = catalog(fragments(internal=False), IDS, ELSEWHERE)


def problems(page: str) -> list[str]:
    return [str(p) for p in macro_problems(page, CATALOG, "content/nl/x.md", first_line=4)]


def one(line: str) -> str:
    found = problems(f"# Title\n\n{line}\n")
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("line, expected", [
    ("{{ goals_by_pilar() }}", "content/nl/x.md:6:4: there is no macro called 'goals_by_pilar' — "
                               "did you mean {{ goals_by_pillar() }}?"),
    ("{{goals_by_pillr()}}", "content/nl/x.md:6:3: there is no macro called 'goals_by_pillr' — "
                             "did you mean {{ goals_by_pillar() }}?"),
    ("  {{ Member_Page('samen') }}", "content/nl/x.md:6:6: there is no macro called 'Member_Page' — "
                                     'did you mean {{ member_page("samen") }}?'),
    ("{{ goals_by_pillar }}", "content/nl/x.md:6:4: a macro needs brackets after its name — "
                              "write {{ goals_by_pillar() }}"),
])
def test_an_unknown_macro_name_gets_a_suggestion(line, expected):
    assert one(line) == expected


@pytest.mark.parametrize("line, where, message", [
    ("{{ goals_by_pillar(1) }}", ":6:20:", "goals_by_pillar() takes no values, but this line gives 1"),
    ('{{ member_page("samen", "stadsmuseum") }}', ":6:25:",
     "member_page() takes one value (the id of an organisation), but this line gives 2"),
    ("{{ member_page() }}", ":6:4:", 'member_page() needs the id of an organisation — write {{ member_page("samen") }}'),
    ('{{ member_page(org="samen") }}', ":6:16:", "'org' is not a value that member_page() knows — did you mean 'org_id'?"),
    ('{{ group_page(id="lgbtiq") }}', ":6:15:", "'id' is not a value that group_page() knows"),
    ('{{ member_page("samen", org_id="samen") }}', ":6:25:", "the id of an organisation is given twice"),
    ('{{ member_page("stadsmuzeum") }}', ":6:16:", "there is no organisation with the id 'stadsmuzeum' — "
                                                "did you mean 'stadsmuseum'?"),
    ('{{ kpi_page("nothing-like-it") }}', ":6:13:", "there is no KPI with the id 'nothing-like-it' — "
                                                   "the id of a KPI in data/kpis.yml"),
    ("{{ member_page(12) }}", ":6:16:", "the id of an organisation is written as text in quotes"),
    ('{{ member_page(__import__("os").getcwd()) }}', ":6:16:", "a macro only takes plain values here"),
    ("{{ member_page(*ids) }}", ":6:4:", "a macro only takes plain values, one by one"),
    ('{{ member_page("samen" }}', ":6:4:", "this line looks like a macro but cannot be read"),
    ("{{ goals_by_pillar(today='2020-01-01') }}", ":6:20:", "'today' is not a value that goals_by_pillar() knows"),
])
def test_a_wrong_value_is_named_in_plain_words(line, where, message):
    found = one(line)
    assert found.startswith("content/nl/x.md" + where) and message in found, found
    # The editor sees our words, never Python's (no TypeError, no counts that include hidden values).
    assert not re.search(r"TypeError|positional|argument|keyword|\bctx\b|\bds\b", found), found


@pytest.mark.parametrize("line", ["{ goals_by_pillar() }", "{{ goals_by_pillar() }", "{{{ why() }}}",
                                  "{ member_page('samen') }}"])
def test_a_call_between_the_wrong_braces_is_an_error(line):
    assert "its braces are not right" in one(line)


def test_a_known_macro_inside_a_sentence_is_an_error_but_other_braces_stay_text():
    page = "# T\n\nOur goals: {{ goals_by_pillar() }} here.\n\nAn {{ name }} and {% raw %} and {#anchor}.\n"
    assert problems(page) == ["content/nl/x.md:6:12: the macro goals_by_pillar() is inside a sentence — "
                              "put the macro on a line of its own, with nothing else on it"]


def test_code_is_never_read_as_a_macro():
    page = "# T\n\n`{{ goals_by_pilar() }}`\n\n```md\n{{ goals_by_pilar() }}\n```\n\n~~~\n{{ nope }}\n~~~\n"
    assert problems(page) == []


def test_every_correct_call_passes():
    lines = [f"{{{{ {name}({', '.join(repr(IDS[p.name][0]) for p in params if p.default is inspect.Parameter.empty)}) }}}}"
             for name, params in CATALOG.macros.items()]
    assert problems("# T\n\n" + "\n\n".join(lines) + '\n\n{{ commitment(org_id="stadsmuseum") }}\n') == []


def test_an_internal_macro_on_a_public_page_is_refused_at_its_line():
    assert one("{{ internal_figures() }}") == ("content/nl/x.md:6:4: internal_figures() works only in the "
                                               "internal build — remove this line")


def test_the_build_fails_with_every_wrong_macro_line_at_its_file_line_and_column(example_copy, capsys):
    page = example_copy / "content" / "nl" / "links.md"
    text = page.read_text(encoding="utf-8")
    page.write_text("---\ntitle: Links\n---\n" + text.replace("{{ documents() }}", "{{ documentz() }}"),
                    encoding="utf-8")
    other = example_copy / "content" / "en" / "strategy.md"
    other.write_text(other.read_text(encoding="utf-8") + "\n{{ goals_by_pillar(pillar='personeel') }}\n",
                     encoding="utf-8")
    before = sorted(p.name for p in example_copy.iterdir())
    assert main(["--project", str(example_copy), "build"]) != 0
    err = capsys.readouterr().err
    line = 3 + text.splitlines().index("{{ documents() }}") + 1
    assert f"content/nl/links.md:{line}:4: there is no macro called 'documentz' — did you mean {{{{ documents() }}}}?" in err
    assert "content/en/strategy.md:" in err and "'pillar' is not a value that goals_by_pillar() knows" in err
    assert "TypeError" not in err and "Traceback" not in err
    assert sorted(p.name for p in example_copy.iterdir()) == before  # no site was published
