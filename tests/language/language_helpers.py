"""Helpers for the language-check tests (a module with a unique name, so that importing it
cannot pick up another folder's conftest)."""

from __future__ import annotations

import argparse
from pathlib import Path

from macros.language.command import add_arguments, run
from macros.base.languages import read_languages
from macros.language.findings import Finding

REPO = Path(__file__).resolve().parents[2]
RULES = REPO / "data" / "language"
LANGUAGES = read_languages(REPO).codes
"""The example site's languages, each with its own rule folder."""


def run_command(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return run(parser.parse_args(list(argv)))


def rule_ids(findings: list[Finding]) -> list[str]:
    return [finding.rule for finding in findings]


def source_span(text: str, finding: Finding) -> str:
    """The source text between a finding's start and end (columns: end exclusive)."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    start = starts[finding.line - 1] + finding.column - 1
    end = starts[finding.end_line - 1] + finding.end_column - 1
    return text[start:end]
