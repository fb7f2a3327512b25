"""Errors that stop the audit before it can judge the site (exit code 2)."""

from __future__ import annotations

from ..base.problems import Problem


class AuditSetupError(Exception):
    """The audit cannot run: bad input, a missing tool, or a wrong configuration."""

    exit_code = 2


class SiteNotFound(AuditSetupError):
    """The site folder is missing or holds no HTML page."""


class BrowserMissing(AuditSetupError):
    """Chromium or chromedriver is not installed, or does not start."""


class AxeMissing(AuditSetupError):
    """node_modules/axe-core/axe.min.js is not installed."""


class AxeConfigError(AuditSetupError):
    """A tag or rule the audit asks for does not exist in the loaded axe-core."""


class ReviewedFileError(AuditSetupError):
    """data/accessibility-reviewed.yml is not valid; each problem is one line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(map(str, self.problems)))
