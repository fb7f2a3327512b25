"""Podium's own YAML files and mkdocs.yml are read with the one YAML reader: a mistake in them is named
at its file, line and column (a key written twice included) instead of being silently accepted."""
from __future__ import annotations

from pathlib import Path

import pytest

from macros.base.problems import Problems
from macros.cli import main
from macros.site import i18n
from macros.site.config import read_base

ROOT = Path(__file__).resolve().parents[2]


def test_mkdocs_settings_keep_their_yes_no_and_numbers():
    base = read_base(ROOT)
    assert base["strict"] is True and base["theme"]["font"] is False and base["extra"]["generator"] is False


def test_a_string_written_twice_is_named_where_it_stands(tmp_path, monkeypatch):
    strings = tmp_path / "strings.yml"
    strings.write_text("skip:\n  nl: Ga verder\n  en: Skip\nback:\n  nl: Terug\n  en: Back\n"
                       "skip:\n  nl: Overslaan\n  en: Skip\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "STRINGS_FILE", strings)
    with pytest.raises(Problems) as raised:
        i18n.strings.__wrapped__()
    assert [(p.line, p.column, p.message) for p in raised.value.problems] == [
        (7, 1, "'skip' appears twice in the same group (first on line 1)")]


def test_a_string_without_every_language_is_named_where_it_stands(tmp_path, monkeypatch):
    strings = tmp_path / "strings.yml"
    strings.write_text("skip:\n  nl: Overslaan\n  en: Skip\nback:\n  nl: Terug\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "STRINGS_FILE", strings)
    with pytest.raises(Problems) as raised:
        i18n.strings.__wrapped__()
    assert [(p.line, p.column, p.sentence) for p in raised.value.problems] == [
        (4, 1, "'back' does not have the same languages as the first string — a text for each of en and nl")]


def test_the_build_names_a_setting_written_twice_in_mkdocs_yml(example_copy: Path, capsys):
    config = example_copy / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith("site_name:")) + 1
    config.write_text("".join(lines) + "site_name: Another name\n", encoding="utf-8")
    assert main(["--project", str(example_copy), "build"]) == 2
    err = capsys.readouterr().err
    assert (f"mkdocs.yml:{len(lines) + 1}:1: 'site_name' appears twice in the same group (first on line {first})"
            " — keep one of them") in err
    assert "Traceback" not in err and not (example_copy / "site").exists()
