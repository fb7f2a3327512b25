"""Disclosure control, roll-up, secondary suppression and the consent rules (pure functions)."""
from __future__ import annotations

import datetime as dt

import pytest
from disclosure_attacker import attacker_leaks
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.model.disclosure import Cell as Protected
from macros.model.disclosure import Total
from macros.model.kpi import KPI, Observation, Privacy
from macros.model.partner import Partner, Procurement
from macros.model.privacy import (
    Figure,
    Cell, Verdict, directory, disclose, full_profile, listable, partner_counts, primary, roll_up,
    shown_claims, tender_tables,
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


# --- secondary suppression -----------------------------------------------------------------


def one_year(members: dict[str, tuple[int, int]], with_total: bool = True) -> dict[str, Figure]:
    """The 2025 figures of a shared percentage KPI with these members' (numerator, denominator)."""
    kpis = [_kpi(m, m, [{"period": 2025, "numerator": n, "denominator": d}]) for m, (n, d) in members.items()]
    if with_total:
        kpis.insert(0, _kpi("total", "col", []))
    return {kpi_id: figs[0] for kpi_id, figs in disclose(kpis, "col").items() if figs}


def test_one_withheld_member_makes_the_smallest_other_member_withheld_too():
    figures = one_year({"a": (30, 140), "b": (22, 118), "c": (4, 38)})
    assert figures["total"].reason is None
    assert figures["c"].reason == "small-count"
    assert figures["b"].reason == "secondary"      # 118 < 140: the smaller group goes
    assert figures["a"].reason is None


def test_smallest_is_by_group_size_then_the_smallest_count():
    figures = one_year({"x": (9, 50), "y": (8, 50), "z": (2, 60)})
    assert figures["y"].reason == "secondary" and figures["x"].reason is None


def test_no_more_is_withheld_when_what_can_be_worked_out_is_large_enough_or_there_is_no_total():
    figures = one_year({"a": (30, 140), "b": (3, 118), "c": (4, 38)})    # b + c = 7 diverse of 156: fine
    assert figures["a"].reason is None and figures["total"].reason is None
    figures = one_year({"a": (30, 140), "c": (4, 38)}, with_total=False)
    assert figures["a"].reason is None and figures["c"].reason == "small-count"


def test_a_lone_withheld_member_withholds_the_total():
    figures = one_year({"only": (4, 38)})
    assert figures["total"].hidden and figures["only"].hidden


def test_two_withheld_members_and_a_published_total_do_not_give_away_their_sum():
    # 1 + 1 of 20: the total minus the published member would give 2 diverse people.
    figures = one_year({"a": (1, 30), "b": (1, 30), "c": (18, 60)})
    assert (figures["a"].reason, figures["b"].reason) == ("small-count", "small-count")
    assert figures["c"].hidden or figures["total"].hidden


# --- procurement figures --------------------------------------------------------------------


TARGETS = [{"id": "all-small", "organisation": "col", "band": "up-to-50k", "share": 50, "deadline": D(2027, 12, 31),
            "goal": "g"},
           {"id": "a-large", "organisation": "a", "band": "above-50k", "share": 20, "deadline": D(2027, 12, 31),
            "goal": "g"}]


def procurement() -> Procurement:
    return Procurement.model_validate({"targets": TARGETS, "tenders": [
        {"organisation": "a", "year": 2024, "band": "up-to-50k", "awarded": 28, "to_diverse": 9},
        {"organisation": "b", "year": 2024, "band": "up-to-50k", "awarded": 22, "to_diverse": 6},
        {"organisation": "c", "year": 2024, "band": "up-to-50k", "awarded": 11, "to_diverse": 3},
        {"organisation": "a", "year": 2025, "band": "up-to-50k", "awarded": 30, "to_diverse": 13},
        {"organisation": "b", "year": 2025, "band": "up-to-50k", "awarded": 25, "to_diverse": 10},
        {"organisation": "a", "year": 2024, "band": "above-50k", "awarded": 6, "to_diverse": 1},
    ]})


def tables(proc: Procurement) -> dict:
    return tender_tables(proc, "col", ["a", "b", "c"])


def test_tender_totals_add_up_members_and_protect_the_small_member():
    totals, members = tables(procurement())["all-small"]
    assert [(t.year, t.awarded, t.to_diverse) for t in totals] == [(2024, 61, 18)]   # 2025: c did not report
    assert totals[0].share == pytest.approx(100 * 18 / 61)
    assert members["c"][0].reason == "small-base" and members["c"][0].hidden
    assert members["b"][0].reason == "secondary" and members["b"][0].awarded is None
    assert members["a"][0].to_diverse == 9


def test_tender_figures_of_one_member_are_its_own():
    totals, members = tables(procurement())["a-large"]
    assert totals[0].reason == "small-base" and totals[0].hidden
    assert members["a"][0].reason == "small-base"


def owned(p: Partner) -> bool:
    """Diverse when one ownership claim reaches the share (the criteria's rule, without dates)."""
    return any(c.at_least_51_percent for c in p.ownership)


def partners_of(spec: list[tuple[list[str], bool]]) -> list[Partner]:
    """Partners working with these members, diverse or not."""
    return [partner(id=f"p{i}", organisations=orgs, ownership=[CLAIM] if diverse else [])
            for i, (orgs, diverse) in enumerate(spec)]


def test_the_number_of_diverse_partners_follows_the_same_rules():
    small = partner_counts(partners_of([(["a"], True)] * 5 + [(["a"], False)] * 2), ["a"], RULE, is_diverse=owned)
    assert small[None].hidden and small["a"].hidden                   # 5 of 7: a group smaller than 20
    shown = partner_counts(partners_of([(["a"], True)] * 9 + [(["a"], False)] * 21), ["a"], RULE, is_diverse=owned)
    assert (shown[None].to_diverse, shown[None].awarded, shown[None].hidden) == (9, 30, False)
    internal = partner_counts(partners_of([(["a"], True)] * 5 + [(["a"], False)] * 2), ["a"], RULE, internal=True, is_diverse=owned)
    assert internal["a"].to_diverse == 5 and internal["a"].reason == "small-base"


def test_the_collective_count_minus_the_members_does_not_give_away_a_small_member():
    # b has 2 diverse partners of 25; the collective (12 of 70) minus a (10 of 45) would give them.
    spec = [(["a"], True)] * 10 + [(["a"], False)] * 35 + [(["b"], True)] * 2 + [(["b"], False)] * 23
    counts = partner_counts(partners_of(spec), ["a", "b"], RULE, is_diverse=owned)
    assert counts["b"].reason == "small-count"
    assert counts["a"].hidden or counts[None].hidden


def test_partners_shared_by_two_members_are_counted_once_in_the_collective():
    spec = [(["a", "b"], True)] * 6 + [(["a", "b"], False)] * 14 + [(["a"], False)] * 20 + [(["b"], False)] * 20
    counts = partner_counts(partners_of(spec), ["a", "b"], RULE, is_diverse=owned)
    assert (counts[None].to_diverse, counts[None].awarded) == (6, 60)
    assert (counts["a"].to_diverse, counts["a"].awarded) == (6, 40)
    assert not any(fig.hidden for fig in counts.values())
    # With only the 6 diverse partners shared, a + b - all would show that all 6 shared ones are diverse.
    counts = partner_counts(partners_of(spec[:6] + spec[20:]), ["a", "b"], RULE, is_diverse=owned)
    assert any(fig.hidden for fig in counts.values())


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


# --- random tender tables: nothing withheld can be worked out from what the tables show -------


@st.composite
def tenders(draw) -> Procurement:
    rows = []
    for org in ("a", "b", "c")[:draw(st.integers(1, 3))]:
        awarded = draw(st.integers(1, 40))
        rows.append({"organisation": org, "year": 2025, "band": "up-to-50k", "awarded": awarded,
                     "to_diverse": draw(st.integers(0, awarded))})
    return Procurement.model_validate({"targets": TARGETS[:1], "tenders": rows})


@settings(derandomize=True, max_examples=30, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(tenders())
def test_for_random_tenders_nothing_withheld_can_be_worked_out_from_the_table(proc):
    orgs = sorted({t.organisation for t in proc.tenders})
    totals, members = tender_tables(proc, "col", orgs)["all-small"]
    shown = {("total",): totals[0], **{(org,): figs[0] for org, figs in members.items()}}
    cells, relations, withheld = {}, [], set()
    for key, fig in shown.items():
        if fig.hidden:
            withheld.add(key)
        n, d = (None, None) if fig.hidden else (fig.to_diverse, fig.awarded)
        cells[(key, "n")] = Protected(n, 5, key)
        cells[(key, "c")] = Protected(None if fig.hidden else d - n, 5, key)
        cells[(key, "d")] = Protected(d, 20, key)
        relations.append(Total((key, "d"), ((key, "n"), (key, "c"))))
    relations += [Total((("total",), k), tuple(((org,), k) for org in orgs)) for k in "ncd"]
    assert attacker_leaks(cells, relations, withheld) == []
