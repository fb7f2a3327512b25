"""The collective's branding as data (data/brand.yml): name, logo and main colour.

The colours are checked here, where the editor chose them, so a colour that readers
cannot read never reaches a page: links and chart lines use the light colour on a
white page and the dark colour on the dark page, and the header puts white text on
the light colour.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import DataErrors, Problem
from ..base.languages import read_languages
from ..base.yamlread import Document, read_yaml

BRAND_FILE = "data/brand.yml"
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
# The page backgrounds of the light and the dark scheme (Material's default and slate).
BACKGROUNDS = {"light": "#ffffff", "dark": "#1e2129"}
MIN_CONTRAST = 4.5   # WCAG 1.4.3 for text; chart lines (3:1) are then covered too


@dataclass(frozen=True)
class Brand:
    name: dict[str, str]
    logo_svg: str                # the SVG file's text
    colour: dict[str, str]       # scheme ("light", "dark") → "#rrggbb"


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two '#rrggbb' colours, from 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _text(doc: Document, loc: tuple, problems: list[Problem], langs: tuple[str, ...]) -> dict[str, str]:
    value = doc.data.get(loc[0]) if isinstance(doc.data, dict) else None
    line, col = doc.position(loc, prefer_key=True)
    if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) or not value[lang].strip()
                                          for lang in langs):
        problems.append(Problem(doc.path, line, col, f"'{loc[0]}' needs a text in every language",
                                "for example  name: {nl: \"Samen Open\", en: \"Samen Open\"}"))
        return {}
    return {lang: value[lang].strip() for lang in langs}


def _logo(doc: Document, root: Path, problems: list[Problem]) -> str:
    value = doc.data.get("logo")
    line, col = doc.position(("logo",))
    path = (root / "data" / value) if isinstance(value, str) else None
    if path is None or path.suffix.lower() != ".svg" or not path.is_file():
        problems.append(Problem(doc.path, line, col, f"the logo '{value}' is not an SVG file in the data folder",
                                "the path of an .svg file relative to data/, for example brand/logo.svg"))
        return ""
    text = path.read_text(encoding="utf-8")
    if "<svg" not in text:
        problems.append(Problem(doc.path, line, col, f"the file '{value}' holds no SVG drawing",
                                "an SVG file saved from a drawing program"))
    return text


def _colours(doc: Document, problems: list[Problem]) -> dict[str, str]:
    colours = doc.data.get("colour")
    if not isinstance(colours, dict):
        line, col = doc.position(("colour",), prefer_key=True)
        problems.append(Problem(doc.path, line, col, "the colours are missing",
                                "colour: with light: \"#1b4a86\" and dark: \"#9dc1ff\""))
        return {}
    result = {}
    for scheme, background in BACKGROUNDS.items():
        value = colours.get(scheme)
        line, col = doc.position(("colour", scheme))
        if not isinstance(value, str) or not HEX.match(value):
            problems.append(Problem(doc.path, line, col, f"the {scheme} colour '{value}' is not a colour code",
                                    "a code of # and six digits or letters a–f, for example \"#1b4a86\""))
            continue
        ratio = contrast(value, background)
        if ratio < MIN_CONTRAST:
            page = "white" if scheme == "light" else "dark"
            problems.append(Problem(
                doc.path, line, col,
                f"the {scheme} colour {value} is hard to read on the {page} page (contrast {ratio:.1f} to 1)",
                f"a colour with a contrast of at least {MIN_CONTRAST} to 1 against {background}: "
                + ("a darker one" if scheme == "light" else "a lighter one")))
        result[scheme] = value.lower()
    return result


def load_brand(root: Path, langs: tuple[str, ...] | None = None) -> Brand:
    """Read and check data/brand.yml; raise DataErrors with every problem at once.

    The name is needed in every language of the site (from the language registry unless given)."""
    langs = langs or read_languages(root).codes
    if not (root / BRAND_FILE).is_file():
        raise DataErrors([Problem(BRAND_FILE, 1, 1, "this file is missing",
                                  "a file with the name, logo and colour of the site (see the example)")])
    doc, problems = read_yaml(root / BRAND_FILE, root)
    if doc is not None and not isinstance(doc.data, dict):
        problems.append(Problem(doc.path, 1, 1, "this file should hold fields", "name:, logo: and colour:"))
    if doc is None or problems:
        raise DataErrors(problems)
    name = _text(doc, ("name",), problems, langs)
    logo = _logo(doc, root, problems)
    colour = _colours(doc, problems)
    if problems:
        raise DataErrors(problems)
    return Brand(name=name, logo_svg=logo, colour=colour)


def brand_problems(root: Path, langs: tuple[str, ...] | None = None) -> list[Problem]:
    """What is wrong in data/brand.yml; empty when the brand can be used."""
    try:
        load_brand(root, langs)
    except DataErrors as errors:
        return errors.problems
    return []
