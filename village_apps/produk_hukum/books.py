"""The legal products' books (Permendagri 47/2016, Buku Administrasi Umum): A.1 Buku
Peraturan di Desa, A.2 Buku Keputusan Kepala Desa and A.9 Buku Lembaran Desa dan
Berita Desa, registered with ``village_apps.buku``. A product belongs to the period in
which it was enacted (promulgated, for the Lembaran/Berita book)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from village_apps.buku.choices import BookGroup
from village_apps.buku.registry import Book, Column, Periode, book_register
from village_apps.produk_hukum.choices import LEMBARAN, JenisProdukHukum
from village_apps.produk_hukum.models import ProdukHukum
from village_apps.produk_hukum.selectors import diundangkan_list, keputusan_list, peraturan_list


def nomor_tanggal(nomor: str, tanggal: date | None) -> str:
    """ "3 / 15-01-2026": a number and its date as the books print them."""
    return " / ".join(p for p in (nomor, tanggal.strftime("%d-%m-%Y") if tanggal else "") if p)


def _jenis(p: ProdukHukum) -> str:
    return str(JenisProdukHukum(p.jenis).label)  # official books stay Indonesian


def _in_periode(qs: Any, field: str, periode: Periode) -> Any:
    return qs.filter(**{f"{field}__gte": periode.start, f"{field}__lte": periode.end})


def peraturan_rows(periode: Periode, cari: str) -> Iterator[Sequence[Any]]:
    for p in _in_periode(peraturan_list(cari=cari), "tanggal_ditetapkan", periode):
        lembaran = p.jenis in LEMBARAN
        diundangkan = nomor_tanggal(p.nomor_diundangkan, p.tanggal_diundangkan)
        yield (
            _jenis(p),
            nomor_tanggal(p.nomor, p.tanggal_ditetapkan),
            p.tentang,
            p.uraian,
            p.tanggal_disepakati,
            nomor_tanggal(p.nomor_dilaporkan, p.tanggal_dilaporkan),
            diundangkan if lembaran else "",
            "" if lembaran else diundangkan,
            p.keterangan,
        )


def keputusan_rows(periode: Periode, cari: str) -> Iterator[Sequence[Any]]:
    for p in _in_periode(keputusan_list(cari=cari), "tanggal_ditetapkan", periode):
        yield (
            nomor_tanggal(p.nomor, p.tanggal_ditetapkan),
            p.tentang,
            p.uraian,
            nomor_tanggal(p.nomor_dilaporkan, p.tanggal_dilaporkan),
            p.keterangan,
        )


def lembaran_rows(periode: Periode, cari: str) -> Iterator[Sequence[Any]]:
    for p in _in_periode(diundangkan_list(cari=cari), "tanggal_diundangkan", periode):
        yield (
            _jenis(p),
            nomor_tanggal(p.nomor, p.tanggal_ditetapkan),
            p.tentang,
            p.tanggal_diundangkan,
            f"{'Lembaran' if p.jenis in LEMBARAN else 'Berita'} Desa {p.nomor_diundangkan}",
            p.keterangan,
        )


book_register(
    Book(
        slug="peraturan-di-desa",
        title=_("Buku Peraturan di Desa"),
        group=BookGroup.UMUM,
        code="A.1",
        module="produk_hukum",
        monthly=False,
        entry_url="produk_hukum:kelola",
        columns=(
            Column("jenis", "JENIS PERATURAN DI DESA", width=1.8),
            Column("ditetapkan", "NOMOR DAN TANGGAL DITETAPKAN", width=1.6),
            Column("tentang", "TENTANG", width=2.5),
            Column("uraian", "URAIAN SINGKAT", width=2.5),
            Column("disepakati", "TANGGAL KESEPAKATAN PERATURAN DESA", width=1.4),
            Column("dilaporkan", "NOMOR DAN TANGGAL DILAPORKAN", width=1.6),
            Column("lembaran", "NOMOR DAN TANGGAL DIUNDANGKAN DALAM LEMBARAN DESA", width=1.8),
            Column("berita", "NOMOR DAN TANGGAL DIUNDANGKAN DALAM BERITA DESA", width=1.8),
            Column("ket", "KET"),
        ),
        rows=peraturan_rows,
    )
)
book_register(
    Book(
        slug="keputusan-kepala-desa",
        title=_("Buku Keputusan Kepala Desa"),
        group=BookGroup.UMUM,
        code="A.2",
        module="produk_hukum",
        monthly=False,
        entry_url="produk_hukum:kelola",
        columns=(
            Column("ditetapkan", "NOMOR DAN TANGGAL KEPUTUSAN KEPALA DESA", width=2),
            Column("tentang", "TENTANG", width=3),
            Column("uraian", "URAIAN SINGKAT", width=3),
            Column("dilaporkan", "NOMOR DAN TANGGAL DILAPORKAN", width=2),
            Column("ket", "KET", width=1.5),
        ),
        rows=keputusan_rows,
    )
)
book_register(
    Book(
        slug="lembaran-berita-desa",
        title=_("Buku Lembaran Desa dan Berita Desa"),
        group=BookGroup.UMUM,
        code="A.9",
        module="produk_hukum",
        monthly=False,
        entry_url="produk_hukum:kelola",
        columns=(
            Column("jenis", "JENIS PERATURAN DI DESA", width=2),
            Column("ditetapkan", "NOMOR DAN TANGGAL DITETAPKAN", width=2),
            Column("tentang", "TENTANG", width=3),
            Column(
                "diundangkan",
                "DIUNDANGKAN DALAM",
                children=(
                    Column("tanggal", "TANGGAL", width=1.4),
                    Column("nomor", "NOMOR", width=1.8),
                ),
            ),
            Column("ket", "KET", width=1.5),
        ),
        rows=lembaran_rows,
    )
)
