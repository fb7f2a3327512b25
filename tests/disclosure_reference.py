"""The disclosure solver as it was before bounds were split into fixed counts and independent blocks.

Kept unchanged as the reference for `test_disclosure_equivalence.py`: one simplex tableau over
all withheld counts and a search over every set of them. It gives the same answers as
`macros.model.disclosure` but takes time that doubles with every count pinned to zero, so it
is only for small tables.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Hashable, Iterable, Mapping, Sequence

# Finding the connected tables and pivoting are unchanged since then; only the solver differs.
from macros.model.disclosure import Cell, Protection, Total, _components, _order, _pivot

Key = Hashable


def protect(cells: Mapping[Key, Cell], totals: Sequence[Total], unpublished: Iterable[Key] = ()) -> Protection:
    """The figures to withhold so that no count below its threshold can be worked out (see module doc).

    `unpublished` figures are never shown: parts that only say how the shown totals relate (such
    as the partners who work with exactly the same museums). Their counts are protected like
    any withheld count; they are in neither set of the result.
    """
    for total in totals:
        missing = [k for k in (total.total, *total.parts) if k not in cells]
        if missing:
            raise KeyError(f"a total refers to cells that are not given: {missing}")
    never = frozenset(unpublished)
    primary = frozenset(c.figure for c in cells.values()
                        if c.figure not in never and c.value != 0 and c.value < c.threshold)
    withheld = set(primary | never)
    for keys, relations in _components(cells, totals):
        table = _Table({k: cells[k] for k in keys}, relations)
        table.complete(withheld)
    return Protection(primary, frozenset(withheld - primary - never))


def disclosed(cells: Mapping[Key, Cell], totals: Sequence[Total], withheld: Iterable[Key]
              ) -> list[tuple[frozenset, Fraction, Fraction]]:
    """Every set of withheld cells whose sum is disclosed, with its bounds (empty when all is safe)."""
    hidden = set(withheld)
    leaks = []
    for keys, relations in _components(cells, totals):
        leaks += _Table({k: cells[k] for k in keys}, relations).leaks(hidden, first_only=False)
    return leaks


class _Table:
    def __init__(self, cells: Mapping[Key, Cell], totals: Sequence[Total]):
        self.cells = cells
        self.totals = totals
        self.figures: dict[Key, list[Key]] = {}
        for key, cell in cells.items():
            self.figures.setdefault(cell.figure, []).append(key)

    def complete(self, withheld: set) -> None:
        """Add complementary suppressions to `withheld` (figure keys) until no leak is left."""
        while True:
            leaks = self.leaks(withheld, first_only=True)
            if not leaks:
                return
            leak = leaks[0][0]
            candidates = self._neighbours(leak, withheld) or self._published(withheld)
            if not candidates:    # nothing published, so nothing can be worked out; cannot happen
                return
            chosen = next((f for f in candidates if not self.leaks(withheld | {f}, first_only=True)), None)
            if chosen is None:
                chosen = next((f for f in candidates if not self._leaks_set(leak, withheld | {f})), candidates[0])
            withheld.add(chosen)

    def _size(self, figure: Key) -> tuple:
        """Smallest first: by the sum of the figure's counts, then by its smallest count."""
        values = sorted(Fraction(self.cells[k].value) for k in self.figures[figure])
        return (sum(values), values, _order(figure))

    def _published(self, withheld: set) -> list[Key]:
        return sorted((f for f in self.figures if f not in withheld), key=self._size)

    def _neighbours(self, leak: frozenset, withheld: set) -> list[Key]:
        """Published figures that share a total with a cell of the leak."""
        near: set = set()
        for total in self.totals:
            members = (total.total, *total.parts)
            if any(k in leak for k in members):
                near |= {self.cells[k].figure for k in members}
        return sorted((f for f in near if f not in withheld), key=self._size)

    def _system(self, withheld: set) -> tuple[list[Key], list[list[Fraction]], list[Fraction]] | None:
        """The equations the published figures leave for the withheld cells, or None if there is nothing to hide."""
        hidden = sorted((k for k, c in self.cells.items() if c.figure in withheld), key=_order)
        if not hidden:
            return None
        index = {k: i for i, k in enumerate(hidden)}
        rows, rhs = [], []
        for total in self.totals:
            row = [Fraction(0)] * len(hidden)
            known = Fraction(0)
            for key, sign in ((total.total, 1), *((p, -1) for p in total.parts)):
                if key in index:
                    row[index[key]] += sign
                else:
                    known -= sign * Fraction(self.cells[key].value)
            if any(row):
                rows.append(row)
                rhs.append(known)
        return hidden, rows, rhs

    def leaks(self, withheld: set, first_only: bool) -> list[tuple[frozenset, Fraction, Fraction]]:
        system = self._system(withheld)
        if system is None:
            return []
        hidden, rows, rhs = system
        region = _Region(rows, rhs, len(hidden))
        if not region.feasible:
            # The published figures contradict each other (bad data): withhold everything in the table.
            return [(frozenset(hidden), Fraction(0), Fraction(0))] if self._published(withheld) else []
        found = []
        # Adding a cell to a set never lowers the largest value of its sum and never raises its
        # threshold (the smallest of its cells'), so a set that reaches its threshold is not grown.
        stack: list[tuple[int, ...]] = [()]
        while stack:
            chosen = stack.pop()
            for i in range(chosen[-1] + 1 if chosen else 0, len(hidden)):
                subset = (*chosen, i)
                objective = [Fraction(0)] * len(hidden)
                for j in subset:
                    objective[j] = Fraction(1)
                high = region.maximum(objective)
                keys = frozenset(hidden[j] for j in subset)
                if high is None or high >= min(self.cells[k].threshold for k in keys):
                    continue
                low = -region.maximum([-x for x in objective])
                if low > 0:
                    found.append((keys, low, high))
                    if first_only:
                        return found
                stack.append(subset)
        return found

    def _leaks_set(self, leak: frozenset, withheld: set) -> bool:
        """Is the sum over `leak` still disclosed when `withheld` figures are withheld?"""
        system = self._system(withheld)
        hidden, rows, rhs = system
        region = _Region(rows, rhs, len(hidden))
        if not region.feasible:
            return True
        objective = [Fraction(1) if k in leak else Fraction(0) for k in hidden]
        high = region.maximum(objective)
        if high is None or high >= min(self.cells[k].threshold for k in leak):
            return False
        return -region.maximum([-x for x in objective]) > 0


# ---------------------------------------------------------------------------------------------
# The set of tables a reader cannot rule out: {x >= 0 : rows . x = rhs}, and its bounds


class _Region:
    """A simplex tableau over the rationals, made feasible once, then maximised for each objective."""

    def __init__(self, rows: list[list[Fraction]], rhs: list[Fraction], n: int):
        self.n = n
        tableau = []
        for row, b in zip(rows, rhs):
            sign = -1 if b < 0 else 1
            tableau.append([sign * x for x in row] + [sign * b])
        m = len(tableau)
        # Phase 1: an artificial variable per row, whose sum is driven to zero.
        for i, row in enumerate(tableau):
            row[n:n] = [Fraction(1) if j == i else Fraction(0) for j in range(m)]
        basis = list(range(n, n + m))
        cost = [Fraction(0)] * n + [Fraction(-1)] * m
        _run(tableau, basis, cost)
        self.feasible = all(row[-1] == 0 for row, b in zip(tableau, basis) if b >= n)
        if not self.feasible:
            return
        # Drive the remaining (zero) artificial variables out of the basis, or drop their rows.
        for i in reversed(range(m)):
            if basis[i] >= n:
                column = next((j for j in range(n) if tableau[i][j] != 0), None)
                if column is None:
                    del tableau[i], basis[i]
                else:
                    _pivot(tableau, basis, i, column)
        self.tableau = [row[:n] + [row[-1]] for row in tableau]
        self.basis = basis

    def maximum(self, objective: list[Fraction]) -> Fraction | None:
        """The largest value of objective . x over the region; None when it has no upper bound."""
        tableau = [row[:] for row in self.tableau]
        basis = self.basis[:]
        if not _run(tableau, basis, objective):
            return None
        return sum((objective[b] * row[-1] for b, row in zip(basis, tableau)), Fraction(0))


def _run(tableau: list[list[Fraction]], basis: list[int], cost: list[Fraction]) -> bool:
    """Maximise cost . x by the simplex method with Bland's rule; False when unbounded."""
    width = len(cost)
    while True:
        entering = None
        for j in range(width):
            reduced = sum((cost[b] * row[j] for b, row in zip(basis, tableau)), Fraction(0)) - cost[j]
            if reduced < 0:
                entering = j
                break
        if entering is None:
            return True
        leaving, best = None, None
        for i, row in enumerate(tableau):
            if row[entering] > 0:
                ratio = row[-1] / row[entering]
                if best is None or ratio < best or (ratio == best and basis[i] < basis[leaving]):
                    leaving, best = i, ratio
        if leaving is None:
            return False
        _pivot(tableau, basis, leaving, entering)
