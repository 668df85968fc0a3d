"""Camat and province officials see exactly their region (issue 20, acceptance 4).

A camat of Natar (18.01.04, villages Hajimena and Sidosari) sees its kecamatan's exact
dashboard and villages and gets 404 for a neighbouring kecamatan (18.01.05), another
kabupaten's village (18.02.01.2001) and the regions above it. A province official of
Lampung (18) sees all of it; one of Bengkulu (17) nothing of Lampung. The role sweep
walks the control-plane URLconf: a page not declared for the role answers 403."""

from __future__ import annotations

import pytest

from control_plane.accounts.permissions import ANY_ROLE, access_of
from tests.control_plane.onboarding.helpers import make_contract
from tests.security.url_sweep import PUBLIC, routes
from tests.support.builders import staff_client

pytestmark = [pytest.mark.security, pytest.mark.django_db]

NATAR, NEIGHBOUR = "180104", "180105"
HAJIMENA, SIDOSARI, OTHER_KABUPATEN = "1801042001", "1801042002", "1802012001"


@pytest.fixture
def camat(db):
    return staff_client(role="camat", username="camat-natar", region_code=NATAR)[0]


@pytest.fixture
def lampung(db):
    return staff_client(role="province_official", username="prov-lampung", region_code="18")[0]


@pytest.fixture
def bengkulu(db):
    return staff_client(role="province_official", username="prov-bengkulu", region_code="17")[0]


def _exact(response) -> bool:
    return response.status_code == 200 and 'class="mode mode-internal"' in response.content.decode()


def test_camat_sees_its_kecamatan_exactly(published, camat):
    home = camat.get("/dasbor/saya/")
    assert home.status_code == 302 and home["Location"] == f"/dasbor/wilayah/{NATAR}/"
    page = camat.get(f"/dasbor/wilayah/{NATAR}/")
    assert _exact(page)
    body = page.content.decode()
    assert "Hajimena" in body and "Sidosari" in body
    for village in (HAJIMENA, SIDOSARI):
        assert _exact(camat.get(f"/dasbor/wilayah/{village}/")), village
    # Residents' records never: OpenDK's export is not a camat's page.
    assert "download-opendk" not in camat.get(f"/dasbor/wilayah/{HAJIMENA}/").content.decode()
    assert camat.get(f"/dasbor/wilayah/{HAJIMENA}/opendk.zip").status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        f"/dasbor/wilayah/{NEIGHBOUR}/",
        f"/dasbor/wilayah/{OTHER_KABUPATEN}/",
        "/dasbor/wilayah/180201/",
        "/dasbor/wilayah/1801/",
        "/dasbor/wilayah/18/",
        "/dasbor/wilayah/31/",
        f"/dasbor/wilayah/{NEIGHBOUR}/unduh.csv",
        f"/dasbor/wilayah/{OTHER_KABUPATEN}/unduh.xlsx",
    ],
)
def test_camat_gets_404_outside_its_kecamatan(published, camat, path):
    assert camat.get(path).status_code == 404


def test_camat_lists_its_villages_with_status_and_activity(
    published, camat, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        page = camat.get("/dasbor/desa/")
    body = page.content.decode()
    assert page.status_code == 200
    assert f'data-code="{HAJIMENA}"' in body and f'data-code="{SIDOSARI}"' in body
    assert f'data-code="{OTHER_KABUPATEN}"' not in body
    assert "Aktif" in body  # the village's status
    searched = camat.get("/dasbor/desa/", {"q": "sidosari"}).content.decode()
    assert f'data-code="{SIDOSARI}"' in searched and f'data-code="{HAJIMENA}"' not in searched


def test_the_breadcrumbs_of_a_camat_link_only_inside_its_kecamatan(published, camat):
    body = camat.get(f"/dasbor/wilayah/{HAJIMENA}/").content.decode()
    assert f'href="/dasbor/wilayah/{NATAR}/?' in body
    assert 'href="/dasbor/wilayah/1801/?' not in body and 'href="/dasbor/wilayah/18/?' not in body


def test_province_official_sees_the_whole_province(published, lampung, village):
    lampung_selatan, _other, _bengkulu = (make_contract(c) for c in ("1801", "1802", "1701"))
    assert lampung.get("/dasbor/saya/")["Location"] == "/dasbor/wilayah/18/"
    for code in ("18", "1801", "1802", NATAR, "180201", HAJIMENA, OTHER_KABUPATEN):
        assert _exact(lampung.get(f"/dasbor/wilayah/{code}/")), code
    villages = lampung.get("/dasbor/desa/").content.decode()
    for code in (HAJIMENA, SIDOSARI, OTHER_KABUPATEN):
        assert f'data-code="{code}"' in villages, code
    contracts = lampung.get("/kabupaten/").content.decode()
    assert "Kabupaten 1801" in contracts and "Kabupaten 1802" in contracts
    assert "Kabupaten 1701" not in contracts
    # Read-only: no contract page (invoices, sign-ups), no writes.
    assert f'href="/kabupaten/{lampung_selatan.pk}/"' not in contracts
    assert lampung.get(f"/kabupaten/{lampung_selatan.pk}/").status_code == 403
    assert lampung.post("/kabupaten/baru/", {}).status_code == 403


def test_province_official_sees_nothing_of_another_province(published, bengkulu):
    make_contract("1801")
    assert bengkulu.get("/dasbor/saya/")["Location"] == "/dasbor/wilayah/17/"
    for code in ("18", "1801", NATAR, HAJIMENA, OTHER_KABUPATEN):
        assert bengkulu.get(f"/dasbor/wilayah/{code}/").status_code == 404, code
    villages = bengkulu.get("/dasbor/desa/").content.decode()
    assert "data-code=" not in villages
    assert "Kabupaten 1801" not in bengkulu.get("/kabupaten/").content.decode()


@pytest.mark.parametrize("role", ["camat", "province_official"])
def test_every_page_not_declared_for_the_role_refuses_it(role, camat, lampung):
    """The sweep: every control-plane route whose declaration names staff roles
    without this one answers 403 to GET and POST (never a page, never a write)."""
    client = {"camat": camat, "province_official": lampung}[role]
    swept, leaks = 0, []
    for route in routes(PUBLIC):
        declared = access_of(route.callback)
        if not isinstance(declared, tuple) or declared == ANY_ROLE or role in declared:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(route.path)
            swept += 1
            # 405: a POST-only view refuses a GET before it looks at anyone.
            if response.status_code not in (403, 405 if method == "get" else 403):
                leaks.append(f"{method.upper()} {route.path} → {response.status_code}")
    assert swept > 80, swept
    assert leaks == []
