"""Promises that add up: planted mismatches in a copy of the example give a message at their line."""
from __future__ import annotations

import re

import pytest

from macros.cli import main
from macros.model.dataset import load_dataset
from macros.model.errors import DataErrors
from macros.model.promises import shares_in, years_in


def line_with(path, needle: str) -> int:
    return next(i + 1 for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()) if needle in line)


def plant(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_years_and_shares_are_read_per_language():
    assert years_in("Vanaf 2027 gaat minstens de helft van onze opdrachten tot 50.000 euro", "nl") == [(2027, True)]
    assert years_in("By the end of 2027, at least half", "en") == [(2027, False)]
    assert shares_in("Vanaf 2027 gaat minstens de helft van onze opdrachten tot 50.000 euro", "nl") == [50.0]
    assert shares_in("In 2030 is minstens 30 procent van onze partners divers; 12,5% kost 50.000 euro", "nl") == \
        [30.0, 12.5]
    assert years_in("up to 50,000 euros in 2030", "en") == [(2030, False)]


def test_planted_mismatches_are_messages_at_their_lines(example_copy, capsys):
    data = example_copy / "data"
    # A promise that holds "from 2027" while its target is due by 31 December 2027.
    plant(data / "statements.yml", "nl: Eind 2027 gaat", "nl: Vanaf 2027 gaat")
    # A share in a promise that no target names.
    plant(data / "statements.yml", "en: By 2030, at least 30 percent", "en: By 2030, at least 35 percent")
    # A goal typed "achieved" while its figure has not reached its target.
    plant(data / "goals.yml", "  # The hour runs every week, but its visitor figure has not reached its target yet.\n"
          "  status: in-progress", "  status: achieved")
    # A typed KPI that disagrees with the register, without an explanation.
    kpis = (data / "kpis.yml").read_text(encoding="utf-8")
    (data / "kpis.yml").write_text(re.sub(r"  register_difference:\n    nl: .*\n    en: .*\n", "", kpis),
                                   encoding="utf-8")
    with pytest.raises(DataErrors) as err:
        load_dataset(example_copy)
    found = {(p.path, p.line): p.sentence for p in err.value.problems}
    from_line = line_with(data / "statements.yml", "nl: Vanaf 2027 gaat")
    assert "holds from 2027 (from 1 January 2027), but its goals' targets are due 2027-12-31" in \
        found[("data/statements.yml", from_line)]
    share_line = line_with(data / "statements.yml", "en: By 2030, at least 35 percent")
    assert "names 35%, but its goals' targets name 20%, 30%" in found[("data/statements.yml", share_line)]
    goal_lines = (data / "goals.yml").read_text(encoding="utf-8").splitlines()
    start = goal_lines.index("- id: prikkelarm-uur")
    status_line = next(i + 1 for i in range(start, len(goal_lines)) if goal_lines[i].startswith("  status:"))
    assert "marked achieved, but its figure 'quiet-hour-visitors' stands at 81" in \
        found[("data/goals.yml", status_line)]
    register_line = line_with(data / "kpis.yml", "partner_register: compared")
    assert "31 of 142 partners are diverse, but the partner register" in found[("data/kpis.yml", register_line)]
    # The command line says the same, with every problem at once and exit code 2.
    assert main(["--project", str(example_copy), "validate"]) == 2
    out = capsys.readouterr()
    assert f"data/statements.yml:{from_line}:" in out.out + out.err


def test_an_unknown_sdg_target_is_a_message_at_its_line(example_copy):
    goals = example_copy / "data" / "goals.yml"
    plant(goals, 'sdg_targets: ["12.7", "10.2"]', 'sdg_targets: ["12.7", "10.9"]')
    with pytest.raises(DataErrors) as err:
        load_dataset(example_copy)
    (problem,) = err.value.problems
    assert (problem.path, problem.line) == ("data/goals.yml", line_with(goals, '"10.9"'))
    assert "there is no SDG target with the id '10.9'" in problem.message
