"""Benchmark of disclosure control: CPU time of `privacy.disclose` on shared percentage KPIs.

Run from the project root:  .venv/bin/python bench/disclosure.py

A collective KPI adds up the members' counts every year; each member's group size is drawn from
a fixed mix (some smaller than 20, so they are withheld and others must be withheld with them).
It prints CPU seconds and how many figures are withheld, per size, and asserts nothing.
"""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from macros.model.kpi import KPI  # noqa: E402
from macros.model.privacy import disclose  # noqa: E402

SIZES = [(3, 10), (10, 10), (25, 10), (50, 10)]   # members, years
GROUP_SIZES = [12, 25, 40, 80, 150]


def kpi(kpi_id: str, organisation: str, observations: list[dict]) -> KPI:
    text = {"nl": kpi_id, "en": kpi_id}
    return KPI.model_validate({
        "id": kpi_id, "organisation": organisation, "goal": "goal", "shared_id": "shared", "name": text,
        "definition": text, "unit": "percent", "direction": "increase",
        "baseline": {"value": 10, "date": "2014-12-31"}, "target": {"value": 30, "deadline": "2030-12-31"},
        "method": text, "source": text, "frequency": "yearly", "observations": observations})


def group(members: int, years: int, seed: int = 1) -> list[KPI]:
    rnd = random.Random(seed)
    kpis = [kpi("total", "collective", [])]
    for m in range(members):
        observations = []
        for year in range(2015, 2015 + years):
            denominator = rnd.choice(GROUP_SIZES)
            observations.append({"period": year, "numerator": rnd.randint(0, denominator),
                                 "denominator": denominator})
        kpis.append(kpi(f"member-{m}", f"member-{m}", observations))
    return kpis


def main() -> None:
    print(f"{'members':>8} {'years':>6} {'figures':>8} {'withheld':>9} {'CPU s':>7}")
    for members, years in SIZES:
        kpis = group(members, years)
        start = time.process_time()
        figures = disclose(kpis, "collective")
        seconds = time.process_time() - start
        shown = [f for figs in figures.values() for f in figs]
        print(f"{members:>8} {years:>6} {len(shown):>8} {sum(f.hidden for f in shown):>9} {seconds:>7.2f}")


if __name__ == "__main__":
    main()
