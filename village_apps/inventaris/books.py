"""A.3 Buku Inventaris dan Kekayaan Desa (Permendagri 47/2016), registered with
``village_apps.buku``: one row per asset the village held during the year, the
quantity under its origin, its condition at the start and the end of the year and its
disposal in the year, all derived from the dated mutations."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from village_apps.buku.choices import BookGroup
from village_apps.buku.registry import Book, Column, Periode, book_register
from village_apps.inventaris.choices import JenisMutasi, SumberAset
from village_apps.inventaris.selectors import inventaris_baris_list

ASAL = (
    SumberAset.APBDES,
    SumberAset.PEMERINTAH,
    SumberAset.PROVINSI,
    SumberAset.KABUPATEN,
    SumberAset.HIBAH,
)
KELUAR = (JenisMutasi.HAPUS, JenisMutasi.JUAL, JenisMutasi.PINDAHTANGAN)


def inventaris_rows(periode: Periode, cari: str) -> Iterator[Sequence[Any]]:
    for row in inventaris_baris_list(tahun=periode.tahun, cari=cari):
        aset, n = row.aset, row.aset.jumlah
        jenis = " ".join(p for p in (aset.nama, aset.spesifikasi) if p)
        ket = [aset.keterangan] if aset.keterangan else []
        if aset.sumber == SumberAset.LAIN:
            ket.insert(0, "Asal lain")
        if aset.kode_barang or aset.nomor_register:
            ket.insert(0, f"Kode {aset.kode_barang} Reg. {aset.nomor_register}".strip())
        yield (
            jenis,
            *(n if aset.sumber == s else None for s in ASAL),
            aset.tanggal_perolehan,
            n if row.kondisi_awal_tahun == "baik" else None,
            n if row.kondisi_awal_tahun == "rusak" else None,
            *(n if row.keluar and row.keluar.jenis == j else None for j in KELUAR),
            row.keluar.tanggal if row.keluar else None,
            n if row.kondisi_akhir_tahun == "baik" else None,
            n if row.kondisi_akhir_tahun == "rusak" else None,
            "; ".join(ket),
        )


book_register(
    Book(
        slug="inventaris-kekayaan-desa",
        title=_("Buku Inventaris dan Kekayaan Desa"),
        group=BookGroup.UMUM,
        code="A.3",
        module="inventaris",
        monthly=False,
        entry_url="inventaris:daftar",
        columns=(
            Column("jenis", "JENIS BARANG/BANGUNAN", width=3),
            Column(
                "asal",
                "ASAL BARANG/BANGUNAN",
                children=(
                    Column("dibeli", "DIBELI SENDIRI"),
                    Column(
                        "bantuan",
                        "BANTUAN",
                        children=(
                            Column("pemerintah", "PEMERINTAH"),
                            Column("provinsi", "PROVINSI"),
                            Column("kabkota", "KAB/KOTA"),
                        ),
                    ),
                    Column("sumbangan", "SUMBANGAN"),
                ),
            ),
            Column("tanggal", "TANGGAL PEROLEHAN", width=1.3),
            Column(
                "awal",
                "KEADAAN BARANG/BANGUNAN AWAL TAHUN",
                children=(Column("awal_baik", "BAIK"), Column("awal_rusak", "RUSAK")),
            ),
            Column(
                "hapus",
                "PENGHAPUSAN BARANG DAN BANGUNAN",
                children=(
                    Column("rusak", "RUSAK"),
                    Column("dijual", "DIJUAL"),
                    Column("disumbangkan", "DISUMBANGKAN"),
                    Column("tgl_hapus", "TANGGAL PENGHAPUSAN", width=1.3),
                ),
            ),
            Column(
                "akhir",
                "KEADAAN BARANG/BANGUNAN AKHIR TAHUN",
                children=(Column("akhir_baik", "BAIK"), Column("akhir_rusak", "RUSAK")),
            ),
            Column("ket", "KET", width=2),
        ),
        rows=inventaris_rows,
        totals=True,
    )
)
