"""Addresses in the reader's language: a page may name its own slug per language.

`content/nl/work-with-us.md` with `slug: werken-met-ons` in its front matter is published at
`/nl/werken-met-ons/`, while its twin `content/en/work-with-us.md` stays at `/en/work-with-us/`.
Pages stay paired by file name, so the language switch, hreflang and the sitemap look up
the twin's address here.
"""
from __future__ import annotations

import posixpath
from pathlib import Path

from .front_matter import read_front_matter


def default_url(src_uri: str) -> str:
    """The address MkDocs gives a page: 'work-with-us.md' → 'work-with-us/', 'progress/index.md' → 'progress/'."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def slug_of(markdown: str) -> str | None:
    """The page's own address in its language, if its front matter names a usable one (the build
    reports the others before it starts: content_safety.page_problems)."""
    meta, problems = read_front_matter(markdown, "page.md")
    return None if problems else meta.get("slug")


def url_with_slug(src_uri: str, slug: str) -> str:
    folder = posixpath.dirname(src_uri)
    return f"{folder}/{slug}/" if folder else f"{slug}/"


def addresses(root: Path, langs: list[str]) -> dict[str, dict[str, str]]:
    """{src_uri: {lang: url}} for every page that has its own slug in at least one language."""
    found: dict[str, dict[str, str]] = {}
    for lang in langs:
        folder = root / "content" / lang
        for path in sorted(folder.rglob("*.md")):
            src = path.relative_to(folder).as_posix()
            slug = slug_of(path.read_text(encoding="utf-8"))
            if slug and not src.endswith("index.md"):
                found.setdefault(src, {})[lang] = url_with_slug(src, slug)
    return {src: {lang: urls.get(lang, default_url(src)) for lang in langs} for src, urls in found.items()}


def url_in(pairs: dict[str, dict[str, str]], src_uri: str, lang: str) -> str:
    """The address of page `src_uri` in `lang`."""
    return pairs.get(src_uri, {}).get(lang) or default_url(src_uri)


def canonical_paths(pairs: dict[str, dict[str, str]], lang: str) -> dict[str, str]:
    """This language's slugged address → the address the page has without a slug (its pairing key)."""
    return {urls[lang]: default_url(src) for src, urls in pairs.items()}


def canonical_addresses(pairs: dict[str, dict[str, str]], lang: str) -> tuple[tuple[str, str], ...]:
    """(The address a page has without a slug, its address in `lang`), for links that fragments make."""
    return tuple((default_url(src), urls[lang]) for src, urls in sorted(pairs.items()))
