"""Buku Administrasi Penduduk (Permendagri 47/2016, B.1–B.5), from the register.

Who belongs to the population at the end of a period is decided the way the monthly
population report counts (``peristiwa.selectors``): by the resident's entry and exit
events up to that date. The Rekapitulasi book is that report's own aggregation grouped
by dusun and citizenship (``laporan_periode_list``), so its totals are the report's
numbers by construction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import timedelta
from typing import Any

from django.db.models import Count, F, Min, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext_lazy as _

from village_apps.buku.choices import BookGroup
from village_apps.buku.closing import late_entries_q
from village_apps.buku.registry import Book, Column, Periode, QueryRows, book_register
from village_apps.buku.selectors import (
    entry_periode_get,
    penduduk_sementara_list,
    penutupan_waktu_get,
)
from village_apps.referensi import (
    SHDK,
    Agama,
    GolonganDarah,
    KtpEl,
    Pekerjaan,
    PendidikanKK,
    Sex,
    StatusDasar,
    StatusKawin,
    Warganegara,
)

L, P = "L", "P"


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label) if value is not None else ""
    except ValueError:
        return ""


def _jk(sex: int) -> str:
    return L if sex == Sex.LAKI_LAKI else P


def penduduk_pada(periode: Periode) -> QuerySet[Any]:
    """Residents in the population at the end of ``periode``: more entry than exit
    events dated up to then (the monthly report's rule, so the same people)."""
    from village_apps.penduduk.models import Penduduk
    from village_apps.peristiwa.models import PERISTIWA_KELUAR, PERISTIWA_MASUK

    sampai = Q(peristiwa__tanggal_peristiwa__lte=periode.end)
    return (
        Penduduk.objects.annotate(
            _masuk=Count(
                "peristiwa", filter=sampai & Q(peristiwa__kode_peristiwa__in=PERISTIWA_MASUK)
            ),
            _keluar=Count(
                "peristiwa", filter=sampai & Q(peristiwa__kode_peristiwa__in=PERISTIWA_KELUAR)
            ),
            _sejak=Min(
                "peristiwa__tanggal_peristiwa",
                filter=Q(peristiwa__kode_peristiwa__in=PERISTIWA_MASUK),
            ),
        )
        .filter(_masuk__gt=F("_keluar"))
        .select_related("keluarga", "wilayah__rw__dusun")
    )


def _cari_penduduk(qs: QuerySet[Any], cari: str) -> QuerySet[Any]:
    if not cari:
        return qs
    if cari.isdigit():
        return qs.filter(Q(nik=cari) | Q(keluarga__no_kk=cari))
    return qs.filter(nama__icontains=cari)


def _alamat(p: Any) -> str:
    from village_apps.wilayah.alamat import address_line

    return address_line(p.alamat or (p.keluarga.alamat if p.keluarga else ""), p.wilayah)


def _induk_source(periode: Periode, cari: str) -> QuerySet[Any]:
    return _cari_penduduk(penduduk_pada(periode), cari).order_by("nama", "id")


def _induk_row(p: Any) -> Sequence[Any]:
    return (
        p.nama,
        _jk(p.sex),
        _label(StatusKawin, p.status_kawin),
        p.tempatlahir,
        p.tanggallahir,
        _label(Agama, p.agama_id),
        _label(PendidikanKK, p.pendidikan_kk_id),
        _label(Pekerjaan, p.pekerjaan_id),
        "",  # dapat membaca huruf: not kept by the register
        _label(Warganegara, p.warganegara_id),
        _alamat(p),
        _label(SHDK, p.kk_level),
        p.nik,
        p.keluarga.no_kk if p.keluarga else "",
        "",
    )


induk_rows = QueryRows(source=_induk_source, row=_induk_row)


def mutasi_rows(periode: Periode, cari: str) -> Iterator[Sequence[Any]]:
    """Births, arrivals, moves and deaths of the period by event date; an event
    recorded after its own period was closed is printed in the first open period."""
    from village_apps.peristiwa.choices import KodePeristiwa as K
    from village_apps.peristiwa.models import LogPenduduk

    closings = penutupan_waktu_get(book_slug="mutasi-penduduk")
    qs = (
        LogPenduduk.objects.filter(
            late_entries_q(
                closings=closings,
                periode=periode,
                date_field="tanggal_peristiwa",
                recorded_field="created_at",
            )
        )
        .exclude(kode_peristiwa=K.DATA_AWAL)  # the register's opening entries, no mutation
        .select_related("penduduk")
        .order_by("tanggal_peristiwa", "id")
    )
    if cari:
        qs = qs.filter(penduduk__nama__icontains=cari)
    for e in qs:
        if e.tanggal_peristiwa < periode.start:
            late = entry_periode_get(
                closings=closings, day=e.tanggal_peristiwa, recorded_at=e.created_at
            )
            if not periode.contains(late.start):
                continue
        p = e.penduduk
        masuk = e.kode_peristiwa in (K.LAHIR, K.PINDAH_MASUK, K.KEMBALI)
        pindah = e.kode_peristiwa in (K.PINDAH_KELUAR, K.HILANG, K.PERGI, K.TIDAK_VALID)
        mati = e.kode_peristiwa == K.MATI
        if e.kode_peristiwa == K.LAHIR:
            dari = "Kelahiran"
        else:
            dari = p.alamat_sebelumnya if masuk else ""
        ket = str(K(e.kode_peristiwa).label)
        if e.tanggal_peristiwa < periode.start:
            ket += f" (tercatat terlambat, peristiwa {e.tanggal_peristiwa:%d-%m-%Y})"
        yield (
            p.nama,
            p.tempatlahir,
            p.tanggallahir,
            _jk(e.sex),
            _label(Warganegara, p.warganegara_id),
            dari,
            e.tanggal_peristiwa if masuk else None,
            (e.alamat_tujuan or "-") if pindah else "",
            e.tanggal_peristiwa if pindah else None,
            (e.meninggal_di or "Meninggal") if mati else "",
            e.tanggal_peristiwa if mati else None,
            ket,
        )


def _wn(warganegara_id: int | None) -> str:
    return "WNI" if warganegara_id == Warganegara.WNI else "WNA"


def _kk_per_dusun(sampai: Any) -> dict[Any, tuple[int, int]]:
    """Families and their members by dusun: families with a living member registered
    by ``sampai`` (the dashboard's family count for today)."""
    from village_apps.keluarga.models import Keluarga
    from village_apps.penduduk.models import Penduduk

    hidup = StatusDasar.HIDUP
    kk = (
        Keluarga.objects.annotate(_daftar=Coalesce("tgl_daftar", TruncDate("created_at")))
        .filter(anggota__status_dasar=hidup, _daftar__lte=sampai)
        .values("wilayah__rw__dusun_id")
        .annotate(n=Count("id", distinct=True))
    )
    anggota = (
        Penduduk.objects.filter(status_dasar=hidup, keluarga__isnull=False)
        .annotate(_daftar=Coalesce("keluarga__tgl_daftar", TruncDate("keluarga__created_at")))
        .filter(_daftar__lte=sampai)
        .values("keluarga__wilayah__rw__dusun_id")
        .annotate(n=Count("id"))
    )
    out: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
    for r in kk:
        out[r["wilayah__rw__dusun_id"]][0] = r["n"]
    for r in anggota:
        out[r["keluarga__wilayah__rw__dusun_id"]][1] = r["n"]
    return {k: (v[0], v[1]) for k, v in out.items()}


REKAP_GROUPS = ("awal", "lahir", "datang", "mati", "pindah", "akhir")


def rekapitulasi_list(periode: Periode) -> list[dict[str, Any]]:
    """Per dusun (residents without one under ``None``): the monthly report's counts by
    citizenship and sex, plus families and their members at the start and end."""
    from village_apps.peristiwa.selectors import laporan_periode_list
    from village_apps.wilayah.models import Dusun

    reports = laporan_periode_list(
        mulai=periode.start,
        selesai=periode.end + timedelta(days=1),
        by=("penduduk__wilayah__rw__dusun_id", "penduduk__warganegara_id"),
    )
    per: dict[Any, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in reports:
        dusun = r["kunci"]["penduduk__wilayah__rw__dusun_id"]
        wn = _wn(r["kunci"]["penduduk__warganegara_id"])
        for group in REKAP_GROUPS:
            for s in (L, P):
                per[dusun][f"{group}_{wn}_{s}"] += r[group][s]
    kk_awal = _kk_per_dusun(periode.start - timedelta(days=1))
    kk_akhir = _kk_per_dusun(periode.end)
    names = dict(Dusun.objects.values_list("id", "nama"))
    keys = sorted(
        set(names) | set(per) | set(kk_akhir), key=lambda k: (k is None, names.get(k, ""), k or 0)
    )
    out = []
    for key in keys:
        counts = per.get(key, {})
        if key is None and not counts and not kk_akhir.get(None) and not kk_awal.get(None):
            continue
        row = {"dusun_id": key, "dusun": names.get(key, "(tanpa dusun)"), **counts}
        row["awal_kk"], row["awal_anggota"] = kk_awal.get(key, (0, 0))
        row["akhir_kk"], row["akhir_anggota"] = kk_akhir.get(key, (0, 0))
        out.append(row)
    return out


def _wn_cols(prefix: str) -> tuple[Column, ...]:
    return tuple(
        Column(
            f"{prefix}_{wn}",
            wn,
            children=(Column(f"{prefix}_{wn}_L", "L"), Column(f"{prefix}_{wn}_P", "P")),
        )
        for wn in ("WNA", "WNI")
    )


def _jumlah_cols(prefix: str, label: str) -> Column:
    return Column(
        prefix,
        label,
        children=(
            *_wn_cols(prefix),
            Column(f"{prefix}_kk", "JML KK"),
            Column(f"{prefix}_anggota", "JML ANGGOTA KELUARGA", width=1.6),
            Column(f"{prefix}_jiwa", "JML JIWA"),
        ),
    )


REKAP_COLUMNS = (
    Column("dusun", "NAMA DUSUN / LINGKUNGAN", width=2),
    _jumlah_cols("awal", "JUMLAH PENDUDUK AWAL BULAN"),
    Column(
        "tambahan",
        "TAMBAHAN BULAN INI",
        children=(
            Column("lahir", "LAHIR", children=_wn_cols("lahir")),
            Column("datang", "DATANG", children=_wn_cols("datang")),
        ),
    ),
    Column(
        "pengurangan",
        "PENGURANGAN BULAN INI",
        children=(
            Column("mati", "MENINGGAL", children=_wn_cols("mati")),
            Column("pindah", "PINDAH", children=_wn_cols("pindah")),
        ),
    ),
    _jumlah_cols("akhir", "JUMLAH PENDUDUK AKHIR BULAN"),
    Column("ket", "KET"),
)


def rekapitulasi_rows(periode: Periode, cari: str) -> Iterator[Sequence[Any]]:
    keys = [c.key for c in Book("_", "", "penduduk", REKAP_COLUMNS, rekapitulasi_rows).leaves()]
    for row in rekapitulasi_list(periode):
        if cari and cari.casefold() not in row["dusun"].casefold():
            continue
        for group in ("awal", "akhir"):
            row[f"{group}_jiwa"] = sum(
                row.get(f"{group}_{wn}_{s}", 0) for wn in ("WNA", "WNI") for s in (L, P)
            )
        row["ket"] = ""
        yield tuple(row.get(k, 0) if k not in ("dusun", "ket") else row[k] for k in keys)


def sementara_rows(periode: Periode, cari: str) -> Iterator[Sequence[Any]]:
    for s in penduduk_sementara_list(periode=periode, cari=cari):
        ttl = ", ".join(
            x
            for x in (
                s.tempat_lahir,
                s.tanggal_lahir.strftime("%d-%m-%Y") if s.tanggal_lahir else "",
            )
            if x
        )
        yield (
            s.nama,
            "L" if s.sex == Sex.LAKI_LAKI else "",
            "P" if s.sex == Sex.PEREMPUAN else "",
            s.nomor_identitas,
            ttl,
            s.pekerjaan,
            _label(Warganegara, s.warganegara_id),
            s.keturunan,
            s.datang_dari,
            s.maksud_tujuan,
            s.didatangi,
            s.tanggal_datang,
            s.tanggal_pergi,
            s.keterangan,
        )


def _ktp_kk_source(periode: Periode, cari: str) -> QuerySet[Any]:
    qs = _cari_penduduk(penduduk_pada(periode), cari).filter(keluarga__isnull=False)
    return qs.order_by("keluarga__no_kk", "kk_level", "id")


def _ktp_kk_row(p: Any) -> Sequence[Any]:
    return (
        p.keluarga.no_kk,
        p.nama,
        p.nik,
        _jk(p.sex),
        p.tempatlahir,
        p.tanggallahir,
        _label(GolonganDarah, p.golongan_darah_id),
        _label(Agama, p.agama_id),
        _label(PendidikanKK, p.pendidikan_kk_id),
        _label(Pekerjaan, p.pekerjaan_id),
        _alamat(p),
        _label(StatusKawin, p.status_kawin),
        "",  # tempat dan tanggal dikeluarkan: not kept by the register
        _label(SHDK, p.kk_level),
        _label(Warganegara, p.warganegara_id),
        p.nama_ayah,
        p.nama_ibu,
        p._sejak,
        _label(KtpEl, p.ktp_el),
    )


ktp_kk_rows = QueryRows(source=_ktp_kk_source, row=_ktp_kk_row)


def _ttl() -> Column:
    return Column(
        "ttl",
        "TEMPAT & TANGGAL LAHIR",
        children=(
            Column("tempat_lahir", "TEMPAT LAHIR", width=1.5),
            Column("tanggal_lahir", "TGL"),
        ),
    )


book_register(
    Book(
        slug="induk-penduduk",
        title=_("Buku Induk Penduduk"),
        group=BookGroup.PENDUDUK,
        code="B.1",
        closable=True,
        columns=(
            Column("nama", "NAMA LENGKAP / PANGGILAN", width=2.5),
            Column("jenis_kelamin", "JENIS KELAMIN", width=1.1),
            Column("status_kawin", "STATUS PERKAWINAN", width=1.6),
            _ttl(),
            Column("agama", "AGAMA"),
            Column("pendidikan", "PENDIDIKAN TERAKHIR", width=1.5),
            Column("pekerjaan", "PEKERJAAN", width=1.5),
            Column("baca_huruf", "DAPAT MEMBACA HURUF", width=1.2),
            Column("kewarganegaraan", "KEWARGANEGARAAN", width=2),
            Column("alamat", "ALAMAT LENGKAP", width=2.5),
            Column("shdk", "KEDUDUKAN DLM KELUARGA", width=1.4),
            Column("nik", "NIK", width=2.9, personal_number=True),
            Column("no_kk", "NOMOR KK", width=2.9, personal_number=True),
            Column("ket", "KET"),
        ),
        rows=induk_rows,
    )
)

book_register(
    Book(
        slug="mutasi-penduduk",
        title=_("Buku Mutasi Penduduk Desa"),
        group=BookGroup.PENDUDUK,
        code="B.2",
        closable=True,
        columns=(
            Column("nama", "NAMA LENGKAP / PANGGILAN", width=2.5),
            _ttl(),
            Column("jenis_kelamin", "JENIS KELAMIN", width=1.1),
            Column("kewarganegaraan", "KEWARGANEGARAAN", width=2),
            Column(
                "penambahan",
                "PENAMBAHAN",
                children=(
                    Column("datang_dari", "DATANG DARI", width=2),
                    Column("tanggal_datang", "TANGGAL"),
                ),
            ),
            Column(
                "pengurangan",
                "PENGURANGAN",
                children=(
                    Column("pindah_ke", "PINDAH KE", width=2),
                    Column("tanggal_pindah", "TANGGAL"),
                    Column("meninggal", "MENINGGAL", width=1.2),
                    Column("tanggal_meninggal", "TANGGAL"),
                ),
            ),
            Column("ket", "KET", width=1.5),
        ),
        rows=mutasi_rows,
    )
)

book_register(
    Book(
        slug="rekapitulasi-penduduk",
        title=_("Buku Rekapitulasi Jumlah Penduduk"),
        group=BookGroup.PENDUDUK,
        code="B.3",
        closable=True,
        totals=True,
        columns=REKAP_COLUMNS,
        rows=rekapitulasi_rows,
    )
)

book_register(
    Book(
        slug="penduduk-sementara",
        title=_("Buku Penduduk Sementara"),
        group=BookGroup.PENDUDUK,
        code="B.4",
        entry_url="buku:sementara",
        columns=(
            Column("nama", "NAMA LENGKAP", width=2.2),
            Column(
                "jenis_kelamin",
                "JENIS KELAMIN",
                children=(Column("l", "L", width=0.5), Column("p", "P", width=0.5)),
            ),
            Column(
                "nomor_identitas",
                "NOMOR IDENTITAS / TANDA PENGENAL",
                width=1.8,
                personal_number=True,
            ),
            Column("ttl", "TEMPAT DAN TANGGAL LAHIR / UMUR", width=1.8),
            Column("pekerjaan", "PEKERJAAN", width=1.2),
            Column(
                "kewarganegaraan",
                "KEWARGANEGARAAN",
                children=(Column("kebangsaan", "KEBANGSAAN"), Column("keturunan", "KETURUNAN")),
            ),
            Column("datang_dari", "DATANG DARI", width=1.8),
            Column("maksud", "MAKSUD DAN TUJUAN KEDATANGAN", width=1.8),
            Column("didatangi", "NAMA DAN ALAMAT YANG DIDATANGI", width=2),
            Column("datang", "DATANG TANGGAL"),
            Column("pergi", "PERGI TANGGAL"),
            Column("ket", "KET"),
        ),
        rows=sementara_rows,
    )
)

book_register(
    Book(
        slug="ktp-kartu-keluarga",
        title=_("Buku KTP dan Kartu Keluarga"),
        group=BookGroup.PENDUDUK,
        code="B.5",
        columns=(
            Column("no_kk", "NO. KK", width=2.4, personal_number=True),
            Column("nama", "NAMA LENGKAP", width=2.2),
            Column("nik", "NIK", width=2.4, personal_number=True),
            Column("jenis_kelamin", "JENIS KELAMIN", width=1.1),
            _ttl(),
            Column("golongan_darah", "GOL. DARAH", width=0.7),
            Column("agama", "AGAMA"),
            Column("pendidikan", "PENDIDIKAN", width=1.4),
            Column("pekerjaan", "PEKERJAAN", width=1.4),
            Column("alamat", "ALAMAT", width=2.2),
            Column("status_kawin", "STATUS PERKAWINAN", width=1.6),
            Column("dikeluarkan", "TEMPAT DAN TANGGAL DIKELUARKAN", width=1.4),
            Column("shdk", "STATUS HUB. KELUARGA", width=1.2),
            Column("kewarganegaraan", "KEWARGANEGARAAN"),
            Column(
                "orang_tua",
                "ORANG TUA",
                children=(Column("ayah", "AYAH", width=1.6), Column("ibu", "IBU", width=1.6)),
            ),
            Column("mulai", "TGL MULAI DI DESA"),
            Column("ket", "KET"),
        ),
        rows=ktp_kk_rows,
    )
)
