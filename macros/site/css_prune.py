"""Only the theme's CSS that the site can use.

Material's stylesheet (about 135 KB) styles every feature of the theme: code blocks, tabs, blog,
versions and more. Every page view waits for it before it shows anything, so the build keeps only
the selectors whose class names (and exact attribute values, such as the colour names of
`[data-md-color-primary=red]`) occur in the site: in a built page, or in a script that can add
them (Material's page script creates the search results, tooltips and dialogs). A selector list
loses the selectors that can never match; a rule without any is left out. Classes inside
`:not()`, `:is()` and other functions do not count, so such selectors always stay.
"""
from __future__ import annotations

import re
from pathlib import Path

import tinycss2
from tinycss2.ast import AtRule, IdentToken, LiteralToken, QualifiedRule, SquareBracketsBlock, StringToken

THEME_CSS = "assets/stylesheets/*.min.css"     # main (components) and palette (colours)
ATTRIBUTE = re.compile(r'\s[\w:-]+="([^"]*)"')
NAME = re.compile(r"[A-Za-z_][\w-]*")
# At-rules whose blocks hold rules with selectors; other at-rules (keyframes, page) stay whole.
NESTING = {"media", "supports", "container", "layer"}


def used_names(site_dir: Path) -> set[str]:
    """The words of the built pages' attribute values (class names among them), and every word of
    the scripts (a superset of the class names and attribute values they set)."""
    names: set[str] = set()
    for page in site_dir.rglob("*.html"):
        for value in ATTRIBUTE.findall(page.read_text(encoding="utf-8")):
            names.update(value.split())
    for script in site_dir.rglob("*.js"):
        names.update(NAME.findall(script.read_text(encoding="utf-8")))
    return names


def _selectors(prelude: list) -> list[list]:
    """The selectors of a selector list, split at the commas outside any function."""
    parts: list[list] = [[]]
    for token in prelude:
        if isinstance(token, LiteralToken) and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _attribute_value(block: SquareBracketsBlock) -> str | None:
    """'red' of [data-md-color-primary=red]; None for other attribute tests ([hidden], [href^=…])."""
    tokens = [t for t in block.content if t.type != "whitespace"]
    if (len(tokens) == 3 and isinstance(tokens[1], LiteralToken) and tokens[1].value == "="
            and isinstance(tokens[2], IdentToken | StringToken)):
        return tokens[2].value
    return None


def _classes(selector: list) -> set[str]:
    """The class names and exact attribute values a selector needs; those inside functions such
    as :not() are skipped."""
    found = set()
    for before, token in zip([None, *selector], selector):
        if isinstance(before, LiteralToken) and before.value == "." and isinstance(token, IdentToken):
            found.add(token.value)
        elif isinstance(token, SquareBracketsBlock) and (value := _attribute_value(token)) is not None:
            found.add(value)
    return found


def _kept_rule(rule: QualifiedRule, names: set[str]) -> str:
    kept = [s for s in _selectors(rule.prelude) if _classes(s) <= names]
    if not kept:
        return ""
    prelude = ",".join(tinycss2.serialize(s).strip() for s in kept)
    return f"{prelude}{{{tinycss2.serialize(rule.content)}}}"


def _kept(rules: list, names: set[str]) -> str:
    out = []
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            out.append(_kept_rule(rule, names))
        elif isinstance(rule, AtRule) and rule.lower_at_keyword in NESTING and rule.content is not None:
            inner = _kept(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), names)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif not isinstance(rule, AtRule) or rule.lower_at_keyword not in NESTING:
            out.append(tinycss2.serialize([rule]))
    return "".join(out)


def prune_css(css: str, names: set[str]) -> str:
    """`css` without the selectors that need a class name not in `names`."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return _kept(rules, names)


def prune_theme_css(site_dir: Path) -> None:
    """Rewrite Material's stylesheets of the built site with only what the site can use."""
    names = used_names(site_dir)
    for path in site_dir.glob(THEME_CSS):
        path.write_text(prune_css(path.read_text(encoding="utf-8"), names), encoding="utf-8")
