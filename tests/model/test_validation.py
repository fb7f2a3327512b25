"""Every kind of bad input is reported at its file and line, in plain words, with exit code 2."""
from __future__ import annotations

from pathlib import Path

import pytest

from macros.cli import main
from macros.model.dataset import load_dataset
from macros.model.errors import DataErrors


def problems_for(project: Path) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load_dataset(project)
    return [str(p) for p in caught.value.problems]


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / "data" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_minimal_data_is_valid(minimal_project):
    ds = load_dataset(minimal_project)
    assert [g.id for g in ds.goals] == ["breder-werven"]
    assert ds.collective.name("en") == "Together"


def test_yaml_syntax_error_names_file_and_line(minimal_project):
    edit(minimal_project, "goals.yml", "  pillar: personeel", "  pillar: [personeel")
    found = problems_for(minimal_project)
    assert len(found) == 1
    assert found[0].startswith("data/goals.yml:")
    assert "YAML cannot be read" in found[0] and "indentation" in found[0]


def test_wrong_type(minimal_project):
    edit(minimal_project, "goals.yml", "building_block: 3", "building_block: drie")
    assert problems_for(minimal_project) == [
        "data/goals.yml:4:19: expected a whole number, found the text 'drie' — "
        "Building block 1–6 of the partnership step plan."]


def test_number_out_of_range(minimal_project):
    edit(minimal_project, "goals.yml", "building_block: 3", "building_block: 9")
    (found,) = problems_for(minimal_project)
    assert found.startswith("data/goals.yml:4:19: the number 9 is out of range")


def test_missing_required_field(minimal_project):
    edit(minimal_project, "goals.yml", "  owner_role: coordinator\n", "")
    assert problems_for(minimal_project) == [
        "data/goals.yml:1:3: the field 'owner_role' is missing — The id of the role accountable for it."]


def test_unknown_field_suggests_the_nearest_name(minimal_project):
    edit(minimal_project, "goals.yml", "  deadline:", "  dedline:")
    found = problems_for(minimal_project)
    assert any(p.startswith("data/goals.yml:8:3: 'dedline' is not a field Podium knows here — "
                            "did you mean 'deadline'?") for p in found)
    assert any("the field 'deadline' is missing" in p for p in found)


def test_duplicate_id(minimal_project):
    path = minimal_project / "data" / "roles.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + text.replace("diversiteit@", "tweede@"), encoding="utf-8")
    assert problems_for(minimal_project) == [
        "data/roles.yml:7:7: the id 'coordinator' is used twice (first on line 1) — give each item its own id"]


def test_reference_to_unknown_id(minimal_project):
    edit(minimal_project, "goals.yml", "owner_role: coordinator", "owner_role: coordinater")
    assert problems_for(minimal_project) == [
        "data/goals.yml:10:15: there is no role with the id 'coordinater' — did you mean 'coordinator'?"]


def test_missing_translation(minimal_project):
    edit(minimal_project, "groups.yml", "intro: {nl: Welkom., en: Welcome.}", "intro: {nl: Welkom.}")
    assert problems_for(minimal_project) == [
        "data/groups.yml:3:10: the English text is missing — add `en:` with the English translation"]


def test_date_in_the_wrong_format(minimal_project):
    edit(minimal_project, "goals.yml", "deadline: 2027-12-31", "deadline: 31-12-2027")
    assert problems_for(minimal_project) == [
        "data/goals.yml:8:13: the text '31-12-2027' is not a date — "
        "a date written as YYYY-MM-DD, for example 2026-07-01"]


def test_empty_file(minimal_project):
    (minimal_project / "data" / "updates.yml").write_text("# nothing yet\n", encoding="utf-8")
    assert problems_for(minimal_project) == [
        "data/updates.yml:1:1: this file is empty — add the data, or remove the file if it is not needed"]


def test_file_not_utf8(minimal_project):
    (minimal_project / "data" / "roles.yml").write_bytes(
        (minimal_project / "data" / "roles.yml").read_text().replace("Coördinator", "Co\x00").encode()
        .replace(b"Co\x00", b"Co\xf6rdinator"))
    found = problems_for(minimal_project)
    assert found[0].startswith("data/roles.yml:3:")
    assert "not saved as UTF-8" in found[0]


def test_duplicate_key_in_one_entry(minimal_project):
    edit(minimal_project, "goals.yml", "  status: in-progress", "  status: in-progress\n  status: planned")
    (found,) = problems_for(minimal_project)
    assert found.startswith("data/goals.yml:10:3: 'status' appears twice in the same group (first on line 9)")


def test_value_not_allowed_lists_the_choices(minimal_project):
    edit(minimal_project, "goals.yml", "pillar: personeel", "pillar: personnel")
    (found,) = problems_for(minimal_project)
    assert found.startswith("data/goals.yml:3:11: the text 'personnel' is not one of the allowed values — one of:")
    assert "'personeel'" in found


def test_unknown_data_file_is_named(minimal_project):
    (minimal_project / "data" / "goal.yml").write_text("- id: x\n", encoding="utf-8")
    assert "data/goal.yml:1:1: Podium does not know this data file — did you mean 'goals.yml'?" \
        in problems_for(minimal_project)


def test_public_name_needs_consent(minimal_project):
    edit(minimal_project, "roles.yml", "  mailbox:", "  person: {name: Sam Jansen, public: true}\n  mailbox:")
    (found,) = problems_for(minimal_project)
    assert found.startswith("data/roles.yml:6:11: a name can only be public when the date of the person's consent")


def test_all_problems_are_reported_at_once(minimal_project, capsys):
    edit(minimal_project, "goals.yml", "deadline: 2027-12-31", "deadline: morgen")
    edit(minimal_project, "groups.yml", "intro: {nl: Welkom., en: Welcome.}", "intro: {nl: Welkom.}")
    edit(minimal_project, "updates.yml", "goals: [breder-werven]", "goals: [breder]")
    assert main(["--project", str(minimal_project), "validate"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert [line.split(":")[0] for line in err[:3]] == ["data/goals.yml", "data/groups.yml", "data/updates.yml"]
    assert err[-1] == "3 problems in the data; nothing was published."
