"""YAML → prose segments: the strings a page will show, at their exact line and column.

In data files only strings under the keys ``nl`` and ``en`` are text for the public (the
translatable ``{nl: ..., en: ...}`` maps); the key decides the language. In Markdown front
matter every string value is prose in the page's language (keys never are).

The segment text is cut from the raw YAML source, so quotes, escapes and the header of a
block scalar (``|`` or ``>``) are blanked out and every offset maps back to the file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

import yaml

from ..base.yamlread import STR_TAG, build_document, compose_yaml
from .findings import InputError
from .inline import mask_inline
from .segments import Blocks, Directive, LineIndex, Segment, parse_directive

LANGUAGE_KEYS = ("nl", "en")

_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\s\S])")
_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#(?P<body>[^\n]*)", re.M)


class YamlScan:
    """The prose strings, the suppression comments and the plain data of one YAML document."""

    def __init__(self, data: Any) -> None:
        self.segments: list[Segment] = []
        self.directives: list[Directive] = []
        self.data = data


def scan_yaml(text: str, path: str, blocks: Blocks, *, base: int = 0, lines_before: int = 0,
              front_matter: bool = False) -> YamlScan:
    """Find the prose strings and the ``# podium-ignore`` comments of one YAML document.

    ``base`` is the offset of ``text`` in the file and ``lines_before`` the number of lines before it
    (front matter starts after ``---``).
    Raises ``InputError`` when the text cannot be read as YAML, at the place of each problem.
    """
    root, problems = compose_yaml(text, path)
    if problems:
        raise InputError([str(problem._replace(line=problem.line + lines_before)) for problem in problems])
    # Duplicate keys and tags are for `podium validate` to report; the words are checked as they stand.
    result = YamlScan(data=build_document(root, path)[0].data if root is not None else None)
    if root is None:
        return result
    index = LineIndex(text)
    walker = _Walker(text, index, base, blocks, front_matter)
    walker.walk(root, None)
    result.segments = walker.segments
    result.directives = _directives(text, index, base, walker)
    return result


class _Walker:
    def __init__(self, text: str, index: LineIndex, base: int, blocks: Blocks, front_matter: bool):
        self.text = text
        self.index = index
        self.base = base
        self.blocks = blocks
        self.front_matter = front_matter
        self.segments: list[Segment] = []
        self.scalar_spans: list[tuple[int, int]] = []
        self.extent: dict[int, int] = {}
        """0-based line where a node starts → last line of the largest node starting there."""

    def walk(self, node: yaml.Node, lang: str | None) -> None:
        # Extents are noted per entry (key with value, or list item), never per whole mapping or
        # list: those start on the line of their first entry and would cover all the others.
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                self._note_extent(key, value)
                self._note_scalar(key)
                key_text = key.value if isinstance(key, yaml.ScalarNode) else None
                self.walk(value, key_text if key_text in LANGUAGE_KEYS else lang)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                self._note_extent(item)
                self.walk(item, lang)
        elif isinstance(node, yaml.ScalarNode):
            self._note_scalar(node)
            if node.tag == STR_TAG and (lang or self.front_matter):
                self._add(node, lang)

    def _add(self, node: yaml.ScalarNode, lang: str | None) -> None:
        start = self._offset(node.start_mark)
        end = self._offset(node.end_mark)
        raw = self.text[start:end]
        masked = mask_inline(_mask_scalar(raw, node.style))
        if not masked.strip():
            return
        absolute = self.base + start
        kind = "front-matter" if self.front_matter and lang is None else "data"
        self.segments.append(Segment(absolute, masked, self.blocks.new(absolute), kind, lang))

    def _offset(self, mark: yaml.Mark) -> int:
        return self.index.offset(mark.line, mark.column)

    def _note_scalar(self, node: yaml.Node) -> None:
        if isinstance(node, yaml.ScalarNode):
            self.scalar_spans.append((self._offset(node.start_mark), self._offset(node.end_mark)))

    def _note_extent(self, first: yaml.Node, last: yaml.Node | None = None) -> None:
        start_line = first.start_mark.line
        end = (last or first).end_mark
        end_line = end.line - 1 if end.column == 0 and end.line > start_line else end.line
        self.extent[start_line] = max(self.extent.get(start_line, start_line), end_line)


def _mask_scalar(raw: str, style: str | None) -> str:
    """Blank the YAML syntax around a scalar's text: quotes, escapes, block-scalar headers."""
    if style == '"':
        inner = _ESCAPE.sub(lambda found: " " * len(found.group()), raw[1:-1])
        return " " + inner + " "
    if style == "'":
        return " " + raw[1:-1] + " "
    if style in ("|", ">"):
        header_end = raw.find("\n")
        if header_end == -1:
            return " " * len(raw)
        return " " * header_end + raw[header_end:]
    return raw


def _directives(text: str, index: LineIndex, base: int, walker: _Walker) -> list[Directive]:
    """``# podium-ignore`` comments, each covering the strings of the entry it stands before or beside."""
    spans = sorted(walker.scalar_spans)
    span_starts = [span[0] for span in spans]
    lines = text.split("\n")
    found: list[Directive] = []
    for comment in _COMMENT.finditer(text):
        position = comment.start()
        before = bisect_right(span_starts, position) - 1
        if before >= 0 and spans[before][0] <= position < spans[before][1]:
            continue  # a '#' inside a string is not a comment
        parsed = parse_directive(comment.group("body"))
        if parsed is None:
            continue
        line0 = index.line_col(position)[0] - 1
        standalone = not lines[line0][: position - index.starts[line0]].strip()
        target = _next_content_line(lines, line0) if standalone else line0
        covered = ()
        if target is not None:
            last = walker.extent.get(target, target)
            covered = tuple(
                segment.block
                for segment in walker.segments
                if target <= index.line_col(segment.start - base)[0] - 1 <= last
            )
        found.append(Directive(base + position, base + comment.end(), parsed[0], parsed[1], covered))
    return found


def _next_content_line(lines: list[str], line0: int) -> int | None:
    for number in range(line0 + 1, len(lines)):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None
