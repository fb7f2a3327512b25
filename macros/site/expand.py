"""Fill in the macro calls of a page, and only those.

Editors write prose; only a line that holds exactly one call of a known macro,
such as `{{ goals_by_pillar() }}` or `{{ member_page("stadsmuseum") }}`, is filled
in. Everything else, including a stray `{{`, `{%` or `{#` (Material's `{#id}`),
stays text. Arguments may only be plain values (text, numbers, yes/no), so a page
cannot run code. Expanding the calls directly also spares compiling every page as
a Jinja template, which was most of what the macros cost in a build.
"""
from __future__ import annotations

import ast
import re
from typing import Callable

CALL = re.compile(r"^[ \t]*\{\{\s*([a-z_][a-z0-9_]*\s*\(.*\))\s*\}\}[ \t]*$", re.MULTILINE)


class MacroError(Exception):
    """A macro line that could not be filled in; the message names the line."""


def _parse(call: str) -> tuple[str, list, dict]:
    node = ast.parse(call, mode="eval").body
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
        raise ValueError("not a macro call")
    args = [ast.literal_eval(arg) for arg in node.args]
    kwargs = {kw.arg: ast.literal_eval(kw.value) for kw in node.keywords if kw.arg}
    return node.func.id, args, kwargs


def expand(markdown: str, macros: dict[str, Callable[..., str]]) -> tuple[str, list[str]]:
    """The page with each macro line replaced by its HTML, and a message per line that failed."""
    problems: list[str] = []

    def fill(found: re.Match) -> str:
        line = markdown.count("\n", 0, found.start()) + 1
        try:
            name, args, kwargs = _parse(found.group(1))
        except (SyntaxError, ValueError):
            return found.group(0)
        if name not in macros:
            return found.group(0)
        try:
            return macros[name](*args, **kwargs).rstrip("\n")
        except Exception as error:  # noqa: BLE001 - every failure is reported at its line
            problems.append(f"line {line}: `{found.group(0).strip()}` could not be filled in "
                            f"({type(error).__name__}: {error})")
            return ""

    return CALL.sub(fill, markdown), problems
