"""Podium: the mkdocs-macros entry point.

`define_env` registers the page macros, nothing more: each macro reads the
page language and address at render time and calls a pure fragment function.
Imports happen inside the hooks, because importing any part of Podium (the
language check, the audit) first imports this file.
"""
from __future__ import annotations


# Internal fragments show maturity, conversations, check-ins and unsuppressed figures: they are
# registered only in the internal build, so a public page that calls one fails with a message.
INTERNAL_MACROS = ("internal_maturity", "internal_conversations", "internal_checkins", "internal_figures")


def fragments(internal: bool = False) -> dict:
    """Macro name → fragment function (data, page context, arguments → HTML) offered in this build."""
    from .site import pages, partner_pages, progress_pages

    offered = {
        "why": pages.why,
        "commitment": pages.commitment,
        "highlights": pages.highlights,
        "members": pages.members,
        "member_page": pages.member_page,
        "goals_by_pillar": pages.goals_by_pillar,
        "goals_by_block": pages.goals_by_block,
        "roles": pages.roles,
        "reviews": pages.reviews,
        "groups": pages.groups,
        "group_page": pages.group_page,
        "documents": pages.documents,
        "updates": pages.updates,
        "language_guide": pages.language_guide,
        "accessibility_statement": pages.accessibility_statement,
        "progress_overview": progress_pages.progress_overview,
        "collective_rollup": progress_pages.collective_rollup,
        "kpi_page": progress_pages.kpi_page,
        "working_with_us": partner_pages.working_with_us,
        "internal_maturity": partner_pages.internal_maturity,
        "internal_conversations": partner_pages.internal_conversations,
        "internal_checkins": partner_pages.internal_checkins,
        "internal_figures": progress_pages.internal_figures,
    }
    return {name: fn for name, fn in offered.items() if internal or name not in INTERNAL_MACROS}


def define_env(env) -> None:
    import inspect
    from pathlib import Path

    from .model.dataset import load_dataset
    from .site.clock import build_date
    from .site.expand import catalog, known_ids
    from .site.i18n import PageContext

    root = Path(env.project_dir)
    edge = {"today": build_date(), "root": root}
    dataset = load_dataset(root, today=edge["today"])
    internal = bool(env.conf.extra.get("podium", {}).get("internal", False))

    def context() -> PageContext:
        return PageContext(lang=env.conf.theme["language"], page_url=env.page.url, internal=internal)

    def bind(fragment):
        wanted = {name: value for name, value in edge.items() if name in inspect.signature(fragment).parameters}

        def macro(*args, **kwargs):
            return fragment(dataset, context(), *args, **kwargs, **wanted)
        macro.__name__ = fragment.__name__
        return macro

    offered = fragments(internal)
    for name, fragment in offered.items():
        env.macro(bind(fragment), name)
    elsewhere = {name: f"{name}() shows internal data and works only in the internal build "
                       "(podium build --internal), never on a public page" for name in INTERNAL_MACROS
                 if name not in offered}
    env.podium_catalog = catalog(offered, set(edge), known_ids(dataset), elsewhere)


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
