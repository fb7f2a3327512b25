"""Score the practice sets of sentences (bench/practice/<lang>*.yml) with `podium check`'s rules.

Run from the project root:  .venv/bin/python bench/language_practice.py [nl|en]

The practice sets are read by the people who write the rules: `<lang>.yml` was written by them,
`<lang>-dev-*.yml` by people who never saw the rules (development sets). Because rule writers read
them, none of them is an independent measurement (that is tests/language/heldout*, scored by
bench/language.py). They show, per class
of wording, what the rules catch, and on clean sentences what would wrongly block a page. A
sentence to flag counts as found when a rule of its language finds anything; a clean sentence
counts as a false alarm when an error or a warning is found. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from macros.language import check_text  # noqa: E402

BLOCKING = ("error", "warning")


def main(lang: str) -> None:
    for path in sorted((ROOT / "bench" / "practice").glob(f"{lang}*.yml")):
        score(path, lang)


def score(path: Path, lang: str) -> None:
    """Print recall, false alarms and precision of one practice file, then what it missed."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found, total = Counter(), Counter()
    missed = []
    for entry in data["flag"]:
        total[entry["category"]] += 1
        if any(finding.rule.startswith(f"{lang}-") for finding in check_text(entry["text"], lang)):
            found[entry["category"]] += 1
        else:
            missed.append(entry["text"])
    # The engineers' own sets list clean sentences as text, the development sets as entries.
    sentences = [entry["text"] if isinstance(entry, dict) else entry for entry in data["clean"]]
    alarms = [text for text in sentences
              if any(finding.severity in BLOCKING for finding in check_text(text, lang))]
    hits, flags, clean = sum(found.values()), len(data["flag"]), len(data["clean"])
    precision = hits / (hits + len(alarms)) if hits + len(alarms) else 0.0
    print(f"{path.name} ({lang}): {flags} to flag, {clean} clean")
    print(f"  recall {hits / flags:.2f} ({hits} of {flags})   false alarms {len(alarms) / clean:.2f} "
          f"({len(alarms)} of {clean})   precision {precision:.2f}")
    for category in sorted(total):
        print(f"    {category:<20} {found[category]:>3} of {total[category]:<3}")
    for text in missed:
        print(f"  missed: {text}")
    for text in alarms:
        print(f"  false alarm: {text}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "nl")
