"""An inline SVG chart of a KPI's published figures, followed by a table with exactly those figures.

Coordinates are computed here; the markup comes from `templates/chart.svg.html` (autoescaped).
The chart draws only figures that may be shown (after disclosure control), a dashed and labelled
target line, and a dotted, labelled deadline marker. Colours come from Material's CSS custom
properties, so the chart follows the light and dark scheme; nothing is told by colour alone.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Sequence

from ..model.kpi import KPI
from ..model.privacy import Figure
from .i18n import PageContext, axis_period, format_period, format_value, withheld_text
from .render import render

HEIGHT = 300
TOP, RIGHT, BOTTOM = 36, 24, 44
LABEL_PADDING = 12      # px between two x-axis labels


@dataclass(frozen=True)
class Layout:
    """One drawing of a chart: the width it is drawn for and the size of its text.

    A chart is drawn twice, for a narrow and a wide column, and each drawing is never shown
    wider than drawn nor narrower than `smallest`; so text of `font` units is at least
    font × smallest / width pixels: 12 px or more from a 320 px phone to a 1280 px screen.
    """

    name: str
    width: int
    font: int
    smallest: int           # the narrowest column the drawing is shown in (px)
    all_values: bool        # write every figure next to its point (the narrow one: only the newest)

    @property
    def char_width(self) -> float:
        """Rough width of one character, to size the left margin and space the axis labels."""
        return self.font * 0.6


NARROW = Layout("narrow", 320, 15, 272, False)
WIDE = Layout("wide", 640, 13, 600, True)
LAYOUTS = (WIDE, NARROW)


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude  # pragma: no cover


def y_scale(values: Sequence[float], unit: str) -> tuple[float, float, list[float]]:
    """The lowest and highest value on the y axis and the ticks between them."""
    if unit == "yes-no":
        return 0.0, 1.0, [0.0, 1.0]
    low = min(0.0, *values)
    high = max(values)
    if unit == "percent":
        high = min(100.0, high * 1.1) if high > 0 else 10.0
    if high <= low:
        high = low + 1
    step = _nice_step(high - low)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step
    count = int(round((high - low) / step))
    return low, high, [low + i * step for i in range(count + 1)]


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    label: str           # the figure as text, shown next to the point
    period: str          # the period as text, shown on the x axis
    iso: str             # the period's date, for <time datetime>
    provisional: bool
    axis_label: bool     # whether this point's period is written on the x axis
    value_label: bool    # whether the figure is written next to the point (the table has them all)


@dataclass(frozen=True)
class Chart:
    ids: dict[str, str]
    layout: Layout
    name: str
    title: str
    desc: str
    caption: str
    width: int
    height: int
    left: float
    plot_right: float
    plot_bottom: float
    y_ticks: list[dict]
    marks: list[Mark]
    segments: list[str]       # SVG polyline point lists; a withheld figure breaks the line
    expected: str             # the straight path from the baseline through interim targets to the target
    target_y: float
    target_label: str
    deadline_x: float
    deadline_label: str
    deadline_anchor: str      # 'end' (label left of the marker) or 'start' near the left edge
    rows: list[dict]          # the table: exactly the charted figures, then the target
    target_row: dict


def chart_ids(kpi_id: str) -> dict[str, str]:
    """Deterministic, page-unique ids derived from the KPI id."""
    base = f"kpi-{kpi_id}-chart"
    return {"figure": base, "title": f"{base}-title", "desc": f"{base}-desc", "table": f"{base}-table"}


def charted(figures: Sequence[Figure]) -> list[Figure]:
    """The figures that may be drawn: those with a value in this build, oldest first."""
    return sorted((f for f in figures if f.value is not None and not f.hidden), key=lambda f: f.date)


def build_chart(kpi: KPI, figures: Sequence[Figure], ctx: PageContext, layout: Layout = WIDE) -> Chart | None:
    """All coordinates and texts of the chart, or None when there is nothing to draw."""
    width, char_width = layout.width, layout.char_width
    shown = charted(figures)
    if not shown:
        return None
    name = kpi.name(ctx.lang)
    stops = [(kpi.baseline.date, kpi.baseline.value), *((t.deadline, t.value) for t in kpi.interim_targets),
             (kpi.target.deadline, kpi.target.value)]
    values = [f.value for f in shown] + [value for _, value in stops]
    low, high, ticks = y_scale(values, kpi.unit)
    tick_labels = [format_value(ctx, kpi.unit, v) for v in ticks]
    left = max(48.0, 16 + char_width * max(len(s) for s in tick_labels))
    plot_right, plot_bottom = width - RIGHT, HEIGHT - BOTTOM

    start = min(shown[0].date, kpi.baseline.date)
    end = max(kpi.target.deadline, shown[-1].date)
    pad = max((end - start).days * 0.06, 30)
    x0, x1 = start.toordinal() - pad, end.toordinal() + pad

    def x_of(day: dt.date) -> float:
        return round(left + (day.toordinal() - x0) / (x1 - x0) * (plot_right - left), 1)

    def y_of(value: float) -> float:
        return round(plot_bottom - (value - low) / (high - low) * (plot_bottom - TOP), 1)

    marks, last_right = [], -1e9
    for f in shown:
        x = x_of(f.date)
        text = axis_period(ctx, f.period)
        half = len(text) * char_width / 2
        axis_label = x - half >= last_right + LABEL_PADDING   # skip labels that would overlap
        if axis_label:
            last_right = x + half
        marks.append(Mark(x, y_of(f.value), format_value(ctx, kpi.unit, f.value), text,
                          f.date.isoformat(), f.provisional, axis_label,
                          layout.all_values or f is shown[-1]))

    segments, current = [], []
    for f in sorted(figures, key=lambda f: f.date):
        if f.value is None or f.hidden:
            if current:
                segments.append(current)
            current = []
            continue
        current.append(f"{x_of(f.date)},{y_of(f.value)}")
    if current:
        segments.append(current)

    target_text = format_value(ctx, kpi.unit, kpi.target.value)
    deadline_text = ctx.date(kpi.target.deadline)
    withheld = len([f for f in figures if f.hidden])
    desc = " ".join(filter(None, [
        ctx.t("chart_desc_range_one" if len(shown) == 1 else "chart_desc_range", count=len(shown), first=format_period(ctx, shown[0].period),
              last=format_period(ctx, shown[-1].period)),
        ctx.t("chart_desc_latest", value=format_value(ctx, kpi.unit, shown[-1].value),
              period=format_period(ctx, shown[-1].period)),
        ctx.t("chart_desc_target", target=target_text, deadline=deadline_text),
        ctx.t("chart_desc_withheld", count=withheld) if withheld else "",
    ]))
    rows = [{"period": format_period(ctx, f.period), "iso": f.date.isoformat(),
             "value": format_value(ctx, kpi.unit, f.value), "provisional": f.provisional,
             "note": f.note(ctx.lang) if f.note is not None else None,
             "withheld": withheld_text(ctx, f)} for f in shown]
    return Chart(
        ids=chart_ids(kpi.id), layout=layout, name=name, title=ctx.t("chart_title", name=name), desc=desc,
        caption=ctx.t("chart_caption", name=name), width=width, height=HEIGHT, left=left,
        plot_right=plot_right, plot_bottom=plot_bottom,
        y_ticks=[{"y": y_of(v), "label": label} for v, label in zip(ticks, tick_labels)],
        marks=marks, segments=[" ".join(s) for s in segments],
        expected=" ".join(f"{x_of(day)},{y_of(value)}" for day, value in stops),
        target_y=y_of(kpi.target.value), target_label=ctx.t("chart_target_label", target=target_text),
        deadline_x=x_of(kpi.target.deadline), deadline_label=ctx.t("chart_deadline_label", deadline=deadline_text),
        deadline_anchor="end" if x_of(kpi.target.deadline) > width / 2 else "start",
        rows=rows,
        target_row={"period": deadline_text, "iso": kpi.target.deadline.isoformat(), "value": target_text})


def chart(kpi: KPI, figures: Sequence[Figure], ctx: PageContext) -> str:
    """The <figure> with the SVG and its caption, then the table; '' when there is nothing to draw."""
    drawings = [build_chart(kpi, figures, ctx, layout) for layout in LAYOUTS]
    if drawings[0] is None:
        return ""
    return render("chart.svg.html", ctx, drawings=drawings, chart=drawings[0],
                  unit_label=ctx.t(f"kpi_unit_{kpi.unit}"))
