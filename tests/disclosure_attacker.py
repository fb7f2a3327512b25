"""An attacker for the disclosure tests, written independently of `macros.model.disclosure`.

It finds every table of non-negative counts that agrees with the published figures and the
totals (the corners of that set: the basic solutions of the equations, each solved exactly over
the rationals, and the directions in which counts can grow without end), and from them the
tightest bounds of every sum of withheld counts. Meant for small tables: the number of corners
it tries grows fast with the number of withheld counts.
"""
from __future__ import annotations

from fractions import Fraction
from itertools import combinations

from macros.model.disclosure import Total


def _solve(matrix: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of a square system, or None when it has none or many."""
    size = len(matrix)
    rows = [row[:] + [b] for row, b in zip(matrix, rhs)]
    for col in range(size):
        pivot = next((r for r in range(col, size) if rows[r][col] != 0), None)
        if pivot is None:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(size):
            if r != col and rows[r][col] != 0:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col])]
    return [rows[i][-1] / rows[i][i] for i in range(size)]


def _independent(rows: list[list[Fraction]], rhs: list[Fraction]) -> tuple[list[list[Fraction]], list[Fraction]]:
    """A largest set of linearly independent equations (the system is consistent)."""
    kept: list[list[Fraction]] = []
    kept_rhs: list[Fraction] = []
    echelon: list[list[Fraction]] = []
    for row, b in zip(rows, rhs):
        reduced = row[:]
        for base in echelon:
            lead = next(i for i, x in enumerate(base) if x != 0)
            if reduced[lead] != 0:
                factor = reduced[lead] / base[lead]
                reduced = [a - factor * c for a, c in zip(reduced, base)]
        if any(reduced):
            echelon.append(reduced)
            kept.append(row)
            kept_rhs.append(b)
    return kept, kept_rhs


def _corners(rows: list[list[Fraction]], rhs: list[Fraction], n: int) -> list[list[Fraction]]:
    """Every corner of {x >= 0 : rows . x = rhs}: the basic solutions that are non-negative."""
    rows, rhs = _independent(rows, rhs)
    corners = []
    for basis in combinations(range(n), len(rows)):
        solution = _solve([[row[j] for j in basis] for row in rows], rhs)
        if solution is not None and all(v >= 0 for v in solution):
            x = [Fraction(0)] * n
            for j, v in zip(basis, solution):
                x[j] = v
            corners.append(x)
    return corners


def attacker_leaks(cells: dict, totals: list[Total], withheld_figures: set
                   ) -> list[tuple[frozenset, Fraction, Fraction]]:
    """Every set of withheld cells whose sum the published figures pin to 1..threshold-1."""
    hidden = sorted((k for k, c in cells.items() if c.figure in withheld_figures), key=repr)
    index = {k: i for i, k in enumerate(hidden)}
    rows, rhs = [], []
    for total in totals:
        row, known = [Fraction(0)] * len(hidden), Fraction(0)
        for key, sign in ((total.total, 1), *((p, -1) for p in total.parts)):
            if key in index:
                row[index[key]] += sign
            else:
                known -= sign * cells[key].value
        if any(row):
            rows.append(row)
            rhs.append(known)
    corners = _corners(rows, rhs, len(hidden))
    # Directions in which counts can grow without end: corners of {z >= 0, rows . z = 0, sum z = 1}.
    rays = _corners(rows + [[Fraction(1)] * len(hidden)], [Fraction(0)] * len(rows) + [Fraction(1)], len(hidden))
    unbounded = {i for ray in rays for i, z in enumerate(ray) if z > 0}
    leaks = []
    # A set's largest sum only grows, and its threshold only falls, when a cell is added to it.
    stack: list[tuple[int, ...]] = [()]
    while stack:
        chosen = stack.pop()
        for i in range((chosen[-1] + 1) if chosen else 0, len(hidden)):
            if i in unbounded:
                continue
            subset = (*chosen, i)
            sums = [sum(corner[j] for j in subset) for corner in corners]
            low, high = min(sums), max(sums)
            keys = frozenset(hidden[j] for j in subset)
            if high >= min(cells[k].threshold for k in keys):
                continue
            if low > 0:
                leaks.append((keys, low, high))
            stack.append(subset)
    return sorted(leaks, key=lambda leak: sorted(map(repr, leak[0])))


