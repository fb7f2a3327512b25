"""The reader's language: interface words and Babel formatting of dates, numbers, figures and periods.

Podium's interface words for Dutch and English are in strings.yml; a project adds or changes the
words of a language in translations/<code>.yml (read with the language registry, macros.base.languages).
"""
from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent

from ..base.languages import TRANSLATIONS, Language, Languages
from ..base.problems import Problem, Problems
from ..base.yamlread import read_data_file
from ..model.privacy import Figure, TenderFigure

STRINGS_FILE = Path(__file__).with_name("strings.yml")


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    """Podium's interface words, {key: {language: text}}; raises Problems at their place in strings.yml."""
    doc = read_data_file(STRINGS_FILE)
    table = doc.data
    shipped = set(next(iter(table.values())))
    uneven = [doc.problem((key,), f"'{key}' does not have the same languages as the first string",
                          f"a text for each of {' and '.join(sorted(shipped))}", prefer_key=True)
              for key, value in table.items() if set(value) != shipped]
    if uneven:
        raise Problems(uneven)
    return table


def interface_problems(languages: Languages) -> list[Problem]:
    """A language Podium has no words for must bring every one of them in translations/<code>.yml."""
    problems = []
    for language in languages:
        missing = [key for key, words in strings().items()
                   if language.code not in words and key not in language.interface]
        if missing:
            problems.append(Problem(f"{TRANSLATIONS}/{language.code}.yml", 1, 1,
                                    f"{len(missing)} interface words for {language.english_name} are missing "
                                    f"({', '.join(missing[:5])}{', …' if len(missing) > 5 else ''})",
                                    f"add each key from macros/site/strings.yml with its {language.english_name} text"))
    return problems


@lru_cache(maxsize=4096)
def _date(value: dt.date, locale: str) -> str:
    return format_date(value, format="long", locale=locale)


@lru_cache(maxsize=4096)
def _number(value: float, locale: str) -> str:
    return format_decimal(value, locale=locale)


@dataclass(frozen=True)
class PageContext:
    """What a fragment knows about its build and the page it lands on, handed to it explicitly.

    The build: its language, its audience (`internal`), the day it speaks of (`today`, read once at
    the edge, see `clock.build_date`) and the project folder (`root`, for the files a page quotes).
    """

    language: Language
    page_url: str = ""
    internal: bool = False
    # Pages with an address of their own in this language: (the address without a slug, this language's).
    # A tuple, so that a context stays hashable.
    addresses: tuple[tuple[str, str], ...] = ()
    today: dt.date | None = None
    root: Path = Path(".")

    @property
    def lang(self) -> str:
        return self.language.code

    def t(self, key: str, **values: object) -> str:
        """A UI string in the page language, with {placeholders} filled in."""
        text = self.language.interface.get(key) or strings()[key][self.lang]
        return text.format(**values) if values else text

    def link(self, target: str) -> str:
        """A link from this page to `target` (a site path such as 'members/stadsmuseum/')."""
        if target.startswith(("http://", "https://", "mailto:", "#")):
            return target
        here = posixpath.dirname(self.page_url.rstrip("/") + "/x") if self.page_url else ""
        path, _, anchor = target.partition("#")
        path = dict(self.addresses).get(path, path)
        rel = posixpath.relpath(path or ".", here or ".")
        rel = "./" if rel == "." else rel + ("/" if path.endswith("/") and not rel.endswith("/") else "")
        return rel + (f"#{anchor}" if anchor else "")

    def date(self, value: dt.date) -> str:
        return _date(value, self.language.locale)

    def number(self, value: float) -> str:
        return _number(value, self.language.locale)

    def percent(self, value: float) -> str:
        """`value` is a fraction: 0.3 → '30%' in English, '30%' or '30 %' as the locale writes it."""
        return format_percent(value, locale=self.language.locale, decimal_quantization=False)


# --- figures and periods in the reader's locale --------------------------------------------


def _rounded(value: float, places: int) -> Decimal:
    """`value` rounded half up to `places` decimals, without binary fractions (21.9, not 21.8999…)."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP).normalize()


@lru_cache(maxsize=8)
def _whole_currency_pattern(lang: str) -> str:
    pattern = Locale.parse(lang).currency_formats["standard"].pattern
    return pattern.replace(".00", "")


def format_value(ctx: PageContext, unit: str, value: float) -> str:
    """A figure in the reader's locale: '23.3%', '12', '€ 4.500', 'yes'."""
    if unit == "percent":
        return ctx.percent(_rounded(value, 1) / 100)
    if unit == "euro":
        return format_currency(_rounded(value, 0), "EUR", format=_whole_currency_pattern(ctx.lang),
                               locale=ctx.lang, currency_digits=False)
    if unit == "yes-no":
        return ctx.t("chart_yes") if value >= 0.5 else ctx.t("chart_no")
    if unit == "count":
        return ctx.number(_rounded(value, 0))
    return ctx.number(_rounded(value, 2))


def format_period(ctx: PageContext, period: int | dt.date) -> str:
    """'2025' for a year (never '2.025'), the locale's long date for a date."""
    return ctx.date(period) if isinstance(period, dt.date) else str(period)


def axis_period(ctx: PageContext, period: int | dt.date) -> str:
    """A short period for the x axis: '2025', or 'Sep 2025' / 'sep 2025' for a date."""
    return format_skeleton("yMMM", period, locale=ctx.lang) if isinstance(period, dt.date) else str(period)


def withheld_text(ctx: PageContext, fig: Figure | TenderFigure) -> str | None:
    """Why a figure is withheld from the public site, in words; None when it is not."""
    return ctx.t(f"withheld_{fig.reason}", k=fig.threshold) if fig.reason else None
