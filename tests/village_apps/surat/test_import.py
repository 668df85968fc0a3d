"""Importing OpenSID's template exchange JSON."""

from __future__ import annotations

import pytest

from tenants.context import village_context
from village_apps.surat import services
from village_apps.surat.models import FormatSurat

from .helpers import opensid_templates_import, penduduk_make

pytestmark = pytest.mark.django_db


@pytest.mark.shared_files("opensid/template_surat_tinymce.json")
def test_import_creates_templates_and_reports_unmapped_fields(village):
    with village_context(village):
        report = opensid_templates_import()
        assert len(report.created) == 42
        imported = FormatSurat.objects.filter(sumber="opensid")
        assert imported.count() == 42
        domisili = imported.get(nama="Keterangan Domisili")
        assert domisili.ukuran == "F4" and domisili.orientasi == "potret"
        assert str(domisili.margin_kiri) == "1.78"
        assert [f["kode"] for f in domisili.kode_isian] == ["form_keperluan"]
        # Every field of every template is filled by something (village, resident, the
        # other people, the event, signer, form_*): nothing reported
        # (test_opensid_templates.py lists any that is not).
        assert report.unmapped == {}
        # Re-import updates instead of duplicating.
        again = opensid_templates_import()
        assert (
            len(again.updated) == 42 and FormatSurat.objects.filter(sumber="opensid").count() == 42
        )

        # An imported template renders with the resident's data (all it prints).
        surat = services.surat_issue(
            format_surat=domisili,
            penduduk=penduduk_make(nama="siti aminah", pendidikan_kk_id=5),
            isian={"form_keperluan": "bank"},
        )
        assert "SITI AMINAH" in surat.data["nama"].upper()


def test_import_rejects_garbage(village):
    with village_context(village):
        report = services.format_surat_import(items=[{"nama": ""}, "x"])
        assert len(report.errors) == 2 and not report.created
