"""The accessibility statement page: what people claim (data/accessibility.yml) next to what the
latest automated audit recorded (data/accessibility-audit.json), in the page's language.

Both files are read and checked by the model; this module only arranges them into rows.
"""
from __future__ import annotations

from typing import Any

from ..base.wcag import criterion, uncovered_criteria
from ..model.accessibility import CATEGORIES, AuditRecord, Statement
from ..model.dataset import Dataset
from .i18n import PageContext
from .render import render


def accessibility_statement(ds: Dataset, ctx: PageContext) -> str:
    """The statement as the people responsible for it and the audit describe it."""
    statement = ds.accessibility
    if statement is None:
        raise ValueError("data/accessibility.yml:1:1: this file is missing — write the statement data "
                         "there (see the example project)")
    return statement_html(statement, ds.accessibility_audit, ctx)


def statement_html(s: Statement, record: AuditRecord | None, ctx: PageContext) -> str:
    """One <div class="podium-statement">, with a table frame around each table."""
    widths = sorted({view.width for view in record.views}, reverse=True) if record else []
    return render("accessibility_statement.html", ctx, s=s, record=record,
                  problem_groups=problem_groups(s, ctx),
                  widths=f" {ctx.t('access_and')} ".join(map(str, widths)) or "?",
                  automated=automated_rows(record, ctx) if record else [],
                  limits=limits_rows(record, ctx))


def _criterion_name(sc: str, lang: str) -> str:
    known = criterion(sc)
    return known.name.get(lang, "") if known else ""


def problem_groups(s: Statement, ctx: PageContext) -> list[dict[str, Any]]:
    """The known problems by category (in the order of CATEGORIES), categories without one left out."""
    groups = []
    for category in CATEGORIES:
        problems = [p for p in s.known_problems if p.category == category]
        if not problems:
            continue
        groups.append({
            "caption": ctx.t("access_problems_caption", category=ctx.t(f"access_category_{category}")),
            "rows": [{
                "criterion": p.criterion,
                "criterion_name": _criterion_name(p.criterion, ctx.lang),
                "impact": p.impact(ctx.lang),
                "cause": p.cause(ctx.lang),
                "planned_fix": p.planned_fix(ctx.lang),
                "planned_date": ctx.date(p.planned_date) if p.planned_date else ctx.t("access_not_planned"),
                "alternative": p.alternative(ctx.lang) if p.alternative else ctx.t("access_none"),
            } for p in problems],
        })
    return groups


def automated_rows(record: AuditRecord, ctx: PageContext) -> list[tuple[str, str]]:
    """(label, value) for each line of the table of the latest automated check."""
    tools, totals = record.tools, record.totals
    views = ", ".join(ctx.t("access_view_label", scheme=ctx.t(f"access_view_{v.scheme}"), width=v.width)
                      for v in record.views)
    values = [
        ("date", ctx.date(record.date.date()) if record.date else "?"),
        ("tools", f"axe-core {tools.get('axe-core', '?')}, Chromium {tools.get('chromium', '?')}"),
        ("pages", str(record.page_count)),
        ("views", views),
        ("page_views", str(totals.page_views)),
        ("violations", str(totals.violations)),
        ("reviewed", str(totals.needs_review_acknowledged)),
        ("unreviewed", str(totals.needs_review_unacknowledged)),
        ("result", ctx.t("access_result_passed" if record.passed else "access_result_failed")),
    ]
    return [(ctx.t(f"access_automated_{key}"), value) for key, value in values]


def limits_rows(record: AuditRecord | None, ctx: PageContext) -> list[dict[str, str]]:
    """The criteria automation cannot settle: as the record lists them, else every one Podium knows.
    Names come in the page's language where Podium knows them, else as the record wrote them."""
    listed = [(c.sc, c.level, c.automation, c.name) for c in record.not_covered_by_automation] if record else []
    listed = listed or [(c.sc, c.level, c.automation, "") for c in uncovered_criteria()]
    rows = []
    for sc, level, automation, recorded_name in listed:
        known = criterion(sc)
        rows.append({"sc": sc, "name": (known.name.get(ctx.lang) if known else None) or recorded_name,
                     "level": level or (known.level if known else ""), "automation": automation})
    return rows
