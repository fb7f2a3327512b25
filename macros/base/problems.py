"""One kind of message for everything wrong in the input: `file:line:col: what is wrong — what is expected`.

The same problems can be printed three ways (`--format`): as text for a person, as JSON for a
program, and as GitHub annotations so that a pull request shows each one at its line.
"""
from __future__ import annotations

import json
from typing import Iterable, Literal, NamedTuple, get_args

Format = Literal["text", "json", "github"]
FORMATS: tuple[Format, ...] = get_args(Format)


class Problem(NamedTuple):
    """One thing wrong in one place; lines and columns are 1-based, the path relative to the project.

    Problems sort by file, line and column. A named tuple rather than a dataclass: `podium check`
    reads one on every run, and loading the dataclass machinery costs more than checking a page."""

    path: str
    line: int
    column: int
    message: str
    expected: str = ""

    @property
    def sentence(self) -> str:
        """What is wrong and what is expected, without the place."""
        return f"{self.message} — {self.expected}" if self.expected else self.message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.sentence}"


class Problems(Exception):
    """Raised with every problem at once, so an editor can fix them in one go."""

    summary = "in the data; nothing was published."

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        return format_problems(self.problems, "text", self.summary)


def _count(problems: list[Problem]) -> str:
    return f"{len(problems)} {'problem' if len(problems) == 1 else 'problems'}"


def _github_escape(text: str, property_: bool = False) -> str:
    """GitHub's workflow commands read %, CR and LF (and in properties also : and ,) as syntax."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_ else text


def format_problems(problems: Iterable[Problem], fmt: str = "text", summary: str = "") -> str:
    """All problems in one of FORMATS; `summary` ends the text form ("3 problems <summary>")."""
    problems = list(problems)
    if fmt == "json":
        return json.dumps({"problems": [p._asdict() for p in problems], "count": len(problems)},
                          ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(
            f"::error file={_github_escape(p.path, True)},line={p.line},col={p.column}"
            f"::{_github_escape(p.sentence)}" for p in problems)
    lines = [str(p) for p in problems]
    if summary:
        lines.append(f"{_count(problems)} {summary}")
    return "\n".join(lines)
