"""The reader's language: UI strings (data in strings.yml) and Babel formatting of dates and numbers."""
from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

STRINGS_FILE = Path(__file__).with_name("strings.yml")
# The English pages are written for a European public: "1 July 2026", not "July 1, 2026".
LOCALES = {"nl": "nl_NL", "en": "en_GB"}


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    with STRINGS_FILE.open(encoding="utf-8") as handle:
        table = yaml.safe_load(handle)
    missing = [key for key, value in table.items() if set(value) != {"nl", "en"}]
    if missing:
        raise ValueError(f"{STRINGS_FILE.name}: these strings need both nl and en: {', '.join(missing)}")
    return table


@lru_cache(maxsize=4096)
def _date(value: dt.date, lang: str) -> str:
    return format_date(value, format="long", locale=LOCALES[lang])


@lru_cache(maxsize=4096)
def _number(value: float, lang: str) -> str:
    return format_decimal(value, locale=LOCALES[lang])


@dataclass(frozen=True)
class PageContext:
    """What a fragment needs to know about the page it lands on."""

    lang: str
    page_url: str = ""
    internal: bool = False

    def t(self, key: str, **values: object) -> str:
        """A UI string in the page language, with {placeholders} filled in."""
        text = strings()[key][self.lang]
        return text.format(**values) if values else text

    def link(self, target: str) -> str:
        """A link from this page to `target` (a site path such as 'members/stadsmuseum/')."""
        if target.startswith(("http://", "https://", "mailto:", "#")):
            return target
        here = posixpath.dirname(self.page_url.rstrip("/") + "/x") if self.page_url else ""
        path, _, anchor = target.partition("#")
        rel = posixpath.relpath(path or ".", here or ".")
        rel = "./" if rel == "." else rel + ("/" if path.endswith("/") and not rel.endswith("/") else "")
        return rel + (f"#{anchor}" if anchor else "")

    def date(self, value: dt.date) -> str:
        return _date(value, self.lang)

    def number(self, value: float) -> str:
        return _number(value, self.lang)

    def percent(self, value: float) -> str:
        """`value` is a fraction: 0.3 → '30%' in English, '30%' or '30 %' as the locale writes it."""
        return format_percent(value, locale=LOCALES[self.lang], decimal_quantization=False)
