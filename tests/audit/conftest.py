"""Shared fixtures of the audit tests: ONE headless Chromium for the whole session, and one
audit of the fixture site that most tests read from."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from macros.audit.browser import Browser
from macros.audit.runner import AuditResult, audit_site

FIXTURES = Path(__file__).parent / "fixtures"
SITE = FIXTURES / "site"
TODAY = date(2026, 11, 21)


@pytest.fixture(scope="session")
def browser():
    """The one browser of the test session (Chromium and chromedriver must be installed:
    `./run.sh setup`)."""
    started = Browser.start()
    yield started
    started.close()


@pytest.fixture(scope="session")
def site_audit(browser, tmp_path_factory) -> AuditResult:
    """Every fixture page in the four default views, with no acknowledged review items."""
    report = tmp_path_factory.mktemp("report") / "accessibility-audit.json"
    return audit_site(SITE, browser=browser, reviewed_file=None, report_file=report, today=TODAY)


@pytest.fixture
def site_copy(tmp_path) -> Path:
    """A writable copy of the fixture site (the command writes its report into the site)."""
    target = tmp_path / "site"
    shutil.copytree(SITE, target)
    return target
