"""Reads of the letters module (current village schema)."""

from __future__ import annotations

import csv
import functools
from pathlib import Path

from django.db.models import Q, QuerySet

from village_apps.penduduk.models import Penduduk
from village_apps.profil.models import Aparatur
from village_apps.surat.models import FormatSurat, PengaturanSurat, SuratKeluar

KLASIFIKASI_CSV = Path(__file__).resolve().parent / "data" / "klasifikasi_surat.csv"
# The PDF bytes stay in the database until someone downloads them.
LIST_DEFER = ("pdf", "data", "pihak")


@functools.cache
def klasifikasi_all() -> tuple[tuple[str, str], ...]:
    """Letter classification codes (Permendagri, as OpenSID ships them): ``(kode, nama)``.
    Package data, identical for every village, read once per process."""
    with KLASIFIKASI_CSV.open(encoding="utf-8") as handle:
        return tuple((row["kode"], row["nama"]) for row in csv.DictReader(handle))


def klasifikasi_nama(kode: str) -> str | None:
    return dict(klasifikasi_all()).get(kode)


def pengaturan_get() -> PengaturanSurat:
    """The village's letter settings (seeded by migration ``0002``); the defaults,
    unsaved, where the row is missing — a read never writes."""
    return PengaturanSurat.objects.filter(pk=1).first() or PengaturanSurat(pk=1)


def format_list(*, aktif_saja: bool = True, mandiri: bool | None = None) -> QuerySet[FormatSurat]:
    qs = FormatSurat.objects.all()
    if aktif_saja:
        qs = qs.filter(aktif=True)
    if mandiri is not None:
        qs = qs.filter(mandiri=mandiri)
    return qs.defer("isi")


def format_get(*, pk: int) -> FormatSurat:
    return FormatSurat.objects.get(pk=pk)


def surat_list(
    *, q: str = "", status: str = "", format_id: int | None = None
) -> QuerySet[SuratKeluar]:
    """The archive (arsip surat keluar), newest first; search by number, subject,
    name or NIK."""
    qs = SuratKeluar.objects.select_related("format").defer(*LIST_DEFER)
    if q:
        qs = qs.filter(
            Q(nomor__icontains=q)
            | Q(perihal__icontains=q)
            | Q(nama_warga__icontains=q)
            | Q(nik_warga=q)
        )
    if status:
        qs = qs.filter(status=status)
    if format_id:
        qs = qs.filter(format_id=format_id)
    return qs


def surat_get(*, pk: int) -> SuratKeluar:
    return SuratKeluar.objects.select_related("format").get(pk=pk)


def surat_by_token(*, token: str) -> SuratKeluar | None:
    """The letter behind a verification token, or ``None`` (unknown or malformed)."""
    if not token or len(token) > 64:
        return None
    return SuratKeluar.objects.defer(*LIST_DEFER).filter(token=token).first()


def penduduk_for_letter(*, pk: int) -> Penduduk:
    """A resident with everything a letter prints loaded in one query."""
    return Penduduk.objects.select_related(
        "wilayah__rw__dusun", "keluarga__kepala", "rumah_tangga"
    ).get(pk=pk)


def penduduk_for_letter_list(*, pks: list[int]) -> dict[int, Penduduk]:
    """Residents a letter names besides its subject (``pihak``), by id, in one query."""
    qs = Penduduk.objects.select_related("wilayah__rw__dusun", "keluarga")
    return {p.pk: p for p in qs.filter(pk__in=pks)}


def keluarga_anggota_list(*, keluarga_id: int | None) -> list[Penduduk]:
    """The living members of a family in KK order (head first), for ``[klgN_*]``, the
    choice of who comes along (``pengikut``) and the attachment forms' member tables."""
    if keluarga_id is None:
        return []
    return list(
        Penduduk.objects.filter(keluarga_id=keluarga_id, status_dasar=1)
        .select_related("wilayah__rw__dusun", "keluarga__kepala")
        .order_by("kk_level", "tanggallahir", "id")
    )


def penduduk_search(*, q: str, limit: int = 20, hidup_saja: bool = True) -> list[Penduduk]:
    """Residents by NIK or name, for picking the subject of a letter (living ones) or
    another person it names (``hidup_saja=False``: a deceased's parent is still a parent)."""
    if not q:
        return []
    qs = Penduduk.objects.filter(status_dasar=1) if hidup_saja else Penduduk.objects.all()
    qs = qs.filter(nik=q) if q.isdigit() else qs.filter(nama__icontains=q)
    return list(qs.select_related("wilayah__rw__dusun").order_by("nama", "id")[:limit])


def penandatangan_list() -> QuerySet[Aparatur]:
    """Officials who may sign letters."""
    return Aparatur.objects.filter(aktif=True, boleh_ttd=True)


def aparatur_penandatangan_get(*, nama: str) -> Aparatur | None:
    """The official who may sign whose name is ``nama`` (case and spaces aside), the
    first by their order; ``None`` for a name that is no such official."""
    nama = " ".join(nama.split())
    if not nama:
        return None
    return penandatangan_list().filter(nama__iexact=nama).order_by("urutan", "pk").first()


def orang_tua_ids(*, penduduk: Penduduk) -> dict[str, int]:
    """The subject's father and mother on the register, by the NIKs its record holds
    (``{"ayah": id, "ibu": id}``, either missing when not found): what the letter's
    form picks for those roles before the operator changes anything."""
    niks = {"ayah": penduduk.ayah_nik, "ibu": penduduk.ibu_nik}
    wanted = [n for n in niks.values() if n]
    if not wanted:
        return {}
    found = dict(Penduduk.objects.filter(nik__in=wanted).values_list("nik", "pk"))
    return {role: found[nik] for role, nik in niks.items() if nik in found}
