"""The WCAG success criteria that automated checks cannot settle on their own (wcag.yml).

The audit and the accessibility statement both need this list and never import each other, so it
lives on the ground floor: the audit copies it into its record; the statement shows it when there
is no record yet and takes the name of each known problem's criterion from it.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from .problems import Problems
from .validate import validate
from .yamlread import read_yaml

CRITERIA_FILE = Path(__file__).with_name("wcag.yml")


class Criterion(BaseModel):
    """One success criterion: its number, level, how far automation covers it, and its names."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sc: str
    level: Literal["A", "AA"]
    automation: Literal["partial", "none"]
    name: dict[str, str]


class _File(BaseModel):
    criteria: tuple[Criterion, ...]


@lru_cache(maxsize=1)
def uncovered_criteria() -> tuple[Criterion, ...]:
    """Every criterion of wcag.yml, in its order; raises Problems if the file is damaged."""
    doc, problems = read_yaml(CRITERIA_FILE)
    value, found = validate(_File, doc) if doc is not None else (None, [])
    if value is None:
        raise Problems(problems + found)
    return value.criteria


def criterion(sc: str) -> Criterion | None:
    """The criterion numbered `sc` (such as "1.4.3"), if automation cannot settle it."""
    return next((c for c in uncovered_criteria() if c.sc == sc), None)
