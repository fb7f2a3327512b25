"""Turning a report into text for people, JSON for tools, or GitHub workflow commands."""

from __future__ import annotations

import json

from .findings import Finding, Report

FORMATS = ("text", "json", "github")

_GITHUB_COMMAND = {"error": "error", "warning": "warning", "suggestion": "notice"}


def format_report(report: Report, fmt: str) -> str:
    """The whole report in ``fmt`` ("text", "json" or "github"), ending with a newline."""
    if fmt == "text":
        return _text(report)
    if fmt == "json":
        return _json(report)
    if fmt == "github":
        return _github(report)
    raise ValueError(f"fmt must be one of {', '.join(FORMATS)}, not {fmt!r}")


def summary_line(report: Report) -> str:
    counts = report.counts()
    files = _plural(report.files, "file")
    if not report.findings:
        return f"podium check: no findings in {files}."
    parts = [_plural(count, severity) for severity, count in counts.items() if count]
    return f"podium check: {', '.join(parts)} in {files}."


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _text(report: Report) -> str:
    lines = [_text_line(finding) for finding in report.findings]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def _text_line(finding: Finding) -> str:
    line = f"{finding.path}:{finding.line}:{finding.column}: {finding.severity}: {finding.message} [{finding.rule}]"
    if finding.suggestions:
        line += " → " + ", ".join(finding.suggestions)
    return line


def _json(report: Report) -> str:
    """One finding per line: readable in a log, and written by the fast (C) JSON encoder."""
    findings = [json.dumps(finding.to_dict(), ensure_ascii=False) for finding in report.findings]
    summary = json.dumps({"files": report.files, "findings": len(report.findings), **report.counts()})
    listed = "[\n    " + ",\n    ".join(findings) + "\n  ]" if findings else "[]"
    return '{\n  "findings": ' + listed + ',\n  "summary": ' + summary + "\n}\n"


def _github(report: Report) -> str:
    lines = [_github_line(finding) for finding in report.findings]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def _github_line(finding: Finding) -> str:
    message = finding.message
    if finding.suggestions:
        message += " Suggestions: " + ", ".join(finding.suggestions) + "."
    properties = {
        "file": finding.path,
        "line": finding.line,
        "col": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
        "title": f"{finding.rule} ({finding.category})",
    }
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{_GITHUB_COMMAND[finding.severity]} {joined}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value of a workflow command (also ':' and ',')."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
