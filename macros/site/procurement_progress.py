"""Procurement targets as progress: each target becomes a KPI with figures, so it gets the same status,
chart, table, page and open data as any KPI.

The figures are the tender counts of data/procurement.yml per year, after the disclosure control of
`privacy.tender_tables` (for the collective: the members added up, protected as one table).
The baseline is the first figure the public may see, so it never repeats a withheld figure.
The words (name, definition, method, source) are interface strings, in every language of the site.
"""
from __future__ import annotations

import datetime as dt

from ..model.dataset import Dataset
from ..model.kpi import KPI
from ..model.partner import ProcurementTarget
from ..model.privacy import Figure, TenderFigure, tender_tables
from ..model.types import Text
from .i18n import PageContext


def target_totals(ds: Dataset, target: ProcurementTarget, internal: bool) -> list[TenderFigure]:
    members = [m.id for m in ds.members]
    return tender_tables(ds.procurement, ds.collective.id, members, internal=internal)[target.id][0]


def _text(ds: Dataset, key: str, **values: str) -> Text:
    """One interface string in every language of the site, band words filled in per language."""
    words = {}
    for language in ds.languages:
        ctx = PageContext(language)
        filled = {name: ctx.t(value) if value.startswith("partners_band_") else value
                  for name, value in values.items()}
        words[language.code] = ctx.t(key, **filled)
    return Text.model_validate(words)


def target_kpi(ds: Dataset, target: ProcurementTarget) -> KPI | None:
    """The target as a KPI; None until there is a figure the public may see to start from."""
    first = next((f for f in target_totals(ds, target, internal=False) if not f.hidden), None)
    if first is None or dt.date(first.year, 12, 31) >= target.deadline:
        return None
    band = f"partners_band_{target.band.replace('-', '_')}"
    return KPI.model_validate({
        "id": target.id, "organisation": target.organisation, "goal": target.goal,
        "name": _text(ds, "procurement_kpi_name", band=band),
        "definition": _text(ds, "procurement_kpi_definition", band=band),
        "unit": "percent", "direction": "increase",
        "baseline": {"value": first.share, "date": dt.date(first.year, 12, 31)},
        "target": {"value": target.share, "deadline": target.deadline},
        # Steps before the first published figure cannot be measured against; they are left out.
        "interim_targets": [step.model_dump() for step in target.interim_targets
                            if dt.date(first.year, 12, 31) < step.deadline < target.deadline],
        "method": _text(ds, "procurement_kpi_method"), "source": _text(ds, "procurement_kpi_source"),
        "frequency": "yearly", "privacy": ds.procurement.privacy.model_dump()})


def target_kpis(ds: Dataset) -> list[KPI]:
    return [k for k in (target_kpi(ds, t) for t in ds.procurement.targets) if k is not None]


def _figure(fig: TenderFigure) -> Figure:
    return Figure(period=fig.year, value=fig.share, numerator=fig.to_diverse, denominator=fig.awarded,
                  provisional=False, note=None, reason=fig.reason, threshold=fig.threshold, hidden=fig.hidden)


def target_progress(ds: Dataset, internal: bool) -> list[tuple[KPI, list[Figure]]]:
    """Each target KPI with its figures, as the public (or the internal build) may see them."""
    targets = {t.id: t for t in ds.procurement.targets}
    return [(kpi, [_figure(f) for f in target_totals(ds, targets[kpi.id], internal)]) for kpi in target_kpis(ds)]
