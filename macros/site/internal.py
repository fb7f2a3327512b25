"""The guard of the internal fragments: they show data that must never reach a public page.

This is a real check, not an `assert`, so it also holds when Python runs with
optimisations (`python -O`, PYTHONOPTIMIZE), which strip every assert.
"""
from __future__ import annotations

from .i18n import PageContext


class InternalOnly(RuntimeError):
    """An internal fragment was asked for on a page of the public site."""


def require_internal(ctx: PageContext, macro: str) -> None:
    if not ctx.internal:
        raise InternalOnly(f"{macro}() shows internal data and works only in the internal build")
