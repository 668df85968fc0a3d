"""Self-service PINs (argon2, growing temporary lockout, rate limit), sessions separate
from operator auth, the approval chain, uploads, verification tokens."""

from __future__ import annotations

import math

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from balai_kernel.actor import Actor
from tenants.context import village_context
from tests.village_apps.surat.helpers import penduduk_make
from village_apps.akun.services import village_user_create
from village_apps.mandiri import services
from village_apps.mandiri.choices import StatusPermohonan
from village_apps.mandiri.models import PinWarga
from village_apps.surat.models import FormatSurat, PengaturanSurat
from village_apps.surat.services import TOKEN_BYTES

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%test\n"


def test_pin_is_argon2_and_lockout_is_temporary(village):
    with village_context(village):
        warga = penduduk_make()
        pin = services.pin_issue(penduduk_id=warga.pk)
        account = PinWarga.objects.get(penduduk=warga)
        assert account.pin_hash.startswith("argon2") and pin not in account.pin_hash
        wrong = "000000" if pin != "000000" else "111111"
        for _ in range(services.FREE_ATTEMPTS):
            with pytest.raises(services.LoginDitolak, match="NIK atau PIN salah"):
                services.mandiri_login(nik=warga.nik, pin=wrong)
        account.refresh_from_db()
        assert account.terkunci_sampai is not None  # locked after the free attempts
        # While locked even the right PIN is refused, exactly like a wrong one.
        with pytest.raises(services.LoginDitolak, match="NIK atau PIN salah"):
            services.mandiri_login(nik=warga.nik, pin=pin)
        # Once the lock has passed the right PIN works and resets the count.
        PinWarga.objects.filter(pk=account.pk).update(terkunci_sampai=timezone.now())
        assert services.mandiri_login(nik=warga.nik, pin=pin).pk == warga.pk
        account.refresh_from_db()
        assert account.gagal == 0 and account.terkunci_sampai is None
        assert [services.lock_seconds(n) for n in (1, 2, 3, 4, 5, 20)] == [0, 0, 30, 60, 120, 3600]


def test_lock_durations_grow_with_each_failure(village):
    with village_context(village):
        warga = penduduk_make()
        services.pin_issue(penduduk_id=warga.pk)
        seen = []
        for _ in range(6):
            PinWarga.objects.filter(penduduk=warga).update(terkunci_sampai=None)
            before = timezone.now()
            with pytest.raises(services.LoginDitolak):
                services.mandiri_login(nik=warga.nik, pin="x")
            lock = PinWarga.objects.get(penduduk=warga).terkunci_sampai
            seen.append(0 if lock is None else math.ceil((lock - before).total_seconds()))
        assert seen[:3] == [0, 0, 30] or seen[:3] == [0, 0, 31]
        assert seen[3] >= 60 and seen[4] >= 120 and seen[5] >= 240
        assert seen == sorted(seen)


def test_unknown_nik_gets_the_same_message(village):
    with village_context(village):
        with pytest.raises(services.LoginDitolak, match="NIK atau PIN salah"):
            services.mandiri_login(nik="1801044199999999", pin="123456")


def test_login_view_rate_limited_and_session_separate_from_operator(
    settings, village, village_client
):
    settings.ABUSE_LIMITS = {
        **settings.ABUSE_LIMITS,
        "mandiri_login": {"account": "10/15m", "address": "10/15m"},
    }
    with village_context(village):
        warga = penduduk_make()
        pin = services.pin_issue(penduduk_id=warga.pk)
    response = village_client.post("/mandiri/masuk/", {"nik": warga.nik, "pin": pin})
    assert response.status_code == 302
    assert village_client.get("/mandiri/").status_code == 200
    # The resident session is not an operator login.
    assert village_client.get("/surat/kelola/").status_code == 302
    village_client.post("/mandiri/keluar/")
    assert village_client.get("/mandiri/").status_code == 302
    statuses = [
        village_client.post("/mandiri/masuk/", {"nik": f"18010441999999{i:02d}", "pin": "1"})
        for i in range(11)
    ]
    assert [r.status_code for r in statuses] == [200] * 10 + [429]
    assert "dari jaringan Anda" in statuses[-1].content.decode()


def _request(warga, **files):
    fmt = FormatSurat.objects.get(slug="keterangan-domisili")
    return services.permohonan_create(
        penduduk_id=warga.pk,
        format_surat=fmt,
        isian={"form_keperluan": "bank"},
        dokumen=files,
    )


def test_uploads_checked_by_content_and_size(village):
    with village_context(village):
        warga = penduduk_make()
        with pytest.raises(ValidationError, match="PDF, JPG atau PNG"):
            _request(warga, KTP=SimpleUploadedFile("ktp.pdf", b"MZ\x90 not a pdf"))
        with pytest.raises(ValidationError, match="2 MB"):
            _request(warga, KTP=SimpleUploadedFile("ktp.pdf", PDF + b"0" * (2 * 1024 * 1024)))
        partial = _request(warga, KTP=SimpleUploadedFile("ktp.pdf", PDF))
        assert partial.status == StatusPermohonan.BELUM_LENGKAP
        full = _request(
            warga,
            KTP=SimpleUploadedFile("ktp.pdf", PDF),
            **{"Kartu Keluarga": SimpleUploadedFile("kk.png", b"\x89PNG\r\n\x1a\n....")},
        )
        assert full.status == StatusPermohonan.SEDANG_DIPERIKSA
        assert {d.tipe for d in full.dokumen.all()} == {"application/pdf", "image/png"}
        assert all("ktp" not in d.berkas.name for d in full.dokumen.all())


def test_approval_chain_operator_sekdes_kades(village):
    """Steps are roles: a request waits in the inbox of the next step's holders, each
    step is audited, and the kades who approves the last step signs the letter."""
    from village_apps.audit.models import AccessAudit
    from village_apps.mandiri.selectors import permohonan_inbox_list

    with village_context(village):
        PengaturanSurat.objects.update_or_create(
            pk=1, defaults={"rantai_persetujuan": ["sekdes", "kades"]}
        )
        operator = village_user_create(username="op-rantai", role="operator")
        sekdes = village_user_create(username="sekdes-rantai", role="sekdes", jabatan="Sekdes")
        kades = village_user_create(
            username="kades-rantai", role="kades", jabatan="Kepala Desa", nama="Hendra Wijaya"
        )
        peninjau = village_user_create(
            username="lihat-rantai", role="peninjau", jabatan="Kepala Desa"
        )
        warga = penduduk_make()
        p = _request(
            warga,
            KTP=SimpleUploadedFile("a.pdf", PDF),
            **{"Kartu Keluarga": SimpleUploadedFile("b.pdf", PDF)},
        )
        chain = services.rantai_persetujuan_get()
        assert chain == ["operator", "sekdes", "kades"]

        def inbox(user) -> list[int]:
            mine = services.tahap_saya_get(actor=Actor.for_user(user), chain=chain)
            return list(
                permohonan_inbox_list(tahap=mine, panjang_rantai=len(chain)).values_list(
                    "pk", flat=True
                )
            )

        assert (inbox(operator), inbox(sekdes), inbox(kades)) == ([p.pk], [], [])
        with pytest.raises(PermissionDenied):
            services.permohonan_approve(permohonan_id=p.pk, actor=Actor.for_user(sekdes))
        p = services.permohonan_approve(permohonan_id=p.pk, actor=Actor.for_user(operator))
        assert p.status == StatusPermohonan.MENUNGGU_TTD and p.surat_id is None
        assert (inbox(operator), inbox(sekdes), inbox(kades)) == ([], [p.pk], [])
        with pytest.raises(PermissionDenied):
            services.permohonan_approve(permohonan_id=p.pk, actor=Actor.for_user(kades))
        p = services.permohonan_approve(permohonan_id=p.pk, actor=Actor.for_user(sekdes))
        assert p.status == StatusPermohonan.MENUNGGU_TTD
        assert (inbox(sekdes), inbox(kades), inbox(peninjau)) == ([], [p.pk], [])
        # A jabatan alone holds no step: the step is the role's.
        with pytest.raises(PermissionDenied):
            services.permohonan_approve(permohonan_id=p.pk, actor=Actor.for_user(peninjau))
        p = services.permohonan_approve(permohonan_id=p.pk, actor=Actor.for_user(kades))
        assert p.status == StatusPermohonan.SIAP_DIAMBIL and p.surat.nomor
        assert (p.surat.ttd_nama, p.surat.ttd_jabatan) == ("Hendra Wijaya", "Kepala Desa")
        assert p.surat.data["nama_pamong"] == "Hendra Wijaya"  # what the letter prints
        steps = AccessAudit.objects.filter(object_type="permohonan", object_id=str(p.pk))
        assert list(steps.order_by("id").values_list("username", "role", "summary"))[-3:] == [
            ("op-rantai", "operator", "disetujui tahap operator"),
            ("sekdes-rantai", "sekdes", "disetujui tahap sekdes"),
            ("kades-rantai", "kades", "disetujui tahap kades, ditandatangani"),
        ]
        issued = AccessAudit.objects.get(object_type="surat", object_id=str(p.surat_id))
        assert (issued.action, issued.username, issued.role) == ("issue", "kades-rantai", "kades")
        surat = services.permohonan_download(permohonan_id=p.pk, penduduk_id=warga.pk)
        p.refresh_from_db()
        assert p.status == StatusPermohonan.SUDAH_DIAMBIL and bytes(surat.pdf)[:5] == b"%PDF-"


def test_verification_tokens_unguessable(village, village_client):
    from village_apps.surat.services import surat_issue

    with village_context(village):
        warga = penduduk_make(nama="Budi Santoso")
        fmt = FormatSurat.objects.get(slug="keterangan-domisili")
        letters = [
            surat_issue(format_surat=fmt, penduduk=warga, isian={"form_keperluan": "x"})
            for _ in range(3)
        ]
    tokens = [s.token for s in letters]
    assert TOKEN_BYTES * 8 >= 128
    assert all(len(t) >= 43 for t in tokens) and len(set(tokens)) == 3
    # Random, not derived from the sequential id: consecutive letters share no prefix
    # beyond chance and no token is its letter's primary key.
    assert all(t != str(s.pk) for s, t in zip(letters, tokens, strict=True))
    assert len({t[:8] for t in tokens}) == 3
    ok = village_client.get(f"/surat/verifikasi/{tokens[0]}/")
    assert ok.status_code == 200 and "Surat valid" in ok.content.decode()
    assert "Bu** Sa*****" in ok.content.decode() and "Budi Santoso" not in ok.content.decode()
    tampered = tokens[0][:-1] + ("A" if tokens[0][-1] != "A" else "B")
    for bad in (tampered, str(letters[0].pk), "x" * 43):
        page = village_client.get(f"/surat/verifikasi/{bad}/")
        assert page.status_code == 404 and "Surat tidak valid" in page.content.decode()


def test_incomplete_request_completed_by_resident(village):
    with village_context(village):
        warga = penduduk_make()
        operator = village_user_create(username="op-lengkap", role="operator")
        p = _request(warga, KTP=SimpleUploadedFile("a.pdf", PDF))
        assert p.status == StatusPermohonan.BELUM_LENGKAP
        with pytest.raises(ValidationError):
            services.permohonan_approve(permohonan_id=p.pk, actor=Actor.for_user(operator))
        p = services.permohonan_complete(
            permohonan_id=p.pk,
            penduduk_id=warga.pk,
            dokumen={"Kartu Keluarga": SimpleUploadedFile("kk.jpg", b"\xff\xd8\xff\xe0jpeg")},
        )
        assert p.status == StatusPermohonan.SEDANG_DIPERIKSA
        p = services.permohonan_return(
            permohonan_id=p.pk, catatan="KK buram", actor=Actor.for_user(operator)
        )
        assert p.status == StatusPermohonan.BELUM_LENGKAP and p.catatan == "KK buram"
