"""`podium audit` through command.run(): exit codes, formats, the report and --record."""

from __future__ import annotations

import argparse
import functools
import json

import pytest

from macros.audit import command
from macros.audit.runner import audit_site

CLEAN_PAGES = ["--page", "/nl/", "--page", "/en/"]


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="podium audit")
    command.add_arguments(parser)
    return parser.parse_args(list(argv))


@pytest.fixture
def shared_browser(monkeypatch, browser, tmp_path):
    """Let run() use the session's browser instead of starting its own, and keep its cache
    (.podium-cache/ of the current folder) out of the repository."""
    monkeypatch.setattr(command, "audit_site", functools.partial(audit_site, browser=browser))
    monkeypatch.chdir(tmp_path)


def test_help_is_one_line():
    assert command.HELP and "\n" not in command.HELP


def test_defaults():
    args = parse()
    assert str(args.site) == "site" and args.format == "text" and not args.record


def test_missing_site_is_bad_input(tmp_path, capsys):
    assert command.run(parse("--site", str(tmp_path / "nothing"))) == 2
    assert "podium build" in capsys.readouterr().err


def test_site_without_pages_is_bad_input(tmp_path, capsys):
    assert command.run(parse("--site", str(tmp_path))) == 2
    assert "no HTML page" in capsys.readouterr().err


def test_missing_browser_says_how_to_install(site_copy, tmp_path, capsys):
    code = command.run(parse("--site", str(site_copy), "--chromedriver", str(tmp_path / "none")))
    err = capsys.readouterr().err
    assert code == 2
    assert "./run.sh setup" in err and "apt-get install chromium chromium-driver" in err


def test_bad_reviewed_file_is_bad_input(site_copy, tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    (data / "accessibility-reviewed.yml").write_text("reviewed:\n  - rule: color-contrast\n")
    assert command.run(parse("--site", str(site_copy), "--data", str(data))) == 2
    assert "accessibility-reviewed.yml:2:5: the field 'reason' is missing" in capsys.readouterr().err


def test_passing_audit_exits_0_and_records(shared_browser, site_copy, tmp_path, capsys):
    data = tmp_path / "data"
    code = command.run(parse("--site", str(site_copy), "--data", str(data), "--record",
                             *CLEAN_PAGES))
    out = capsys.readouterr()
    assert code == 0, out.out
    assert "accessibility audit passed" in out.out
    saved = json.loads((site_copy / "accessibility-audit.json").read_text())
    assert json.loads((data / "accessibility-audit.json").read_text()) == saved
    assert "recorded for the accessibility statement" in out.err


def test_failing_audit_exits_1_and_does_not_record(shared_browser, site_copy, tmp_path, capsys):
    data = tmp_path / "data"
    code = command.run(parse("--site", str(site_copy), "--data", str(data), "--record",
                             "--page", "/nl/klik-hier/", "--format", "github"))
    out = capsys.readouterr()
    assert code == 1
    assert out.out.startswith("::error title=Accessibility%3A podium-link-text-ambiguous")
    assert not (data / "accessibility-audit.json").exists()
    assert (site_copy / "accessibility-audit.json").exists()
    assert "not recorded" in out.err


def test_json_format_prints_the_record(shared_browser, site_copy, tmp_path, capsys):
    code = command.run(parse("--site", str(site_copy), "--data", str(tmp_path), "--format", "json",
                             "--page", "/en/wide/"))
    record = json.loads(capsys.readouterr().out)
    assert code == 1 and record["passed"] is False
    assert record["pages"] == ["/en/wide/"]
