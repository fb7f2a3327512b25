"""Every macro a page may call, and the pages Podium makes for them: one entry per page type.

A fragment takes the data and the page context (which carries the build's language, audience,
date and folder), then the values an editor writes in the macro line (`{{ member_page("stadsmuseum") }}`).
An entry may also give the fragment pages of its own: one per data item (`ItemPages`, e.g.
`members/<id>.md` calling `member_page("<id>")`) or, for an internal fragment, one fixed page in the
internal section. Adding a page type is adding an entry here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

import yaml

from ..model.dataset import Dataset
from . import accessibility, agenda, calendar_pages, goal_pages, pages, partner_pages, progress_pages, summary
from .expand import Catalog, catalog, known_ids
from .i18n import PageContext


@dataclass(frozen=True)
class ItemPages:
    """A page for each item `items` returns, at `<folder>/<item id>.md`, calling the macro with the id."""

    folder: str
    items: Callable[[Dataset], Iterable[Any]]
    title: Callable[[Any, PageContext], str]
    description: Callable[[Any, PageContext], str] | None = None


@dataclass(frozen=True)
class Macro:
    fragment: Callable[..., str]
    # Internal fragments show maturity, conversations, check-ins, certificate renewals, review agendas,
    # partner views and unsuppressed figures: they are offered only in the internal build, so a public
    # page that calls one fails with a message.
    internal: bool = False
    per_item: ItemPages | None = None
    page: tuple[str, str] | None = None     # an internal fragment's own page: (path, title string key)


def _internal_page(fragment: Callable[..., str], name: str, title: str) -> Macro:
    """An internal fragment with its page `internal/<name>.md` titled by the string `title`."""
    return Macro(fragment, internal=True, page=(f"internal/{name}.md", title))


MACROS: dict[str, Macro] = {
    "why": Macro(pages.why),
    "commitment": Macro(pages.commitment),
    "highlights": Macro(pages.highlights),
    "members": Macro(pages.members),
    "member_page": Macro(pages.member_page, per_item=ItemPages(
        "members", lambda ds: ds.members, lambda m, ctx: m.name(ctx.lang), lambda m, ctx: m.mission(ctx.lang))),
    "goals_by_pillar": Macro(pages.goals_by_pillar),
    "goals_by_block": Macro(pages.goals_by_block),
    "roles": Macro(pages.roles),
    "reviews": Macro(pages.reviews),
    "groups": Macro(pages.groups),
    "group_page": Macro(pages.group_page, per_item=ItemPages(
        "groups", lambda ds: ds.groups, lambda g, ctx: g.title(ctx.lang))),
    "goal_page": Macro(goal_pages.goal_page, per_item=ItemPages(
        "goals", lambda ds: ds.goals, lambda g, ctx: g.title(ctx.lang))),
    "documents": Macro(pages.documents),
    "updates": Macro(pages.updates),
    "language_guide": Macro(pages.language_guide),
    "accessibility_statement": Macro(accessibility.accessibility_statement),
    "progress_overview": Macro(progress_pages.progress_overview),
    "progress_summary": Macro(summary.progress_summary),
    "collective_rollup": Macro(progress_pages.collective_rollup),
    "kpi_page": Macro(progress_pages.kpi_page, per_item=ItemPages(
        "progress", progress_pages.progress_kpis, lambda k, ctx: k.name(ctx.lang),
        lambda k, ctx: k.definition(ctx.lang))),
    "working_with_us": Macro(partner_pages.working_with_us),
    "calendar": Macro(calendar_pages.calendar),
    "internal_maturity": _internal_page(partner_pages.internal_maturity, "maturity", "internal_maturity_title"),
    "internal_conversations": _internal_page(partner_pages.internal_conversations, "conversations",
                                             "internal_conversations_title"),
    "internal_checkins": _internal_page(partner_pages.internal_checkins, "check-ins", "internal_checkins_title"),
    "internal_figures": _internal_page(progress_pages.internal_figures, "figures", "internal_figures_title"),
    "internal_renewals": _internal_page(partner_pages.internal_renewals, "renewals", "internal_renewals_title"),
    "internal_agendas": _internal_page(agenda.internal_agendas, "agenda", "internal_agenda_title"),
    "internal_calendar": _internal_page(calendar_pages.internal_calendar, "calendar", "internal_calendar_title"),
    "channel_texts": _internal_page(calendar_pages.channel_texts, "channel-texts", "channel_texts_title"),
    "internal_partner_view": Macro(partner_pages.internal_partner_view, internal=True, per_item=ItemPages(
        "internal/partners", lambda ds: ds.partners,
        lambda p, ctx: ctx.t("internal_partner_view_title", name=p.name))),
}

INTERNAL_MACROS = tuple(name for name, macro in MACROS.items() if macro.internal)
# The internal section of the navigation: the internal fragments' own pages.
INTERNAL_PAGES = tuple(macro.page[0] for macro in MACROS.values() if macro.page)


def fragments(internal: bool = False) -> dict[str, Callable[..., str]]:
    """The fragments offered in this build."""
    return {name: m.fragment for name, m in MACROS.items() if internal or not m.internal}


def page_catalog(ds: Any, internal: bool) -> Catalog:
    """What a page of this build may call, with the ids the data holds."""
    offered = fragments(internal)
    elsewhere = {name: f"{name}() shows internal data and works only in the internal build "
                       "(podium build --internal), never on a public page"
                 for name in INTERNAL_MACROS if name not in offered}
    return catalog(offered, known_ids(ds), elsewhere)


@dataclass(frozen=True)
class Stub:
    """A generated page: front matter and one macro line; it is then rendered like any other page."""

    path: str       # relative to the language's content folder, e.g. members/stadsmuseum.md
    title: str      # plain text; the page hooks escape it for the theme's templates
    macro: str      # the call, e.g. member_page("stadsmuseum")
    description: str = ""   # plain text for search engines and shared links, escaped like the title

    def markdown(self) -> str:
        meta = {"title": self.title}
        if self.description:
            meta["description"] = self.description
        front = yaml.safe_dump(meta, allow_unicode=True)
        return f"---\n{front}---\n\n{{{{ {self.macro} }}}}\n"


def _item_stubs(ds: Dataset, ctx: PageContext, name: str, pages: ItemPages) -> list[Stub]:
    return [Stub(f"{pages.folder}/{item.id}.md", pages.title(item, ctx), f'{name}("{item.id}")',
                 pages.description(item, ctx) if pages.description else "") for item in pages.items(ds)]


def stubs(ds: Dataset, lang: str, internal: bool = False) -> list[Stub]:
    """The pages of this build that exist because of the data; the internal build adds its own section
    (its fixed pages first, then its pages per item), in the order of MACROS."""
    ctx = PageContext(ds.languages.get(lang))
    result = [stub for name, m in MACROS.items() if m.per_item and not m.internal
              for stub in _item_stubs(ds, ctx, name, m.per_item)]
    if internal:
        result += [Stub(m.page[0], ctx.t(m.page[1]), f"{name}()") for name, m in MACROS.items() if m.page]
        result += [stub for name, m in MACROS.items() if m.per_item and m.internal
                   for stub in _item_stubs(ds, ctx, name, m.per_item)]
    return result
