"""Only whole-line calls of known macros are filled in; arguments are plain values only."""
from __future__ import annotations

from macros.cli import main
from macros.site.expand import expand

MACROS = {"greet": lambda name="world", times=1: "<p>" + ("hi " * times) + name + "</p>",
          "boom": lambda: 1 / 0}


def test_a_known_call_on_its_own_line_is_filled_in():
    out, problems = expand('# Title\n\n{{ greet("Sam", times=2) }}\n\nText.\n', MACROS)
    assert out == "# Title\n\n<p>hi hi Sam</p>\n\nText.\n" and problems == []


def test_other_braces_stay_text():
    text = "Write {{ name }} inline, {% if %}, {#anchor}.\n`{{ greet() }}`\n```\n{{ greet() }}\n```\n"
    assert expand(text, MACROS) == (text, [])


def test_arguments_cannot_run_code():
    text = '{{ greet(__import__("os").getcwd()) }}\n'
    assert expand(text, MACROS) == (text, [])


def test_a_failing_macro_is_reported_at_its_line():
    out, problems = expand("one\n\n{{ boom() }}\n", MACROS)
    assert out == "one\n\n\n"
    assert problems == ["line 3: `{{ boom() }}` could not be filled in (ZeroDivisionError: division by zero)"]


def test_a_call_with_an_unknown_id_fails_the_build_at_its_page(example_copy, capsys):
    page = example_copy / "content" / "en" / "links.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ group_page("no-such-group") }}\n', encoding="utf-8")
    assert main(["--project", str(example_copy), "build"]) == 2  # bad input, found before building
    err = capsys.readouterr().err
    assert "content/en/links.md:7:15: there is no group with the id 'no-such-group'" in err
