"""Buku Administrasi Pembangunan (Permendagri 47/2016, C.1–C.4): the plan, the
activities and their results from the development projects (``pembangunan``), and the
cadres kept by this app."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from village_apps.buku.choices import BookGroup
from village_apps.buku.registry import Book, Column, Periode, book_register
from village_apps.buku.selectors import kader_list
from village_apps.referensi import Sex

# Where a project's money is printed: the regulation's four source columns.
_SUMBER = {"dd": "pemerintah", "add": "pemerintah", "pad": "pemerintah", "lain": "pemerintah",
           "prov": "provinsi", "kab": "kabupaten", "swadaya": "swadaya"}  # fmt: skip
_SUMBER_KOLOM = ("pemerintah", "provinsi", "kabupaten", "swadaya")


def _proyek(periode: Periode, cari: str) -> Any:
    from village_apps.pembangunan.selectors import proyek_list

    return proyek_list(tahun=periode.tahun, cari=cari).order_by("nama", "id")


def _dana(proyek: Any) -> tuple[Any, ...]:
    """The budget under the column of the project's first source (a project keeps one
    amount; its other sources are named in KET)."""
    kolom = _SUMBER.get((proyek.sumber_dana or ["lain"])[0], "pemerintah")
    return tuple(proyek.anggaran if k == kolom else None for k in _SUMBER_KOLOM)


def _ket(proyek: Any) -> str:
    lain = proyek.sumber_dana[1:] if proyek.sumber_dana else []
    if not lain:
        return proyek.keterangan
    from village_apps.pembangunan.choices import SumberDana

    nama = ", ".join(str(SumberDana(s).label) for s in lain if s in SumberDana.values)
    return "; ".join(x for x in (f"Juga: {nama}", proyek.keterangan) if x)


def _sumber_cols() -> Column:
    return Column(
        "sumber_dana",
        "SUMBER DANA",
        children=(
            Column("pemerintah", "PEMERINTAH", width=1.3),
            Column("provinsi", "PROVINSI", width=1.3),
            Column("kabupaten", "KAB/KOTA", width=1.3),
            Column("swadaya", "SWADAYA", width=1.3),
        ),
    )


def rencana_rows(periode: Periode, cari: str) -> Iterator[Sequence[Any]]:
    for p in _proyek(periode, cari):
        yield (p.nama, p.lokasi, *_dana(p), p.anggaran, p.pelaksana, "", _ket(p))


def kegiatan_rows(periode: Periode, cari: str) -> Iterator[Sequence[Any]]:
    for p in _proyek(periode, cari).filter(progres__gt=0):
        yield (p.nama, p.volume, *_dana(p), p.anggaran, str(p.tahun), "", "", p.pelaksana, _ket(p))


def hasil_rows(periode: Periode, cari: str) -> Iterator[Sequence[Any]]:
    for p in _proyek(periode, cari).filter(progres__gte=100):
        yield (p.nama, p.volume, p.anggaran, p.lokasi, p.keterangan)


def _umur(lahir: date | None, pada: date) -> int | None:
    if lahir is None:
        return None
    return pada.year - lahir.year - ((pada.month, pada.day) < (lahir.month, lahir.day))


def kader_rows(periode: Periode, cari: str) -> Iterator[Sequence[Any]]:
    for k in kader_list(cari=cari, sampai=periode.end):
        yield (
            k.nama,
            _umur(k.tanggal_lahir, periode.end),
            "L" if k.sex == Sex.LAKI_LAKI else "P",
            k.pendidikan,
            k.bidang,
            k.alamat,
            k.keterangan,
        )


book_register(
    Book(
        slug="rencana-kerja-pembangunan",
        title=_("Buku Rencana Kerja Pembangunan"),
        group=BookGroup.PEMBANGUNAN,
        code="C.1",
        monthly=False,
        totals=True,
        columns=(
            Column("nama", "NAMA PROYEK / KEGIATAN", width=2.5),
            Column("lokasi", "LOKASI", width=1.8),
            _sumber_cols(),
            Column("jumlah", "JUMLAH", width=1.4),
            Column("pelaksana", "PELAKSANA", width=1.5),
            Column("manfaat", "MANFAAT", width=1.5),
            Column("ket", "KET", width=1.5),
        ),
        rows=rencana_rows,
    )
)

book_register(
    Book(
        slug="kegiatan-pembangunan",
        title=_("Buku Kegiatan Pembangunan"),
        group=BookGroup.PEMBANGUNAN,
        code="C.2",
        monthly=False,
        totals=True,
        columns=(
            Column("nama", "NAMA PROYEK / KEGIATAN", width=2.5),
            Column("volume", "VOLUME"),
            _sumber_cols(),
            Column("jumlah", "JUMLAH", width=1.4),
            Column("waktu", "WAKTU"),
            Column(
                "sifat",
                "SIFAT PROYEK",
                children=(Column("baru", "BARU"), Column("lanjutan", "LANJUTAN")),
            ),
            Column("pelaksana", "PELAKSANA", width=1.5),
            Column("ket", "KET", width=1.5),
        ),
        rows=kegiatan_rows,
    )
)

book_register(
    Book(
        slug="inventaris-hasil-pembangunan",
        title=_("Buku Inventaris Hasil-hasil Pembangunan"),
        group=BookGroup.PEMBANGUNAN,
        code="C.3",
        monthly=False,
        landscape=False,
        totals=True,
        columns=(
            Column("nama", "JENIS / NAMA HASIL PEMBANGUNAN", width=3),
            Column("volume", "VOLUME"),
            Column("biaya", "BIAYA", width=1.4),
            Column("lokasi", "LOKASI", width=2),
            Column("ket", "KET", width=1.5),
        ),
        rows=hasil_rows,
    )
)

book_register(
    Book(
        slug="kader-pemberdayaan-masyarakat",
        title=_("Buku Kader Pemberdayaan Masyarakat"),
        group=BookGroup.PEMBANGUNAN,
        code="C.4",
        monthly=False,
        landscape=False,
        entry_url="buku:kader",
        columns=(
            Column("nama", "NAMA", width=2.5),
            Column("umur", "UMUR", width=0.6),
            Column("jenis_kelamin", "JENIS KELAMIN", width=0.8),
            Column("pendidikan", "PENDIDIKAN / KURSUS", width=2),
            Column("bidang", "BIDANG", width=1.8),
            Column("alamat", "ALAMAT", width=2.2),
            Column("ket", "KET", width=1.2),
        ),
        rows=kader_rows,
    )
)
