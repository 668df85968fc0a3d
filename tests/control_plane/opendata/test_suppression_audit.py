"""Issue 9: closure alone — every constraint holding zero or at least two hidden cells —
does not protect a table. A single 2x2 (+totals) table cannot show it (there a hidden
pattern with two hidden cells in every row and column always has a cycle through each
cell), so the smallest case is two villages' 2x2 religion x sex tables (+totals) and
their kecamatan's: a 2x2x2 table with its margins.

Village A has one woman of religion k1 (islam) and nobody else small; B mirrors A. The
old pass hid the 16 cells in ``OLD_HIDDEN`` and stopped (no constraint held a single
hidden cell), yet the published cells still give every one of them, the lone woman
included. The new pass audits the hidden cells by exact elimination and hides more.
"""

from fractions import Fraction

from balai_kernel.disclosure.suppression import is_primary, suppress, unsafe_constraints
from control_plane.dashboards.services import suppression_problem_get
from tests.control_plane.opendata.test_suppression_property import (
    _determined,
    _pinned_within_one_constraint,
    _row,
)

A, B, KEC = "1801012001", "1801012002", "180101"
TABLES = {  # (laki-laki, perempuan)
    A: {"islam": (0, 1), "kristen": (5, 0)},
    B: {"islam": (5, 0), "kristen": (0, 5)},
}
POP = ("ringkasan", "penduduk")


def _cell(code, key, sex):
    category = "ringkasan" if key == "penduduk" else "agama"
    return (code, category, key, sex)


OLD_HIDDEN = {
    _cell(code, key, sex)
    for code, key, sexes in [
        (A, "islam", "PT"),
        (A, "kristen", "LT"),
        (A, "penduduk", "LP"),
        (B, "islam", "LT"),
        (B, "kristen", "PT"),
        (B, "penduduk", "LP"),
        (KEC, "islam", "LP"),
        (KEC, "kristen", "LP"),
    ]
    for sex in sexes
}


def _problem():
    """The two villages (parent: the kecamatan) and the kecamatan (no parent)."""
    village_rows, sums, rid = [], {}, 0
    for code, table in TABLES.items():
        rows = [*table.items(), ("penduduk", tuple(map(sum, zip(*table.values(), strict=True))))]
        for key, (male, female) in rows:
            rid += 1
            category = POP[0] if key == "penduduk" else "agama"
            village_rows.append(_row(rid, code, KEC, category, key, male, female))
            before = sums.get((category, key), (0, 0))
            sums[(category, key)] = (before[0] + male, before[1] + female)
    region_rows = [
        _row(100 + i, KEC, "", category, key, male, female)
        for i, ((category, key), (male, female)) in enumerate(sums.items())
    ]
    problem, _cells = suppression_problem_get(village_rows=village_rows, region_rows=region_rows)
    return problem


def test_old_stopping_point_still_gives_away_the_lone_woman():
    problem = _problem()
    v = problem.values
    # What the old pass accepted as final: every count 1-4 hidden, hidden cells positive,
    # no constraint with a single hidden cell, no "<5" parts pinned under one total.
    assert {c for c, value in v.items() if is_primary(value)} <= OLD_HIDDEN
    assert all(v[c] > 0 for c in OLD_HIDDEN)
    assert unsafe_constraints(problem, OLD_HIDDEN) == []
    assert _pinned_within_one_constraint(problem, OLD_HIDDEN) == []

    # Yet with u = A's islam women, and the published zeros: A islam T = u, so
    # A kristen L = A total - u and B islam L = KEC islam T - u; KEC's men are the sum
    # of those two, so u = (A total + KEC islam T - KEC men) / 2 = (6 + 6 - 10) / 2.
    used = [
        _cell(A, "penduduk", "T"),
        _cell(KEC, "islam", "T"),
        _cell(KEC, "penduduk", "L"),
        _cell(A, "islam", "L"),
        _cell(A, "kristen", "P"),
        _cell(B, "islam", "P"),
        _cell(B, "kristen", "L"),
    ]
    assert not OLD_HIDDEN.intersection(used)
    a_total, kec_islam, kec_men, *zeros = (v[c] for c in used)
    assert zeros == [0, 0, 0, 0]
    recovered = Fraction(a_total + kec_islam - kec_men, 2)
    assert recovered == v[_cell(A, "islam", "P")] == 1

    # And exact elimination finds every one of the 16 hidden cells determined.
    assert set(_determined(problem, OLD_HIDDEN)) == OLD_HIDDEN


def test_new_pass_leaves_no_hidden_cell_determined():
    problem = _problem()
    v = problem.values
    hidden = suppress(problem)
    assert {c for c, value in v.items() if is_primary(value)} <= hidden
    assert all(v[c] > 0 for c in hidden)
    assert unsafe_constraints(problem, hidden) == []
    assert _pinned_within_one_constraint(problem, hidden) == []
    assert _determined(problem, hidden) == []
    # The old stopping point is not enough: more cells had to go.
    assert len(hidden) > len(OLD_HIDDEN)
