"""The YAML reader's two paths agree: libyaml (C, fast) and PyYAML's pure-Python reader.

The reader lets libyaml compose the tree when it can and leaves everything else (every problem,
every alias, the few texts the two read differently) to the Python path. These tests compare
the two on every YAML file and front matter of the project, on texts written to hit the edges,
and on generated documents: wherever libyaml decides, the tree is the same node for node, with
the same positions, and the document and its problems are the same as without libyaml.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.base import yamlread
from macros.base.yamlread import compose_yaml, parse_yaml

ROOT = Path(__file__).resolve().parents[2]
FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.S)

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was installed without libyaml")


def project_texts() -> list[tuple[str, str]]:
    """(name, YAML text) of every YAML file and every Markdown front matter in the project."""
    texts = []
    for top in ("data", "content", "macros", "tests"):
        for path in sorted((ROOT / top).rglob("*")):
            # the held-out sentences stay unread outside their own measurement
            if path.suffix not in (".yml", ".yaml", ".md") or "heldout" in path.name or not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".md":
                found = FRONT_MATTER.match(text)
                if found is None:
                    continue
                text = found.group(1)
            texts.append((path.relative_to(ROOT).as_posix(), text))
    texts.append(("mkdocs.yml", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    return texts


EDGES = [
    "title: Visiting\nlang: en\n",
    "a: |\n  one\n  two\n\nb: >-\n  folded\n  text\n\n\nc: |+\n  kept\n\n",
    "a: |2\n    indented\nb: >\n\n  after a blank\n",
    "text: a plain value\n  that goes on\n  over lines\nnext: 1\n",
    "q: \"double \\\"quoted\\\" \\u00e9 and\n  folded\"\ns: 'single ''quoted''\n  too'\n",
    "nl: Wij zijn één museum\nen: We are one museum  # a comment\n",
    "list:\n- a\n- b:\n    c: d\n-   e\n",
    "top:\n  - name: x\n    when:   2025\n",
    "a: 10:30\nb: no\nc: yes\nd: 2025-02-30\ne: 1e400\nf: .nan\ng: ~\nh: null\ni:\n",
    "value: {a: 5,5}\nother: [1, 2, {x: y}]\n",
    "dup: 1\ndup: 2\n",
    "ok: 1\nvalue: !custom 5\nother: !!str 6\n",
    "base: &b {a: 1}\nitem:\n  <<: *b\n  c: 2\n",
    "anchor: &a value\nother: plain\n",
    "? complex key\n: value\n",
    "%YAML 1.1\n---\na: b\n...\n",
    "---\na: b\n",
    "windows: line\r\nends: here\r\n",
    "emoji: 😀 ok\nafter: é\n",
    "nel: a\x85b\nls: a\u2028b\n",
    "# only a comment\n",
    "\n\n",
    "a: [b?c]\n",
    "a: {b: }\n",
    "tab:\tvalue\n",
    "\ufeffa: b\n",
    "a: |#\n  x\n",
    "a: b\n  c: d\n",
    "a: 'not closed\nb: c\n",
    "a: *undefined\n",
    "- a\n- b\n---\n- c\n",
]


def shape(node: yaml.Node | None):
    """Everything of a node that a reader of the tree can see, recursively."""
    if node is None:
        return None
    marks = tuple((mark.line, mark.column, mark.index) for mark in (node.start_mark, node.end_mark))
    head = (type(node).__name__, node.tag, marks)
    if isinstance(node, yaml.ScalarNode):
        return head + (node.value, node.style)
    # the Python reader gives None instead of False for a list under a key at the key's own
    # indentation; both mean "not written in […] or {…}", which is all a reader of the tree asks
    if isinstance(node, yaml.MappingNode):
        return head + (bool(node.flow_style), tuple((shape(key), shape(value)) for key, value in node.value))
    return head + (bool(node.flow_style), tuple(shape(item) for item in node.value))


def assert_same(text: str) -> bool:
    """Both paths agree on ``text``; whether libyaml decided it."""
    decided, fast = yamlread._compose_with_libyaml(text)
    slow, problems = yamlread._compose_in_python(text, "data/x.yml")
    if decided:
        assert problems == [], text
        assert shape(fast) == shape(slow), text
    assert compose_yaml(text, "data/x.yml")[1] == problems
    with_libyaml = parse_yaml(text, "data/x.yml")
    without = _without_libyaml(text)
    assert _result(with_libyaml) == _result(without), text
    return decided


def _without_libyaml(text: str):
    saved = yamlread._FAST
    yamlread._FAST = False
    try:
        return parse_yaml(text, "data/x.yml")
    finally:
        yamlread._FAST = saved


def _result(parsed):
    doc, problems = parsed
    if doc is None:
        return None, [str(problem) for problem in problems]
    return (doc.data, doc.value_pos, doc.key_pos), [str(problem) for problem in problems]


def test_every_yaml_text_of_the_project_reads_the_same_both_ways():
    texts = project_texts()
    decided = [name for name, text in texts if assert_same(text)]
    windows = [name for name, text in texts if assert_same(text.replace("\n", "\r\n"))]
    assert len(texts) > 40
    # libyaml must really do the work, or this file would prove nothing about it
    assert len(decided) == len(texts) and len(windows) == len(texts)


@pytest.mark.parametrize("text", EDGES)
def test_edges_read_the_same_both_ways(text):
    assert_same(text)


def test_libyaml_composes_plain_front_matter_and_leaves_the_rest_to_python():
    assert yamlread._compose_with_libyaml("title: Visiting\nlang: en\n")[0]
    assert yamlread._compose_with_libyaml("list: [1, 2]\n")[0]
    for text in ("a: &x 1\nb: *x\n", "a: *x\n", "a: 'open\n", "tab:\tx\n", "a: [b?c]\n", "a: b"):
        assert yamlread._compose_with_libyaml(text) == (False, None), text


def test_an_alias_is_reported_where_it_stands_with_libyaml_installed():
    assert [str(p) for p in parse_yaml("a: &x [1, 2]\nb: *x\n", "data/x.yml")[1]] == [
        "data/x.yml:2:4: '*x' repeats another part of the file (a YAML alias) — "
        "write the value out in full here; Podium does not expand aliases"]


PIECES = ["a", "b c", "é", "😀", '"q"', "'s'", "'it''s'", '"x\\"y"', "|", ">", "|-", ">+", "|2", "[a, b]",
          "{a: b}", "{a: }", "[a: ]", "{? a: b}", "[a, [b, {c: d}]]", "5,5", "{v: 5,5}", "#c", " #c",
          "&x a", "*x", "!t a", "!!str a", "<<: ", "yes", "~", "10:30", "a: b", "- a", "? a", ": b",
          '"multi', 'line"', "...", "---", "", "x:y", "a -b", "b?", '"\\u00e9"', "-", "\t", "\x85"]
HEADS = ["", "k: ", "key: ", "- ", "- k: ", "? ", ": ", "nl: ", "en: "]
LINE = st.tuples(st.sampled_from([0, 0, 1, 2, 2, 4, 6]), st.sampled_from(HEADS),
                 st.lists(st.sampled_from(PIECES), max_size=3))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(LINE, min_size=1, max_size=8), end=st.sampled_from(["\n", "\n\n", "\r\n", "\n# end\n", ""]))
def test_generated_documents_read_the_same_both_ways(lines, end):
    assert_same("\n".join(" " * indent + head + " ".join(pieces) for indent, head, pieces in lines) + end)
