"""Pages that exist once per data item (a member, a group, ...): their Markdown stubs.

The stub only calls a macro; the page itself is rendered like any other page.
"""
from __future__ import annotations

from dataclasses import dataclass

import yaml

from ..model.dataset import Dataset
from .i18n import PageContext
from .procurement_progress import target_kpis

# Pages only the internal build has: (path, title string key, macro call).
INTERNAL_PAGES = (
    ("internal/maturity.md", "internal_maturity_title", "internal_maturity()"),
    ("internal/conversations.md", "internal_conversations_title", "internal_conversations()"),
    ("internal/check-ins.md", "internal_checkins_title", "internal_checkins()"),
    ("internal/figures.md", "internal_figures_title", "internal_figures()"),
    ("internal/renewals.md", "internal_renewals_title", "internal_renewals()"),
    ("internal/agenda.md", "internal_agenda_title", "internal_agendas()"),
    ("internal/calendar.md", "internal_calendar_title", "internal_calendar()"),
    ("internal/channel-texts.md", "channel_texts_title", "channel_texts()"),
)


@dataclass(frozen=True)
class Stub:
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


def stubs(ds: Dataset, lang: str, internal: bool = False) -> list[Stub]:
    pages = [Stub(f"members/{m.id}.md", m.name(lang), f'member_page("{m.id}")', m.mission(lang))
             for m in ds.members]
    pages += [Stub(f"groups/{g.id}.md", g.title(lang), f'group_page("{g.id}")') for g in ds.groups]
    pages += [Stub(f"goals/{g.id}.md", g.title(lang), f'goal_page("{g.id}")') for g in ds.goals]
    pages += [Stub(f"progress/{k.id}.md", k.name(lang), f'kpi_page("{k.id}")', k.definition(lang))
              for k in [*ds.kpis, *target_kpis(ds)]]
    if internal:
        ctx = PageContext(ds.languages.get(lang))
        pages += [Stub(path, ctx.t(title), call) for path, title, call in INTERNAL_PAGES]
        pages += [Stub(f"internal/partners/{p.id}.md", ctx.t("internal_partner_view_title", name=p.name),
                       f'internal_partner_view("{p.id}")') for p in ds.partners]
    return pages
