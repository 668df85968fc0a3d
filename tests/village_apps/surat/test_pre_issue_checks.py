"""Issue 18, finding 7: letters that cannot go out wrong.

A letter went out with no signer ("Kepala Desa Hajimena … NIP -"), an imported OpenSID
template issued with its raw codes (then ``[Id_bdT]``, ``[KLg1_nik]``) and no warning. Now
one check (``services.surat_check`` / ``checks.letter_problems``) runs inside
``surat_issue`` — the only writer of issued letters, whatever path calls it — and on
every template save and import. PDF text is read with poppler (``pdftotext``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from balai_kernel.actor import Actor
from tenants.context import village_context
from village_apps.audit.models import AccessAudit
from village_apps.profil.models import ProfilDesa
from village_apps.surat import checks, services
from village_apps.surat.models import FormatSurat, PenomoranSurat, SuratKeluar

from .helpers import (
    format_editor_data,
    format_make,
    pdf_text,
    penduduk_make,
    signer_clear,
)

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
NO_SIGNER = "Penanda tangan belum ditentukan"


def _domisili() -> FormatSurat:
    return FormatSurat.objects.get(slug="keterangan-domisili")


def _stored() -> tuple:
    """What an issue writes: letters, number counters, audit rows."""
    return (
        SuratKeluar.objects.count(),
        sorted(PenomoranSurat.objects.values_list("lingkup", "tahun", "terakhir")),
        AccessAudit.objects.filter(object_type="surat", action="issue").count(),
    )


# --- No signer ------------------------------------------------------------------------------


def test_issuing_without_a_signer_is_refused_and_stores_nothing(village):
    with village_context(village):
        signer_clear()
        before = _stored()
        with pytest.raises(checks.SuratBermasalah) as refused:
            services.surat_issue(
                format_surat=_domisili(), penduduk=penduduk_make(), isian={"form_keperluan": "x"}
            )
        assert any(m.startswith(NO_SIGNER) for m in refused.value.messages)
        assert [m.sumber for m in refused.value.masalah] == ["penanda_tangan"]
        assert _stored() == before


def test_refused_issue_shows_every_problem_to_the_operator(village, operator_client):
    with village_context(village):
        signer_clear()
        warga = penduduk_make(pekerjaan_id=None)
        url = f"/surat/kelola/buat/{_domisili().pk}/{warga.pk}/"
        before = _stored()
    page = operator_client.get(url)  # before filling in: already told what is missing
    assert NO_SIGNER in page.content.decode()
    page = operator_client.post(url, {"aksi": "terbitkan"})
    body = page.content.decode()
    assert page.status_code == 200 and "Surat tidak diterbitkan" in body
    assert NO_SIGNER in body
    assert "Keperluan wajib diisi." in body  # one round: the form's gaps with the rest
    assert "Data penduduk belum lengkap: pekerjaan kosong" in body
    with village_context(village):
        assert _stored() == before


def test_the_head_without_nip_signs_and_no_nip_dash_is_printed(village, client):
    with village_context(village):
        ProfilDesa.objects.filter(pk=1).update(
            nama_kepala_desa="Suryadi Wijaya", nip_kepala_desa=""
        )
        surat = services.surat_issue(
            format_surat=_domisili(), penduduk=penduduk_make(), isian={"form_keperluan": "bank"}
        )
    text = pdf_text(bytes(surat.pdf))
    assert "Kepala Desa Hajimena" in text and "Suryadi Wijaya" in text
    assert "NIP -" not in text and "NIP" not in text.split("Suryadi Wijaya", 1)[1]
    page = client.get(f"/surat/verifikasi/{surat.token}/", HTTP_HOST=village.host).content.decode()
    assert "Suryadi Wijaya (Kepala Desa)" in page and "Penanda tangan</dt><dd>-" not in page


def test_a_signer_is_taken_whole_from_one_record(village):
    """The settings' NIP is never printed under the profile's head (it was: name from
    one record, NIP from another)."""
    with village_context(village):
        from village_apps.surat.models import PengaturanSurat

        PengaturanSurat.objects.update_or_create(pk=1, defaults={"ttd_nama": "", "ttd_nip": "99"})
        ttd = services.penandatangan_default()
        assert (ttd.nama, ttd.nip) == ("Suryadi Wijaya", "")


# --- Every path that issues goes through the check -------------------------------------------

# Modules and functions that call ``surat_issue``, found by reading the source. A new
# path fails ``test_every_issuing_path_is_known`` until it gets a case below.
ISSUING_PATHS = {
    "village_apps/surat/views.py:terbitkan",
    "village_apps/mandiri/services.py:permohonan_approve",
    "village_apps/surat/demo.py:load_demo_village",
}
# Writers of ``SuratKeluar`` rows. Only ``surat_issue`` issues; OpenSID's import keeps
# the archive of letters OpenSID issued (their number, date and OpenSID's own PDF,
# frozen as they were; ``lingkup="opensid"``) — a record of the past, not an issue.
LETTER_WRITERS = {
    "village_apps/surat/services.py:surat_issue",
    "village_apps/opensid_import/mapping.py:surat",
    "village_apps/opensid_import/files.py:_letters",
}
SOURCE_ROOTS = ("village_apps", "platform", "tenants")
WRITES = {"create", "bulk_create", "get_or_create", "update_or_create", "bulk_update", "update"}


def _functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return f"{_name(node.value)}.{node.attr}"
    return getattr(node, "id", "")


def _scan() -> tuple[set[str], set[str]]:
    """(callers of ``surat_issue``, functions that construct or create ``SuratKeluar``)."""
    callers, writers = set(), set()
    for root in SOURCE_ROOTS:
        for path in (ROOT / root).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            rel = path.relative_to(ROOT).as_posix()
            for function in _functions(tree):
                for node in ast.walk(function):
                    if not isinstance(node, ast.Call):
                        continue
                    called = _name(node.func)
                    if called.endswith("surat_issue") and function.name != "surat_issue":
                        callers.add(f"{rel}:{function.name}")
                    if (
                        called == "SuratKeluar"
                        or called.rsplit(".", 1)[-1] in WRITES
                        and (called.startswith("SuratKeluar.objects."))
                    ):
                        writers.add(f"{rel}:{function.name}")
    return callers, writers


def test_every_issuing_path_is_known_and_only_surat_issue_issues():
    callers, writers = _scan()
    assert callers == ISSUING_PATHS
    assert writers == LETTER_WRITERS
    assert set(ISSUING_DRIVERS) == ISSUING_PATHS


def _via_operator_page(village, clients) -> None:
    with village_context(village):
        warga, fmt = penduduk_make(), _domisili()
    page = clients["operator"].post(
        f"/surat/kelola/buat/{fmt.pk}/{warga.pk}/",
        {"aksi": "terbitkan", "form_keperluan": "bank"},
    )
    assert NO_SIGNER in page.content.decode()


def _via_approval_chain(village, clients) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from village_apps.mandiri import services as mandiri
    from village_apps.mandiri.choices import StatusPermohonan
    from village_apps.mandiri.models import Permohonan

    pdf = b"%PDF-1.4\n%uji\n"
    with village_context(village):
        warga = penduduk_make()
        permohonan = mandiri.permohonan_create(
            penduduk_id=warga.pk,
            format_surat=_domisili(),
            isian={"form_keperluan": "bank"},
            dokumen={
                "KTP": SimpleUploadedFile("a.pdf", pdf),
                "Kartu Keluarga": SimpleUploadedFile("b.pdf", pdf),
            },
        )
        with pytest.raises(ValidationError, match=NO_SIGNER):  # the last (only) step
            mandiri.permohonan_approve(
                permohonan_id=permohonan.pk, actor=Actor.for_user(clients["operator_user"])
            )
        after = Permohonan.objects.get(pk=permohonan.pk)
        assert after.status == StatusPermohonan.SEDANG_DIPERIKSA and after.surat_id is None


def _via_demo(village, clients) -> None:
    from village_apps.surat.demo import load_demo_village

    with village_context(village):
        penduduk_make()
        with pytest.raises(ValidationError, match=NO_SIGNER):
            load_demo_village(village=village)


ISSUING_DRIVERS = {
    "village_apps/surat/views.py:terbitkan": _via_operator_page,
    "village_apps/mandiri/services.py:permohonan_approve": _via_approval_chain,
    "village_apps/surat/demo.py:load_demo_village": _via_demo,
}


@pytest.mark.parametrize("path", sorted(ISSUING_DRIVERS))
def test_each_issuing_path_refuses_a_letter_without_signer(
    path, village, operator, operator_client
):
    with village_context(village):
        from village_apps.mandiri.models import Permohonan
        from village_apps.surat.models import PengaturanSurat

        Permohonan.objects.update(surat=None)
        SuratKeluar.objects.all().delete()  # the demo issues only into an empty archive
        PengaturanSurat.objects.update_or_create(pk=1, defaults={"rantai_persetujuan": []})
        signer_clear()
        before = _stored()
    ISSUING_DRIVERS[path](village, {"operator": operator_client, "operator_user": operator})
    with village_context(village):
        assert _stored() == before


# --- Raw codes: imported OpenSID templates, the editor -----------------------------------------


def test_imported_opensid_template_with_unfillable_codes_is_reported_and_refused(village):
    """An OpenSID template printing codes nothing fills (every one of the 42 shipped can
    be filled now: test_opensid_templates.py)."""
    item = {
        "nama": "Uji Kode Lama",
        "url_surat": "uji-kode-lama",
        "kode_surat": "470",
        "template": "<p>[Nama] [Id_bdt_lamA] [KLg11_nik]</p>",
        "kode_isian": [],
    }
    with village_context(village):
        report = services.format_surat_import(items=[item])
        problems = " ".join(report.masalah["Uji Kode Lama"])
        assert "[Id_bdt_lamA]" in problems and "[KLg11_nik]" in problems
        assert {"id_bdt_lama", "klg11_nik"} <= set(report.unmapped["Uji Kode Lama"])
        fmt = FormatSurat.objects.get(slug="uji-kode-lama", sumber="opensid")
        assert not fmt.aktif  # can not be requested or picked until fixed
        # Issuing it anyway (re-activated by hand) is refused, listing the codes.
        FormatSurat.objects.filter(pk=fmt.pk).update(aktif=True)
        fmt.refresh_from_db()
        warga = penduduk_make(pendidikan_kk_id=5)
        with pytest.raises(checks.SuratBermasalah) as refused:
            services.surat_issue(format_surat=fmt, penduduk=warga, isian={})
        text = " ".join(refused.value.messages)
        assert "[Id_bdt_lamA]" in text and "[KLg11_nik]" in text
        assert not SuratKeluar.objects.filter(format=fmt).exists()


@pytest.mark.parametrize(
    "code",
    [
        "[Nomor_tak_dikenaL]",
        "[KLg11_nik]",
        "{{ nama }}",
        "{% if x %}",
        "$nama",
        "${nama}",
        "&lt;&lt;nama&gt;&gt;",
    ],
)
def test_editor_refuses_an_active_template_with_a_raw_code(village, admin_client, code):
    data = format_editor_data(isi=f"<p>[Nama] {code}</p>", aktif="on")
    page = admin_client.post("/surat/kelola/format/baru/", data)
    body = page.content.decode()
    assert page.status_code == 200 and "akan tercetak apa adanya" in body
    with village_context(village):
        assert not FormatSurat.objects.filter(slug="uji-editor").exists()
    # Saved inactive (a draft), with the same list as a warning.
    page = admin_client.post("/surat/kelola/format/baru/", {**data, "aktif": ""}, follow=True)
    assert "akan tercetak apa adanya" in page.content.decode()
    with village_context(village):
        assert not FormatSurat.objects.get(slug="uji-editor").aktif


def test_what_residents_type_is_never_taken_for_a_code(village):
    with village_context(village):
        fmt = format_make(
            nama="Uji Kurung",
            isi="<p>[Nama]: [Form_keperluan]</p>",
            kode_isian=[{"kode": "form_keperluan", "nama": "Keperluan", "required": True}],
        )
        surat = services.surat_issue(
            format_surat=fmt,
            penduduk=penduduk_make(),
            isian={"form_keperluan": "[lihat lampiran] {{ x }} $5"},
        )
    assert "[Lihat Lampiran] {{ X }} $5" in pdf_text(bytes(surat.pdf))


def test_an_always_empty_field_refuses_the_template(village, admin_client):
    """A template that prints the end of validity but has none (0 = unlimited)."""
    data = format_editor_data(isi="<p>[Nama] berlaku sampai [Berlaku_sampai]</p>", aktif="on")
    page = admin_client.post("/surat/kelola/format/baru/", {**data, "masa_berlaku": "0"})
    assert "masa berlakunya tidak dibatasi" in page.content.decode()


def test_template_example_page_shows_letterhead_and_problems(village, admin_client):
    with village_context(village):
        fmt = format_make(nama="Uji Contoh", isi="<p>[Nama] [Nomor_tak_dikenaL]</p>")
    page = admin_client.get(f"/surat/kelola/format/{fmt.pk}/contoh/").content.decode()
    assert (
        "Budi Santoso" in page
        and "[Nomor_tak_dikenaL]" in page
        and "akan tercetak apa adanya" in page
    )
    assert "DESA HAJIMENA" in page.upper() and 'class="kop"' in page


def test_raw_codes_of_every_template_language_are_found():
    html = "<p>[<b>Nama</b>] {{ x }} {% if y %} $y ${z} &lt;&lt;w&gt;&gt; [Kode_a, 3] [1] Rp 5</p>"
    assert checks.raw_codes(html) == [
        "[Nama]",
        "{{ x }}",
        "{% if y %}",
        "$y",
        "${z}",
        "<<w>>",
        "[Kode_a, 3]",
    ]


# --- Letters residents may request ----------------------------------------------------------

_PELAPOR = "<p>[Nama] melaporkan; pelapor [Nama_pelapor] NIK [Nik_pelapor]</p>"


def test_a_template_naming_other_people_is_not_offered_to_residents(village, admin_client):
    """The resident's request form has the template's own fields only: a template that
    names a reporter could never be issued from a request, so offering it is refused."""
    data = format_editor_data(isi=_PELAPOR, aktif="on", mandiri="on")
    page = admin_client.post("/surat/kelola/format/baru/", data)
    body = page.content.decode()
    assert page.status_code == 200 and "tidak dapat diminta lewat layanan mandiri" in body
    assert "Pelapor" in body  # names what only the office fills
    with village_context(village):
        assert not FormatSurat.objects.filter(slug="uji-editor").exists()
    # The same template for the office only is fine.
    assert (
        admin_client.post("/surat/kelola/format/baru/", {**data, "mandiri": ""}).status_code == 302
    )
    with village_context(village):
        fmt = FormatSurat.objects.get(slug="uji-editor")
        assert fmt.aktif and not fmt.mandiri


def test_an_imported_template_naming_other_people_is_for_the_office_only(village):
    item = {
        "nama": "Uji Lapor Mandiri",
        "url_surat": "uji-lapor-mandiri",
        "kode_surat": "474",
        "template": _PELAPOR,
        "kode_isian": [],
        "mandiri": True,
    }
    with village_context(village):
        report = services.format_surat_import(items=[item])
        fmt = FormatSurat.objects.get(slug="uji-lapor-mandiri")
        assert fmt.aktif and not fmt.mandiri
        assert "Uji Lapor Mandiri" not in report.masalah
        assert any("Uji Lapor Mandiri" in p and "mandiri" in p for p in report.peringatan)
        # Offered by hand anyway (a row from before the check): a request is refused.
        from village_apps.mandiri import services as mandiri

        FormatSurat.objects.filter(pk=fmt.pk).update(mandiri=True)
        fmt.refresh_from_db()
        with pytest.raises(ValidationError, match="layanan mandiri"):
            mandiri.permohonan_create(
                penduduk_id=penduduk_make().pk, format_surat=fmt, isian={}, dokumen={}
            )
