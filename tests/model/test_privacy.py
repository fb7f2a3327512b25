"""Disclosure control, roll-up, secondary suppression and the consent rules (pure functions)."""
from __future__ import annotations

import datetime as dt

import pytest

from macros.model.kpi import KPI, Observation, Privacy
from macros.model.partner import Partner, Procurement
from macros.model.privacy import (
    Cell, Verdict, count_figure, directory, disclose, full_profile, listable, primary, roll_up, secondary,
    shown_claims, tender_figures,
)

D = dt.date
RULE = Privacy()


# --- primary suppression --------------------------------------------------------------------


@pytest.mark.parametrize("count, reason", [(0, None), (1, "small-count"), (4, "small-count"), (5, None), (37, None)])
def test_counts_of_one_to_four_are_withheld_and_a_true_zero_is_not(count, reason):
    assert primary(Cell(count), "count", RULE).reason == reason


@pytest.mark.parametrize("count, out_of, reason", [
    (35, 40, None),                 # 5 outside the count: fine
    (36, 40, "small-complement"),   # 4 outside: the few who are not counted stand out
    (40, 40, "small-complement"),   # everyone: says something about each person
    (3, 40, "small-count"),
])
def test_the_complement_within_the_denominator_is_protected_too(count, out_of, reason):
    verdict = primary(Cell(count, out_of), "count", RULE)
    assert verdict.reason == reason
    assert verdict.threshold == (5 if reason else None)


@pytest.mark.parametrize("out_of, reason", [(19, "small-base"), (20, None), (200, None)])
def test_a_percentage_needs_a_denominator_of_at_least_twenty(out_of, reason):
    verdict = primary(Cell(8, out_of), "percent", RULE)
    assert verdict.reason == reason
    if reason:
        assert verdict.threshold == 20


def test_the_small_base_reason_comes_before_the_small_count_reason():
    assert primary(Cell(2, 10), "percent", RULE).reason == "small-base"


def test_stricter_thresholds_from_the_data_are_used():
    strict = Privacy(min_cell=10, min_denominator=50)
    assert primary(Cell(7), "count", strict) == Verdict("small-count", 10)
    assert primary(Cell(20, 40), "percent", strict) == Verdict("small-base", 50)


def test_thresholds_cannot_be_set_below_the_floor():
    with pytest.raises(ValueError):
        Privacy(min_cell=3)
    with pytest.raises(ValueError):
        Privacy(min_denominator=10)


def test_amounts_and_yes_no_figures_are_not_person_counts():
    assert not primary(Cell(3), "euro", RULE).withheld
    assert not primary(Cell(1), "yes-no", RULE).withheld


# --- secondary suppression ------------------------------------------------------------------


def test_one_withheld_member_makes_the_smallest_other_member_withheld_too():
    members = {"a": Cell(30, 140), "b": Cell(22, 118), "c": Cell(4, 38)}
    verdicts = {k: primary(c, "percent", RULE) for k, c in members.items()}
    total, result = secondary(Verdict(), members, verdicts)
    assert total == Verdict()
    assert result["c"].reason == "small-count"
    assert result["b"].reason == "secondary"      # 118 < 140: the smaller group goes
    assert result["a"].reason is None


def test_smallest_is_by_group_size_then_count_then_name():
    members = {"x": Cell(9, 50), "y": Cell(8, 50), "z": Cell(2, 60)}
    verdicts = {k: primary(c, "percent", RULE) for k, c in members.items()}
    _, result = secondary(Verdict(), members, verdicts)
    assert result["y"].reason == "secondary" and result["x"].reason is None


def test_no_secondary_suppression_when_two_are_already_withheld_or_the_total_is_withheld():
    members = {"a": Cell(30, 140), "b": Cell(3, 118), "c": Cell(4, 38)}
    verdicts = {k: primary(c, "percent", RULE) for k, c in members.items()}
    _, result = secondary(Verdict(), members, verdicts)
    assert result["a"].reason is None
    members = {"a": Cell(30, 140), "c": Cell(4, 38)}
    verdicts = {k: primary(c, "percent", RULE) for k, c in members.items()}
    total, result = secondary(Verdict("small-count", 5), members, verdicts)
    assert result["a"].reason is None and total.reason == "small-count"
    total, result = secondary(None, members, verdicts)
    assert total is None and result["a"].reason is None


def test_a_lone_withheld_member_withholds_the_total():
    members = {"only": Cell(4, 38)}
    total, result = secondary(Verdict(), members, {"only": Verdict("small-count", 5)})
    assert total.reason == "secondary"


def test_the_withheld_figure_cannot_be_worked_out_after_secondary_suppression():
    members = {"a": Cell(31, 140), "b": Cell(22, 118), "c": Cell(4, 38)}
    verdicts = {k: primary(c, "percent", RULE) for k, c in members.items()}
    _, result = secondary(Verdict(), members, verdicts)
    published = [k for k, v in result.items() if not v.withheld]
    hidden = [k for k, v in result.items() if v.withheld]
    assert len(hidden) >= 2 and len(published) == 1


# --- roll-up and disclose -------------------------------------------------------------------


def _kpi(kpi_id: str, organisation: str, observations: list[dict], shared: str | None = "share", **extra) -> KPI:
    return KPI.model_validate({
        "id": kpi_id, "organisation": organisation, "goal": "g", "shared_id": shared,
        "name": {"nl": kpi_id, "en": kpi_id}, "definition": {"nl": "d", "en": "d"},
        "unit": "percent", "direction": "increase",
        "baseline": {"value": 10, "date": D(2022, 12, 31)}, "target": {"value": 30, "deadline": D(2030, 12, 31)},
        "method": {"nl": "m", "en": "m"}, "source": {"nl": "s", "en": "s"}, "frequency": "yearly",
        "observations": observations, **extra})


def group() -> list[KPI]:
    return [
        _kpi("total", "col", []),
        _kpi("big", "a", [{"period": 2024, "numerator": 31, "denominator": 140},
                          {"period": 2025, "numerator": 35, "denominator": 142}]),
        _kpi("mid", "b", [{"period": 2024, "numerator": 22, "denominator": 118},
                          {"period": 2025, "numerator": 25, "denominator": 120}]),
        _kpi("small", "c", [{"period": 2023, "numerator": 1, "denominator": 30},
                            {"period": 2024, "numerator": 4, "denominator": 38,
                             "note": {"nl": "vier nieuwe collega's", "en": "four new colleagues"}},
                            {"period": 2025, "numerator": 6, "denominator": 40}]),
    ]


def test_roll_up_adds_numerators_and_denominators_and_never_averages_percentages():
    kpis = group()
    rolled = roll_up(kpis[1:])
    assert [(o.period, o.numerator, o.denominator) for o in rolled] == [(2024, 57, 296), (2025, 66, 302)]
    share = rolled[0].figure("percent")
    assert share == pytest.approx(100 * 57 / 296)
    mean_of_percentages = (100 * 31 / 140 + 100 * 22 / 118 + 100 * 4 / 38) / 3
    assert share != pytest.approx(mean_of_percentages, abs=0.1)


def test_roll_up_only_uses_periods_every_member_reported():
    assert 2023 not in [o.period for o in roll_up(group()[1:])]


def test_roll_up_of_counts_adds_the_values_and_marks_provisional():
    members = [
        KPI.model_validate({**_kpi("p", "a", []).model_dump(), "unit": "count",
                            "observations": [{"period": 2025, "value": 40, "provisional": True}]}),
        KPI.model_validate({**_kpi("q", "b", []).model_dump(), "unit": "count",
                            "observations": [{"period": 2025, "value": 12}]}),
    ]
    (only,) = roll_up(members)
    assert (only.value, only.numerator, only.provisional) == (52, None, True)


def test_disclose_applies_primary_and_secondary_suppression_across_the_group():
    figures = disclose(group(), "col")
    by = {kpi_id: {f.period: f for f in figs} for kpi_id, figs in figures.items()}
    assert by["total"][2024].value == pytest.approx(100 * 57 / 296) and not by["total"][2024].hidden
    assert by["small"][2024].reason == "small-count" and by["small"][2024].hidden
    assert by["mid"][2024].reason == "secondary" and by["mid"][2024].hidden
    assert by["big"][2024].value == pytest.approx(100 * 31 / 140)
    assert not any(f.hidden for f in (by["big"][2025], by["mid"][2025], by["small"][2025], by["total"][2025]))
    # 2023 has no collective total, so the small member's primary suppression stands alone.
    assert by["small"][2023].reason == "small-count"


def test_a_withheld_figure_has_no_numbers_and_no_note_in_the_public_view():
    hidden = {f.period: f for f in disclose(group(), "col")["small"]}[2024]
    assert (hidden.value, hidden.numerator, hidden.denominator, hidden.note) == (None, None, None, None)
    assert hidden.threshold == 5


def test_the_internal_view_shows_every_figure_with_the_reason_it_is_withheld():
    shown = {f.period: f for f in disclose(group(), "col", internal=True)["small"]}[2024]
    assert not shown.hidden
    assert (shown.numerator, shown.denominator, shown.reason) == (4, 38, "small-count")
    assert shown.note.en == "four new colleagues"


def test_kpis_without_a_shared_id_are_checked_on_their_own():
    alone = _kpi("alone", "a", [{"period": 2025, "numerator": 3, "denominator": 19}], shared=None)
    (fig,) = disclose([alone], "col")["alone"]
    assert fig.reason == "small-base" and fig.hidden


# --- procurement figures --------------------------------------------------------------------


def procurement() -> Procurement:
    return Procurement.model_validate({"tenders": [
        {"organisation": "a", "year": 2024, "band": "up-to-50k", "awarded": 28, "to_diverse": 9},
        {"organisation": "b", "year": 2024, "band": "up-to-50k", "awarded": 22, "to_diverse": 6},
        {"organisation": "c", "year": 2024, "band": "up-to-50k", "awarded": 11, "to_diverse": 3},
        {"organisation": "a", "year": 2025, "band": "up-to-50k", "awarded": 30, "to_diverse": 13},
        {"organisation": "b", "year": 2025, "band": "up-to-50k", "awarded": 25, "to_diverse": 10},
        {"organisation": "a", "year": 2024, "band": "above-50k", "awarded": 6, "to_diverse": 1},
    ]})


def test_tender_totals_add_up_members_and_protect_the_small_member():
    totals, members = tender_figures(procurement(), "up-to-50k", ["a", "b", "c"])
    assert [(t.year, t.awarded, t.to_diverse) for t in totals] == [(2024, 61, 18)]   # 2025: c did not report
    assert totals[0].share == pytest.approx(100 * 18 / 61)
    assert members["c"][0].reason == "small-base" and members["c"][0].hidden
    assert members["b"][0].reason == "secondary" and members["b"][0].awarded is None
    assert members["a"][0].to_diverse == 9


def test_tender_figures_of_one_member_are_its_own():
    totals, members = tender_figures(procurement(), "above-50k", ["a"])
    assert totals[0].reason == "small-base" and totals[0].hidden
    assert members["a"][0].reason == "small-base"


def test_count_figure_for_the_number_of_diverse_partners():
    assert count_figure(5, 7, RULE).hidden
    shown = count_figure(9, 30, RULE)
    assert (shown.to_diverse, shown.awarded, shown.hidden) == (9, 30, False)
    assert count_figure(5, 7, RULE, internal=True).to_diverse == 5


# --- consent --------------------------------------------------------------------------------


def partner(**changes) -> Partner:
    data = {"id": "p", "name": "Partner", "organisations": ["a"], "type": "supplier"}
    data.update(changes)
    return Partner.model_validate(data)


CLAIM = {"category": "women", "basis": "self-declared", "at_least_51_percent": True}


def test_listing_needs_the_wish_and_an_active_consent():
    assert not listable(partner())
    assert not listable(partner(listing_consent={"date": D(2025, 1, 1), "scope": "name"}))
    assert listable(partner(listed=True, listing_consent={"date": D(2025, 1, 1), "scope": "name"}))
    assert not listable(partner(listed=True, listing_consent={"date": D(2025, 1, 1), "scope": "name",
                                                              "withdrawn": D(2026, 1, 1)}))


def test_the_full_profile_needs_the_profile_scope():
    consent = {"date": D(2025, 1, 1)}
    assert not full_profile(partner(listed=True, listing_consent={**consent, "scope": "name"}))
    assert full_profile(partner(listed=True, listing_consent={**consent, "scope": "profile"}))


def test_a_category_is_shown_only_with_its_own_active_consent():
    consent = {"date": D(2025, 1, 1), "scope": "profile"}
    p = partner(listed=True, listing_consent=consent, ownership=[
        {**CLAIM, "show": True, "consent": {"date": D(2025, 1, 1)}},
        {**CLAIM, "category": "lgbtiq", "show": False, "consent": {"date": D(2025, 1, 1)}},
        {**CLAIM, "category": "disabled", "show": True, "consent": {"date": D(2025, 1, 1), "withdrawn": D(2025, 6, 1)}},
        {**CLAIM, "category": "migration-background", "show": True},
    ])
    assert [c.category for c in shown_claims(p)] == ["women"]
    # An unlisted partner shows no category at all.
    assert shown_claims(partner(ownership=[{**CLAIM, "show": True, "consent": {"date": D(2025, 1, 1)}}])) == []


def test_the_directory_lists_consenting_partners_by_name_and_per_organisation():
    consent = {"date": D(2025, 1, 1), "scope": "name"}
    partners = [partner(id="z", name="zebra", listed=True, listing_consent=consent),
                partner(id="b", name="Bakker", organisations=["b"], listed=True, listing_consent=consent),
                partner(id="n", name="Niet", listed=False)]
    assert [p.id for p in directory(partners)] == ["b", "z"]
    assert [p.id for p in directory(partners, "a")] == ["z"]


def test_observations_give_either_a_value_or_counts():
    with pytest.raises(ValueError):
        Observation(period=2025)
    with pytest.raises(ValueError):
        Observation(period=2025, value=3, numerator=3, denominator=10)
    with pytest.raises(ValueError):
        Observation(period=2025, numerator=11, denominator=10)
