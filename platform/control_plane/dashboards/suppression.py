"""Small-count suppression with complementary suppression.

Cells are non-negative counts joined by linear constraints "total = sum of parts"
(a row's jumlah = laki-laki + perempuan; a category's keys sum to the population; a
region's cell is the sum of its children's). Every count 1–4 is hidden (primary); then,
while some constraint holds exactly one hidden cell — which subtraction would reveal —
another cell of it is hidden too, preferring the smallest non-zero part and falling
back to the constraint's total (never zero when a positive cell in it is hidden). The
same happens where the "<5" marks alone pin the hidden parts under a published total.
At the end every constraint holds zero or at least two hidden cells and every hidden
cell is positive, so no hidden cell is a difference or any linear combination of
published cells (the property test checks this by exact elimination). Not covered:
bounds the "<5" marks give chained across several constraints (that needs an LP).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

PRIMARY_MAX = 4


@dataclass
class Constraint:
    total: Hashable
    parts: list[Hashable]

    @property
    def members(self) -> list[Hashable]:
        return [self.total, *self.parts]


@dataclass
class Problem:
    values: dict[Hashable, int]
    constraints: list[Constraint] = field(default_factory=list)
    # Cells never counted (money): never hidden, never in a constraint.
    exempt: set[Hashable] = field(default_factory=set)


def is_primary(value: int | None) -> bool:
    return value is not None and 1 <= value <= PRIMARY_MAX


def suppress(problem: Problem) -> set[Hashable]:
    """Return the set of cells to hide (primary and complementary)."""
    values = problem.values
    constraints = [c for c in problem.constraints if c.total in values]
    by_cell: dict[Hashable, list[int]] = {}
    for index, constraint in enumerate(constraints):
        constraint.parts = [p for p in constraint.parts if p in values]
        for cell in constraint.members:
            by_cell.setdefault(cell, []).append(index)
    hidden = {c for c, v in values.items() if c not in problem.exempt and is_primary(v)}
    queue = [i for cell in hidden for i in by_cell.get(cell, [])]
    _close(queue, constraints, by_cell, hidden, values)
    return hidden


def _close(
    queue: list[int], constraints: list[Constraint], by_cell: dict, hidden: set, values: dict
) -> None:
    """Hide complements until no constraint holds a single hidden cell (or pinned parts)."""
    while queue:
        constraint = constraints[queue.pop()]
        hidden_here = [m for m in constraint.members if m in hidden]
        if not (len(hidden_here) == 1 or _pinned_by_marks(constraint, hidden, values)):
            continue
        extra = _complement(constraint, hidden, values)
        if extra is None:
            continue
        hidden.add(extra)
        queue.extend(by_cell.get(extra, []))


def _pinned_by_marks(constraint: Constraint, hidden: set, values: dict) -> bool:
    """Published "<5" marks bound a cell to 1–4. Parts that are all such cells under a
    published total are pinned when their sum is at either end (k cells summing to k
    or to 4k), e.g. 4 + 4 under a published 8."""
    if constraint.total in hidden:
        return False
    parts = [p for p in constraint.parts if p in hidden]
    if not parts or not all(is_primary(values[p]) for p in parts):
        return False
    remainder = sum(values[p] for p in parts)
    return remainder in (len(parts), PRIMARY_MAX * len(parts))


def _complement(constraint: Constraint, hidden: set, values: dict) -> Hashable | None:
    candidates = [p for p in constraint.parts if p not in hidden and values[p] > 0]
    if not candidates and constraint.total not in hidden and values[constraint.total] > 0:
        return constraint.total

    if candidates:
        return min(candidates, key=lambda p: (values[p], str(p)))
    zeros = [p for p in constraint.parts if p not in hidden]
    return zeros[0] if zeros else None


def unsafe_constraints(problem: Problem, hidden: Iterable[Hashable]) -> list[Constraint]:
    """Constraints that reveal a hidden cell by subtraction (exactly one hidden member)."""
    hidden = set(hidden)
    return [
        c
        for c in problem.constraints
        if c.total in problem.values and sum(1 for m in c.members if m in hidden) == 1
    ]
