"""The secretariat's registers: the Buku Agenda reads issued letters (never a copy),
incoming letters with their scan and dispositions, the inbox, permissions, and the data
migration that gives existing built-in roles the new module."""

from __future__ import annotations

import datetime as dt
import importlib
import secrets

import pytest
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile

from tenants.context import village_context
from tests.support.builders import village_client_for, village_user_make
from village_apps.audit.models import AccessAudit
from village_apps.buku.registry import Periode
from village_apps.sekretariat import selectors, services
from village_apps.sekretariat.models import Disposisi, SuratMasuk

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TAHUN = 2031  # a year no other test writes letters in


def surat_keluar_make(*, nomor: str, tanggal: dt.date, perihal: str, nama: str, **extra):
    """An issued letter row as ``surat.services.surat_issue`` stores it (number, date,
    subject and resident frozen); made directly so the register test needs no PDF."""
    from village_apps.surat.models import FormatSurat, SuratKeluar

    fmt = FormatSurat.objects.first()
    return SuratKeluar.objects.create(
        format=fmt, lingkup=f"uji-{secrets.token_hex(4)}", tahun=tanggal.year, nomor_urut=1,
        nomor=nomor, token=secrets.token_hex(32), perihal=perihal, tanggal=tanggal,
        nama_warga=nama, pdf=b"", pdf_sha256="0" * 64, **extra,
    )  # fmt: skip


def test_agenda_lists_letters_in_and_out_in_time_order(village, operator):
    from balai_kernel.actor import Actor

    actor = Actor(label="uji", user=operator)
    with village_context(village):
        keluar = surat_keluar_make(
            nomor="470/001/2031", tanggal=dt.date(TAHUN, 3, 5), perihal="Keterangan Domisili",
            nama="Siti Aminah",
        )  # fmt: skip
        services.surat_masuk_create(
            nomor_surat="005/12/Kec/2031", tanggal_surat=dt.date(TAHUN, 3, 1),
            tanggal_diterima=dt.date(TAHUN, 3, 3), pengirim="Camat Natar",
            perihal="Undangan rapat koordinasi", actor=actor,
        )  # fmt: skip
        services.surat_keluar_manual_save(
            nomor_surat="140/002/2031", tanggal_surat=dt.date(TAHUN, 3, 9),
            ditujukan_kepada="Ketua BPD", perihal="Pemberitahuan musdes", actor=actor,
        )  # fmt: skip
        services.surat_masuk_create(
            nomor_surat="lain-tahun", tanggal_surat=dt.date(TAHUN + 1, 1, 1),
            tanggal_diterima=dt.date(TAHUN + 1, 1, 2), pengirim="X", perihal="Y", actor=actor,
        )  # fmt: skip
        rows = list(selectors.agenda_list(periode=Periode(TAHUN, 3)))
        assert [(r["a_jenis"], r["a_masuk_nomor"] or r["a_keluar_nomor"]) for r in rows] == [
            ("masuk", "005/12/Kec/2031"),
            ("keluar", "470/001/2031"),
            ("keluar", "140/002/2031"),
        ]
        assert rows[1]["a_tujuan"] == "Siti Aminah" and rows[1]["a_keterangan"] == ""
        # Read, not copied: a revocation shows at once, the number stays.
        from village_apps.surat.services import surat_revoke

        surat_revoke(surat_id=keluar.pk, alasan="salah tanggal lahir")
        row = selectors.agenda_list(periode=Periode(TAHUN, 3), q="470/001").get()
        assert row["a_keterangan"] == "Dicabut: salah tanggal lahir"
        assert [
            r["a_jenis"] for r in selectors.agenda_list(periode=Periode(TAHUN), jenis="masuk")
        ] == ["masuk"]
        assert selectors.agenda_list(periode=Periode(TAHUN, 4)).count() == 0
        assert selectors.agenda_list(periode=Periode(TAHUN), q="BPD").count() == 1


def test_incoming_letter_scan_disposition_and_inbox(village, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    operator = village_user_make(village, role="operator", username="uji-sek-op")
    kasi = village_user_make(village, role="kasi", username="uji-sek-kasi")
    lain = village_user_make(village, role="kasi", username="uji-sek-lain")
    op = village_client_for(village, operator)
    data = {
        "nomor_surat": "045/77/2031", "tanggal_surat": "2031-03-01",
        "tanggal_diterima": "2031-03-02", "pengirim": "Dinas PMD",
        "perihal": "Permintaan data BUMDes", "jumlah_lampiran": "2", "keterangan": "",
    }  # fmt: skip
    bad = op.post(
        "/kelola/sekretariat/masuk/baru/",
        {**data, "scan": SimpleUploadedFile("surat.html", b"<script>x</script>")},
    )
    assert bad.status_code == 400 and "harus PDF, JPG atau PNG" in bad.content.decode()
    before = {**data, "tanggal_diterima": "2031-02-01"}
    assert op.post("/kelola/sekretariat/masuk/baru/", before).status_code == 400
    response = op.post(
        "/kelola/sekretariat/masuk/baru/",
        {**data, "scan": SimpleUploadedFile("Surat Pak Budi.pdf", PDF)},
    )
    assert response.status_code == 302
    with village_context(village):
        surat = SuratMasuk.objects.get(nomor_surat="045/77/2031")
    assert "Budi" not in surat.scan.name and surat.scan.name.endswith(".pdf")
    scan = op.get(f"/kelola/sekretariat/masuk/{surat.pk}/scan/")
    assert scan.status_code == 200 and b"".join(scan.streaming_content) == PDF
    assert (
        scan["Cache-Control"] == "private, no-store"
        and "sandbox" in scan["Content-Security-Policy"]
    )

    response = op.post(
        f"/kelola/sekretariat/masuk/{surat.pk}/disposisi/",
        {"penerima_id": kasi.pk, "instruksi": "Siapkan data", "batas_waktu": "2099-01-31"},
    )
    assert response.status_code == 302
    with village_context(village):
        surat.refresh_from_db()
        assert surat.status == "didisposisi"
        disposisi = Disposisi.objects.get(surat_masuk=surat)

    inbox = village_client_for(village, kasi)
    page = inbox.get("/kelola/sekretariat/disposisi/").content.decode()
    assert "Siapkan data" in page and "Permintaan data BUMDes" in page
    other = village_client_for(village, lain)
    assert "Siapkan data" not in other.get("/kelola/sekretariat/disposisi/").content.decode()
    other.post(f"/kelola/sekretariat/disposisi/{disposisi.pk}/selesai/", {"catatan": "x"})
    with village_context(village):
        assert Disposisi.objects.get(pk=disposisi.pk).status == "terbuka"
    # A kasi reads the register but may not record letters or dispose.
    assert inbox.post("/kelola/sekretariat/masuk/baru/", data).status_code == 403
    assert (
        inbox.post(
            f"/kelola/sekretariat/masuk/{surat.pk}/disposisi/",
            {"penerima_id": kasi.pk, "instruksi": "x"},
        ).status_code
        == 403
    )
    inbox.post(f"/kelola/sekretariat/disposisi/{disposisi.pk}/selesai/", {"catatan": "Terkirim"})
    with village_context(village):
        surat.refresh_from_db()
        assert surat.status == "selesai"
        audit = AccessAudit.objects.filter(
            object_id=str(surat.pk), object_type__startswith="sekretariat.suratmasuk"
        )
        assert {a.action for a in audit} == {"create", "update", "view"}
        assert not audit.filter(summary__icontains="Budi").exists()
    detail = op.get(f"/kelola/sekretariat/masuk/{surat.pk}/").content.decode()
    assert "Terkirim" in detail and "uji-sek-kasi" in detail


def test_disposition_refuses_inactive_staff_and_past_due_dates(village, operator):
    from django.core.exceptions import ValidationError

    from balai_kernel.actor import Actor

    actor = Actor(label="uji", user=operator)
    with village_context(village):
        surat = services.surat_masuk_create(
            nomor_surat="1", tanggal_surat=dt.date(TAHUN, 1, 1),
            tanggal_diterima=dt.date(TAHUN, 1, 1), pengirim="A", perihal="B", actor=actor,
        )  # fmt: skip
        with pytest.raises(ValidationError, match="Batas waktu"):
            services.disposisi_add(
                surat_masuk_id=surat.pk, penerima_id=operator.pk, instruksi="x",
                batas_waktu=dt.date(2000, 1, 1), actor=actor,
            )  # fmt: skip
        operator.is_active = False
        operator.save(update_fields=["is_active"])
        with pytest.raises(ValidationError, match="aktif"):
            services.disposisi_add(
                surat_masuk_id=surat.pk, penerima_id=operator.pk, instruksi="x", actor=actor
            )


@pytest.mark.parametrize(
    ("role", "pages", "writes"),
    [
        ("operator", 200, True),
        ("sekdes", 200, True),
        ("peninjau", 200, False),
    ],
)
def test_roles_reach_the_registers(village, role, pages, writes):
    user = village_user_make(village, role=role, username=f"uji-sek-{role}")
    client = village_client_for(village, user)
    for url in ("agenda/", "masuk/", "ekspedisi/", "disposisi/"):
        assert client.get(f"/kelola/sekretariat/{url}").status_code == pages, url
    menu = client.get("/kelola/").content.decode()
    assert "/kelola/sekretariat/agenda/" in menu and "/kelola/sekretariat/masuk/" in menu
    entry = {
        "tanggal_pengiriman": "2031-05-02", "nomor_surat": "1/2031", "tanggal_surat": "2031-05-01",
        "isi_singkat": "Undangan", "ditujukan_kepada": "Ketua RT 01", "keterangan": "",
    }  # fmt: skip
    status = client.post("/kelola/sekretariat/ekspedisi/baru/", entry).status_code
    assert status == (302 if writes else 403)


def test_migration_adds_the_module_to_existing_builtin_roles(village):
    migration = importlib.import_module("village_apps.sekretariat.migrations.0002_hak_peran_bawaan")
    with village_context(village):
        from village_apps.akun.models import Peran

        Peran.objects.filter(slug="kades").update(hak=["penduduk.view", "custom.view"])
        migration.grant(django_apps, None)
        migration.grant(django_apps, None)  # idempotent
        hak = Peran.objects.get(slug="kades").hak
    assert hak == sorted(
        [
            "penduduk.view",
            "custom.view",
            "sekretariat.view",
            "sekretariat.approve",
            "sekretariat.change",
        ]
    )


def test_period_filter_falls_back_to_this_year():
    from django.utils import timezone

    assert selectors.periode_get(tahun="2031", bulan="05") == Periode(2031, 5)
    assert selectors.periode_get(tahun="abc") == Periode(timezone.localdate().year)
    assert selectors.periode_get(tahun="2031", bulan="13") == Periode(timezone.localdate().year)


@pytest.mark.parametrize(("role", "may_delete"), [("operator", True), ("kades", False)])
def test_entries_of_agenda_and_dispatch_can_be_deleted_from_their_edit_page(
    village, role, may_delete
):
    # The delete views are reached from the entry's own form: a user who may delete sees
    # the button, and pressing it removes the entry.
    from balai_kernel.actor import Actor
    from village_apps.sekretariat.models import Ekspedisi, SuratKeluarManual

    actor = Actor.system("uji")
    with village_context(village):
        keluar = services.surat_keluar_manual_save(
            actor=actor, nomor_surat="9/2031", tanggal_surat=dt.date(TAHUN, 6, 1),
            ditujukan_kepada="Camat", perihal="Laporan", keterangan="",
        )  # fmt: skip
        kirim = services.ekspedisi_save(
            actor=actor, tanggal_pengiriman=dt.date(TAHUN, 6, 2), nomor_surat="9/2031",
            tanggal_surat=dt.date(TAHUN, 6, 1), isi_singkat="Laporan",
            ditujukan_kepada="Camat", keterangan="",
        )  # fmt: skip
    user = village_user_make(village, role=role, username=f"uji-sek-hapus-{role}")
    client = village_client_for(village, user)
    for model, obj, edit_url in (
        (SuratKeluarManual, keluar, f"/kelola/sekretariat/agenda/keluar/{keluar.pk}/"),
        (Ekspedisi, kirim, f"/kelola/sekretariat/ekspedisi/{kirim.pk}/"),
    ):
        delete_url = f"{edit_url}hapus/"
        page = client.get(edit_url).content.decode()
        assert (f'action="{delete_url}"' in page) is may_delete
        if may_delete:
            assert client.post(delete_url).status_code == 302
            with village_context(village):
                assert not model.objects.filter(pk=obj.pk).exists()
