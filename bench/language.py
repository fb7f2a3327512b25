"""Benchmark of `podium check` against alex 11.0.1 on the same English Markdown.

Run from the project root:  .venv/bin/python bench/language.py [--speed-only]

1. Writes two corpora of at least 1 MB each into bench/.work/ (git-ignored): English pages in
   bench/.work/en/ and Dutch pages in bench/.work/nl/. They are generated deterministically
   from the sentences below (written for this benchmark), mixed with Markdown structure:
   headings, lists, tables, links, code, admonitions and some wording the rules flag.
2. Measures the CPU time of our checker: in-process (check_paths) and as the command a user
   runs (``podium check``, the installed script), per MB, for both languages. Before the
   commands run, the package's bytecode is compiled (compileall), as an installed package has
   it and as Python keeps it after a first run; without it (PYTHONDONTWRITEBYTECODE set, a
   fresh checkout) every run also compiles the package's source, which the command line prints
   as a separate figure.
3. Installs alex 11.0.1 into bench/.work/alex if it is missing (npm) and measures the CPU time
   of its command on the English corpus (resource.getrusage(RUSAGE_CHILDREN)).

4. Scores the held-out sets in tests/language/ (files heldout*_nl.yml and heldout*_en.yml):
   recall on the sentences to flag and false alarms on the clean ones, per language and per
   category, and the same for alex 11.0.1 on the English sets. A sentence counts as flagged when
   a rule of its language finds something (any level); a clean sentence counts as a false alarm
   when an error or a warning is found (that is what would block publishing). Two formats are
   read: lists of plain sentences (``flag: [...]``, ``clean: [...]``), and lists of entries
   (``flag: [{text, category, kind, term, guide}]``, ``clean: [{text, kind, trap}]``).
   ``--speed-only`` leaves this step out, for people who write rules.

It prints the figures and asserts nothing.
"""

from __future__ import annotations

import compileall
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / ".work"
ALEX_DIR = WORK / "alex"
ALEX_BIN = ALEX_DIR / "node_modules" / ".bin" / "alex"
TARGET_BYTES = 1_050_000
PAGE_BYTES = 10_500
RUNS = 5
COMMAND_RUNS = 7
ALEX_RUNS = 3

sys.path.insert(0, str(ROOT))

SENTENCES = {
    "en": [
        "The museum opens a new wing for contemporary photography this spring.",
        "Our collection holds more than forty thousand objects from five continents.",
        "Volunteers guide school groups through the galleries every weekday morning.",
        "The conservation team cleaned the varnish of the portrait with great care.",
        "Visitors who use a wheelchair can enter through the garden gate.",
        "We publish our progress on every goal once a year on this website.",
        "The exhibition was made together with artists from Rotterdam and Paramaribo.",
        "Each label is written at a level most readers can follow without effort.",
        "Audio descriptions are available for blind and partially sighted visitors.",
        "Partners can apply for a tender through the form at the bottom of the page.",
        "The board reviews the figures every quarter and explains any delay.",
        "Families with young children get a free activity booklet at the desk.",
        "The library is open to researchers by appointment on Thursdays.",
        "Gay, lesbian and trans histories are part of the permanent display.",
        "Our staff network meets every month to discuss new ideas.",
        "The café uses produce from farms within twenty kilometres of the city.",
        "Signs in the building use large print and strong contrast.",
        "The storytelling programme invites residents to bring an object from home.",
        "A quiet room is available for anyone who needs a break.",
        "We welcome feedback on this page by email or at the information desk.",
    ],
    "nl": [
        "Het museum opent dit voorjaar een nieuwe vleugel voor hedendaagse fotografie.",
        "Onze collectie telt meer dan veertigduizend voorwerpen uit vijf werelddelen.",
        "Vrijwilligers leiden op doordeweekse ochtenden schoolgroepen door de zalen.",
        "Het restauratieteam heeft het vernis van het portret zorgvuldig schoongemaakt.",
        "Bezoekers met een rolstoel kunnen binnenkomen via het tuinhek.",
        "We publiceren elk jaar op deze website hoe we er met onze doelen voor staan.",
        "De tentoonstelling is gemaakt met kunstenaars uit Rotterdam en Paramaribo.",
        "Elk bordje is geschreven op een niveau dat de meeste lezers makkelijk volgen.",
        "Voor blinde en slechtziende bezoekers zijn er audiobeschrijvingen.",
        "Partners kunnen zich voor een opdracht aanmelden met het formulier onderaan.",
        "De raad van toezicht bekijkt de cijfers elk kwartaal en legt vertraging uit.",
        "Gezinnen met jonge kinderen krijgen bij de balie een gratis doeboekje.",
        "De bibliotheek is op donderdag op afspraak open voor onderzoekers.",
        "De geschiedenis van homo's, lesbiennes en trans personen hoort bij de vaste opstelling.",
        "Ons personeelsnetwerk komt elke maand bij elkaar om nieuwe ideeën te bespreken.",
        "Het café gebruikt producten van boerderijen binnen twintig kilometer van de stad.",
        "De borden in het gebouw hebben grote letters en een sterk contrast.",
        "Het vertelprogramma nodigt buurtbewoners uit om een voorwerp van thuis mee te nemen.",
        "Er is een stille ruimte voor iedereen die even rust nodig heeft.",
        "We horen graag wat u van deze pagina vindt, per e-mail of bij de balie.",
    ],
}

FLAGGED = {
    "en": [
        "The chairman of the board wrote the preface.",
        "The slaves worked on plantations in Suriname.",
        "There is a lift for wheelchair-bound visitors.",
        "On Tuesdays there is a tour for the elderly.",
        "Please notify us prior to your visit.",
    ],
    "nl": [
        "De voorzitster van de raad schreef het voorwoord.",
        "De slaven werkten op plantages in Suriname.",
        "Voor rolstoelgebonden bezoekers is er een lift.",
        "Op dinsdag is er een rondleiding voor bejaarden.",
        "Indien u vragen heeft, kunt u ons bellen.",
    ],
}

HEADINGS = {
    "en": ["Visiting", "Our collection", "Working with us", "Progress", "Accessibility", "Contact"],
    "nl": ["Bezoek", "Onze collectie", "Samenwerken", "Voortgang", "Toegankelijkheid", "Contact"],
}


def _page(lang: str, rng: random.Random, number: int) -> str:
    sentences, flagged, headings = SENTENCES[lang], FLAGGED[lang], HEADINGS[lang]
    parts = [f"---\ntitle: {headings[number % len(headings)]} {number}\n---\n", f"# {rng.choice(headings)} {number}\n"]
    while sum(len(part.encode()) for part in parts) < PAGE_BYTES:
        kind = rng.random()
        if kind < 0.55:
            pool = [rng.choice(sentences) for _ in range(rng.randint(3, 6))]
            if rng.random() < 0.3:
                pool.insert(rng.randrange(len(pool) + 1), rng.choice(flagged))
            parts.append(" ".join(pool) + "\n")
        elif kind < 0.65:
            parts.append(f"## {rng.choice(headings)}\n")
        elif kind < 0.78:
            parts.append("".join(f"- {rng.choice(sentences)}\n" for _ in range(rng.randint(2, 5))))
        elif kind < 0.84:
            parts.append(f"See [{rng.choice(headings).lower()}](https://example.org/{number}/page) "
                         f"or write to info@example.org. {rng.choice(sentences)}\n")
        elif kind < 0.89:
            parts.append("| Item | Value |\n|---|---|\n" + "".join(f"| {rng.choice(headings)} | {rng.randint(1, 99)} |\n" for _ in range(3)))
        elif kind < 0.94:
            parts.append(f'!!! note "{rng.choice(headings)}"\n    {rng.choice(sentences)} {rng.choice(sentences)}\n')
        else:
            parts.append("```yaml\nkey: value\nlist: [1, 2, 3]\n```\n")
    return "\n".join(parts)


def make_corpus(lang: str) -> Path:
    folder = WORK / lang
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    rng = random.Random(f"podium-{lang}")
    total = 0
    number = 0
    while total < TARGET_BYTES:
        text = _page(lang, rng, number)
        (folder / f"page-{number:03d}.md").write_text(text, encoding="utf-8")
        total += len(text.encode())
        number += 1
    return folder


def corpus_mb(folder: Path) -> float:
    return sum(file.stat().st_size for file in folder.glob("*.md")) / 1_000_000


def ours_in_process(folder: Path) -> tuple[float, float, int]:
    """(first run CPU s incl. loading rules, best warm CPU s, findings)."""
    from macros.language import check_paths

    timings = []
    findings = 0
    for _ in range(RUNS):
        start = time.process_time()
        report = check_paths([folder], ROOT)
        timings.append(time.process_time() - start)
        findings = len(report.findings)
    return timings[0], min(timings), findings


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command_cpu(command: list[str], runs: int, env: dict | None = None) -> tuple[float, int]:
    """Best CPU seconds (user + system) of a command over ``runs`` runs, and its last exit code."""
    best = float("inf")
    code = 0
    for _ in range(runs):
        before = _children_cpu()
        code = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        best = min(best, _children_cpu() - before)
    return best, code


def _without_bytecode(folder: Path) -> float:
    """Best CPU seconds of the English command when the package has no bytecode and may not write it."""
    for cache in list((ROOT / "macros").rglob("__pycache__")):
        shutil.rmtree(cache, ignore_errors=True)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return command_cpu(podium_check(folder), 3, env)[0]


def podium_check(folder: Path) -> list[str]:
    """``podium check --format json <folder>`` as a user runs it: the script that installing Podium
    puts beside this Python, else the same entry point (macros.cli) through Python."""
    script = Path(sys.executable).with_name("podium")
    if script.is_file():
        return [sys.executable, str(script), "check", "--format", "json", str(folder)]
    return [sys.executable, "-m", "macros.cli", "check", "--format", "json", str(folder)]


def ensure_alex() -> bool:
    if ALEX_BIN.exists():
        return True
    if shutil.which("npm") is None:
        print("npm is not installed; alex cannot be measured.")
        return False
    print("Installing alex 11.0.1 into bench/.work/alex ...", flush=True)
    result = subprocess.run(
        ["npm", "install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", str(ALEX_DIR), "alex@11.0.1"],
        cwd=ROOT,
    )
    return result.returncode == 0 and ALEX_BIN.exists()


HELD_OUT = ROOT / "tests" / "language"
BLOCKING = ("error", "warning")


class Sentence:
    def __init__(self, entry, default_category: str):
        if isinstance(entry, dict):
            self.text = str(entry.get("text", ""))
            self.category = str(entry.get("category") or default_category)
        else:
            self.text = str(entry)
            self.category = default_category


def held_out_sets(lang: str) -> dict[str, dict[str, list[Sentence]]]:
    """Per held-out file of ``lang``: its sentences to flag and its clean sentences."""
    import yaml

    sets = {}
    for path in sorted(HELD_OUT.glob(f"heldout*_{lang}.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        sets[path.name] = {
            "flag": [Sentence(entry, "(none given)") for entry in data.get("flag") or []],
            "clean": [Sentence(entry, "clean") for entry in data.get("clean") or []],
        }
    return sets


def ours_on(sentences: list[Sentence], lang: str) -> list[tuple[bool, bool]]:
    """Per sentence: (some rule of the language found something, an error or warning was found)."""
    from macros.language import check_text

    results = []
    for sentence in sentences:
        findings = check_text(sentence.text, lang)
        results.append((any(f.rule.startswith(f"{lang}-") for f in findings), any(f.severity in BLOCKING for f in findings)))
    return results


def alex_on(sentences: list[Sentence]) -> list[tuple[bool, bool]] | None:
    """Per sentence, whether alex 11 warns about it (alex has no levels: any warning counts for both)."""
    if not ALEX_BIN.exists():
        return None
    folder = WORK / "heldout-alex"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for number, sentence in enumerate(sentences):
        (folder / f"s{number:04d}.md").write_text(sentence.text + "\n", encoding="utf-8")
    env = dict(os.environ, NO_UPDATE_NOTIFIER="1")
    result = subprocess.run([str(ALEX_BIN), str(folder)], cwd=ROOT, env=env, capture_output=True, text=True)
    # The default report names each file on a line of its own, then one indented line per warning.
    flagged: set[str] = set()
    current = None
    for line in (result.stderr + result.stdout).splitlines():
        if line and not line.startswith(" ") and line.endswith(".md"):
            current = Path(line.strip()).name
        elif current and "warning" in line and line.startswith(" "):
            flagged.add(current)
    return [(f"s{number:04d}.md" in flagged,) * 2 for number in range(len(sentences))]


def _rate(part: int, whole: int) -> str:
    return f"{part / whole:5.2f}" if whole else "  -  "


def print_held_out() -> None:
    print()
    print("Held-out sets (tests/language/heldout*_{nl,en}.yml)")
    for lang in ("nl", "en"):
        for name, sets in held_out_sets(lang).items():
            flag, clean = sets["flag"], sets["clean"]
            ours_flag, ours_clean = ours_on(flag, lang), ours_on(clean, lang)
            found = sum(hit for hit, _ in ours_flag)
            alarms = sum(blocking for _, blocking in ours_clean)
            flagged_clean = sum(hit for hit, _ in ours_clean)
            precision = found / (found + alarms) if found + alarms else 0.0
            print(f"  {name} ({lang}): {len(flag)} to flag, {len(clean)} clean")
            print(f"    podium check  recall {_rate(found, len(flag))}   false alarms {_rate(alarms, len(clean))} "
                  f"({alarms} of {len(clean)}; {flagged_clean} clean sentences got any finding)   precision {precision:4.2f}")
            if lang == "en":
                alex = alex_on(flag + clean)
                if alex is not None:
                    alex_found = sum(hit for hit, _ in alex[: len(flag)])
                    alex_alarms = sum(hit for hit, _ in alex[len(flag):])
                    print(f"    alex 11.0.1   recall {_rate(alex_found, len(flag))}   false alarms {_rate(alex_alarms, len(clean))} "
                          f"({alex_alarms} of {len(clean)})")
            categories = sorted({sentence.category for sentence in flag})
            if len(categories) > 1:
                for category in categories:
                    members = [hit for sentence, (hit, _) in zip(flag, ours_flag) if sentence.category == category]
                    print(f"      {category:<28} recall {_rate(sum(members), len(members))}  ({sum(members)} of {len(members)})")
            missed = [sentence.text for sentence, (hit, _) in zip(flag, ours_flag) if not hit]
            alarmed = [sentence.text for sentence, (_, blocking) in zip(clean, ours_clean) if blocking]
            for text in missed:
                print(f"      missed: {text}")
            for text in alarmed:
                print(f"      false alarm: {text}")


def main(argv: list[str]) -> None:
    print("Generating corpora in bench/.work/ ...", flush=True)
    folders = {lang: make_corpus(lang) for lang in ("en", "nl")}
    sizes = {lang: corpus_mb(folder) for lang, folder in folders.items()}
    files = {lang: len(list(folder.glob("*.md"))) for lang, folder in folders.items()}

    rows = []
    per_mb: dict[str, dict[str, float]] = {}
    for lang, folder in folders.items():
        first, warm, findings = ours_in_process(folder)
        per_mb[lang] = {"warm": warm / sizes[lang]}
        rows.append((f"podium check ({lang}), in-process, first run", sizes[lang], first, findings))
        rows.append((f"podium check ({lang}), in-process, best of {RUNS}", sizes[lang], warm, findings))
    without_bytecode = _without_bytecode(folders["en"])
    compileall.compile_dir(ROOT / "macros", quiet=2)
    # The commands run alternately, so that a burst of load on a shared machine hits both languages.
    best = {lang: float("inf") for lang in folders}
    codes = {}
    for _ in range(COMMAND_RUNS):
        for lang, folder in folders.items():
            cpu, codes[lang] = command_cpu(podium_check(folder), 1)
            best[lang] = min(best[lang], cpu)
    for lang in folders:
        per_mb[lang]["cli"] = best[lang] / sizes[lang]
        rows.append((f"podium check ({lang}), command (exit {codes[lang]}), best of {COMMAND_RUNS}", sizes[lang], best[lang], None))
    rows.append(("podium check (en), command, source compiled each run, best of 3", sizes["en"], without_bytecode, None))

    alex_cpu = None
    if ensure_alex():
        env = dict(os.environ, NO_UPDATE_NOTIFIER="1")
        alex_cpu, code = command_cpu([str(ALEX_BIN), str(folders["en"])], ALEX_RUNS, env)
        rows.append((f"alex 11.0.1 (en), command (exit {code}), best of {ALEX_RUNS}", sizes["en"], alex_cpu, None))

    print()
    print(f"Corpora: en {sizes['en']:.2f} MB in {files['en']} files, nl {sizes['nl']:.2f} MB in {files['nl']} files")
    print(f"{'measurement':<58} {'MB':>6} {'CPU s':>8} {'MB/s':>8} {'findings':>9}")
    for name, mb, cpu, findings in rows:
        rate = mb / cpu if cpu else float("inf")
        print(f"{name:<58} {mb:>6.2f} {cpu:>8.3f} {rate:>8.2f} {'' if findings is None else findings:>9}")
    print()
    if alex_cpu is not None:
        en_cli = per_mb["en"]["cli"] * sizes["en"]
        en_warm = per_mb["en"]["warm"] * sizes["en"]
        print(f"alex / ours, both as commands (start-up included): {alex_cpu / en_cli:6.1f} x   (target >= 20)")
        print(f"alex / ours, ours in-process (checking only):      {alex_cpu / en_warm:6.1f} x")
        print(f"alex / ours, commands, ours compiling its source:  {alex_cpu / without_bytecode:6.1f} x")
    print(f"Dutch vs English CPU per MB, in-process:           {per_mb['nl']['warm'] / per_mb['en']['warm']:6.2f} x   (target <= 1.5)")
    print(f"Dutch vs English CPU per MB, as commands:          {per_mb['nl']['cli'] / per_mb['en']['cli']:6.2f} x")
    # Rule writers time their rules with --speed-only: the held-out sets measure the rules only
    # while the people who write them have not seen what they miss.
    if "--speed-only" not in argv:
        print_held_out()


if __name__ == "__main__":
    main(sys.argv[1:])
