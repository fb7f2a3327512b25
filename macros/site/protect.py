"""Render macros only where an editor meant them.

Editors write prose; a stray `{{`, `{%` or `{#` (for example Material's `{#id}`
attribute syntax) would otherwise be read as Jinja and break the build. Only a
line holding exactly one call of a known macro stays live; everything else is
wrapped in `{% raw %}` so Jinja passes it through untouched.
"""
from __future__ import annotations

import re

CALL = re.compile(r"^\s*\{\{\s*([a-z_][a-z0-9_]*)\s*\((.*)\)\s*\}\}\s*$")
JINJA_START = re.compile(r"\{[{%#]")
ENDRAW = "{% endraw %}"


def _raw(text: str) -> str:
    if not JINJA_START.search(text):
        return text
    pieces = text.split(ENDRAW)
    return "{{ '{% endraw %}' }}".join(f"{{% raw %}}{piece}{{% endraw %}}" for piece in pieces)


def protect(markdown: str, macro_names: set[str]) -> str:
    """Keep known macro calls live and turn every other Jinja-looking text into literal text."""
    out: list[str] = []
    pending: list[str] = []
    for line in markdown.splitlines(keepends=True):
        match = CALL.match(line)
        if match and match.group(1) in macro_names:
            out.append(_raw("".join(pending)))
            pending = []
            out.append(line)
        else:
            pending.append(line)
    out.append(_raw("".join(pending)))
    return "".join(out)
