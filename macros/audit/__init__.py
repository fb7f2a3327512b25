"""Podium's accessibility audit (headless Chromium + axe-core + own checks) and its record,
which the accessibility statement shows (`podium audit --record` writes data/accessibility-audit.json).

Public API (imported lazily, so importing the package never loads Selenium):

- ``audit_site(site_dir, ...) -> AuditResult``      (macros.audit.runner)
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
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
