"""The GitHub workflows pass actionlint, pin their actions, and never deploy the internal build."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
LINTER = Path(__file__).with_name("actionlint.cjs")


def lint(paths: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run(["node", str(LINTER), *map(str, paths)], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed for actionlint")
def test_workflows_pass_actionlint():
    assert WORKFLOWS
    result = lint(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed for actionlint")
def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.nonsense.value }}\n", encoding="utf-8")
    result = lint([broken])
    assert result.returncode == 1 and "broken.yml:6:" in result.stdout


def test_every_action_is_pinned_to_a_commit():
    for path in WORKFLOWS:
        for use in re.findall(r"uses:\s*(\S+)", path.read_text(encoding="utf-8")):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", use), f"{path.name}: {use}"


def test_internal_build_is_never_deployed():
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        assert "site-internal" not in text and "--internal" not in text


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./run.sh test" in readme and "./run.sh test" in ci


def test_dependabot_keeps_every_pinned_kind_of_package_current():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {update["package-ecosystem"] for update in config["updates"]}
    assert {"pip", "npm", "github-actions"} <= ecosystems


def test_the_audit_runs_once_and_the_tests_reuse_its_results():
    steps = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    steps = steps["jobs"]["check"]["steps"]
    audits = [s for s in steps if "podium audit" in s.get("run", "")]
    assert len(audits) == 1 and "--record" in audits[0]["run"]
    kept = [s["with"]["path"] for s in steps if s.get("uses", "").startswith("actions/cache@")]
    assert ".podium-cache" in kept
    [tests] = [s for s in steps if "pytest" in s.get("run", "")]
    assert tests["env"]["PODIUM_AUDIT_CACHE"].endswith("/.podium-cache/audit.json")
    names = [s.get("name", "") for s in steps]
    assert names.index(tests["name"]) > names.index(audits[0]["name"])


def test_the_workflow_uses_a_current_node_lts_and_shares_the_site_on_pull_requests():
    steps = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    steps = steps["jobs"]["check"]["steps"]
    [node] = [s for s in steps if s.get("uses", "").startswith("actions/setup-node@")]
    assert node["with"]["node-version"] in ("22", "24")
    [upload] = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["if"] == "github.event_name == 'pull_request'" and upload["with"]["path"] == "site"


def _workflow_command(step_name: str) -> list[str]:
    """The podium command a workflow step runs, as written in the workflow."""
    steps = [step for path in WORKFLOWS for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values()
             for step in job.get("steps", [])]
    run = next(step["run"] for step in steps if step.get("name", "").startswith(step_name))
    assert run.startswith(".venv/bin/podium ")
    return run.split()[1:]


@pytest.mark.parametrize("step", ["Validate the data", "Build both languages"])
def test_a_data_error_becomes_an_annotation_on_its_line(step, example_copy, capsys):
    from macros.cli import main

    goals = example_copy / "data" / "goals.yml"
    text = goals.read_text(encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1) if "deadline:" in row)
    goals.write_text(text.replace("deadline:", "deadline: 31-12-2027 #", 1), encoding="utf-8")
    code = main(["--project", str(example_copy), *_workflow_command(step)])
    out = capsys.readouterr().out
    assert code == 2
    assert re.search(rf"^::error file=data/goals\.yml,line={line},col=\d+::.*31-12-2027", out, re.MULTILINE), out
