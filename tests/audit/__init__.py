"""Tests of the accessibility audit (macros.audit), with a real headless Chromium."""
