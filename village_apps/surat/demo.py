"""Demo content of the letters app: the default templates and, once the village has
residents, one issued letter, signed electronically with a local-CA certificate (when
the local CA is on). Idempotent (run inside the village's schema)."""

from __future__ import annotations

from typing import Any

from village_apps.penduduk.models import Penduduk
from village_apps.surat import signing
from village_apps.surat.models import FormatSurat, SuratKeluar
from village_apps.surat.selectors import penduduk_for_letter
from village_apps.surat.services import format_surat_seed, surat_issue


def load_demo_village(*, village: Any) -> None:
    format_surat_seed()
    if SuratKeluar.objects.exists():
        return
    resident = Penduduk.objects.filter(status_dasar=1).order_by("id").first()
    if resident is None:
        return
    signing.surat_demo_certificate_ensure(nama_desa=getattr(village, "name", ""))
    surat_issue(
        format_surat=FormatSurat.objects.get(slug="keterangan-domisili"),
        penduduk=penduduk_for_letter(pk=resident.pk),
        isian={"form_keperluan": "Contoh surat demo"},
    )
