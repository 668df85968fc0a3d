"""Self-service and queue pages over HTTP: PIN shown once, session expiry, own data
only, the queue without N+1."""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.context import village_context
from tests.village_apps.surat.helpers import penduduk_make
from village_apps.akun.services import village_user_create
from village_apps.mandiri import services
from village_apps.mandiri.models import PinWarga
from village_apps.mandiri.session import IDLE_SECONDS, KEY_SEEN
from village_apps.surat.models import FormatSurat

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%uji\n"


def _login_operator(client, village):
    with village_context(village):
        user = village_user_create(username="op-mandiri", role="operator")
        client.force_login(user)
    return user


def test_operator_issues_pin_once_and_it_works(village, village_client, client):
    with village_context(village):
        warga = penduduk_make(nama="Dewi Lestari")
    _login_operator(village_client, village)
    page = village_client.post(f"/mandiri/kelola/pin/?q={warga.nik}", {"penduduk": warga.pk})
    body = page.content.decode()
    assert page["Cache-Control"] == "no-store"
    pin = body.split('class="pin-baru">')[1].split("<")[0]
    assert len(pin) == 6 and pin.isdigit()
    assert pin not in village_client.get(f"/mandiri/kelola/pin/?q={warga.nik}").content.decode()
    with village_context(village):
        assert PinWarga.objects.get(penduduk=warga).pin_hash.startswith("argon2")
    resident = client.__class__(HTTP_HOST=village.host)
    assert resident.post("/mandiri/masuk/", {"nik": warga.nik, "pin": pin}).status_code == 302


def test_session_expires_when_idle(village):
    from django.test import Client

    with village_context(village):
        warga = penduduk_make()
        pin = services.pin_issue(penduduk_id=warga.pk)
    resident = Client(HTTP_HOST=village.host)
    resident.post("/mandiri/masuk/", {"nik": warga.nik, "pin": pin})
    assert resident.get("/mandiri/").status_code == 200
    session = resident.session
    session[KEY_SEEN] = int(time.time()) - IDLE_SECONDS - 1
    session.save()
    assert resident.get("/mandiri/").status_code == 302


def test_resident_sees_own_family_and_not_others_requests(village):
    from django.test import Client

    with village_context(village):
        warga = penduduk_make(nama="Andi Wijaya")
        other = penduduk_make(nama="Orang Lain")
        fmt = FormatSurat.objects.get(slug="keterangan-domisili")
        foreign = services.permohonan_create(
            penduduk_id=other.pk, format_surat=fmt, isian={"form_keperluan": "x"}, dokumen={}
        )
        pin = services.pin_issue(penduduk_id=warga.pk)
    resident = Client(HTTP_HOST=village.host)
    resident.post("/mandiri/masuk/", {"nik": warga.nik, "pin": pin})
    home = resident.get("/mandiri/").content.decode()
    assert "Andi Wijaya" in home and "Orang Lain" not in home
    assert resident.get(f"/mandiri/permohonan/{foreign.pk}/").status_code == 404
    assert resident.get(f"/mandiri/permohonan/{foreign.pk}/unduh/").status_code == 404
    form = resident.get(f"/mandiri/permohonan/baru/?format={fmt.pk}").content.decode()
    assert 'name="form_keperluan"' in form and 'name="syarat_0"' in form
    created = resident.post(
        "/mandiri/permohonan/baru/",
        {
            "format": fmt.pk,
            "form_keperluan": "bank",
            "syarat_0": SimpleUploadedFile("a.pdf", PDF),
            "syarat_1": SimpleUploadedFile("b.exe", b"MZ"),
        },
    )
    assert "harus PDF, JPG atau PNG" in created.content.decode()


def test_queue_query_count(village, village_client):
    with village_context(village):
        fmt = FormatSurat.objects.get(slug="keterangan-domisili")
        for i in range(5):
            services.permohonan_create(
                penduduk_id=penduduk_make(nama=f"Warga {i}").pk,
                format_surat=fmt,
                isian={"form_keperluan": "x"},
                dokumen={},
            )
    _login_operator(village_client, village)
    village_client.get("/mandiri/kelola/")
    connection.queries_log.clear()  # the log is a bounded deque: a full one captures nothing
    with CaptureQueriesContext(connection) as few:
        page = village_client.get("/mandiri/kelola/?status=0")
    assert page.content.decode().count("Warga ") == 5
    with village_context(village):
        for i in range(5, 10):
            services.permohonan_create(
                penduduk_id=penduduk_make(nama=f"Warga {i}").pk,
                format_surat=fmt,
                isian={"form_keperluan": "x"},
                dokumen={},
            )
    village_client.get("/mandiri/kelola/")  # back on the village schema, like before
    connection.queries_log.clear()  # the log is a bounded deque: a full one captures nothing
    with CaptureQueriesContext(connection) as more:
        village_client.get("/mandiri/kelola/?status=0")

    # Only the page's own reads (routing/session checks come and go with timing).
    def own(ctx) -> int:
        return sum("mandiri_" in q["sql"] or "penduduk_" in q["sql"] for q in ctx.captured_queries)

    assert own(more) == own(few) <= 3


def test_operator_opens_requirement_document(village, village_client):
    from village_apps.audit.models import AccessAudit

    with village_context(village):
        warga = penduduk_make()
        fmt = FormatSurat.objects.get(slug="keterangan-domisili")
        p = services.permohonan_create(
            penduduk_id=warga.pk,
            format_surat=fmt,
            isian={"form_keperluan": "x"},
            dokumen={"KTP": SimpleUploadedFile("ktp.pdf", PDF)},
        )
        doc = p.dokumen.get()
    assert village_client.get(f"/mandiri/kelola/dokumen/{doc.pk}/").status_code == 302
    _login_operator(village_client, village)
    detail = village_client.get(f"/mandiri/kelola/{p.pk}/").content.decode()
    assert f"/mandiri/kelola/dokumen/{doc.pk}/" in detail
    response = village_client.get(f"/mandiri/kelola/dokumen/{doc.pk}/")
    assert b"".join(response.streaming_content) == PDF
    with village_context(village):
        assert AccessAudit.objects.filter(
            object_type="dokumen_syarat", object_id=str(doc.pk)
        ).exists()
        doc.berkas.delete(save=False)


def test_queue_detail_shows_field_labels_and_step_names_not_keys(village, village_client):
    """Issue 18, finding 14: the operator reads "Keperluan", not ``form_keperluan``, and
    the approval step by its name, not "tahap: operator (rantai: operator)"."""
    from village_apps.surat.models import PengaturanSurat

    with village_context(village):
        PengaturanSurat.objects.update_or_create(pk=1, defaults={"rantai_persetujuan": ["kades"]})
        warga = penduduk_make(nama="Dewi Lestari")
        fmt = FormatSurat.objects.get(slug="keterangan-domisili")
        p = services.permohonan_create(
            penduduk_id=warga.pk,
            format_surat=fmt,
            isian={"form_keperluan": "melamar kerja"},
            dokumen={
                name: SimpleUploadedFile(f"{i}.pdf", PDF) for i, name in enumerate(fmt.syarat)
            },
        )
        # An answer to a field the format has dropped since the request was made.
        p.isian["form_catatan_lama"] = "x"
        p.save(update_fields=["isian"])
    _login_operator(village_client, village)
    body = village_client.get(f"/mandiri/kelola/{p.pk}/").content.decode()
    assert "<dt>Keperluan</dt><dd>melamar kerja</dd>" in body
    assert "<dt>Catatan lama</dt>" in body  # a key the format no longer lists
    assert "form_" not in body
    assert "menunggu persetujuan Operator (urutan persetujuan: Operator → Kepala desa)" in body
    assert "tahap:" not in body and "rantai" not in body
