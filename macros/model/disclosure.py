"""Disclosure control for tables of counts that add up: which figures may be published.

Pure and exact (fractions, no floating point); nothing here knows about KPIs or partners.

The input is a set of *cells*: non-negative counts of people or things, each with a threshold,
grouped into *figures* (what a reader sees as one number: a percentage publishes its numerator,
its denominator and so the complement between them), and a set of *totals* (a cell that is the
sum of other cells: the collective over its members, a year over its quarters, a denominator
over numerator and complement). Totals may be nested and may overlap.

The rule, applied to every cell and every sum of withheld cells: what a reader can work out
from the published figures, the totals and the fact that no count is negative must not pin a
count down to a value from 1 to its threshold minus one. In terms of bounds: for a set S of
withheld cells, let [low, high] be the smallest and largest value the sum over S can take in
any table that agrees with everything published. S is disclosed when low > 0 and high <
threshold (the smallest threshold among its cells; a sum that is itself a cell with a higher
threshold, such as a denominator, is checked as that cell). A count of exactly 0 names nobody: a derived
zero is not a disclosure, and a true zero is never withheld on its own (primary suppression
covers counts from 1 to threshold - 1, as the rest of Podium does).

The choice (`protect`):

1. Primary suppression: a figure is withheld when one of its cells is not 0 and below its
   threshold.
2. Complementary suppression: while some sum of withheld cells is disclosed, withhold one more
   published figure next to it (sharing a total with it): the smallest after which nothing is
   disclosed, else the smallest that closes this leak, else the smallest neighbour, and repeat.
   "Smallest" is by the sum of the figure's counts, then its smallest count. Totals are figures
   like any other, so a total is withheld when that is the smallest way out. The loop ends:
   every round withholds a figure, and with nothing published nothing can be worked out.
   Figures whose published counts contradict each other (a part larger than its total) are
   withheld the same way until what is left is consistent.

Bounds come from linear programming over the rationals (a small simplex with Bland's rule), so
they are the tightest a reader can derive by adding and subtracting published figures. Each
connected table is solved on its own; a leak across tables always contains one within a table.
Within a table, counts that the published figures pin down are fixed first and the rest is
solved in blocks that share no equation, which gives the same bounds with far less work.

`disclosed` is the audit on its own: the leaks a given choice of withheld figures leaves.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Hashable, Iterable, Mapping, Sequence

Key = Hashable


@dataclass(frozen=True)
class Cell:
    """A count, the smallest non-zero value of it that may be known, and the figure it belongs to."""

    value: Fraction | int
    threshold: int
    figure: Key


@dataclass(frozen=True)
class Total:
    """`total` is the sum of `parts` (all cell keys)."""

    total: Key
    parts: tuple[Key, ...]


@dataclass(frozen=True)
class Protection:
    """Which figures are withheld: on their own (primary) or so that others stay hidden (secondary)."""

    primary: frozenset
    secondary: frozenset

    def withheld(self, figure: Key) -> bool:
        return figure in self.primary or figure in self.secondary


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


# ---------------------------------------------------------------------------------------------
# One connected table: cells linked by totals or by belonging to the same figure


def _components(cells: Mapping[Key, Cell], totals: Sequence[Total]) -> list[tuple[list, list[Total]]]:
    parent: dict[Key, Key] = {k: k for k in cells}

    def root(k: Key) -> Key:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def join(a: Key, b: Key) -> None:
        parent[root(a)] = root(b)

    by_figure: dict[Key, Key] = {}
    for key, cell in cells.items():
        if cell.figure in by_figure:
            join(key, by_figure[cell.figure])
        by_figure.setdefault(cell.figure, key)
    for total in totals:
        for part in total.parts:
            join(total.total, part)
    groups: dict[Key, list] = {}
    for key in cells:
        groups.setdefault(root(key), []).append(key)
    relations: dict[Key, list[Total]] = {}
    for total in totals:
        relations.setdefault(root(total.total), []).append(total)
    return [(keys, relations.get(r, [])) for r, keys in groups.items()]


def _order(key: Key) -> str:
    return repr(key)


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
        alone = [region.maximum(_indicator(len(hidden), (i,))) for i in range(len(hidden))]
        # A count that can only be 0 adds nothing to a sum. Any set with such counts in it is
        # visited after the same set without them, which has the same bounds and a threshold at
        # least as high, so the first leak never contains one: they are left out of the search
        # when only the first leak is wanted, which keeps it from doubling with every such count.
        zero = {i for i, high in enumerate(alone) if high == 0} if first_only else set()
        # Adding a cell to a set never lowers the largest value of its sum and never raises its
        # threshold (the smallest of its cells'), so a set that reaches its threshold is not grown.
        stack: list[tuple[int, ...]] = [()]
        while stack:
            chosen = stack.pop()
            for i in range(chosen[-1] + 1 if chosen else 0, len(hidden)):
                if i in zero:
                    continue
                subset = (*chosen, i)
                objective = _indicator(len(hidden), subset)
                high = alone[i] if not chosen else region.maximum(objective)
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


def _indicator(n: int, subset: tuple[int, ...]) -> list[Fraction]:
    """The objective 'sum of the cells in subset'."""
    objective = [Fraction(0)] * n
    for j in subset:
        objective[j] = Fraction(1)
    return objective


# ---------------------------------------------------------------------------------------------
# The set of tables a reader cannot rule out: {x >= 0 : rows . x = rhs}, and its bounds


class _Region:
    """The region in independent pieces, so that each bound is a few small exact problems.

    An equation with one unknown left fixes that unknown; its value goes into the other
    equations, which may fix more. The unknowns still open fall apart into blocks that share no
    equation. The region is the product of the fixed values and the blocks, so the largest value
    of a sum is the fixed part plus the largest value within each block (none when one block has
    no upper bound): exactly what one tableau over all unknowns gives, without the work on cells
    that are already known or unrelated. A large table is mostly such cells: members whose
    published figures pin their hidden share.
    """

    def __init__(self, rows: list[list[Fraction]], rhs: list[Fraction], n: int):
        equations = [({j: a for j, a in enumerate(row) if a != 0}, b) for row, b in zip(rows, rhs)]
        solved = _fix(equations)
        self.feasible = solved is not None
        if solved is None:
            return
        self.fixed, equations = solved
        self.blocks: list[tuple[list[int], _Tableau]] = []
        for columns, block in _blocks(equations):
            index = {j: i for i, j in enumerate(columns)}
            dense = []
            for terms, _ in block:
                row = [Fraction(0)] * len(columns)
                for j, a in terms.items():
                    row[index[j]] = a
                dense.append(row)
            tableau = _Tableau(dense, [b for _, b in block], len(columns))
            if not tableau.feasible:
                self.feasible = False
                return
            self.blocks.append((columns, tableau))
        # Unknowns in no equation can be any non-negative count.
        bound = {j for columns, _ in self.blocks for j in columns}
        self.free = [j for j in range(n) if j not in self.fixed and j not in bound]

    def maximum(self, objective: list[Fraction]) -> Fraction | None:
        """The largest value of objective . x over the region; None when it has no upper bound."""
        if any(objective[j] > 0 for j in self.free):
            return None
        best = sum((objective[j] * v for j, v in self.fixed.items()), Fraction(0))
        for columns, tableau in self.blocks:
            local = [objective[j] for j in columns]
            if not any(local):
                continue
            high = tableau.maximum(local)
            if high is None:
                return None
            best += high
        return best


Equation = tuple[dict[int, Fraction], Fraction]    # sum of coefficient * unknown = right-hand side


def _fix(equations: list[Equation]) -> tuple[dict[int, Fraction], list[Equation]] | None:
    """The unknowns that equations with one unknown pin down, and the equations left over them.

    None when the equations contradict each other or pin a count below zero."""
    fixed: dict[int, Fraction] = {}
    while True:
        single = next((e for e in equations if len(e[0]) == 1), None)
        if single is None:
            return fixed, equations
        (j, a), = single[0].items()
        value = single[1] / a
        if value < 0:
            return None
        fixed[j] = value
        rest = []
        for terms, b in equations:
            if j in terms:
                b -= terms[j] * value
                terms = {k: x for k, x in terms.items() if k != j}
                if not terms:
                    if b != 0:
                        return None
                    continue
            rest.append((terms, b))
        equations = rest


def _blocks(equations: list[Equation]) -> list[tuple[list[int], list[Equation]]]:
    """The equations grouped by shared unknowns, each group with its unknowns in order."""
    parent: dict[int, int] = {}

    def root(j: int) -> int:
        while parent.setdefault(j, j) != j:
            parent[j] = parent[parent[j]]
            j = parent[j]
        return j

    for terms, _ in equations:
        first, *others = terms
        for j in others:
            parent[root(j)] = root(first)
    groups: dict[int, tuple[set, list]] = {}
    for terms, b in equations:
        columns, block = groups.setdefault(root(next(iter(terms))), (set(), []))
        columns.update(terms)
        block.append((terms, b))
    return [(sorted(columns), block) for columns, block in groups.values()]


class _Tableau:
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
        # Only basic variables with a cost count towards a reduced cost, and most have none.
        weighted = [(cost[b], row) for b, row in zip(basis, tableau) if cost[b] != 0]
        for j in range(width):
            reduced = sum((c * row[j] for c, row in weighted if row[j] != 0), Fraction(0)) - cost[j]
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


def _pivot(tableau: list[list[Fraction]], basis: list[int], i: int, j: int) -> None:
    pivot = tableau[i][j]
    tableau[i] = [x / pivot for x in tableau[i]]
    for r, row in enumerate(tableau):
        if r != i and row[j] != 0:
            factor = row[j]
            tableau[r] = [a - factor * b for a, b in zip(row, tableau[i])]
    basis[i] = j
