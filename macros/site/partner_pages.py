"""'Working with us' and the internal partner overviews: pure functions returning HTML fragments.

The public fragment gets only what may be published: listed partners (with consent), the
categories each partner consented to, and tender figures after disclosure control. Internal
data (maturity, conversations, check-ins) is never handed to a public template.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..model.dataset import Dataset
from ..model.criteria import Criteria, certificate_end, claim_counts, is_diverse, renewals_due
from ..model.partner import Partner, Procurement, ProcurementTarget
from ..model.privacy import (TenderFigure, TenderTable, directory, full_profile, listable, partner_counts,
                             shown_claims, tender_tables)
from .audience import report
from .progress_pages import Cell, explain, kpi_path
from .i18n import PageContext, format_value, withheld_text
from .internal import require_internal
from .render import render

SOON_DAYS = 30  # a check-in within this many days is 'coming up'


def _name(ds: Dataset, ctx: PageContext, org_id: str) -> str:
    return ds.organisation(org_id).name(ctx.lang)


def _tender_row(ctx: PageContext, label: str, fig: TenderFigure) -> dict[str, Any]:
    return {"label": label,
            "awarded": None if fig.awarded is None else ctx.number(fig.awarded),
            "to_diverse": None if fig.to_diverse is None else ctx.number(fig.to_diverse),
            "share": None if fig.share is None else format_value(ctx, "percent", fig.share),
            "withheld": withheld_text(ctx, fig), "hidden": fig.hidden}


def _progress(ds: Dataset, ctx: PageContext, target: ProcurementTarget) -> dict[str, Any] | None:
    """The target's status in words and the link to its progress page (where it has one)."""
    rep = report(ds, ctx)
    kpi = next((k for k in rep.kpis if k.id == target.id), None)
    if kpi is None:
        return None
    result = rep.status[kpi.id]
    return {"status": ctx.t(f"progress_status_{result.status}"), "why": explain(ctx, kpi, result),
            "link": ctx.link(kpi_path(kpi.id))}


def _target_view(ds: Dataset, ctx: PageContext, target: ProcurementTarget, table: TenderTable) -> dict[str, Any]:
    collective = target.organisation == ds.collective.id
    totals, per_member = table
    band = ctx.t(f"partners_band_{target.band.replace('-', '_')}")
    sentence = ctx.t("partners_target_sentence", share=format_value(ctx, "percent", target.share), band=band,
                     deadline=ctx.date(target.deadline))
    view: dict[str, Any] = {
        "id": target.id,
        "sentence": sentence,
        "organisation": _name(ds, ctx, target.organisation),
        "heading": sentence if collective else ctx.t("procurement_target_of", organisation=_name(
            ds, ctx, target.organisation), sentence=sentence),
        "caption": ctx.t("partners_tenders_caption", band=band, organisation=_name(ds, ctx, target.organisation)),
        "years": [_tender_row(ctx, str(fig.year), fig) for fig in totals],
        "members": [], "members_caption": "", "member_years": [],
        "progress": _progress(ds, ctx, target),
    }
    if collective and totals:
        view["member_years"] = [str(fig.year) for fig in totals]
        view["members"] = [{"label": _name(ds, ctx, m), "cells": [_member_cell(ctx, fig) for fig in figs]}
                           for m, figs in per_member.items()]
        view["members_caption"] = ctx.t("partners_members_caption", band=band)
    return view


def _member_cell(ctx: PageContext, fig: TenderFigure) -> Cell:
    """'13 of 30 (43.3%)', and why it is (or, internally, would be) withheld."""
    if fig.hidden:
        return Cell(None, withheld_text(ctx, fig))
    return Cell(ctx.t("partners_of", count=ctx.number(fig.to_diverse), total=ctx.number(fig.awarded),
                      share=format_value(ctx, "percent", fig.share)), withheld_text(ctx, fig))


def _claim_text(ctx: PageContext, criteria: Criteria, claim) -> str:
    owned = criteria.group(claim.category).owned(ctx.lang)
    basis = (ctx.t("partners_certified_by", certifier=claim.certifier) if claim.basis == "certified"
             else ctx.t("partners_self_declared"))
    return ctx.t("partners_claim", owned=owned, basis=basis)


def _entry(ds: Dataset, ctx: PageContext, partner: Partner, today: dt.date) -> dict[str, Any]:
    """Only what the partner's consent allows, and only claims that count today; never maturity, notes or check-ins."""
    profile = full_profile(partner)
    criteria = ds.criteria
    return {
        "name": partner.name,
        "type": ctx.t(f"partners_type_{partner.type.replace('-', '_')}"),
        "organisations": [_name(ds, ctx, o) for o in partner.organisations],
        "website": partner.website if profile else None,
        "since": partner.partner_since if profile else None,
        "offers": partner.offers_or_seeks(ctx.lang) if profile and partner.offers_or_seeks else None,
        "claims": [_claim_text(ctx, criteria, c) for c in shown_claims(partner)
                   if criteria is not None and claim_counts(c, criteria, today)],
    }


def _tables(ds: Dataset, ctx: PageContext, proc: Procurement) -> dict[str, TenderTable]:
    """Every procurement target's figures, protected as one set of tables."""
    return tender_tables(proc, ds.collective.id, [m.id for m in ds.members], internal=ctx.internal)


def _diverse_counts(ds: Dataset, ctx: PageContext, proc: Procurement,
                    today: dt.date) -> dict[str | None, TenderFigure]:
    """Diverse partners under data/criteria.yml, of the collective (key None) and of each member."""
    criteria = ds.criteria
    if criteria is None:
        return {}
    return partner_counts(ds.partners, [m.id for m in ds.members], proc.privacy, internal=ctx.internal,
                          is_diverse=lambda p: is_diverse(p, criteria, today))


def _partner_count(ctx: PageContext, fig: TenderFigure | None) -> dict[str, Any] | None:
    if fig is None:
        return None
    if fig.hidden:
        return {"text": ctx.t("partners_count_withheld", reason=withheld_text(ctx, fig))}
    text = ctx.t("partners_count", count=ctx.number(fig.to_diverse), total=ctx.number(fig.awarded),
                 share=format_value(ctx, "percent", fig.share))
    if fig.reason:
        text += " " + ctx.t("internal_would_withhold", reason=withheld_text(ctx, fig))
    return {"text": text}


def _criteria_view(ctx: PageContext, criteria: Criteria | None) -> dict[str, Any] | None:
    """What a diverse partner is, in the collective's own words from data/criteria.yml."""
    if criteria is None:
        return None
    return {"intro": criteria.intro(ctx.lang),
            "groups": [{"label": g.name(ctx.lang), "about": g.about(ctx.lang)} for g in criteria.groups],
            "routes": [{"label": r.name(ctx.lang), "about": r.about(ctx.lang), "counts": r.counts}
                       for r in criteria.routes],
            "evidence": [e.about(ctx.lang) for e in criteria.evidence if e.counts]}


def _targets_in_order(ds: Dataset, proc: Procurement) -> list[ProcurementTarget]:
    """The collective's targets first, then each member's in the order of organisations.yml."""
    order = {org.id: i for i, org in enumerate([ds.collective, *ds.members])}
    return sorted(proc.targets, key=lambda t: (order.get(t.organisation, 99), t.deadline, t.id))


def _opportunities(ds: Dataset, ctx: PageContext, proc: Procurement, today: dt.date,
                   org_id: str | None) -> list[dict[str, Any]]:
    """Contracts still open for quotes (deadline today or later), soonest first."""
    open_ = sorted((o for o in proc.opportunities if o.deadline >= today and org_id in (None, o.organisation)),
                   key=lambda o: (o.deadline, o.id))
    return [{"id": o.id, "title": o.title(ctx.lang), "description": o.description(ctx.lang),
             "organisation": _name(ds, ctx, o.organisation),
             "band": ctx.t(f"partners_band_{o.band.replace('-', '_')}"), "deadline": o.deadline,
             "role": ds.by_id("roles", o.contact_role)} for o in open_]


def member_procurement(ds: Dataset, ctx: PageContext, org_id: str, today: dt.date) -> str:
    """A member's own procurement targets with their progress, its open contracts and how to apply."""
    proc = ds.procurement
    contact = next((c for c in proc.contacts if c.organisation == org_id), None)
    tables = _tables(ds, ctx, proc)
    targets = [_target_view(ds, ctx, t, tables[t.id]) for t in proc.targets if t.organisation == org_id]
    opportunities = _opportunities(ds, ctx, proc, today, org_id)
    if not (contact or targets or opportunities):
        return ""
    return render("member_procurement.html", ctx, name=_name(ds, ctx, org_id), targets=targets,
                  opportunities=opportunities, contact=contact,
                  role=ds.by_id("roles", contact.contact_role) if contact else None,
                  work_link=ctx.link("work-with-us/"))


def working_with_us(ds: Dataset, ctx: PageContext, org_id: str | None = None) -> str:
    """What a diverse partner is, the procurement targets and progress, how to apply, and the directory."""
    org = org_id or ds.collective.id
    proc = ds.procurement
    contact = next((c for c in proc.contacts if c.organisation == org), None) or \
        next((c for c in proc.contacts if c.organisation == ds.collective.id), None)
    role = ds.by_id("roles", contact.contact_role) if contact else None
    tables = _tables(ds, ctx, proc)
    counts = _diverse_counts(ds, ctx, proc, ctx.today)
    return render(
        "partners_working_with_us.html", ctx,
        criteria=_criteria_view(ctx, ds.criteria),
        targets=[_target_view(ds, ctx, t, tables[t.id]) for t in _targets_in_order(ds, proc)
                 if org_id is None or t.organisation == org_id],
        opportunities=_opportunities(ds, ctx, proc, ctx.today, org_id),
        count=_partner_count(ctx, counts.get(org_id)),
        contact=contact, role=role,
        entries=[_entry(ds, ctx, p, ctx.today) for p in directory(ds.partners, org_id)])


# --- internal only ---------------------------------------------------------------------------


def _yes_no(ctx: PageContext, value: bool) -> str:
    return ctx.t("internal_yes") if value else ctx.t("internal_no")


def internal_maturity(ds: Dataset, ctx: PageContext) -> str:
    """Every partner's maturity (low / high) with the criteria behind it, and the next check-in."""
    require_internal(ctx, "internal_maturity")
    partners = sorted(ds.partners, key=lambda p: (p.name.casefold(), p.id))
    rows = []
    for p in partners:
        m = p.maturity
        rows.append({
            "name": p.name, "view": ctx.link(f"internal/partners/{p.id}/"),
            "organisations": ", ".join(_name(ds, ctx, o) for o in p.organisations),
            "level": ctx.t(f"internal_level_{m.level}") if m else ctx.t("internal_not_assessed"),
            "criteria": [_yes_no(ctx, v) for v in (m.own_policy, m.knowledge, m.public_commitment,
                                                   m.priority_group)] if m else [],
            "assessed": m.assessed_on if m else None, "next": p.next_check_in})
    counts = {level: sum(1 for p in partners if p.maturity and p.maturity.level == level) for level in ("low", "high")}
    return render("internal_maturity.html", ctx, rows=rows, counts=counts,
                  unassessed=sum(1 for p in partners if p.maturity is None))


def internal_conversations(ds: Dataset, ctx: PageContext) -> str:
    """Conversation preparation per maturity category, with the three-part structure."""
    require_internal(ctx, "internal_conversations")
    sections = []
    for level, criteria, approach in (("low", 4, 4), ("high", 3, 3)):
        partners = sorted((p for p in ds.partners if p.maturity and p.maturity.level == level),
                          key=lambda p: (p.name.casefold(), p.id))
        sections.append({
            "level": level,
            "criteria": [ctx.t(f"internal_{level}_criterion_{i}") for i in range(1, criteria + 1)],
            "approach": [ctx.t(f"internal_{level}_approach_{i}") for i in range(1, approach + 1)],
            "partners": [{"name": p.name, "next": p.next_check_in,
                          "last": max(p.conversations, key=lambda c: c.date) if p.conversations else None}
                         for p in partners]})
    steps = [{"title": ctx.t(f"internal_step_{part}"),
              "tips": [ctx.t(f"internal_step_{part}_tip_{i}") for i in range(1, count + 1)]}
             for part, count in (("scene", 2), ("deepening", 3), ("future", 2))]
    unassessed = sorted((p.name for p in ds.partners if p.maturity is None), key=str.casefold)
    return render("internal_conversations.html", ctx, steps=steps, sections=sections, unassessed=unassessed)


def internal_checkins(ds: Dataset, ctx: PageContext) -> str:
    """Partners by next check-in date; overdue and coming-up check-ins said in words."""
    require_internal(ctx, "internal_checkins")
    planned = sorted((p for p in ds.partners if p.next_check_in), key=lambda p: (p.next_check_in, p.name))
    rows = []
    for p in planned:
        days = (p.next_check_in - ctx.today).days
        state = "overdue" if days < 0 else "soon" if days <= SOON_DAYS else "planned"
        rows.append({"name": p.name, "date": p.next_check_in, "state": ctx.t(f"internal_checkin_{state}"),
                     "organisations": ", ".join(_name(ds, ctx, o) for o in p.organisations)})
    missing = sorted((p.name for p in ds.partners if not p.next_check_in), key=str.casefold)
    return render("internal_checkins.html", ctx, rows=rows, missing=missing)


def internal_renewals(ds: Dataset, ctx: PageContext) -> str:
    """Certificates that ended or end soon: they no longer count as diverse once their date has passed."""
    require_internal(ctx, "internal_renewals")
    criteria = ds.criteria
    due = renewals_due(ds.partners, criteria, ctx.today) if criteria is not None else []
    rows = [{"name": r.partner.name, "group": criteria.group(r.claim.category).name(ctx.lang),
             "certifier": r.claim.certifier, "ends": r.ends,
             "state": ctx.t("internal_renewal_expired" if r.expired else "internal_renewal_soon")} for r in due]
    return render("internal_renewals.html", ctx, rows=rows,
                  notice=criteria.renewal_notice_days if criteria is not None else None)


def internal_partner_view(ds: Dataset, ctx: PageContext, partner_id: str) -> str:
    """What the public site says about one partner, and on which consent: a page to send them for approval.

    It holds nothing of our own assessment (maturity, conversations, check-ins), only what the partner
    told us and agreed to, so the page itself can be shared with them."""
    require_internal(ctx, "internal_partner_view")
    partner = ds.by_id("partners", partner_id)
    criteria = ds.criteria
    listing = partner.listing_consent
    claims = []
    for claim in partner.ownership:
        shown = claim in shown_claims(partner)
        counts = criteria is not None and claim_counts(claim, criteria, ctx.today)
        consent = claim.consent
        claims.append({
            "group": criteria.group(claim.category).name(ctx.lang) if criteria else claim.category,
            "basis": _claim_text(ctx, criteria, claim) if criteria else claim.category,
            "shown": ctx.t("partner_view_claim_shown" if shown and counts else
                           "partner_view_claim_ended" if shown else "partner_view_claim_totals"),
            "consent": ctx.t("partner_view_consent_on", date=ctx.date(consent.date)) +
                       (" " + ctx.t("partner_view_withdrawn_on", date=ctx.date(consent.withdrawn))
                        if consent.withdrawn else "") if consent else ctx.t("partner_view_no_consent"),
            "ends": certificate_end(claim, criteria) if counts else None})
    return render("internal_partner_view.html", ctx, partner=partner,
                  entry=_entry(ds, ctx, partner, ctx.today) if listable(partner) else None,
                  listing=None if listing is None else {
                      "date": listing.date, "withdrawn": listing.withdrawn,
                      "scope": ctx.t(f"partner_view_scope_{listing.scope}")},
                  claims=claims, diverse=criteria is not None and is_diverse(partner, criteria, ctx.today),
                  page_link=ctx.link("work-with-us/#partners"))
