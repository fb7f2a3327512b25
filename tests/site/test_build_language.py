"""A non-inclusive sentence planted in a page or a data file stops `podium build` at its line,
and `podium check` shows it at that line in all three formats."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros.cli import main
from macros.language.rules import load_rulebook, rules_dir


def planted(lang: str) -> tuple[str, str]:
    """A sentence the collective's rules mark as an error (taken from a rule's own examples)."""
    rule = next(r for r in load_rulebook(rules_dir()).enabled_rules(lang) if r.severity == "error")
    return rule.id, rule.examples.flag[0]


def plant_in_page(project: Path) -> tuple[str, str, int]:
    rule, sentence = planted("nl")
    page = project / "content" / "nl" / "links.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines += ["", sentence]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "content/nl/links.md", rule, len(lines)


def plant_in_data(project: Path) -> tuple[str, str, int]:
    rule, sentence = planted("en")
    path = project / "data" / "updates.yml"
    text = path.read_text(encoding="utf-8")
    marker = "  body:\n    nl: "
    assert marker in text
    start = text.index(marker)
    en_line = text[start:].index("\n    en: ")
    line = text[: start + en_line].count("\n") + 2
    head, _, tail = text[start + en_line + 1:].partition("\n")
    text = text[: start + en_line + 1] + f"    en: {json.dumps(sentence)}\n" + tail
    path.write_text(text, encoding="utf-8")
    return "data/updates.yml", rule, line


@pytest.mark.parametrize("plant", [plant_in_page, plant_in_data])
def test_planted_sentence_stops_the_build_at_its_line(example_copy, capsys, plant):
    path, rule, line = plant(example_copy)
    assert main(["--project", str(example_copy), "build"]) == 1
    err = capsys.readouterr().err
    assert f"{path}:{line}:" in err and f"[{rule}]" in err and "error" in err
    assert not (example_copy / "site").exists()

    assert main(["--project", str(example_copy), "check", "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert any(f["path"] == path and f["line"] == line and f["rule"] == rule for f in findings)

    assert main(["--project", str(example_copy), "check", "--format", "github"]) == 1
    assert f"::error file={path},line={line}," in capsys.readouterr().out


def test_the_example_passes_the_check_without_suppressions(capsys):
    root = Path(__file__).resolve().parents[2]
    assert main(["--project", str(root), "check"]) == 0
    for path in [*root.joinpath("content").rglob("*.md"), *root.joinpath("data").glob("*.yml")]:
        assert "podium-ignore" not in path.read_text(encoding="utf-8"), path
