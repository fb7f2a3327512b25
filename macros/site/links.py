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

# Tags with an href=, src= or srcset= attribute, then those attributes (a full HTML parser costs
# a sixth of the build); srcset holds several addresses, each followed by its width or density.
TAG = re.compile(r"<[A-Za-z][^>]*?\s(?:href|src|srcset)\s*=[^>]*>")
ATTRIBUTE = re.compile(r"""\s(href|src|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# Style sheets inside a page: <style> elements and style attributes.
STYLE = re.compile(r"""<style\b[^>]*>(.*?)</style>|\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.DOTALL)
# url(...) and @import in style sheets.
CSS_TARGET = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""")


def _first(groups: tuple) -> str:
    return next((g for g in groups if g is not None), "")


def _css_targets(text: str) -> list[str]:
    return [_first(m.groups()) for m in CSS_TARGET.finditer(text) if any(m.groups())]


def _targets(text: str) -> list[str]:
    found = []
    for tag in TAG.findall(text):
        for attribute in ATTRIBUTE.finditer(tag):
            name, value = attribute.group(1), html.unescape(_first(attribute.groups()[1:]))
            if name == "srcset":
                found += [part.split()[0] for part in value.split(",") if part.strip()]
            else:
                found.append(value)
    for match in STYLE.finditer(text):
        found += _css_targets(html.unescape(_first(match.groups())))
    return found


def _is_internal(target: str) -> bool:
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and bool(parts.path)


def _exists(site: Path, site_path: str) -> bool:
    candidate = site / site_path.lstrip("/")
    return candidate.is_file() or (candidate / "index.html").is_file()


def broken_links(site: Path, url_prefix: str = "/") -> list[str]:
    """Describe every internal link or asset reference (HTML attributes, srcset, CSS url() in
    pages and style sheets) that does not resolve to a file."""
    problems = []
    known: dict[str, bool] = {}
    files = [(page, _targets) for page in site.rglob("*.html")]
    files += [(sheet, _css_targets) for sheet in site.rglob("*.css")]
    for page, targets in sorted(files):
        rel = page.relative_to(site).as_posix()
        for target in targets(page.read_text(encoding="utf-8")):
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
