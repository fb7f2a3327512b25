"""Read a YAML file once, keeping the line and column of every key and value.

What this reader gives an editor that PyYAML's `safe_load` does not:

- every value as text (or nothing): the schema decides what is a number, a date or yes/no, so
  `10:30` stays "10:30" (YAML 1.1 would make it the number 630), `no` stays "no", and an
  impossible date such as 2025-02-30 is a message from the schema instead of a crash;
- a message for each duplicated key (YAML silently keeps the last one);
- no aliases (`*name`): they are refused where they stand, so that a small file can never
  expand into a huge one (reading takes time and memory in proportion to the file);
- no tags (`!!python/…`, `!custom`) and no merge keys (`<<`), each refused at its place;
- encoding, control-character and syntax problems at their line and column, an unclosed quote
  where it opens, and a decimal comma in a `{…}` group explained as such.

libyaml (PyYAML's parser in C) reads a text when it is installed and reads that text as PyYAML's
pure-Python reader does; every text with a problem, an alias or a known difference between the
two goes to the Python reader, so that each message is the same with or without libyaml.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, Problems

Loc = tuple  # a path into the data: keys and list indexes

_TAG = "tag:yaml.org,2002:"
NULL_TAG, MERGE_TAG, STR_TAG = _TAG + "null", _TAG + "merge", _TAG + "str"
# The tags YAML gives plain values by itself; anything else was written on purpose.
PLAIN_TAGS = frozenset(_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp",
                                                "map", "seq"))
SYNTAX_HINT = ("check the indentation, the colon after each field name, "
               "and quotes around text that contains ': ' or starts with a special sign")


class Document:
    """The values of one YAML file plus the position (line, column; 1-based) of each of them."""

    def __init__(self, path: str, data: Any, value_pos: dict[Loc, tuple[int, int]] | None = None,
                 key_pos: dict[Loc, tuple[int, int]] | None = None):
        self.path = path
        self.data = data
        self.value_pos: dict[Loc, tuple[int, int]] = {} if value_pos is None else value_pos
        self.key_pos: dict[Loc, tuple[int, int]] = {} if key_pos is None else key_pos

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

    def problem(self, loc: Loc, message: str, expected: str = "", prefer_key: bool = False) -> Problem:
        """A problem at the place of `loc` in this file."""
        line, column = self.position(loc, prefer_key)
        return Problem(self.path, line, column, message, expected)


def _mark(node_or_mark: Any) -> tuple[int, int]:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return (mark.line + 1, mark.column + 1)


class _Composer(yaml.SafeLoader):
    """PyYAML's composer, except that an alias becomes an empty value and is noted.

    Expanding aliases is what lets ~1 KB of nested anchors grow into gigabytes."""

    def __init__(self, text: str):
        super().__init__(text)
        self.aliases: list[yaml.Event] = []

    def compose_node(self, parent: Any, index: Any) -> yaml.Node:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            self.aliases.append(event)
            return yaml.ScalarNode(NULL_TAG, "", event.start_mark, event.end_mark)
        return super().compose_node(parent, index)


# Plain values that `typed` reading turns into numbers and yes/no, as YAML 1.1 (and MkDocs) reads them.
TYPED_TAGS = frozenset(_TAG + name for name in ("int", "float", "bool"))
_SCALARS = yaml.constructor.SafeConstructor()


class _Builder:
    """Turns the node tree into plain data (dicts, lists, text, None) and notes positions."""

    def __init__(self, doc: Document, problems: list[Problem], typed: bool = False):
        self.doc = doc
        self.problems = problems
        self.typed = typed

    def _problem(self, node: Any, message: str, expected: str) -> None:
        self.problems.append(Problem(self.doc.path, *_mark(node), message, expected))

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.doc.value_pos[loc] = _mark(node)
        if node.tag not in PLAIN_TAGS:
            self._problem(node, f"the YAML tag '{node.tag.replace(_TAG, '!!')}' is not allowed",
                          "remove it and write the value as plain text")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        if node.tag == NULL_TAG:
            return None
        if self.typed and node.tag in TYPED_TAGS:
            return _SCALARS.yaml_constructors[node.tag](_SCALARS, node)
        return node.value

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict:
        result: dict = {}
        pairs = node.value
        skip: set[int] = set()
        if node.flow_style:
            skip = self._decimal_commas(pairs)
        for index, (key_node, value_node) in enumerate(pairs):
            if index in skip:
                continue
            if key_node.tag == MERGE_TAG:
                self._problem(key_node, "merge keys ('<<') are not supported",
                              "write the fields out in full here")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, "this key is not a simple word", "a field name such as `title:`")
                continue
            key = key_node.value
            if key in result:
                first = self.doc.key_pos[loc + (key,)]
                self._problem(key_node, f"'{key}' appears twice in the same group (first on line {first[0]})",
                              "keep one of them")
                continue
            self.doc.key_pos[loc + (key,)] = _mark(key_node)
            result[key] = self.build(value_node, loc + (key,))
        return result

    def _decimal_commas(self, pairs: list) -> set[int]:
        """In `{value: 5,5}` YAML reads a field `value: 5` and a field `5`; say what happened."""
        found = set()
        for index in range(1, len(pairs)):
            (_, before), (key, value) = pairs[index - 1], pairs[index]
            if (isinstance(before, yaml.ScalarNode) and isinstance(key, yaml.ScalarNode)
                    and before.style is None and key.style is None
                    and re.fullmatch(r"-?\d+", before.value) and re.fullmatch(r"\d+", key.value)
                    and value.tag == NULL_TAG and value.value == ""
                    and key.start_mark.line == before.end_mark.line
                    and key.start_mark.index == before.end_mark.index + 1):
                self._problem(before, f"'{before.value},{key.value}' is read as two values: "
                                      "a comma separates fields inside {…}",
                              f"write decimals with a point, as {before.value}.{key.value}")
                found.add(index)
        return found


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


def _line_col(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


_OPENS_QUOTE = re.compile(r"""^\s*(?:-\s+)*(?:[^\s#'"][^#'"]*?:\s+)?(?P<quote>["'])""")


def _unclosed_quote(text: str, upto_line: int) -> tuple[int, int] | None:
    """The last line at or before `upto_line` (0-based) that opens a quoted value and does not close it."""
    lines = text.split("\n")
    for number in range(min(upto_line, len(lines) - 1), -1, -1):
        match = _OPENS_QUOTE.match(lines[number])
        if not match:
            continue
        quote, rest = match["quote"], lines[number][match.end():]
        closing = r'(?<!\\)"' if quote == '"' else r"'(?!')"
        if not re.search(closing, rest.replace("''", "") if quote == "'" else rest):
            return number + 1, match.start("quote") + 1
    return None


def _syntax_problem(text: str, rel: str, err: yaml.MarkedYAMLError) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    opened = None
    if err.context == "while scanning a quoted scalar" and err.context_mark:
        opened = _mark(err.context_mark)
    elif mark:
        opened = _unclosed_quote(text, mark.line)
    if opened:
        return Problem(rel, *opened, "this quoted text is not closed",
                       "end it with the same quote mark it starts with, on the same line")
    what = (err.problem or "the layout of this line is not valid YAML").rstrip(".")
    return Problem(rel, line, col, f"the YAML cannot be read here: {what}", SYNTAX_HINT)


def _reader_problem(text: str, rel: str, err: yaml.reader.ReaderError) -> Problem:
    character = chr(err.character) if isinstance(err.character, int) else str(err.character)
    name = unicodedata.name(character, "a control character")
    return Problem(rel, *_line_col(text, err.position),
                   f"this file contains an invisible character here (U+{ord(character):04X}, {name})",
                   "delete it; it often comes with text copied from another program")


def _is_empty(text: str) -> bool:
    return all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines())


def compose_yaml(text: str, shown: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The node tree of YAML `text` (None for no content), for readers that need each value's exact
    place in the source; aliases are refused, syntax and encoding problems reported at their place."""
    decided, node = _compose_with_libyaml(text)
    if decided:
        return node, []
    return _compose_in_python(text, shown)


_FAST = yaml.__with_libyaml__
"""Whether PyYAML came with libyaml, its parser written in C."""
_NOT_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
_LIBYAML_DIFFERS = re.compile(r"[\t\ufeff]|[|>][-+0-9]*#")
"""Where libyaml reads a text the Python reader refuses or reads otherwise: a tab (the Python
reader refuses tabs in more places), a byte-order mark (columns on the first line), and a
comment right after the `|` or `>` that starts a block of text."""


def _compose_with_libyaml(text: str) -> tuple[bool, yaml.Node | None]:
    """(True, the node tree) when libyaml reads `text` without a problem, else (False, None).

    The same tree as the pure-Python path below, about ten times faster. Everything that path
    reports is left to it: libyaml stops at every syntax error (and at an undefined alias), a
    character the Python reader refuses is looked for here first, and an alias shows as a part
    of the tree that is reached twice. So every message comes from one reader, and none of them
    ever depends on whether libyaml is installed."""
    if not _FAST or not text.endswith("\n") or _LIBYAML_DIFFERS.search(text) or _NOT_PRINTABLE.search(text):
        return False, None
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
    except Exception:  # any problem at all is the Python path's to report, in its words
        return False, None
    finally:
        loader.dispose()
    if node is not None and not _as_python_composes(node):
        return False, None
    return True, node


def _as_python_composes(root: yaml.Node) -> bool:
    """Make libyaml's tree the one the Python composer makes (a plain scalar has no style, not
    an empty one). False where the two readers differ: a node reached twice (the text holds an
    alias), a plain value inside […] or {…} with a '?' in it, where the Python reader ends the
    value (and reports what follows), and an empty value there, which the two place differently."""
    seen: set[int] = set()
    todo = [(root, False)]
    while todo:
        node, in_flow = todo.pop()
        if id(node) in seen:
            return False
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.style == "":
                if in_flow and (not node.value or "?" in node.value):
                    return False
                node.style = None
            continue
        in_flow = in_flow or bool(node.flow_style)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                todo.append((key, in_flow))
                todo.append((value, in_flow))
        else:
            todo.extend((item, in_flow) for item in node.value)
    return True


def _compose_in_python(text: str, shown: str) -> tuple[yaml.Node | None, list[Problem]]:
    """`compose_yaml` by PyYAML's pure-Python reader, which notes aliases as it meets them."""
    loader = None
    try:
        loader = _Composer(text)  # checks for characters YAML does not allow
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        return None, [_syntax_problem(text, shown, err)]
    except yaml.reader.ReaderError as err:
        return None, [_reader_problem(text, shown, err)]
    except RecursionError:
        return None, [Problem(shown, 1, 1, "this file is nested too deeply to be read",
                              "use a few levels of indentation, as in the example data")]
    finally:
        if loader is not None:
            loader.dispose()
    return node, [Problem(shown, *_mark(event), f"'*{event.anchor}' repeats another part of the file (a YAML alias)",
                          "write the value out in full here; Podium does not expand aliases")
                  for event in loader.aliases]


def build_document(node: yaml.Node, shown: str, typed: bool = False) -> tuple[Document, list[Problem]]:
    """The values of a composed node tree with their positions, and the problems found on the way;
    `typed` reads plain numbers and yes/no as numbers and True/False instead of text."""
    problems: list[Problem] = []
    doc = Document(shown, None)
    doc.data = _Builder(doc, problems, typed).build(node, ())
    return doc, problems


def parse_yaml(text: str, shown: str, typed: bool = False) -> tuple[Document | None, list[Problem]]:
    """Read YAML `text`, naming it `shown` in messages; the document, or None and the problems that stop it."""
    empty = [Problem(shown, 1, 1, "this file is empty", "add the data, or remove the file if it is not needed")]
    if _is_empty(text):
        return None, empty
    node, problems = compose_yaml(text, shown)
    if node is None:
        return None, problems or empty
    doc, found = build_document(node, shown, typed)
    return doc, problems + found


def shown_path(path: Path, root: Path | None) -> str:
    """`path` as messages show it: relative to the project when it lies inside it."""
    if root is not None:
        try:
            return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


def read_yaml(path: Path, root: Path | None = None, typed: bool = False) -> tuple[Document | None, list[Problem]]:
    """Read one YAML file; return its document, or None and the problems that stop it.

    Messages name the file relative to `root` (the project folder) when it is given."""
    shown = shown_path(path, root)
    text, problems = _decode(Path(path).read_bytes(), shown)
    if text is None:
        return None, problems
    return parse_yaml(text, shown, typed)


# Podium's own data files are named from the folder that holds the package: macros/site/strings.yml.
PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def read_data_file(path: Path, root: Path | None = None, typed: bool = False) -> Document:
    """A YAML file that has to be right as it is (Podium's own word lists and strings, mkdocs.yml).

    Raises Problems with every problem at its file:line:col (duplicate keys, aliases and tags
    included); `root` defaults to the folder that holds the package. Values are text unless `typed`."""
    doc, problems = read_yaml(path, PACKAGE_ROOT if root is None else root, typed)
    if doc is None or problems:
        raise Problems(problems)
    return doc
