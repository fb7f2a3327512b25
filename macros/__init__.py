"""Podium: the mkdocs-macros entry point.

`define_env` registers the page macros (listed in `site/registry.py`): each macro reads
the page language and address at render time and calls a pure fragment function.
Imports happen inside the hooks, because importing any part of Podium (the
language check, the audit) first imports this file.
"""
from __future__ import annotations


def define_env(env) -> None:
    from pathlib import Path

    from .model.dataset import load_dataset
    from .site.clock import build_date
    from .site.i18n import PageContext
    from .site.slugs import canonical_addresses
    from .site.registry import fragments, page_catalog

    root, today = Path(env.project_dir), build_date()
    dataset = load_dataset(root, today=today)
    internal = bool(env.conf.extra.get("podium", {}).get("internal", False))

    def context() -> PageContext:
        podium = env.conf.extra.get("podium", {})
        lang = podium["lang"]
        return PageContext(dataset.languages.get(lang), page_url=env.page.url, internal=internal,
                           addresses=canonical_addresses(podium.get("pages", {}), lang), today=today, root=root)

    def bind(fragment):
        def macro(*args, **kwargs):
            return fragment(dataset, context(), *args, **kwargs)
        macro.__name__ = fragment.__name__
        return macro

    for name, fragment in fragments(internal).items():
        env.macro(bind(fragment), name)
    env.podium_catalog = page_catalog(dataset, internal)


def _first_line(page) -> int:
    """The line of the source file on which the page's Markdown (after its front matter) starts."""
    try:
        source = page.file.content_string
    except (OSError, UnicodeDecodeError):
        return 1
    if page.markdown and source.endswith(page.markdown):
        return source[: len(source) - len(page.markdown)].count("\n") + 1
    return 1


def on_pre_page_macros(env) -> None:
    """Check the page's macro lines, then fill them in ourselves; Jinja then has nothing left to render.
    The front matter's title and description are escaped for the theme's templates."""
    import logging

    from .language import strip_suppressions
    from .site.content_safety import escape_front_matter
    from .site.expand import expand, macro_problems

    log = logging.getLogger("mkdocs.plugins.podium")
    path = f"content/{env.conf.theme['language']}/{env.page.file.src_uri}"
    problems = macro_problems(env.markdown, env.podium_catalog, path, _first_line(env.page))
    for problem in problems:
        log.warning(str(problem))
    if not problems:
        markdown, failures = expand(strip_suppressions(env.markdown), env.macros)
        for failure in failures:
            log.warning(f"{path}: {failure}")
        env.markdown = markdown
    escape_front_matter(env.page.meta)
    env.page.meta["render_macros"] = False
