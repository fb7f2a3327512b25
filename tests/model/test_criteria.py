"""The collective's diversity criteria (data/criteria.yml): who counts, and for how long a certificate does."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from macros.base.languages import read_languages
from macros.base.validate import validate
from macros.base.yamlread import read_yaml
from macros.model.criteria import Criteria, certificate_end, is_diverse, renewals_due
from macros.model.partner import Partner

ROOT = Path(__file__).resolve().parents[2]
D = dt.date


@pytest.fixture(scope="module")
def criteria() -> Criteria:
    """The example's own criteria, read and validated the way the build does."""
    doc, problems = read_yaml(ROOT / "data" / "criteria.yml", ROOT)
    value, found = validate(Criteria, doc, {"languages": read_languages(ROOT)})
    assert problems == [] and found == []
    return value


def partner(*claims: dict) -> Partner:
    return Partner.model_validate({"id": "p", "name": "P", "organisations": ["a"], "type": "supplier",
                                   "ownership": list(claims)})


SELF = {"category": "women", "basis": "self-declared", "at_least_51_percent": True}
CERT = {"category": "lgbtiq", "basis": "certified", "certifier": "Keurmerk", "certified_on": D(2024, 6, 1),
        "at_least_51_percent": True}


def test_the_threshold_route_and_evidence_decide(criteria):
    assert criteria.threshold == 51
    assert is_diverse(partner(SELF), criteria, D(2026, 1, 1))
    assert not is_diverse(partner({**SELF, "at_least_51_percent": False}), criteria, D(2026, 1, 1))
    assert not is_diverse(partner(), criteria, D(2026, 1, 1))
    # The example records a workforce route and a policy route but decided that they do not count.
    assert not is_diverse(partner({**SELF, "route": "workforce"}), criteria, D(2026, 1, 1))
    assert not is_diverse(partner({**SELF, "route": "policy"}), criteria, D(2026, 1, 1))


def test_a_certificate_past_its_date_no_longer_counts(criteria):
    p = partner(CERT)
    assert certificate_end(p.ownership[0], criteria) == D(2026, 6, 1)     # 24 months in data/criteria.yml
    assert not is_diverse(p, criteria, D(2024, 5, 31))                    # not yet issued
    assert is_diverse(p, criteria, D(2026, 5, 31))
    assert not is_diverse(p, criteria, D(2026, 6, 1))


def test_renewals_due_lists_ended_and_soon_ending_certificates(criteria):
    p = partner(CERT, SELF)
    assert renewals_due([p], criteria, D(2025, 12, 1)) == []               # more than 90 days ahead
    (soon,) = renewals_due([p], criteria, D(2026, 4, 1))
    assert (soon.ends, soon.expired) == (D(2026, 6, 1), False)
    (ended,) = renewals_due([p], criteria, D(2026, 11, 30))
    assert ended.expired
