"""Reads of the event log: timelines and the monthly population report."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet

from village_apps.peristiwa.choices import KodePeristiwa
from village_apps.peristiwa.models import PERISTIWA_KELUAR, PERISTIWA_MASUK, LogPenduduk
from village_apps.referensi import Sex

K = KodePeristiwa


def peristiwa_list(*, kode: str = "", penduduk_id: int | None = None) -> QuerySet[LogPenduduk]:
    qs = LogPenduduk.objects.select_related("penduduk")
    if kode.isdigit():
        qs = qs.filter(kode_peristiwa=int(kode))
    if penduduk_id:
        qs = qs.filter(penduduk_id=penduduk_id)
    return qs.order_by("-tanggal_peristiwa", "-id")


def _bulan(tahun: int, bulan: int) -> tuple[date, date]:
    awal = date(tahun, bulan, 1)
    akhir = date(tahun + (bulan == 12), bulan % 12 + 1, 1)
    return awal, akhir


def laporan_bulanan(tahun: int, bulan: int) -> dict:
    """The monthly report for a month, by sex, counted by event date (one query).

    ``{"awal", "lahir", "datang", "mati", "pindah", "akhir"}`` each ``{"L", "P", "jumlah"}``
    plus ``"rincian"`` (every event code). ``datang`` = pindah masuk + kembali + data
    awal, ``pindah`` = pindah keluar + hilang + pergi + tidak valid. The identity
    awal + lahir + datang − mati − pindah = akhir holds by construction, and ``akhir`` of
    the current month equals the live count of residents with status hidup."""
    mulai, selesai = _bulan(tahun, bulan)
    laporan = laporan_periode_list(mulai=mulai, selesai=selesai)[0]
    return {"tahun": tahun, "bulan": bulan, **laporan}


def laporan_periode_list(*, mulai: date, selesai: date, by: tuple[str, ...] = ()) -> list[dict]:
    """The monthly report's counts for any span ``[mulai, selesai)``, one report per
    combination of the ``by`` lookups on the event (e.g. the resident's dusun and
    citizenship for the Buku Rekapitulasi Jumlah Penduduk), each with the group's
    values under ``"kunci"``. One query. Without ``by`` it is one report, the monthly
    report's own numbers; the reports of any grouping add up to it, because both are
    this one aggregation."""
    masuk, keluar = Q(kode_peristiwa__in=PERISTIWA_MASUK), Q(kode_peristiwa__in=PERISTIWA_KELUAR)
    sebelum, dalam = (
        Q(tanggal_peristiwa__lt=mulai),
        Q(tanggal_peristiwa__gte=mulai, tanggal_peristiwa__lt=selesai),
    )
    agg: dict[str, Count] = {}
    for sx, s in ((Sex.LAKI_LAKI, "L"), (Sex.PEREMPUAN, "P")):
        jk = Q(sex=sx)
        agg[f"masuk_sebelum_{s}"] = Count("id", filter=jk & sebelum & masuk)
        agg[f"keluar_sebelum_{s}"] = Count("id", filter=jk & sebelum & keluar)
        for kode in K:
            agg[f"k{kode.value}_{s}"] = Count("id", filter=jk & dalam & Q(kode_peristiwa=kode))
    qs = LogPenduduk.objects.filter(tanggal_peristiwa__lt=selesai)
    if not by:
        return [_laporan(qs.aggregate(**agg), ())]
    return [_laporan(r, by) for r in qs.values(*by).annotate(**agg).order_by(*by)]


def _laporan(r: dict, by: tuple[str, ...]) -> dict:
    def baris(*kodes: KodePeristiwa) -> dict:
        lk = sum(r.get(f"k{k.value}_L", 0) for k in kodes)
        pr = sum(r.get(f"k{k.value}_P", 0) for k in kodes)
        return {"L": lk, "P": pr, "jumlah": lk + pr}

    awal_l = r.get("masuk_sebelum_L", 0) - r.get("keluar_sebelum_L", 0)
    awal_p = r.get("masuk_sebelum_P", 0) - r.get("keluar_sebelum_P", 0)
    laporan = {
        "kunci": {key: r[key] for key in by},
        "awal": {"L": awal_l, "P": awal_p, "jumlah": awal_l + awal_p},
        "lahir": baris(K.LAHIR),
        "datang": baris(K.PINDAH_MASUK, K.KEMBALI, K.DATA_AWAL),
        "mati": baris(K.MATI),
        "pindah": baris(K.PINDAH_KELUAR, K.HILANG, K.PERGI, K.TIDAK_VALID),
        "rincian": [{"kode": k.value, "label": str(k.label), **baris(k)} for k in K],
    }
    akhir = {}
    for s in ("L", "P"):
        akhir[s] = (
            laporan["awal"][s]
            + laporan["lahir"][s]
            + laporan["datang"][s]
            - laporan["mati"][s]
            - laporan["pindah"][s]
        )
    akhir["jumlah"] = akhir["L"] + akhir["P"]
    laporan["akhir"] = akhir
    return laporan


def kelahiran_initial(*, keluarga_id: int | None) -> dict:
    """What the birth form starts with: the family (when it exists), the child's
    place in it, and the religion of the family's head (OpenSID's default; the
    operator may change it)."""
    from village_apps.keluarga.models import Keluarga
    from village_apps.referensi import SHDK

    keluarga = Keluarga.objects.filter(pk=keluarga_id or 0).select_related("kepala").first()
    return {
        "keluarga": keluarga,
        "kk_level": SHDK.ANAK,
        "agama_id": keluarga.kepala.agama_id if keluarga and keluarga.kepala else None,
    }
