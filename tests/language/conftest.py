"""Fixtures for the language-check tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from language_helpers import REPO, RULES
from macros.language import check_paths
from macros.language.findings import Finding
from macros.language.rules import load_rulebook, rules_dir


@pytest.fixture(scope="session")
def book():
    return load_rulebook(rules_dir(REPO))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project folder (without data/language: the shipped rules are used)."""
    (tmp_path / "content" / "nl").mkdir(parents=True)
    (tmp_path / "content" / "en").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    return tmp_path


@pytest.fixture
def own_rules(project: Path) -> Path:
    """A project with its own copy of the rule files, to edit in a test; returns data/language."""
    target = project / "data" / "language"
    shutil.copytree(RULES, target)
    return target


@pytest.fixture
def check_file(project: Path):
    """Write ``text`` to ``relative`` in the project, check it, return its findings."""

    def check(relative: str, text: str, lang: str | None = None) -> list[Finding]:
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return check_paths([path], project, lang).findings

    return check
