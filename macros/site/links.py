"""Find links inside the built site that lead nowhere.

MkDocs checks links written in Markdown; this also covers the HTML that
macros and templates produce.
"""
from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

# href= and src= attributes of the generated HTML (a full HTML parser costs a sixth of the build).
TARGET = re.compile(r"""<[^>]*?\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _targets(text: str) -> list[str]:
    return [html.unescape(m.group(1) if m.group(1) is not None else m.group(2)) for m in TARGET.finditer(text)]


def _is_internal(target: str) -> bool:
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and bool(parts.path)


def _exists(site: Path, site_path: str) -> bool:
    candidate = site / site_path.lstrip("/")
    return candidate.is_file() or (candidate / "index.html").is_file()


def broken_links(site: Path, url_prefix: str = "/") -> list[str]:
    """Describe every internal link or asset reference that does not resolve to a file."""
    problems = []
    known: dict[str, bool] = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        for target in _targets(page.read_text(encoding="utf-8")):
            if not _is_internal(target):
                continue
            path = unquote(urlsplit(target).path)
            if path.startswith("/"):
                resolved = path[len(url_prefix):] if path.startswith(url_prefix) else path
            else:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
            if resolved not in known:
                known[resolved] = not resolved.startswith("..") and _exists(site, resolved)
            if not known[resolved]:
                problems.append(f"{rel}: the link '{target}' leads to a page or file that does not exist")
    return problems
