"""The incremental audit: each view's result, kept under a hash of everything it depends on.

A view's key hashes the page's HTML, every file the page loads by itself (styles, scripts,
images, fonts and what the styles load in turn, read from the built files; a missing file counts
as "missing"), axe-core itself, Podium's own checks (the source of this package), the browser
version, the audit settings and the view. Change any of them and the key changes, so the view
is audited again. Files a script fetches later (search index, sitemap) are not part of the key:
they do not change what the checks see on the page, and whether they exist is checked again on
every run from the requests the cached result lists.

The cache file is JSON. Each entry carries a digest of its key and content; an entry whose
digest does not match, or a file that cannot be read, is ignored, so a damaged cache only costs
time: it can never turn a failing view into a passing one.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .report import write_json_atomic

SCHEMA = "podium-audit-cache/1"
#: Entries not used for this many days are dropped when the cache is saved.
KEEP_DAYS = 30

# Elements that load a resource by themselves, and the attributes that name it.
_LOADING_TAG = re.compile(
    r"<(?:link|script|img|source|iframe|frame|video|audio|track|embed|object|input|image|use)\b"
    r"[^>]*>", re.IGNORECASE)
_VALUE = r"""\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
"""An attribute's value in double, single or no quotes (one group each)."""
_ATTRIBUTE = re.compile(r"\s(src|href|srcset|poster|data|xlink:href)" + _VALUE, re.IGNORECASE)
_REL = re.compile(r"\srel" + _VALUE, re.IGNORECASE)
# rel values of <link>s that the browser does not load by themselves.
_NAMING_RELS = {"alternate", "canonical", "prev", "next", "author", "license", "help", "me",
                "bookmark", "search", "shortlink", "tag", "external"}
_CSS_REFERENCE = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""")
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>|\sstyle\s*=\s*(?:\"([^\"]*)\"|'([^']*)')",
                    re.IGNORECASE | re.DOTALL)


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset attribute ("a.png 1x, b.png 2x" -> ["a.png", "b.png"])."""
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def css_references(text: str) -> list[str]:
    """Every url(...) and @import target in CSS text."""
    return [next(g for g in match.groups() if g is not None) for match in _CSS_REFERENCE.finditer(text)
            if any(match.groups())]


def html_loads(text: str) -> list[str]:
    """URLs the HTML loads by itself: src/href of loading elements, srcset candidates, and url()
    in <style> elements and style attributes. Links (<a href>) are not loads, and neither are
    <link>s that only name another document (a feed, the other language, the canonical
    address): the browser does not fetch them, so a new feed entry changes no page's result."""
    found = []
    for tag in _LOADING_TAG.findall(text):
        if names_only(tag):
            continue
        for name, *values in _ATTRIBUTE.findall(tag):
            value = html.unescape(next((v for v in values if v), ""))
            if not value:
                continue
            found += srcset_urls(value) if name.lower() == "srcset" else [value]
    for match in _STYLE.finditer(text):
        found += css_references(html.unescape(next((g for g in match.groups() if g), "")))
    return found


def names_only(tag: str) -> bool:
    """A <link> whose every rel only names a document (rel="alternate", "canonical", ...)."""
    if tag[:5].lower() != "<link":
        return False
    match = _REL.search(tag)
    rels = set((next((v for v in match.groups() if v), "") if match else "").lower().split())
    return bool(rels) and rels <= _NAMING_RELS


def resolve(target: str, from_file: str) -> str | None:
    """The site path ("nl/assets/x.css") that ``target`` names from ``from_file``; None for
    addresses on other hosts, data: URLs and fragments."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    joined = path if path.startswith("/") else posixpath.join(posixpath.dirname(from_file), path)
    return posixpath.normpath(joined).lstrip("/")


class SiteFiles:
    """The built site's files, each read and hashed once per run."""

    def __init__(self, site_dir: Path):
        self.site_dir = Path(site_dir)
        self.root = self.site_dir.resolve()
        self._hashes: dict[str, str] = {}
        self._loads: dict[str, list[str]] = {}

    def exists(self, path: str) -> bool:
        """Whether a request for site path ``path`` ("/nl/", "nl/x.css") is answered by a file."""
        candidate = (self.root / path.lstrip("/")).resolve()
        if candidate != self.root and self.root not in candidate.parents:
            return False
        return candidate.is_file() or (candidate / "index.html").is_file()

    def digest(self, path: str) -> str:
        if path not in self._hashes:
            file = self.root / path
            self._hashes[path] = (hashlib.sha256(file.read_bytes()).hexdigest()
                                  if not path.startswith("..") and file.is_file() else "missing")
        return self._hashes[path]

    def page_inputs(self, file: str) -> list[tuple[str, str]]:
        """(path, digest) of the page and of every file it loads, directly or through CSS."""
        seen: dict[str, str] = {}
        todo = [file]
        while todo:
            path = todo.pop()
            if path in seen:
                continue
            seen[path] = self.digest(path)
            todo += self._loaded_by(path)
        return sorted(seen.items())

    def _loaded_by(self, path: str) -> list[str]:
        if path not in self._loads:
            targets: list[str] = []
            file = self.root / path
            if self.digest(path) != "missing" and path.endswith((".html", ".css")):
                text = file.read_text(encoding="utf-8", errors="replace")
                targets = html_loads(text) if path.endswith(".html") else css_references(text)
            self._loads[path] = [r for r in (resolve(t, path) for t in targets) if r]
        return self._loads[path]


@lru_cache(maxsize=1)
def check_version() -> str:
    """A hash of Podium's audit code and rule data: a new version of any check changes it."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for file in sorted([*package.glob("*.py"), *package.glob("*.yml")]):
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def view_key(settings: dict, page_url: str, view: dict, position: int,
             inputs: list[tuple[str, str]]) -> str:
    """The key of one page view: settings (tools, versions, rules), page, view, inputs."""
    material = json.dumps([settings, page_url, view, position, inputs], sort_keys=True)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _entry_digest(key: str, result: dict) -> str:
    return hashlib.sha256((key + json.dumps(result, sort_keys=True)).encode("utf-8")).hexdigest()


class AuditCache:
    """The cache file: results by key, plus what the audit needs to know about axe-core."""

    def __init__(self, path: Path | None, today: date | None = None):
        self.path = Path(path) if path else None
        self.today = (today or date.today()).isoformat()
        self.entries: dict[str, dict] = {}
        self.tools: dict[str, dict] = {}
        self.discarded = 0
        self.problem = ""
        if self.path and self.path.exists():
            self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("schema") != SCHEMA:
                raise ValueError("not a Podium audit cache of this version")
            entries, tools = data["entries"], data.get("tools", {})
            if not isinstance(entries, dict) or not isinstance(tools, dict):
                raise ValueError("entries missing")
        except (OSError, ValueError, KeyError, TypeError) as error:
            self.problem = f"{self.path} could not be read ({error}); every page is audited afresh"
            return
        self.tools = tools
        for key, entry in entries.items():
            valid = (isinstance(entry, dict) and isinstance(entry.get("result"), dict)
                     and entry.get("digest") == _entry_digest(key, entry["result"]))
            if valid:
                self.entries[key] = entry
            else:
                self.discarded += 1
        if self.discarded:
            self.problem = (f"{self.path}: {self.discarded} damaged entries ignored; "
                            "those page views are audited afresh")

    def get(self, key: str) -> dict | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        entry["used"] = self.today
        return entry["result"]

    def put(self, key: str, result: dict) -> None:
        self.entries[key] = {"digest": _entry_digest(key, result), "used": self.today,
                             "result": result}

    def save(self) -> None:
        if not self.path:
            return
        cutoff = date.fromisoformat(self.today).toordinal() - KEEP_DAYS
        kept = {key: entry for key, entry in self.entries.items()
                if _ordinal(entry.get("used")) >= cutoff}
        write_json_atomic(self.path, {"schema": SCHEMA, "tools": self.tools, "entries": kept})


def _ordinal(day: object) -> int:
    try:
        return date.fromisoformat(str(day)).toordinal()
    except ValueError:
        return 0
