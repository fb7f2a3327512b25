"""The front matter of a page (the YAML between `---` lines at its top), read with the one YAML reader.

MkDocs reads the front matter too, but quietly treats a block it cannot read as page text; Podium
reads it first and names each problem at its line and column in the page, so that a broken title
or slug stops the build instead of turning into a wrong page.
"""
from __future__ import annotations

import re

from ..base.problems import Problem
from ..base.yamlread import Document, parse_yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def read_front_matter(text: str, path: str) -> tuple[dict, list[Problem]]:
    """The fields of the page's front matter ({} for none) and the problems that make it unusable,
    at their line and column in the page `path`."""
    found = FRONT_MATTER.match(text)
    if not found or not (found.group("body") or "").strip():
        return {}, []
    # The blank line in front keeps line numbers those of the page (the fields start on line 2).
    doc, problems = parse_yaml("\n" + found.group("body"), path)
    if doc is None or problems:
        return {}, [p for p in problems if p.message != "this file is empty"]
    if not isinstance(doc.data, dict):
        return {}, [doc.problem((), "the front matter is not written as fields",
                                "one field per line, such as `title: About us`")]
    return doc.data, _slug_problems(doc.data, doc, path)


def _slug_problems(meta: dict, doc: Document, path: str) -> list[Problem]:
    if "slug" not in meta:
        return []
    slug = meta["slug"]
    if path == "index.md" or path.endswith("/index.md"):
        return [doc.problem(("slug",), "the start page of a section keeps the address of its folder",
                            "remove the slug, or rename the folder", prefer_key=True)]
    if not isinstance(slug, str) or not SLUG.match(slug):
        shown = f"'{slug}'" if isinstance(slug, str) else "this value"
        return [doc.problem(("slug",), f"{shown} cannot be part of a web address",
                            "lower-case letters, digits and hyphens, such as werken-met-ons")]
    return []

