"""Editors get field completion and checks from JSON Schema that matches the model."""
from __future__ import annotations

import json
from pathlib import Path

from macros.cli import main
from macros.model.dataset import FILES

ROOT = Path(__file__).resolve().parents[2]


def test_podium_schema_writes_one_schema_per_data_file(tmp_path, capsys):
    assert main(["schema", "--out", str(tmp_path)]) == 0
    written = {p.name for p in tmp_path.glob("*.schema.json")}
    assert written == {spec.schema_name for spec in FILES}
    goals = json.loads((tmp_path / "goals.schema.json").read_text(encoding="utf-8"))
    goal = goals["$defs"]["Goal"]
    assert goal["additionalProperties"] is False
    assert goal["properties"]["pillar"]["enum"] == ["personeel", "programma", "publiek", "partners"]
    assert "Building block 1–6" in goal["properties"]["building_block"]["description"]


def test_committed_schemas_match_the_model(tmp_path):
    main(["schema", "--out", str(tmp_path)])
    for spec in FILES:
        committed = ROOT / "data" / "schema" / spec.schema_name
        assert committed.read_text(encoding="utf-8") == (tmp_path / spec.schema_name).read_text(encoding="utf-8"), \
            f"{committed} is out of date: run `podium schema`"


def test_every_example_data_file_points_to_its_schema():
    for spec in FILES:
        first = (ROOT / "data" / spec.name).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=schema/{spec.schema_name}"
