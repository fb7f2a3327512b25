"""Podium's accessibility audit (headless Chromium + axe-core + own checks) and the data
behind the accessibility statement.

Public API (imported lazily, so rendering the statement never loads Selenium):

- ``audit_site(site_dir, ...) -> AuditResult``      (macros.audit.runner)
- ``statement_view(data, audit_record, lang, today) -> dict``  (macros.audit.statement)
- ``render_statement(lang, data_dir, site_dir, today) -> str``  (macros.audit.statement)
- the ``podium audit`` command: ``macros.audit.command`` (HELP, add_arguments, run)
"""

from __future__ import annotations

from importlib import import_module

_EXPORTS = {
    "audit_site": "runner",
    "AuditResult": "runner",
    "Browser": "browser",
    "View": "settings",
    "DEFAULT_VIEWS": "settings",
    "TAGS": "settings",
    "statement_view": "statement",
    "render_statement": "statement",
    "StatementError": "statement",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
