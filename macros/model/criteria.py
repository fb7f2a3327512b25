"""When a partner counts as diverse: the collective's own criteria, as data (data/criteria.yml).

The collective decides which groups it looks at, the ownership threshold, which routes count
(ownership or leadership, workforce, a D&I policy), which evidence it accepts and how long a
certificate stays valid. Whether a partner counts is a pure function of these criteria, the
partner's claims and a date: a certificate past its date no longer counts.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Sequence

from pydantic import Field, model_validator

from ..base.yamlread import Document
from .errors import Problem
from .partner import Basis, OwnershipClaim, Partner
from .progress import add_months
from .types import Slug, Strict, Text


class DiverseGroup(Strict):
    id: Slug = Field(description="Short name used in data/partners.yml (`category:`), e.g. 'women'.")
    name: Text = Field(description="The group as a reader sees it, e.g. 'Women'.")
    about: Text = Field(description="Why this group, in a few words.")
    owned: Text = Field(description="How a partner is described next to its name, e.g. 'women-owned'.")


class Route(Strict):
    id: Slug = Field(description="Short name used in data/partners.yml (`route:`), e.g. 'ownership'.")
    name: Text = Field(description="The route in a few words.")
    counts: bool = Field(description="true when a partner on this route counts as diverse.")
    about: Text = Field(description="What this route means and why it does or does not count.")


class Evidence(Strict):
    basis: Basis = Field(description="certified or self-declared.")
    counts: bool = Field(description="true when this evidence is accepted.")
    valid_months: int | None = Field(None, ge=1, le=120, description="How many months a certificate stays valid "
                                                                     "after `certified_on`; empty: no end date.")
    about: Text = Field(description="What the collective accepts, in plain words.")


class Criteria(Strict):
    """The collective's decision on what a diverse partner is."""

    threshold: float = Field(gt=0, le=100, description="The share of ownership (or leadership) that must lie "
                                                       "with people from a group, in percent, e.g. 51.")
    intro: Text = Field(description="What a diverse partner is, in one or two sentences, for the website.")
    groups: list[DiverseGroup] = Field(min_length=1, description="The groups the collective looks at.")
    routes: list[Route] = Field(min_length=1, description="The ways a partner can qualify, and whether each counts.")
    evidence: list[Evidence] = Field(min_length=1, description="The evidence accepted, and how long it stays valid.")
    renewal_notice_days: int = Field(90, ge=1, le=730, description="How many days before a certificate ends "
                                                                   "the internal build lists its renewal.")

    @model_validator(mode="after")
    def _each_once(self) -> "Criteria":
        for name, ids in (("group", [g.id for g in self.groups]), ("route", [r.id for r in self.routes]),
                          ("evidence", [e.basis for e in self.evidence])):
            twice = sorted({i for i in ids if ids.count(i) > 1})
            if twice:
                raise ValueError(f"the {name} '{twice[0]}' is listed twice; list each {name} once")
        return self

    def group(self, group_id: str) -> DiverseGroup:
        return next(g for g in self.groups if g.id == group_id)

    def route(self, route_id: str) -> Route | None:
        return next((r for r in self.routes if r.id == route_id), None)

    def evidence_for(self, basis: str) -> Evidence | None:
        return next((e for e in self.evidence if e.basis == basis), None)


def certificate_end(claim: OwnershipClaim, criteria: Criteria) -> dt.date | None:
    """The first day a certificate no longer counts; None when it has no end date."""
    evidence = criteria.evidence_for(claim.basis)
    if claim.basis != "certified" or claim.certified_on is None or evidence is None or not evidence.valid_months:
        return None
    return add_months(claim.certified_on, evidence.valid_months)


def claim_counts(claim: OwnershipClaim, criteria: Criteria, on: dt.date) -> bool:
    """Does this claim make the partner diverse on day `on`?"""
    route, evidence = criteria.route(claim.route), criteria.evidence_for(claim.basis)
    if not claim.at_least_51_percent or route is None or not route.counts or evidence is None or not evidence.counts:
        return False
    if claim.basis == "certified":
        end = certificate_end(claim, criteria)
        # Without a date (allowed only when certificates do not expire) the certificate always counts.
        return (claim.certified_on is None or claim.certified_on <= on) and (end is None or on < end)
    return True


def is_diverse(partner: Partner, criteria: Criteria, on: dt.date) -> bool:
    return any(claim_counts(c, criteria, on) for c in partner.ownership)


@dataclass(frozen=True)
class Renewal:
    partner: Partner
    claim: OwnershipClaim
    ends: dt.date
    expired: bool


def renewals_due(partners: Iterable[Partner], criteria: Criteria, today: dt.date) -> list[Renewal]:
    """Certificates that ended, or end within the notice period, soonest first."""
    due = []
    for partner in partners:
        for claim in partner.ownership:
            end = certificate_end(claim, criteria)
            if end is not None and (end - today).days <= criteria.renewal_notice_days:
                due.append(Renewal(partner, claim, end, expired=end <= today))
    return sorted(due, key=lambda r: (r.ends, r.partner.name.casefold()))


def criteria_problems(doc: Document, partners: Sequence[Partner], criteria: Criteria) -> list[Problem]:
    """Partners checked against the criteria: known groups and routes, accepted evidence, certificate dates."""
    problems: list[Problem] = []

    def at(loc: tuple, message: str, expected: str) -> None:
        line, col = doc.position(loc)
        problems.append(Problem(doc.path, line, col, message, expected))

    groups = [g.id for g in criteria.groups]
    routes = [r.id for r in criteria.routes]
    for i, partner in enumerate(partners):
        for j, claim in enumerate(partner.ownership):
            here = (i, "ownership", j)
            if claim.category not in groups:
                at(here + ("category",), f"'{claim.category}' is not one of the groups in data/criteria.yml",
                   "one of: " + ", ".join(groups))
            if claim.route not in routes:
                at(here + ("route",), f"'{claim.route}' is not one of the routes in data/criteria.yml",
                   "one of: " + ", ".join(routes))
            evidence = criteria.evidence_for(claim.basis)
            if evidence is None:
                at(here + ("basis",), f"data/criteria.yml does not say whether '{claim.basis}' evidence is accepted",
                   f"add '{claim.basis}' under `evidence:` in data/criteria.yml")
            elif claim.basis == "certified" and evidence.valid_months and claim.certified_on is None:
                at(here + ("basis",), f"the certificate of {partner.name} has no date",
                   "add `certified_on: YYYY-MM-DD`, the date the certificate was issued, so Podium knows "
                   "when it needs renewing")
    return problems
