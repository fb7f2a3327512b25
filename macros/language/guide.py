"""The public language guide, built from the same rules the checker uses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .model import SEVERITIES
from .rules import LANGUAGES, load_rulebook, rules_dir


def guide(lang: str, root: Path | None = None) -> list[dict]:
    """Per category (in the order of settings.yml), the rules of ``lang`` in that language.

    Each category is ``{"id", "title", "description", "rules"}``; each rule is ``{"id",
    "terms", "alternatives", "reason", "severity", "source"}``. Rules are sorted by their first
    term; categories without rules in ``lang`` are left out. Rules switched off in
    ``disabled_rules`` are not shown.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    book = load_rulebook(rules_dir(root))
    rules = book.enabled_rules(lang)
    sections = []
    for category in book.settings.categories:
        members = sorted((rule for rule in rules if rule.category == category.id), key=lambda rule: rule.terms[0].casefold())
        if not members:
            continue
        sections.append(
            {
                "id": category.id,
                "title": getattr(category.title, lang),
                "description": getattr(category.description, lang),
                "rules": [
                    {
                        "id": rule.id,
                        "terms": [_shown(term) for term in rule.terms],
                        "alternatives": list(rule.alternatives),
                        "reason": rule.reason,
                        "severity": rule.severity,
                        "source": rule.source,
                    }
                    for rule in members
                ],
            }
        )
    return sections


def agreement(lang: str, root: Path | None = None) -> dict:
    """The collective's language agreement in ``lang``, for the top of the guide page.

    ``{"version", "agreed_on" (a date), "agreed_by" (roles), "blocking" (severities that stop
    publishing), "annotating" (the others), "accepted" (phrases), "summary"}``.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    book = load_rulebook(rules_dir(root))
    found = book.agreement
    return {
        "version": found.version,
        "agreed_on": dt.date.fromisoformat(found.agreed_on),
        "agreed_by": [getattr(role, lang) for role in found.agreed_by],
        "blocking": list(found.blocking),
        "annotating": [severity for severity in reversed(SEVERITIES) if severity not in found.blocking],
        "accepted": list(getattr(found.accepted, lang)),
        "summary": getattr(found.summary, lang),
    }


def _shown(term: str) -> str:
    return term[:-1] + "…" if term.endswith("*") else term
