"""Acceptance 2 (algorithm): over generated provinces, every count 1–4 is hidden and no
hidden cell can be recovered from the published cells — neither by subtraction within one
total (each constraint holds zero or ≥2 hidden cells) nor by any linear combination of
published totals and cells (exact rational elimination over all constraints, written
here independently of the pass's own sparse elimination).

The ``@example`` provinces are ones the closure-only pass (before issue 9) got wrong:
it stopped with every constraint holding ≥2 hidden cells while hidden cells were still
determined (in the first on every run, in the second on most).

Insiders (issue 16, finding 9): the same elimination, once per insider group (each
village, each kabupaten, a manager of two kabupaten), with the group's cells as known
constants: no hidden cell outside what the group knows may be determined."""

from collections import defaultdict

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from balai_kernel.disclosure.suppression import is_primary, suppress, unsafe_constraints
from control_plane.dashboards.services import suppression_problem_get
from tests.security.disclosure import determined as _determined
from tests.security.disclosure import insider_knowledge as _insider_knowledge

small = st.integers(min_value=0, max_value=9)


@st.composite
def provinces(draw):
    """Villages with population by religion (L/P), letters by type and a budget row,
    under 1–2 kabupaten of 1–2 kecamatan of 1–3 villages; regions are exact sums."""
    village_rows, rid = [], 0
    religions = draw(
        st.lists(
            st.sampled_from(["islam", "kristen", "hindu", "budha"]),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    letters = draw(
        st.lists(st.sampled_from(["skd", "sktm", "sku"]), min_size=0, max_size=2, unique=True)
    )
    for kab in range(1, draw(st.integers(1, 2)) + 1):
        for kec in range(1, draw(st.integers(1, 2)) + 1):
            for desa in range(1, draw(st.integers(1, 3)) + 1):
                code = f"18{kab:02d}{kec:02d}{2000 + desa}"
                male_total = female_total = 0
                for agama in religions:
                    male, female = draw(small), draw(small)
                    male_total, female_total = male_total + male, female_total + female
                    rid += 1
                    village_rows.append(_row(rid, code, code[:6], "agama", agama, male, female))
                rid += 1
                village_rows.append(
                    _row(rid, code, code[:6], "ringkasan", "penduduk", male_total, female_total)
                )
                for letter in letters:
                    rid += 1
                    village_rows.append(
                        _row(rid, code, code[:6], "surat", letter, None, None, draw(small))
                    )
                rid += 1
                village_rows.append(
                    _row(rid, code, code[:6], "apbdes", "belanja_anggaran", None, None, 3)
                )
    return village_rows, _rollup(village_rows)


def _row(rid, code, parent, category, key, male, female, total=None):
    if total is None:
        total = male + female
    return {
        "id": rid,
        "code": code,
        "parent": parent,
        "category": category,
        "key": key,
        "laki_laki": male,
        "perempuan": female,
        "jumlah": total,
    }


def _rollup(village_rows):
    rows, rid = [], 10_000
    current = village_rows
    for length in (6, 4, 2):
        sums = defaultdict(lambda: [None, None, 0])
        for r in current:
            code = r["code"][:length]
            slot = sums[(code, r["category"], r["key"])]
            for i, f in ((0, "laki_laki"), (1, "perempuan")):
                if r[f] is not None:
                    slot[i] = (slot[i] or 0) + r[f]
            slot[2] += r["jumlah"]
        current = []
        for (code, cat, key), (male, female, total) in sums.items():
            rid += 1
            parent = code[:-2] if length > 2 else ""
            current.append(_row(rid, code, parent, cat, key, male, female, total))
        rows.extend(current)
    return rows


def _religion_province(villages):
    """Rows in the strategy's shape for villages with only a religion table (L/P) and
    their population, rolled up like the strategy's."""
    rows, rid = [], 0
    for code, table in villages.items():
        for key, (male, female) in table.items():
            rid += 1
            rows.append(_row(rid, code, code[:6], "agama", key, male, female))
        male_total = sum(m for m, _f in table.values())
        female_total = sum(f for _m, f in table.values())
        rid += 1
        rows.append(_row(rid, code, code[:6], "ringkasan", "penduduk", male_total, female_total))
    return rows, _rollup(rows)


# One kecamatan, two villages whose 2x2 religion x sex tables are "diagonal": the old
# pass hid 16 cells of the villages and the kecamatan, all of them determined.
DIAGONAL = _religion_province(
    {
        "1801012001": {"islam": (0, 1), "kristen": (5, 0)},
        "1801012002": {"islam": (5, 0), "kristen": (0, 5)},
    }
)
# Two kecamatan, one with a single village (its cells equal the kecamatan's).
TWO_KECAMATAN = _religion_province(
    {
        "1801012001": {"islam": (1, 0), "kristen": (0, 1)},
        "1801022001": {"islam": (0, 1), "kristen": (2, 3)},
        "1801022002": {"islam": (4, 0), "kristen": (0, 4)},
    }
)


def _insider_leaks(problem, hidden):
    """Per insider group, the hidden cells it can determine beyond what it knows."""
    return {
        i: found
        for i, group in enumerate(problem.insiders)
        if (found := _determined(problem, hidden, _insider_knowledge(problem, hidden, group)))
    }


def _pinned_within_one_constraint(problem, hidden):
    """Constraints whose hidden cells are all "<5" parts under a published total that
    their sum pins (k cells summing to k or 4k)."""
    found = []
    for c in problem.constraints:
        parts = [p for p in c.parts if p in hidden]
        if c.total in hidden or not parts or not all(is_primary(problem.values[p]) for p in parts):
            continue
        if sum(problem.values[p] for p in parts) in (len(parts), 4 * len(parts)):
            found.append(c)
    return found


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(data=DIAGONAL)
@example(data=TWO_KECAMATAN)
@given(provinces())
def test_no_hidden_cell_is_recoverable(data):
    village_rows, region_rows = data
    villages = {r["code"] for r in village_rows}
    kecamatan = sorted({c[:6] for c in villages})[:1]  # one kecamatan with a camat
    problem, _cells = suppression_problem_get(
        village_rows=village_rows,
        region_rows=region_rows,
        manager_kabupaten=[{"1801", "1802"}],
        camat_kecamatan=kecamatan,
    )
    hidden = suppress(problem)
    for cell, value in problem.values.items():
        if is_primary(value):
            assert cell in hidden, cell
    assert all(problem.values[c] > 0 for c in hidden)
    assert unsafe_constraints(problem, hidden) == []
    assert _determined(problem, hidden) == []
    assert _pinned_within_one_constraint(problem, hidden) == []
    # Neither a village's operators, nor a kabupaten's managers, nor a manager of both
    # kabupaten, nor a camat recover a hidden cell they do not know with what they see
    # exactly.
    kabupaten = {c[:4] for c in villages}
    assert len(problem.insiders) == (
        len(villages) + len(kabupaten) + (len(kabupaten) > 1) + len(kecamatan)
    )
    assert _insider_leaks(problem, hidden) == {}
    # Money is published as is.
    assert not any(cell[1] == "apbdes" for cell in problem.values)
