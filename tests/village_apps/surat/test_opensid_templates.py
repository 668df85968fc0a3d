"""Every OpenSID template fillable: the 42 templates of ``template_surat_tinymce.json``
import active, and a letter with everyone and everything filled leaves no field empty
(the test lists any, per template); the command line says the same."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tenants.context import village_context
from tests.support.shared_files import SHARED_DIR
from village_apps.surat import fields, merge, services
from village_apps.surat.defaults import DEFAULT_TEMPLATES
from village_apps.surat.models import FormatSurat

from .helpers import opensid_templates_import

pytestmark = pytest.mark.django_db
OPENSID_JSON = SHARED_DIR / "opensid" / "template_surat_tinymce.json"
# Printed whatever the data (number, QR) or allowed empty (a signer without NIP).
_NOT_CHECKED = fields.ISSUE_FIELDS | frozenset(fields.SIGNER_FIELDS_NIP)


def _empty_fields(fmt: FormatSurat) -> list[str]:
    """Fields the template prints that the fully filled example leaves empty or raw."""
    draf = services._example_draft(fmt, services._profil())
    used = merge.fields_used(draf.template) - merge.FUNCTION_KODES - _NOT_CHECKED
    empty = [k for k in used if not str(draf.values.get(k, "")).strip()]
    # The village's own data is not the template's: only what a letter fills counts.
    village = set(fields.VILLAGE_FIELDS) | set(fields.SIGNER_FIELDS) | set(fields.CAMAT_FIELDS)
    return sorted(set(empty) - village)


@pytest.mark.shared_files("opensid/template_surat_tinymce.json")
def test_every_opensid_template_renders_with_no_field_left_empty(village):
    with village_context(village):
        report = opensid_templates_import()
        assert report.unmapped == {} and report.masalah == {}
        imported = FormatSurat.objects.filter(sumber="opensid")
        assert imported.count() == 42 and all(f.aktif for f in imported)
        unfilled = {f.nama: _empty_fields(f) for f in imported}
        assert {nama: kode for nama, kode in unfilled.items() if kode} == {}
        # The example really prints the other people: the reporter, both witnesses, the
        # baby's birth (its weekday from its date) and the family table.
        kelahiran = services._example_draft(
            imported.get(nama="Keterangan Kelahiran"), services._profil()
        )
        text = kelahiran.isi.upper()
        assert "CONTOH PELAPOR" in text and "CONTOH SAKSI 1" in text and "CONTOH SAKSI 2" in text
        assert "SENIN" in text and "08:15" in text  # 30 November 2026 is a Monday
        kurang_mampu = imported.get(nama="Keterangan Kurang Mampu")
        assert (
            "(NAMA ANGGOTA 7)"
            in services._example_draft(kurang_mampu, services._profil()).isi.upper()
        )


def test_the_built_in_templates_still_pass(village):
    with village_context(village):
        services.format_surat_seed()
        for spec in DEFAULT_TEMPLATES:
            fmt = FormatSurat.objects.get(slug=spec["slug"])
            assert services.format_surat_unfilled(format_surat=fmt) == [], fmt.nama
            assert _empty_fields(fmt) == [], fmt.nama


def test_an_unknown_field_is_still_listed_as_unfilled(village):
    """The list is not empty by construction: a code nothing fills is named."""
    item = {
        "kode_surat": "470",
        "nama": "Uji Tak Terisi",
        "url_surat": "uji-tak-terisi",
        "template": "<p>[Nama] [Nama_tetanggA] [klg11_nama]</p>",
        "kode_isian": [],
    }
    with village_context(village):
        report = services.format_surat_import(items=[item])
        assert report.unmapped == {"Uji Tak Terisi": ["klg11_nama", "nama_tetangga"]}
        assert not FormatSurat.objects.get(slug="uji-tak-terisi").aktif


@pytest.mark.shared_files("opensid/template_surat_tinymce.json")
def test_cli_imports_all_42_with_nothing_unfilled(village):
    out = StringIO()
    call_command(
        "surat",
        "templates",
        "import",
        "--village",
        village.slug,
        str(OPENSID_JSON),
        "--json",
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert result["ok"] is True and result["imported"] == 42 and result["unfilled"] == {}


def test_cli_errors_are_json_with_a_non_zero_exit(village, tmp_path):
    bad = tmp_path / "rusak.json"
    bad.write_text("{nope", encoding="utf-8")
    for argv in (
        ["--village", village.slug, str(bad)],
        ["--village", "desa-yang-tidak-ada", str(bad)],
        ["--village", village.slug, str(tmp_path / "tidak-ada.json")],
    ):
        out = StringIO()
        with pytest.raises(CommandError) as exc:
            call_command("surat", "templates", "import", *argv, "--json", stdout=out)
        assert exc.value.returncode == 1
        result = json.loads(out.getvalue())
        assert result["ok"] is False and result["error"]
