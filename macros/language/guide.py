"""The public language guide, built from the same rules the checker uses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .findings import SEVERITIES
from .rules import load_rulebook, rules_dir


def guide(lang: str, root: Path | None = None) -> list[dict]:
    """Per category (in the order of settings.yml), the rules of ``lang`` in that language.

    Each category is ``{"id", "title", "description", "rules"}``; each rule is ``{"id",
    "terms", "terms_language", "alternatives", "reason", "severity", "source"}``. Rules are sorted by their first
    term; categories without rules in ``lang`` are left out. Rules switched off in
    ``disabled_rules`` are not shown.
    """
    book = load_rulebook(rules_dir(root))
    if lang not in book.languages:
        raise ValueError(f"lang must be one of {', '.join(book.languages)}, not {lang!r}")
    rules = book.enabled_rules(lang)
    sections = []
    for category in book.settings.categories:
        members = sorted((rule for rule in rules if rule.category == category.id), key=lambda rule: rule.terms[0].casefold())
        if not members:
            continue
        sections.append(
            {
                "id": category.id,
                "title": category.title[lang],
                "description": category.description[lang],
                "rules": [
                    {
                        "id": rule.id,
                        "terms": [_shown(term) for term in rule.terms],
                        "terms_language": rule.terms_language,
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
    book = load_rulebook(rules_dir(root))
    if lang not in book.languages:
        raise ValueError(f"lang must be one of {', '.join(book.languages)}, not {lang!r}")
    found = book.agreement
    return {
        "version": found.version,
        "agreed_on": dt.date.fromisoformat(found.agreed_on),
        "agreed_by": [role[lang] for role in found.agreed_by],
        "blocking": list(found.blocking),
        "annotating": [severity for severity in reversed(SEVERITIES) if severity not in found.blocking],
        "accepted": list(found.accepted[lang]),
        "summary": found.summary[lang],
    }


def _shown(term: str) -> str:
    return term[:-1] + "…" if term.endswith("*") else term
