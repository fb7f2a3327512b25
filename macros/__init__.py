"""Podium: the mkdocs-macros entry point.

`define_env` registers the page macros, nothing more: each macro reads the
page language and address at render time and calls a pure fragment function.
Imports happen inside the hooks, because importing any part of Podium (the
language check, the audit) first imports this file.
"""
from __future__ import annotations


def fragments() -> dict:
    """Macro name → fragment function (data, page context, arguments → HTML)."""
    from .site import agenda, goal_pages, pages, partner_pages, progress_pages

    return {
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
        "goal_page": goal_pages.goal_page,
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
        "internal_renewals": partner_pages.internal_renewals,
        "internal_agendas": agenda.internal_agendas,
        "internal_partner_view": partner_pages.internal_partner_view,
        "internal_figures": progress_pages.internal_figures,
    }


def define_env(env) -> None:
    import inspect
    from pathlib import Path

    from .model.dataset import load_dataset
    from .site.clock import build_date
    from .site.i18n import PageContext

    root = Path(env.project_dir)
    dataset = load_dataset(root)
    edge = {"today": build_date(), "root": root}

    def context() -> PageContext:
        podium = env.conf.extra.get("podium", {})
        return PageContext(dataset.languages.get(podium["lang"]), page_url=env.page.url,
                           internal=bool(podium.get("internal", False)))

    def bind(fragment):
        wanted = {name: value for name, value in edge.items() if name in inspect.signature(fragment).parameters}

        def macro(*args, **kwargs):
            return fragment(dataset, context(), *args, **kwargs, **wanted)
        macro.__name__ = fragment.__name__
        return macro

    for name, fragment in fragments().items():
        env.macro(bind(fragment), name)


def on_pre_page_macros(env) -> None:
    """Fill in the page's macro lines ourselves; Jinja then has nothing left to render."""
    import logging

    from .language import strip_suppressions
    from .site.expand import expand

    markdown, problems = expand(strip_suppressions(env.markdown), env.macros)
    for problem in problems:
        logging.getLogger("mkdocs.plugins.podium").warning(
            f"content/{env.conf.theme['language']}/{env.page.file.src_uri}: {problem}")
    env.markdown = markdown
    env.page.meta["render_macros"] = False
