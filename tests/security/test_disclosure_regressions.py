"""Issue 16, findings 3, 9 and 13, one regression each (the sweep of the whole class is
``test_disclosure_sweep.py``).

3. A village's own statistics pages published exact small counts, special categories
   included ("HIV/AIDS 1"), and ignored its kabupaten's closed setting.
9. Insiders differenced suppressed cells: a contract manager (exact view of their
   kabupaten) or a village's operator (exact view of their village) took what they know
   from a published total and got a neighbour's hidden cell.
13. A closed kabupaten still published its kecamatan rows.
"""

from __future__ import annotations

import re

import pytest

from balai_kernel.actor import Actor
from control_plane.dashboards import regions
from control_plane.dashboards.models import RegionStat, SnapshotValue
from control_plane.dashboards.services import (
    kabupaten_setting_update,
    snapshot_publish,
    suppression_problem_get,
    suppression_refresh,
)
from tenants.context import village_context
from tests.control_plane.dashboards import uji_facade
from tests.security.disclosure import (
    HAJIMENA,
    SIDOSARI,
    determined,
    insider_knowledge,
    publish,
    scan,
    warga_create,
)

pytestmark = pytest.mark.security

SEX = {"laki_laki": "L", "perempuan": "P", "jumlah": "T"}


# --- Finding 3 ------------------------------------------------------------------------


@pytest.fixture
def hajimena(village, village_b):
    warga_create(village, HAJIMENA, prefix="1801042001")
    warga_create(village_b, SIDOSARI, prefix="1801042002")
    publish(village, village_b)


def test_village_site_hides_small_counts_and_special_categories(village_client, hajimena):
    """One resident with HIV/AIDS, one blind man, one pregnant woman, three Khonghucu
    men: none of it is on the village's own site."""
    for kode in ("sakit-menahun", "disabilitas", "kehamilan", "akseptor-kb"):
        response = village_client.get(f"/statistik/{kode}/")
        assert response.status_code == 404, kode
    index = village_client.get("/statistik/").content.decode()
    assert "HIV/AIDS" not in index and "/statistik/sakit-menahun/" not in index
    agama = village_client.get("/statistik/agama/")
    html = agama.content.decode()
    row = re.search(r"<tr><td>KHONGHUCU</td>(.*?)</tr>", html)[1]
    assert re.findall(r'class="num">([^<]*)<', row)[:3] == ["&lt;5", "0", "&lt;5"]
    assert scan(agama).small() == []


def test_village_site_honours_a_closed_kabupaten(
    village_client, hajimena, django_capture_on_commit_callbacks
):
    # Cached while open; closing retires the cached copies at once (after commit).
    for path in ("/", "/statistik/", "/statistik/agama/"):
        assert scan(village_client.get(path)).counts, path
    with django_capture_on_commit_callbacks(execute=True):
        kabupaten_setting_update(kabupaten_code="1801", public=False, actor=Actor.named("uji"))
    for path in ("/", "/statistik/", "/statistik/agama/"):
        response = village_client.get(path)
        assert response.status_code in (200, 404), path
        assert scan(response).counts == [], path
    assert "Sekilas data" not in village_client.get("/").content.decode()


# --- Finding 9 ------------------------------------------------------------------------

A, B, X = "1801042001", "1801042002", "1802012001"
CODES = ["18", "1801", "1802", "180104", "180201", A, B, X]


@pytest.fixture
def differencing(uji_facades, village, village_b, village_x):  # noqa: F811
    """Three religions beside small cells: X (the other kabupaten) has 3 Christian men,
    B 2 Hindu women. Before the fix the pass chose complements among cells Lampung
    Selatan's managers, or Hajimena's operators, see exactly, and each could work out
    hidden cells of the other kabupaten or of Sidosari."""
    data = {
        village: [
            *[("L", "islam", 40), ("P", "islam", 38), ("L", "kristen", 10), ("P", "kristen", 20)],
            *[("L", "katolik", 15), ("P", "katolik", 14), ("P", "hindu", 6)],
        ],
        village_b: [
            *[("L", "islam", 25), ("P", "islam", 30), ("P", "kristen", 11)],
            *[("L", "katolik", 9), ("P", "katolik", 10), ("P", "hindu", 2)],
        ],
        village_x: [("L", "islam", 12), ("P", "islam", 9), ("L", "kristen", 3)],
    }
    for v, rows in data.items():
        with village_context(v):
            uji_facade.table_create()
            for sex, agama, n in rows:
                uji_facade.warga_add(sex, agama, n)
        snapshot_publish(village_id=v.pk)
    suppression_refresh(provinsi_code="18")


def _public(public_client) -> tuple[dict, set]:
    """Every cell of the open-data API (the province's public view) and the hidden ones."""
    cells, hidden = {}, set()
    for code in CODES:
        for r in public_client.get(f"/api/v1/wilayah/{code}").json()["statistik"]:
            for field, sex in SEX.items():
                cell = (code, r["kategori"], r["kode"], sex)
                cells[cell] = r[field]
                if r[field] in ("<5", "x"):
                    hidden.add(cell)
    return cells, hidden


def _manager_view(client, code) -> dict:
    """The exact cells a contract manager reads on the region's dashboard page."""
    html = client.get(f"/dasbor/wilayah/{code}/").content.decode()
    assert "Tampilan internal" in html
    cells = {}
    for category, body in re.findall(
        r'<table class="stat-table" data-category="([^"]+)"[^>]*>.*?<tbody>(.*?)</tbody>',
        html,
        re.S,
    ):
        for key, *values in re.findall(
            r"<tr><td[^>]*>([^<]*)</td><td>[^<]*</td>"
            r'<td class="num">([^<]*)</td><td class="num">([^<]*)</td><td class="num">([^<]*)</td>',
            body,
        ):
            for sex, value in zip("LPT", values, strict=True):
                cells[(code, category, key, sex)] = value
    return cells


def _problem():
    """The province's cells and constraints, as the suppression pass builds them."""
    fields = ("id", "category", "key", "laki_laki", "perempuan", "jumlah")

    def rows(model, code, parent):
        return [
            {**r, "code": r.pop(code), "parent": r.pop(parent)}
            for r in model.objects.values(*fields, code, parent)
        ]

    problem, _cells = suppression_problem_get(
        village_rows=rows(SnapshotValue, "village_code", "kecamatan_code"),
        region_rows=rows(RegionStat, "region_code", "parent_code"),
    )
    return problem


def test_a_contract_manager_cannot_difference_a_neighbouring_kabupaten(
    public_client,
    manager_client,  # noqa: F811
    differencing,
):
    cells, hidden = _public(public_client)
    known = {}
    for code in ("1801", "180104", A, B):
        known.update(_manager_view(manager_client, code))
    assert known[("1801", "agama", "kristen", "L")] == "10"
    assert cells[(X, "agama", "kristen", "L")] == "<5"
    # The subtraction the old pass allowed: province minus own kabupaten.
    province = cells[("18", "agama", "kristen", "L")]
    assert not isinstance(province, int), f"{province} - 10 = X's hidden 3"
    # And no combination of published and known cells gives any hidden cell away.
    problem = _problem()
    knowledge = insider_knowledge(problem, hidden, set(known) & set(problem.values))
    assert determined(problem, hidden, knowledge) == []


def test_a_village_operator_cannot_difference_the_neighbouring_village(public_client, differencing):
    cells, hidden = _public(public_client)
    # A's operators see A's own statistics exactly (the back office).
    own = {
        (A, r.category, r.key, sex): value
        for r in SnapshotValue.objects.filter(village_code=A)
        for sex, value in (("L", r.laki_laki), ("P", r.perempuan), ("T", r.jumlah))
        if value is not None
    }
    assert own[(A, "agama", "hindu", "P")] == 6
    assert cells[(B, "agama", "hindu", "P")] == "<5"
    kecamatan = cells[("180104", "agama", "hindu", "P")]
    assert not isinstance(kecamatan, int), f"{kecamatan} - 6 = B's hidden 2"
    problem = _problem()
    knowledge = insider_knowledge(problem, hidden, set(own))
    assert determined(problem, hidden, knowledge) == []


# --- Finding 13 -----------------------------------------------------------------------


def test_a_closed_kabupaten_publishes_no_kecamatan_rows(public_client, hajimena):
    assert public_client.get("/api/v1/wilayah/1801/anak").json()["wilayah"]
    kabupaten_setting_update(kabupaten_code="1801", public=False, actor=Actor.named("uji"))
    for path in ("/api/v1/wilayah/1801/anak", "/api/v1/wilayah/1801/anak.csv"):
        assert public_client.get(path).status_code == 403, path
    page = public_client.get("/dasbor/wilayah/1801/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "180104" not in html and regions.region_name("180104") not in html
    assert public_client.get("/dasbor/wilayah/1801/unduh.csv").status_code == 403
    # The kabupaten's own totals stay public.
    assert public_client.get("/api/v1/wilayah/1801").json()["kode"] == "1801"
