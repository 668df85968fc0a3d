"""Complaints: tracking code, honeypot, per-IP limit, XSS, no personal data in public."""

import pytest

from tenants.context import village_context
from village_apps.akun.services import village_user_create
from village_apps.pengaduan import services
from village_apps.pengaduan.models import Pengaduan

DATA = {
    "nama": "Siti Aminah",
    "kontak": "0812-3456-7890",
    "judul": "Lampu jalan mati",
    "isi": "Di RT 03 sejak seminggu.",
}


def _kirim(client, ip="10.0.0.1", **extra):
    return client.post("/pengaduan/", {**DATA, **extra}, REMOTE_ADDR=ip)


def test_submit_gives_tracking_code_and_status_page_without_personal_data(village_client, village):
    response = _kirim(village_client)
    assert response.status_code == 302
    with village_context(village):
        pengaduan = Pengaduan.objects.get()
    assert response["Location"] == f"/pengaduan/lacak/{pengaduan.kode_lacak}/"
    page = village_client.get(response["Location"]).content.decode()
    assert pengaduan.kode_lacak in page and "Lampu jalan mati" in page and "Baru" in page
    assert "Siti Aminah" not in page and "0812" not in page
    assert (
        village_client.get(f"/pengaduan/lacak/?kode={pengaduan.kode_lacak.lower()}").status_code
        == 200
    )
    assert village_client.get("/pengaduan/lacak/?kode=TIDAKADA").status_code == 404


def test_operator_answers_and_closes(village_client, village):
    _kirim(village_client)
    with village_context(village):
        pengaduan = Pengaduan.objects.get()
        operator = village_user_create(
            username="op-aduan", role="operator", password="sandi-kuat-12345"
        )
        village_client.force_login(operator)
    detail = village_client.get(f"/pengaduan/kelola/{pengaduan.pk}/").content.decode()
    assert "Siti Aminah" in detail  # operators see the sender
    response = village_client.post(
        f"/pengaduan/kelola/{pengaduan.pk}/",
        {"isi": "Sudah diperbaiki petugas.", "status": "selesai"},
    )
    assert response.status_code == 302
    village_client.logout()
    page = village_client.get(f"/pengaduan/lacak/{pengaduan.kode_lacak}/").content.decode()
    assert "Sudah diperbaiki petugas." in page and "Selesai" in page
    with village_context(village):
        from village_apps.audit.models import AccessAudit

        assert AccessAudit.objects.filter(object_type="pengaduan", action="update").exists()
        assert not AccessAudit.objects.filter(summary__icontains="Siti").exists()


def test_viewer_does_not_see_sender(village_client, village):
    _kirim(village_client)
    with village_context(village):
        pengaduan = Pengaduan.objects.get()
        viewer = village_user_create(
            username="lihat-aduan", role="peninjau", password="sandi-kuat-12345"
        )
        village_client.force_login(viewer)
    detail = village_client.get(f"/pengaduan/kelola/{pengaduan.pk}/").content.decode()
    assert "Siti Aminah" not in detail
    # A viewer's write is refused outright (403), never a page that changes nothing.
    assert (
        village_client.post(
            f"/pengaduan/kelola/{pengaduan.pk}/", {"isi": "x", "status": "selesai"}
        ).status_code
        == 403
    )
    with village_context(village):
        assert not pengaduan.tanggapan.exists()


def test_honeypot_stores_nothing(village_client, village):
    response = _kirim(village_client, situs_web="http://spam.example")
    assert response.status_code == 200
    assert "Terima kasih" in response.content.decode()
    with village_context(village):
        assert not Pengaduan.objects.exists()


def test_rate_limited_per_ip(village_client, village):
    for _ in range(5):
        assert _kirim(village_client, ip="10.9.9.9").status_code == 302
    assert _kirim(village_client, ip="10.9.9.9").status_code == 429
    assert _kirim(village_client, ip="10.9.9.10").status_code == 302
    with village_context(village):
        assert Pengaduan.objects.count() == 6


@pytest.mark.security
def test_script_in_complaint_text_and_name_is_neutralised(village_client, village):
    serangan = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    _kirim(village_client, nama=serangan, judul=f"Judul {serangan}", isi=f"Isi {serangan}")
    with village_context(village):
        pengaduan = Pengaduan.objects.get()
        operator = village_user_create(
            username="op-xss", role="operator", password="sandi-kuat-12345"
        )
    public = village_client.get(f"/pengaduan/lacak/{pengaduan.kode_lacak}/").content.decode()
    with village_context(village):
        village_client.force_login(operator)
    back = village_client.get(f"/pengaduan/kelola/{pengaduan.pk}/").content.decode()
    listing = village_client.get("/pengaduan/kelola/").content.decode()
    for html in (public, back, listing):
        assert "<script>alert" not in html
        assert "<img src=x" not in html
    assert "Isi" in public and "Judul" in listing


def test_tracking_codes_are_unambiguous_and_unique():
    kode = {services.kode_lacak_baru() for _ in range(2000)}
    assert len(kode) == 2000
    assert not any(set(k) & set("01OIL") for k in kode)


def test_inbox_filters_and_has_no_n_plus_one(
    village_client, village, django_assert_max_num_queries
):
    for i in range(20):
        _kirim(village_client, ip=f"10.1.{i}.1", judul=f"Aduan {i}")
    with village_context(village):
        admin = village_user_create(username="adm-aduan", role="admin", password="sandi-kuat-12345")
        village_client.force_login(admin)
    with django_assert_max_num_queries(12):
        html = village_client.get("/pengaduan/kelola/").content.decode()
    assert html.count("/pengaduan/kelola/") >= 20
    assert (
        "Tidak ada pengaduan"
        in village_client.get("/pengaduan/kelola/?status=selesai").content.decode()
    )
