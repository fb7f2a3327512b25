"""The entities of a commitment site, one pydantic model each.

Field descriptions double as editor help: `podium schema` turns them into the
JSON Schema that YAML editors show while typing.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from .types import ConsentDate, Mailbox, Slug, Strict, Text, WebAddress, internal

Pillar = Literal["personeel", "programma", "publiek", "partners"]
GoalType = Literal["ambition", "process", "content"]
GoalStatus = Literal["planned", "in-progress", "achieved", "paused"]
Frequency = Literal["monthly", "quarterly", "half-yearly", "yearly"]
DocumentKind = Literal["policy", "strategy", "report", "pay-gap-report",
                       "accessibility-statement", "code-of-conduct", "other"]


class Organisation(Strict):
    id: Slug = Field(description="Short name used in links and references, e.g. 'stadsmuseum'.")
    name: Text = Field(description="The organisation's name.")
    city: str | None = Field(None, description="The city where it is based.")
    website: WebAddress = Field(description="The organisation's own website.")
    mission: Text = Field(description="The mission in one or two sentences.")
    mission_url: WebAddress | None = Field(None, description="A link to the full mission.")


class Organisations(Strict):
    collective: Organisation = Field(description="The collective that publishes this site.")
    members: list[Organisation] = Field(min_length=1, description="The member museums.")


class Commitment(Strict):
    """A promise in a statement, in every language, with the goals it stands for.

    Written as `text: {nl: …, en: …}` with `goals: [goal-id, …]`; a promise without goals may also be
    written as plain text, `{nl: …, en: …}`."""

    text: Text = Field(description="The promise, once in each language of the site.")
    goals: list[Slug] = Field(default_factory=list, description="Ids of the goals this promise stands for; the "
                                                                "home page links to them and the build checks that "
                                                                "years and percentages agree with their targets.")

    @model_validator(mode="before")
    @classmethod
    def _text_beside_goals(cls, data: Any) -> Any:
        if isinstance(data, dict) and "text" not in data and "goals" not in data:
            return {"text": data}
        return data


class Statement(Strict):
    """A commitment statement: its link to the mission, promises tied to goals, the groups it names, an invitation."""

    id: Slug = Field(description="Short name of this statement.")
    organisation: Slug = Field(description="The id of the collective or member making it.")
    title: Text = Field(description="Heading of the statement.")
    mission_link: Text = Field(description="How diversity and inclusion follow from the mission.")
    commitments: list[Commitment] = Field(min_length=1, description="Concrete things the organisation commits to, "
                                                                    "each with the goals it stands for.")
    groups_named: list[Text] = Field(min_length=1, description="The under-represented groups the statement names.")
    specific: Text | None = Field(None, description="What is particular to this organisation.")
    invitation: Text = Field(description="An invitation to take part, ending in how to get in touch.")
    contact_role: Slug = Field(description="The id of the role whose mailbox people can write to.")
    why: Text | None = Field(None, description="Why it matters (shown on the home page for the collective).")
    highlights: list[Text] = Field(default_factory=list, description="A few highlights for the home page.")
    signed_by_role: Slug | None = Field(None, description="The id of the role that signed the statement.")
    signed_on: dt.date | None = Field(None, description="The date it was signed, YYYY-MM-DD.")


SdgTargetId = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,2}\.[0-9a-z]{1,2}$")]


class SdgTarget(Strict):
    """A target of the UN Sustainable Development Goals, by its official number, with a short title."""

    id: SdgTargetId = Field(description="The official target number, e.g. '5.5' or '17.17'.")
    title: Text = Field(description="A short title of the target, in each language of the site.")


class Goal(Strict):
    id: Slug = Field(description="Short name of the goal.")
    organisation: Slug = Field(description="The id of the collective or member that owns the goal.")
    pillar: Pillar = Field(description="Pillar of the Code Diversiteit & Inclusie.")
    building_block: int = Field(ge=1, le=6, description="Building block 1–6 of the partnership step plan.")
    type: GoalType = Field(description="ambition, process or content.")
    title: Text = Field(description="The goal in one line.")
    description: Text = Field(description="What it means in practice.")
    deadline: dt.date = Field(description="When it should be reached, YYYY-MM-DD.")
    status: GoalStatus = Field(description="planned, in-progress, achieved or paused.")
    owner_role: Slug = Field(description="The id of the role accountable for it.")
    sdg_targets: list[SdgTargetId] = Field(default_factory=list,
                                           description="Numbers of the SDG targets it contributes to, e.g. ['5.5'] "
                                                       "(listed in data/sdg-targets.yml).")
    notes: str | None = internal("Working notes for the team")


class Person(Strict):
    name: str = Field(description="The person's name.")
    public: bool = Field(False, description="Show the name on the public site (needs consent).")
    consent: ConsentDate | None = Field(None, description="The date the person agreed to be named, YYYY-MM-DD.")

    @model_validator(mode="after")
    def _consent_before_publishing(self) -> "Person":
        if self.public and self.consent is None:
            raise ValueError("a name can only be public when the date of the person's consent is recorded "
                             "(add `consent: YYYY-MM-DD`, or set `public: false`)")
        return self


class Role(Strict):
    id: Slug = Field(description="Short name of the role.")
    organisation: Slug = Field(description="The id of the collective or member.")
    title: Text = Field(description="The role, e.g. director or procurement lead.")
    responsibilities: list[Text] = Field(min_length=1, description="What this role is accountable for.")
    mailbox: Mailbox = Field(description="A role mailbox, not a personal address.")
    person: Person | None = Field(None, description="Who holds the role; published only with consent.")


class Review(Strict):
    id: Slug = Field(description="Short name of this review.")
    organisation: Slug = Field(description="The id of the collective or member.")
    subject: Text = Field(description="What is reviewed.")
    frequency: Frequency = Field(description="monthly, quarterly, half-yearly or yearly.")
    participants: list[Slug] = Field(min_length=1, description="Ids of the roles taking part.")
    leadership: Text = Field(description="How leadership is involved.")
    pillars: list[Pillar] = Field(default_factory=list, description="The pillars whose goals and figures it reviews; "
                                                                    "empty: all of them. Its agenda follows from this.")
    next_review: dt.date | None = internal("Date of the next review")


class Decision(Strict):
    """One meeting of a review, in the decisions log: when it was held, what was decided, when it meets next."""

    id: Slug = Field(description="Short name of this meeting, e.g. 'kwartaal-2026-09'.")
    review: Slug = Field(description="The id of the review in data/reviews.yml.")
    date: dt.date = Field(description="The day the meeting was held, YYYY-MM-DD.")
    decisions: list[Text] = Field(min_length=1, description="What was decided, one line each (published).")
    next_meeting: dt.date | None = Field(None, description="The day of the next meeting, YYYY-MM-DD (published).")
    notes: str | None = internal("Minutes and working notes of the meeting")

    @model_validator(mode="after")
    def _next_after_this(self) -> "Decision":
        if self.next_meeting is not None and self.next_meeting <= self.date:
            raise ValueError("the next meeting must come after this one")
        return self


class Offer(Strict):
    organisation: Slug = Field(description="The id of the member that offers it.")
    title: Text = Field(description="Name of the offer.")
    description: Text = Field(description="What it is and for whom.")
    link: WebAddress | None = Field(None, description="Where to read more or book.")


class Network(Strict):
    name: Text = Field(description="Name of the network.")
    description: Text = Field(description="Who it is for and what it does.")
    contact_role: Slug = Field(description="The id of the role to contact.")


class Group(Strict):
    id: Slug = Field(description="Short name; also the page address, e.g. 'lgbtiq'.")
    title: Text = Field(description="Page title.")
    intro: Text = Field(description="Opening paragraph.")
    offers: list[Offer] = Field(default_factory=list, description="What the museums offer.")
    networks: list[Network] = Field(default_factory=list, description="Networks people can join.")
    contact_role: Slug = Field(description="The id of the role to contact about this page.")


class Document(Strict):
    id: Slug = Field(description="Short name of the document.")
    organisation: Slug = Field(description="The id of the collective or member.")
    kind: DocumentKind = Field(description="policy, strategy, report, pay-gap-report, "
                                           "accessibility-statement, code-of-conduct or other.")
    title: Text = Field(description="Title as shown in the list.")
    url: WebAddress = Field(description="Where the document is.")
    language: Literal["nl", "en", "nl+en"] = Field(description="The language the document is written in.")
    published: dt.date = Field(description="Publication date, YYYY-MM-DD.")


class Update(Strict):
    id: Slug = Field(description="Short name of the update.")
    organisation: Slug = Field(description="The id of the collective or member.")
    date: dt.date = Field(description="When it happened, YYYY-MM-DD.")
    title: Text = Field(description="What was achieved, in one line.")
    body: Text = Field(description="A few sentences about it.")
    goals: list[Slug] = Field(default_factory=list, description="Ids of the goals it contributes to.")
