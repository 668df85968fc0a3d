"""200 letters issued from 20 threads, each on its own database connection, get 200
distinct, gap-free numbers (the counter row is locked inside the issuing transaction)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from tenants.context import village_context
from village_apps.keluarga.models import Keluarga
from village_apps.penduduk.models import Penduduk
from village_apps.surat import services
from village_apps.surat.models import FormatSurat, PenomoranSurat, SuratKeluar

from .helpers import penduduk_make

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

COUNT = 200


def test_parallel_issues_are_distinct_and_gap_free(village):
    with village_context(village):
        fmt = FormatSurat.objects.create(
            nama="Paralel",
            slug="paralel",
            kode_surat="470",
            isi="<p>[NAMA] [FORMAT_NOMOR_SURAT]</p>",
            kop=False,
        )
        resident = penduduk_make()

    def issue(_: int) -> int:
        try:
            with village_context(village):
                return services.surat_issue(
                    format_surat=fmt, penduduk=resident, isian={}
                ).nomor_urut
        finally:
            connection.close()

    try:
        with ThreadPoolExecutor(max_workers=20) as pool:
            numbers = list(pool.map(issue, range(COUNT)))
        assert sorted(numbers) == list(range(1, COUNT + 1))
        with village_context(village):
            assert SuratKeluar.objects.filter(format=fmt).count() == COUNT
            assert PenomoranSurat.objects.get(lingkup=f"format:{fmt.pk}").terakhir == COUNT
            assert len(set(SuratKeluar.objects.values_list("nomor", flat=True))) == COUNT
    finally:
        with village_context(village):
            SuratKeluar.objects.all().delete()
            PenomoranSurat.objects.all().delete()
            FormatSurat.objects.filter(slug="paralel").delete()
            Penduduk.objects.filter(pk=resident.pk).delete()
            Keluarga.objects.filter(pk=resident.keluarga_id).delete()
