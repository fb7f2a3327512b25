"""YAML with positions: parse to nodes (which keep line and column) and find nodes again.

Rule files and data files are both read through here, so that every complaint can point at
the line and column it is about.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STR_TAG = "tag:yaml.org,2002:str"


def parse(text: str, path: str) -> tuple[yaml.Node | None, Any]:
    """Return the root node and the plain Python data of one YAML document.

    Raises ``YamlSyntaxError`` with the position of the first syntax error.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = _plain(node, yaml.constructor.SafeConstructor()) if node is not None else None
    except yaml.MarkedYAMLError as error:
        raise YamlSyntaxError(path, error) from None
    except yaml.YAMLError as error:  # unmarked errors are rare, e.g. several documents
        raise YamlSyntaxError(path, error) from None
    finally:
        loader.dispose()
    return node, data


def _plain(node: yaml.Node, constructor: yaml.constructor.SafeConstructor) -> Any:
    """Python data for ``node``; strings directly, other scalars through PyYAML's safe rules.

    (Walking the nodes ourselves is several times faster than PyYAML's generic constructor.)
    """
    if isinstance(node, yaml.MappingNode):
        return {_hashable(_plain(key, constructor)): _plain(value, constructor) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, constructor) for item in node.value]
    if node.tag == STR_TAG:
        return node.value
    return constructor.construct_object(node, deep=True)


def _hashable(key: Any) -> Any:
    return key if isinstance(key, (str, int, float, bool, type(None))) else str(key)


class YamlSyntaxError(Exception):
    """A file is not valid YAML; ``str()`` gives ``path:line:col: what — expected``."""

    def __init__(self, path: str, error: yaml.YAMLError):
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else path
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        super().__init__(
            f"{where}: this is not valid YAML ({problem}) — "
            "expected YAML; check the indentation, colons and quotes around this place"
        )


def position(node: yaml.Node) -> tuple[int, int]:
    """1-based (line, column) of the start of ``node``."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def node_at(root: yaml.Node, loc: tuple) -> tuple[yaml.Node, tuple]:
    """Follow ``loc`` (mapping keys and sequence indexes) from ``root`` as far as it goes.

    Returns the deepest node reached and the part of ``loc`` that could not be followed
    (for example a key that is missing).
    """
    node = root
    for depth, part in enumerate(loc):
        child = _child(node, part)
        if child is None:
            return node, tuple(loc[depth:])
        node = child
    return node, ()


def key_node(mapping: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(mapping, yaml.MappingNode):
        for key_, _value in mapping.value:
            if isinstance(key_, yaml.ScalarNode) and key_.value == key:
                return key_
    return None


def _child(node: yaml.Node, part) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


def duplicate_keys(node: yaml.Node) -> list[yaml.Node]:
    """Key nodes that repeat a key earlier in the same mapping (YAML would silently keep the last)."""
    found: list[yaml.Node] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        found.append(key)
                    seen.add(key.value)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return sorted(found, key=lambda key: (key.start_mark.line, key.start_mark.column))


class LineIndex:
    """Turns character offsets in a text into 1-based (line, column) and back."""

    def __init__(self, text: str):
        starts = [0]
        position_ = text.find("\n")
        while position_ != -1:
            starts.append(position_ + 1)
            position_ = text.find("\n", position_ + 1)
        self.starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line0: int, column0: int) -> int:
        """Offset of a 0-based line and column, as YAML marks give them."""
        return self.starts[line0] + column0
