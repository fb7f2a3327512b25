"""The one YAML reader: every scalar as text, positions kept, and each way a file can be wrong
reported as `file:line:col: what is wrong — what is expected` instead of a crash."""
from __future__ import annotations

import time

import pytest

from macros.base.yamlread import parse_yaml


def problems(text: str) -> list[str]:
    doc, found = parse_yaml(text, "data/x.yml")
    return [str(p) for p in found]


def data(text: str):
    doc, found = parse_yaml(text, "data/x.yml")
    assert found == []
    return doc.data


def test_every_scalar_is_text_and_the_schema_types_it():
    assert data("a: 10:30\nb: no\nc: yes\nd: 2025-02-30\ne: 1e400\nf: .nan\ng: .inf\nh: 012\n") == {
        "a": "10:30", "b": "no", "c": "yes", "d": "2025-02-30", "e": "1e400", "f": ".nan",
        "g": ".inf", "h": "012"}
    assert data("a:\nb: ~\nc: null\nd: 'null'\n") == {"a": None, "b": None, "c": None, "d": "null"}


def test_positions_of_keys_and_values_are_kept():
    doc, _ = parse_yaml("top:\n  - name: x\n    when:   2025\n", "data/x.yml")
    assert doc.position(("top", 0, "when")) == (3, 13)
    assert doc.position(("top", 0, "when"), prefer_key=True) == (3, 5)
    assert doc.position(("top", 0, "missing")) == (2, 5)


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['true']", "!!python/name:os.system",
                                 "!custom 5", "!!binary aGVsbG8=", "!<tag:example.org,2000:x> 1"])
def test_tags_are_refused_where_they_stand(tag):
    found = problems(f"ok: 1\nvalue: {tag}\n")
    assert len(found) == 1
    assert found[0].startswith("data/x.yml:2:8: the YAML tag ") and "is not allowed — remove it" in found[0]


def test_merge_keys_are_refused():
    found = problems("base: &b {a: 1}\nitem:\n  <<: *b\n  c: 2\n")
    assert "data/x.yml:3:3: merge keys ('<<') are not supported — write the fields out in full here" in found


def test_an_alias_bomb_is_refused_quickly_at_each_alias():
    text = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for previous, name in zip("abcdefghi", "bcdefghij"):
        text += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]\n"
    started = time.perf_counter()
    found = problems(text)
    assert time.perf_counter() - started < 2  # expanded, this file would be 9**10 values
    assert len(found) == 81
    assert found[0] == ("data/x.yml:2:8: '*a' repeats another part of the file (a YAML alias) — "
                        "write the value out in full here; Podium does not expand aliases")


def test_a_single_alias_is_refused_too():
    assert problems("a: &x hello\nb: *x\n") == [
        "data/x.yml:2:4: '*x' repeats another part of the file (a YAML alias) — "
        "write the value out in full here; Podium does not expand aliases"]


@pytest.mark.parametrize("line, quote", [('title: "Our promise\n', '"'), ("title: 'Our promise\n", "'"),
                                         ('  - "Our promise\n', '"')])
def test_an_unclosed_quote_is_reported_where_it_opens(line, quote):
    text = "first: 1\n" + line + "second: 2\nthird: 3\n"
    if line.startswith("  -"):
        text = "first: 1\nlist:\n" + line + "  - other\nthird: 3\n"
    found = problems(text)
    assert len(found) == 1
    row = 3 if line.startswith("  -") else 2
    column = line.index(quote) + 1
    assert found[0] == (f"data/x.yml:{row}:{column}: this quoted text is not closed — "
                        "end it with the same quote mark it starts with, on the same line")


def test_a_quote_closed_later_on_its_own_line_is_not_blamed():
    found = problems('a: "one"\nb: [unclosed\n')
    assert len(found) == 1 and "quoted text" not in found[0] and found[0].startswith("data/x.yml:")


@pytest.mark.parametrize("flow", ["{value: 5,5}", "{value: 12,75, unit: euro}", "{a: 1, value: -3,5}"])
def test_a_decimal_comma_in_a_flow_group_is_explained(flow):
    found = problems(f"figure: {flow}\n")
    assert len(found) == 1
    assert "is read as two values: a comma separates fields inside {…} — write decimals with a point, as " in found[0]
    assert not any("is not a field" in p for p in found)


def test_a_comma_followed_by_a_space_separates_fields_as_usual():
    assert data("figure: {value: 5, 5: x}\n") == {"figure": {"value": "5", "5": "x"}}


def test_duplicate_keys_are_reported_at_the_second():
    assert problems("a: 1\nb: 2\na: 3\n") == [
        "data/x.yml:3:1: 'a' appears twice in the same group (first on line 1) — keep one of them"]


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07"])
def test_control_characters_are_reported_at_their_place(char):
    found = problems(f"a: 1\nb: text{char}more\n")
    assert len(found) == 1
    assert found[0].startswith(f"data/x.yml:2:8: this file contains an invisible character here (U+{ord(char):04X}")


def test_deep_nesting_is_a_message_not_a_crash():
    found = problems("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert len(found) == 1 and found[0].startswith("data/x.yml:1:1: this file is nested too deeply")


def test_several_documents_are_a_message():
    found = problems("a: 1\n---\nb: 2\n")
    assert len(found) == 1 and found[0].startswith("data/x.yml:2:1: the YAML cannot be read here")


def test_a_data_file_that_must_be_right_raises_every_problem_at_its_place(tmp_path):
    from macros.base.problems import Problems
    from macros.base.yamlread import read_data_file
    path = tmp_path / "strings.yml"
    path.write_text("title:\n  nl: Titel\n  en: Title\ntitle:\n  nl: Kop\nlink: *other\n", encoding="utf-8")
    with pytest.raises(Problems) as raised:
        read_data_file(path, tmp_path)
    assert [str(p) for p in raised.value.problems] == [
        "strings.yml:4:1: 'title' appears twice in the same group (first on line 1) — keep one of them",
        "strings.yml:6:7: '*other' repeats another part of the file (a YAML alias) — "
        "write the value out in full here; Podium does not expand aliases"]


def test_typed_reading_gives_numbers_and_yes_no_as_mkdocs_reads_them(tmp_path):
    from macros.base.yamlread import read_data_file
    path = tmp_path / "mkdocs.yml"
    path.write_text("strict: true\nfont: false\ntoc: {toc_depth: 3, ratio: 1.5}\nname: '3'\nempty:\n",
                    encoding="utf-8")
    assert read_data_file(path, tmp_path, typed=True).data == {
        "strict": True, "font": False, "toc": {"toc_depth": 3, "ratio": 1.5}, "name": "3", "empty": None}
    assert read_data_file(path, tmp_path).data["strict"] == "true"
