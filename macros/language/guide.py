"""The public language guide, built from the same rules the checker uses."""

from __future__ import annotations

from pathlib import Path

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


def _shown(term: str) -> str:
    return term[:-1] + "…" if term.endswith("*") else term
