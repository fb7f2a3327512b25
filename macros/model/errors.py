"""Problems found in the data; the type and its formats live on the ground floor (macros.base)."""
from __future__ import annotations

from ..base.problems import Problem, Problems

DataErrors = Problems

__all__ = ["DataErrors", "Problem"]
