"""Read YAML files while remembering where every key and value stands.

PyYAML's `safe_load` forgets positions and silently keeps the last of two
equal keys; an editor needs both the line of a mistake and a word about
duplicated keys, so we compose the node tree and build the values ourselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

Loc = tuple  # a path into the data: keys and list indexes


@dataclass
class Document:
    """The values of one YAML file plus the position of each of them."""

    path: str
    data: Any
    value_pos: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_pos: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc, prefer_key: bool = False) -> tuple[int, int]:
        """The closest known position for `loc`, walking up to its parents."""
        loc = tuple(loc)
        while True:
            if prefer_key and loc in self.key_pos:
                return self.key_pos[loc]
            if loc in self.value_pos:
                return self.value_pos[loc]
            if loc in self.key_pos:
                return self.key_pos[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]
            prefer_key = False


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, doc: Document, problems: list[Problem]):
        self.loader = loader
        self.doc = doc
        self.problems = problems

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.doc.value_pos[loc] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)):
                line, col = _mark(key_node)
                self.problems.append(Problem(self.doc.path, line, col,
                                             "this key is not a simple word",
                                             "a field name such as `title:`"))
                continue
            key = str(key)
            if key in result:
                line, col = _mark(key_node)
                first = self.doc.key_pos[loc + (key,)]
                self.problems.append(Problem(
                    self.doc.path, line, col,
                    f"'{key}' appears twice in the same group (first on line {first[0]})",
                    "keep one of them"))
                continue
            self.doc.key_pos[loc + (key,)] = _mark(key_node)
            result[key] = self.build(value_node, loc + (key,))
        return result


def _decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = err.start - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(rel, line, column,
                              "this file is not saved as UTF-8 text",
                              "save it as UTF-8 in your editor (in most editors: 'Save with encoding' → UTF-8)")]


def read_yaml(path: Path, root: Path) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file; return its document, or None and the problems that stop it."""
    rel = path.relative_to(root).as_posix()
    text, problems = _decode(path.read_bytes(), rel)
    if text is None:
        return None, problems
    if not text.strip() or all(l.lstrip().startswith("#") or not l.strip() for l in text.splitlines()):
        return None, [Problem(rel, 1, 1, "this file is empty",
                              "add the data, or remove the file if it is not needed")]
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = (err.problem or "the layout of this line is not valid YAML").rstrip(".")
        return None, [Problem(rel, line, col, f"the YAML cannot be read here: {what}",
                              "check the indentation, the colon after each field name, "
                              "and quotes around text that contains ': ' or starts with a special sign")]
    finally:
        loader.dispose()
    if node is None:
        return None, [Problem(rel, 1, 1, "this file is empty",
                              "add the data, or remove the file if it is not needed")]
    doc = Document(rel, None)
    doc.data = _Builder(loader, doc, problems).build(node, ())
    return doc, problems
