"""Privacy built in: disclosure control of figures, consent rules for partners, and the data checks.

Disclosure control (pure; nothing here reads files or the clock):

* A count of 1 to min_cell-1 is withheld ("fewer than 5"). A true zero names nobody and is shown.
* A count whose complement within its denominator is under min_cell is withheld: "all but 2 of
  40" tells as much about the 2 as "2 of 40" does, and "all 40" says something about every one.
* A percentage on a denominator under min_denominator is withheld.
* Secondary suppression: figures that add up (the collective over its members, a denominator over
  numerator and complement, tender totals over the members, diverse partners per member and in
  all) form tables; `disclosure.protect` withholds more figures until no withheld count, and no
  sum of withheld counts, can be worked out by adding and subtracting published figures to a
  value from 1 to the threshold - 1. A count of 0 is shown, and a derived 0 reveals nobody.
* Every output takes its figures from one call per kind (`disclose`, `tender_tables`,
  `partner_counts`), so the page, the open data and the tables publish the same set.
* A baseline stands for the reporting period that ends on its date; it may not overlap the
  period of a withheld figure (`baseline_problems`).
* A withheld figure is withheld whole: value, numerator and denominator.
* The collective's figure for a shared KPI is the sum of the members' numerators and
  denominators, for the periods every member reported. Percentages are never averaged.
* The internal build (`internal=True`) shows every figure but keeps the reason it would be
  withheld, so the team sees what the public does not.

Consent: a partner is listed only with `listed: true` and a listing consent that has not been
withdrawn; an ownership category is shown only with `show: true` and an active consent for that
category. `cross_check` turns a wish to publish without consent into a data Problem at its line.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Hashable, Iterable, Literal, Mapping, Sequence

from .disclosure import Cell as Protected
from .disclosure import Protection, Total, protect
from .errors import Problem
from .kpi import KPI, Observation, Privacy, kpi_problems, overlap, period_key, period_span
from ..base.yamlread import Document
from .partner import OwnershipClaim, Partner, Procurement, duplicate_categories, procurement_problems

Reason = Literal["small-count", "small-complement", "small-base", "secondary"]


# ---------------------------------------------------------------------------------------------
# Cells and figures


@dataclass(frozen=True)
class Cell:
    """A count (or amount) and, when there is one, the group it is counted in."""

    count: float
    denominator: int | None = None


@dataclass(frozen=True)
class Verdict:
    reason: Reason | None = None
    threshold: int | None = None   # the threshold that applied, for "fewer than 5"

    @property
    def withheld(self) -> bool:
        return self.reason is not None


PUBLISH = Verdict()


def primary(cell: Cell, unit: str, rule: Privacy) -> Verdict:
    """Whether one figure may be published on its own (before looking at its neighbours)."""
    if unit in ("euro", "yes-no"):
        return PUBLISH
    if unit == "percent" and cell.denominator is not None and cell.denominator < rule.min_denominator:
        return Verdict("small-base", rule.min_denominator)
    if cell.count != 0 and cell.count < rule.min_cell:
        return Verdict("small-count", rule.min_cell)
    if cell.denominator is not None and cell.denominator - cell.count < rule.min_cell:
        return Verdict("small-complement", rule.min_cell)
    return PUBLISH


@dataclass(frozen=True)
class Figure:
    """One observation as it may be shown: in a public build a withheld figure has no numbers."""

    period: int | dt.date
    value: float | None
    numerator: int | None
    denominator: int | None
    provisional: bool
    note: Any                     # Text | None: a public note
    reason: Reason | None = None  # why it is (or, in the internal build, would be) withheld
    threshold: int | None = None
    hidden: bool = False          # the numbers are left out of this output

    @property
    def date(self) -> dt.date:
        return self.period if isinstance(self.period, dt.date) else dt.date(self.period, 12, 31)

    @property
    def key(self) -> str:
        return period_key(self.period)


def figure(obs: Observation, unit: str, verdict: Verdict, internal: bool) -> Figure:
    hidden = verdict.withheld and not internal
    return Figure(period=obs.period,
                  value=None if hidden else obs.figure(unit),
                  numerator=None if hidden else obs.numerator,
                  denominator=None if hidden else obs.denominator,
                  provisional=obs.provisional, note=None if hidden else obs.note,
                  reason=verdict.reason, threshold=verdict.threshold, hidden=hidden)


def cell_of(obs: Observation) -> Cell:
    if obs.value is not None:
        return Cell(obs.value)
    return Cell(obs.numerator, obs.denominator)


# ---------------------------------------------------------------------------------------------
# Roll-up and disclosure of all KPIs


def roll_up(members: Sequence[KPI]) -> list[Observation]:
    """The collective's observations: the members' counts added up, for periods all of them report."""
    if not members:
        return []
    by_member = [{period_key(o.period): o for o in kpi.observations} for kpi in members]
    common = set(by_member[0]).intersection(*by_member[1:])
    rolled = []
    for key in sorted(common, key=lambda k: by_member[0][k].date):
        parts = [m[key] for m in by_member]
        period = parts[0].period
        provisional = any(p.provisional for p in parts)
        if all(p.numerator is not None for p in parts):
            rolled.append(Observation(period=period, numerator=sum(p.numerator for p in parts),
                                      denominator=sum(p.denominator for p in parts), provisional=provisional))
        else:
            total = sum(p.value if p.value is not None else p.numerator for p in parts)
            rolled.append(Observation(period=period, value=total, provisional=provisional))
    return rolled


@dataclass(frozen=True)
class SharedGroup:
    shared_id: str
    collective: KPI | None
    members: tuple[KPI, ...]


def shared_groups(kpis: Iterable[KPI], collective_id: str) -> list[SharedGroup]:
    groups: dict[str, list[KPI]] = defaultdict(list)
    for kpi in kpis:
        if kpi.shared_id:
            groups[kpi.shared_id].append(kpi)
    result = []
    for shared_id, items in sorted(groups.items()):
        collective = next((k for k in items if k.organisation == collective_id), None)
        members = tuple(k for k in items if k.organisation != collective_id)
        result.append(SharedGroup(shared_id, collective, members))
    return result


def observations_of(kpi: KPI, kpis: Sequence[KPI], collective_id: str) -> list[Observation]:
    """A KPI's own observations, or for a collective shared KPI the members' sum."""
    if kpi.shared_id and kpi.organisation == collective_id:
        members = [k for k in kpis if k.shared_id == kpi.shared_id and k.organisation != collective_id]
        return roll_up(members)
    return kpi.sorted_observations()


def _cells(figure: Hashable, cell: Cell, unit: str, rule: Privacy) -> tuple[dict, list[Total]]:
    """A figure as counts for disclosure control: the count, and for a count out of a group also the
    complement and the group, with group = count + complement. Amounts and yes/no have none."""
    if unit in ("euro", "yes-no"):
        return {}, []
    cells = {(figure, "n"): Protected(cell.count, rule.min_cell, figure)}
    if cell.denominator is None:
        return cells, []
    base = rule.min_denominator if unit == "percent" else rule.min_cell
    cells[(figure, "c")] = Protected(cell.denominator - cell.count, rule.min_cell, figure)
    cells[(figure, "d")] = Protected(cell.denominator, base, figure)
    return cells, [Total((figure, "d"), ((figure, "n"), (figure, "c")))]


def _sums(total: Hashable, parts: Sequence[Hashable], cells: Mapping) -> list[Total]:
    """total = sum of parts, for each kind of count that the total and all its parts have."""
    return [Total((total, kind), tuple((p, kind) for p in parts)) for kind in ("n", "c", "d")
            if (total, kind) in cells and all((p, kind) in cells for p in parts)]


def _verdict(protection: Protection, figure: Hashable, cell: Cell, unit: str, rule: Privacy) -> Verdict:
    if not protection.withheld(figure):
        return PUBLISH
    own = primary(cell, unit, rule)
    return own if own.withheld else Verdict("secondary")


def disclose(kpis: Sequence[KPI], collective_id: str, internal: bool = False) -> dict[str, list[Figure]]:
    """Every KPI's figures as they may be shown, oldest first.

    All figures form one set of tables for `disclosure.protect`: each figure's counts, and for a
    shared KPI the collective's counts as the sum of the members' in each period. The page, the
    open data and the status all take their figures from here, so they publish the same set.
    """
    observations: dict[str, list[Observation]] = {}
    cells: dict = {}
    totals: list[Total] = []
    for kpi in kpis:
        observations[kpi.id] = observations_of(kpi, kpis, collective_id)
        for obs in observations[kpi.id]:
            found, within = _cells((kpi.id, period_key(obs.period)), cell_of(obs), kpi.unit, kpi.privacy)
            cells.update(found)
            totals += within
    for group in shared_groups(kpis, collective_id):
        if group.collective is None:
            continue
        for obs in observations[group.collective.id]:
            key = period_key(obs.period)
            totals += _sums((group.collective.id, key), [(m.id, key) for m in group.members], cells)
    protection = protect(cells, totals)
    return {kpi.id: [figure(obs, kpi.unit, _verdict(protection, (kpi.id, period_key(obs.period)), cell_of(obs),
                                                    kpi.unit, kpi.privacy), internal)
                     for obs in observations[kpi.id]]
            for kpi in kpis}


# ---------------------------------------------------------------------------------------------
# Procurement: tender counts per year, for a target of the collective or of one member


@dataclass(frozen=True)
class TenderFigure:
    year: int
    awarded: int | None
    to_diverse: int | None
    share: float | None           # percent
    reason: Reason | None = None
    threshold: int | None = None
    hidden: bool = False


def _tender_figure(year: int, cell: Cell, verdict: Verdict, internal: bool) -> TenderFigure:
    hidden = verdict.withheld and not internal
    share = 100.0 * cell.count / cell.denominator if cell.denominator else None
    return TenderFigure(year, None if hidden else cell.denominator, None if hidden else int(cell.count),
                        None if hidden else share, verdict.reason, verdict.threshold, hidden)


TenderTable = tuple[list[TenderFigure], dict[str, list[TenderFigure]]]


def tender_tables(proc: Procurement, collective_id: str, members: Sequence[str], internal: bool = False
                  ) -> dict[str, TenderTable]:
    """Per procurement target: the figures per year, and for the collective's targets each member's.

    A collective target's figure is the sum over all `members`, for the years all of them report;
    a member's target shows the member's own figures. Every figure shown for any target is one
    set of tables for `disclosure.protect`, so no page gives away what another page withholds.
    """
    counts = {(c.organisation, c.year, c.band): Cell(c.to_diverse, c.awarded) for c in proc.tenders}
    rows: dict[str, tuple[list[tuple], dict[str, list[tuple]]]] = {}
    sums: dict[tuple, list[tuple]] = {}
    shown: dict[tuple, Cell] = {}
    for target in proc.targets:
        orgs = list(members) if target.organisation == collective_id else [target.organisation]
        years = sorted(set.intersection(*({y for (o, y, b) in counts if o == org and b == target.band}
                                          for org in orgs))) if orgs else []
        per_member = {org: [(org, y, target.band) for y in years] for org in orgs}
        for keys in per_member.values():
            shown.update({k: counts[k] for k in keys})
        if len(orgs) == 1:
            rows[target.id] = (per_member[orgs[0]], per_member)
            continue
        totals = [("", y, target.band) for y in years]   # "" is no organisation id
        for key in totals:
            parts = [(org, key[1], key[2]) for org in orgs]
            shown[key] = Cell(sum(shown[p].count for p in parts), sum(shown[p].denominator for p in parts))
            sums[key] = parts
        rows[target.id] = (totals, per_member)
    cells: dict = {}
    relations: list[Total] = []
    for key, cell in shown.items():
        found, within = _cells(key, cell, "percent", proc.privacy)
        cells.update(found)
        relations += within
    for key, parts in sums.items():
        relations += _sums(key, parts, cells)
    protection = protect(cells, relations)

    def figures(keys: list[tuple]) -> list[TenderFigure]:
        return [_tender_figure(key[1], shown[key], _verdict(protection, key, shown[key], "percent", proc.privacy),
                               internal) for key in keys]

    return {target_id: (figures(totals), {org: figures(keys) for org, keys in per_member.items()})
            for target_id, (totals, per_member) in rows.items()}


def partner_counts(partners: Sequence[Partner], members: Sequence[str], rule: Privacy, internal: bool = False, *,
                   is_diverse: Callable[[Partner], bool]) -> dict[str | None, TenderFigure]:
    """Diverse partners out of all partners: of the collective (key None) and of each member with partners.

    `is_diverse` applies the collective's criteria (data/criteria.yml) to one partner.

    A partner may work with several members, so the figures are sums over groups of partners
    who work with exactly the same members. Those groups are never shown, but a reader who
    knows how partners are shared could subtract: they are parts of one table with the
    figures (`disclosure.protect`), and a group of 1 to 4 is protected like a shown figure.
    """
    groups: dict[tuple[str, ...], list[int]] = {}
    for partner in partners:
        key = tuple(sorted(set(partner.organisations) & set(members)))
        count = groups.setdefault(key, [0, 0])
        count[0] += is_diverse(partner)
        count[1] += 1
    shown: dict[str | None, list[tuple[str, ...]]] = {None: sorted(groups)} if groups else {}
    for member in members:
        within = sorted(key for key in groups if member in key)
        if within:
            shown[member] = within
    figures = {("shown", org): Cell(sum(groups[k][0] for k in keys), sum(groups[k][1] for k in keys))
               for org, keys in shown.items()}
    cells: dict = {}
    relations: list[Total] = []
    for key, cell in [*figures.items(), *((("group", k), Cell(*groups[k])) for k in groups)]:
        found, within = _cells(key, cell, "percent", rule)
        cells.update(found)
        relations += within
    for org, keys in shown.items():
        relations += _sums(("shown", org), [("group", k) for k in keys], cells)
    protection = protect(cells, relations, unpublished=[("group", k) for k in groups])
    return {org: _tender_figure(0, figures[("shown", org)],
                                _verdict(protection, ("shown", org), figures[("shown", org)], "percent", rule), internal)
            for org in shown}


# ---------------------------------------------------------------------------------------------
# Consent rules for partners


def listable(partner: Partner) -> bool:
    """May this partner appear in the public directory?"""
    consent = partner.listing_consent
    return partner.listed and consent is not None and consent.active


def full_profile(partner: Partner) -> bool:
    """May the directory show more than the name and type (website, since, offers)?"""
    return listable(partner) and partner.listing_consent.scope == "profile"


def shown_claims(partner: Partner) -> list[OwnershipClaim]:
    """The ownership categories that may be shown next to this listed partner's name."""
    if not listable(partner):
        return []
    return [c for c in partner.ownership if c.show and c.consent is not None and c.consent.active]


def directory(partners: Iterable[Partner], org_id: str | None = None) -> list[Partner]:
    """Listed partners, by name; only those working with `org_id` when given."""
    chosen = [p for p in partners if listable(p) and (org_id is None or org_id in p.organisations)]
    return sorted(chosen, key=lambda p: (p.name.casefold(), p.id))


# ---------------------------------------------------------------------------------------------
# Privacy as validation: a wish to publish without consent is a data error at its line


def consent_problems(doc: Document, partners: Sequence[Partner]) -> list[Problem]:
    problems: list[Problem] = []

    def at(loc: tuple, message: str, expected: str) -> None:
        line, col = doc.position(loc)
        problems.append(Problem(doc.path, line, col, message, expected))

    for i, partner in enumerate(partners):
        consent = partner.listing_consent
        if partner.listed and consent is None:
            at((i, "listed"), f"{partner.name} is set to be listed, but no consent to be listed is recorded",
               "add `listing_consent:` with the date the partner agreed, or set `listed: false`")
        elif partner.listed and not consent.active:
            at((i, "listed"), f"{partner.name} withdrew consent to be listed on {consent.withdrawn.isoformat()}",
               "set `listed: false`")
        for j, claim in enumerate(partner.ownership):
            here = (i, "ownership", j, "show")
            if not claim.show:
                continue
            if claim.consent is None:
                at(here, f"the category '{claim.category}' is set to be shown for {partner.name}, "
                   "but no consent for this category is recorded",
                   "add `consent:` with the date the partner agreed to be named with it, or set `show: false`")
            elif not claim.consent.active:
                at(here, f"{partner.name} withdrew consent for the category '{claim.category}' "
                   f"on {claim.consent.withdrawn.isoformat()}", "set `show: false`")
            elif not partner.listed:
                at(here, f"the category '{claim.category}' is set to be shown, but {partner.name} is not listed",
                   "set `show: false`, or list the partner (`listed: true` with `listing_consent:`)")
        for j in duplicate_categories(partner):
            at((i, "ownership", j, "category"),
               f"the category '{partner.ownership[j].category}' appears twice for {partner.name}",
               "keep one claim per category")
    return problems


def baseline_problems(doc: Document, kpis: Sequence[KPI], collective_id: str | None) -> list[Problem]:
    """A public baseline must not stand in for a figure that disclosure control withholds.

    The baseline counts as a figure for the reporting period that ends on its date (a year for a
    yearly KPI); when that period overlaps the period of a withheld figure, the baseline would
    publish (nearly) the same number, whatever its exact value or date.
    """
    problems: list[Problem] = []
    figures = disclose(kpis, collective_id or "", internal=True)
    for i, kpi in enumerate(kpis):
        span = period_span(kpi.baseline.date, kpi.frequency)
        fig = next((f for f in figures[kpi.id] if f.reason and overlap(span, period_span(f.period, kpi.frequency))),
                   None)
        if fig is not None:
            line, col = doc.position((i, "baseline", "date"))
            problems.append(Problem(
                doc.path, line, col,
                f"the baseline dated {kpi.baseline.date.isoformat()} covers the same time as the figure for "
                f"{fig.key}, which is not published "
                + ("so that another hidden figure cannot be worked out" if fig.reason == "secondary"
                   else "because the group is too small"),
                "start from a figure that may be published (a period without overlap), or from the "
                "collective's figure"))
    return problems


def cross_check(docs: Mapping[str, Document], values: Mapping[str, Any]) -> list[Problem]:
    """The hook `load_dataset` calls: KPI, consent and procurement checks, with positions."""
    orgs = values.get("organisations")
    collective_id = orgs.collective.id if orgs is not None else None
    problems: list[Problem] = []
    if "kpis" in values and "kpis" in docs:
        found = kpi_problems(docs["kpis"], values["kpis"], collective_id)
        problems += found or baseline_problems(docs["kpis"], values["kpis"], collective_id)
    if "partners" in values and "partners" in docs:
        problems += consent_problems(docs["partners"], values["partners"])
    if "procurement" in values and "procurement" in docs:
        problems += procurement_problems(docs["procurement"], values["procurement"], collective_id)
    return problems
