"""`podium validate` on data an editor wrote carelessly or on purpose: every case is one line
`file:line:col: what is wrong — what is expected`, exit code 2, never a traceback."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from macros.cli import main

LINE = re.compile(r"^data/[a-z-]+\.yml:\d+:\d+: .+ — .+$")


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / "data" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def validate(project: Path, capsys, *extra: str) -> tuple[int, list[str]]:
    code = main(["--project", str(project), "validate", *extra])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err.splitlines()


CASES = {
    # name: (file, old, new, expected line:col, words in the message)
    "impossible date": ("goals.yml", "deadline: 2027-12-31", "deadline: 2025-02-30", "8:13", "'2025-02-30' is not a date"),
    "impossible date in a list": ("documents.yml", "published: 2025-01-15", "published: 2025-13-01", "7:14", "is not a date"),
    "python tag": ("goals.yml", "building_block: 3", "building_block: !!python/object/apply:os.system ['true']", "4:19", "tag"),
    "python name tag": ("goals.yml", "type: ambition", "type: !!python/name:os.system", "5:9", "tag"),
    "custom tag": ("goals.yml", "building_block: 3", "building_block: !custom 3", "4:19", "tag '!custom'"),
    "merge key": ("goals.yml", "  pillar: personeel", "  <<: {pillar: personeel}", "3:3", "merge keys"),
    "nan": ("goals.yml", "building_block: 3", "building_block: .nan", "4:19", "the text '.nan'"),
    "inf": ("goals.yml", "building_block: 3", "building_block: .inf", "4:19", "the text '.inf'"),
    "huge number": ("goals.yml", "building_block: 3", "building_block: 1e400", "4:19", "'1e400'"),
    "sexagesimal": ("goals.yml", "building_block: 3", "building_block: 10:30", "4:19", "the text '10:30'"),
    "yes in a choice": ("goals.yml", "type: ambition", "type: yes", "5:9", "the text 'yes'"),
    "unclosed quote": ("goals.yml", "title: {nl: Breder werven, en: Recruit more widely}",
                       'title: "Breder werven', "6:10", "quoted text is not closed"),
    "decimal comma in flow": ("goals.yml", "building_block: 3", "building_block: {x: 5,5}", "4:23", "decimals with a point"),
    "decimal comma": ("goals.yml", "building_block: 3", "building_block: 3,5", "4:19", "decimals with a point"),
    "alias": ("roles.yml", "mailbox: diversiteit@samen.example.org",
              "mailbox: diversiteit@samen.example.org\n  other: *x", "7:10", "YAML alias"),
    "control character": ("goals.yml", "Breder werven,", "Breder\x1bwerven,", "6:21", "U+001B"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_careless_yaml_gets_one_plain_line(minimal_project, capsys, case):
    name, old, new, where, words = CASES[case]
    edit(minimal_project, name, old, new)
    code, lines = validate(minimal_project, capsys)
    assert code == 2
    located = [line for line in lines[:-1] if line.startswith(f"data/{name}:{where}: ")]
    assert any(words in line for line in located), lines
    assert all(LINE.match(line) for line in lines[:-1]), lines
    assert lines[-1].endswith("in the data; nothing was published.")


def test_text_fields_keep_what_yaml_would_have_changed(minimal_project, capsys):
    """`no`, `10:30` and `2025` in a text field are text, as the editor wrote them."""
    edit(minimal_project, "goals.yml", "title: {nl: Breder werven, en: Recruit more widely}",
         "title: {nl: no, en: 10:30}")
    from macros.model.dataset import load_dataset
    goal = load_dataset(minimal_project).goals[0]
    assert (goal.title.nl, goal.title.en) == ("no", "10:30")


def test_an_alias_bomb_is_refused_in_linear_time(minimal_project, capsys):
    bomb = "- &a [x, x, x, x, x, x, x, x, x]\n"
    for previous, name in zip("abcdefghijkl", "bcdefghijklm"):
        bomb += f"- &{name} [" + ", ".join([f"*{previous}"] * 9) + "]\n"
    (minimal_project / "data" / "updates.yml").write_text(bomb, encoding="utf-8")
    code, lines = validate(minimal_project, capsys)
    assert code == 2
    assert "data/updates.yml:2:7: '*a' repeats another part of the file (a YAML alias) — " \
           "write the value out in full here; Podium does not expand aliases" in lines


@pytest.mark.parametrize("fmt", ["json", "github"])
def test_problems_in_other_formats(minimal_project, capsys, fmt):
    edit(minimal_project, "goals.yml", "building_block: 3", "building_block: !custom 3")
    code = main(["--project", str(minimal_project), "validate", "--format", fmt])
    out = capsys.readouterr()
    assert code == 2 and "Traceback" not in out.err
    if fmt == "json":
        report = json.loads(out.out)
        assert report["count"] == 1
        assert report["problems"][0] == {
            "path": "data/goals.yml", "line": 4, "column": 19,
            "message": "the YAML tag '!custom' is not allowed",
            "expected": "remove it and write the value as plain text"}
    else:
        assert out.out.strip() == ("::error file=data/goals.yml,line=4,col=19::the YAML tag '!custom' "
                                   "is not allowed — remove it and write the value as plain text")
