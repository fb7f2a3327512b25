"""The values the checker hands out: findings, a report over many files, and input errors."""

from __future__ import annotations

from typing import NamedTuple

SEVERITIES = ("suggestion", "warning", "error")
"""From mild to severe; the order matters for --fail-on."""

FAIL_ON_CHOICES = ("error", "warning", "suggestion", "never")

_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


def severity_rank(severity: str) -> int:
    return _RANK[severity]


class Finding(NamedTuple):
    """One problem at one place.

    Lines and columns count from 1; columns count characters. ``end_column`` is the column
    just after the last flagged character (exclusive, as in SARIF), so that ``match`` is
    exactly the source text between (line, column) and (end_line, end_column).
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    match: str
    rule: str
    category: str
    severity: str
    message: str
    suggestions: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "match": self.match,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "suggestions": list(self.suggestions),
        }

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule)


class Report(NamedTuple):
    """All findings of one run, sorted by place."""

    findings: list[Finding]
    files: int

    def counts(self) -> dict[str, int]:
        counts = {severity: 0 for severity in reversed(SEVERITIES)}
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def exceeds(self, fail_on: str) -> bool:
        """True when some finding is at least as severe as ``fail_on`` ("never" never fails)."""
        if fail_on == "never":
            return False
        if fail_on not in _RANK:
            raise ValueError(f"fail_on must be one of {', '.join(FAIL_ON_CHOICES)}, not {fail_on!r}")
        threshold = _RANK[fail_on]
        return any(_RANK[finding.severity] >= threshold for finding in self.findings)


class InputError(Exception):
    """The files to check, or the rule files, cannot be used as they are.

    ``problems`` holds one line per problem, each already phrased for the person who has to
    fix it (``path:line:col: what is wrong — what is expected`` where a place is known).
    """

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = list(problems)


class Flag(NamedTuple):
    """A finding while its place is still a character offset in the file."""

    start: int
    end: int
    rule: str
    category: str
    severity: str
    message: str
    suggestions: tuple[str, ...] = ()
    block: int | None = None
    """The block it was found in, for in-place suppression (None: cannot be suppressed in place)."""
