"""One MkDocs configuration per language, derived from the shared mkdocs.yml.

One build per language gives each language its own search index, `<html lang>`
and theme strings (see the research notes on i18n, design B).
"""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from .calendar_files import FEEDS, ICS_NAME
from .generated import INTERNAL_PAGES
from .i18n import PageContext

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


def read_base(root: Path) -> dict[str, Any]:
    with (root / "mkdocs.yml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def languages(base: dict[str, Any]) -> list[str]:
    return list(base["extra"]["podium"]["languages"])


def root_url(base: dict[str, Any]) -> str:
    url = base.get("site_url") or ""
    return url if not url or url.endswith("/") else url + "/"


def _theme(base: dict[str, Any], lang: str) -> dict[str, Any]:
    theme = copy.deepcopy(base["theme"])
    theme["language"] = lang
    ctx = PageContext(lang)
    for option in theme.get("palette", []):
        if "toggle" in option:
            option["toggle"]["name"] = ctx.t(option["toggle"]["name"])
    return theme


def _plugins(base: dict[str, Any], lang: str) -> list[Any]:
    plugins = copy.deepcopy(base["plugins"])
    for index, plugin in enumerate(plugins):
        if plugin == "search" or (isinstance(plugin, dict) and "search" in plugin):
            plugins[index] = {"search": {"lang": lang}}
    return plugins


def _extra(base: dict[str, Any], lang: str, internal: bool) -> dict[str, Any]:
    extra = copy.deepcopy(base.get("extra", {}))
    podium = extra.setdefault("podium", {})
    podium.update(internal=internal, root_url="" if internal else root_url(base),
                  internal_notice=PageContext(lang).t("internal_notice"), feeds=_feeds(lang),
                  feeds_label=PageContext(lang).t("feeds_footer"))
    extra["alternate"] = [{"name": LANGUAGE_NAMES[other], "lang": other}
                          for other in languages(base) if other != lang]
    return extra


def _feeds(lang: str) -> list[dict[str, str]]:
    """The calendar and the feeds, linked from every page's head and footer (paths inside the language)."""
    ctx = PageContext(lang)
    return [{"path": FEEDS["moments"], "type": "application/atom+xml", "title": ctx.t("calendar_feed_label")},
            {"path": FEEDS["achievements"], "type": "application/atom+xml",
             "title": ctx.t("achievements_feed_label")},
            {"path": ICS_NAME, "type": "text/calendar", "title": ctx.t("calendar_ics_label")}]


def _nav(base: dict[str, Any], lang: str, internal: bool) -> list[Any]:
    """The shared navigation; the internal build adds its own section."""
    nav = copy.deepcopy(base["nav"])
    if internal:
        nav.append({PageContext(lang).t("internal_nav"): [path for path, _, _ in INTERNAL_PAGES]})
    return nav


def language_config(root: Path, base: dict[str, Any], lang: str, site_dir: Path,
                    internal: bool = False) -> MkDocsConfig:
    """The MkDocs configuration that builds `content/<lang>` into `site_dir` (`base`: mkdocs.yml as read)."""
    url = root_url(base)
    return load_config(
        config_file=str(root / "mkdocs.yml"),
        docs_dir=str(root / "content" / lang),
        site_dir=str(site_dir),
        site_url=(url + lang + "/") if url else "",
        site_name=base["extra"]["podium"]["site_name"][lang],
        theme=_theme(base, lang),
        plugins=_plugins(base, lang),
        extra=_extra(base, lang, internal),
        nav=_nav(base, lang, internal),
        strict=True,
    )
