"""Disclosure control of tables that add up: examples, and properties on random tables.

The properties check `protect` against the attacker in `tests/disclosure_attacker.py`, written
independently of the module. No sum of withheld counts may be pinned to a value from 1 to its
threshold - 1.
"""
from __future__ import annotations

from disclosure_attacker import attacker_leaks
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.model.disclosure import Cell, Total, disclosed, protect

PROPERTY = settings(derandomize=True, max_examples=60, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


# --- examples --------------------------------------------------------------------------------


def counts(values: dict[str, int], threshold: int = 5) -> dict[str, Cell]:
    return {k: Cell(v, threshold, k) for k, v in values.items()}


def test_a_lone_small_count_next_to_its_total_takes_the_smallest_other_part_with_it():
    cells = counts({"total": 40, "a": 3, "b": 9, "c": 28})
    result = protect(cells, [Total("total", ("a", "b", "c"))])
    assert result.primary == {"a"} and result.secondary == {"b"}


def test_two_small_counts_whose_sum_is_small_need_a_third_cell_withheld():
    # 1 + 1 of 20: withholding only the two would publish their sum, 2.
    cells = counts({"total": 20, "a": 1, "b": 1, "c": 18})
    result = protect(cells, [Total("total", ("a", "b", "c"))])
    assert result.primary == {"a", "b"} and result.secondary == {"c"}
    assert disclosed(cells, [Total("total", ("a", "b", "c"))], {"a", "b"}) == [
        (frozenset({"a", "b"}), 2, 2)]


def test_two_small_counts_whose_sum_reaches_the_threshold_are_enough():
    cells = counts({"total": 30, "a": 2, "b": 3, "c": 25})
    assert protect(cells, [Total("total", ("a", "b", "c"))]).secondary == frozenset()


def test_a_year_next_to_its_quarters_protects_the_withheld_quarter():
    cells = counts({"year": 60, "q1": 3, "q2": 17, "q3": 20, "q4": 20})
    totals = [Total("year", ("q1", "q2", "q3", "q4"))]
    result = protect(cells, totals)
    assert result.primary == {"q1"} and result.secondary == {"q2"}
    assert disclosed(cells, totals, {"q1"}) == [(frozenset({"q1"}), 3, 3)]


def test_a_total_is_withheld_when_it_is_the_only_way_out():
    cells = counts({"total": 4, "only": 4})
    assert protect(cells, [Total("total", ("only",))]).primary == {"total", "only"}
    # Withholding the zero would leave the sum of the two withheld cells, 4 + 0: only the total helps.
    cells = counts({"total": 4, "a": 4, "zero": 0})
    cells["total"] = Cell(4, 3, "total")       # a total with a lower threshold of its own is published
    result = protect(cells, [Total("total", ("a", "zero"))])
    assert result.primary == {"a"} and result.secondary == {"total"}


def test_zero_is_published_and_a_derived_zero_is_no_disclosure():
    cells = counts({"total": 25, "a": 0, "b": 25})
    assert protect(cells, [Total("total", ("a", "b"))]) == protect(cells, [])
    assert not protect(cells, []).primary


def test_nested_tables_members_by_quarters_with_every_margin():
    values = {("m1", 1): 2, ("m1", 2): 9, ("m2", 1): 14, ("m2", 2): 11}
    cells = {("cell", m, q): Cell(v, 5, ("cell", m, q)) for (m, q), v in values.items()}
    totals = []
    for m in ("m1", "m2"):
        cells[("year", m)] = Cell(sum(v for (mm, _), v in values.items() if mm == m), 5, ("year", m))
        totals.append(Total(("year", m), tuple(("cell", m, q) for q in (1, 2))))
    for q in (1, 2):
        cells[("quarter", q)] = Cell(sum(v for (_, qq), v in values.items() if qq == q), 5, ("quarter", q))
        totals.append(Total(("quarter", q), tuple(("cell", m, q) for m in ("m1", "m2"))))
    cells["all"] = Cell(sum(values.values()), 5, "all")
    totals += [Total("all", (("year", "m1"), ("year", "m2"))), Total("all", (("quarter", 1), ("quarter", 2)))]
    result = protect(cells, totals)
    withheld = result.primary | result.secondary
    assert ("cell", "m1", 1) in result.primary
    assert len(withheld) >= 4          # a withheld cell in a two-way table needs a rectangle of four
    assert disclosed(cells, totals, withheld) == []
    assert attacker_leaks(cells, totals, withheld) == []


def test_a_percentage_protects_numerator_complement_and_base():
    # Each figure is a count out of a group: n, the rest c, the group d = n + c; the base rule is 20.
    def figure(name: str, n: int, d: int) -> dict:
        return {(name, "n"): Cell(n, 5, name), (name, "c"): Cell(d - n, 5, name), (name, "d"): Cell(d, 20, name)}
    cells = {**figure("all", 40, 120), **figure("a", 30, 80), **figure("b", 8, 30), **figure("c", 2, 10)}
    totals = [Total(("all", k), (("a", k), ("b", k), ("c", k))) for k in "ncd"]
    totals += [Total((f, "d"), ((f, "n"), (f, "c"))) for f in ("all", "a", "b", "c")]
    result = protect(cells, totals)
    assert result.primary == {"c"} and result.secondary == {"b"}
    assert attacker_leaks(cells, totals, {"b", "c"}) == []


def test_figures_that_contradict_each_other_are_withheld_until_they_no_longer_do():
    cells = counts({"total": 10, "a": 3, "b": 12})       # a would be 10 - 12, less than none
    result = protect(cells, [Total("total", ("a", "b"))])
    assert result.primary | result.secondary == {"total", "a"}
    assert disclosed(cells, [Total("total", ("a", "b"))], {"total", "a"}) == []


# --- random tables ---------------------------------------------------------------------------


@st.composite
def tables(draw, percentages: bool = False):
    """Members x quarters, with (at random) each member's year and the collective per quarter and year.

    Percentages have three counts per figure, so their tables have one period (the attacker's
    search for corners grows fast with the number of withheld counts)."""
    members = draw(st.integers(1, 3))
    quarters = 1 if percentages else draw(st.integers(1, 3))
    threshold = draw(st.integers(5, 7))
    base = draw(st.integers(20, 24))
    small = st.integers(0, 6)
    value = st.one_of(small, st.integers(0, 30))
    with_years = draw(st.booleans()) and quarters > 1
    with_collective = draw(st.booleans()) or not with_years
    cells: dict = {}
    totals: list[Total] = []
    kinds = ("n", "c", "d") if percentages else ("n",)

    def add(name: tuple, n: int, c: int) -> None:
        cells[(name, "n")] = Cell(n, threshold, name)
        if percentages:
            cells[(name, "c")] = Cell(c, threshold, name)
            cells[(name, "d")] = Cell(n + c, base, name)
            totals.append(Total((name, "d"), ((name, "n"), (name, "c"))))

    def add_sum(name: tuple, parts: list[tuple]) -> None:
        add(name, sum(cells[(p, "n")].value for p in parts),
            sum(cells[(p, "c")].value for p in parts) if percentages else 0)
        totals.extend(Total((name, k), tuple((p, k) for p in parts)) for k in kinds)

    for m in range(members):
        for q in range(quarters):
            add(("cell", m, q), draw(value), draw(value) if percentages else 0)
    if with_years:
        for m in range(members):
            add_sum(("year", m), [("cell", m, q) for q in range(quarters)])
    if with_collective and members > 1:
        for q in range(quarters):
            add_sum(("all", q), [("cell", m, q) for m in range(members)])
        if with_years:
            add_sum(("all-year",), [("year", m) for m in range(members)])
            totals.extend(Total((("all-year",), k), tuple((("all", q), k) for q in range(quarters))) for k in kinds)
    return cells, totals


def _check_protected(cells: dict, totals: list[Total]) -> None:
    result = protect(cells, totals)
    withheld = result.primary | result.secondary
    small = {c.figure for c in cells.values() if 0 < c.value < c.threshold}
    assert result.primary == small                       # every small figure, and only those, on their own
    assert not result.primary & result.secondary
    assert attacker_leaks(cells, totals, withheld) == []
    assert protect(cells, totals) == result              # the same data gives the same choice


@PROPERTY
@given(tables())
def test_no_count_below_the_threshold_can_be_worked_out_from_what_is_published(table):
    _check_protected(*table)


@PROPERTY
@given(tables(percentages=True))
def test_no_numerator_complement_or_base_below_its_threshold_can_be_worked_out(table):
    _check_protected(*table)


@PROPERTY
@given(tables(), st.data())
def test_the_modules_own_audit_agrees_with_the_attacker(table, data):
    cells, totals = table
    figures = sorted({c.figure for c in cells.values()}, key=repr)
    withheld = set(data.draw(st.lists(st.sampled_from(figures), max_size=6)))
    found = set(disclosed(cells, totals, withheld))
    expected = set(attacker_leaks(cells, totals, withheld))
    # The module looks within each connected table; a leak across tables always contains one within.
    assert found <= expected
    assert all(any(keys >= own for own, _, _ in found) for keys, _, _ in expected)
