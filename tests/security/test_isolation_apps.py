"""Cross-village isolation in the village apps and the control plane.

Ids are per schema, so an id of village A may name a different object in B: whatever B
answers, it must never contain A's data.
"""

import pytest
from django.test import Client

from control_plane.accounts.models import StaffProfile
from tenants.context import village_context
from tests.support.builders import village_login
from tests.village_apps.surat.helpers import penduduk_make
from village_apps.akun.services import village_user_create
from village_apps.mandiri.services import pin_issue
from village_apps.surat.models import FormatSurat
from village_apps.surat.services import format_surat_seed, surat_issue

pytestmark = pytest.mark.security

NAME_A = "Rahasia Warga Hajimena"


@pytest.fixture
def a_data(village):
    with village_context(village):
        resident = penduduk_make(nama=NAME_A)
        format_surat_seed()
        letter = surat_issue(
            format_surat=FormatSurat.objects.get(slug="keterangan-domisili"),
            penduduk=resident,
            isian={"form_keperluan": "uji isolasi"},
        )
        operator = village_user_create(
            username="op-a", role="operator", password="sandi-op-a-12345"
        )
        pin = pin_issue(penduduk_id=resident.pk)
        return {"resident": resident, "letter": letter, "operator": operator, "pin": pin}


@pytest.fixture
def b_operator(village_b):
    with village_context(village_b):
        return village_user_create(username="op-b", role="operator", password="sandi-op-b-12345")


def test_resident_id_of_a_on_b_never_shows_a(village, village_b, a_data, b_operator):
    url = f"/kelola/penduduk/{a_data['resident'].pk}/"
    # Control: the same URL on A shows the resident, so an absence on B means something.
    a = village_login(Client(HTTP_HOST=village.host), a_data["operator"], village)
    assert NAME_A in a.get(url).content.decode()
    b = village_login(Client(HTTP_HOST=village_b.host), b_operator, village_b)
    assert b.get("/kelola/penduduk/").status_code == 200  # B's operator is signed in
    response = b.get(url)
    assert response.status_code in (404, 200)
    assert NAME_A not in response.content.decode()
    assert a_data["resident"].nik not in response.content.decode()


def test_letter_download_of_a_on_b_never_returns_a_pdf(village, village_b, a_data, b_operator):
    url = f"/surat/kelola/{a_data['letter'].pk}/unduh/"
    # Control: on A the same URL returns exactly the letter's PDF.
    a = village_login(Client(HTTP_HOST=village.host), a_data["operator"], village)
    own = a.get(url)
    assert own.status_code == 200 and own["Content-Type"] == "application/pdf"
    assert own.content == bytes(a_data["letter"].pdf)
    b = village_login(Client(HTTP_HOST=village_b.host), b_operator, village_b)
    response = b.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 404 or body != bytes(a_data["letter"].pdf)


def test_verification_token_of_a_is_not_valid_on_b(client, village, village_b, a_data):
    token = a_data["letter"].token
    assert client.get(f"/surat/verifikasi/{token}/", HTTP_HOST=village.host).status_code == 200
    response = client.get(f"/surat/verifikasi/{token}/", HTTP_HOST=village_b.host)
    assert "tidak valid" in response.content.decode().lower()
    assert NAME_A not in response.content.decode()


def test_operator_session_of_a_on_b_gets_login_not_data(village, village_b, a_data):
    a = village_login(Client(HTTP_HOST=village.host), a_data["operator"], village)
    b = Client(HTTP_HOST=village_b.host)
    b.cookies["sessionid"] = a.cookies["sessionid"].value
    for url in ("/kelola/penduduk/", "/kelola/penduduk/ekspor/", "/surat/kelola/"):
        assert a.get(url).status_code == 200, url  # control: the session is valid on A
        response = b.get(url)
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"], url


def test_mandiri_session_of_a_on_b(village, village_b, a_data):
    a = Client(HTTP_HOST=village.host)
    response = a.post("/mandiri/masuk/", {"nik": a_data["resident"].nik, "pin": a_data["pin"]})
    assert response.status_code == 302
    assert NAME_A in a.get("/mandiri/").content.decode()
    b = Client(HTTP_HOST=village_b.host)
    b.cookies["sessionid"] = a.cookies["sessionid"].value
    page = b.get("/mandiri/")
    assert NAME_A not in page.content.decode()
    assert page.status_code in (200, 302)


def test_contract_manager_of_x_cannot_read_y(db, settings):
    import datetime as dt

    from control_plane.contracts.models import Contract
    from tests.control_plane.billing.fixtures import staff_client

    y = Contract.objects.create(
        kabupaten_code="1802",
        kabupaten_name="Kabupaten Y",
        number="SPK/Y/1",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
    )
    x = Contract.objects.create(
        kabupaten_code="1801",
        kabupaten_name="Kabupaten X",
        number="SPK/X/1",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
    )
    manager_x, user = staff_client(
        role="contract_manager", kabupaten_code="1801", username="pengelola-x"
    )
    assert StaffProfile.objects.get(user=user).kabupaten_code == "1801"
    # Control: the manager does read their own kabupaten's contract, in detail and list.
    assert "Kabupaten X" in manager_x.get(f"/kabupaten/{x.pk}/").content.decode()
    listing = manager_x.get("/kabupaten/").content.decode()
    assert "Kabupaten X" in listing
    assert manager_x.get(f"/kabupaten/{y.pk}/").status_code == 404
    assert "Kabupaten Y" not in listing
