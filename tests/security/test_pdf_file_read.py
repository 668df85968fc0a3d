"""Issue 16, finding 1: no server file reaches a letter PDF (reproduction and variants).

A village admin edits letter templates (HTML). On b8a3024 the PDF fetcher allowed any
``file:`` URL whose text started with the fonts folder, so
``<a rel="attachment" href="file:///…/fonts/../../../../proc/self/environ">`` embedded
the process environment (Stripe keys, database URL), ``/etc/passwd`` and other
villages' files into the preview and the issued letter, and ``<img src="file:…">``
embedded another village's photos. Each test below aims at ``/etc/passwd``,
``/proc/self/environ``, a secret text file and a resident-like photo through every
carrier and spelling in ``pdf_isi.hostile_body`` and reads the PDF back with pypdf
(attachments, every decoded stream, text, images).
"""

from __future__ import annotations

import json
import secrets

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from tenants.context import village_context
from tests.security.pdf_isi import (
    Rahasia,
    environ_marker,
    hostile_body,
    passwd_marker,
    pdf_attachments,
    pdf_image_count,
)
from tests.village_apps.surat.helpers import format_editor_data, penduduk_make
from village_apps.akun.services import village_user_create
from village_apps.surat.models import FormatSurat, SuratKeluar
from village_apps.surat.pdf import Halaman, render_pdf

pytestmark = [pytest.mark.security, pytest.mark.django_db]


@pytest.fixture
def rahasia(tmp_path) -> Rahasia:
    marker = f"RAHASIA-DESA-LAIN-{secrets.token_hex(8)}"
    text_file = tmp_path / "v_sidosari" / "pengaturan.env"
    text_file.parent.mkdir()
    text_file.write_text(f"STRIPE_SECRET_KEY={marker}\n")
    image_file = tmp_path / "v_sidosari" / "warga1.png"
    Image.new("RGB", (9, 7), (201, 13, 77)).save(image_file)
    return Rahasia(
        text_file=text_file,
        image_file=image_file,
        markers=[marker.encode(), passwd_marker(), environ_marker()],
    )


@pytest.fixture
def staff(village):
    with village_context(village):
        return {
            "admin": village_user_create(username="admin-pdf", role="admin"),
            "operator": village_user_create(username="operator-pdf", role="operator"),
        }


def _login(client, village, user) -> None:
    with village_context(village):
        client.force_login(user)


def _assert_clean(pdf: bytes, rahasia: Rahasia, *, images: int = 0) -> None:
    assert pdf[:5] == b"%PDF-"
    assert rahasia.found_in(pdf) == []
    assert pdf_attachments(pdf) == {}
    assert pdf_image_count(pdf) == images


def test_template_saved_in_the_editor_leaks_nothing_into_preview_or_issued_letter(
    village, village_client, staff, rahasia
):
    """The reported path: admin saves the template, an operator previews and issues."""
    _login(village_client, village, staff["admin"])
    saved = village_client.post(
        "/surat/kelola/format/baru/",
        format_editor_data(isi=hostile_body(rahasia), slug="uji-berkas", aktif="on"),
    )
    assert saved.status_code == 302
    with village_context(village):
        fmt = FormatSurat.objects.get(slug="uji-berkas")
        warga = penduduk_make(nama="Ahmad Fauzi")
    _login(village_client, village, staff["operator"])
    url = f"/surat/kelola/buat/{fmt.pk}/{warga.pk}/"
    preview = village_client.post(url, {"aksi": "pratinjau"})
    assert preview["Content-Type"] == "application/pdf"
    _assert_clean(preview.content, rahasia)
    assert village_client.post(url, {"aksi": "terbitkan"}).status_code == 302
    with village_context(village):
        issued = bytes(SuratKeluar.objects.get(format=fmt).pdf)
    _assert_clean(issued, rahasia, images=1)  # the verification QR only


def test_template_imported_from_opensid_json_leaks_nothing(village, village_client, staff, rahasia):
    """The OpenSID exchange JSON is the other way a template body gets in."""
    item = {
        "nama": "Keterangan Impor Berkas",
        "url_surat": "surat_impor_berkas",
        "kode_surat": "470",
        "template": hostile_body(rahasia),
        "header": 0,
    }
    _login(village_client, village, staff["admin"])
    upload = SimpleUploadedFile("t.json", json.dumps([item]).encode(), "application/json")
    assert village_client.post("/surat/kelola/format/impor/", {"berkas": upload}).status_code == 200
    with village_context(village):
        fmt = FormatSurat.objects.get(nama="Keterangan Impor Berkas")
        warga = penduduk_make(nama="Siti Aminah")
    _login(village_client, village, staff["operator"])
    preview = village_client.post(f"/surat/kelola/buat/{fmt.pk}/{warga.pk}/", {"aksi": "pratinjau"})
    _assert_clean(preview.content, rahasia)


def test_template_stored_before_the_fix_leaks_nothing(village, village_client, staff, rahasia):
    """A row written straight to the table (as before the fix, or by hand): the
    renderer must hold on its own."""
    with village_context(village):
        fmt = FormatSurat.objects.create(
            nama="Keterangan Lama", slug="keterangan-lama", kode_surat="470", isi="<p>x</p>",
            kop=False,
        )  # fmt: skip
        with connection.cursor() as cur:
            cur.execute(
                "UPDATE surat_formatsurat SET isi = %s WHERE id = %s",
                [hostile_body(rahasia), fmt.pk],
            )
        warga = penduduk_make(nama="Budi Santoso")
    _login(village_client, village, staff["operator"])
    preview = village_client.post(f"/surat/kelola/buat/{fmt.pk}/{warga.pk}/", {"aksi": "pratinjau"})
    _assert_clean(preview.content, rahasia)


def test_letter_renderer_reads_no_file_even_for_markup_nobody_cleaned(rahasia):
    """The fetcher alone, without the template allowlist in front of it."""
    pdf = render_pdf(hostile_body(rahasia), halaman=Halaman())
    _assert_clean(pdf, rahasia)
