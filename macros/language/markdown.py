"""Markdown → prose segments with their exact place in the file.

A small line-based block reader, written for this purpose rather than borrowed from a
renderer, because renderers throw positions away. It knows the blocks that MkDocs pages use:
front matter, ATX and setext headings, paragraphs, lists (nested), block quotes, tables,
admonitions and content tabs (``!!! note "Title"``, ``??? tip``, ``=== "Tab"``) with their
indented bodies, fenced and indented code, HTML comments and raw HTML. Code is skipped;
``<!-- podium-ignore ... -->`` comments are collected. Inline non-prose is blanked by
``inline.mask_inline``.
"""

from __future__ import annotations

import re

from .inline import inline_comments, mask_inline, shown_attributes
from .segments import Blocks, Directive, Segment, line_starts, parse_directive
from .yamldata import scan_yaml

Line = tuple[int, str]
"""(offset in the file of the first character, text of the line without container prefix)."""

_FENCE = re.compile(r" {0,3}(?P<fence>`{3,}|~{3,})(?P<info>.*)")
_ATX = re.compile(r" {0,3}(?P<marks>#{1,6})(?:[ \t]+|$)")
_ATX_CLOSING = re.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_LIST = re.compile(r"(?P<indent> {0,3})(?P<marker>[-*+]|\d{1,9}[.)])(?P<space>[ \t]+|$)")
_QUOTE = re.compile(r" {0,3}> ?")
_ADMONITION = re.compile(r' {0,3}(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*')
_TAB = re.compile(r' {0,3}===\+?[ \t]+"(?P<title>[^"]*)"[ \t]*')
_RAW_HTML = re.compile(r" {0,3}<(?P<tag>script|style|pre|textarea)\b", re.I)
_BLOCK_START = re.compile(
    r" {0,3}(?:"
    r"(?P<fence>`{3,}|~{3,})"
    r"|(?P<comment><!--)"
    r"|(?P<raw><(?:script|style|pre|textarea)\b)"
    r"|(?P<atx>#{1,6}(?:[ \t]|$))"
    r"|(?P<admonition>(?:!!!|\?\?\?\+?|===\+?)[ \t])"
    r"|(?P<rule>(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$)"
    r"|(?P<skip>\[(?!\^)[^\]]+\]:\s*\S|\*\[[^\]]+\]:|-+8<-+)"
    r"|(?P<quote>>)"
    r"|(?P<list>(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\S|[ \t]*$))"
    r")",
    re.I,
)
"""Which kind of block a line may start, in order of precedence; one match per line."""
_INTERRUPTING = frozenset({"fence", "comment", "raw", "atx", "rule", "quote"})
_PIPE = re.compile(r"\|")
_TABLE_DELIMITER = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


class MarkdownScan:
    """Segments, suppression comments, blocks and front matter of one Markdown document."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.directives: list[Directive] = []
        self.blocks = Blocks()
        self.front_matter: dict | None = None


def scan_markdown(source: str, path: str = "<markdown>", *, front_matter: bool = True) -> MarkdownScan:
    """Segments, suppression comments and blocks of a Markdown document.

    Raises ``InputError`` when the front matter cannot be read as YAML (unless
    ``front_matter`` is False, which skips the front matter without reading it).
    """
    scanner = _Scanner(source)
    body_start = scanner.front_matter(path, read=front_matter)
    scanner.blocks_of(_lines(source, body_start), parent=None)
    scanner.attach_directives()
    return scanner.result


def attribute_segments(start: int, raw: str, block: int) -> list[Segment]:
    """The attribute values in ``raw`` (which starts at ``start``) that readers get, such as alt
    text and titles, as segments of their own in ``block``."""
    return [Segment(start + value_start, mask_inline(raw[value_start:value_end]), block, "attribute")
            for value_start, value_end in shown_attributes(raw)]


def _lines(source: str, start: int) -> list[Line]:
    body = source[start:]
    return list(zip(line_starts(body, start), body.split("\n")))


def _indent(text: str) -> int:
    width = 0
    for char in text:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _dedent(line: Line, width: int) -> Line:
    """Remove up to ``width`` columns of leading white space."""
    offset, text = line
    used = 0
    cut = 0
    while cut < len(text) and used < width and text[cut] in " \t":
        used += 1 if text[cut] == " " else 4 - used % 4
        cut += 1
    return offset + cut, text[cut:]


def _blank(text: str) -> bool:
    return not text.strip()


class _Scanner:
    def __init__(self, source: str):
        self.source = source
        self.result = MarkdownScan()
        self.blocks = self.result.blocks
        self._comments: list[tuple[int, int, tuple[str, ...], str]] = []

    # -- front matter ------------------------------------------------------------------
    def front_matter(self, path: str, read: bool = True) -> int:
        """Scan the YAML front matter, if any; return the offset where the body starts."""
        first_end = self.source.find("\n")
        if first_end == -1 or self.source[:first_end].rstrip() != "---":
            return 0
        closing = _FRONT_MATTER_END.search(self.source, first_end + 1)
        if closing is None:
            return 0
        if not read:
            return min(closing.end() + 1, len(self.source))
        yaml_text = self.source[first_end + 1 : closing.start()]
        scan = scan_yaml(yaml_text, path, self.blocks, base=first_end + 1,
                         lines_before=self.source.count("\n", 0, first_end + 1), front_matter=True)
        self.result.segments.extend(scan.segments)
        self.result.directives.extend(scan.directives)
        self.result.front_matter = scan.data if isinstance(scan.data, dict) else {}
        return min(closing.end() + 1, len(self.source))

    # -- blocks --------------------------------------------------------------------------
    def blocks_of(self, lines: list[Line], parent: int | None) -> None:
        index = 0
        while index < len(lines):
            index = self._block(lines, index, parent)

    def _block(self, lines: list[Line], index: int, parent: int | None) -> int:
        offset, text = lines[index]
        if _blank(text):
            return index + 1
        if _indent(text) >= 4:
            return self._skip_indented_code(lines, index)
        start = _BLOCK_START.match(text)
        kind = start.lastgroup if start else None
        if kind == "fence":
            return self._skip_fence(lines, index, _FENCE.match(text).group("fence"))
        if kind == "comment":
            return self._comment(lines, index)
        if kind == "raw":
            return self._skip_raw_html(lines, index, _RAW_HTML.match(text).group("tag"))
        if kind == "atx":
            self._heading(offset, text, _ATX.match(text), parent)
            return index + 1
        if kind == "admonition":
            found = _ADMONITION.fullmatch(text) or _TAB.fullmatch(text)
            if found:
                return self._admonition(lines, index, found, parent)
        if kind in ("rule", "skip"):
            return index + 1
        if kind == "quote":
            return self._quote(lines, index, parent)
        if kind == "list":
            return self._list_item(lines, index, _LIST.match(text), parent)
        if self._table_starts(lines, index):
            return self._table(lines, index, parent)
        return self._paragraph(lines, index, parent)

    def _interrupts(self, text: str) -> bool:
        """Whether a line ends the paragraph before it by starting a new block."""
        if _indent(text) >= 4:
            return False
        start = _BLOCK_START.match(text)
        if start is None:
            return False
        kind = start.lastgroup
        if kind == "list":
            item = _LIST.match(text)
            return item is not None and not _blank(text[item.end() :])
        if kind == "admonition":
            return bool(_ADMONITION.fullmatch(text) or _TAB.fullmatch(text))
        return kind in _INTERRUPTING

    def _skip_indented_code(self, lines: list[Line], index: int) -> int:
        while index < len(lines) and (_blank(lines[index][1]) or _indent(lines[index][1]) >= 4):
            index += 1
        return index

    def _skip_fence(self, lines: list[Line], index: int, fence: str) -> int:
        closing = re.compile(r" {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*")
        index += 1
        while index < len(lines) and not closing.fullmatch(lines[index][1]):
            index += 1
        return index + 1

    def _skip_raw_html(self, lines: list[Line], index: int, tag: str) -> int:
        closing = re.compile(rf"</{tag}\s*>", re.I)
        while index < len(lines) and not closing.search(lines[index][1]):
            index += 1
        return index + 1

    def _comment(self, lines: list[Line], index: int) -> int:
        offset, text = lines[index]
        start = offset + text.index("<!--")
        end = self.source.find("-->", start + 4)
        end = len(self.source) if end == -1 else end + 3
        parsed = parse_directive(self.source[start + 4 : max(start + 4, end - 3)])
        if parsed is not None:
            self._comments.append((start, end, *parsed))
        while index < len(lines) and lines[index][0] + len(lines[index][1]) < end:
            index += 1
        return index + 1

    def _heading(self, offset: int, text: str, found: re.Match, parent: int | None) -> None:
        content_start = found.end()
        content = text[content_start:]
        closing = _ATX_CLOSING.search(content)
        if closing:
            content = content[: closing.start()]
        if content.strip():
            block = self.blocks.new(offset, parent)
            self._add(offset + content_start, self._mask(offset + content_start, content, block), block, "heading")

    def _admonition(self, lines: list[Line], index: int, found: re.Match, parent: int | None) -> int:
        offset, _text = lines[index]
        block = self.blocks.new(offset, parent)
        title = found.group("title")
        if title and title.strip():
            self._add(offset + found.start("title"), self._mask(offset + found.start("title"), title, block), block, "title")
        body: list[Line] = []
        index += 1
        while index < len(lines):
            line = lines[index]
            if _blank(line[1]):
                body.append((line[0], ""))
            elif _indent(line[1]) >= 4:
                body.append(_dedent(line, 4))
            else:
                break
            index += 1
        self.blocks_of(body, block)
        return index

    def _quote(self, lines: list[Line], index: int, parent: int | None) -> int:
        block = self.blocks.new(lines[index][0], parent)
        inner: list[Line] = []
        while index < len(lines):
            offset, text = lines[index]
            marker = _QUOTE.match(text)
            if marker:
                inner.append((offset + marker.end(), text[marker.end() :]))
            elif not _blank(text) and inner and not _blank(inner[-1][1]) and not self._interrupts(text):
                inner.append((offset, text))  # lazy continuation of a quoted paragraph
            else:
                break
            index += 1
        self.blocks_of(inner, block)
        return index

    def _list_item(self, lines: list[Line], index: int, found: re.Match, parent: int | None) -> int:
        offset, text = lines[index]
        block = self.blocks.new(offset, parent)
        spaces = len(found.group("space").expandtabs(4))
        rest_blank = _blank(text[found.end() :])
        width = found.end("marker") + 1 if rest_blank or spaces > 4 else found.end()
        width = min(width, len(text))
        item: list[Line] = [(offset + width, text[width:])]
        index += 1
        while index < len(lines):
            line = lines[index]
            if _blank(line[1]):
                item.append((line[0], ""))
            elif _indent(line[1]) >= width:
                item.append(_dedent(line, width))
            elif not _blank(item[-1][1]) and not self._interrupts(line[1]):
                item.append(line)  # lazy continuation
            else:
                break
            index += 1
        self.blocks_of(item, block)
        return index

    def _table_starts(self, lines: list[Line], index: int) -> bool:
        if index + 1 >= len(lines) or "|" not in lines[index][1]:
            return False
        delimiter = lines[index + 1][1]
        return "-" in delimiter and bool(_TABLE_DELIMITER.fullmatch(delimiter))

    def _table(self, lines: list[Line], index: int, parent: int | None) -> int:
        block = self.blocks.new(lines[index][0], parent)
        self._row(lines[index], block)
        index += 2
        while index < len(lines) and not _blank(lines[index][1]) and not self._interrupts(lines[index][1]):
            self._row(lines[index], block)
            index += 1
        return index

    def _row(self, line: Line, block: int) -> None:
        offset, text = line
        masked = self._mask(offset, text, block)
        pipes = [-1] + [found.start() for found in _PIPE.finditer(masked) if found.start() == 0 or text[found.start() - 1] != "\\"]
        pipes.append(len(masked))
        for left, right in zip(pipes, pipes[1:]):
            cell = masked[left + 1 : right]
            if cell.strip():
                self._add(offset + left + 1, cell, block, "cell")

    def _paragraph(self, lines: list[Line], index: int, parent: int | None) -> int:
        first = index
        index += 1
        kind = "paragraph"
        while index < len(lines):
            text = lines[index][1]
            if _blank(text):
                break
            if _SETEXT.fullmatch(text):
                kind = "heading"
                break
            if self._interrupts(text):
                break
            index += 1
        block = self.blocks.new(lines[first][0], parent)
        self._add_lines(lines[first:index], block, kind)
        return index + 1 if kind == "heading" else index

    # -- segments ----------------------------------------------------------------------
    def _add_lines(self, lines: list[Line], block: int, kind: str) -> None:
        """One segment for consecutive lines; what lies between them (prefixes) is blanked."""
        if len(lines) == 1:
            self._add(lines[0][0], self._mask(*lines[0], block), block, kind)
            return
        start = lines[0][0]
        pieces: list[str] = []
        position = start
        for offset, text in lines:
            pieces.append(" " * (offset - position))
            pieces.append(text)
            position = offset + len(text)
        self._add(start, self._mask(start, "".join(pieces), block), block, kind)

    def _mask(self, start: int, raw: str, block: int) -> str:
        """``mask_inline``, noting podium-ignore comments written inside the text (they cover nothing)
        and adding the attribute values readers get (alt text, titles) as segments of their own."""
        self.result.segments.extend(attribute_segments(start, raw, block))
        if "podium-ignore" in raw:
            for comment_start, comment_end in inline_comments(raw):
                parsed = parse_directive(raw[comment_start + 4 : comment_end - 3])
                if parsed is not None:
                    self.result.directives.append(
                        Directive(start + comment_start, start + comment_end, *parsed, inline=True)
                    )
        return mask_inline(raw)

    def _add(self, start: int, text: str, block: int, kind: str) -> None:
        if text.strip():
            self.result.segments.append(Segment(start, text, block, kind))

    def attach_directives(self) -> None:
        """Point every podium-ignore comment at the first block after it."""
        for start, end, rule_ids, reason in self._comments:
            target = self.blocks.first_from(end)
            self.result.directives.append(Directive(start, end, rule_ids, reason, (target,) if target is not None else ()))
        self.result.directives.sort(key=lambda directive: directive.start)
