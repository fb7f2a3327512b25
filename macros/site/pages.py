"""Page fragments: pure functions from the validated data and a page context to HTML.

Each function here backs one macro that editors call from a Markdown page.
"""
from __future__ import annotations

from typing import get_args

from markupsafe import Markup

from ..language.guide import agreement, guide
from ..model.dataset import Dataset
from ..model.schema import Pillar
from .i18n import PageContext
from .partner_pages import member_procurement
from .render import render

PILLARS = get_args(Pillar)  # in the order the schema lists them
BLOCKS = (1, 2, 3, 4, 5, 6)


def _statement_of(ds: Dataset, org_id: str):
    return next(s for s in ds.statements if s.organisation == org_id)


def _by_deadline(goals):
    return sorted(goals, key=lambda g: (g.deadline, g.id))


def commitment(ds: Dataset, ctx: PageContext, org_id: str | None = None) -> str:
    statement = _statement_of(ds, org_id or ds.collective.id)
    signer = ds.by_id("roles", statement.signed_by_role) if statement.signed_by_role else None
    return render("statement.html", ctx, ds=ds, statement=statement, signer=signer,
                  contact=ds.by_id("roles", statement.contact_role))


def why(ds: Dataset, ctx: PageContext) -> str:
    statement = _statement_of(ds, ds.collective.id)
    return render("why.html", ctx, statement=statement) if statement.why else ""


def highlights(ds: Dataset, ctx: PageContext) -> str:
    items = _statement_of(ds, ds.collective.id).highlights
    return render("highlights.html", ctx, items=items) if items else ""


def members(ds: Dataset, ctx: PageContext) -> str:
    return render("members.html", ctx, members=ds.members)


def updates(ds: Dataset, ctx: PageContext, org_id: str | None = None) -> str:
    items = sorted((u for u in ds.updates if org_id in (None, u.organisation)),
                   key=lambda u: (u.date, u.id), reverse=True)
    titles = {u.id: [ds.by_id("goals", g).title(ctx.lang) for g in u.goals] for u in items}
    return render("updates.html", ctx, ds=ds, updates=items, goal_titles=titles)


def member_page(ds: Dataset, ctx: PageContext, org_id: str) -> str:
    member = ds.organisation(org_id)
    has_statement = any(s.organisation == org_id for s in ds.statements)
    own_updates = [u for u in ds.updates if u.organisation == org_id]
    return render("member.html", ctx, ds=ds, member=member,
                  statement_html=Markup(commitment(ds, ctx, org_id)) if has_statement else "",
                  goals=_by_deadline(g for g in ds.goals if g.organisation == org_id),
                  roles=[r for r in ds.roles if r.organisation == org_id],
                  updates=own_updates,
                  updates_html=Markup(updates(ds, ctx, org_id)) if own_updates else "",
                  procurement_html=Markup(member_procurement(ds, ctx, org_id, ctx.today)))


def goals_by_pillar(ds: Dataset, ctx: PageContext) -> str:
    sections = [{"anchor": f"pillar-{p}", "title": ctx.t(f"pillar_{p}"),
                 "goals": _by_deadline(g for g in ds.goals if g.pillar == p)} for p in PILLARS]
    return render("goals_grouped.html", ctx, ds=ds, heading=ctx.t("goals_by_pillar"), sections=sections)


def goals_by_block(ds: Dataset, ctx: PageContext) -> str:
    sections = [{"anchor": f"block-{b}",
                 "title": ctx.t("block_label", number=b, name=ctx.t(f"block_{b}")),
                 "goals": _by_deadline(g for g in ds.goals if g.building_block == b)} for b in BLOCKS]
    return render("goals_grouped.html", ctx, ds=ds, heading=ctx.t("goals_by_block"), sections=sections)


def roles(ds: Dataset, ctx: PageContext) -> str:
    return render("roles.html", ctx, ds=ds, roles=ds.roles)


def last_meetings(ds: Dataset) -> dict[str, object]:
    """Each review's most recent meeting in the decisions log (reviews without one are left out)."""
    latest: dict[str, object] = {}
    for meeting in sorted(ds.decisions, key=lambda m: (m.date, m.id)):
        latest[meeting.review] = meeting
    return latest


def reviews(ds: Dataset, ctx: PageContext) -> str:
    """Each review with who takes part, and from the decisions log when it last met, what it decided and when next."""
    names = {r.id: [ds.by_id("roles", p).title(ctx.lang) for p in r.participants] for r in ds.reviews}
    return render("reviews.html", ctx, reviews=ds.reviews, participants=names, last=last_meetings(ds))


def groups(ds: Dataset, ctx: PageContext) -> str:
    return render("groups.html", ctx, groups=ds.groups)


def group_page(ds: Dataset, ctx: PageContext, group_id: str) -> str:
    return render("group.html", ctx, ds=ds, group=ds.by_id("groups", group_id))


def documents(ds: Dataset, ctx: PageContext) -> str:
    items = sorted(ds.documents, key=lambda d: (d.published, d.id), reverse=True)
    return render("documents.html", ctx, ds=ds, documents=items)


def language_guide(ds: Dataset, ctx: PageContext) -> str:
    """The collective's agreement on wording, published from the very rules the checker uses."""
    return render("language_guide.html", ctx, sections=guide(ctx.lang, ctx.root), agreement=agreement(ctx.lang, ctx.root))
