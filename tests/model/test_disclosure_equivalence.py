"""The disclosure solver gives exactly the answers of the reference solver it replaced.

`macros.model.disclosure` fixes the counts that published figures pin down, solves the rest in
independent blocks and leaves counts that can only be 0 out of its search. The reference in
`tests/disclosure_reference.py` is the earlier solver: one tableau over everything and every
set of withheld counts. On random tables shaped like Podium's own (members and the collective
over periods; partners shared between members, with many members that have no diverse partner)
both must withhold the same figures and report the same leaks with the same bounds.
"""
from __future__ import annotations

import disclosure_reference as reference
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.model.disclosure import Cell, Total, disclosed, protect

PROPERTY = settings(derandomize=True, max_examples=60, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Zero is common on purpose: members without a diverse partner are what made the old search slow.
COUNT = st.one_of(st.just(0), st.integers(0, 6), st.integers(0, 40))


def _figure(cells: dict, totals: list, name: tuple, n: int, c: int, threshold: int, base: int) -> None:
    """A count out of a group, as Podium's privacy module builds it: n, the rest c, the group d = n + c."""
    cells[(name, "n")] = Cell(n, threshold, name)
    cells[(name, "c")] = Cell(c, threshold, name)
    cells[(name, "d")] = Cell(n + c, base, name)
    totals.append(Total((name, "d"), ((name, "n"), (name, "c"))))


def _sum(cells: dict, totals: list, name: tuple, parts: list[tuple], threshold: int, base: int) -> None:
    _figure(cells, totals, name, sum(cells[(p, "n")].value for p in parts),
            sum(cells[(p, "c")].value for p in parts), threshold, base)
    totals.extend(Total((name, k), tuple((p, k) for p in parts)) for k in "ncd")


@st.composite
def shared_partners(draw):
    """Diverse partners per member and in all, summed from groups of partners shared by the same members.

    The groups are never published (`unpublished`); a member whose only group it is shows that
    group's figure, so its counts are pinned."""
    members = list(range(draw(st.integers(1, 4))))
    threshold, base = draw(st.integers(3, 6)), draw(st.integers(8, 22))
    owners = draw(st.lists(st.sets(st.sampled_from(members), min_size=1).map(lambda s: tuple(sorted(s))),
                           min_size=1, max_size=5, unique=True))
    cells: dict = {}
    totals: list[Total] = []
    for group in owners:
        _figure(cells, totals, ("group", group), draw(COUNT), draw(COUNT), threshold, base)
    _sum(cells, totals, ("shown", "all"), [("group", g) for g in owners], threshold, base)
    for m in members:
        within = [("group", g) for g in owners if m in g]
        if within:
            _sum(cells, totals, ("shown", m), within, threshold, base)
    return cells, totals, [("group", g) for g in owners]


@st.composite
def members_by_period(draw):
    """Each member's count (or count out of a group) per period, and the collective's sum per period."""
    members, periods = draw(st.integers(1, 5)), draw(st.integers(1, 3))
    percentages = draw(st.booleans())
    threshold, base = draw(st.integers(3, 6)), draw(st.integers(8, 22))
    cells: dict = {}
    totals: list[Total] = []
    for p in range(periods):
        parts = [("member", m, p) for m in range(members)]
        for part in parts:
            if percentages:
                _figure(cells, totals, part, draw(COUNT), draw(COUNT), threshold, base)
            else:
                cells[(part, "n")] = Cell(draw(COUNT), threshold, part)
        if percentages:
            _sum(cells, totals, ("all", p), parts, threshold, base)
        else:
            cells[(("all", p), "n")] = Cell(sum(cells[(q, "n")].value for q in parts), threshold, ("all", p))
            totals.append(Total((("all", p), "n"), tuple((q, "n") for q in parts)))
    return cells, totals, []


def _small(table: tuple) -> bool:
    """At most 9 counts below their threshold: the reference tries every set of them."""
    cells = table[0]
    return sum(1 for c in cells.values() if c.value < c.threshold) <= 9


def _same_answers(cells: dict, totals: list[Total], unpublished: list, extra: set) -> None:
    new, old = protect(cells, totals, unpublished), reference.protect(cells, totals, unpublished)
    assert new == old
    for withheld in (new.primary | new.secondary | set(unpublished), set(unpublished) | extra):
        assert disclosed(cells, totals, withheld) == reference.disclosed(cells, totals, withheld)


def _some_figures(data, cells: dict) -> set:
    figures = sorted({c.figure for c in cells.values()}, key=repr)
    return set(data.draw(st.lists(st.sampled_from(figures), max_size=4)))


@PROPERTY
@given(shared_partners().filter(_small), st.data())
def test_shared_partner_counts_are_withheld_exactly_as_before(table, data):
    cells, totals, unpublished = table
    _same_answers(cells, totals, unpublished, _some_figures(data, cells))


@PROPERTY
@given(members_by_period().filter(_small), st.data())
def test_members_and_their_collective_are_withheld_exactly_as_before(table, data):
    cells, totals, unpublished = table
    _same_answers(cells, totals, unpublished, _some_figures(data, cells))


def test_a_collective_of_many_members_without_diverse_partners_is_protected_as_before():
    # The shape of the data-pages benchmark: a few members share partners, the others have
    # 41 partners each and none of them diverse, and the collective counts 4 in all.
    cells: dict = {}
    totals: list[Total] = []
    owners = {("a", "b"): (1, 0), ("a", "b", "c"): (0, 2), ("c",): (0, 42), ("a",): (1, 42), ("b",): (1, 41),
              ("a", "c"): (1, 0), **{(f"m{i}",): (0, 41) for i in range(4)}}
    for group, (n, c) in owners.items():
        _figure(cells, totals, ("group", group), n, c, 5, 20)
    _sum(cells, totals, ("shown", "all"), [("group", g) for g in owners], 5, 20)
    for member in sorted({m for g in owners for m in g}):
        _sum(cells, totals, ("shown", member), [("group", g) for g in owners if member in g], 5, 20)
    unpublished = [("group", g) for g in owners]
    result = protect(cells, totals, unpublished)
    assert result == reference.protect(cells, totals, unpublished)
    assert result.primary == {("shown", "all"), ("shown", "a"), ("shown", "b"), ("shown", "c")}
    assert disclosed(cells, totals, result.primary | result.secondary | set(unpublished)) == []
