"""Render page fragments from Jinja templates with autoescaping, so no data text can inject HTML."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .i18n import PageContext

TEMPLATES = Path(__file__).with_name("templates")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env


def render(template: str, ctx: PageContext, **values: Any) -> str:
    """HTML for Markdown: starts at column 0 and has no blank lines, so Markdown leaves it alone."""
    html = environment().get_template(template).render(ctx=ctx, lang=ctx.lang, t=ctx.t,
                                                       tr=lambda text: text(ctx.lang), **values)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip()) + "\n"


def render_document(template: str, **values: Any) -> str:
    """A whole file (a root page, the sitemap), rendered with autoescape."""
    return environment().get_template(template).render(**values)
