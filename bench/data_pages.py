"""Benchmark of the data-heavy pages: progress (KPIs with charts) and working with us (partners).

At full size the example grows to 25 members, 1,000 partners and 40 KPIs with 10 years of
observations each; it is also measured at a quarter and at half of that. For each size it
builds with Podium and builds the same pages pre-rendered as plain Markdown, and prints
CPU seconds, seconds per page and the ratio. It measures; it asserts nothing.

With --before it also builds the data pages with the disclosure solver Podium used before
(tests/disclosure_reference.py: one tableau over all counts, a search that doubles with every
member without a diverse partner), so the output shows the build before and after that change.
That build takes minutes from half size on.

    .venv/bin/python bench/data_pages.py
    .venv/bin/python bench/data_pages.py --scale 1 --runs 1
    .venv/bin/python bench/data_pages.py --scale 0.25 0.5 --runs 1 --before
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build import ROOT, WORK, compare, copy_project, cpu_seconds, grow, prerender  # noqa: E402

import macros.model.privacy  # noqa: E402  (the module whose solver --before swaps)

FULL = {"members": 25, "partners": 1000, "kpis": 40, "years": 10}


def _text(nl: str, en: str) -> dict[str, str]:
    return {"nl": nl, "en": en}


def synthetic_kpi(i: int, org: str, goal: str, years: int) -> dict:
    first = 2026 - years
    return {"id": f"bench-kpi-{i}", "organisation": org, "goal": goal,
            "name": _text(f"Bezoekers van programma {i}", f"Visitors of programme {i}"),
            "definition": _text("Het aantal bezoekers van dit programma in een jaar.",
                                "The number of visitors of this programme in a year."),
            "unit": "count", "direction": "increase",
            "baseline": {"value": 100, "date": f"{first - 1}-12-31"},
            "target": {"value": 100 + 30 * years, "deadline": "2030-12-31"},
            "method": _text("We tellen de kaartjes.", "We count the tickets."),
            "source": _text("Kassa", "Ticket office"), "frequency": "yearly",
            "observations": [{"period": first + y, "value": 100 + 25 * y + i % 7} for y in range(years)]}


def synthetic_partner(i: int, members: list[str]) -> dict:
    partner = {"id": f"bench-partner-{i}", "name": f"Leverancier {i}", "organisations": [members[i % len(members)]],
               "type": "supplier", "website": f"https://leverancier-{i}.example.org", "partner_since": 2015 + i % 10,
               "tender_band": "up-to-50k",
               "offers_or_seeks": _text("Drukwerk en ontwerp.", "Printing and design."),
               "listed": i % 3 != 0}
    if partner["listed"]:
        partner["listing_consent"] = {"date": "2025-01-15", "scope": "profile"}
    return partner


def grow_data_pages(project: Path, size: dict) -> None:
    grow(project, size["members"])
    data = project / "data"
    orgs = yaml.safe_load((data / "organisations.yml").read_text(encoding="utf-8"))
    members = [m["id"] for m in orgs["members"]]
    # A goal still under way: figures below their target would contradict an achieved one.
    goal = next(g["id"] for g in yaml.safe_load((data / "goals.yml").read_text(encoding="utf-8"))
                if g.get("status") == "in-progress")
    kpis = yaml.safe_load((data / "kpis.yml").read_text(encoding="utf-8"))
    partners = yaml.safe_load((data / "partners.yml").read_text(encoding="utf-8"))
    kpis += [synthetic_kpi(i, members[i % len(members)], goal, size["years"])
             for i in range(max(0, size["kpis"] - len(kpis)))]
    partners += [synthetic_partner(i, members) for i in range(max(0, size["partners"] - len(partners)))]
    for name, value in (("kpis.yml", kpis), ("partners.yml", partners)):
        (data / name).write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")


def with_reference_solver(project: Path, runs: int) -> float:
    """Best CPU seconds of the data build with the disclosure solver as it was before."""
    sys.path.insert(0, str(ROOT / "tests"))
    import disclosure_reference
    current = macros.model.privacy.protect
    macros.model.privacy.protect = disclosure_reference.protect
    try:
        return min(cpu_seconds(project)[0] for _ in range(runs))
    finally:
        macros.model.privacy.protect = current


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, nargs="*", default=[0.25, 0.5, 1.0])
    parser.add_argument("--runs", type=int, default=3, help="builds per variant after a warm-up; the best is reported")
    parser.add_argument("--before", action="store_true",
                        help="also build with the disclosure solver used before (slow from half size on)")
    args = parser.parse_args()
    print(f"{'members':>7} {'partners':>8} {'kpis':>5} {'years':>5} {'pages':>6} {'data s':>8} "
          f"{'plain s':>8} {'ms/page':>8} {'ratio':>6}" + (f" {'before s':>9} {'ratio':>6}" if args.before else ""))
    for scale in args.scale:
        size = {key: max(1, round(value * scale)) for key, value in FULL.items()}
        size["years"] = FULL["years"]
        project = copy_project(WORK / f"data-{scale}")
        grow_data_pages(project, size)
        plain = prerender(project)
        data_s, plain_s = compare(project, plain, args.runs)
        pages = sum(1 for _ in (project / "site").rglob("*.html"))
        before = ""
        if args.before:
            before_s = with_reference_solver(project, args.runs)
            before = f" {before_s:>9.2f} {before_s / plain_s:>6.2f}"
        print(f"{size['members']:>7} {size['partners']:>8} {size['kpis']:>5} {size['years']:>5} {pages:>6} "
              f"{data_s:>8.2f} {plain_s:>8.2f} {1000 * data_s / pages:>8.1f} {data_s / plain_s:>6.2f}{before}",
              flush=True)
    print("CPU seconds of `podium build` (both languages; language check left out of both), best of the runs after a warm-up; "
          "ratio = data-driven / pre-rendered Markdown, target ≤ 1.2; time should grow linearly with the data."
          + (" before s = the data build with the disclosure solver used before, and its ratio to the plain build."
             if args.before else ""))


if __name__ == "__main__":
    main()
