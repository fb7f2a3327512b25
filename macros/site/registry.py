"""The macros a page may call: name → fragment function, and the editor's view of them.

A fragment takes the data and the page context first, then the values an editor writes in the
macro line (`{{ member_page("stadsmuseum") }}`), then values the build fills in itself.
"""
from __future__ import annotations

from typing import Any, Callable

from . import accessibility, agenda, calendar_pages, goal_pages, pages, partner_pages, progress_pages, summary
from .expand import Catalog, catalog, known_ids

# Internal fragments show maturity, conversations, check-ins, certificate renewals, review agendas,
# partner views and unsuppressed figures: they are
# offered only in the internal build, so a public page that calls one fails with a message.
INTERNAL_MACROS = ("internal_maturity", "internal_conversations", "internal_checkins", "internal_figures",
                   "internal_calendar", "channel_texts", "internal_renewals", "internal_agendas",
                   "internal_partner_view")
# Values the build passes to a fragment itself (see `define_env`); editors never write them.
FILLED_IN = frozenset({"today", "root"})

FRAGMENTS: dict[str, Callable[..., str]] = {
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
    "accessibility_statement": accessibility.accessibility_statement,
    "progress_overview": progress_pages.progress_overview,
    "progress_summary": summary.progress_summary,
    "collective_rollup": progress_pages.collective_rollup,
    "kpi_page": progress_pages.kpi_page,
    "working_with_us": partner_pages.working_with_us,
    "internal_maturity": partner_pages.internal_maturity,
    "internal_conversations": partner_pages.internal_conversations,
    "internal_checkins": partner_pages.internal_checkins,
    "internal_figures": progress_pages.internal_figures,
    "internal_renewals": partner_pages.internal_renewals,
    "internal_agendas": agenda.internal_agendas,
    "internal_partner_view": partner_pages.internal_partner_view,
    "calendar": calendar_pages.calendar,
    "internal_calendar": calendar_pages.internal_calendar,
    "channel_texts": calendar_pages.channel_texts,
}


def fragments(internal: bool = False) -> dict[str, Callable[..., str]]:
    """The fragments offered in this build."""
    return {name: fn for name, fn in FRAGMENTS.items() if internal or name not in INTERNAL_MACROS}


def page_catalog(ds: Any, internal: bool) -> Catalog:
    """What a page of this build may call, with the ids the data holds."""
    offered = fragments(internal)
    elsewhere = {name: f"{name}() shows internal data and works only in the internal build "
                       "(podium build --internal), never on a public page"
                 for name in INTERNAL_MACROS if name not in offered}
    return catalog(offered, set(FILLED_IN), known_ids(ds), elsewhere)
