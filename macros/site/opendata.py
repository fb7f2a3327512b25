"""Open data: per KPI a CSV and a JSON file of the published figures, and one zip with a README.

Everything here is built from the figures after disclosure control (`privacy.disclose` with
`internal=False`); a withheld figure keeps its period and the reason, never its numbers.
The functions return text or bytes; only `write_open_data` touches the disk. Output is
deterministic: same data and `today`, same bytes (fixed zip timestamps, sorted names).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any, Sequence, get_args

from ..model.dataset import Dataset
from ..model.kpi import KPI, Unit
from ..model.privacy import Figure
from ..model.report import assessment
from .audience import audience_report
from .i18n import PageContext

LICENCE = "CC-BY-4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
DATA_DIR = "data"
ZIP_NAME = "podium-open-data.zip"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
CSV_FIELDS = ("kpi", "organisation", "period", "date", "value", "unit", "numerator", "denominator",
              "provisional", "suppressed", "suppressed_reason")

# Plain English reasons in the files; the README explains them in Dutch and English.
REASON_TEXT = {
    "small-count": "fewer than {k}",
    "small-complement": "fewer than {k} outside the count",
    "small-base": "group smaller than {k}",
    "secondary": "withheld so that another withheld figure cannot be worked out",
}


def published(ds: Dataset, today: dt.date) -> dict[str, list[Figure]]:
    """The public figures of every KPI (never the internal view), register KPIs counted as of `today`:
    the public site's report, so pages and files always agree."""
    return audience_report(ds, False, today).figures


def plain(number: float | int | None) -> Any:
    """A number for the files: whole numbers as int, others rounded to 4 decimals; None stays None."""
    if number is None:
        return None
    if float(number).is_integer():
        return int(number)
    return round(float(number), 4)


def reason_text(fig: Figure) -> str:
    return REASON_TEXT[fig.reason].format(k=fig.threshold) if fig.reason else ""


def rows(kpi: KPI, figures: Sequence[Figure]) -> list[dict[str, Any]]:
    """One row per period; numbers left empty where the figure is withheld."""
    result = []
    for fig in figures:
        hidden = fig.hidden or fig.value is None
        result.append({
            "kpi": kpi.id, "organisation": kpi.organisation, "period": fig.key, "date": fig.date.isoformat(),
            "value": None if hidden else plain(fig.value), "unit": kpi.unit,
            "numerator": None if hidden else plain(fig.numerator),
            "denominator": None if hidden else plain(fig.denominator),
            "provisional": fig.provisional, "suppressed": hidden,
            "suppressed_reason": reason_text(fig) if hidden else "",
        })
    return result


def kpi_csv(kpi: KPI, figures: Sequence[Figure]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows(kpi, figures):
        writer.writerow({k: ("" if v is None else str(v).lower() if isinstance(v, bool) else v)
                         for k, v in row.items()})
    return out.getvalue()


def _text(value: Any) -> dict[str, str] | None:
    return value.model_dump() if value is not None else None


def kpi_record(kpi: KPI, figures: Sequence[Figure], today: dt.date,
               sdg: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """The JSON document of one KPI: its public metadata, status, SDG targets and published figures."""
    status = assessment(kpi, figures, today)
    observations = []
    for fig, row in zip(figures, rows(kpi, figures)):
        item = {k: row[k] for k in ("period", "date", "value", "numerator", "denominator", "provisional",
                                    "suppressed", "suppressed_reason")}
        item["note"] = _text(fig.note)
        observations.append(item)
    return {
        "id": kpi.id, "organisation": kpi.organisation, "goal": kpi.goal, "shared_id": kpi.shared_id,
        "name": _text(kpi.name), "definition": _text(kpi.definition),
        "unit": kpi.unit, "direction": kpi.direction, "tolerance": plain(kpi.tolerance),
        "baseline": {"value": plain(kpi.baseline.value), "date": kpi.baseline.date.isoformat()},
        "target": {"value": plain(kpi.target.value), "deadline": kpi.target.deadline.isoformat()},
        "interim_targets": [{"value": plain(t.value), "deadline": t.deadline.isoformat()}
                            for t in kpi.interim_targets],
        "method": _text(kpi.method), "source": _text(kpi.source), "frequency": kpi.frequency,
        "disclosure_control": {"min_cell": kpi.privacy.min_cell, "min_denominator": kpi.privacy.min_denominator},
        "status": {"as_of": today.isoformat(), "status": status.status},
        "partner_register": kpi.partner_register, "register_difference": _text(kpi.register_difference),
        "sdg_targets": sdg,
        "licence": LICENCE, "licence_url": LICENCE_URL,
        "observations": observations,
    }


def kpi_json(kpi: KPI, figures: Sequence[Figure], today: dt.date, sdg: Sequence[dict[str, Any]] = ()) -> str:
    return json.dumps(kpi_record(kpi, figures, today, sdg), ensure_ascii=False, indent=2) + "\n"


def sdg_of(ds: Dataset, kpi: KPI) -> list[dict[str, Any]]:
    """The SDG targets a KPI measures: its own and its goal's, with their titles in every language."""
    goal = next((g for g in ds.goals if g.id == kpi.goal), None)
    numbers = {*kpi.sdg_targets, *(goal.sdg_targets if goal else ())}
    return [{"target": t.id, "title": _text(t.title)} for t in ds.sdg_targets
            if t.id in numbers]


def readme(ds: Dataset, today: dt.date) -> str:
    """The README in the zip, Dutch first, then English: files, fields, units, method, licence, citation."""
    parts = []
    for language in ds.languages:
        ctx, lang = PageContext(language), language.code
        publisher = ds.collective.name(lang)
        lines = [f"# {ctx.t('opendata_readme_title', publisher=publisher)}", "",
                 ctx.t("opendata_readme_about", publisher=publisher, date=today.isoformat()), "",
                 f"## {ctx.t('opendata_readme_files')}", "",
                 ctx.t("opendata_readme_files_text"), ""]
        for kpi in sorted(audience_report(ds, False, today).kpis, key=lambda k: k.id):
            lines.append(f"- `{kpi.id}.csv`, `{kpi.id}.json`: {kpi.name(lang)} "
                         f"({ds.organisation(kpi.organisation).name(lang)})")
        lines += ["", f"## {ctx.t('opendata_readme_fields')}", ""]
        lines += [f"- `{name}`: {ctx.t('opendata_field_' + name)}" for name in CSV_FIELDS]
        lines += ["", f"## {ctx.t('opendata_readme_units')}", ""]
        lines += [f"- `{unit}`: {ctx.t('opendata_unit_' + unit.replace('-', '_'))}"
                  for unit in get_args(Unit)]
        lines += ["", f"## {ctx.t('opendata_readme_privacy')}", "", ctx.t("opendata_readme_privacy_text"), ""]
        lines += [f"- `{text.format(k='N')}`: {ctx.t('opendata_reason_' + code.replace('-', '_'))}"
                  for code, text in REASON_TEXT.items()]
        lines += ["", f"## {ctx.t('opendata_readme_method')}", ""]
        for kpi in sorted(audience_report(ds, False, today).kpis, key=lambda k: k.id):
            lines += [f"### {kpi.name(lang)} (`{kpi.id}`)", "",
                      f"- {ctx.t('kpi_definition')}: {kpi.definition(lang)}",
                      f"- {ctx.t('kpi_method')}: {kpi.method(lang)}",
                      f"- {ctx.t('kpi_source')}: {kpi.source(lang)}", ""]
        lines += [f"## {ctx.t('opendata_readme_licence')}", "",
                  ctx.t("opendata_readme_licence_text", url=LICENCE_URL), "",
                  f"## {ctx.t('opendata_readme_cite')}", "",
                  ctx.t("opendata_readme_cite_text", publisher=publisher, year=today.year,
                        website=ds.collective.website, date=today.isoformat()), ""]
        parts.append("\n".join(lines))
    return "\n---\n\n".join(parts)


def files(ds: Dataset, today: dt.date) -> dict[str, bytes]:
    """Every open-data file by its name inside `data/`, including the zip."""
    figures = published(ds, today)
    out: dict[str, bytes] = {}
    for kpi in sorted(audience_report(ds, False, today).kpis, key=lambda k: k.id):
        out[f"{kpi.id}.csv"] = kpi_csv(kpi, figures[kpi.id]).encode("utf-8")
        out[f"{kpi.id}.json"] = kpi_json(kpi, figures[kpi.id], today, sdg_of(ds, kpi)).encode("utf-8")
    bundle = dict(out)
    bundle["README.md"] = readme(ds, today).encode("utf-8")
    out[ZIP_NAME] = zip_bytes(bundle)
    return out


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip of `members`, sorted by name, with fixed timestamps and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name])
    return buffer.getvalue()


def write_open_data(ds: Dataset, out_dir: Path, today: dt.date) -> list[Path]:
    """Write `<out_dir>/data/<kpi-id>.csv|.json` and `<out_dir>/data/podium-open-data.zip`."""
    target = Path(out_dir) / DATA_DIR
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in files(ds, today).items():
        path = target / name
        path.write_bytes(content)
        written.append(path)
    return written
