"""The inclusive-language and plain-language checker for Dutch and English.

Rules are data (``data/language/``); this package reads Markdown and YAML, finds the rules'
terms in the prose, measures sentence length and reading ease, honours in-place
suppressions and reports findings as text, JSON or GitHub annotations.

Public API::

    check_paths(paths, root, lang=None) -> Report
    check_text(text, lang, path="<text>", line=1) -> list[Finding]
    format_report(report, fmt) -> str
    strip_suppressions(markdown) -> str
    guide(lang) -> list[dict]            (in macros.language.guide)
"""

from .check import check_paths, check_text
from .findings import Finding, InputError, Report
from .report import format_report
from .suppress import strip_suppressions

__all__ = ["Finding", "InputError", "Report", "check_paths", "check_text", "format_report", "strip_suppressions"]
