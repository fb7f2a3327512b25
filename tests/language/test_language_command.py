"""The command line: arguments, default paths, exit codes 0/1/2 and ``python -m macros.language``."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from language_helpers import REPO, run_command
from macros.language import command


def _write(project: Path, relative: str, text: str) -> Path:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_help_is_one_line_and_arguments_are_registered() -> None:
    assert command.HELP and "\n" not in command.HELP
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    args = parser.parse_args(["a.md", "--lang", "nl", "--format", "json", "--fail-on", "warning"])
    assert (args.paths, args.lang, args.format, args.fail_on) == ([Path("a.md")], "nl", "json", "warning")
    defaults = parser.parse_args([])
    assert (defaults.paths, defaults.lang, defaults.format, defaults.fail_on, defaults.root) == ([], None, "text", None, None)


def test_exit_0_when_clean(project: Path, capsys) -> None:
    _write(project, "content/nl/index.md", "Welkom in het museum.\n")
    assert run_command("--root", str(project)) == 0
    assert capsys.readouterr().out == "podium check: no findings in 1 file.\n"


def test_exit_1_on_an_error_by_default(project: Path, capsys) -> None:
    _write(project, "content/nl/index.md", "De bosnegers bouwden deze boot.\n")
    assert run_command("--root", str(project)) == 1
    assert "error:" in capsys.readouterr().out


def test_fail_on_levels(project: Path) -> None:
    _write(project, "content/nl/index.md", "De slaven werkten hier. Indien u wilt, blijf.\n")
    root = str(project)
    assert run_command("--root", root) == 1  # the agreement: warnings block too
    assert run_command("--root", root, "--fail-on", "error") == 0  # a warning and a suggestion only
    assert run_command("--root", root, "--fail-on", "warning") == 1
    assert run_command("--root", root, "--fail-on", "suggestion") == 1
    _write(project, "content/nl/index.md", "De bosnegers bouwden deze boot.\n")
    assert run_command("--root", root, "--fail-on", "never") == 0


def test_default_paths_are_content_and_data_of_the_current_folder(project: Path, monkeypatch, capsys) -> None:
    _write(project, "content/en/index.md", "The slaves worked here.\n")
    _write(project, "data/goals.yml", "goal:\n  nl: De slaven.\n")
    _write(project, "other/ignored.md", "---\nlang: en\n---\nThe slaves.\n")
    monkeypatch.chdir(project)
    assert run_command("--format", "json") == 1  # the slaves: a warning, which blocks
    payload = json.loads(capsys.readouterr().out)
    assert sorted(item["path"] for item in payload["findings"]) == ["content/en/index.md", "data/goals.yml"]


def test_explicit_files_and_folders(project: Path, capsys) -> None:
    _write(project, "content/en/a.md", "The slaves.\n")
    _write(project, "content/en/b.md", "The slaves.\n")
    _write(project, "content/en/.hidden/c.md", "The slaves.\n")
    root = str(project)
    run_command("--root", root, "--format", "json", "content/en/a.md")
    assert json.loads(capsys.readouterr().out)["summary"]["files"] == 1
    run_command("--root", root, "--format", "json", "content")
    assert json.loads(capsys.readouterr().out)["summary"]["files"] == 2


def test_lang_option(project: Path, capsys) -> None:
    _write(project, "pages/a.md", "The slaves.\n")
    assert run_command("--root", str(project), "pages") == 2
    assert "cannot tell whether this page is Dutch or English" in capsys.readouterr().err
    run_command("--root", str(project), "--lang", "en", "pages")
    assert "[en-slave]" in capsys.readouterr().out


def test_exit_2_for_a_path_that_does_not_exist(project: Path, capsys) -> None:
    assert run_command("--root", str(project), "content/missing.md") == 2
    err = capsys.readouterr().err
    assert "content/missing.md: no such file or folder — expected a Markdown file, a YAML file or a folder" in err


def test_exit_2_for_an_unreadable_file(project: Path, capsys) -> None:
    (project / "content" / "nl" / "broken.md").write_bytes(b"De \xff\xfe tekst.\n")
    assert run_command("--root", str(project)) == 2
    assert "content/nl/broken.md: this file cannot be read" in capsys.readouterr().err


def test_exit_2_for_a_file_of_another_kind(project: Path, capsys) -> None:
    _write(project, "notes.txt", "Tekst.\n")
    assert run_command("--root", str(project), "notes.txt") == 2
    assert "not a Markdown or YAML file" in capsys.readouterr().err


def test_exit_2_for_bad_usage() -> None:
    with pytest.raises(SystemExit) as raised:
        run_command("--format", "xml")
    assert raised.value.code == 2


def test_all_input_problems_are_reported_together(project: Path, capsys) -> None:
    _write(project, "pages/a.md", "Tekst.\n")
    assert run_command("--root", str(project), "pages", "missing") == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and err[-1] == "podium check: stopped; fix the 2 problems above and run it again."


def test_the_project_option_of_the_podium_command_is_the_root(project: Path, capsys) -> None:
    _write(project, "content/nl/index.md", "De bosnegers bouwden deze boot.\n")
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", default=".")
    command.add_arguments(parser)
    assert command.run(parser.parse_args(["--project", str(project)])) == 1
    assert "content/nl/index.md:1:4: error:" in capsys.readouterr().out


def test_python_dash_m(project: Path) -> None:
    _write(project, "content/nl/index.md", "De bosnegers bouwden deze boot.\n")
    result = subprocess.run(
        [sys.executable, "-m", "macros.language", "--root", str(project), "--format", "github"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=content/nl/index.md,line=1,col=4,")
    help_result = subprocess.run([sys.executable, "-m", "macros.language", "--help"], cwd=REPO, capture_output=True, text=True)
    assert help_result.returncode == 0 and "--fail-on" in help_result.stdout


def test_a_file_outside_the_project_is_named_by_its_whole_path(project: Path, tmp_path_factory, capsys) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "letter.md"
    outside.write_text("The slaves.\n", encoding="utf-8")
    assert run_command("--root", str(project), "--lang", "en", str(outside)) == 1
    out = capsys.readouterr().out
    assert f"{outside.as_posix()}:1:5:" in out
    assert "//" not in out.split(":")[0]
