"""A.5 Buku Tanah Kas Desa and A.6 Buku Tanah di Desa (Permendagri 47/2016), registered
with ``village_apps.buku``. As the regulation's tables do, the area of a parcel is
written under its kind of acquisition, land, right and use; the Letter C and persil
numbers OpenSID keeps are printed with it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from village_apps.buku.choices import BookGroup
from village_apps.buku.registry import Book, Column, Periode, book_register
from village_apps.tanah.choices import AsalTanahKas, JenisLahan, Penggunaan, Peruntukan, StatusHak
from village_apps.tanah.selectors import tanah_desa_list, tanah_kas_desa_list


def _letak(t: Any) -> str:
    parts = (
        ("Letter C", t.nomor_letter_c),
        ("Persil", t.nomor_persil),
    )
    return ", ".join(f"{label} {value}" for label, value in parts if value)


def _under(value: str, choices: Sequence[str], luas: Decimal) -> list[Decimal | None]:
    return [luas if value == c else None for c in choices]


def tanah_kas_desa_rows(periode: Periode, cari: str) -> Iterator[Sequence[Any]]:
    """Parcels acquired by the end of the period (or of unknown date)."""
    qs = tanah_kas_desa_list(cari=cari).filter(
        Q(tanggal_perolehan__isnull=True) | Q(tanggal_perolehan__lte=periode.end)
    )
    for t in qs:
        yield (
            t.nama_pemilik_asal,
            _letak(t),
            t.luas,
            t.kelas,
            *_under(t.asal, AsalTanahKas.values, t.luas),
            t.tanggal_perolehan,
            *_under(t.jenis_lahan, JenisLahan.values, t.luas),
            t.luas if t.ada_patok else None,
            None if t.ada_patok else t.luas,
            t.luas if t.ada_papan_nama else None,
            None if t.ada_papan_nama else t.luas,
            t.lokasi,
            str(Peruntukan(t.peruntukan).label) if t.peruntukan else "",
            t.mutasi,
            t.keterangan,
        )


SERTIFIKAT = (
    StatusHak.HAK_MILIK,
    StatusHak.HAK_GUNA_BANGUNAN,
    StatusHak.HAK_PAKAI,
    StatusHak.HAK_GUNA_USAHA,
    StatusHak.HAK_PENGELOLAAN,
)
BELUM = (StatusHak.HAK_MILIK_ADAT, StatusHak.VERPONDING, StatusHak.TANAH_NEGARA)
NON_PERTANIAN = tuple(Penggunaan.values[:5])
PERTANIAN = tuple(Penggunaan.values[5:])


def tanah_desa_rows(periode: Periode, cari: str) -> Iterator[Sequence[Any]]:
    """Parcels recorded by the end of the period."""
    end = timezone.make_aware(dt.datetime.combine(periode.end, dt.time.max))
    for t in tanah_desa_list(cari=cari).filter(dicatat_pada__lte=end):
        ket = "; ".join(
            p for p in (_letak(t), f"Kelas {t.kelas}" if t.kelas else "", t.keterangan) if p
        )
        yield (
            t.nama_pemilik,
            t.luas,
            *_under(t.status_hak, SERTIFIKAT, t.luas),
            *_under(t.status_hak, BELUM, t.luas),
            *_under(t.penggunaan, NON_PERTANIAN, t.luas),
            *_under(t.penggunaan, PERTANIAN, t.luas),
            t.mutasi,
            ket,
        )


def _cols(prefix: str, labels: Sequence[str]) -> tuple[Column, ...]:
    return tuple(Column(f"{prefix}{i}", label) for i, label in enumerate(labels))


book_register(
    Book(
        slug="tanah-kas-desa",
        title=_("Buku Tanah Kas Desa"),
        group=BookGroup.UMUM,
        code="A.5",
        module="tanah",
        monthly=False,
        entry_url="tanah:kas_daftar",
        totals=True,
        columns=(
            Column("asal", "ASAL TANAH KAS DESA", width=2),
            Column("letter_c", "NOMOR SERTIFIKAT BUKU LETTER C/PERSIL", width=1.6),
            Column("luas", "LUAS (M²)", width=1.2),
            Column("kelas", "KELAS"),
            Column(
                "perolehan",
                "PEROLEHAN TKD",
                children=(
                    *_cols(
                        "p", ("ASLI MILIK DESA", "PEMERINTAH", "PROVINSI", "KAB/KOTA", "LAIN-LAIN")
                    ),
                    Column("tanggal", "TANGGAL PEROLEHAN", width=1.3),
                ),
            ),
            Column(
                "jenis",
                "JENIS TKD",
                children=_cols(
                    "j", ("SAWAH", "TEGAL", "KEBUN", "TAMBAK/KOLAM", "TANAH KERING/DARAT")
                ),
            ),
            Column("patok", "PATOK TANDA BATAS", children=_cols("patok", ("ADA", "TIDAK ADA"))),
            Column("papan", "PAPAN NAMA", children=_cols("papan", ("ADA", "TIDAK ADA"))),
            Column("lokasi", "LOKASI", width=1.5),
            Column("peruntukan", "PERUNTUKAN", width=1.5),
            Column("mutasi", "MUTASI", width=1.3),
            Column("ket", "KET"),
        ),
        rows=tanah_kas_desa_rows,
    )
)
book_register(
    Book(
        slug="tanah-di-desa",
        title=_("Buku Tanah di Desa"),
        group=BookGroup.UMUM,
        code="A.6",
        module="tanah",
        monthly=False,
        entry_url="tanah:desa_daftar",
        totals=True,
        columns=(
            Column("nama", "NAMA PER-ORANGAN / BADAN HUKUM", width=2.2),
            Column("luas", "JUMLAH (M²)", width=1.2),
            Column(
                "status",
                "STATUS HAK TANAH (M²)",
                children=(
                    Column(
                        "sertifikat",
                        "SUDAH BERSERTIFIKAT",
                        children=_cols("s", ("HM", "HGB", "HP", "HGU", "HPL")),
                    ),
                    Column("belum", "BELUM BERSERTIFIKAT", children=_cols("b", ("MA", "VI", "TN"))),
                ),
            ),
            Column(
                "penggunaan",
                "PENGGUNAAN TANAH (M²)",
                children=(
                    Column(
                        "non",
                        "NON PERTANIAN",
                        children=_cols(
                            "n",
                            (
                                "PERUMAHAN",
                                "PERDAGANGAN DAN JASA",
                                "PERKANTORAN",
                                "INDUSTRI",
                                "FASILITAS UMUM",
                            ),
                        ),
                    ),
                    Column(
                        "pertanian",
                        "PERTANIAN",
                        children=_cols(
                            "t",
                            (
                                "SAWAH",
                                "TEGALAN",
                                "PERKEBUNAN",
                                "PETERNAKAN/PERIKANAN",
                                "HUTAN BELUKAR",
                                "HUTAN LEBAT/LINDUNG",
                                "TANAH KOSONG",
                                "LAIN-LAIN",
                            ),
                        ),
                    ),
                ),
            ),
            Column("mutasi", "MUTASI", width=1.3),
            Column("ket", "KET", width=1.8),
        ),
        rows=tanah_desa_rows,
    )
)
