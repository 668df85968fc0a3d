"""Issue 18, finding 7: "Dusun Dusun Krajan" in addresses, and a letterhead without the
village logo or the office's address. One formatter prints units and addresses
(``village_apps.wilayah.alamat``) on letters and on every page; the letterhead of the
PDF and of the HTML preview carries the logo uploaded in Profil desa (through the
checked-upload path) and the office's address, postcode, telephone and e-mail."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader

from tenants.context import village_context
from tests.support.builders import keluarga_make, wilayah_make
from tests.support.builders import penduduk_make as penduduk_register
from village_apps.profil.models import ProfilDesa
from village_apps.surat import services
from village_apps.surat.models import FormatSurat
from village_apps.surat.selectors import penduduk_for_letter
from village_apps.wilayah.alamat import address_line, unit_label, unit_name, wilayah_label

from .helpers import format_make, pdf_text, penduduk_make

pytestmark = pytest.mark.django_db
DOUBLED = ("Dusun Dusun", "RT RT", "RW RW", "Rt Rt", "Rw Rw")


@pytest.mark.parametrize(
    ("nama", "level", "label", "bare"),
    [
        ("Krajan", "dusun", "Dusun Krajan", "Krajan"),
        ("Dusun Krajan", "dusun", "Dusun Krajan", "Krajan"),
        ("DUSUN KRAJAN", "dusun", "Dusun KRAJAN", "KRAJAN"),
        ("Dsn. Krajan", "dusun", "Dusun Krajan", "Krajan"),
        ("Dusunsari", "dusun", "Dusun Dusunsari", "Dusunsari"),
        ("001", "rt", "RT 001", "001"),
        ("RT 001", "rt", "RT 001", "001"),
        ("rt.01", "rt", "RT 01", "01"),
        ("RW002", "rw", "RW 002", "002"),
        ("-", "rt", "", ""),
        ("0", "rw", "", ""),
    ],
)
def test_a_unit_prefix_is_never_doubled(nama, level, label, bare):
    assert unit_label(nama, level) == label
    assert unit_name(nama, level) == bare


def _resident(dusun: str, rw: str, rt: str, **extra):
    keluarga = keluarga_make(wilayah=wilayah_make(dusun=dusun, rw=rw, rt=rt))
    data = {"pekerjaan_id": 1, "status_kawin": 2, "pendidikan_kk_id": 5, "alamat": "Jl. Mawar 3"}
    return penduduk_for_letter(pk=penduduk_register(keluarga=keluarga, **{**data, **extra}).pk)


def test_address_formatter_reads_an_rt_with_its_parents(village):
    with village_context(village):
        warga = _resident("Dusun Krajan", "RW 002", "001")
        assert wilayah_label(warga.wilayah) == "Dusun Krajan, RW 002, RT 001"
        assert address_line(warga.alamat, warga.wilayah) == "Jl. Mawar 3 RT 001 RW 002 Dusun Krajan"
        assert str(warga.wilayah) == "Dusun Krajan / RW 002 / RT 001"


def test_letters_never_print_a_doubled_unit(village):
    with village_context(village):
        fmt = format_make(
            nama="Uji Alamat",
            isi=(
                "<p>A:[ALAMAT] B:[Alamat] C:[Sebutan_dusun] [Dusun] RT [rt] RW [rw]</p>"
                "<p>D:Dusun [Dusun]</p>"
            ),
        )
        texts = []
        for dusun, rw, rt in (("Dusun Krajan", "RW 002", "RT 001"), ("Krajan", "002", "001")):
            surat = services.surat_issue(
                format_surat=fmt, penduduk=_resident(dusun, rw, rt), isian={}
            )
            texts.append(pdf_text(bytes(surat.pdf)))
            domisili = services.surat_issue(
                format_surat=FormatSurat.objects.get(slug="keterangan-domisili"),
                penduduk=_resident(dusun, rw, rt),
                isian={"form_keperluan": "bank"},
            )
            texts.append(pdf_text(bytes(domisili.pdf)))
    for text in texts:
        assert not any(d in text for d in DOUBLED), text
    assert "A:Jl. Mawar 3 RT 001 RW 002 Dusun Krajan" in texts[0]
    assert "B:Jl. Mawar 3 RT 001 RW 002 Dusun Krajan" in texts[0]
    assert "C:Dusun Krajan RT 001 RW 002" in texts[0] and "D:Dusun Krajan" in texts[0]
    assert "Jl. Mawar 3 RT 001 RW 002 Dusun Krajan" in texts[1]  # the built-in template


def test_pages_that_print_units_never_double_them(village, admin_client):
    with village_context(village):
        warga = _resident("Dusun Krajan", "RW 002", "RT 001", nama="Sapto Wibowo")
        keluarga_id = warga.keluarga_id
    pages = [
        "/kelola/penduduk/?q=Sapto",
        f"/kelola/penduduk/{warga.pk}/",
        f"/kelola/penduduk/{warga.pk}/ubah/",  # the RT select box (``RT.__str__``)
        "/kelola/keluarga/?q=Sapto",
        f"/kelola/keluarga/{keluarga_id}/",
        "/kelola/wilayah/",
    ]
    for url in pages:
        page = admin_client.get(url)
        body = " ".join(page.content.decode().split())
        assert page.status_code == 200, url
        assert not any(d in body for d in DOUBLED), url
        assert "Dusun Krajan" in body or "keluarga/?" in url, url


def _logo_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (900, 700), (20, 120, 60, 255)).save(buffer, format="PNG")
    return buffer.getvalue()


PROFIL = {
    "nama_desa": "Hajimena",
    "alamat_kantor": "Jl. Raya Hajimena No. 1",
    "kode_pos": "35362",
    "telepon": "0721-123456",
    "email": "kantor@hajimena.desa.id",
    "website": "",
    "nama_kepala_desa": "Suryadi Wijaya",
    "nip_kepala_desa": "",
    "lat": "",
    "lng": "",
}


def test_letterhead_has_the_uploaded_logo_and_the_office_address(village, admin_client):
    page = admin_client.post(
        "/kelola/profil/",
        {**PROFIL, "logo": SimpleUploadedFile("logo.png", _logo_png(), "image/png")},
    )
    assert page.status_code == 302
    with village_context(village):
        profil = ProfilDesa.objects.get(pk=1)
        try:
            # The checked-upload path: scaled down, re-encoded, transparency kept (PNG).
            assert profil.logo.name.endswith(".png")
            with profil.logo.open("rb") as handle, Image.open(handle) as stored:
                assert max(stored.size) == 600 and stored.mode == "RGBA"
            fmt = FormatSurat.objects.get(slug="keterangan-domisili")
            surat = services.surat_issue(
                format_surat=fmt, penduduk=penduduk_make(), isian={"form_keperluan": "bank"}
            )
            html = services.surat_html_build(format_surat=fmt)
        finally:
            profil.logo.delete(save=True)
    content = bytes(surat.pdf)
    assert len(PdfReader(io.BytesIO(content)).pages[0].images) == 2  # the logo and the QR
    text = pdf_text(content)
    for part in (
        "DESA HAJIMENA",
        "Jl. Raya Hajimena No. 1, Kode Pos 35362",
        "Telepon 0721123456",  # stored in the national form (balai_kernel.phone)
        "kantor@hajimena.desa.id",
    ):
        assert part in text, part
    assert '<img src="data:image/png;base64,' in html.kop
    assert "Jl. Raya Hajimena No. 1, Kode Pos 35362" in html.kop


def test_letterhead_without_a_logo_shows_no_image(village, admin_client):
    with village_context(village):
        profil = ProfilDesa.objects.get(pk=1)
        fmt = FormatSurat.objects.get(slug="keterangan-domisili")
        assert not profil.logo
        assert "<img" not in services.surat_html_build(format_surat=fmt).kop
        # A stored file that is no image (damaged, or foreign to the checked path).
        profil.logo.save("rusak.png", ContentFile(b"<html>bukan gambar</html>"), save=True)
        try:
            assert "<img" not in services.surat_html_build(format_surat=fmt).kop
            surat = services.surat_issue(
                format_surat=fmt, penduduk=penduduk_make(), isian={"form_keperluan": "x"}
            )
        finally:
            profil.logo.delete(save=True)
    assert len(PdfReader(io.BytesIO(bytes(surat.pdf))).pages[0].images) == 1  # the QR
    page = admin_client.get(f"/surat/kelola/format/{fmt.pk}/contoh/").content.decode()
    assert 'class="kop"' in page and 'alt="Logo"' not in page
