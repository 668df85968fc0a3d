"""Reads of aid programmes. Public reads return counts only."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from village_apps.bantuan.models import Peserta, Program


def program_dengan_jumlah() -> QuerySet[Program]:
    """Programmes with their participant count, one query (for the public page)."""
    return Program.objects.annotate(jumlah_peserta=Count("peserta")).order_by(
        "-mulai", "nama", "id"
    )


def peserta_program(program: Program, *, cari: str = "") -> QuerySet[Peserta]:
    """A programme's participants with their linked resident/family/household/group."""
    qs = Peserta.objects.filter(program=program).select_related(
        "penduduk", "keluarga__kepala", "rumah_tangga__kepala", "kelompok"
    )
    if cari:
        qs = qs.filter(kartu_nik__startswith=cari) | qs.filter(no_peserta=cari)
    return qs
