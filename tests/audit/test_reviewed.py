"""Acknowledged "needs review" items (data/accessibility-reviewed.yml)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from macros.audit.errors import ReviewedFileError
from macros.audit.findings import NEEDS_REVIEW, Finding
from macros.audit.reviewed import apply_reviews, load_reviewed, pattern_matches
from macros.audit.runner import audit_site

from .conftest import SITE, TODAY

REPO = Path(__file__).resolve().parents[2]
PAGE = "/en/needs-review/"
GOOD_ENTRY = """\
reviewed:
  - rule: color-contrast
    selector: ".gradient"
    pages: "/en/needs-review/"
    reason: Dark text on a white-to-light-grey gradient; checked with a colour picker, at least 11:1.
    reviewer: web editor
    date: 2026-11-20
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "accessibility-reviewed.yml"
    path.write_text(text, encoding="utf-8")
    return path


def item(rule="color-contrast", selector=".gradient") -> Finding:
    return Finding(rule=rule, message="could not decide", kind=NEEDS_REVIEW, selector=selector)


def test_patterns_only_know_the_star():
    assert pattern_matches("*.md-nav__title*", 'label.md-nav__title[for="__drawer"]')
    assert pattern_matches('label[for="x"]', 'label[for="x"]')  # brackets are literal
    assert not pattern_matches("label[for]", "labelf")
    assert not pattern_matches(".gradient", "p.gradient")


def test_acknowledgement_without_a_reason_is_an_error(tmp_path):
    path = write(tmp_path, GOOD_ENTRY.replace("    reason: Dark text", "    note: Dark text"))
    with pytest.raises(ReviewedFileError) as caught:
        load_reviewed(path, TODAY)
    text = str(caught.value)
    assert f"{path}:2:5: the field 'reason' is missing — a reason is required" in text
    assert f"{path}:5:5: 'note' is not a field Podium knows here" in text


def test_too_short_reason_future_date_and_missing_reviewer_are_errors(tmp_path):
    path = write(tmp_path, GOOD_ENTRY.replace("Dark text on a white-to-light-grey gradient; checked "
                                              "with a colour picker, at least 11:1.", "fine")
                 .replace("2026-11-20", "2030-01-01").replace("    reviewer: web editor\n", ""))
    with pytest.raises(ReviewedFileError) as caught:
        load_reviewed(path, TODAY)
    assert len(caught.value.problems) == 3
    assert any(":5:13: the reason \"fine\" is too short" in str(p) for p in caught.value.problems)


def test_missing_file_acknowledges_nothing(tmp_path):
    assert load_reviewed(tmp_path / "absent.yml", TODAY) == []


def test_matching_rule_selector_and_page_are_acknowledged(tmp_path):
    acks = load_reviewed(write(tmp_path, GOOD_ENTRY), TODAY)
    items = [item(), item(selector=".other"), item(rule="link-in-text-block")]
    apply_reviews(items, PAGE, "light-1280", acks, TODAY, "reviewed.yml")
    assert [i.review is not None for i in items] == [True, False, False]
    assert items[0].review["reason"].startswith("Dark text") and items[0].review["line"] == 2
    other_page = [item()]
    apply_reviews(other_page, "/nl/", "light-1280", acks, TODAY, "reviewed.yml")
    assert other_page[0].fails


def test_expired_acknowledgement_no_longer_counts(tmp_path):
    acks = load_reviewed(write(tmp_path, GOOD_ENTRY + "    expires: 2026-11-01\n"), TODAY)
    items = [item()]
    apply_reviews(items, PAGE, "light-1280", acks, TODAY, "reviewed.yml")
    assert items[0].fails and "expired on 2026-11-01" in items[0].message


def test_unacknowledged_item_fails_the_audit(browser, tmp_path):
    result = audit_site(SITE, pages=[PAGE], browser=browser, write_report=False, today=TODAY,
                        reviewed_file=write(tmp_path, "reviewed: []\n"))
    assert not result.passed
    assert result.record["totals"]["needs_review_unacknowledged"] == 4


def test_acknowledged_item_passes_the_audit(browser, tmp_path):
    result = audit_site(SITE, pages=[PAGE], browser=browser, write_report=False, today=TODAY,
                        reviewed_file=write(tmp_path, GOOD_ENTRY))
    assert result.passed, [f.message for f in result.findings() if f.fails]
    totals = result.record["totals"]
    assert totals["needs_review_acknowledged"] == 4 and totals["needs_review_unacknowledged"] == 0
    [review] = {f.review["reason"] for f in result.findings()}
    assert review.startswith("Dark text")


def test_the_projects_reviewed_file_is_valid_and_covers_the_material_nav_title():
    acks = load_reviewed(REPO / "data" / "accessibility-reviewed.yml", date(2026, 12, 1))
    items = [item(selector='label.md-nav__title[for="__drawer"]')]
    apply_reviews(items, "/nl/", "dark-1280", acks, date(2026, 12, 1),
                  "data/accessibility-reviewed.yml")
    assert items[0].review is not None


WIDE_VIEW_ENTRY = """\
reviewed:
  - rule: color-contrast
    selector: "*"
    views: "*-320"
    verified_by: wide-view
    reason: Cells scrolled out of sight in a table region; the same cells pass at 1280 px.
    reviewer: web editor
    date: 2026-11-20
"""


def test_wide_view_acknowledgement_needs_the_wider_view_to_confirm(tmp_path):
    acks = load_reviewed(write(tmp_path, WIDE_VIEW_ENTRY), TODAY)
    confirmed, unconfirmed, wide = [item()], [item()], [item()]
    apply_reviews(confirmed, PAGE, "dark-320", acks, TODAY, "r.yml", lambda f: "dark-1280")
    apply_reviews(unconfirmed, PAGE, "dark-320", acks, TODAY, "r.yml", lambda f: None)
    apply_reviews(wide, PAGE, "dark-1280", acks, TODAY, "r.yml", lambda f: "x")
    assert confirmed[0].review["verified_in"] == "dark-1280"
    assert unconfirmed[0].fails and wide[0].fails


def test_unknown_verification_is_an_error(tmp_path):
    with pytest.raises(ReviewedFileError, match=":5:18: the text 'by-magic' is not one of the allowed values — one of: 'wide-view'"):
        load_reviewed(write(tmp_path, WIDE_VIEW_ENTRY.replace("wide-view", "by-magic")), TODAY)


def test_wide_table_cells_at_320_px_are_confirmed_by_the_1280_px_views(browser):
    result = audit_site(SITE, pages=["/en/wide-table/"], browser=browser, write_report=False,
                        today=TODAY, reviewed_file=REPO / "data" / "accessibility-reviewed.yml")
    narrow = [f for v in result.views if v.view.endswith("-320") for f in v.findings]
    assert narrow and all(f.review and f.review["verified_in"] in ("light-1280", "dark-1280")
                          for f in narrow)
    assert result.passed
