"""Build-time benchmark: data-driven pages versus the same pages written by hand.

For N members (default 5, 25, 100) it grows the example data synthetically,
builds the site with Podium (macros render the data), then builds the very same
pages as plain Markdown with the macro output pre-rendered and no macros, and
prints seconds per page and the ratio. Both keep Podium's hooks: the frame every page
shows (brand, footer, sharing), page addresses, the split search index and the pruned
theme CSS belong to the site, not to the data. It measures; it asserts nothing.

    .venv/bin/python bench/build.py            # N = 5, 25, 100
    .venv/bin/python bench/build.py 25 --runs 3
"""
from __future__ import annotations

import argparse
import copy
import gc
import resource
import shutil
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / ".work" / "build"
sys.path.insert(0, str(ROOT))

import macros  # noqa: E402  (the same module mkdocs-macros imports)
from macros.site.build import build_site  # noqa: E402
from macros.site.config import read_base  # noqa: E402


def _text(nl: str, en: str) -> dict[str, str]:
    return {"nl": nl, "en": en}


def synthetic_member(i: int) -> dict:
    return {"id": f"museum-{i}", "name": _text(f"Museum {i}", f"Museum {i}"), "city": f"Plaats {i}",
            "website": f"https://museum-{i}.example.org",
            "mission": _text(f"Museum {i} laat de geschiedenis van de streek zien.",
                             f"Museum {i} shows the history of the region.")}


def grow(project: Path, members: int) -> None:
    """Add synthetic members, each with a statement, role, goals and updates, to the example data."""
    data = project / "data"
    load = lambda name: yaml.safe_load((data / name).read_text(encoding="utf-8"))  # noqa: E731
    orgs, statements, goals = load("organisations.yml"), load("statements.yml"), load("goals.yml")
    roles, updates, groups = load("roles.yml"), load("updates.yml"), load("groups.yml")
    template = copy.deepcopy(statements[-1])
    for i in range(len(orgs["members"]) + 1, members + 1):
        member = synthetic_member(i)
        orgs["members"].append(member)
        role = {"id": f"contact-{i}", "organisation": member["id"],
                "title": _text("Contactpersoon diversiteit", "Diversity contact"),
                "responsibilities": [_text("Vragen beantwoorden.", "Answering questions.")],
                "mailbox": f"diversiteit@museum-{i}.example.org"}
        roles.append(role)
        statements.append({**copy.deepcopy(template), "id": f"belofte-{i}", "organisation": member["id"],
                           "contact_role": role["id"], "signed_by_role": role["id"]})
        for g in range(3):
            goals.append({"id": f"doel-{i}-{g}", "organisation": member["id"], "pillar": "publiek",
                          "building_block": g + 1, "type": "process",
                          "title": _text(f"Doel {g} van museum {i}", f"Goal {g} of museum {i}"),
                          "description": _text("Meer bezoekers welkom heten.", "Welcome more visitors."),
                          "deadline": f"{2027 + g}-12-31", "status": "planned", "owner_role": role["id"]})
            updates.append({"id": f"resultaat-{i}-{g}", "organisation": member["id"], "date": f"2025-0{g + 1}-15",
                            "title": _text("Een stap gezet", "A step taken"),
                            "body": _text("We hebben iets bereikt.", "We achieved something."),
                            "goals": [f"doel-{i}-{g}"]})
        for group in groups:
            group.setdefault("offers", []).append({
                "organisation": member["id"], "title": _text(f"Rondleiding {i}", f"Tour {i}"),
                "description": _text("Een rondleiding op maat.", "A tailored tour.")})
    for name, value in [("organisations.yml", orgs), ("statements.yml", statements), ("goals.yml", goals),
                        ("roles.yml", roles), ("updates.yml", updates), ("groups.yml", groups)]:
        (data / name).write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")


def copy_project(dest: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    top_level = {".venv", "node_modules", "site", "site-internal", ".git", "bench", "tests", ".pytest_cache"}
    shutil.copytree(ROOT, dest, ignore=lambda folder, names: {
        n for n in names if n == "__pycache__" or (Path(folder) == ROOT and n in top_level)})
    return dest


def prerender(project: Path) -> Path:
    """Build once while saving each page's Markdown as it is after the macros ran."""
    dumped = project.parent / (project.name + "-plain")
    if dumped.exists():
        shutil.rmtree(dumped)

    def dump(env) -> None:
        lang = env.conf.theme["language"]
        target = dumped / "content" / lang / env.page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        # The page hooks escape title and description as markupsafe text, which YAML writes as plain
        # text; `render_macros` only concerns the macros plugin, which the hand-written build lacks.
        meta = {key: str(value) if isinstance(value, str) else value for key, value in env.page.meta.items()
                if key != "render_macros"}
        front = yaml.safe_dump(meta, allow_unicode=True) if meta else ""
        target.write_text((f"---\n{front}---\n\n" if front else "") + env.markdown, encoding="utf-8")

    macros.on_post_page_macros = dump
    try:
        build_site(project, project / "site", check_language=False)
    finally:
        del macros.on_post_page_macros
    for name in ("overrides", "data", "macros"):
        shutil.copytree(project / name, dumped / name)
    config = read_base(project)
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "macros" in p)]
    (dumped / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    return dumped


def cpu_seconds(project: Path) -> tuple[float, float]:
    """CPU and wall seconds of one full build (both languages, all checks)."""
    gc.collect()
    before, start = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    build_site(project, project / "site", check_language=False)
    after = resource.getrusage(resource.RUSAGE_SELF)
    return (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime,
            time.perf_counter() - start)


def compare(project: Path, plain: Path, runs: int) -> tuple[float, float]:
    """Best CPU seconds of each variant, built alternately so that neither gains from going first."""
    cpu_seconds(project), cpu_seconds(plain)  # warm-up: imports, caches, disk
    data, hand = [], []
    for _ in range(runs):
        data.append(cpu_seconds(project)[0])
        hand.append(cpu_seconds(plain)[0])
    return min(data), min(hand)


def measure(members: int, runs: int) -> dict:
    project = copy_project(WORK / f"n{members}")
    grow(project, members)
    plain = prerender(project)
    data_cpu, plain_cpu = compare(project, plain, runs)
    pages = sum(1 for _ in (project / "site").rglob("*.html"))
    return {"members": members, "pages": pages, "data": data_cpu, "plain": plain_cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("members", nargs="*", type=int, default=[5, 25, 100])
    parser.add_argument("--runs", type=int, default=3, help="builds per variant after a warm-up; the best is reported")
    args = parser.parse_args()
    print(f"{'members':>7} {'pages':>6} {'data-driven s':>14} {'hand-written s':>15} "
          f"{'ms/page':>8} {'ratio':>6}")
    for n in args.members:
        r = measure(n, args.runs)
        print(f"{r['members']:>7} {r['pages']:>6} {r['data']:>14.2f} {r['plain']:>15.2f} "
              f"{1000 * r['data'] / r['pages']:>8.1f} {r['data'] / r['plain']:>6.2f}", flush=True)
    print("CPU seconds of `podium build` (both languages, validation, link check, open data; the language "
          "check is left out of both), best of the runs after a warm-up, variants built alternately; ratio = data-driven / hand-written, "
          "target ≤ 1.2 at 25 members.")


if __name__ == "__main__":
    main()
