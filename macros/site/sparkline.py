"""A small trend line for a KPI card: the published figures and the target, no text.

It is drawn in a fixed 120 × 36 box that stretches to the card's width; strokes keep
their width (vector-effect in the template). The card says the same in words.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from ..model.kpi import KPI

WIDTH, HEIGHT, PAD = 120, 36, 4


@dataclass(frozen=True)
class Sparkline:
    points: str          # SVG polyline points
    target_y: float


def sparkline(kpi: KPI, figures: Sequence[tuple[dt.date, float]]) -> Sparkline | None:
    """None with fewer than two figures: one dot is not a trend."""
    if len(figures) < 2:
        return None
    values = [v for _, v in figures] + [kpi.target.value]
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    start, end = figures[0][0].toordinal(), figures[-1][0].toordinal()
    days = (end - start) or 1

    def xy(day: dt.date, value: float) -> tuple[float, float]:
        x = PAD + (day.toordinal() - start) / days * (WIDTH - 2 * PAD)
        y = HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD)
        return round(x, 1), round(y, 1)

    coords = [xy(day, value) for day, value in figures]
    target_y = xy(figures[0][0], kpi.target.value)[1]
    return Sparkline(points=" ".join(f"{x},{y}" for x, y in coords), target_y=target_y)
