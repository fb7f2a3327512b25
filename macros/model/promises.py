"""Promises that add up: a statement's promise against the targets of the goals it names, and a goal's
typed status against its figures. Each disagreement is a Problem at the line where it is written.

A year in a promise must be the year of a deadline of one of its goals or their figures' targets
("by 2030", "in 2030", "by the end of 2030"); a year after a word such as "from" means the target
must already be due on 1 January of that year. A share in a promise ("30 percent", "half") must be
the value of one of those targets. The words per language are data (promise_words.yml).
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..base.yamlread import Document, read_data_file
from .errors import Problem
from .kpi import KPI
from .partner import Procurement, ProcurementTarget
from .privacy import observations_of, tender_tables
from .progress import Point, assess
from .schema import Goal, Statement

WORDS_FILE = Path(__file__).with_name("promise_words.yml")
YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?![\d.,]\d)")


@lru_cache(maxsize=1)
def words() -> dict[str, dict[str, list[str]]]:
    return read_data_file(WORDS_FILE).data


def _share_pattern(lang: str) -> re.Pattern:
    table = words().get(lang, {})
    units = sorted({*table.get("percent", []), "%"}, key=len, reverse=True)
    half = sorted(table.get("half", []), key=len, reverse=True)
    number = r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(?:" + "|".join(re.escape(u) for u in units) + r")(?!\w)"
    return re.compile(number + ("|\\b(" + "|".join(re.escape(h) for h in half) + r")\b" if half else ""),
                      re.IGNORECASE)


def _starts_with_from(before: str, lang: str) -> bool:
    before = before.rstrip().casefold()
    return any(re.search(r"(?:^|\W)" + re.escape(w.casefold()) + r"$", before)
               for w in words().get(lang, {}).get("from", []))


def years_in(text: str, lang: str) -> list[tuple[int, bool]]:
    """Each year written in `text`, and whether it is said as 'from <year>'."""
    return [(int(m.group(1)), _starts_with_from(text[:m.start()], lang)) for m in YEAR.finditer(text)]


def shares_in(text: str, lang: str) -> list[float]:
    """Each share written in `text`, in percent ('30 procent' → 30, 'half' → 50)."""
    found = []
    for m in _share_pattern(lang).finditer(text):
        found.append(float(m.group(1).replace(",", ".")) if m.group(1) else 50.0)
    return found


# --- what the goals promise, in dates and shares --------------------------------------------


def _targets_of(goal_ids: Iterable[str], goals: Mapping[str, Goal], kpis: Sequence[KPI],
                proc: Procurement | None) -> list[tuple[dt.date, float | None]]:
    """Every deadline of the goals and their figures' targets, with the share due then (None: no share)."""
    steps: list[tuple[dt.date, float | None]] = []
    for goal_id in goal_ids:
        if goal_id in goals:
            steps.append((goals[goal_id].deadline, None))
        for kpi in (k for k in kpis if k.goal == goal_id):
            steps += [(step.deadline, step.value if kpi.unit == "percent" else None)
                      for step in (kpi.target, *kpi.interim_targets)]
        for target in (t for t in (proc.targets if proc else []) if t.goal == goal_id):
            steps += [(target.deadline, target.share), *((s.deadline, s.value) for s in target.interim_targets)]
    return steps


def _same(a: float, b: float) -> bool:
    return abs(a - b) < 0.05


def _listing(dates: Iterable[dt.date]) -> str:
    return ", ".join(d.isoformat() for d in sorted(set(dates)))


def _number(value: float) -> str:
    return f"{value:g}"


def promise_problems(doc: Document, statements: Sequence[Statement], goals: Sequence[Goal], kpis: Sequence[KPI],
                     proc: Procurement | None) -> list[Problem]:
    """Years and shares in promises that their goals' targets do not bear out."""
    problems: list[Problem] = []
    by_id = {g.id: g for g in goals}
    for i, statement in enumerate(statements):
        for j, promise in enumerate(statement.commitments):
            if not promise.goals:
                continue
            steps = _targets_of(promise.goals, by_id, kpis, proc)
            dates = [d for d, _ in steps]
            shares = [v for _, v in steps if v is not None]
            raw = doc.data[i]["commitments"][j]
            here = (i, "commitments", j, "text") if isinstance(raw, dict) and "text" in raw else (i, "commitments", j)
            for lang, text in promise.text.model_dump().items():
                named = shares_in(text, lang)
                # "From 2027, half …" needs the target of half to be due by then, not just any step.
                starts = [d for d, v in steps if v is not None and any(_same(v, n) for n in named)] or dates
                line, col = doc.position(here + (lang,))

                def at(message: str, expected: str) -> None:
                    problems.append(Problem(doc.path, line, col, message, expected))

                for year, starting in years_in(text, lang):
                    if starting and not any(d <= dt.date(year, 1, 1) for d in starts):
                        due = _listing(d for d in starts if d.year == year) or _listing(starts)
                        at(f"the promise says that it holds from {year} (from 1 January {year}), but its goals' "
                           f"targets are due {due}",
                           f"write it as 'by the end of {year}', or bring the target's deadline forward to "
                           f"{year}-01-01")
                    elif not starting and not any(d.year == year for d in dates):
                        at(f"the promise names {year}, but its goals' targets are due {_listing(dates)}",
                           "use the year of a deadline, or change the goal or target")
                for share in named:
                    if not any(_same(share, s) for s in shares):
                        known = ", ".join(f"{_number(s)}%" for s in sorted(set(shares))) or "no share"
                        at(f"the promise names {_number(share)}%, but its goals' targets name {known}",
                           "use the share of a target, or change the target")
    return problems


# --- a goal's typed status against its figures ----------------------------------------------


def _lagging(kpi: KPI, kpis: Sequence[KPI], collective_id: str) -> float | None:
    """The newest figure of `kpi` when it has not reached its target; None when it has (or has none)."""
    observations = observations_of(kpi, kpis, collective_id)
    if not observations:
        return None
    newest = observations[-1]
    result = assess(kpi, [Point(o.date, o.figure(kpi.unit)) for o in observations], newest.date)
    return None if result.status == "achieved" else newest.figure(kpi.unit)


def _lagging_tenders(target: ProcurementTarget, proc: Procurement, collective_id: str,
                     members: list[str]) -> float | None:
    totals = tender_tables(proc, collective_id, members, internal=True)[target.id][0]
    if not totals or totals[-1].share is None:
        return None
    return None if totals[-1].share >= target.share else totals[-1].share


def status_problems(doc: Document, goals: Sequence[Goal], kpis: Sequence[KPI], proc: Procurement | None,
                    collective_id: str, member_ids: list[str]) -> list[Problem]:
    """A goal typed 'achieved' while one of its typed figures has not reached its target."""
    problems: list[Problem] = []
    for i, goal in enumerate(goals):
        if goal.status != "achieved":
            continue
        lagging: list[tuple[str, float, float]] = []
        for kpi in (k for k in kpis if k.goal == goal.id and k.partner_register != "computed"):
            value = _lagging(kpi, kpis, collective_id)
            if value is not None:
                lagging.append((kpi.id, value, kpi.target.value))
        for target in (t for t in (proc.targets if proc else []) if t.goal == goal.id):
            value = _lagging_tenders(target, proc, collective_id, member_ids)
            if value is not None:
                lagging.append((target.id, value, target.share))
        for name, value, aim in lagging:
            line, col = doc.position((i, "status"))
            problems.append(Problem(doc.path, line, col,
                                    f"the goal is marked achieved, but its figure '{name}' stands at "
                                    f"{value:.4g} against a target of {aim:g}",
                                    "keep the status at in-progress until the figure reaches its target, "
                                    "or correct the figure"))
    return problems


def cross_check(docs: Mapping[str, Document], values: Mapping[str, Any]) -> list[Problem]:
    """The hook `load_dataset` calls once every file is valid on its own."""
    if "goals" not in values or "organisations" not in values:
        return []
    orgs = values["organisations"]
    kpis, proc = values.get("kpis", []), values.get("procurement")
    problems: list[Problem] = []
    if "statements" in values:
        problems += promise_problems(docs["statements"], values["statements"], values["goals"], kpis, proc)
    problems += status_problems(docs["goals"], values["goals"], kpis, proc, orgs.collective.id,
                                [m.id for m in orgs.members])
    return problems
