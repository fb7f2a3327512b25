"""The page's table of contents from every heading of the finished page.

Markdown's own table of contents only sees headings written in Markdown; the headings
that macros add (the progress overview, a member's goals) would be missing from it.
"""
from __future__ import annotations

import html as html_lib
import re

from mkdocs.structure.toc import TableOfContents, get_toc

HEADING = re.compile(r"<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1>", re.DOTALL | re.IGNORECASE)
ID = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""")
TAG = re.compile(r"<[^>]+>")


def _slug(text: str) -> str:
    slug = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return slug or "section"


def _nest(flat: list[dict]) -> list[dict]:
    """Flat headings in page order → a tree by level."""
    roots: list[dict] = []
    stack: list[dict] = []
    for item in flat:
        while stack and stack[-1]["level"] >= item["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(item)
        stack.append(item)
    return roots


def headings_toc(page_html: str, current: TableOfContents | None = None) -> tuple[str, TableOfContents]:
    """The page with an id on every heading, and the table of contents of all of them."""
    used = set(ID.findall(page_html))
    flat: list[dict] = []

    def visit(found: re.Match) -> str:
        level, attrs, inner = int(found.group(1)), found.group(2) or "", found.group(3)
        name = html_lib.unescape(TAG.sub("", inner)).strip()
        has_id = ID.search(attrs)
        if has_id:
            anchor = has_id.group(1)
        else:
            base = anchor = _slug(name)
            number = 1
            while anchor in used:
                number += 1
                anchor = f"{base}-{number}"
            used.add(anchor)
            attrs = f' id="{anchor}"{attrs}'
        flat.append({"level": level, "id": anchor, "name": html_lib.escape(name, quote=False), "children": []})
        return f"<h{level}{attrs}>{inner}</h{level}>"

    page_html = HEADING.sub(visit, page_html)
    return page_html, get_toc(_nest(flat))
