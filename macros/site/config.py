"""One MkDocs configuration per language, derived from the shared mkdocs.yml.

One build per language gives each language its own search index, `<html lang>`
and theme strings, with nothing but MkDocs and Material.
The languages themselves come from the registry (macros.base.languages).
"""
from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import material
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from ..base.languages import Language, Languages, read_languages
from ..base.yamlread import read_data_file
from .calendar_files import FEEDS, ICS_NAME
from .i18n import PageContext

MATERIAL = Path(material.__file__).parent / "templates"


def read_base(root: Path) -> dict[str, Any]:
    """mkdocs.yml with numbers and yes/no as MkDocs reads them; raises Problems at their place."""
    return read_data_file(root / "mkdocs.yml", root, typed=True).data


@lru_cache(maxsize=64)
def _material_has(kind: str, code: str) -> bool:
    if kind == "theme":
        return (MATERIAL / "partials" / "languages" / f"{code}.html").is_file()
    return code == "en" or (MATERIAL / "assets" / "javascripts" / "lunr" / "min" / f"lunr.{code}.min.js").is_file()


def theme_language(language: Language) -> str:
    """The first of the language's theme languages that Material has, else English."""
    return next((code for code in language.theme if _material_has("theme", code)), "en")


def search_languages(language: Language) -> list[str]:
    """The language's search languages that Material has, else English."""
    return [code for code in language.search if _material_has("search", code)] or ["en"]


def root_url(base: dict[str, Any]) -> str:
    url = base.get("site_url") or ""
    return url if not url or url.endswith("/") else url + "/"


def _theme(base: dict[str, Any], language: Language) -> dict[str, Any]:
    theme = copy.deepcopy(base["theme"])
    theme["language"] = theme_language(language)
    ctx = PageContext(language)
    for option in theme.get("palette", []):
        if "toggle" in option:
            option["toggle"]["name"] = ctx.t(option["toggle"]["name"])
    return theme


def _plugins(base: dict[str, Any], language: Language) -> list[Any]:
    plugins = copy.deepcopy(base["plugins"])
    for index, plugin in enumerate(plugins):
        if plugin == "search" or (isinstance(plugin, dict) and "search" in plugin):
            search = search_languages(language)
            plugins[index] = {"search": {"lang": search[0] if len(search) == 1 else search}}
    return plugins


def _extra(base: dict[str, Any], languages: Languages, language: Language, internal: bool) -> dict[str, Any]:
    extra = copy.deepcopy(base.get("extra", {}))
    podium = extra.setdefault("podium", {})
    ctx = PageContext(language)
    podium.update(lang=language.code, languages=list(languages.codes), internal=internal,
                  root_url="" if internal else root_url(base),
                  internal_notice=ctx.t("internal_notice"), feeds=_feeds(ctx),
                  feeds_label=ctx.t("feeds_footer"))
    extra["alternate"] = [{"name": other.name, "lang": other.code} for other in languages if other != language]
    return extra


def _feeds(ctx: PageContext) -> list[dict[str, str]]:
    """The calendar and the feeds, linked from every page's head and footer (paths inside the language)."""
    return [{"path": FEEDS["moments"], "type": "application/atom+xml", "title": ctx.t("calendar_feed_label")},
            {"path": FEEDS["achievements"], "type": "application/atom+xml",
             "title": ctx.t("achievements_feed_label")},
            {"path": FEEDS["opportunities"], "type": "application/atom+xml",
             "title": ctx.t("opportunities_feed_label")},
            {"path": ICS_NAME, "type": "text/calendar", "title": ctx.t("calendar_ics_label")}]


def _nav(base: dict[str, Any], language: Language, internal_pages: Sequence[str]) -> list[Any]:
    """The shared navigation; the internal build adds its own section (`internal_pages`)."""
    nav = copy.deepcopy(base["nav"])
    if internal_pages:
        nav.append({PageContext(language).t("internal_nav"): list(internal_pages)})
    return nav


def language_config(root: Path, base: dict[str, Any], lang: str, site_dir: Path,
                    internal: bool = False, internal_pages: Sequence[str] = ()) -> MkDocsConfig:
    """The MkDocs configuration that builds `content/<lang>` into `site_dir` (`base`: mkdocs.yml as read);
    the internal build lists `internal_pages` in its own section of the navigation."""
    url = root_url(base)
    languages = read_languages(root)
    language = languages.get(lang)
    return load_config(
        config_file=str(root / "mkdocs.yml"),
        docs_dir=str(root / "content" / lang),
        site_dir=str(site_dir),
        site_url=(url + lang + "/") if url else "",
        site_name=base["extra"]["podium"]["site_name"][lang],
        theme=_theme(base, language),
        plugins=_plugins(base, language),
        extra=_extra(base, languages, language, internal),
        nav=_nav(base, language, internal_pages if internal else ()),
        strict=True,
    )
