"""Partners and suppliers, their ownership claims and consent, and the procurement targets.

What may be published about a partner is decided in `privacy.py`: a partner is listed only
with recorded listing consent, and an ownership category is shown only with consent for that
category. Maturity, conversation notes and check-in dates are internal and never published.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Iterable, Literal

from pydantic import Field, model_validator

from .errors import Problem
from .kpi import Privacy, Target, Year
from ..base.yamlread import Document
from .types import ConsentDate, Number, Slug, Strict, Text, WebAddress, internal

PartnerType = Literal["sponsor", "content-partner", "supplier", "funder", "community-partner"]
TenderBand = Literal["up-to-50k", "above-50k"]
Basis = Literal["certified", "self-declared"]
ListingScope = Literal["name", "profile"]
MaturityLevel = Literal["low", "high"]


class Consent(Strict):
    """A recorded, revocable consent."""

    date: ConsentDate = Field(description="The date the partner agreed, YYYY-MM-DD.")
    withdrawn: dt.date | None = Field(None, description="The date the partner withdrew consent, if they did.")
    reference: str | None = internal("Where the signed consent is filed", default=None)

    @model_validator(mode="after")
    def _withdrawn_after_given(self) -> "Consent":
        if self.withdrawn is not None and self.withdrawn < self.date:
            raise ValueError("consent cannot be withdrawn before it was given")
        return self

    @property
    def active(self) -> bool:
        return self.withdrawn is None


class ListingConsent(Consent):
    scope: ListingScope = Field(description="name: list the name and type only; profile: also the website, "
                                            "since when, and what they offer or seek.")


class OwnershipClaim(Strict):
    """The partner is owned (or led) by people from an under-represented group.

    Which groups, routes and evidence count, and from what share, is the collective's decision
    in data/criteria.yml (see criteria.py)."""

    category: Slug = Field(description="The id of a group in data/criteria.yml, e.g. women.")
    route: Slug = Field("ownership", description="The id of a route in data/criteria.yml: ownership (the default), "
                                                 "or for example workforce or policy.")
    basis: Basis = Field(description="certified (by an outside body) or self-declared.")
    certifier: str | None = Field(None, description="Who certified it, e.g. WEConnect International.")
    certified_on: dt.date | None = Field(None, description="The date the certificate was issued, YYYY-MM-DD; "
                                                           "data/criteria.yml says how long it stays valid.")
    at_least_51_percent: bool = Field(description="true when the share in data/criteria.yml (51%) is owned "
                                                  "or led by people from this group.")
    show: bool = Field(False, description="Show this category next to the partner's name "
                                          "(needs `consent` for this category).")
    consent: Consent | None = Field(None, description="The partner's consent to be named with this category.")

    @model_validator(mode="after")
    def _certifier_matches_basis(self) -> "OwnershipClaim":
        if self.basis == "certified" and not self.certifier:
            raise ValueError("a certified claim needs `certifier:` (who certified it)")
        if self.basis == "self-declared" and (self.certifier or self.certified_on):
            raise ValueError("a self-declared claim has no certifier or certificate date; use `basis: certified`")
        return self


class Maturity(Strict):
    """The seed's two maturity categories, with the criteria behind the judgement."""

    level: MaturityLevel = Field(description="low or high.")
    own_policy: bool = Field(description="The partner has its own D&I policy.")
    knowledge: bool = Field(description="The partner knows the subject well, also in its own sector.")
    public_commitment: bool = Field(description="The partner has made a public D&I commitment.")
    priority_group: bool = Field(description="The partner belongs to one of our priority groups.")
    assessed_on: dt.date = Field(description="When this was assessed, YYYY-MM-DD.")


class Conversation(Strict):
    date: dt.date = Field(description="When the conversation took place, YYYY-MM-DD.")
    stage: Literal["setting-the-scene", "deepening", "future"] = Field(
        description="How far the conversation got: setting-the-scene, deepening or future.")
    note: str = Field(description="What was said and agreed.")


class Partner(Strict):
    id: Slug = Field(description="Short name of the partner.")
    name: str = Field(min_length=1, description="The partner's own name.")
    organisations: list[Slug] = Field(min_length=1, description="Ids of the members that work with this partner.")
    type: PartnerType = Field(description="sponsor, content-partner, supplier, funder or community-partner.")
    website: WebAddress | None = Field(None, description="The partner's website.")
    partner_since: Year | None = Field(None, description="The year the partnership started.")
    tender_band: TenderBand | None = Field(None, description="For suppliers: up-to-50k or above-50k.")
    offers_or_seeks: Text | None = Field(None, description="What the partner offers, or is looking for.")
    listed: bool = Field(False, description="List this partner on the public site (needs `listing_consent`).")
    listing_consent: ListingConsent | None = Field(None, description="The partner's consent to be listed.")
    ownership: list[OwnershipClaim] = Field(default_factory=list,
                                            description="Ownership by under-represented groups.")
    maturity: Maturity | None = internal("How far the partner is with diversity and inclusion", default=None)
    conversations: list[Conversation] = internal("Conversations held with the partner",
                                                 default_factory=list)
    next_check_in: dt.date | None = internal("The date of the next check-in", default=None)


# ---------------------------------------------------------------------------------------------
# Procurement: targets for the share of tenders that go to diverse suppliers.


class Contact(Strict):
    organisation: Slug = Field(description="The id of the collective or member.")
    contact_role: Slug = Field(description="The id of the role that partners and suppliers can write to.")
    how_to_apply: Text = Field(description="How a supplier or partner can apply, in a few sentences.")


class ProcurementTarget(Strict):
    id: Slug = Field(description="Short name of the target.")
    organisation: Slug = Field(description="The id of the collective (counts of all members) or a member.")
    band: TenderBand = Field(description="up-to-50k or above-50k: which tenders the target is about.")
    share: Number = Field(gt=0, le=100, description="The share of tenders for diverse suppliers, in percent.")
    deadline: dt.date = Field(description="By when, YYYY-MM-DD.")
    goal: Slug = Field(description="The id of the goal this target belongs to; its progress page links to it.")
    interim_targets: list[Target] = Field(default_factory=list,
                                          description="Steps on the way, each with a share (value) and a deadline, "
                                                      "earliest first.")


class TenderCount(Strict):
    organisation: Slug = Field(description="The id of the member that awarded the tenders.")
    year: Year = Field(description="The year.")
    band: TenderBand = Field(description="up-to-50k or above-50k.")
    awarded: int = Field(ge=0, description="How many tenders were awarded in this band.")
    to_diverse: int = Field(ge=0, description="How many of them went to a diverse supplier.")

    @model_validator(mode="after")
    def _part_of_whole(self) -> "TenderCount":
        if self.to_diverse > self.awarded:
            raise ValueError(f"`to_diverse` ({self.to_diverse}) is more than `awarded` ({self.awarded})")
        return self


class Opportunity(Strict):
    """A contract open for quotes: published so that diverse suppliers hear of it in time."""

    id: Slug = Field(description="Short name of the opportunity.")
    organisation: Slug = Field(description="The id of the collective or member that asks for quotes.")
    title: Text = Field(description="What the contract is about, in one line.")
    description: Text = Field(description="What is asked, in a few sentences.")
    band: TenderBand = Field(description="up-to-50k or above-50k: the value of the contract.")
    deadline: dt.date = Field(description="The last day to send a quote, YYYY-MM-DD.")
    contact_role: Slug = Field(description="The id of the role to write to.")
    published: dt.date = Field(description="The day it was first put on the website, YYYY-MM-DD "
                                           "(the feed of open contracts shows it from that day).")


class Procurement(Strict):
    privacy: Privacy = Field(default_factory=Privacy, description="Thresholds for publishing small groups.")
    contacts: list[Contact] = Field(default_factory=list, description="Whom to write to, per organisation.")
    targets: list[ProcurementTarget] = Field(default_factory=list, description="The procurement targets.")
    tenders: list[TenderCount] = Field(default_factory=list, description="Tender counts per member, year and band.")
    opportunities: list[Opportunity] = Field(default_factory=list,
                                             description="Contracts open for quotes; listed until their deadline.")
    notes: str | None = internal("Working notes about procurement", default=None)


def procurement_problems(doc: Document, proc: Procurement, collective_id: str | None) -> list[Problem]:
    """Duplicates and misplaced organisations in data/procurement.yml, at their lines."""
    problems: list[Problem] = []

    def at(loc: tuple, message: str, expected: str) -> None:
        line, col = doc.position(loc)
        problems.append(Problem(doc.path, line, col, message, expected))

    def first_line(section: str, index: int, key: str) -> int:
        return doc.position((section, index, key))[0]

    seen_targets: dict[str, int] = {}
    for i, target in enumerate(proc.targets):
        if target.id in seen_targets:
            at(("targets", i, "id"), f"the id '{target.id}' is used twice "
               f"(first on line {first_line('targets', seen_targets[target.id], 'id')})", "give each target its own id")
        seen_targets.setdefault(target.id, i)
    seen_contacts: dict[str, int] = {}
    for i, contact in enumerate(proc.contacts):
        if contact.organisation in seen_contacts:
            at(("contacts", i, "organisation"), f"'{contact.organisation}' has two contacts "
               f"(first on line {first_line('contacts', seen_contacts[contact.organisation], 'organisation')})",
               "keep one contact per organisation")
        seen_contacts.setdefault(contact.organisation, i)
    seen_counts: dict[tuple, int] = {}
    for i, count in enumerate(proc.tenders):
        if count.organisation == collective_id:
            at(("tenders", i, "organisation"), "tender counts are recorded per member",
               "use a member's id; the collective's figure is the sum of the members' counts")
        key = (count.organisation, count.year, count.band)
        if key in seen_counts:
            at(("tenders", i, "year"), f"{count.organisation} has two counts for {count.year} ({count.band}) "
               f"(first on line {first_line('tenders', seen_counts[key], 'year')})", "keep one count per year and band")
        seen_counts.setdefault(key, i)
    return problems


def duplicate_categories(partner: Partner) -> Iterable[int]:
    """Indexes of ownership claims that repeat a category already claimed."""
    counts: Counter = Counter()
    for j, claim in enumerate(partner.ownership):
        counts[claim.category] += 1
        if counts[claim.category] > 1:
            yield j
