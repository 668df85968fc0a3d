"""Reads of aid programmes. Public reads return counts only."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from balai_kernel.disclosure.policy import Count as PublicCount
from balai_kernel.disclosure.policy import counts_publish
from village_apps.bantuan.models import Peserta, Program
from village_apps.penduduk.selectors import nomor_cocok


def program_dengan_jumlah() -> QuerySet[Program]:
    """Programmes with their participant count, one query (for the public page)."""
    return Program.objects.annotate(jumlah_peserta=Count("peserta")).order_by(
        "-mulai", "nama", "id"
    )


def program_publik(*, jumlah_terbit: bool) -> list[tuple[Program, PublicCount]]:
    """Programmes for the public page with their participant count as the disclosure
    policy publishes it: ``"<5"`` for 1–4, nothing at all (None) while the kabupaten
    has closed public data below kabupaten level. No total is shown, so no other count
    needs hiding."""
    program = list(program_dengan_jumlah())
    if not jumlah_terbit:
        return [(p, None) for p in program]
    return list(zip(program, counts_publish(p.jumlah_peserta for p in program), strict=True))


def peserta_program(
    program: Program, *, cari: str = "", nomor_penuh_saja: bool = False
) -> QuerySet[Peserta]:
    """A programme's participants with their linked resident/family/household/group,
    searched by the card's NIK (a prefix, or for masked roles only the whole number:
    ``nomor_cocok``) or the exact participant number."""
    qs = Peserta.objects.filter(program=program).select_related(
        "penduduk", "keluarga__kepala", "rumah_tangga__kepala", "kelompok"
    )
    if cari:
        qs = qs.filter(
            nomor_cocok("kartu_nik", cari, nomor_penuh_saja=nomor_penuh_saja) | Q(no_peserta=cari)
        )
    return qs
