"""Find links inside the built site that lead nowhere.

MkDocs checks links written in Markdown; this also covers the HTML that
macros and templates produce.
"""
from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ATTRIBUTES = {"href", "src"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ATTRIBUTES and value:
                self.targets.append(value)


def _is_internal(target: str) -> bool:
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and bool(parts.path)


def _exists(site: Path, site_path: str) -> bool:
    candidate = site / site_path.lstrip("/")
    return candidate.is_file() or (candidate / "index.html").is_file()


def broken_links(site: Path, url_prefix: str = "/") -> list[str]:
    """Describe every internal link or asset reference that does not resolve to a file."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        collector = _Collector()
        collector.feed(page.read_text(encoding="utf-8"))
        for target in collector.targets:
            if not _is_internal(target):
                continue
            path = unquote(urlsplit(target).path)
            if path.startswith("/"):
                resolved = path[len(url_prefix):] if path.startswith(url_prefix) else path
            else:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
            if resolved.startswith("..") or not _exists(site, resolved):
                problems.append(f"{rel}: the link '{target}' leads to a page or file that does not exist")
    return problems
