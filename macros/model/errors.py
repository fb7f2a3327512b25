"""Problems found in the data, reported as `file:line:column: what is wrong — what is expected`."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place; lines and columns are 1-based."""

    path: str
    line: int
    column: int
    message: str
    expected: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.message}"
        return f"{text} — {self.expected}" if self.expected else text


class DataErrors(Exception):
    """Raised with every problem at once, so an editor can fix them in one go."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} {noun} in the data; nothing was published.")
        return "\n".join(lines)
