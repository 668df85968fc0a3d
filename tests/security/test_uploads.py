"""Wrong-type and oversize uploads to every file-upload endpoint (issue 11, "Bad input"):
photos of articles, gallery, projects, the village logo and officials, complaints,
self-service documents, the letter-template exchange file and the invitation CSV. Each
gets a clear refusal in Indonesian — never a 500 — and nothing is stored: no row, no
file in the media folder."""

from __future__ import annotations

import io
import json
import secrets
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from balai_kernel.actor import Actor
from tenants.context import village_context
from tests.support.builders import village_login

pytestmark = pytest.mark.security

MB = 1024 * 1024


def _jpeg() -> bytes:
    keluar = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(keluar, format="JPEG")
    return keluar.getvalue()


def _png_bom(sisi: int = 12_000) -> bytes:
    """A 1-bit PNG of ``sisi``² pixels (144 million): a few kilobytes on disk."""

    def potong(jenis: bytes, isi: bytes) -> bytes:
        return (
            struct.pack(">I", len(isi)) + jenis + isi + struct.pack(">I", zlib.crc32(jenis + isi))
        )

    baris = b"\x00" * (1 + (sisi + 7) // 8)
    kompres = zlib.compressobj(9)
    data = b"".join(kompres.compress(baris) for _ in range(sisi)) + kompres.flush()
    ihdr = struct.pack(">IIBBBBB", sisi, sisi, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + potong(b"IHDR", ihdr) + potong(b"IDAT", data) + potong(b"IEND", b"")
    )


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
GAMBAR_JAHAT = {
    "html_bernama_jpg": ("foto.jpg", b"<html><script>alert(1)</script></html>"),
    "svg_bernama_jpg": ("foto.jpg", SVG),
    "svg": ("foto.svg", SVG),
    "exe_bernama_png": ("foto.png", b"MZ\x90\x00\x03" + b"\x00" * 500),
    "terlalu_besar": ("foto.jpg", _jpeg() + b"\x00" * (6 * MB)),  # a valid JPEG, 6 MB
    "bom_piksel": ("foto.png", _png_bom()),
}


def _file_media(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _alamat() -> str:
    """A fresh client address: complaint and sign-up limits count per address, and
    other tests (or workers sharing Redis) must not be disturbed by clearing them."""
    return "10.{}.{}.{}".format(*secrets.token_bytes(3))


@pytest.fixture
def staf(village):
    from village_apps.akun.services import village_user_create

    with village_context(village):
        return {
            peran: village_user_create(
                username=f"uji-unggah-{peran}", role=peran, password="sandi-kuat-12345"
            )
            for peran in ("admin", "operator")
        }


def _titik_unggah(village, staf):
    """endpoint → (who posts, url, form data without the file, file field, model)."""
    from django.forms.models import model_to_dict

    from village_apps.pembangunan.services import proyek_save
    from village_apps.profil.models import Aparatur, ProfilDesa
    from village_apps.profil.services import IDENTITAS_FIELDS

    with village_context(village):
        proyek = proyek_save(nama="Jalan", lokasi="Dusun 1", tahun=2025, sumber_dana=["dd"])
        profil = {
            k: v
            for k, v in model_to_dict(ProfilDesa.objects.get(pk=1), fields=IDENTITAS_FIELDS).items()
            if v is not None and k != "logo"
        }
    return {
        "artikel": ("operator", "/kelola/web/artikel/baru/", {"judul": "A", "isi": "<p>x</p>"}, "gambar", "web.Artikel"),
        "galeri": ("operator", "/kelola/web/galeri/", {"judul": "G"}, "gambar", "web.Foto"),
        "proyek": ("operator", f"/pembangunan/kelola/{proyek.pk}/", {}, "gambar", "pembangunan.FotoProyek"),
        "logo": ("admin", "/kelola/profil/", profil, "logo", None),
        "aparatur": ("admin", "/kelola/profil/aparatur/tambah/", {"nama": "Budi", "jabatan": "Sekdes", "urutan": 1}, "foto", Aparatur),
        "pengaduan": (None, "/pengaduan/", {"judul": "Jalan rusak", "isi": "Tolong", "nama": "Warga"}, "foto", "pengaduan.Pengaduan"),
    }  # fmt: skip


def _jumlah(village, model) -> int:
    from django.apps import apps

    if model is None:
        return 0
    model = apps.get_model(model) if isinstance(model, str) else model
    with village_context(village):
        return model.objects.count()


@pytest.mark.parametrize("jenis", GAMBAR_JAHAT)
def test_hostile_pictures_are_refused_everywhere_and_nothing_is_stored(jenis, village, staf, media):
    from village_apps.profil.models import ProfilDesa

    nama, isi = GAMBAR_JAHAT[jenis]
    for titik, (peran, url, data, medan, model) in _titik_unggah(village, staf).items():
        client = Client(HTTP_HOST=village.host, REMOTE_ADDR=_alamat())
        if peran:
            village_login(client, staf[peran], village)
        sebelum = _jumlah(village, model)
        response = client.post(url, {**data, medan: SimpleUploadedFile(nama, isi)})
        assert response.status_code == 400, (titik, response.status_code)
        html = response.content.decode()
        assert "errorlist" in html or "error" in html, titik
        assert any(k in html for k in ("gambar", "Gambar", "Ekstensi", "5 MB")), titik
        assert _jumlah(village, model) == sebelum, titik
        assert _file_media(media) == [], titik
    with village_context(village):
        assert not ProfilDesa.objects.get(pk=1).logo


def test_self_service_documents_of_the_wrong_type_or_size_are_refused(village, media):
    from tests.village_apps.surat.helpers import penduduk_make
    from village_apps.mandiri import services
    from village_apps.mandiri.models import DokumenSyarat, Permohonan
    from village_apps.surat.models import FormatSurat

    with village_context(village):
        warga = penduduk_make(nama="Andi Wijaya")
        fmt = FormatSurat.objects.get(slug="keterangan-domisili")
        pin = services.pin_issue(penduduk_id=warga.pk)
    resident = Client(HTTP_HOST=village.host, REMOTE_ADDR=_alamat())
    resident.post("/mandiri/masuk/", {"nik": warga.nik, "pin": pin})
    for nama, isi in [
        ("ktp.jpg", b"<html><script>alert(1)</script></html>"),
        ("ktp.jpg", SVG),
        ("ktp.pdf", b"%PDF-1.4\n" + b"0" * (3 * MB)),
        ("ktp.exe", b"MZ\x90\x00"),
    ]:
        response = resident.post(
            "/mandiri/permohonan/baru/",
            {"format": fmt.pk, "form_keperluan": "bank", "syarat_0": SimpleUploadedFile(nama, isi)},
        )
        assert response.status_code == 400
        assert "harus PDF, JPG atau PNG" in response.content.decode() or "2 MB" in (
            response.content.decode()
        )
    with village_context(village):
        assert not Permohonan.objects.exists() and not DokumenSyarat.objects.exists()
    assert _file_media(media) == []


# --- the letter-template exchange file (OpenSID JSON) ------------------------------------


@pytest.fixture
def admin_surat(village, village_client, staf):
    return village_login(village_client, staf["admin"], village)


def _json(data, nama="template.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, data if isinstance(data, bytes) else json.dumps(data).encode())


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "bukan JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "bukan JSON"),  # RecursionError was a 500
        (b" " * (6 * MB), "paling besar 5 MB"),
        ([{"nama": f"F{i}", "template": "<p>x</p>"} for i in range(600)], "paling banyak 500"),
        ({"nama": "bukan daftar"}, "bukan daftar"),
    ],
)
def test_template_file_refused_whole_with_400(isi, pesan, village, admin_surat):
    from village_apps.surat.models import FormatSurat

    with village_context(village):
        sebelum = FormatSurat.objects.count()
    response = admin_surat.post("/surat/kelola/format/impor/", {"berkas": _json(isi)})
    assert response.status_code == 400
    assert pesan in response.content.decode()
    with village_context(village):
        assert FormatSurat.objects.count() == sebelum


def test_template_values_of_the_wrong_type_are_reported_per_template(village, admin_surat):
    from village_apps.surat.models import FormatSurat

    items = [
        {
            "nama": "Surat A",
            "url_surat": "surat-a",
            "template": "<p>[nama] {{ settings.SECRET_KEY }} {% load static %}</p>",
            "masa_berlaku": "abc",  # int("abc") was a 500
            "header": "x",  # int("x") was a 500
            "margin": "[1, 2]",  # a list indexed by "kiri" was a 500
            "kode_isian": [1, "x", {"kode": 5}, {"kode": "form_keperluan", "nama": "Keperluan"}],
            "ukuran": {"a": 1},
            "orientasi": ["x"],
        },
        # NUL in a text column: DataError (a body's NUL is dropped by the HTML allowlist)
        {"nama": "Surat\u0000B", "url_surat": "surat-b", "template": "x"},
        {
            "nama": "Surat C",
            "url_surat": "surat-c",
            "template": "<p>ok</p>",
            "masa_berlaku": 10**30,  # did not fit a smallint: a 500
            "margin": {"kiri": "1e999", "atas": 99, "kanan": -3, "bawah": "1.5"},
        },
    ]
    response = admin_surat.post("/surat/kelola/format/impor/", {"berkas": _json(items)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Format ke-2" in html
    with village_context(village):
        a = FormatSurat.objects.get(slug="surat-a")
        c = FormatSurat.objects.get(slug="surat-c")
        assert not FormatSurat.objects.filter(slug="surat-b").exists()
    assert (a.masa_berlaku, a.kop, a.ukuran, a.orientasi) == (1, False, "F4", "potret")
    assert [f["kode"] for f in a.kode_isian] == ["form_keperluan"]
    assert "{{ settings.SECRET_KEY }}" in a.isi  # stored as text; the merge never runs it
    assert c.masa_berlaku == 100
    assert (str(c.margin_kiri), str(c.margin_atas), str(c.margin_bawah)) == ("2.00", "1.00", "1.50")


# --- the invitation CSV of contract managers ---------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("wilayah")
def test_invitation_csv_that_is_not_csv_or_too_long_sends_nothing():
    from control_plane.onboarding import services
    from control_plane.onboarding.forms import InvitationBulkForm
    from control_plane.onboarding.models import Invitation
    from tests.control_plane.onboarding.helpers import make_contract, make_staff

    manager = make_staff("m1801-csv", "contract_manager", "1801")
    make_contract("1801", manager)
    for teks, pesan in [
        ("kode,email\n18.01.04.2011,a@contoh.id\x00\n", None),  # NUL: csv.Error was a 500
        ("kode,email\n" + "1" * 200_000 + ",a@contoh.id\n", "CSV"),  # over the field limit
        ("\n".join(f"1801042{i:03d},d{i}@contoh.id" for i in range(1000)), "Paling banyak 500"),
        (  # blank lines first must not let the rest through
            "\n" * 10 + "\n".join(f"1801042{i:03d},d{i}@contoh.id" for i in range(600)),
            "Paling banyak 500",
        ),
    ]:
        made, errors = services.invitation_bulk_create(csv_text=teks, actor=Actor.for_user(manager))
        if pesan:
            assert made == [] and any(pesan in e for e in errors), errors
    assert Invitation.objects.count() <= 1  # only the NUL row's valid invitation, if any
    besar = InvitationBulkForm(
        files={"csv_file": SimpleUploadedFile("u.csv", b"kode,email\n" * 30_000)}
    )
    assert not besar.is_valid() and "256 KB" in str(besar.errors)


@pytest.mark.django_db
@pytest.mark.usefixtures("wilayah")
@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("sk.pdf", b"<html><script>alert(1)</script></html>", "PDF, JPG atau PNG"),
        ("sk.pdf", b"MZ\x90\x00 exe", "PDF, JPG atau PNG"),
        ("sk.pdf", b"%PDF-1.4" + b"0" * (3 * MB), "terlalu besar"),
        ("sk.svg", SVG, "PDF, JPG atau PNG"),
    ],
)
def test_signup_proof_of_the_wrong_type_or_size_is_refused(public_client, media, nama, isi, pesan):
    from control_plane.onboarding.models import Signup

    data = {
        "code": "1801042010", "slug": "tugu-uji", "operator_name": "Operator",
        "email": "op@contoh.id", "phone": "081234567890", "position": "Sekdes", "consent": "on",
        "proof": SimpleUploadedFile(nama, isi),
    }  # fmt: skip
    response = public_client.post("/daftar/", data, REMOTE_ADDR=_alamat())
    assert response.status_code == 400
    assert pesan in response.content.decode()
    assert not Signup.objects.exists()
    assert _file_media(media) == []
